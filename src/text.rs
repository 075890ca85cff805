//! Display-width text helpers: width, padding, truncation, wrapping and making control
//! characters visible. A Chinese character is two columns; nothing here slices by byte.

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

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

/// Splits into wrap tokens: runs of ASCII non-space characters, single spaces, and single
/// other characters (each CJK character may start a new line).
fn tokens(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in s.char_indices() {
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

/// Makes control characters, terminal escapes and invisible format characters visible, so
/// that text from a file, a paste or a keyboard can never drive the terminal or disguise
/// itself: ESC becomes `\x1b`, U+009B `\x9b`, U+202E `\u{202e}`. Newlines are kept when
/// `keep_newlines` is set (tabs become four spaces either way). **Every path from data to
/// an output goes through this function** (docs/ARCHITECTURE.md); it is idempotent, so
/// applying it again at an output changes nothing.
#[must_use]
pub fn visible(s: &str, keep_newlines: bool) -> String {
    use std::fmt::Write as _;
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\n' if keep_newlines => out.push('\n'),
            '\t' => out.push_str("    "),
            c if is_control(c) && u32::from(c) <= 0xff => {
                let _ = write!(out, "\\x{:02x}", u32::from(c));
            }
            c if is_control(c) => {
                let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out
}

/// Characters that must never reach a terminal or a report as they are: C0 and C1 controls
/// and DEL (including U+009B, a one-character CSI), bidirectional controls that reorder what
/// is shown (U+061C, U+200E/F, U+202A–U+202E, U+2066–U+2069), characters that show nothing
/// (zero-width space and joiners, word joiner and invisible operators, soft hyphen, BOM,
/// Mongolian vowel separator, interlinear annotation marks, tag characters), and the Unicode
/// line and paragraph separators, which some terminals take as line breaks.
#[must_use]
pub fn is_control(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{ad}'
                | '\u{61c}'
                | '\u{180e}'
                | '\u{200b}'..='\u{200f}'
                | '\u{2028}'..='\u{202e}'
                | '\u{2060}'..='\u{2064}'
                | '\u{2066}'..='\u{206f}'
                | '\u{feff}'
                | '\u{fff9}'..='\u{fffb}'
                | '\u{e0000}'..='\u{e007f}'
        )
}

/// Normalises a paste for a field: `\r\n` and lone `\r` become `\n`; in a single-line field
/// line breaks become spaces.
#[must_use]
pub fn normalize_paste(s: &str, multiline: bool) -> String {
    let s = s.replace("\r\n", "\n").replace('\r', "\n");
    if multiline { s } else { s.trim_end_matches('\n').replace('\n', " ") }
}

#[cfg(test)]
mod tests {
    use super::*;

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
        assert_eq!(visible("a\u{202e}b\u{200b}c", false), "a\\u{202e}b\\u{200b}c");
        assert_eq!(visible("\u{7f}\u{85}\u{2028}", true), "\\x7f\\x85\\u{2028}");
        // Chinese, punctuation and emoji pass as they are.
        assert_eq!(visible("岳阳市，“城管”😀", false), "岳阳市，“城管”😀");
    }

    #[test]
    fn visible_is_idempotent_and_leaves_no_control() {
        let all: String = (0u32..0x3000).chain(0xe0000..0xe0080).filter_map(char::from_u32).collect();
        let once = visible(&all, true);
        assert!(once.chars().all(|c| c == '\n' || !is_control(c)));
        assert_eq!(visible(&once, true), once);
    }
}
