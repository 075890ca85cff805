//! Saving, writing and quitting, as effects the edge carries out and reports back; the draft's
//! text; another path after a failed save or write.

use crate::form::file;
use crate::form::package::Office;
use crate::i18n::{Catalog, Lang};

use super::{Confirm, Effect, Note, Overlay, Retry, Screen, Slot, Wizard};

/// The first line of a draft written while a field had the focus: `# jixiao-draft-at: PATH`,
/// where a restored draft puts the focus back. A comment to TOML; [`split_draft`] takes it off
/// before a draft is read, so it never travels into the data file.
const DRAFT_AT: &str = "# jixiao-draft-at: ";

/// The draft's content at one moment: the package (shared with the wizard until it changes),
/// the field being edited, whose text is not in the package yet, and the focused field.
#[derive(Clone, Debug)]
pub struct Snapshot {
    pkg: std::sync::Arc<crate::form::Package>,
    editing: Option<(String, String)>,
    at: Option<String>,
}

/// A form path as the draft's first line may hold it: printable ASCII, nothing else.
fn plain_path(p: &str) -> bool {
    !p.is_empty() && p.len() <= 200 && p.bytes().all(|b| b.is_ascii_graphic())
}

/// A draft's bytes split into where its focus was, the rest (the package's TOML) and how
/// many lines were taken off. Every first line that begins like [`DRAFT_AT`] is taken off,
/// whatever follows it (an empty, overlong or hostile path, a second such line): none may
/// reach the data file or stop the package from being read. The path is the first line's,
/// when it is a plain path (the wizard looks it up in the form).
#[must_use]
pub fn split_draft(bytes: &[u8]) -> (Option<String>, &[u8], usize) {
    let marker = DRAFT_AT.trim_end().as_bytes();
    let mut rest = bytes;
    let mut at = None;
    let mut skipped = 0;
    while let Some(after) = rest.strip_prefix(marker) {
        let end = after.iter().position(|b| *b == b'\n').unwrap_or(after.len());
        if skipped == 0 {
            at = std::str::from_utf8(&after[..end]).ok().map(str::trim).filter(|p| plain_path(p)).map(str::to_string);
        }
        rest = &after[(end + 1).min(after.len())..];
        skipped += 1;
    }
    (at, rest, skipped)
}

impl Snapshot {
    /// The draft file's text (the whole package serialised: proportional to the package). A
    /// blank new row (nothing in it but what the form filled) is left out: restored, it would
    /// be a row like any other, with its errors, no longer removed as blank.
    #[must_use]
    pub fn text(&self) -> String {
        let save = |p: &crate::form::Package| {
            let kept = p.without_filled_rows();
            file::save(kept.as_ref().unwrap_or(p), Catalog::get(Lang::ZhCn))
        };
        let body = match &self.editing {
            Some((path, text)) => {
                let mut pkg = (*self.pkg).clone();
                pkg.set(path, text.clone());
                save(&pkg)
            }
            None => save(&self.pkg),
        };
        match self.at.as_deref().filter(|p| plain_path(p)) {
            Some(at) => format!("{DRAFT_AT}{at}\n{body}"),
            None => body,
        }
    }
}

impl Wizard {
    /// The draft's text: the package with the field being edited included, after a first
    /// line naming the focused field ([`split_draft`]).
    #[must_use]
    pub fn draft(&self) -> String {
        self.snapshot().text()
    }

    /// What the draft would hold, without writing it out: the package as it is (shared, not
    /// copied) and the field being edited with its text. Costs what the edited text costs,
    /// whatever the package holds; [`Snapshot::text`] does the serialising, off the path
    /// between a key and its frame.
    #[must_use]
    pub fn snapshot(&self) -> Snapshot {
        let editing = match (self.editor_text(), self.slot().and_then(Slot::path)) {
            (Some(text), Some(path)) => Some((path.to_string(), text)),
            _ => None,
        };
        let at = self.slot().and_then(Slot::path).map(str::to_string);
        Snapshot { pkg: std::sync::Arc::clone(&self.pkg), editing, at }
    }

    /// The draft's snapshot when something is not saved (`None`: nothing to keep).
    #[must_use]
    pub fn unsaved(&self) -> Option<Snapshot> {
        self.drafting().then(|| self.snapshot())
    }

