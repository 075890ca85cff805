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

impl Key {
    /// The key as terminals send it, made ours: Backspace sent as `^H` (0x08, which the terminal
    /// library reads as Ctrl-H) or as the DEL or BS character is Backspace; a CR or LF
    /// character is Enter and a TAB character is Tab; any other control character is dropped
    /// (`None`), never typed.
    #[must_use]
    pub fn normalize(self) -> Option<Self> {
        match self.code {
            Code::Char('h') if self.ctrl && !self.alt => Some(Self { code: Code::Backspace, ctrl: false, ..self }),
            Code::Char('\u{8}' | '\u{7f}') => Some(Self { code: Code::Backspace, ..self }),
            Code::Char('\r' | '\n') => Some(Self { code: Code::Enter, ..self }),
            Code::Char('\t') => Some(Self { code: Code::Tab, ..self }),
            Code::Char(c) if c.is_control() => None,
            _ => Some(self),
        }
    }

    /// The key with a full-width character (what a Chinese input method types: `２`, `？`,
    /// `ｙ`, the ideographic space) folded to its ASCII twin.
    #[must_use]
    pub fn folded(self) -> Self {
        match self.code {
            Code::Char(c) => Self { code: Code::Char(fold_char(c)), ..self },
            _ => self,
        }
    }
}

/// A full-width ASCII character (U+FF01..U+FF5E) as ASCII, the ideographic space as a space.
#[must_use]
pub fn fold_char(c: char) -> char {
    match c {
        '\u{ff01}'..='\u{ff5e}' => char::from_u32(u32::from(c) - 0xfee0).unwrap_or(c),
        '\u{3000}' => ' ',
        c => c,
    }
}

/// The choice a typed digit picks (`1`–`9`, full-width `１`–`９` too), counted from 1.
#[must_use]
pub fn choice_digit(c: char) -> Option<usize> {
    fold_char(c).to_digit(10).filter(|n| *n >= 1).and_then(|n| usize::try_from(n).ok())
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
    /// The slot to the left (any slot, not only Tab's stops).
    Left,
    /// The slot to the right.
    Right,
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
    /// Remove web markup from the focused text (W-23).
    CleanWeb,
    /// Close the open long-text editor (Esc while writing: not a quit).
    CloseText,
    /// Confirm (dialogs).
    Yes,
    /// Cancel / close (dialogs, popups).
    Cancel,
    /// Write this office file too, or no longer (review screen).
    Export(crate::form::package::Office),
}

