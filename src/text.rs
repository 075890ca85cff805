//! Display-width text helpers: width, padding, truncation, wrapping and making control
//! characters visible. A Chinese character is two columns; nothing here slices by byte.
//!
//! Also text as other systems send it: line endings (CR LF, lone CR), invisible characters
//! (zero-width spaces, joiners, BOM …), look-alike spaces, and user-perceived characters
//! (grapheme clusters: `e` + U+0301 is one character to move over and delete).

use std::borrow::Cow;

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Two sentences on one line: a space between them after Latin text, none after Chinese,
/// whose full stop and question mark are full width (`吗？(y/N)`, `Write? (y/N)`).
#[must_use]
pub fn join_sentences(a: &str, b: &str) -> String {
    let wide_end = a.chars().next_back().is_some_and(|c| width(c.encode_utf8(&mut [0; 4])) == 2);
    if wide_end || a.is_empty() { [a, b].concat() } else { [a, " ", b].concat() }
}

/// Display width in terminal columns.
#[must_use]
pub fn width(s: &str) -> usize {
    UnicodeWidthStr::width(s)
}

/// Width of one character (control characters count 0).
#[must_use]
pub fn char_width(c: char) -> usize {
    UnicodeWidthChar::width(c).unwrap_or(0)
}

/// Pads `s` with spaces on the right to `w` columns (no truncation).
#[must_use]
pub fn pad_right(s: &str, w: usize) -> String {
    let mut out = s.to_string();
    out.extend(std::iter::repeat_n(' ', w.saturating_sub(width(s))));
    out
}

/// Pads `s` with spaces on the left to `w` columns (no truncation).
#[must_use]
pub fn pad_left(s: &str, w: usize) -> String {
    let mut out: String = std::iter::repeat_n(' ', w.saturating_sub(width(s))).collect();
    out.push_str(s);
    out
}

/// Centres `s` in `w` columns.
#[must_use]
pub fn center(s: &str, w: usize) -> String {
    let extra = w.saturating_sub(width(s));
    let left = extra / 2;
    let mut out: String = std::iter::repeat_n(' ', left).collect();
    out.push_str(s);
    out.extend(std::iter::repeat_n(' ', extra - left));
    out
}

/// Cuts `s` to at most `w` columns, ending with `…` when something was cut.
#[must_use]
pub fn truncate(s: &str, w: usize) -> String {
    if width(s) <= w {
        return s.to_string();
    }
    if w == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let cw = char_width(c);
        if used + cw > w - 1 {
            break;
        }
        out.push(c);
        used += cw;
    }
    out.push('…');
    out
}

/// Whole items joined by `sep` as far as they fit in `w` columns, never one cut in the middle:
/// when some must be left out, the line ends with `more` (which says where the rest is) in
/// their place. An item wider than the line on its own is cut with `…` only if it comes first.
#[must_use]
pub fn fit_items(items: &[String], sep: &str, w: usize, more: &str) -> String {
    let all = items.join(sep);
    if width(&all) <= w {
        return all;
    }
    let room = w.saturating_sub(width(sep) + width(more));
    let mut out = String::new();
    for item in items {
        let next = if out.is_empty() { item.clone() } else { format!("{out}{sep}{item}") };
        if width(&next) > room {
            break;
        }
        out = next;
    }
    if out.is_empty() {
        return truncate(&all, w);
    }
    if more.is_empty() { out } else { format!("{out}{sep}{more}") }
}

/// Wraps one paragraph (no newlines) into lines of at most `w` columns, breaking between
/// any two characters of CJK text and at spaces for Latin text.
#[must_use]
pub fn wrap_line(s: &str, w: usize) -> Vec<String> {
    let w = w.max(2);
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut used = 0;
    // Latin words are kept whole when they fit on a line.
    for token in tokens(s) {
        let tw = width(token);
        if used + tw > w && used > 0 {
            // 避头尾: a closing mark never starts a line; carry the previous character with it.
            let carry = if NO_LINE_START.contains(token) && line.chars().count() > 1 { line.pop() } else { None };
            lines.push(std::mem::take(&mut line).trim_end().to_string());
            used = 0;
            if token == " " {
                continue;
            }
            if let Some(c) = carry {
                line.push(c);
                used = char_width(c);
            }
        }
        if tw > w {
            for c in token.chars() {
                let cw = char_width(c);
                if used + cw > w {
                    lines.push(std::mem::take(&mut line));
                    used = 0;
                }
                line.push(c);
                used += cw;
            }
        } else {
            line.push_str(token);
            used += tw;
        }
    }
    lines.push(line.trim_end().to_string());
    lines
}