    /// Whether there is something unsaved for the draft to keep. Never while only looking, nor
    /// while a draft found at start is offered and not yet restored or discarded: that draft
    /// is someone's unsaved work, and what this session holds (the file, with `--answers`
    /// merged in) must not take its place. The full screen and plain mode both ask this.
    #[must_use]
    pub fn drafting(&self) -> bool {
        (self.dirty || self.editing()) && !self.read_only && self.draft_offer.is_none()
    }

    /// The data file's text.
    #[must_use]
    pub fn data_text(&self) -> String {
        file::save(&self.pkg, Catalog::get(Lang::ZhCn))
    }

    /// The report's text: in Chinese whatever the interface language, since it is the
    /// official document the finance bureau receives.
    #[must_use]
    pub fn report_text(&self) -> String {
        crate::form::report(&self.pkg, &self.profile, Catalog::get(Lang::ZhCn))
    }

    pub(super) fn quit(&mut self) -> Effect {
        self.commit();
        self.drop_fresh_row();
        self.settle_unsaved();
        if self.dirty && !self.read_only {
            self.overlay = Some(Overlay::Confirm(Confirm::Quit));
            Effect::None
        } else {
            Effect::Quit
        }
    }

    pub(super) fn save(&mut self) -> Effect {
        self.commit();
        if self.read_only {
            self.note = Some(Note::error("note.read_only", vec![]));
            return Effect::None;
        }
        // A blank new row is no part of what is saved (nor kept after it).
        self.drop_fresh_row();
        Effect::SaveData(self.data_text())
    }

    pub(super) fn start_write(&mut self) -> Effect {
        self.commit();
        if self.read_only {
            self.note = Some(Note::error("note.read_only", vec![]));
            return Effect::None;
        }
        let (errors, _) = self.counts();
        if errors > 0 {
            self.overlay = Some(Overlay::Confirm(Confirm::WriteWithErrors(errors)));
            return Effect::None;
        }
        self.write_checked_overwrite()
    }

    pub(super) fn write_checked_overwrite(&mut self) -> Effect {
        let mut existing = Vec::new();
        if self.files.data_exists {
            existing.push(self.files.data.clone());
        }
        if self.files.report_exists {
            existing.push(self.files.report.clone());
        }
        if existing.is_empty() {
            self.write_now()
        } else {
            self.overlay = Some(Overlay::Confirm(Confirm::Overwrite(existing)));
            Effect::None
        }
    }

    pub(super) fn write_now(&mut self) -> Effect {
        match self.office_files() {
            Ok(office) => Effect::WriteAll { data: self.data_text(), report: self.report_text(), office },
            Err(e) => {
                self.note = Some(Note::error("note.write_failed", vec![("error", e.to_string())]));
                Effect::None
            }
        }
    }

    /// The office files the user chose (`[jixiao] exports`), rendered from the report's layout.
    ///
    /// # Errors
    /// A renderer's message.
    pub fn office_files(&self) -> Result<Vec<(&'static str, Vec<u8>)>, crate::export::Error> {
        if self.pkg.exports.is_empty() {
            return Ok(Vec::new());
        }
        // The documents are in Chinese whatever the interface language (as the report).
        let zh = Catalog::get(Lang::ZhCn);
        let layout = self.pkg.form().behaviour.layout(&self.pkg, &self.profile, zh);
        let mut out = Vec::new();
        for o in &self.pkg.exports {
            for part in crate::export::render(&layout, *o, false, zh)? {
                out.push((o.ext(), part.bytes));
            }
        }
        Ok(out)
    }

    /// Where an office file goes, as shown: beside the data file, with its extension.
    #[must_use]
    pub fn office_path(&self, o: Office) -> String {
        std::path::Path::new(&self.files.data).with_extension(o.ext()).display().to_string()
    }

    /// Writes `o` too at the next write, or no longer; remembered in the data file.
    pub(super) fn toggle_export(&mut self, o: Office) {
        if self.read_only {
            self.note = Some(Note::error("note.read_only", vec![]));
            return;
        }
        match self.pkg.exports.iter().position(|x| *x == o) {
            Some(i) => {
                self.pkg_mut().exports.remove(i);
            }
            None => {
                let pkg = self.pkg_mut();
                pkg.exports.push(o);
                pkg.exports.sort_unstable();
            }
        }
        self.dirty = true;
    }

