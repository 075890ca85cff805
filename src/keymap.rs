//! Keys to actions, in one table. The same table handles the keys and builds the help line,
//! so the help can never drift from what the keys do. Pure: the terminal edge turns its
//! events into [`Key`] values.

/// A key code, independent of the terminal library.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Code {
    /// A printable character.
    Char(char),
    /// Enter / Return.
    Enter,
    /// Tab.
    Tab,
    /// Shift-Tab.
    BackTab,
    /// Escape.
    Esc,
    /// Backspace.
    Backspace,
    /// Delete.
    Delete,
    /// Insert.
    Insert,
    /// Arrow up.
    Up,
    /// Arrow down.
    Down,
    /// Arrow left.
    Left,
    /// Arrow right.
    Right,
    /// Home.
    Home,
    /// End.
    End,
    /// Page up.
    PageUp,
    /// Page down.
    PageDown,
    /// Function key.
    F(u8),
}

/// A key press with modifiers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Key {
    /// The key.
    pub code: Code,
    /// Ctrl held.
    pub ctrl: bool,
    /// Alt held.
    pub alt: bool,
    /// Shift held.
    pub shift: bool,
}

impl Key {
    /// A key without modifiers.
    #[must_use]
    pub const fn plain(code: Code) -> Self {
        Self { code, ctrl: false, alt: false, shift: false }
    }

    /// Ctrl + a letter.
    #[must_use]
    pub const fn ctrl(c: char) -> Self {
        Self { code: Code::Char(c), ctrl: true, alt: false, shift: false }
    }

    /// Alt + a key.
    #[must_use]
    pub const fn alt(code: Code) -> Self {
        Self { code, ctrl: false, alt: true, shift: false }
    }
}

/// What a key does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Act {
    /// Commit and go to the next slot.
    Next,
    /// Commit and go to the previous slot.
    Prev,
    /// Slot above.
    Up,
    /// Slot below.
    Down,
    /// Next section (refused while this one has errors).
    NextSection,
    /// Previous section (always allowed).
    PrevSection,
    /// Section map (jump anywhere).
    Map,
    /// Review screen.
    Review,
    /// Save the data file.
    Save,
    /// Write data file and report (review screen).
    Write,
    /// Quit (asks first when something is unsaved).
    Quit,
    /// Help for the focused field.
    Help,
    /// Undo in the focused field.
    Undo,
    /// Redo in the focused field.
    Redo,
    /// Clear the focused field.
    Clear,
    /// Open the picker / press the button.
    Activate,
    /// Add a table row below the focused one.
    AddRow,
    /// Delete the focused table row.
    DeleteRow,
    /// Move the focused row up.
    RowUp,
    /// Move the focused row down.
    RowDown,
    /// Confirm (dialogs).
    Yes,
    /// Cancel / close (dialogs, popups).
    Cancel,
}

/// When a binding applies.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum When {
    /// Always (on section screens).
    Always,
    /// The focused slot is a single-line text editor.
    Line,
    /// The focused slot is a multi-line text editor.
    Text,
    /// The focused slot is not a text editor (choice, computed, button).
    NotText,
    /// The focused slot is a long text whose editor is not open yet.
    Closed,
    /// The focused slot is in a table.
    InTable,
    /// On the review screen.
    Review,
    /// In a dialog, picker or popup.
    Dialog,
}

/// The context keys are resolved in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Context {
    /// A dialog or popup is open.
    pub dialog: bool,
    /// On the review screen.
    pub review: bool,
    /// Focused slot edits single-line text.
    pub line: bool,
    /// Focused slot edits multi-line text.
    pub text: bool,
    /// Focused slot is a long text not opened yet (typing opens it).
    pub closed: bool,
    /// Focused slot is in a table row.
    pub in_table: bool,
}

impl When {
    fn holds(self, c: Context) -> bool {
        match self {
            Self::Dialog => c.dialog,
            _ if c.dialog => false,
            Self::Review => c.review,
            _ if c.review => false,
            Self::Always => true,
            Self::Line => c.line,
            Self::Text => c.text,
            Self::NotText => !c.line && !c.text && !c.closed,
            Self::Closed => c.closed,
            Self::InTable => c.in_table,
        }
    }
}