/// Punctuation that must not begin a line (Chinese line-breaking rules).
const NO_LINE_START: &str = "，。、；：！？）】》」』”’%…";

/// Splits into wrap tokens: runs of ASCII non-space characters, single spaces, a short
/// bracketed group (`(万元)`, `（m²）`: a unit stays whole), and single other characters
/// (each CJK character may start a new line).
fn tokens(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = None;
    let mut skip_to = 0;
    for (i, c) in s.char_indices() {
        if i < skip_to {
            continue;
        }
        if matches!(c, '(' | '（') {
            let close = if c == '(' { ')' } else { '）' };
            let group = s[i..].char_indices().take(8).find(|(_, d)| *d == close).map(|(j, d)| i + j + d.len_utf8());
            if let Some(end) = group {
                if let Some(st) = start.take() {
                    out.push(&s[st..i]);
                }
                out.push(&s[i..end]);
                skip_to = end;
                continue;
            }
        }
        let word_char = c.is_ascii() && c != ' ';
        match (word_char, start) {
            (true, None) => start = Some(i),
            (true, Some(_)) => {}
            (false, st) => {
                if let Some(st) = st {
                    out.push(&s[st..i]);
                }
                start = None;
                out.push(&s[i..i + c.len_utf8()]);
            }
        }
    }
    if let Some(st) = start {
        out.push(&s[st..]);
    }
    out
}

/// Wraps text with newlines: each paragraph separately. An empty text gives one empty line.
#[must_use]
pub fn wrap(s: &str, w: usize) -> Vec<String> {
    s.split('\n').flat_map(|p| wrap_line(p, w)).collect()
}

/// Makes control characters, terminal escapes and invisible characters visible, so that text
/// from a file or a paste can never drive the terminal and a message never quotes a value
/// that looks right but is not: ESC becomes `\x1b`, a TAB `\t`, U+200B `\u{200b}`.
///
/// With `keep_newlines` (text shown as a paragraph) newlines are kept, tabs become spaces to
/// the next multiple of four columns, and the invisible characters that shape text (joiners,
/// variation selectors) are kept as they are.
#[must_use]
pub fn visible(s: &str, keep_newlines: bool) -> String {
    use std::fmt::Write as _;
    let mut out = String::with_capacity(s.len());
    // The column, for tab stops in a paragraph.
    let mut col = 0;
    for c in s.chars() {
        let before = out.len();
        match c {
            '\n' if keep_newlines => {
                out.push('\n');
                col = 0;
                continue;
            }
            '\t' if keep_newlines => {
                let n = 4 - col % 4;
                out.extend(std::iter::repeat_n(' ', n));
            }
            '\t' => out.push_str("\\t"),
            c if is_control(c) && u32::from(c) <= 0xff => {
                let _ = write!(out, "\\x{:02x}", u32::from(c));
            }
            c if is_control(c) || (is_invisible(c) && !(keep_newlines && shapes_text(c))) => {
                let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
            }
            c => out.push(c),
        }
        col += width(&out[before..]);
    }
    out
}

/// Whether a terminal or font may draw `c` one column wide or two: East Asian "ambiguous"
/// width (— … · “ ” ≥ ① …), one column in Western settings, two in CJK ones (宋体).
#[must_use]
pub fn is_ambiguous_width(c: char) -> bool {
    UnicodeWidthChar::width(c) != UnicodeWidthChar::width_cjk(c)
}

