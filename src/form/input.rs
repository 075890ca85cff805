//! Input as office users type it: full-width digits and punctuation, thousands separators,
//! trailing units, Chinese dates, phone numbers. Every parser either returns the value it
//! read or an [`InputError`] saying what was expected; nothing is changed silently.
//!
//! Pure: no I/O, no locale. Messages are made from `InputError` by the caller.

use rust_decimal::Decimal;
use std::borrow::Cow;
use std::str::FromStr;

/// Why a typed value was refused. Rendered in the user's language by `i18n`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum InputError {
    /// Nothing was typed (for a required field).
    Empty,
    /// Not a number of the expected shape.
    NotANumber,
    /// A plain 元 where 万元 is expected: 10,000 times off.
    YuanNotWanYuan,
    /// A unit that does not belong to this field (e.g. 元 in an area).
    WrongUnit(String),
    /// Below zero.
    Negative,
    /// More decimals than allowed.
    TooManyDecimals(u32),
    /// Larger than the field allows.
    TooLarge(String),
    /// Not a whole number.
    NotInteger,
    /// Not a date in one of the accepted forms.
    BadDate,
    /// A date that does not exist (2023-02-30).
    NoSuchDate,
    /// Not a mobile or landline number.
    BadPhone,
    /// Not a personal name (2 to 10 Chinese characters, `·` allowed).
    BadName,
    /// Holds control characters or terminal escapes.
    ControlChars,
    /// Not one of the choices.
    NotAChoice,
    /// Longer than the field allows.
    TooLong(usize),
}

/// The largest amount accepted, in 万元 (one trillion 万元): anything larger is a typing error.
#[must_use]
pub fn money_max() -> Decimal {
    Decimal::from(1_000_000_000_000_i64)
}

/// Folds full-width ASCII (U+FF01..U+FF5E) to ASCII and look-alike spaces (the ideographic
/// space, no-break space …) to a space, and drops invisible characters (zero-width space,
/// BOM …): what is left is what the user sees. `。` is not folded: it is a full stop, not a
/// decimal point.
#[must_use]
pub fn fold_fullwidth(s: &str) -> Cow<'_, str> {
    use crate::text::{is_common, is_invisible, is_odd_space};
    let full = |c: char| ('\u{ff01}'..='\u{ff5e}').contains(&c);
    let changes = |c: char| !is_common(c) && (full(c) || is_invisible(c) || is_odd_space(c));
    let Some(at) = s.char_indices().find(|(_, c)| changes(*c)).map(|(i, _)| i) else {
        return Cow::Borrowed(s);
    };
    let mut out = String::with_capacity(s.len());
    out.push_str(&s[..at]);
    for c in s[at..].chars() {
        if is_common(c) {
            out.push(c);
        } else if full(c) {
            out.push(char::from_u32(u32::from(c) - 0xfee0).unwrap_or(c));
        } else if is_odd_space(c) {
            out.push(' ');
        } else if !is_invisible(c) {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Strips a trailing unit from `s` (after folding), returning the rest trimmed and whether
/// one of `units` was found.
fn strip_unit<'a>(s: &'a str, units: &[&str]) -> (&'a str, bool) {
    for u in units {
        if let Some(rest) = s.strip_suffix(u) {
            return (rest.trim_end(), true);
        }
    }
    (s, false)
}

/// Parses a plain decimal with optional thousands separators (`1,234.56`).
fn plain_decimal(s: &str) -> Result<Decimal, InputError> {
    let s = s.trim();
    if s.is_empty() {
        return Err(InputError::Empty);
    }
    let (neg, body) = match s.strip_prefix('-') {
        Some(rest) => (true, rest.trim_start()),
        None => (false, s.strip_prefix('+').unwrap_or(s)),
    };
    let (int_part, frac) = match body.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (body, None),
    };
    if int_part.is_empty() && frac.is_none() {
        return Err(InputError::NotANumber);
    }
    let digits: String = if int_part.contains(',') {
        let groups: Vec<&str> = int_part.split(',').collect();
        let first_ok = (1..=3).contains(&groups[0].len());
        let rest_ok = groups[1..].iter().all(|g| g.len() == 3);
        if !first_ok || !rest_ok {
            return Err(InputError::NotANumber);
        }
        groups.concat()
    } else {
        int_part.to_string()
    };
    let frac_ok = frac.is_none_or(|f| !f.is_empty() && f.bytes().all(|b| b.is_ascii_digit()));
    if !digits.bytes().all(|b| b.is_ascii_digit()) || !frac_ok {
        return Err(InputError::NotANumber);
    }
    if digits.is_empty() && frac.is_none() {
        return Err(InputError::NotANumber);
    }
    let text = match frac {
        Some(f) => format!("{}.{f}", if digits.is_empty() { "0" } else { &digits }),
        None => digits,
    };
    let d = Decimal::from_str(&text).map_err(|_| InputError::TooLarge(text.clone()))?;
    if neg && !d.is_zero() {
        return Err(InputError::Negative);
    }
    Ok(d)
}