    pub(super) fn saved(&mut self, r: Result<(), String>) {
        match r {
            Ok(()) => {
                self.stored();
                // A report written earlier beside the file no longer matches it: say so.
                self.note = Some(if self.files.report_exists {
                    Note::info(
                        "note.saved_report_stale",
                        vec![("path", self.files.data.clone()), ("report", self.files.report.clone())],
                    )
                } else {
                    Note::info("note.saved", vec![("path", self.files.data.clone())])
                });
            }
            Err(e) => self.store_failed("note.save_failed", e, Retry::Save),
        }
    }

    pub(super) fn wrote(&mut self, r: Result<(), String>) {
        match r {
            Ok(()) => {
                self.stored();
                self.files.report_exists = true;
                self.screen = Screen::Done;
                self.note = None;
            }
            Err(e) => self.store_failed("note.write_failed", e, Retry::Write),
        }
    }

    pub(super) fn relocated(&mut self) -> Effect {
        match self.pending.take() {
            Some(Retry::Save) => self.save(),
            Some(Retry::Write) => self.write_checked_overwrite(),
            None => Effect::None,
        }
    }

    /// The data file holds what was typed: nothing unsaved, and no draft warning (a later
    /// draft failure says so again).
    fn stored(&mut self) {
        self.dirty = false;
        self.baseline = std::sync::Arc::clone(&self.pkg);
        self.files.data_exists = true;
        self.draft_error = None;
    }

    /// A save or write failed: say why and ask for another path, then retry there.
    fn store_failed(&mut self, note: &'static str, error: String, retry: Retry) {
        self.note = Some(Note::error(note, vec![("error", error)]));
        self.pending = Some(retry);
        self.overlay = Some(Overlay::PathPrompt { input: self.files.data.clone() });
    }
}

#[cfg(test)]
mod tests {
    use super::{DRAFT_AT, split_draft};

    /// Every first line that says where the focus was comes off, whatever it holds; the path
    /// is kept only when it is plain.
    #[test]
    fn a_drafts_first_line_says_the_focus_and_comes_off() {
        let body = "[sheet]\nfield = \"单位\"\n";
        for (text, at, skipped) in [
            (format!("{DRAFT_AT}sheet.table.3.col\n{body}"), Some("sheet.table.3.col"), 1),
            (format!("{DRAFT_AT}sheet.field\r\n{body}"), Some("sheet.field"), 1),
            (format!("{DRAFT_AT}sheet.field  \n{body}"), Some("sheet.field"), 1),
            (format!("{DRAFT_AT}sheet.field\n{DRAFT_AT}sheet.other\n{body}"), Some("sheet.field"), 2),
            (format!("{DRAFT_AT}\n{body}"), None, 1),
            (format!("# jixiao-draft-at:\n{body}"), None, 1),
            (format!("# jixiao-draft-at:sheet.field\n{body}"), Some("sheet.field"), 1),
            (format!("{DRAFT_AT}单位\n{body}"), None, 1),
            (format!("{DRAFT_AT}a b\n{body}"), None, 1),
            (format!("{DRAFT_AT}\u{1b}[2J\u{7}sheet.field\n{body}"), None, 1),
            (format!("{DRAFT_AT}sheet.\0field\n{body}"), None, 1),
            (format!("{DRAFT_AT}{}\n{body}", "x".repeat(201)), None, 1),
            (body.to_string(), None, 0),
        ] {
            let (got, left, n) = split_draft(text.as_bytes());
            assert_eq!((got.as_deref(), left, n), (at, body.as_bytes(), skipped), "{text:?}");
        }
        let mut bytes = DRAFT_AT.as_bytes().to_vec();
        bytes.extend([0xff, 0xfe, b'\n']);
        bytes.extend(body.as_bytes());
        assert_eq!(split_draft(&bytes), (None, body.as_bytes(), 1), "not UTF-8");
        assert_eq!(split_draft(DRAFT_AT.as_bytes()), (None, &b""[..], 1));
    }
}