/// Text for an aligned table cell: every character whose width depends on the terminal or
/// font (see [`is_ambiguous_width`]) replaced by a look-alike of one fixed width, so the
/// columns line up in a CJK font as in a Western one. `—` (no value) becomes `－`, `…` `...`,
/// `·` `・`, `“ ”` `"`, `≥` `>=`, `①` `(1)`, `m²` `m2` …; one without a look-alike is shown as
/// its code (`\u{25a0}`), never left to shift the table.
#[must_use]
pub fn cell_safe(s: &str) -> Cow<'_, str> {
    if !s.chars().any(is_ambiguous_width) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if !is_ambiguous_width(c) {
            out.push(c);
            continue;
        }
        let n = u32::from(c);
        let look_alike = match c {
            '—' | '―' => "－",
            '–' | '‐' => "-",
            '…' => "...",
            '‥' => "..",
            '·' | '•' | '‧' | '∙' | '⋅' => "・",
            '“' | '”' | '„' | '″' => "\"",
            '‘' | '’' | '‚' | '′' => "'",
            '≥' | '≧' => ">=",
            '≤' | '≦' => "<=",
            '≠' => "!=",
            '≈' => "~=",
            '×' => "x",
            '÷' => "/",
            '±' => "+/-",
            '°' => "度",
            '℃' => "摄氏度",
            '¹' => "1",
            '²' => "2",
            '³' => "3",
            'μ' | 'µ' => "u",
            '※' => "*",
            '→' => "->",
            '←' => "<-",
            '§' => "S",
            _ => "",
        };
        if !look_alike.is_empty() {
            out.push_str(look_alike);
        } else if let Some(k) = (0x2460..=0x2473).contains(&n).then(|| n - 0x2460 + 1) {
            // ①–⑳
            out.push_str(&format!("({k})"));
        } else if let Some(k) = (0x2474..=0x2487).contains(&n).then(|| n - 0x2474 + 1) {
            // ⑴–⒇
            out.push_str(&format!("({k})"));
        } else if let Some(k) = (0x2488..=0x249b).contains(&n).then(|| n - 0x2488 + 1) {
            // ⒈–⒛
            out.push_str(&format!("{k}."));
        } else if let Some(k) = (0x2160..=0x216b).contains(&n).then(|| n - 0x2160) {
            out.push_str(["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"][k as usize]);
        } else if let Some(k) = (0x2170..=0x217b).contains(&n).then(|| n - 0x2170) {
            out.push_str(["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii"][k as usize]);
        } else {
            use std::fmt::Write as _;
            let _ = write!(out, "\\u{{{n:x}}}");
        }
    }
    Cow::Owned(out)
}

/// Control characters, including C1 controls, DEL, the bidi overrides and isolates that can
/// disguise text, the Unicode line and paragraph separators (which some terminals take as line
/// breaks) and the interlinear annotation marks.
#[must_use]
pub fn is_control(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{2028}' | '\u{2029}' | '\u{fff9}'..='\u{fffb}')
}

/// Invisible characters: Unicode's default-ignorable code points (zero-width space, joiners,
/// word joiner, BOM, soft hyphen, bidi marks, variation selectors, fillers, tags). They take no
/// room on screen, so a value holding one looks right and is not.
#[must_use]
pub fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{ad}'
            | '\u{34f}'
            | '\u{61c}'
            | '\u{115f}'..='\u{1160}'
            | '\u{17b4}'..='\u{17b5}'
            | '\u{180b}'..='\u{180f}'
            | '\u{200b}'..='\u{200f}'
            | '\u{202a}'..='\u{202e}'
            | '\u{2060}'..='\u{206f}'
            | '\u{3164}'
            | '\u{fe00}'..='\u{fe0f}'
            | '\u{feff}'
            | '\u{ffa0}'
            | '\u{fff0}'..='\u{fff8}'
            | '\u{1bca0}'..='\u{1bca3}'
            | '\u{1d173}'..='\u{1d17a}'
            | '\u{e0000}'..='\u{e0fff}'
    )
}

/// Invisible characters that change how the characters around them are drawn (zero-width
/// joiner and non-joiner, the combining grapheme joiner, variation selectors): kept in long
/// texts, where they may be meant.
#[must_use]
pub fn shapes_text(c: char) -> bool {
    matches!(c, '\u{200c}' | '\u{200d}' | '\u{34f}' | '\u{180b}'..='\u{180d}' | '\u{180f}' | '\u{fe00}'..='\u{fe0f}' | '\u{e0100}'..='\u{e01ef}')
}

/// Spaces that look like a space but are not U+0020: no-break, en, em, thin, hair, narrow
/// no-break, medium mathematical and ideographic spaces.
#[must_use]
pub fn is_odd_space(c: char) -> bool {
    matches!(c, '\u{a0}' | '\u{2000}'..='\u{200a}' | '\u{202f}' | '\u{205f}' | '\u{3000}')
}

/// Printable ASCII and the CJK Unified Ideographs: most of what a form holds, and never
/// invisible, a look-alike space, a control or full-width ASCII (a quick test before those).
#[must_use]
pub fn is_common(c: char) -> bool {
    matches!(c, ' '..='~' | '\u{4e00}'..='\u{9fff}')
}

/// Line endings as other systems send them: CR LF and a lone CR become LF.
#[must_use]
pub fn unify_newlines(s: &str) -> Cow<'_, str> {
    if s.contains('\r') { Cow::Owned(s.replace("\r\n", "\n").replace('\r', "\n")) } else { Cow::Borrowed(s) }
}