/// One binding: keys, condition, action, and its help label (`None` = not shown).
pub struct Binding {
    /// The keys.
    pub keys: &'static [Key],
    /// When it applies.
    pub when: When,
    /// What it does.
    pub act: Act,
    /// How the help line names the keys (locale key `keys.<name>`), and the action (`act.<name>`).
    pub help: Option<&'static str>,
}

const fn k(code: Code) -> Key {
    Key::plain(code)
}

/// The key table, first match wins.
pub const BINDINGS: &[Binding] = &[
    Binding {
        keys: &[k(Code::Enter), k(Code::Char('y')), k(Code::Char('Y'))],
        when: When::Dialog,
        act: Act::Yes,
        help: Some("yes"),
    },
    Binding {
        keys: &[k(Code::Esc), k(Code::Char('n')), k(Code::Char('N')), Key::ctrl('c')],
        when: When::Dialog,
        act: Act::Cancel,
        help: Some("cancel"),
    },
    Binding { keys: &[k(Code::Up)], when: When::Dialog, act: Act::Up, help: None },
    Binding { keys: &[k(Code::Down)], when: When::Dialog, act: Act::Down, help: None },
    Binding { keys: &[k(Code::Up)], when: When::Review, act: Act::Up, help: None },
    Binding { keys: &[k(Code::Down)], when: When::Review, act: Act::Down, help: None },
    Binding { keys: &[k(Code::Enter)], when: When::Review, act: Act::Activate, help: Some("jump") },
    Binding {
        keys: &[Key::ctrl('w'), k(Code::Char('w')), k(Code::F(10))],
        when: When::Review,
        act: Act::Write,
        help: Some("write"),
    },
    Binding { keys: &[k(Code::PageUp), Key::ctrl('p')], when: When::Review, act: Act::PrevSection, help: Some("back") },
    Binding { keys: &[k(Code::F(2)), Key::ctrl('g')], when: When::Review, act: Act::Map, help: Some("map") },
    Binding { keys: &[Key::ctrl('s')], when: When::Review, act: Act::Save, help: Some("save") },
    Binding {
        keys: &[k(Code::Esc), Key::ctrl('c'), Key::ctrl('q')],
        when: When::Review,
        act: Act::Quit,
        help: Some("quit"),
    },
    Binding { keys: &[k(Code::Tab)], when: When::Always, act: Act::Next, help: Some("next") },
    Binding { keys: &[k(Code::BackTab)], when: When::Always, act: Act::Prev, help: None },
    Binding { keys: &[k(Code::Enter)], when: When::Line, act: Act::Next, help: None },
    Binding { keys: &[k(Code::Enter)], when: When::Closed, act: Act::Activate, help: None },
    Binding { keys: &[k(Code::Up)], when: When::Closed, act: Act::Up, help: None },
    Binding { keys: &[k(Code::Down)], when: When::Closed, act: Act::Down, help: None },
    Binding { keys: &[k(Code::Left)], when: When::Closed, act: Act::Prev, help: None },
    Binding { keys: &[k(Code::Right)], when: When::Closed, act: Act::Next, help: None },
    Binding { keys: &[k(Code::Enter), k(Code::Char(' '))], when: When::NotText, act: Act::Activate, help: None },
    Binding { keys: &[k(Code::Up)], when: When::Line, act: Act::Up, help: None },
    Binding { keys: &[k(Code::Down)], when: When::Line, act: Act::Down, help: None },
    Binding { keys: &[k(Code::Up)], when: When::NotText, act: Act::Up, help: None },
    Binding { keys: &[k(Code::Down)], when: When::NotText, act: Act::Down, help: None },
    Binding { keys: &[k(Code::Left)], when: When::NotText, act: Act::Prev, help: None },
    Binding { keys: &[k(Code::Right)], when: When::NotText, act: Act::Next, help: None },
    Binding {
        keys: &[k(Code::PageDown), Key::ctrl('n')],
        when: When::Always,
        act: Act::NextSection,
        help: Some("next_section"),
    },
    Binding { keys: &[k(Code::PageUp), Key::ctrl('p')], when: When::Always, act: Act::PrevSection, help: None },
    Binding { keys: &[k(Code::F(2)), Key::ctrl('g')], when: When::Always, act: Act::Map, help: Some("map") },
    Binding { keys: &[k(Code::F(10)), Key::ctrl('e')], when: When::Always, act: Act::Review, help: Some("review") },
    Binding { keys: &[Key::ctrl('s')], when: When::Always, act: Act::Save, help: Some("save") },
    Binding { keys: &[k(Code::F(1))], when: When::Always, act: Act::Help, help: Some("help") },
    Binding { keys: &[k(Code::Char('?'))], when: When::NotText, act: Act::Help, help: None },
    Binding { keys: &[Key::ctrl('z')], when: When::Always, act: Act::Undo, help: None },
    Binding { keys: &[Key::ctrl('y')], when: When::Always, act: Act::Redo, help: None },
    Binding { keys: &[Key::ctrl('u')], when: When::Always, act: Act::Clear, help: None },
    Binding { keys: &[Key::ctrl('o'), k(Code::Insert)], when: When::InTable, act: Act::AddRow, help: Some("add_row") },
    Binding { keys: &[Key::ctrl('d')], when: When::InTable, act: Act::DeleteRow, help: Some("delete_row") },
    Binding { keys: &[Key::alt(Code::Up)], when: When::InTable, act: Act::RowUp, help: None },
    Binding { keys: &[Key::alt(Code::Down)], when: When::InTable, act: Act::RowDown, help: None },
    Binding {
        keys: &[k(Code::Esc), Key::ctrl('c'), Key::ctrl('q')],
        when: When::Always,
        act: Act::Quit,
        help: Some("quit"),
    },
];