fn check_scale(d: Decimal, max: u32) -> Result<Decimal, InputError> {
    let n = d.normalize();
    if n.scale() > max {
        return Err(InputError::TooManyDecimals(max));
    }
    let mut out = d;
    out.rescale(max);
    Ok(out)
}

/// Most decimals an amount in 万元 may have: 6 is to the 分 (4 is to the 元, as real forms
/// often give amounts: `113.3615`).
pub const MONEY_DECIMALS: u32 = 6;

/// An amount in 万元, ≥ 0. Up to 2 decimals it is returned with exactly 2 (`7.4` → `7.40`);
/// an amount given to the 元 or the 分 (`113.3615`, `89.974`) is kept exactly as given
/// (trailing zeros past the second decimal dropped), up to [`MONEY_DECIMALS`]. The form prints
/// 2 decimals; `calc` rounds for print and the report says where it did.
/// Accepts `865.82`, `８６５．８２`, `1,234.50`, `865.82万元`, `865.82万`; refuses `865.82元`.
pub fn money(s: &str) -> Result<Decimal, InputError> {
    let f = fold_fullwidth(s);
    let t = f.trim();
    let (t, _) = strip_unit(t, &["万元", "万"]);
    if t.ends_with('元') {
        return Err(InputError::YuanNotWanYuan);
    }
    if let Some(u) = trailing_letters(t) {
        return Err(InputError::WrongUnit(u));
    }
    let d = plain_decimal(t)?;
    if d > money_max() {
        return Err(InputError::TooLarge(money_max().to_string()));
    }
    let n = d.normalize();
    match n.scale() {
        0..=2 => check_scale(d, 2),
        s if s <= MONEY_DECIMALS => Ok(n),
        _ => Err(InputError::TooManyDecimals(MONEY_DECIMALS)),
    }
}

/// Non-digit suffix that is not part of a number (used to name a wrong unit).
fn trailing_letters(t: &str) -> Option<String> {
    let idx = t
        .char_indices()
        .rev()
        .take_while(|(_, c)| !c.is_ascii_digit() && *c != '.' && *c != ',')
        .last()
        .map(|(i, _)| i)?;
    let tail = t[idx..].trim();
    if tail.is_empty() || idx == 0 { None } else { Some(tail.to_string()) }
}

/// A number ≥ 0 with one of `units` optionally after it, at most `max`, at most 2 decimals.
fn bounded(s: &str, units: &[&str], max: Decimal, max_label: &str) -> Result<Decimal, InputError> {
    let f = fold_fullwidth(s);
    let (t, _) = strip_unit(f.trim(), units);
    if let Some(u) = trailing_letters(t) {
        return Err(InputError::WrongUnit(u));
    }
    let d = plain_decimal(t)?;
    if d > max {
        return Err(InputError::TooLarge(max_label.into()));
    }
    check_scale(d, 2)
}

/// A percentage in percentage points (`85.19%` → 85.19), with or without `%`, at most 2
/// decimals, from 0 to 1000.
pub fn percent(s: &str) -> Result<Decimal, InputError> {
    bounded(s, &["%"], Decimal::from(1000), "1000%")
}

/// A whole number ≥ 0 (headcounts), at most `max`; `27人` is accepted.
pub fn integer(s: &str, max: u32) -> Result<u32, InputError> {
    whole(s, &["人", "名", "个"], max)
}

/// A fiscal year, 2000–2100: `2023`, `２０２３`, `2023年`, `2023年度`.
///
/// # Errors
/// [`InputError`] when not a year in range (`TooLarge("2000–2100")`) or with another unit.
pub fn year(s: &str) -> Result<i32, InputError> {
    let n = whole(s, &["年度", "年"], 2100)?;
    if n < 2000 {
        return Err(InputError::TooLarge("2000–2100".into()));
    }
    i32::try_from(n).map_err(|_| InputError::NotANumber)
}

/// A whole number ≥ 0 with one of `units` optionally after it, at most `max`.
fn whole(s: &str, units: &[&str], max: u32) -> Result<u32, InputError> {
    let f = fold_fullwidth(s);
    let (t, _) = strip_unit(f.trim(), units);
    if let Some(u) = trailing_letters(t) {
        return Err(InputError::WrongUnit(u));
    }
    let d = plain_decimal(t)?;
    if d.normalize().scale() > 0 {
        return Err(InputError::NotInteger);
    }
    let n = u32::try_from(d.trunc().mantissa()).map_err(|_| InputError::TooLarge(max.to_string()))?;
    if n > max {
        return Err(InputError::TooLarge(max.to_string()));
    }
    Ok(n)
}

/// An area in m², ≥ 0, at most 2 decimals; `1,200m²`, `1200 平方米`, `1200㎡` accepted.
pub fn area(s: &str) -> Result<Decimal, InputError> {
    bounded(s, &["m²", "m2", "平方米", "㎡", "平米"], money_max(), &money_max().to_string())
}