/// A one-line value as typed, pasted or read: invisible characters removed, look-alike
/// spaces made spaces (what is left is what the user sees).
#[must_use]
pub fn clean_line(s: &str) -> Cow<'_, str> {
    if !s.chars().any(|c| !is_common(c) && (is_invisible(c) || is_odd_space(c))) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(s.chars().filter(|c| !is_invisible(*c)).map(|c| if is_odd_space(c) { ' ' } else { c }).collect())
}

/// A long text as typed, pasted or read: LF line endings, and the invisible characters that
/// never mean anything in a form's text removed (zero-width space, word joiner, BOM …; the
/// ones that shape text are kept). TABs are text.
#[must_use]
pub fn clean_long(s: &str) -> Cow<'_, str> {
    let s = unify_newlines(s);
    if !s.chars().any(|c| !is_common(c) && is_invisible(c) && !shapes_text(c) && !is_control(c)) {
        return s;
    }
    Cow::Owned(s.chars().filter(|c| !is_invisible(*c) || shapes_text(*c) || is_control(*c)).collect())
}

/// A paste for a field: line endings unified; in a single-line field, line breaks and TABs
/// become spaces and invisible characters go; in a long text, TABs and newlines are text. Any
/// other control character (an escape sequence) is made visible, never inserted raw.
#[must_use]
pub fn clean_paste(s: &str, multiline: bool) -> String {
    if multiline {
        let s = clean_long(s);
        let mut out = String::with_capacity(s.len());
        for c in s.chars() {
            if matches!(c, '\n' | '\t') || !is_control(c) {
                out.push(c);
            } else {
                out.push_str(&visible(&c.to_string(), false));
            }
        }
        out
    } else {
        let s = unify_newlines(s);
        let one = s.trim_end_matches('\n').replace(['\n', '\t'], " ");
        visible(&clean_line(&one), false)
    }
}

/// The user-perceived character (grapheme cluster) holding char index `col` of `line`: its
/// first char index and its length in chars; `None` past the end.
fn cluster_at(line: &str, col: usize) -> Option<(usize, usize)> {
    let mut start = 0;
    for g in line.graphemes(true) {
        let n = g.chars().count();
        if start + n > col {
            return Some((start, n));
        }
        start += n;
    }
    None
}

/// How many characters (`char`s) the user-perceived character ending at char index `col` of
/// `line` holds: 0 at the start of the line, 2 for `e` + U+0301.
#[must_use]
pub fn grapheme_before(line: &str, col: usize) -> usize {
    col.checked_sub(1).and_then(|c| cluster_at(line, c)).map_or(0, |(start, _)| col - start)
}

/// How many characters the user-perceived character starting at char index `col` holds (0 at
/// the end of the line). Inside a cluster, the rest of that cluster.
#[must_use]
pub fn grapheme_after(line: &str, col: usize) -> usize {
    cluster_at(line, col).map_or(0, |(start, n)| start + n - col)
}

/// The char index of the start of the user-perceived character that holds char index `col`
/// (`col` itself when it is a boundary or past the end).
#[must_use]
pub fn grapheme_floor(line: &str, col: usize) -> usize {
    cluster_at(line, col).map_or(col, |(start, _)| start)
}