/// The action for a key in a context; `None` means "type it into the focused field".
#[must_use]
pub fn resolve(key: Key, ctx: Context) -> Option<Act> {
    BINDINGS.iter().find(|b| b.when.holds(ctx) && b.keys.contains(&key)).map(|b| b.act)
}

/// The bindings shown in the help line for a context: (keys label key, action label key).
#[must_use]
pub fn help(ctx: Context) -> Vec<&'static str> {
    let mut out: Vec<&'static str> = Vec::new();
    for b in BINDINGS {
        if let Some(h) = b.help {
            if b.when.holds(ctx) && !out.contains(&h) {
                out.push(h);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const LINE: Context =
        Context { dialog: false, review: false, line: true, text: false, closed: false, in_table: false };

    #[test]
    fn resolves_by_context() {
        assert_eq!(resolve(k(Code::Enter), LINE), Some(Act::Next));
        let text = Context { line: false, text: true, ..LINE };
        assert_eq!(resolve(k(Code::Enter), text), None, "Enter is a newline in long text");
        let closed = Context { line: false, closed: true, ..LINE };
        assert_eq!(resolve(k(Code::Enter), closed), Some(Act::Activate), "Enter opens a closed long text");
        assert_eq!(resolve(k(Code::Char('?')), closed), None, "? is typed (and opens the text)");
        assert_eq!(resolve(k(Code::Char(' ')), closed), None, "a space is typed");
        assert_eq!(resolve(k(Code::Down), closed), Some(Act::Down));
        assert_eq!(resolve(k(Code::Char('?')), LINE), None, "? is typed in a text field");
        let choice = Context { line: false, ..LINE };
        assert_eq!(resolve(k(Code::Char('?')), choice), Some(Act::Help));
        let dialog = Context { dialog: true, ..LINE };
        assert_eq!(resolve(k(Code::Esc), dialog), Some(Act::Cancel));
        assert_eq!(resolve(k(Code::Esc), LINE), Some(Act::Quit));
        assert_eq!(resolve(Key::ctrl('d'), LINE), None);
        assert_eq!(resolve(Key::ctrl('d'), Context { in_table: true, ..LINE }), Some(Act::DeleteRow));
        assert_eq!(resolve(k(Code::Char('a')), LINE), None);
    }

    #[test]
    fn help_line_comes_from_the_table() {
        let h = help(LINE);
        assert!(h.contains(&"next") && h.contains(&"save") && h.contains(&"quit"));
        assert!(!h.contains(&"add_row"));
        assert!(help(Context { in_table: true, ..LINE }).contains(&"add_row"));
    }
}