impl Act {
    /// Whether the action changes the package or writes a file (refused read-only).
    #[must_use]
    pub fn edits(self) -> bool {
        matches!(
            self,
            Self::Save
                | Self::Write
                | Self::Undo
                | Self::Redo
                | Self::Clear
                | Self::AddRow
                | Self::DeleteRow
                | Self::RowUp
                | Self::RowDown
                | Self::CleanWeb
                | Self::Export(_)
        )
    }
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
    /// The package is open read-only (`--read-only`): keys that change or write it do nothing.
    pub read_only: bool,
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
    Binding { keys: &[k(Code::Right)], when: When::Review, act: Act::Right, help: None },
    Binding {
        keys: &[Key::ctrl('w'), k(Code::Char('w')), k(Code::F(10))],
        when: When::Review,
        act: Act::Write,
        help: Some("write"),
    },
    Binding { keys: &[k(Code::PageUp), Key::ctrl('p')], when: When::Review, act: Act::PrevSection, help: Some("back") },
    // The review screen's own line names these (“X / D”), so the help bar stays short.
    Binding {
        keys: &[k(Code::Char('x')), k(Code::Char('X'))],
        when: When::Review,
        act: Act::Export(crate::form::package::Office::Xlsx),
        help: None,
    },
    Binding {
        keys: &[k(Code::Char('d')), k(Code::Char('D'))],
        when: When::Review,
        act: Act::Export(crate::form::package::Office::Docx),
        help: None,
    },
    Binding { keys: &[k(Code::F(2)), Key::ctrl('g')], when: When::Review, act: Act::Map, help: Some("map") },
    Binding { keys: &[Key::ctrl('s')], when: When::Review, act: Act::Save, help: Some("save") },
    Binding {
        keys: &[k(Code::Esc), Key::ctrl('c'), Key::ctrl('q')],
        when: When::Review,
        act: Act::Quit,
        help: Some("quit"),
    },
    Binding { keys: &[k(Code::Esc)], when: When::Text, act: Act::CloseText, help: None },
    Binding { keys: &[k(Code::Tab)], when: When::Always, act: Act::Next, help: Some("next") },
    Binding { keys: &[k(Code::BackTab)], when: When::Always, act: Act::Prev, help: None },
    Binding { keys: &[k(Code::Enter)], when: When::Line, act: Act::Next, help: None },
    Binding { keys: &[k(Code::Enter)], when: When::Closed, act: Act::Activate, help: None },
    Binding { keys: &[k(Code::Up)], when: When::Closed, act: Act::Up, help: None },
    Binding { keys: &[k(Code::Down)], when: When::Closed, act: Act::Down, help: None },
    Binding { keys: &[k(Code::Left)], when: When::Closed, act: Act::Left, help: None },
    Binding { keys: &[k(Code::Right)], when: When::Closed, act: Act::Right, help: None },
    Binding { keys: &[k(Code::Enter), k(Code::Char(' '))], when: When::NotText, act: Act::Activate, help: None },
    Binding { keys: &[k(Code::Up)], when: When::Line, act: Act::Up, help: None },
    Binding { keys: &[k(Code::Down)], when: When::Line, act: Act::Down, help: None },
    Binding { keys: &[k(Code::Up)], when: When::NotText, act: Act::Up, help: None },
    Binding { keys: &[k(Code::Down)], when: When::NotText, act: Act::Down, help: None },
    Binding { keys: &[k(Code::Left)], when: When::NotText, act: Act::Left, help: None },
    Binding { keys: &[k(Code::Right)], when: When::NotText, act: Act::Right, help: None },
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
    Binding { keys: &[Key::ctrl('r')], when: When::Always, act: Act::CleanWeb, help: None },
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

/// The action for a key in a context; `None` means "type it into the focused field". A
/// full-width character (from a Chinese input method) does what its ASCII twin does: no
/// binding of a plain character applies while text is being typed, so this never takes a
/// character away from a text field.
#[must_use]
pub fn resolve(key: Key, ctx: Context) -> Option<Act> {
    let find = |key: Key| BINDINGS.iter().find(|b| b.when.holds(ctx) && b.keys.contains(&key)).map(|b| b.act);
    find(key).or_else(|| if key.folded() == key { None } else { find(key.folded()) })
}

/// Keys read together in one go (all the input that was already there) as the keys the user
/// pressed, mending what the terminal library makes of escape sequences it did not read whole:
///
/// - Alt+arrow sent as `ESC ESC [A` (rxvt, macOS Terminal) arrives as Esc, `[`, `A`; an escape
///   sequence whose ESC the link delivered apart from the rest arrives the same way. Such a run
///   is the key it encodes (arrows, Home, End, PgUp, PgDn, Insert, Delete, F1–F12, with Alt,
///   and the numeric keypad's digits and signs in application keypad mode); an unknown
///   sequence is dropped whole, never typed into a field.
/// - Esc followed at once by another key is that key with Alt (as the library does itself
///   when both arrive in one read): a lone Esc followed by more input is never a quit.
#[must_use]
pub fn decode_batch(keys: &[Key]) -> Vec<Key> {
    let mut out = Vec::with_capacity(keys.len());
    let mut i = 0;
    while i < keys.len() {
        let k = keys[i];
        let Some(next) = keys.get(i + 1).filter(|_| k == Key::plain(Code::Esc)) else {
            out.push(k);
            i += 1;
            continue;
        };
        match next.code {
            Code::Char(intro @ ('[' | 'O')) if !next.ctrl && !next.alt => {
                let (decoded, used) = escape_sequence(intro, &keys[i + 2..]);
                out.extend(decoded);
                i += 2 + used;
            }
            // Esc pressed twice at once: one Esc.
            Code::Esc => i += 1,
            _ => {
                out.push(Key { alt: true, ..*next });
                i += 2;
            }
        }
    }
    out
}

/// Decodes the rest of `ESC [` or `ESC O` from the keys after it: the key (if known) and how
/// many keys the sequence used.
fn escape_sequence(intro: char, rest: &[Key]) -> (Option<Key>, usize) {
    let mut params = String::new();
    for (n, k) in rest.iter().enumerate() {
        let Code::Char(c) = k.code else { return (None, n) };
        if k.ctrl || k.alt {
            return (None, n);
        }
        if c.is_ascii_digit() || c == ';' {
            params.push(c);
            continue;
        }
        if !('@'..='~').contains(&c) {
            return (None, n);
        }
        return (sequence_key(intro, &params, c), n + 1);
    }
    (None, rest.len())
}

/// The key of a complete `ESC [ params final` or `ESC O final`. Cursor and editing keys
/// carry Alt (the sequence came after an ESC of its own); `1;3A`-style modifiers are read.
fn sequence_key(intro: char, params: &str, fin: char) -> Option<Key> {
    let mut p = params.split(';');
    let number: Option<u8> = p.next().and_then(|n| n.parse().ok());
    let modifier = p.next().and_then(|m| m.parse::<u8>().ok()).unwrap_or(1).saturating_sub(1);
    let code = match (intro, fin, number) {
        (_, 'A', _) => Code::Up,
        (_, 'B', _) => Code::Down,
        (_, 'C', _) => Code::Right,
        (_, 'D', _) => Code::Left,
        (_, 'H', _) => Code::Home,
        (_, 'F', _) => Code::End,
        (_, 'P'..='S', _) => Code::F(fin as u8 - b'P' + 1),
        ('[', 'Z', _) => return Some(Key::plain(Code::BackTab)),
        ('[', '~', Some(n)) => match n {
            1 | 7 => Code::Home,
            2 => Code::Insert,
            3 => Code::Delete,
            4 | 8 => Code::End,
            5 => Code::PageUp,
            6 => Code::PageDown,
            11..=15 => Code::F(n - 10),
            17..=21 => Code::F(n - 11),
            23 | 24 => Code::F(n - 12),
            _ => return None,
        },
        // The numeric keypad in application keypad mode: `ESC O p` … `ESC O y` are 0–9.
        ('O', 'p'..='y', _) => return Some(Key::plain(Code::Char((fin as u8 - b'p' + b'0') as char))),
        ('O', 'M', _) => return Some(Key::plain(Code::Enter)),
        ('O', c, _) => {
            let sign = match c {
                'j' => '*',
                'k' => '+',
                'l' => ',',
                'm' => '-',
                'n' => '.',
                'o' => '/',
                'X' => '=',
                _ => return None,
            };
            return Some(Key::plain(Code::Char(sign)));
        }
        _ => return None,
    };
    Some(Key { code, alt: true, shift: modifier & 1 != 0, ctrl: modifier & 4 != 0 })
}

/// Fewest keys in one read that can be a paste. Keys typed ahead while the link lags also
/// arrive together, but rarely this many; a paste of a paragraph is far more.
pub const PASTE_MIN_KEYS: usize = 16;
/// Most time per key for a burst to count as a paste: a typist needs 30 ms or more per key,
/// key repeat about as much; keys already waiting in the input arrive microseconds apart.
pub const PASTE_MAX_PER_KEY: std::time::Duration = std::time::Duration::from_millis(2);
/// A burst this soon after a paste continues it (a long paste arrives in several reads).
pub const PASTE_CONTINUES: std::time::Duration = std::time::Duration::from_millis(100);

/// A paste that arrived as keys (a terminal without bracketed paste, or with it off): the
/// text, when the focus is a long text (`long_text`) and the keys read together (`keys`, over
/// `span` from the first to the last) came far faster than anyone types, or continue a paste
/// that ended `since_paste` ago. Its TABs and newlines are then text (CR LF is one newline),
/// not keys that move to the next field. `None`: they are keys.
#[must_use]
pub fn paste_burst(
    keys: &[Key],
    span: std::time::Duration,
    since_paste: Option<std::time::Duration>,
    long_text: bool,
) -> Option<String> {
    if !long_text || keys.is_empty() {
        return None;
    }
    // Keys typed ahead start with the key that leaves the text (Tab, Enter); a paste with text.
    let fast = keys.len() >= PASTE_MIN_KEYS
        && matches!(keys[0].code, Code::Char(_))
        && span <= PASTE_MAX_PER_KEY * u32::try_from(keys.len()).unwrap_or(u32::MAX);
    let continues = since_paste.is_some_and(|d| d <= PASTE_CONTINUES);
    if !fast && !continues {
        return None;
    }
    let mut text = String::with_capacity(keys.len());
    let mut after_cr = false;
    for k in keys {
        let lf = *k == Key::ctrl('j');
        match k.code {
            _ if lf && after_cr => {}
            _ if lf => text.push('\n'),
            Code::Char(c) if !k.ctrl && !k.alt => text.push(c),
            Code::Enter if !k.ctrl && !k.alt => text.push('\n'),
            Code::Tab if !k.ctrl && !k.alt => text.push('\t'),
            _ => return None,
        }
        after_cr = k.code == Code::Enter;
    }
    Some(text)
}

/// The bindings shown in the help line for a context (names for the locale's `keys.<name>`
/// and `act.<name>`), most useful first: those of where the focus is (a table's 加行/删行),
/// then the general ones; help and quit always last, so a line cut short keeps them.
#[must_use]
pub fn help(ctx: Context) -> Vec<&'static str> {
    let mut specific: Vec<&'static str> = Vec::new();
    let mut general: Vec<&'static str> = Vec::new();
    for b in BINDINGS {
        // Read-only, the keys that would change or write the package are not offered.
        if ctx.read_only && b.act.edits() {
            continue;
        }
        if let Some(h) = b.help {
            if b.when.holds(ctx) && !specific.contains(&h) && !general.contains(&h) {
                if b.when == When::Always || b.when == When::Review || b.when == When::Dialog {
                    general.push(h);
                } else {
                    specific.push(h);
                }
            }
        }
    }
    let last = ["help", "quit"];
    let mut out = specific;
    out.extend(general.iter().filter(|h| !last.contains(h)));
    out.extend(general.iter().filter(|h| last.contains(h)));
    out
}

