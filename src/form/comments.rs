//! The user's own comments in a data file, kept across saves (issue 11): the docs invite hand
//! editing, so a note a user writes above a key or after a value must still be there, in its
//! place, after jixiao saves. jixiao's own comments (the header, the document banners, each
//! key's label) are regenerated.
//!
//! A line-oriented reading of the TOML text gives each key and table header an *anchor*: the
//! header with its occurrence number (`[[self_eval.indicators]]#3`, so a row is known by its
//! place) and the key (`…/name`). A comment line is jixiao's when the file jixiao would write
//! for the same package holds the same line (or it is a document banner); any other comment
//! line is the user's and belongs to the next anchor. A comment after a value is the user's
//! when it differs from the label jixiao writes there. On saving, each kept comment goes back
//! before its anchor (or after its value); one whose anchor is gone (a deleted row) goes to the
//! end of the file, never lost.

use std::collections::{BTreeMap, HashSet};
use std::sync::{Arc, LazyLock};

/// The user's comments of a file, told apart from jixiao's own when first asked for (at the
/// first save): a file is read far more often than it is saved (`check`, `report`, opening the
/// wizard), and telling them apart means writing the whole package once more. Clones share the
/// one extraction.
#[derive(Clone)]
pub struct Comments(Arc<LazyLock<Kept, Box<dyn FnOnce() -> Kept + Send>>>);

impl Default for Comments {
    fn default() -> Self {
        Self(Arc::new(LazyLock::new(Box::new(Kept::default))))
    }
}

impl PartialEq for Comments {
    fn eq(&self, other: &Self) -> bool {
        **self.0 == **other.0
    }
}

impl Eq for Comments {}

impl std::fmt::Debug for Comments {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        (**self.0).fmt(f)
    }
}

impl Comments {
    /// The user's comments of `text`: every comment line `ours` (the file jixiao writes for
    /// the same package) does not hold, by anchor. See the module's documentation.
    #[must_use]
    pub fn extract(text: &str, ours: &str) -> Self {
        let kept = Kept::extract(text, ours);
        Self(Arc::new(LazyLock::new(Box::new(move || kept))))
    }

    /// [`Comments::extract`] of `text` and what `ours` returns for it, done when first needed
    /// (`ours` is given `text`, so that it need not keep a copy of what it derives from it).
    #[must_use]
    pub fn deferred(text: String, ours: impl FnOnce(&str) -> String + Send + 'static) -> Self {
        Self(Arc::new(LazyLock::new(Box::new(move || Kept::extract(&text, &ours(&text))))))
    }

    /// Whether there is nothing to keep.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// `text` (as jixiao writes the package) with the user's comments put back: each before
    /// its anchor or after its value; those whose anchor is gone at the end.
    #[must_use]
    pub fn apply(&self, text: &str) -> String {
        self.0.apply(text)
    }
}

/// The user's comments of a file, by anchor.
#[derive(Debug, Default, PartialEq, Eq)]
struct Kept {
    /// Comment lines (as written, `#` included) before an anchor's line.
    before: BTreeMap<String, Vec<String>>,
    /// The comment after a value or header (without `#`), by anchor.
    after: BTreeMap<String, String>,
    /// Comment lines after the last key.
    end: Vec<String>,
}