/// `s` without its last user-perceived character (Backspace in a one-line prompt).
#[must_use]
pub fn without_last_grapheme(s: &str) -> &str {
    s.grapheme_indices(true).next_back().map_or("", |(i, _)| &s[..i])
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `ui::put` writes a text whose length in bytes fits without measuring it: that holds
    /// only while no character is wider than its UTF-8 encoding is long.
    #[test]
    fn no_character_is_wider_than_its_bytes() {
        for c in (0..=0x10_ffff).filter_map(char::from_u32) {
            let s = c.to_string();
            assert!(width(&s) <= s.len(), "{c:?} is {} wide in {} bytes", width(&s), s.len());
        }
        for s in ["\u{1f1e8}\u{1f1f3}", "\u{2764}\u{fe0f}", "\u{1f468}\u{200d}\u{1f469}", "e\u{301}", "中文"] {
            assert!(width(s) <= s.len(), "{s:?}");
        }
    }

    #[test]
    fn a_common_character_is_never_one_that_cleaning_changes() {
        for c in (' '..='~').chain('\u{4e00}'..='\u{9fff}') {
            assert!(is_common(c));
            assert!(!is_invisible(c) && !is_odd_space(c) && !is_control(c) && !shapes_text(c), "{:?}", c);
            assert!(!('\u{ff01}'..='\u{ff5e}').contains(&c));
        }
        assert!(!is_common('\u{3000}') && !is_common('\u{200b}') && !is_common('\t') && !is_common('，'));
    }

    #[test]
    fn chinese_is_two_columns() {
        assert_eq!(width("岳阳"), 4);
        assert_eq!(pad_right("岳阳", 6), "岳阳  ");
        assert_eq!(pad_left("12", 4), "  12");
        assert_eq!(truncate("岳阳市城管", 7), "岳阳市…");
        assert_eq!(width(&truncate("岳阳市城管", 7)), 7);
    }

    #[test]
    fn wraps_chinese_between_glyphs_and_latin_at_spaces() {
        let lines = wrap_line("一二三四五六七", 6);
        assert_eq!(lines, vec!["一二三", "四五六", "七"]);
        let lines = wrap_line("hello world foo", 11);
        assert_eq!(lines, vec!["hello world", "foo"]);
        assert_eq!(wrap_line("一二三。四", 6), vec!["一二", "三。四"]);
        for l in wrap("岳阳市城市管理综合行政执法支队直属三大队 abc", 9) {
            assert!(width(&l) <= 9, "{l}");
        }
    }

    #[test]
    fn escapes_are_made_visible() {
        assert_eq!(visible("a\u{1b}[31mb", false), "a\\x1b[31mb");
        assert_eq!(visible("a\nb", true), "a\nb");
        assert_eq!(visible("a\nb", false), "a\\x0ab");
        assert_eq!(visible("\u{9b}", false), "\\x9b");
        assert_eq!(visible("a\u{202e}b", false), "a\\u{202e}b", "bidi override");
    }

    #[test]
    fn tabs_and_invisible_characters_are_shown_where_a_value_is_quoted() {
        // A message quoting a value must show what is wrong in it, never spaces or nothing.
        assert_eq!(visible("王\t小明", false), "王\\t小明");
        for c in ['\u{200b}', '\u{200c}', '\u{200d}', '\u{2060}', '\u{feff}', '\u{ad}', '\u{200e}', '\u{fe0f}'] {
            let shown = visible(&format!("王{c}小明"), false);
            assert_eq!(shown, format!("王\\u{{{:x}}}小明", u32::from(c)), "{c:?}");
        }
        // In a paragraph: tabs go to the next 4-column stop, joiners stay, a BOM is shown.
        assert_eq!(visible("a\tb\n岳\tc", true), "a   b\n岳  c");
        assert_eq!(visible("👨\u{200d}👩", true), "👨\u{200d}👩");
        assert_eq!(visible("a\u{feff}b", true), "a\\u{feff}b");
    }

    #[test]
    fn table_cells_hold_no_character_of_ambiguous_width() {
        let s = "—“三公”经费…≥95%·①②⑴Ⅻ×m²℃■α";
        let safe = cell_safe(s);
        assert!(!safe.chars().any(is_ambiguous_width), "{safe}");
        assert_eq!(UnicodeWidthStr::width(safe.as_ref()), UnicodeWidthStr::width_cjk(safe.as_ref()));
        assert_eq!(safe, "－\"三公\"经费...>=95%・(1)(2)(1)XIIxm2摄氏度\\u{25a0}α");
        assert!(matches!(cell_safe("岳阳 123.45 %"), Cow::Borrowed(_)));
    }

    #[test]
    fn line_endings_from_other_systems_become_lf() {
        for (input, want) in
            [("a\r\nb", "a\nb"), ("a\rb", "a\nb"), ("a\r\n\r\nb\r", "a\n\nb\n"), ("a\n\rb", "a\n\nb"), ("a\nb", "a\nb")]
        {
            assert_eq!(unify_newlines(input), want, "{input:?}");
            assert_eq!(clean_long(input), want, "{input:?}");
        }
    }

    #[test]
    fn invisible_characters_leave_one_line_values() {
        for c in
            ['\u{200b}', '\u{200c}', '\u{200d}', '\u{2060}', '\u{feff}', '\u{ad}', '\u{200e}', '\u{202e}', '\u{e0041}']
        {
            assert_eq!(clean_line(&format!("{c}王小明{c}")), "王小明", "{c:?}");
            assert_eq!(clean_line(&format!("865{c}.82")), "865.82", "{c:?}");
        }
        assert_eq!(clean_line("865.82\u{a0}万元"), "865.82 万元");
        assert_eq!(clean_line("岳阳\u{3000}市"), "岳阳 市");
        // Long texts: the ones that never mean anything go, the ones that shape text stay.
        assert_eq!(clean_long("一\u{200b}二\u{feff}三\u{2060}"), "一二三");
        assert_eq!(clean_long("👨\u{200d}👩\t末"), "👨\u{200d}👩\t末");
    }

    #[test]
    fn pastes_keep_tabs_and_newlines_in_long_texts_only() {
        assert_eq!(clean_paste("一\t二\r\n三\r四", true), "一\t二\n三\n四");
        assert_eq!(clean_paste("\u{feff}一\u{200b}二", true), "一二");
        assert_eq!(clean_paste("a\u{1b}[2Jb", true), "a\\x1b[2Jb");
        assert_eq!(clean_paste("865.82\t899.13\r\n", false), "865.82 899.13");
        assert_eq!(clean_paste("王小明\u{200b}", false), "王小明");
        assert_eq!(clean_paste("a\rb", false), "a b");
        assert_eq!(clean_paste("a\u{1b}b", false), "a\\x1bb");
    }

    #[test]
    fn graphemes_are_one_character_to_the_user() {
        let line = "cafe\u{301}!"; // c a f e ◌́ !
        assert_eq!(grapheme_before(line, 5), 2, "e + accent");
        assert_eq!(grapheme_before(line, 6), 1);
        assert_eq!(grapheme_before(line, 0), 0);
        assert_eq!(grapheme_after(line, 3), 2);
        assert_eq!(grapheme_after(line, 4), 1, "inside a cluster: the rest of it");
        assert_eq!(grapheme_after(line, 6), 0);
        assert_eq!(grapheme_floor(line, 4), 3);
        assert_eq!(grapheme_floor(line, 5), 5);
        // Other kinds: Hangul jamo, flags, emoji with a skin tone, CJK with a variation selector.
        assert_eq!(grapheme_before("\u{1100}\u{1161}\u{11a8}", 3), 3);
        assert_eq!(grapheme_before("🇨🇳", 2), 2);
        assert_eq!(grapheme_before("👍🏽", 2), 2);
        assert_eq!(grapheme_before("葛\u{e0100}", 2), 2);
        assert_eq!(grapheme_before("岳阳", 2), 1);
        assert_eq!(without_last_grapheme("/tmp/cafe\u{301}"), "/tmp/caf");
        assert_eq!(without_last_grapheme(""), "");
    }

    #[test]
    fn a_unit_in_brackets_stays_whole() {
        assert_eq!(wrap_line("年初预算数(万元)", 13), vec!["年初预算数", "(万元)"]);
        assert_eq!(wrap_line("批复规模（m²）", 10), vec!["批复规模", "（m²）"]);
        assert_eq!(wrap_line("a (b) c", 80), vec!["a (b) c"]);
    }

    #[test]
    fn items_are_left_out_whole_never_cut() {
        let items: Vec<String> = ["1 产出指标", "2 效益指标", "3 满意度指标", "4 成本指标"].map(String::from).to_vec();
        assert_eq!(fit_items(&items, "  ", 80, "…"), "1 产出指标  2 效益指标  3 满意度指标  4 成本指标");
        let short = fit_items(&items, "  ", 34, "Enter 列表");
        assert_eq!(short, "1 产出指标  2 效益指标  Enter 列表");
        assert!(width(&short) <= 34);
        assert_eq!(fit_items(&items, "  ", 6, ""), "1 产…");
    }

    #[test]
    fn visible_is_idempotent_and_leaves_nothing_that_drives_or_hides() {
        assert_eq!(visible("\u{7f}\u{85}\u{2028}\u{fffa}", true), "\\x7f\\x85\\u{2028}\\u{fffa}");
        assert_eq!(visible("岳阳市，“城管”😀", false), "岳阳市，“城管”😀");
        let all: String =
            (0u32..0x3000).chain(0xe0000..0xe0080).chain(0xfff0..0xfffe).filter_map(char::from_u32).collect();
        for keep in [true, false] {
            let once = visible(&all, keep);
            assert!(
                once.chars()
                    .all(|c| (keep && c == '\n') || !(is_control(c) || is_invisible(c) && !(keep && shapes_text(c))))
            );
            assert_eq!(visible(&once, keep), once, "keep_newlines {keep}");
        }
    }
}