/// A score (分值 or 得分): 0 to 100, at most 2 decimals; `5分` accepted.
pub fn score(s: &str) -> Result<Decimal, InputError> {
    bounded(s, &["分"], Decimal::from(100), "100")
}

/// A calendar date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date {
    /// Year, 1900..=2999.
    pub year: i32,
    /// Month, 1..=12.
    pub month: u32,
    /// Day of month.
    pub day: u32,
}

impl Date {
    /// Builds a date if it exists.
    #[must_use]
    pub fn new(year: i32, month: u32, day: u32) -> Option<Self> {
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
        let days = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return None,
        };
        ((1900..=2999).contains(&year) && (1..=days).contains(&day)).then_some(Self { year, month, day })
    }

    /// `2024-05-20`: the form used in the data file.
    #[must_use]
    pub fn iso(&self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }

    /// `2024年5月20日`: the form printed on the paper forms.
    #[must_use]
    pub fn chinese(&self) -> String {
        format!("{}年{}月{}日", self.year, self.month, self.day)
    }
}

/// A full date: `2024年5月20日`, `2024-05-20`, `2024/5/20`, `2024.5.20` (full-width digits
/// too). A month without a day (`2024年5月`) is refused: the forms need the full date.
pub fn date(s: &str) -> Result<Date, InputError> {
    let f = fold_fullwidth(s);
    let t = f.trim();
    let parts: Vec<&str> = if t.contains('年') {
        let t = t.strip_suffix('日').or_else(|| t.strip_suffix('号')).ok_or(InputError::BadDate)?;
        let (y, rest) = t.split_once('年').ok_or(InputError::BadDate)?;
        let (m, d) = rest.split_once('月').ok_or(InputError::BadDate)?;
        vec![y.trim(), m.trim(), d.trim()]
    } else {
        let sep = ['-', '/', '.'].into_iter().find(|c| t.contains(*c)).ok_or(InputError::BadDate)?;
        t.split(sep).map(str::trim).collect()
    };
    if parts.len() != 3 || parts.iter().any(|p| p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit())) {
        return Err(InputError::BadDate);
    }
    if parts[0].len() != 4 || parts[1].len() > 2 || parts[2].len() > 2 {
        return Err(InputError::BadDate);
    }
    let y: i32 = parts[0].parse().map_err(|_| InputError::BadDate)?;
    let m: u32 = parts[1].parse().map_err(|_| InputError::BadDate)?;
    let d: u32 = parts[2].parse().map_err(|_| InputError::BadDate)?;
    Date::new(y, m, d).ok_or(InputError::NoSuchDate)
}

/// A phone number, as read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Phone {
    /// 11-digit mobile number.
    Mobile(String),
    /// Landline with area code, written `0730-8690022` (with an extension: `0730-8123456转8001`).
    Landline(String),
    /// 7 or 8 digits without area code (accepted with warning W-18), perhaps with an extension.
    Local(String),
}

impl Phone {
    /// The canonical text written to the file.
    #[must_use]
    pub fn text(&self) -> &str {
        match self {
            Self::Mobile(s) | Self::Landline(s) | Self::Local(s) => s,
        }
    }
}

/// How an extension is marked, after folding and lower-casing (longest first).
const EXTENSION_MARKS: &[&str] = &["转分机", "分机号", "分机", "转", "ext.", "ext", "x", "#", ",", ";"];

/// The digits of a phone's main number and extension: the number as written (digits, spaces,
/// dashes, parentheses) and the extension (1 to 6 digits) if one is marked.
fn split_extension(t: &str) -> Result<(&str, Option<String>), InputError> {
    let Some((at, mark)) = EXTENSION_MARKS.iter().filter_map(|m| t.find(m).map(|i| (i, m))).min_by_key(|(i, _)| *i)
    else {
        return Ok((t, None));
    };
    let ext = t[at + mark.len()..].trim_start_matches(['.', ':', ' ', '-']);
    let ext = ext.trim();
    if ext.is_empty() || ext.len() > 6 || !ext.bytes().all(|b| b.is_ascii_digit()) {
        return Err(InputError::BadPhone);
    }
    Ok((t[..at].trim_end(), Some(ext.to_string())))
}

/// Strips a country code for China (`+86`, `0086`, `(+86)`, `86-` before a mobile number).
fn strip_country(t: &str) -> (&str, bool) {
    for p in ["(+86)", "(86)", "+86", "0086"] {
        if let Some(rest) = t.strip_prefix(p) {
            let rest = rest.trim_start_matches([' ', '-']);
            // `+86 (0)730 …`: the trunk 0 written in parentheses.
            let rest = rest.strip_prefix("(0)").unwrap_or(rest);
            return (rest.trim_start(), true);
        }
    }
    (t, false)
}

