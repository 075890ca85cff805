//! The data file: a TOML document a person can read and edit. Reading keeps the exact text
//! of every number (no floats: `toml::de::DeTable` gives the raw digits) and the line and
//! column of every value; writing is deterministic, in form order, with each key's Chinese
//! label as a comment. Computed values are never written except as `[stated]` transcriptions.
//!
//! Pure: text in, text out. `docs/file-format.md` documents every key.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::str::FromStr;

use rust_decimal::Decimal;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::package::{Package, canonical};
use super::profile::Profile;
use super::spec::{FORM_ID, FORMAT_VERSION, FUND_COLUMNS, FUND_ROWS, GridRow, Kind, cell_path, spec};
use crate::i18n::Catalog;

/// Files larger than this are refused before parsing.
pub const MAX_FILE_BYTES: usize = 4 * 1024 * 1024;
/// Most rows accepted in one table.
pub const MAX_ROWS: usize = 1000;

/// A loaded file: the package and where each value stood (1-based line and column).
#[derive(Clone, Debug, Default)]
pub struct Loaded {
    /// The package.
    pub package: Package,
    /// Path → (line, column) of its value.
    pub spans: BTreeMap<String, (usize, usize)>,
}

/// Why a file could not be read. Rendered through the catalog key `load.<kind>`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LoadError {
    /// 1-based line.
    pub line: usize,
    /// 1-based column (characters).
    pub col: usize,
    /// What went wrong.
    pub kind: LoadErrorKind,
}

/// The kinds of load errors.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LoadErrorKind {
    /// Larger than [`MAX_FILE_BYTES`].
    TooLarge(usize),
    /// Not valid UTF-8.
    NotUtf8,
    /// TOML syntax error (the parser's message, which includes duplicate keys).
    Syntax(String),
    /// A required section is missing.
    MissingSection(String),
    /// A key this format does not have.
    UnknownKey(String),
    /// A value of the wrong TOML type.
    WrongType {
        /// The key.
        key: String,
        /// Locale key suffix of what was expected.
        expected: &'static str,
    },
    /// A number that is not finite or beyond the decimal range.
    BadNumber {
        /// The key.
        key: String,
        /// The number as written.
        text: String,
    },
    /// `form` names another form.
    WrongForm(String),
    /// `format_version` newer than this build.
    Version(String),
    /// `profile` is not known.
    UnknownProfile(String),
    /// More rows than [`MAX_ROWS`].
    TooManyRows(String),
}

impl LoadErrorKind {
    /// Catalog key and arguments of the message.
    #[must_use]
    pub fn message(&self) -> (&'static str, Vec<(&'static str, String)>) {
        match self {
            Self::TooLarge(n) => ("load.too_large", vec![("size", n.to_string()), ("max", MAX_FILE_BYTES.to_string())]),
            Self::NotUtf8 => ("load.not_utf8", vec![]),
            Self::Syntax(m) => ("load.syntax", vec![("message", crate::text::visible(m, false))]),
            Self::MissingSection(s) => ("load.missing_section", vec![("section", s.clone())]),
            Self::UnknownKey(k) => ("load.unknown_key", vec![("key", crate::text::visible(k, false))]),
            Self::WrongType { key, expected } => {
                ("load.wrong_type", vec![("key", key.clone()), ("expected", (*expected).to_string())])
            }
            Self::BadNumber { key, text } => {
                ("load.bad_number", vec![("key", key.clone()), ("value", crate::text::visible(text, false))])
            }
            Self::WrongForm(f) => ("load.wrong_form", vec![("form", crate::text::visible(f, false))]),
            Self::Version(v) => ("load.version", vec![("version", v.clone()), ("max", FORMAT_VERSION.to_string())]),
            Self::UnknownProfile(p) => ("load.unknown_profile", vec![("profile", crate::text::visible(p, false))]),
            Self::TooManyRows(t) => ("load.too_many_rows", vec![("table", t.clone()), ("max", MAX_ROWS.to_string())]),
        }
    }
}

/// 1-based line and column (in characters) of byte offset `at` in `text`.
#[must_use]
pub fn line_col(text: &str, at: usize) -> (usize, usize) {
    let at = at.min(text.len());
    let mut end = at;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let before = &text[..end];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

struct Loader<'a> {
    text: &'a str,
    out: Loaded,
}

