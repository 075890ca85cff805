//! Commands: what plain mode (and a script) sends the wizard instead of keys. They take the
//! same path into the package as typing does (`Wizard::apply`: parsed once, autofilled,
//! re-checked), so there is no second validation path.

use crate::form::def::GroupKey;

use super::nav::At;
use super::{Effect, Note, Wizard};

/// A command to the wizard.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Command {
    /// Sets a field or table cell to a text, as typed (empty clears it).
    Set {
        /// The path.
        path: String,
        /// The text.
        text: String,
    },
    /// Picks option `index` (0-based) of a choice field.
    Pick {
        /// The path.
        path: String,
        /// The option's index.
        index: usize,
    },
    /// Adds a row at the end of a table (its path).
    AddRow(String),
    /// Adds a project sheet at the end.
    AddInstance(GroupKey),
    /// Shows a section (its index in the section list).
    Goto(usize),
    /// Saves the data file.
    Save,
    /// Writes the data file and the report, without asking.
    Write,
}

impl Wizard {
    /// Carries out a command; the effect is for the edge, as after a key.
    pub fn command(&mut self, c: Command) -> Effect {
        match c {
            Command::Set { path, text } => {
                self.commit();
                self.revealed.insert(path.clone());
                self.apply(vec![(path, text)]);
                self.load_editor();
                Effect::None
            }
            Command::Pick { path, index } => {
                let kind = self.kind_at(&path);
                if let Some(crate::form::def::Kind::Choice(ch)) = kind {
                    if let Some(v) = self.options(&path, ch).get(index) {
                        self.commit();
                        self.set_choice(&path, v.clone());
                        self.load_editor();
                    }
                }
                Effect::None
            }
            Command::AddRow(table) => {
                let at = self.pkg.rows_at(&table).len();
                self.insert_row(&table, at);
                Effect::None
            }
            Command::AddInstance(g) => {
                let at = self.pkg.instances(g).len();
                self.insert_instance(g, at);
                Effect::None
            }
            Command::Goto(i) => {
                self.enter(i, At::First);
                Effect::None
            }
            Command::Save => self.save(),
            Command::Write => {
                self.commit();
                if self.read_only {
                    self.note = Some(Note::error("note.read_only", vec![]));
                    return Effect::None;
                }
                self.write_now()
            }
        }
    }
}