/// A mobile, landline or local number from its digits.
fn phone_digits(digits: &str, international: bool) -> Result<Phone, InputError> {
    let b = digits.as_bytes();
    if b.len() == 11 && b[0] == b'1' && (b'3'..=b'9').contains(&b[1]) {
        return Ok(Phone::Mobile(digits.to_string()));
    }
    if b.len() == 13 && digits.starts_with("861") {
        // `8613975028272`: the country code without its `+`.
        return phone_digits(&digits[2..], true);
    }
    if international && b.first().is_some_and(|d| *d != b'0') {
        // `+86 730 8123456`: the area code without its trunk 0.
        return phone_digits(&format!("0{digits}"), false);
    }
    if b.first() == Some(&b'0') {
        // Area code: 3 digits for 010 and 02x, otherwise 4.
        let area_len = if b.len() > 1 && (b[1] == b'1' || b[1] == b'2') { 3 } else { 4 };
        let local = b.len().saturating_sub(area_len);
        if (7..=8).contains(&local) {
            return Ok(Phone::Landline(format!("{}-{}", &digits[..area_len], &digits[area_len..])));
        }
        return Err(InputError::BadPhone);
    }
    if (7..=8).contains(&b.len()) && b[0] != b'1' && !international {
        return Ok(Phone::Local(digits.to_string()));
    }
    Err(InputError::BadPhone)
}

/// A mobile (`13975028272`, spaces or dashes allowed, `+86` before it) or landline
/// (`0730-8690022`, `(0730)8690022`, `+86 730 8690022`) number, a landline with an extension
/// (`0730-8123456转8001`, `0730-8123456-8001`, `0730-8123456 ext. 8001`, `分机`, `x`, `#`);
/// a bare 7–8 digit local number is accepted as [`Phone::Local`]. A landline's extension is
/// written `转8001`; a mobile has none.
pub fn phone(s: &str) -> Result<Phone, InputError> {
    let f = fold_fullwidth(s).to_lowercase();
    let t = f.trim();
    if t.is_empty() {
        return Err(InputError::Empty);
    }
    let (t, international) = strip_country(t);
    let (main, ext) = split_extension(t)?;
    if main.is_empty() || !main.chars().all(|c| c.is_ascii_digit() || " -()".contains(c)) {
        return Err(InputError::BadPhone);
    }
    let digits: String = main.chars().filter(char::is_ascii_digit).collect();
    let with_ext = |p: Phone, ext: Option<String>| match (p, ext) {
        (p, None) => Ok(p),
        (Phone::Mobile(_), Some(_)) => Err(InputError::BadPhone),
        (Phone::Landline(n), Some(e)) => Ok(Phone::Landline(format!("{n}转{e}"))),
        (Phone::Local(n), Some(e)) => Ok(Phone::Local(format!("{n}转{e}"))),
    };
    match phone_digits(&digits, international) {
        Ok(p) => with_ext(p, ext),
        // `0730-8123456-8001`: a last group after a complete landline is its extension.
        Err(e) if ext.is_none() => {
            let Some((head, last)) = main.rsplit_once(['-', ' ']) else { return Err(e) };
            let last = last.trim();
            let head_digits: String = head.chars().filter(char::is_ascii_digit).collect();
            match phone_digits(&head_digits, international) {
                Ok(p @ Phone::Landline(_))
                    if !last.is_empty() && last.len() <= 6 && last.bytes().all(|b| b.is_ascii_digit()) =>
                {
                    with_ext(p, Some(last.to_string()))
                }
                _ => Err(e),
            }
        }
        Err(e) => Err(e),
    }
}

/// Most Chinese characters in a personal name (national guidance on name fields allows at
/// least 25; minority names such as `买买提明·阿不都热依木` are longer than 10).
pub const NAME_MAX: usize = 30;

/// The separators people type between the parts of a minority name; all become `·` (U+00B7).
const NAME_DOTS: &[char] = &['·', '•', '・', '･', '‧', '∙', '⋅', '．', '.', '。'];

/// A personal name: 2 to [`NAME_MAX`] Chinese characters; the parts of a minority name are
/// separated by `·` (`•`, `・`, `.` and other dots typed for it become `·`). Spaces inside
/// (`王　明`, used to line up two-character names) are dropped.
pub fn name(s: &str) -> Result<String, InputError> {
    let cleaned = crate::text::clean_line(s);
    let t = cleaned.trim();
    if t.is_empty() {
        return Err(InputError::Empty);
    }
    let t: String =
        t.chars().filter(|c| !c.is_whitespace()).map(|c| if NAME_DOTS.contains(&c) { '·' } else { c }).collect();
    let parts: Vec<&str> = t.split('·').collect();
    let n: usize = parts.iter().map(|p| p.chars().count()).sum();
    let ok = (2..=NAME_MAX).contains(&n) && parts.iter().all(|p| !p.is_empty() && p.chars().all(is_cjk));
    if ok { Ok(t) } else { Err(InputError::BadName) }
}

/// CJK unified ideographs (basic block and extensions A to H), compatibility ideographs and
/// `〇`.
#[must_use]
pub fn is_cjk(c: char) -> bool {
    matches!(c, '\u{4e00}'..='\u{9fff}' | '\u{3400}'..='\u{4dbf}' | '\u{f900}'..='\u{faff}' | '\u{20000}'..='\u{323af}' | '\u{3007}')
}