impl Loader<'_> {
    fn err(&self, span: std::ops::Range<usize>, kind: LoadErrorKind) -> LoadError {
        let (line, col) = line_col(self.text, span.start);
        LoadError { line, col, kind }
    }

    fn walk(&mut self, prefix: &str, table: &DeTable<'_>) -> Result<(), LoadError> {
        let s = spec();
        for (k, v) in table.iter() {
            let path = format!("{prefix}.{}", k.get_ref());
            if let Some(f) = s.field(&path) {
                let text = self.scalar(&path, f.kind, v)?;
                self.out.spans.insert(path.clone(), line_col(self.text, v.span().start));
                let text = canonical(f.kind, &text).unwrap_or(text);
                if !text.is_empty() {
                    self.out.package.values.insert(path, text);
                }
            } else if let Some(t) = s.table(&path) {
                let DeValue::Array(rows) = v.get_ref() else {
                    return Err(self.err(v.span(), LoadErrorKind::WrongType { key: path, expected: "rows" }));
                };
                if rows.len() > MAX_ROWS {
                    return Err(self.err(v.span(), LoadErrorKind::TooManyRows(path)));
                }
                let mut parsed = Vec::new();
                for (i, row) in rows.iter().enumerate() {
                    let DeValue::Table(cells) = row.get_ref() else {
                        return Err(
                            self.err(row.span(), LoadErrorKind::WrongType { key: path.clone(), expected: "table" })
                        );
                    };
                    let mut r = BTreeMap::new();
                    for (ck, cv) in cells.iter() {
                        let cp = cell_path(t.key, i + 1, ck.get_ref());
                        let Some(col) = t.column(ck.get_ref()) else {
                            return Err(self.err(ck.span(), LoadErrorKind::UnknownKey(cp)));
                        };
                        let text = self.scalar(&cp, col.kind, cv)?;
                        self.out.spans.insert(cp, line_col(self.text, cv.span().start));
                        let text = canonical(col.kind, &text).unwrap_or(text);
                        if !text.is_empty() {
                            r.insert(col.key.clone(), text);
                        }
                    }
                    parsed.push(r);
                }
                self.out.spans.insert(path.clone(), line_col(self.text, v.span().start));
                self.out.package.tables.insert(path, parsed);
            } else if let (DeValue::Table(sub), true) =
                (v.get_ref(), s.fields.iter().any(|f| f.key.starts_with(&format!("{path}."))))
            {
                self.walk(&path, sub)?;
            } else {
                return Err(self.err(k.span(), LoadErrorKind::UnknownKey(path)));
            }
        }
        Ok(())
    }

    fn scalar(&self, key: &str, kind: Kind, v: &Spanned<DeValue<'_>>) -> Result<String, LoadError> {
        let wrong = |expected| self.err(v.span(), LoadErrorKind::WrongType { key: key.to_string(), expected });
        let expected = if kind.is_numeric() {
            "number"
        } else if kind == Kind::Date {
            "date"
        } else {
            "text"
        };
        match v.get_ref() {
            // A file saved on Windows (or by an old Mac tool) has CR LF or CR line breaks: LF.
            DeValue::String(s) => Ok(crate::text::unify_newlines(s).into_owned()),
            DeValue::Integer(i) if kind.is_numeric() || kind == Kind::Phone => {
                if i.radix() != 10 {
                    return Err(wrong(expected));
                }
                let t = i.as_str().replace('_', "");
                Decimal::from_str(&t).map_err(|_| {
                    self.err(v.span(), LoadErrorKind::BadNumber { key: key.to_string(), text: t.clone() })
                })?;
                Ok(t)
            }
            DeValue::Float(f) if kind.is_numeric() => {
                let t = f.as_str().replace('_', "");
                let d = if t.contains(['e', 'E']) { Decimal::from_scientific(&t) } else { Decimal::from_str(&t) };
                match d {
                    Ok(d) => Ok(d.to_string()),
                    Err(_) => Err(self.err(v.span(), LoadErrorKind::BadNumber { key: key.to_string(), text: t })),
                }
            }
            DeValue::Datetime(d) if kind == Kind::Date => match (d.date, d.time) {
                (Some(date), None) => Ok(format!("{:04}-{:02}-{:02}", date.year, date.month, date.day)),
                _ => Err(wrong(expected)),
            },
            _ => Err(wrong(expected)),
        }
    }
}