/// What one line of a data file is.
#[derive(Debug, PartialEq, Eq)]
enum Line<'a> {
    /// Empty or spaces.
    Blank,
    /// A whole-line comment (trimmed).
    Comment(&'a str),
    /// A table header or a key line: its anchor, the byte offset where its trailing comment
    /// (`#`) starts, and that comment's text.
    Anchored { anchor: String, comment_at: Option<usize>, comment: Option<&'a str> },
    /// Inside a multi-line string.
    Continuation,
}

/// Reads `text` line by line into [`Line`]s.
fn lines(text: &str) -> Vec<(&str, Line<'_>)> {
    let mut out = Vec::new();
    let mut table = String::new();
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    // The closing delimiter of a multi-line string being read.
    let mut open: Option<&'static str> = None;
    for raw in text.lines() {
        if let Some(close) = open {
            if closes(raw, close) {
                open = None;
            }
            out.push((raw, Line::Continuation));
            continue;
        }
        let t = raw.trim_start();
        let indent = raw.len() - t.len();
        if t.is_empty() {
            out.push((raw, Line::Blank));
        } else if t.starts_with('#') {
            out.push((raw, Line::Comment(t.trim_end())));
        } else if t.starts_with('[') {
            let double = t.starts_with("[[");
            let end = if double { t.find("]]").map(|i| i + 2) } else { t.find(']').map(|i| i + 1) };
            let end = end.unwrap_or(t.len());
            let header = t[..end].trim().to_string();
            let n = seen.entry(header.clone()).or_default();
            *n += 1;
            table = format!("{header}#{n}");
            let (comment_at, comment) = trailing(t, end).map_or((None, None), |(i, c)| (Some(indent + i), Some(c)));
            out.push((raw, Line::Anchored { anchor: table.clone(), comment_at, comment }));
        } else {
            let (key, rest_at) = key_of(t);
            let anchor = format!("{table}/{key}");
            let (value_at, multi) = value_start(t, rest_at);
            if let Some(close) = multi {
                open = Some(close);
                out.push((raw, Line::Anchored { anchor, comment_at: None, comment: None }));
                continue;
            }
            let (comment_at, comment) =
                trailing(t, value_at).map_or((None, None), |(i, c)| (Some(indent + i), Some(c)));
            out.push((raw, Line::Anchored { anchor, comment_at, comment }));
        }
    }
    out
}

/// Whether a line inside a multi-line string ends it.
fn closes(line: &str, close: &str) -> bool {
    let mut from = 0;
    while let Some(i) = line[from..].find(close) {
        let at = from + i;
        // A basic string's delimiter escaped with a backslash does not close it.
        let escaped = close == "\"\"\"" && line[..at].chars().rev().take_while(|c| *c == '\\').count() % 2 == 1;
        if !escaped {
            return true;
        }
        from = at + close.len();
    }
    false
}

/// The key of a key line and where what follows it starts.
fn key_of(t: &str) -> (String, usize) {
    let eq = find_outside_strings(t, 0, '=').unwrap_or(t.len());
    (t[..eq].trim().to_string(), (eq + 1).min(t.len()))
}

/// Where a value starts after `=`, and the closing delimiter when it opens a multi-line
/// string not closed on this line.
fn value_start(t: &str, from: usize) -> (usize, Option<&'static str>) {
    let rest = &t[from..];
    let v = rest.trim_start();
    let at = from + rest.len() - v.len();
    for d in ["\"\"\"", "'''"] {
        if let Some(after) = v.strip_prefix(d) {
            if !closes(after, d) {
                return (at, Some(d));
            }
        }
    }
    (at, None)
}

/// The first `c` at or after `from` outside strings.
fn find_outside_strings(t: &str, from: usize, c: char) -> Option<usize> {
    let mut in_basic = false;
    let mut in_literal = false;
    let mut escaped = false;
    for (i, ch) in t.char_indices().skip_while(|(i, _)| *i < from) {
        match ch {
            _ if escaped => escaped = false,
            '\\' if in_basic => escaped = true,
            '"' if !in_literal => in_basic = !in_basic,
            '\'' if !in_basic => in_literal = !in_literal,
            x if x == c && !in_basic && !in_literal => return Some(i),
            _ => {}
        }
    }
    None
}

/// The trailing comment after byte `from`: its offset and its text (trimmed, without `#`).
fn trailing(t: &str, from: usize) -> Option<(usize, &str)> {
    let at = find_outside_strings(t, from, '#')?;
    Some((at, t[at + 1..].trim()))
}

/// Whether a whole-line comment is one jixiao writes whatever the package: a document
/// banner (`# ── 基础数据表 ──`), or the file's header as any version wrote it (`# jixiao 数据文件
/// · …`: its list of documents grew with the project sheets, and an older header kept as the
/// user's would stand below the new one).
fn banner(line: &str) -> bool {
    use crate::i18n::{Catalog, Lang};
    let header = |lang| {
        let h = Catalog::get(lang).tr("file.header");
        format!("# {}", h.split(" · ").next().unwrap_or(h))
    };
    (line.starts_with("# ── ") && line.ends_with(" ──")) || Lang::ALL.iter().any(|l| line.starts_with(&header(*l)))
}

impl Kept {
    /// The user's comments of `text`, a data file whose package jixiao would write as
    /// `ours` (so that what jixiao writes itself is told apart).
    fn extract(text: &str, ours: &str) -> Self {
        let ours_lines = lines(ours);
        let own: HashSet<&str> = ours_lines
            .iter()
            .filter_map(|(_, l)| match l {
                Line::Comment(c) => Some(*c),
                _ => None,
            })
            .collect();
        let labels: BTreeMap<&str, &str> = ours_lines
            .iter()
            .filter_map(|(_, l)| match l {
                Line::Anchored { anchor, comment: Some(c), .. } => Some((anchor.as_str(), *c)),
                _ => None,
            })
            .collect();
        let mut out = Self::default();
        let mut pending: Vec<String> = Vec::new();
        for (raw, line) in lines(text) {
            match line {
                Line::Comment(c) if !own.contains(c) && !banner(c) => pending.push(raw.trim_end().to_string()),
                Line::Anchored { anchor, comment, .. } => {
                    if !pending.is_empty() {
                        out.before.entry(anchor.clone()).or_default().append(&mut pending);
                    }
                    if let Some(c) = comment.filter(|c| !c.is_empty() && labels.get(anchor.as_str()) != Some(c)) {
                        out.after.insert(anchor, c.to_string());
                    }
                }
                _ => {}
            }
        }
        out.end = pending;
        out
    }

    /// Whether there is nothing to keep.
    fn is_empty(&self) -> bool {
        self.before.is_empty() && self.after.is_empty() && self.end.is_empty()
    }

    /// `text` (as jixiao writes it) with the user's comments back in their places.
    fn apply(&self, text: &str) -> String {
        if self.is_empty() {
            return text.to_string();
        }
        let mut out = String::with_capacity(text.len() + 256);
        let mut placed: HashSet<&str> = HashSet::new();
        for (raw, line) in lines(text) {
            if let Line::Anchored { anchor, comment_at, .. } = &line {
                if let Some((key, before)) = self.before.get_key_value(anchor.as_str()) {
                    for b in before {
                        out.push_str(b);
                        out.push('\n');
                    }
                    placed.insert(key.as_str());
                }
                if let Some((key, c)) = self.after.get_key_value(anchor.as_str()) {
                    let code = comment_at.map_or(raw, |i| &raw[..i]).trim_end();
                    out.push_str(code);
                    out.push_str("  # ");
                    out.push_str(c);
                    out.push('\n');
                    placed.insert(key.as_str());
                    continue;
                }
            }
            out.push_str(raw);
            out.push('\n');
        }
        // What has lost its place (a deleted row, a removed key) goes to the end, then the
        // comments that were at the end.
        let orphans: Vec<String> = self
            .before
            .iter()
            .filter(|(k, _)| !placed.contains(k.as_str()))
            .flat_map(|(_, v)| v.iter().cloned())
            .chain(self.after.iter().filter(|(k, _)| !placed.contains(k.as_str())).map(|(_, c)| format!("# {c}")))
            .collect();
        if !orphans.is_empty() {
            out.push('\n');
        }
        for o in orphans.iter().chain(&self.end) {
            out.push_str(o);
            out.push('\n');
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const OURS: &str = "# header\n\n[jixiao]\nform = \"x\"\n\n# ── 基础数据表 ──\n[basic]\nunit_name = \"甲\"  # 预算单位名称\n# 职能\nfunctions = \"\"\"\na # not a comment\n\"\"\"\n\n[[t]]  # 表\nname = \"a\"  # 名称\n\n[[t]]  # 表\nname = \"b\"  # 名称\n";

    /// The trailing comment of one line: `(offset of '#', text)` as `lines` reads it.
    fn comment_of(line: &str) -> (Option<usize>, Option<&str>) {
        match lines(line).into_iter().next().map(|(_, l)| l) {
            Some(Line::Anchored { comment_at, comment, .. }) => (comment_at, comment),
            other => panic!("{line}: {other:?}"),
        }
    }

    /// A `#` after a value is a comment however the value is quoted: a basic string with an
    /// escaped quote, a literal string with a backslash or a double quote in it, a basic one
    /// with an apostrophe, a string written right after `=`; an indented header's comment
    /// is found at its offset in the whole line.
    #[test]
    fn a_comment_after_any_kind_of_string_is_found_where_it_stands() {
        assert_eq!(comment_of(r#"k = "a\"b" # c"#), (Some(11), Some("c")));
        assert_eq!(comment_of(r"k = 'a\' # c"), (Some(9), Some("c")));
        assert_eq!(comment_of(r#"k = 'a"b' # c"#), (Some(10), Some("c")));
        assert_eq!(comment_of(r#"k = "it's" # c"#), (Some(11), Some("c")));
        assert_eq!(comment_of(r##"k="#" # c"##), (Some(6), Some("c")));
        assert_eq!(comment_of(r##"k = "#""##), (None, None));
        assert_eq!(comment_of("   [basic]  # 注"), (Some(12), Some("注")));
        assert_eq!(comment_of("    k = 1  # 注"), (Some(11), Some("注")));
    }

    /// A multi-line basic string is closed by the first `"""` not escaped with a backslash,
    /// wherever it stands on the line.
    #[test]
    fn a_multi_line_string_closes_at_its_first_unescaped_delimiter() {
        let basic = "\"\"\"";
        assert!(closes(r#"abcd\"""e""""#, basic));
        assert!(!closes(r#"abcd\"""e"#, basic));
        assert!(closes(r#"abcd\\"""e"#, basic), "an escaped backslash, then the delimiter");
        assert!(closes(r"x\'''", "'''"), "no escapes in a literal string");
    }

    /// Only a whole banner (`# ── … ──`) is jixiao's: a user's comment that starts or ends
    /// like one is the user's.
    #[test]
    fn only_a_whole_banner_is_jixiaos_own() {
        assert!(banner("# ── 基础数据表 ──"));
        assert!(!banner("# ── 以下为手工补录"));
        assert!(!banner("# 补录到此 ──"));
        let user = OURS.replace("[basic]\n", "[basic]\n# ── 以下为手工补录\n# 补录到此 ──\n");
        let c = Kept::extract(&user, OURS);
        assert_eq!(
            c.before.get("[basic]#1/unit_name"),
            Some(&vec!["# ── 以下为手工补录".to_string(), "# 补录到此 ──".to_string()])
        );
    }

    /// Comments compare by what they keep, show it when debugged, and are empty only when
    /// there is nothing to keep.
    #[test]
    fn comments_compare_show_and_are_empty_by_what_they_keep() {
        let one = Comments::extract("# 甲\nk = 1\n", "k = 1\n");
        let other = Comments::extract("# 乙\nk = 1\n", "k = 1\n");
        assert_ne!(one, other);
        assert_eq!(one, Comments::extract("# 甲\nk = 1\n", "k = 1\n"));
        assert!(format!("{one:?}").contains("# 甲"), "{one:?}");
        assert!(Comments::default().is_empty());
        assert!(Comments::extract("k = 1\n", "k = 1\n").is_empty());
        assert!(!one.is_empty());
    }

    #[test]
    fn the_users_comments_are_told_from_jixiaos() {
        let user = OURS
            .replace("[basic]\n", "[basic]\n# 2024-03 王会计：名称以批复为准\n")
            .replace("\"甲\"  # 预算单位名称", "\"甲\"  # 与公章一致")
            .replace("[[t]]  # 表\nname = \"b\"", "# 第二行待核\n[[t]]  # 表\nname = \"b\"")
            + "# 文件末尾的备注\n";
        let c = Kept::extract(&user, OURS);
        assert_eq!(c.before.get("[basic]#1/unit_name"), Some(&vec!["# 2024-03 王会计：名称以批复为准".to_string()]));
        assert_eq!(c.after.get("[basic]#1/unit_name").map(String::as_str), Some("与公章一致"));
        assert_eq!(c.before.get("[[t]]#2"), Some(&vec!["# 第二行待核".to_string()]));
        assert_eq!(c.end, vec!["# 文件末尾的备注".to_string()]);
        // A `#` inside a multi-line string or a string value is not a comment.
        assert!(!c.before.values().flatten().any(|l| l.contains("not a comment")));
        // Put back, they are where they were; jixiao's own comments are not doubled.
        let back = c.apply(OURS);
        assert_eq!(back, user);
        assert_eq!(Kept::extract(&back, OURS), c);
        // The header an older jixiao wrote is jixiao's, not the user's, in either language.
        for old in [
            "# jixiao 数据文件 · 预算单位整体支出绩效自评（基础数据表、自评表、自评报告）",
            "# jixiao data file · older",
        ] {
            let with_old = format!("{old}\n{user}");
            assert_eq!(Kept::extract(&with_old, OURS), c, "{old}");
        }
        // Told apart when first needed, from what jixiao wrote for the package as read.
        let asked = std::sync::atomic::AtomicUsize::new(0);
        let asked = std::sync::Arc::new(asked);
        let counter = std::sync::Arc::clone(&asked);
        let given = std::sync::Arc::new(std::sync::Mutex::new(String::new()));
        let seen = std::sync::Arc::clone(&given);
        let lazy = Comments::deferred(user.clone(), move |text| {
            *seen.lock().expect("not poisoned") = text.to_string();
            counter.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            OURS.to_string()
        });
        let copy = lazy.clone();
        assert_eq!(asked.load(std::sync::atomic::Ordering::SeqCst), 0, "not before it is needed");
        assert_eq!(lazy.apply(OURS), user);
        assert_eq!(copy.apply(OURS), user);
        assert_eq!(asked.load(std::sync::atomic::Ordering::SeqCst), 1, "once for every copy");
        assert_eq!(*given.lock().expect("not poisoned"), user, "given the text it was made with");
        assert_eq!(lazy, Comments::extract(&user, OURS));
    }

    #[test]
    fn a_comment_whose_place_is_gone_goes_to_the_end() {
        let user =
            OURS.replace("[[t]]  # 表\nname = \"b\"  # 名称", "# 第二行待核\n[[t]]  # 表\nname = \"b\"  # 核对过");
        let c = Comments::extract(&user, OURS);
        let one_row = OURS.replace("\n[[t]]  # 表\nname = \"b\"  # 名称\n", "");
        let back = c.apply(&one_row);
        assert!(back.ends_with("\n# 第二行待核\n# 核对过\n"), "{back}");
    }

    #[test]
    fn hashes_in_strings_and_quoted_keys_are_values() {
        let t = "\"self_eval.x\" = \"a#b\"  # 说明\nk = 'c#d'\nm = \"\"\"\n#\n\\\"\"\"\n\"\"\"\n# after\n";
        let ls = lines(t);
        assert!(
            matches!(&ls[0].1, Line::Anchored { anchor, comment: Some("说明"), .. } if anchor == "/\"self_eval.x\"")
        );
        assert!(matches!(&ls[1].1, Line::Anchored { comment: None, .. }));
        assert_eq!(ls[3].1, Line::Continuation);
        assert_eq!(ls[4].1, Line::Continuation, "an escaped delimiter does not close");
        assert_eq!(ls[5].1, Line::Continuation);
        assert_eq!(ls[6].1, Line::Comment("# after"));
    }
}