/// Single-line text: trimmed, non-empty, no control characters, at most `max` characters.
/// Invisible characters are dropped and look-alike spaces made spaces.
pub fn line(s: &str, max: usize) -> Result<String, InputError> {
    let cleaned = crate::text::clean_line(s);
    let t = cleaned.trim();
    if t.is_empty() {
        return Err(InputError::Empty);
    }
    if t.chars().any(crate::text::is_control) {
        return Err(InputError::ControlChars);
    }
    if t.chars().count() > max {
        return Err(InputError::TooLong(max));
    }
    Ok(t.to_string())
}

/// Long text: newlines and TABs are text (CR LF and CR become LF), invisible characters that
/// mean nothing are dropped (`text::clean_long`), other control characters refused, at most
/// `max` characters.
pub fn long_text(s: &str, max: usize) -> Result<String, InputError> {
    let cleaned = crate::text::clean_long(s);
    let t = cleaned.trim_end();
    if t.trim().is_empty() {
        return Err(InputError::Empty);
    }
    if t.chars().any(|c| c != '\n' && c != '\t' && crate::text::is_control(c)) {
        return Err(InputError::ControlChars);
    }
    if t.chars().count() > max {
        return Err(InputError::TooLong(max));
    }
    Ok(t.to_string())
}

/// Every number written in `text` (full-width digits folded, thousands separators read):
/// `执行率 91.5%，未支付 12 万元` → [91.5, 12]. Used to see whether a text states a figure.
#[must_use]
pub fn numbers_in(text: &str) -> Vec<Decimal> {
    let folded = fold_fullwidth(text);
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut flush = |cur: &mut String| {
        let t = cur.trim_end_matches(['.', ',']);
        if let Ok(d) = plain_decimal(t) {
            out.push(d.normalize());
        } else if let Ok(d) = Decimal::from_str(&t.replace(',', "")) {
            out.push(d.normalize());
        }
        cur.clear();
    };
    for c in folded.chars() {
        if c.is_ascii_digit() || ((c == '.' || c == ',') && !cur.is_empty()) {
            cur.push(c);
        } else if !cur.is_empty() {
            flush(&mut cur);
        }
    }
    if !cur.is_empty() {
        flush(&mut cur);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The edges of every bounded number: the limit itself is accepted, a step past it is not.
    #[test]
    fn numbers_at_their_limits_are_accepted_and_past_them_refused() {
        assert_eq!(percent("1000"), Ok(d("1000.00")));
        assert_eq!(percent("1000.01"), Err(InputError::TooLarge("1000%".into())));
        assert_eq!(score("100"), Ok(d("100.00")));
        assert_eq!(score("100.01"), Err(InputError::TooLarge("100".into())));
        assert_eq!(year("2000"), Ok(2000));
        assert_eq!(year("1999"), Err(InputError::TooLarge("2000–2100".into())));
        assert_eq!(year("2100年"), Ok(2100));
        assert_eq!(year("2101"), Err(InputError::TooLarge("2100".into())));
        assert_eq!(integer("27人", 27), Ok(27));
        assert_eq!(integer("28", 27), Err(InputError::TooLarge("27".into())));
    }

    /// A date needs three parts of digits only: a year of 4 digits, a month and a day of at
    /// most 2 (`+5` is not a month, though Rust's parser would take it).
    #[test]
    fn a_date_is_three_parts_of_digits_a_four_digit_year_and_two_digit_month_and_day() {
        assert_eq!(date("2024-5-20").map(|x| x.iso()), Ok("2024-05-20".to_string()));
        for bad in ["2024-05", "2024-+5-20", "2024--20", "24-05-20", "2024-005-20", "2024-05-020", "2024年5月"] {
            assert_eq!(date(bad), Err(InputError::BadDate), "{bad}");
        }
    }

    /// Phones at the edges of each reading: an extension of up to 6 digits; 11 digits starting
    /// 13–19 for a mobile and nothing shorter; a local number not starting with 1; letters
    /// refused; a marked extension is not read again from a trailing group.
    #[test]
    fn phone_numbers_at_the_edges_of_each_reading() {
        let landline = |s: &str| Ok(Phone::Landline(s.to_string()));
        assert_eq!(phone("0730-8123456转123456"), landline("0730-8123456转123456"));
        assert_eq!(phone("0730-8123456转1234567"), Err(InputError::BadPhone));
        assert_eq!(phone("0730-8123456-123456"), landline("0730-8123456转123456"));
        assert_eq!(phone("0730-8123456-1234567"), Err(InputError::BadPhone));
        assert_eq!(phone("0730-8123456-8001转5"), Err(InputError::BadPhone));
        assert_eq!(phone("13975028"), Err(InputError::BadPhone), "8 digits starting 13 are no mobile");
        assert_eq!(phone("1234567"), Err(InputError::BadPhone), "a local number does not start with 1");
        assert_eq!(phone("2345678"), Ok(Phone::Local("2345678".into())));
        // 86 before a mobile is the country code only on 13 digits: a local number may start 861.
        assert_eq!(phone("8613975028272"), Ok(Phone::Mobile("13975028272".into())));
        assert_eq!(phone("8612345"), Ok(Phone::Local("8612345".into())));
        assert_eq!(phone("0"), Err(InputError::BadPhone));
        assert_eq!(phone("0730-8123456a"), Err(InputError::BadPhone));
    }

    /// A text of exactly the limit's characters (汉字 counted as one each) is taken; one more is
    /// too long.
    #[test]
    fn texts_of_exactly_the_limit_are_taken_and_one_more_character_is_not() {
        let five = "岳阳市城管";
        assert_eq!(line(five, 5), Ok(five.to_string()));
        assert_eq!(line("岳阳市城管局", 5), Err(InputError::TooLong(5)));
        assert_eq!(long_text("一\n二三四", 5), Ok("一\n二三四".to_string()));
        assert_eq!(long_text("一\n二三四五", 5), Err(InputError::TooLong(5)));
        assert_eq!(long_text("短", 5), Ok("短".to_string()));
    }

    #[test]
    fn money_up_to_one_trillion_wan_yuan_is_an_amount_and_beyond_it_a_typing_error() {
        assert_eq!(money("1000000000000"), Ok(d("1000000000000.00")));
        assert_eq!(money("1000000000000.01"), Err(InputError::TooLarge("1000000000000".into())));
    }

    /// `fold_fullwidth` is `text::clean_line` and then full-width ASCII to ASCII, one
    /// character at a time, and borrows what it does not change.
    #[test]
    fn folding_is_cleaning_then_full_width_to_ascii_for_every_character() {
        let reference = |s: &str| -> String {
            crate::text::clean_line(s)
                .chars()
                .map(|c| match c {
                    '\u{ff01}'..='\u{ff5e}' => char::from_u32(u32::from(c) - 0xfee0).unwrap_or(c),
                    c => c,
                })
                .collect()
        };
        let all: Vec<char> = ('\u{0}'..='\u{3100}').chain('\u{fe00}'..='\u{ffff}').chain(['\u{e0100}']).collect();
        for c in &all {
            let s = format!("岳阳{c}a{c}");
            assert_eq!(fold_fullwidth(&s), reference(&s), "U+{:04X}", u32::from(*c));
        }
        // Nothing to change, common or not (。“”…): borrowed, not copied.
        assert!(matches!(fold_fullwidth("岳阳市 2023 年。“城管”…"), Cow::Borrowed(_)));
        assert_eq!(fold_fullwidth("１２３，４\u{3000}５\u{200b}"), "123,4 5");
    }

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).expect("test decimal")
    }

    #[test]
    fn money_as_typed() {
        let ok = [
            ("865.82", "865.82"),
            ("８６５．８２", "865.82"),
            ("1,234.5", "1234.50"),
            ("１，２３４．５", "1234.50"),
            ("865.82万元", "865.82"),
            ("865.82 万", "865.82"),
            ("0", "0.00"),
            (" 7.4 ", "7.40"),
            (".5", "0.50"),
        ];
        for (input, want) in ok {
            let got = money(input).unwrap_or_else(|e| panic!("{input}: {e:?}"));
            assert_eq!(got.to_string(), want, "{input}");
        }
        let bad = [
            ("865.82元", InputError::YuanNotWanYuan),
            ("８６５元", InputError::YuanNotWanYuan),
            ("-1", InputError::Negative),
            ("1.2345678", InputError::TooManyDecimals(MONEY_DECIMALS)),
            ("abc", InputError::NotANumber),
            ("", InputError::Empty),
            ("12,34", InputError::NotANumber),
            ("1.2.3", InputError::NotANumber),
            ("12 m²", InputError::WrongUnit("m²".into())),
            ("99999999999999999999999999999999", InputError::TooLarge("79228162514264337593543950335".into())),
        ];
        for (input, want) in bad {
            let got = money(input);
            match (&got, &want) {
                (Err(InputError::TooLarge(_)), InputError::TooLarge(_)) => {}
                _ => assert_eq!(got, Err(want), "{input}"),
            }
        }
    }

    #[test]
    fn money_to_the_yuan_is_kept_exactly() {
        // Real forms give amounts to the 元 (4 decimals of 万元) or the 分 (6).
        for (input, want) in [
            ("113.3615", "113.3615"),
            ("89.974", "89.974"),
            ("113.3615万元", "113.3615"),
            ("１１３．３６１５", "113.3615"),
            ("1,113.361500", "1113.3615"),
            ("0.000001", "0.000001"),
            ("7.400", "7.40"),
            ("865.8200", "865.82"),
        ] {
            assert_eq!(money(input).map(|d| d.to_string()), Ok(want.to_string()), "{input}");
        }
        assert_eq!(money("0.0000001"), Err(InputError::TooManyDecimals(MONEY_DECIMALS)));
    }

    #[test]
    fn invisible_characters_never_make_a_value_wrong() {
        for c in ['\u{200b}', '\u{200c}', '\u{200d}', '\u{2060}', '\u{feff}', '\u{ad}', '\u{200e}'] {
            assert_eq!(money(&format!("{c}865.82{c}")), Ok(d("865.82")), "{c:?}");
            assert_eq!(money(&format!("865{c}.82万元")), Ok(d("865.82")), "{c:?}");
            assert_eq!(integer(&format!("2{c}7人"), 100), Ok(27), "{c:?}");
            assert_eq!(name(&format!("王{c}小明{c}")), Ok("王小明".into()), "{c:?}");
            assert_eq!(phone(&format!("{c}13975028272")), Ok(Phone::Mobile("13975028272".into())), "{c:?}");
            assert_eq!(date(&format!("2024-05-20{c}")).map(|d| d.iso()), Ok("2024-05-20".into()), "{c:?}");
            assert_eq!(line(&format!("{c}岳阳市{c}"), 100), Ok("岳阳市".into()), "{c:?}");
        }
        // Look-alike spaces are spaces.
        assert_eq!(money("865.82\u{a0}万元"), Ok(d("865.82")));
        assert_eq!(line("岳阳\u{2003}市", 100), Ok("岳阳 市".into()));
    }

    #[test]
    fn years_as_written() {
        for s in ["2023", "２０２３", "2023年", "2023 年", "2023年度", "２０２３年"] {
            assert_eq!(year(s), Ok(2023), "{s}");
        }
        assert_eq!(year("2023人"), Err(InputError::WrongUnit("人".into())));
        assert_eq!(year("1999年"), Err(InputError::TooLarge("2000–2100".into())));
        assert_eq!(year("二〇二三"), Err(InputError::NotANumber));
    }

    #[test]
    fn percent_with_or_without_sign() {
        assert_eq!(percent("85.19%"), Ok(d("85.19")));
        assert_eq!(percent("85.19"), Ok(d("85.19")));
        assert_eq!(percent("８５．１９％"), Ok(d("85.19")));
        assert_eq!(percent("100"), Ok(d("100.00")));
        assert!(percent("85.191%").is_err());
        assert!(percent("x%").is_err());
    }

    #[test]
    fn integers_and_areas_and_scores() {
        assert_eq!(integer("27", 100_000), Ok(27));
        assert_eq!(integer("２７人", 100_000), Ok(27));
        assert_eq!(integer("27.5", 100_000), Err(InputError::NotInteger));
        assert_eq!(integer("27.0", 100_000), Ok(27));
        assert!(integer("-1", 100_000).is_err());
        assert_eq!(area("1,200m²"), Ok(d("1200.00")));
        assert_eq!(area("35.5 平方米"), Ok(d("35.50")));
        assert_eq!(area("35㎡"), Ok(d("35.00")));
        assert_eq!(score("4.95"), Ok(d("4.95")));
        assert_eq!(score("5分"), Ok(d("5.00")));
        assert!(score("101").is_err());
    }

    #[test]
    fn dates_in_every_office_form() {
        let want = Date::new(2024, 5, 20).expect("date");
        for s in ["2024年5月20日", "2024-05-20", "2024/5/20", "2024.5.20", "２０２４年５月２０日", " 2024-5-20 "]
        {
            assert_eq!(date(s), Ok(want), "{s}");
        }
        assert_eq!(date("2024年5月"), Err(InputError::BadDate));
        assert_eq!(date("2024年5月/1"), Err(InputError::BadDate));
        assert_eq!(date("2023-02-29"), Err(InputError::NoSuchDate));
        assert_eq!(date("2024-02-29").map(|d| d.iso()), Ok("2024-02-29".into()));
        assert_eq!(date("20240520"), Err(InputError::BadDate));
        assert_eq!(date("tomorrow"), Err(InputError::BadDate));
        assert_eq!(want.chinese(), "2024年5月20日");
    }

    #[test]
    fn phones_mobile_landline_local() {
        assert_eq!(phone("13975028272"), Ok(Phone::Mobile("13975028272".into())));
        assert_eq!(phone("139 7502 8272"), Ok(Phone::Mobile("13975028272".into())));
        assert_eq!(phone("１３９７５０２８２７２"), Ok(Phone::Mobile("13975028272".into())));
        assert_eq!(phone("0730-8690022"), Ok(Phone::Landline("0730-8690022".into())));
        assert_eq!(phone("(0730)8690022"), Ok(Phone::Landline("0730-8690022".into())));
        assert_eq!(phone("010-12345678"), Ok(Phone::Landline("010-12345678".into())));
        assert_eq!(phone("8690022"), Ok(Phone::Local("8690022".into())));
        assert_eq!(phone("12975028272"), Err(InputError::BadPhone));
        assert_eq!(phone("1397502827"), Err(InputError::BadPhone));
        assert_eq!(phone("phone"), Err(InputError::BadPhone));
    }

    #[test]
    fn numbers_written_in_text() {
        assert_eq!(numbers_in("执行率 91.5%，未支付 12 万元。"), vec![d("91.5"), d("12")]);
        assert_eq!(numbers_in("共 1,234.50 万元"), vec![d("1234.5")]);
        assert_eq!(numbers_in("得分为９８分"), vec![d("98")]);
        assert_eq!(numbers_in("1、2."), vec![d("1"), d("2")]);
        assert!(numbers_in("无").is_empty());
    }

    #[test]
    fn phones_with_extensions_and_country_codes() {
        let landline = |s: &str| Ok(Phone::Landline(s.into()));
        for s in [
            "0730-8123456转8001",
            "0730-8123456-8001",
            "0730-8123456 ext. 8001",
            "0730-8123456 ext 8001",
            "0730-8123456x8001",
            "0730-8123456 X 8001",
            "0730-8123456分机8001",
            "0730-8123456转分机8001",
            "0730-8123456#8001",
            "(0730)8123456转8001",
            "０７３０－８１２３４５６转８００１",
            "0730 8123456 8001",
            "+86 730 8123456转8001",
        ] {
            assert_eq!(phone(s), landline("0730-8123456转8001"), "{s}");
        }
        for s in [
            "+86 139 7502 8272",
            "+8613975028272",
            "+86-139-7502-8272",
            "0086 13975028272",
            "(+86)13975028272",
            "８６１３９７５０２８２７２",
            "＋８６ １３９７５０２８２７２",
        ] {
            assert_eq!(phone(s), Ok(Phone::Mobile("13975028272".into())), "{s}");
        }
        for s in ["+86 730 8690022", "+86-730-8690022", "+86 (0)730 8690022", "0086 730 8690022"] {
            assert_eq!(phone(s), landline("0730-8690022"), "{s}");
        }
        assert_eq!(phone("+86 10 12345678"), landline("010-12345678"));
        assert_eq!(phone("8123456转8001"), Ok(Phone::Local("8123456转8001".into())));
        // A mobile has no extension; an extension is 1 to 6 digits.
        assert_eq!(phone("13975028272转8001"), Err(InputError::BadPhone));
        assert_eq!(phone("0730-8123456转"), Err(InputError::BadPhone));
        assert_eq!(phone("0730-8123456转1234567"), Err(InputError::BadPhone));
        assert_eq!(phone("0730-8123456转abc"), Err(InputError::BadPhone));
        assert_eq!(phone("+86 8690022"), Err(InputError::BadPhone));
        // Canonical text reads back to itself.
        for s in ["0730-8123456转8001", "13975028272", "8123456转8001"] {
            assert_eq!(phone(s).map(|p| p.text().to_string()), Ok(s.to_string()), "{s}");
        }
    }

    #[test]
    fn names_and_text() {
        assert_eq!(name(" 邓岸妹 "), Ok("邓岸妹".into()));
        assert_eq!(name("阿依古丽·买买提"), Ok("阿依古丽·买买提".into()));
        assert_eq!(name("胡"), Err(InputError::BadName));
        assert_eq!(name("Hu Wang"), Err(InputError::BadName));
        assert_eq!(line("a\u{1b}[2J", 100), Err(InputError::ControlChars));
        assert_eq!(long_text("a\tb\r\nc\rd", 100), Ok("a\tb\nc\nd".into()), "TAB is text, CR LF and CR are LF");
        assert_eq!(long_text("a\u{200b}b\u{feff}", 100), Ok("ab".into()));
        assert_eq!(long_text("a\u{1b}b", 100), Err(InputError::ControlChars));
        assert_eq!(line("a\tb", 100), Err(InputError::ControlChars), "a TAB in a one-line value is shown, not hidden");
    }

    #[test]
    fn minority_and_long_names() {
        for (input, want) in [
            ("买买提明·阿不都热依木", "买买提明·阿不都热依木"),
            ("买买提明•阿不都热依木", "买买提明·阿不都热依木"),
            ("买买提明・阿不都热依木", "买买提明·阿不都热依木"),
            ("买买提明.阿不都热依木", "买买提明·阿不都热依木"),
            ("买买提明．阿不都热依木", "买买提明·阿不都热依木"),
            ("买买提明 · 阿不都热依木", "买买提明·阿不都热依木"),
            ("阿沛·阿旺晋美", "阿沛·阿旺晋美"),
            ("爱新觉罗·溥仪", "爱新觉罗·溥仪"),
            ("王　明", "王明"),
            ("𠀾小明", "𠀾小明"),
            ("张〇", "张〇"),
        ] {
            assert_eq!(name(input), Ok(want.to_string()), "{input}");
        }
        let long = "阿".repeat(12) + "·" + &"布".repeat(13);
        assert_eq!(name(&long).map(|n| n.chars().filter(|c| *c != '·').count()), Ok(25), "at least 25 汉字");
        assert_eq!(name(&"阿".repeat(NAME_MAX + 1)), Err(InputError::BadName));
        for bad in ["·买买提", "买买提·", "买买提··明", "王1", "王a明"] {
            assert_eq!(name(bad), Err(InputError::BadName), "{bad}");
        }
        assert_eq!(long_text("a\nb", 100), Ok("a\nb".into()));
        assert_eq!(long_text("   ", 100), Err(InputError::Empty));
    }
}