/// Reads a data file.
///
/// # Errors
/// A [`LoadError`] with line and column when the bytes are not a package this build reads.
pub fn load(bytes: &[u8]) -> Result<Loaded, LoadError> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(LoadError { line: 1, col: 1, kind: LoadErrorKind::TooLarge(bytes.len()) });
    }
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let good = String::from_utf8_lossy(&bytes[..e.valid_up_to()]).into_owned();
            let (line, col) = line_col(&good, good.len());
            return Err(LoadError { line, col, kind: LoadErrorKind::NotUtf8 });
        }
    };
    let root = DeTable::parse(text).map_err(|e| {
        let (line, col) = line_col(text, e.span().map_or(0, |s| s.start));
        LoadError { line, col, kind: LoadErrorKind::Syntax(e.message().to_string()) }
    })?;
    let root = root.get_ref();
    let mut loader = Loader { text, out: Loaded::default() };
    let end = line_col(text, text.len());
    let missing =
        |name: &str| LoadError { line: end.0, col: end.1, kind: LoadErrorKind::MissingSection(name.to_string()) };
    let get = |name: &str| root.iter().find(|(k, _)| k.get_ref() == name).map(|(_, v)| v);

    let meta = get("jixiao").ok_or_else(|| missing("jixiao"))?;
    let DeValue::Table(meta_t) = meta.get_ref() else {
        return Err(loader.err(meta.span(), LoadErrorKind::WrongType { key: "jixiao".into(), expected: "table" }));
    };
    let mut profile = None;
    let mut form_seen = false;
    for (k, v) in meta_t.iter() {
        match (k.get_ref().as_ref(), v.get_ref()) {
            ("form", DeValue::String(s)) if s == FORM_ID => form_seen = true,
            ("form", DeValue::String(s)) => return Err(loader.err(v.span(), LoadErrorKind::WrongForm(s.to_string()))),
            ("format_version", DeValue::Integer(i)) => {
                if i.as_str().parse::<i64>().ok().filter(|n| (1..=FORMAT_VERSION).contains(n)).is_none() {
                    return Err(loader.err(v.span(), LoadErrorKind::Version(i.as_str().to_string())));
                }
            }
            ("profile", DeValue::String(s)) => {
                if Profile::builtin(s).is_none() {
                    return Err(loader.err(v.span(), LoadErrorKind::UnknownProfile(s.to_string())));
                }
                profile = Some(s.to_string());
            }
            ("form" | "format_version" | "profile", _) => {
                return Err(loader.err(
                    v.span(),
                    LoadErrorKind::WrongType { key: format!("jixiao.{}", k.get_ref()), expected: "text" },
                ));
            }
            _ => return Err(loader.err(k.span(), LoadErrorKind::UnknownKey(format!("jixiao.{}", k.get_ref())))),
        }
    }
    if !form_seen {
        return Err(loader.err(meta.span(), LoadErrorKind::MissingSection("jixiao.form".into())));
    }
    loader.out.package.profile =
        profile.ok_or_else(|| loader.err(meta.span(), LoadErrorKind::MissingSection("jixiao.profile".into())))?;
    for t in &spec().tables {
        loader.out.package.tables.insert(t.key.to_string(), Vec::new());
    }
    for (k, v) in root.iter() {
        let name = k.get_ref().as_ref();
        match (name, v.get_ref()) {
            ("jixiao", _) => {}
            ("basic" | "self_eval" | "report", DeValue::Table(t)) => loader.walk(name, t)?,
            ("stated", DeValue::Table(t)) => {
                for (sk, sv) in t.iter() {
                    let raw = match sv.get_ref() {
                        DeValue::String(s) => s.to_string(),
                        DeValue::Integer(i) => i.as_str().to_string(),
                        DeValue::Float(f) => f.as_str().to_string(),
                        _ => {
                            return Err(loader.err(
                                sv.span(),
                                LoadErrorKind::WrongType { key: format!("stated.{}", sk.get_ref()), expected: "text" },
                            ));
                        }
                    };
                    loader.out.spans.insert(format!("stated.{}", sk.get_ref()), line_col(text, sv.span().start));
                    loader.out.package.stated.insert(sk.get_ref().to_string(), raw);
                }
            }
            ("basic" | "self_eval" | "report" | "stated", _) => {
                return Err(loader.err(v.span(), LoadErrorKind::WrongType { key: name.to_string(), expected: "table" }));
            }
            _ => return Err(loader.err(k.span(), LoadErrorKind::UnknownKey(name.to_string()))),
        }
    }
    for name in ["basic", "self_eval", "report"] {
        if get(name).is_none() {
            return Err(missing(name));
        }
    }
    Ok(loader.out)
}

/// A TOML string literal for `s`: basic, or multi-line basic when it holds newlines.
#[must_use]
pub fn toml_string(s: &str) -> String {
    let multiline = s.contains('\n');
    let mut out = String::with_capacity(s.len() + 8);
    out.push_str(if multiline { "\"\"\"\n" } else { "\"" });
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' if multiline => out.push('\n'),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push_str(if multiline { "\"\"\"" } else { "\"" });
    out
}