/// Which help-line items stay when the line is too narrow for all of them, first kept first:
/// quitting, help, saving and checking before moving, and moving before a table's own keys
/// (found by a fresh user: at 80 columns the line kept 加行/删行 and dropped Ctrl-S and F10).
/// The line still shows them in [`help`]'s order. A name not listed goes last.
#[must_use]
pub fn keep_rank(name: &str) -> usize {
    const KEEP: [&str; 14] = [
        "quit",
        "help",
        "save",
        "review",
        "write",
        "yes",
        "cancel",
        "next",
        "next_section",
        "back",
        "map",
        "jump",
        "add_row",
        "delete_row",
    ];
    KEEP.iter().position(|k| *k == name).unwrap_or(KEEP.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    const LINE: Context = Context {
        dialog: false,
        review: false,
        line: true,
        text: false,
        closed: false,
        in_table: false,
        read_only: false,
    };

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
    fn keys_as_terminals_send_them() {
        // Backspace as ^H (read as Ctrl-H), as the BS or DEL character.
        for k in [Key::ctrl('h'), k(Code::Char('\u{8}')), k(Code::Char('\u{7f}'))] {
            assert_eq!(k.normalize(), Some(k_bs()), "{k:?}");
        }
        assert_eq!(Key::ctrl('H').normalize(), Some(Key::ctrl('H')), "only ^H itself");
        assert_eq!(k(Code::Char('\r')).normalize(), Some(k(Code::Enter)));
        assert_eq!(k(Code::Char('\n')).normalize(), Some(k(Code::Enter)));
        assert_eq!(k(Code::Char('\t')).normalize(), Some(k(Code::Tab)));
        for c in ['\u{1b}', '\u{0}', '\u{85}', '\u{9b}'] {
            assert_eq!(k(Code::Char(c)).normalize(), None, "{c:?} is never typed");
        }
        assert_eq!(k(Code::Char('岳')).normalize(), Some(k(Code::Char('岳'))));
    }

    fn k_bs() -> Key {
        k(Code::Backspace)
    }

    #[test]
    fn full_width_keys_do_what_their_ascii_twins_do() {
        let choice = Context { line: false, ..LINE };
        assert_eq!(resolve(k(Code::Char('？')), choice), Some(Act::Help));
        assert_eq!(resolve(k(Code::Char('　')), choice), Some(Act::Activate));
        let dialog = Context { dialog: true, ..LINE };
        assert_eq!(resolve(k(Code::Char('ｙ')), dialog), Some(Act::Yes));
        assert_eq!(resolve(k(Code::Char('Ｎ')), dialog), Some(Act::Cancel));
        let review = Context { review: true, ..LINE };
        assert_eq!(resolve(k(Code::Char('ｗ')), review), Some(Act::Write));
        // In text they are typed.
        assert_eq!(resolve(k(Code::Char('？')), LINE), None);
        assert_eq!(resolve(k(Code::Char('　')), Context { line: false, closed: true, ..LINE }), None);
        for (c, n) in [('2', Some(2)), ('２', Some(2)), ('９', Some(9)), ('0', None), ('０', None), ('a', None)] {
            assert_eq!(choice_digit(c), n, "{c}");
        }
    }

    fn chars(s: &str) -> Vec<Key> {
        s.chars().map(|c| k(Code::Char(c))).collect()
    }

    fn esc_then(s: &str) -> Vec<Key> {
        let mut v = vec![k(Code::Esc)];
        v.extend(chars(s));
        v
    }

    #[test]
    fn escape_sequences_read_apart_are_mended() {
        let alt = |c: Code| Key::alt(c);
        // ESC ESC [A (rxvt, macOS Terminal) arrives as Esc, '[', 'A': Alt+Up, never a quit.
        for (seq, want) in [
            ("[A", alt(Code::Up)),
            ("[B", alt(Code::Down)),
            ("[C", alt(Code::Right)),
            ("[D", alt(Code::Left)),
            ("OA", alt(Code::Up)),
            ("OB", alt(Code::Down)),
            ("[H", alt(Code::Home)),
            ("[F", alt(Code::End)),
            ("[5~", alt(Code::PageUp)),
            ("[6~", alt(Code::PageDown)),
            ("[3~", alt(Code::Delete)),
            ("[2~", alt(Code::Insert)),
            ("[1~", alt(Code::Home)),
            ("[4~", alt(Code::End)),
            ("OP", alt(Code::F(1))),
            ("[15~", alt(Code::F(5))),
            ("[24~", alt(Code::F(12))),
            ("[1;5A", Key { code: Code::Up, ctrl: true, alt: true, shift: false }),
            ("[1;2B", Key { code: Code::Down, ctrl: false, alt: true, shift: true }),
            ("[Z", k(Code::BackTab)),
        ] {
            assert_eq!(decode_batch(&esc_then(seq)), vec![want], "ESC {seq}");
        }
        // The numeric keypad in application keypad mode.
        for (i, c) in "pqrstuvwxy".chars().enumerate() {
            let digit = char::from_digit(u32::try_from(i).unwrap_or(0), 10).unwrap_or('?');
            assert_eq!(decode_batch(&esc_then(&format!("O{c}"))), vec![k(Code::Char(digit))], "ESC O {c}");
        }
        for (c, want) in [
            ('M', k(Code::Enter)),
            ('k', k(Code::Char('+'))),
            ('m', k(Code::Char('-'))),
            ('n', k(Code::Char('.'))),
            ('j', k(Code::Char('*'))),
            ('o', k(Code::Char('/'))),
        ] {
            assert_eq!(decode_batch(&esc_then(&format!("O{c}"))), vec![want], "ESC O {c}");
        }
        // An ESC read apart from a key the library did decode: that key with Alt.
        assert_eq!(decode_batch(&[k(Code::Esc), k(Code::Up)]), vec![alt(Code::Up)]);
        assert_eq!(decode_batch(&esc_then("x")), vec![alt(Code::Char('x'))]);
        // Unknown sequences are dropped whole; what follows stays.
        assert_eq!(decode_batch(&esc_then("[99z1")), vec![k(Code::Char('1'))]);
        assert_eq!(decode_batch(&esc_then("[1;5")), vec![], "cut short: nothing typed");
        // Esc twice at once is one Esc; a lone Esc is Esc; other keys pass.
        assert_eq!(decode_batch(&[k(Code::Esc), k(Code::Esc)]), vec![k(Code::Esc)]);
        assert_eq!(decode_batch(&[k(Code::Esc)]), vec![k(Code::Esc)]);
        let typed = chars("ab[A");
        assert_eq!(decode_batch(&typed), typed, "'[' typed without ESC is text");
        let mut v = chars("12");
        v.extend(esc_then("[A"));
        v.push(k(Code::Tab));
        assert_eq!(decode_batch(&v), vec![k(Code::Char('1')), k(Code::Char('2')), alt(Code::Up), k(Code::Tab)]);
    }

    #[test]
    fn a_fast_burst_into_a_long_text_is_a_paste() {
        use std::time::Duration;
        let fast = Duration::from_micros(300);
        let mut keys = chars("第一段第一句，第二句。");
        keys.push(k(Code::Tab));
        keys.extend(chars("表格列"));
        keys.push(k(Code::Enter));
        keys.push(Key::ctrl('j'));
        keys.extend(chars("第二段"));
        keys.push(Key::ctrl('j'));
        keys.extend(chars("第三段"));
        let want = "第一段第一句，第二句。\t表格列\n第二段\n第三段";
        assert_eq!(paste_burst(&keys, fast, None, true).as_deref(), Some(want), "CR LF is one newline, LF one");
        // Not a long text, too slow, too few, or holding a command key: keys.
        assert_eq!(paste_burst(&keys, fast, None, false), None);
        assert_eq!(paste_burst(&keys, Duration::from_millis(30 * 25), None, true), None, "typing speed");
        assert_eq!(paste_burst(&chars("你好"), fast, None, true), None);
        let mut with_cmd = keys.clone();
        with_cmd.push(Key::ctrl('s'));
        assert_eq!(paste_burst(&with_cmd, fast, None, true), None);
        // Keys typed ahead over a lagging link start with the key that leaves the text.
        let mut ahead = vec![k(Code::Tab)];
        ahead.extend(chars("865.82865.82865.82"));
        assert_eq!(paste_burst(&ahead, fast, None, true), None);
        // The tail of a long paste, read a moment after its head, continues it.
        let tail = [k(Code::Char('尾')), k(Code::Tab), k(Code::Char('x'))];
        assert_eq!(paste_burst(&tail, fast, Some(Duration::from_millis(5)), true).as_deref(), Some("尾\tx"));
        assert_eq!(paste_burst(&tail, fast, Some(Duration::from_secs(1)), true), None);
    }

    #[test]
    fn help_line_comes_from_the_table() {
        let h = help(LINE);
        assert!(h.contains(&"next") && h.contains(&"save") && h.contains(&"quit"));
        assert!(!h.contains(&"add_row"));
        assert!(help(Context { in_table: true, ..LINE }).contains(&"add_row"));
    }

    /// Read-only (`--read-only`), the key line offers no key that would change or write the
    /// package: not on a field, in a table, nor on the review.
    #[test]
    fn the_read_only_key_line_offers_no_editing_key() {
        let edits: Vec<&str> = BINDINGS.iter().filter(|b| b.act.edits()).filter_map(|b| b.help).collect();
        assert!(edits.contains(&"save") && edits.contains(&"add_row") && edits.contains(&"write"), "{edits:?}");
        for ctx in [LINE, Context { in_table: true, ..LINE }, Context { review: true, line: false, ..LINE }] {
            let ro = help(Context { read_only: true, ..ctx });
            assert!(ro.iter().all(|h| !edits.contains(h)), "{ctx:?}: {ro:?}");
            assert!(ro.contains(&"quit") && ro.contains(&"help") || ctx.review, "{ctx:?}: {ro:?}");
            let rw = help(ctx);
            assert!(rw.iter().any(|h| edits.contains(h)), "{ctx:?}: {rw:?}");
            assert_eq!(ro, rw.into_iter().filter(|h| !edits.contains(h)).collect::<Vec<_>>(), "{ctx:?}");
        }
    }
}