/// The TOML value for a field's text: a bare number or date when valid, a string otherwise.
fn value(kind: Kind, text: &str) -> String {
    if text.is_empty() {
        return "\"\"".into();
    }
    match (kind, canonical(kind, text)) {
        (Kind::Year | Kind::Money | Kind::Integer | Kind::Area | Kind::Score | Kind::Date, Ok(c)) => c,
        _ => toml_string(text),
    }
}

fn key_line(out: &mut String, key: &str, val: &str, label: &str) {
    if val.contains('\n') {
        let _ = writeln!(out, "# {label}");
        let _ = writeln!(out, "{key} = {val}");
    } else {
        let _ = writeln!(out, "{key} = {val}  # {label}");
    }
}

/// Writes the package as TOML. `labels` supplies the comment labels (zh-CN in practice).
#[must_use]
pub fn save(pkg: &Package, labels: &Catalog) -> String {
    let s = spec();
    let mut out = String::new();
    let _ = writeln!(out, "# {}", labels.tr("file.header"));
    let _ = writeln!(out, "# {}", labels.tr("file.header_note"));
    let _ = writeln!(out, "\n[jixiao]");
    let _ = writeln!(out, "form = {}", toml_string(FORM_ID));
    let _ = writeln!(out, "format_version = {FORMAT_VERSION}");
    let _ = writeln!(out, "profile = {}", toml_string(&pkg.profile));
    let label = |f: &super::spec::Field| f.label.iter().map(|k| labels.tr(k)).collect::<Vec<_>>().join(" · ");

    for doc in ["basic", "self_eval", "report"] {
        let _ = writeln!(out, "\n# ── {} ──\n[{doc}]", labels.tr(&format!("doc.{doc}")));
        for f in s.fields.iter().filter(|f| f.key.starts_with(&format!("{doc}.")) && !f.key.starts_with("basic.funds."))
        {
            let key = &f.key[doc.len() + 1..];
            key_line(&mut out, key, &value(f.kind, pkg.text(&f.key)), &label(f));
        }
        if doc == "basic" {
            let _ = writeln!(out, "\n[basic.funds]  # {}", labels.tr("file.funds_note"));
            for row in FUND_ROWS {
                if let GridRow::Input { key, .. } = row {
                    let cells: Vec<String> = FUND_COLUMNS
                        .iter()
                        .filter_map(|c| {
                            let t = pkg.text(&format!("basic.funds.{key}.{c}"));
                            (!t.is_empty()).then(|| format!("{c} = {}", value(Kind::Money, t)))
                        })
                        .collect();
                    let inline =
                        if cells.is_empty() { "{}".to_string() } else { format!("{{ {} }}", cells.join(", ")) };
                    key_line(&mut out, key, &inline, labels.tr(&format!("field.basic.funds.{key}")));
                }
            }
        }
        for t in s.tables.iter().filter(|t| t.key.starts_with(&format!("{doc}."))) {
            for row in pkg.rows(t.key) {
                let _ = writeln!(out, "\n[[{}]]  # {}", t.key, labels.tr(&format!("table.{}", t.key)));
                for c in &t.columns {
                    let text = row.get(&c.key).map_or("", String::as_str);
                    key_line(&mut out, &c.key, &value(c.kind, text), &label(c));
                }
            }
        }
    }
    if !pkg.stated.is_empty() {
        let _ = writeln!(out, "\n# {}\n[stated]", labels.tr("file.stated_note"));
        for (k, v) in &pkg.stated {
            let _ = writeln!(out, "{} = {}", toml_string(k), toml_string(v));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    #[test]
    fn strings_round_trip_through_toml() {
        for s in ["plain", "a \"quoted\" \\ path", "line one\nline two\n", "tab\there", "esc\u{1b}[31m", "中文\n“引号”"]
        {
            let doc = format!("x = {}\n", toml_string(s));
            let t: toml::Table = toml::from_str(&doc).unwrap_or_else(|e| panic!("{doc}: {e}"));
            assert_eq!(t["x"].as_str(), Some(s), "{doc}");
        }
    }

    #[test]
    fn empty_package_round_trips() {
        let cat = Catalog::get(Lang::ZhCn);
        let p = Package::new(2023);
        let text = save(&p, cat);
        let back = load(text.as_bytes()).unwrap_or_else(|e| panic!("{e:?}\n{text}"));
        assert_eq!(back.package, p);
        assert_eq!(line_col("ab\ncd", 4), (2, 2));
    }
}
