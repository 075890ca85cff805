//! The data file: a TOML document a person can read and edit, read and written from the
//! form's definition. Reading keeps the exact text of every number (no floats:
//! `toml::de::DeTable` gives the raw digits) and the line and column of every value; older
//! format versions are migrated by the form's behaviour on reading (the file on disk stays as
//! it was until the user saves). Writing is deterministic, in form order, with each key's
//! label as a comment. Computed values are never written except as `[stated]` transcriptions.
//!
//! Pure: text in, text out. `docs/file-format.md` documents every key.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;
use std::str::FromStr;

use rust_decimal::Decimal;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::def::{Form, GridRow, Kind, Migrating, cell_path};
use super::package::{Package, canonical_text};
use super::profile::Profile;
use crate::i18n::Catalog;

/// Files larger than this are refused before parsing.
pub const MAX_FILE_BYTES: usize = 4 * 1024 * 1024;

/// A loaded file: the package, where each value stood (1-based line and column), and the
/// version the file was written in.
#[derive(Clone, Debug)]
pub struct Loaded {
    /// The package.
    pub package: Package,
    /// Path → (line, column) of its value.
    pub spans: HashMap<String, (usize, usize)>,
    /// The file's `format_version` (older than the form's when it was migrated on reading).
    pub version: i64,
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
    /// `form` names a form this program does not know.
    WrongForm(String),
    /// `format_version` newer than this build.
    Version(String),
    /// `profile` is not known: the id, and the ids that are.
    UnknownProfile(String, Vec<String>),
    /// More rows than the table accepts.
    TooManyRows(String, usize),
}

impl LoadErrorKind {
    /// Catalog key and arguments of the message.
    #[must_use]
    pub fn message(&self) -> (&'static str, Vec<(&'static str, String)>) {
        let v = |s: &str| crate::text::visible(s, false);
        match self {
            Self::TooLarge(n) => ("load.too_large", vec![("size", n.to_string()), ("max", MAX_FILE_BYTES.to_string())]),
            Self::NotUtf8 => ("load.not_utf8", vec![]),
            Self::Syntax(m) => (super::syntax::key(m).unwrap_or("load.syntax"), vec![("message", v(m))]),
            Self::MissingSection(s) => ("load.missing_section", vec![("section", v(s))]),
            Self::UnknownKey(k) => ("load.unknown_key", vec![("key", v(k))]),
            Self::WrongType { key, expected } => {
                ("load.wrong_type", vec![("key", v(key)), ("expected", (*expected).to_string())])
            }
            Self::BadNumber { key, text } => ("load.bad_number", vec![("key", v(key)), ("value", v(text))]),
            Self::WrongForm(f) => ("load.wrong_form", vec![("form", v(f))]),
            Self::Version(ver) => {
                ("load.version", vec![("version", v(ver)), ("max", super::unit::VERSION.to_string())])
            }
            Self::UnknownProfile(p, known) => {
                ("load.unknown_profile", vec![("profile", v(p)), ("known", known.join(", "))])
            }
            Self::TooManyRows(t, max) => ("load.too_many_rows", vec![("table", v(t)), ("max", max.to_string())]),
        }
    }
}

/// Byte offsets → 1-based line and column (in characters), in time proportional to the
/// length of one line: the line starts are found once.
struct Lines<'a> {
    text: &'a str,
    starts: Vec<usize>,
}

impl<'a> Lines<'a> {
    fn new(text: &'a str) -> Self {
        let mut starts = vec![0];
        starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        Self { text, starts }
    }

    fn at(&self, offset: usize) -> (usize, usize) {
        let mut end = offset.min(self.text.len());
        while !self.text.is_char_boundary(end) {
            end -= 1;
        }
        let line = self.starts.partition_point(|s| *s <= end);
        let start = self.starts[line - 1];
        (line, self.text[start..end].chars().count() + 1)
    }
}

/// 1-based line and column (in characters) of byte offset `at` in `text`.
#[must_use]
pub fn line_col(text: &str, at: usize) -> (usize, usize) {
    Lines::new(text).at(at)
}

struct Loader<'a> {
    lines: Lines<'a>,
    spans: HashMap<String, (usize, usize)>,
    /// Keys an older version had and this one does not: kept for the migration.
    old: Migrating,
    /// Where each migrated key stood (for the error if the migration does not take it).
    old_spans: BTreeMap<String, std::ops::Range<usize>>,
    version: i64,
}

impl Loader<'_> {
    fn err(&self, span: std::ops::Range<usize>, kind: LoadErrorKind) -> LoadError {
        let (line, col) = self.lines.at(span.start);
        LoadError { line, col, kind }
    }

    fn span(&mut self, path: String, at: usize) {
        let lc = self.lines.at(at);
        self.spans.insert(path, lc);
    }

    /// Reads the keys of one TOML table at `path` (empty at a sheet's root) into `pkg`;
    /// `shown` is the prefix of the sheet in spans and messages (`projects.2.`).
    fn walk<'t, 'd: 't>(
        &mut self,
        pkg: &mut Package,
        path: &str,
        entries: impl Iterator<Item = (&'t Spanned<std::borrow::Cow<'d, str>>, &'t Spanned<DeValue<'d>>)>,
        shown: &str,
    ) -> Result<(), LoadError> {
        let form = pkg.form();
        for (k, v) in entries {
            let key = if path.is_empty() { k.get_ref().to_string() } else { [path, ".", k.get_ref()].concat() };
            let full = [shown, key.as_str()].concat();
            if let Some(f) = form.field(&key) {
                let text = self.scalar(&full, f.kind, v)?;
                self.span(full, v.span().start);
                pkg.set(f.key, text);
            } else if let Some(t) = form.table(&key) {
                let DeValue::Array(rows) = v.get_ref() else {
                    return Err(self.err(v.span(), LoadErrorKind::WrongType { key: full, expected: "rows" }));
                };
                if rows.len() > t.max_rows {
                    return Err(self.err(v.span(), LoadErrorKind::TooManyRows(full, t.max_rows)));
                }
                self.span(full.clone(), v.span().start);
                for (i, row) in rows.iter().enumerate() {
                    let DeValue::Table(cells) = row.get_ref() else {
                        return Err(
                            self.err(row.span(), LoadErrorKind::WrongType { key: full.clone(), expected: "table" })
                        );
                    };
                    pkg.push_row(t.key);
                    for (ck, cv) in cells.iter() {
                        let shown_cp = [shown, cell_path(t.key, i + 1, ck.get_ref()).as_str()].concat();
                        let Some(col) = t.column(ck.get_ref()) else {
                            return Err(self.err(ck.span(), LoadErrorKind::UnknownKey(shown_cp)));
                        };
                        let text = self.scalar(&shown_cp, col.kind, cv)?;
                        self.span(shown_cp, cv.span().start);
                        // The row just added: no path to resolve for each of its cells.
                        if let Some(row) = pkg.last_row_mut(t.key) {
                            row.set(col.key, col.kind, &text);
                        }
                    }
                }
            } else if let (Some(g), true) = (form.group(&key), path.is_empty() && shown.is_empty()) {
                let DeValue::Array(items) = v.get_ref() else {
                    return Err(self.err(v.span(), LoadErrorKind::WrongType { key: full, expected: "rows" }));
                };
                if items.len() > g.max {
                    return Err(self.err(v.span(), LoadErrorKind::TooManyRows(full, g.max)));
                }
                self.span(full, v.span().start);
                for (i, item) in items.iter().enumerate() {
                    let DeValue::Table(t) = item.get_ref() else {
                        return Err(self.err(item.span(), LoadErrorKind::WrongType { key, expected: "table" }));
                    };
                    let mut sub = Package::empty((g.form)());
                    sub.profile.clone_from(&pkg.profile);
                    let prefix = format!("{key}.{}.", i + 1);
                    self.span(prefix.trim_end_matches('.').to_string(), item.span().start);
                    self.sheet(&mut sub, t, &prefix, "")?;
                    pkg.push_instance(g.key, sub);
                }
            } else if let (DeValue::Table(sub), true) = (
                v.get_ref(),
                form.fields.iter().any(|f| f.key.strip_prefix(key.as_str()).is_some_and(|r| r.starts_with('.'))),
            ) {
                self.walk(pkg, &key, sub.iter(), shown)?;
            } else if self.version < form.version && shown.is_empty() {
                // A key of an older version: the form's migration decides (`Behaviour::migrate`).
                let text = match v.get_ref() {
                    DeValue::String(s) => s.to_string(),
                    DeValue::Integer(i) => i.as_str().to_string(),
                    DeValue::Float(f) => f.as_str().to_string(),
                    _ => return Err(self.err(k.span(), LoadErrorKind::UnknownKey(full))),
                };
                self.old_spans.insert(key.clone(), k.span());
                self.old.values.insert(key, text);
            } else {
                return Err(self.err(k.span(), LoadErrorKind::UnknownKey(full)));
            }
        }
        Ok(())
    }

    /// Reads one sheet (the whole package, or one group instance): its tables, `[stated]` and
    /// `[reference]`;
    /// `skip` names top-level keys read elsewhere (`jixiao`).
    fn sheet(&mut self, pkg: &mut Package, root: &DeTable<'_>, shown: &str, skip: &str) -> Result<(), LoadError> {
        for (k, v) in root.iter() {
            match (k.get_ref().as_ref(), v.get_ref()) {
                ("stated", DeValue::Table(t)) => self.stated(&mut pkg.stated, t, shown)?,
                ("reference", DeValue::Table(t)) => self.reference(pkg, t, shown)?,
                (name @ ("stated" | "reference"), _) => {
                    let key = format!("{shown}{name}");
                    return Err(self.err(v.span(), LoadErrorKind::WrongType { key, expected: "table" }));
                }
                _ => {}
            }
        }
        // The rest in document order, without copying the document.
        let rest =
            root.iter().filter(|(k, _)| k.get_ref() != "stated" && k.get_ref() != "reference" && k.get_ref() != skip);
        self.walk(pkg, "", rest, shown)
    }

    fn stated(&mut self, out: &mut BTreeMap<String, String>, t: &DeTable<'_>, shown: &str) -> Result<(), LoadError> {
        for (sk, sv) in t.iter() {
            let key = format!("{shown}stated.{}", sk.get_ref());
            let raw = match sv.get_ref() {
                DeValue::String(s) => s.to_string(),
                DeValue::Integer(i) => i.as_str().to_string(),
                DeValue::Float(f) => f.as_str().to_string(),
                _ => return Err(self.err(sv.span(), LoadErrorKind::WrongType { key, expected: "text" })),
            };
            self.span(key, sv.span().start);
            out.insert(sk.get_ref().to_string(), raw);
        }
        Ok(())
    }

    /// `[reference]`: last year's text by field path (of this sheet's form).
    fn reference(&mut self, pkg: &mut Package, t: &DeTable<'_>, shown: &str) -> Result<(), LoadError> {
        for (rk, rv) in t.iter() {
            let key = format!("{shown}reference.{}", rk.get_ref());
            if pkg.form().field(rk.get_ref()).is_none() {
                return Err(self.err(rk.span(), LoadErrorKind::UnknownKey(key)));
            }
            let text = match rv.get_ref() {
                DeValue::String(s) => crate::text::unify_newlines(s).into_owned(),
                DeValue::Integer(i) => i.as_str().to_string(),
                _ => return Err(self.err(rv.span(), LoadErrorKind::WrongType { key, expected: "text" })),
            };
            self.span(key, rv.span().start);
            pkg.reference.insert(rk.get_ref().to_string(), text);
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

/// Reads a data file on a built-in profile.
///
/// # Errors
/// A [`LoadError`] with line and column when the bytes are not a package this build reads.
pub fn load(bytes: &[u8]) -> Result<Loaded, LoadError> {
    load_with(bytes, &[])
}

/// Reads a data file whose profile is a built-in one or one of `custom` (a bureau's own).
///
/// # Errors
/// A [`LoadError`] with line and column when the bytes are not a package this build reads.
pub fn load_with(bytes: &[u8], custom: &[Profile]) -> Result<Loaded, LoadError> {
    let (mut loaded, text) = read(bytes, custom)?;
    // The user's own comments, told from what jixiao writes itself for this package. Told
    // apart at the first save (most reads never save), from the package the same text gives
    // when read again: reading costs less than keeping a copy of the package from the start.
    let custom = custom.to_vec();
    loaded.package.comments = super::comments::Comments::deferred(text.to_string(), move |text| {
        match read(text.as_bytes(), &custom) {
            Ok((as_read, _)) => save_plain(&as_read.package, Catalog::get(crate::i18n::Lang::ZhCn)),
            // Cannot happen (the text was read once already, and reading is deterministic);
            // were it to, every comment would count as jixiao's: none doubled, none invented.
            Err(_) => text.to_string(),
        }
    });
    Ok(loaded)
}

/// [`load_with`] without the user's comments: the package, and the text it was read from.
fn read<'a>(bytes: &'a [u8], custom: &[Profile]) -> Result<(Loaded, &'a str), LoadError> {
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
    let mut loader = Loader {
        lines: Lines::new(text),
        spans: HashMap::new(),
        old: Migrating::default(),
        old_spans: BTreeMap::new(),
        version: 0,
    };
    let end = loader.lines.at(text.len());
    let missing =
        |name: &str| LoadError { line: end.0, col: end.1, kind: LoadErrorKind::MissingSection(name.to_string()) };
    let get = |name: &str| root.iter().find(|(k, _)| k.get_ref() == name).map(|(_, v)| v);

    let meta = get("jixiao").ok_or_else(|| missing("jixiao"))?;
    let DeValue::Table(meta_t) = meta.get_ref() else {
        return Err(loader.err(meta.span(), LoadErrorKind::WrongType { key: "jixiao".into(), expected: "table" }));
    };
    let (mut form, mut profile, mut version) = (None, None, None);
    let mut exports = Vec::new();
    for (k, v) in meta_t.iter() {
        match (k.get_ref().as_ref(), v.get_ref()) {
            ("form", DeValue::String(s)) => match super::by_id(s) {
                Some(f) => form = Some(f),
                None => return Err(loader.err(v.span(), LoadErrorKind::WrongForm(s.to_string()))),
            },
            ("format_version", DeValue::Integer(i)) => version = Some((i.as_str().to_string(), v.span())),
            ("profile", DeValue::String(s)) => {
                if !Profile::known(s, custom) {
                    let mut known: Vec<String> = custom.iter().map(|p| p.id.clone()).collect();
                    known.extend(super::profile::builtin_ids().into_iter().map(String::from));
                    return Err(loader.err(v.span(), LoadErrorKind::UnknownProfile(s.to_string(), known)));
                }
                profile = Some(s.to_string());
            }
            // The office files the wizard writes with the report (optional: files without it
            // stay readable by builds that do not know it).
            ("exports", DeValue::Array(items)) => {
                for item in items.iter() {
                    match item.get_ref() {
                        DeValue::String(s) if super::package::Office::parse(s).is_some() => {
                            exports.extend(super::package::Office::parse(s));
                        }
                        _ => {
                            let key = "jixiao.exports".to_string();
                            return Err(loader.err(item.span(), LoadErrorKind::WrongType { key, expected: EXPORTS }));
                        }
                    }
                }
            }
            ("exports", _) => {
                let key = "jixiao.exports".to_string();
                return Err(loader.err(v.span(), LoadErrorKind::WrongType { key, expected: EXPORTS }));
            }
            ("form" | "format_version" | "profile", _) => {
                let key = format!("jixiao.{}", k.get_ref());
                return Err(loader.err(v.span(), LoadErrorKind::WrongType { key, expected: "text" }));
            }
            _ => return Err(loader.err(k.span(), LoadErrorKind::UnknownKey(format!("jixiao.{}", k.get_ref())))),
        }
    }
    let form: &'static Form =
        form.ok_or_else(|| loader.err(meta.span(), LoadErrorKind::MissingSection("jixiao.form".into())))?;
    // A file without a version (written by hand) is read as the current version.
    loader.version = match version {
        None => form.version,
        Some((vtext, vspan)) => vtext
            .parse::<i64>()
            .ok()
            .filter(|n| (1..=form.version).contains(n))
            .ok_or_else(|| loader.err(vspan, LoadErrorKind::Version(vtext.clone())))?,
    };
    let mut pkg = Package::empty(form);
    exports.sort_unstable();
    exports.dedup();
    pkg.exports = exports;
    pkg.profile =
        profile.ok_or_else(|| loader.err(meta.span(), LoadErrorKind::MissingSection("jixiao.profile".into())))?;

    for (k, v) in root.iter().filter(|(k, _)| k.get_ref() != "jixiao") {
        let is_table = matches!(v.get_ref(), DeValue::Table(_));
        // (`stated` and `reference` are checked by `Loader::sheet`.)
        let known = form.group(k.get_ref()).is_some()
            || form.fields.iter().any(|f| f.key.strip_prefix(k.get_ref().as_ref()).is_some_and(|r| r.starts_with('.')));
        if known && !is_table && form.group(k.get_ref()).is_none() {
            let key = k.get_ref().to_string();
            return Err(loader.err(v.span(), LoadErrorKind::WrongType { key, expected: "table" }));
        }
    }
    loader.sheet(&mut pkg, root, "", "jixiao")?;
    for doc in top_tables(form) {
        if get(doc).is_none() {
            return Err(missing(doc));
        }
    }
    // Keys of an older version go through the form's migration; what it does not take is an
    // unknown key after all.
    let mut old = std::mem::take(&mut loader.old);
    form.behaviour.migrate(loader.version, &mut old);
    for (k, v) in old.values {
        if !pkg.set(&k, v) {
            let span = loader.old_spans.get(&k).cloned().unwrap_or(0..0);
            return Err(loader.err(span, LoadErrorKind::UnknownKey(k)));
        }
    }
    for (k, v) in old.stated {
        pkg.stated.entry(k).or_insert(v);
    }
    Ok((Loaded { package: pkg, spans: loader.spans, version: loader.version }, text))
}

/// The top-level tables every file of `form` has (`basic`, `self_eval`, `report`).
fn top_tables(form: &Form) -> Vec<&'static str> {
    let mut out: Vec<&'static str> = Vec::new();
    for f in &form.fields {
        if let Some((head, _)) = f.key.split_once('.') {
            if !out.contains(&head) {
                out.push(head);
            }
        }
    }
    out
}

/// A TOML string literal for `s`: basic, or multi-line basic when it holds newlines. Control,
/// bidi and invisible characters are escaped (`\u202E`), so they round-trip and cannot disguise
/// the file when it is viewed.
#[must_use]
pub fn toml_string(s: &str) -> String {
    let multiline = s.contains('\n');
    let mut out = String::with_capacity(s.len() + 8);
    out.push_str(if multiline { "\"\"\"\n" } else { "\"" });
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            // A text with a line break is written multi-line: the break stays a break.
            '\n' => out.push('\n'),
            '\t' => out.push_str("\\t"),
            // Controls, bidi overrides and invisible characters are written as escapes: the
            // value is kept exactly, and the file shows what it holds in any viewer.
            c if crate::text::is_control(c) || (crate::text::is_invisible(c) && !crate::text::shapes_text(c)) => {
                let n = u32::from(c);
                let _ = if n > 0xffff { write!(out, "\\U{n:08X}") } else { write!(out, "\\u{n:04X}") };
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
    match (kind, canonical_text(kind, text)) {
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

/// What `[jixiao] exports` may hold.
const EXPORTS: &str = "[\"xlsx\", \"docx\"]";

/// Writes the package as TOML. `labels` supplies the comment labels (zh-CN in practice); the
/// user's own comments of the file it was read from go back in their places
/// (`form::comments`).
#[must_use]
pub fn save(pkg: &Package, labels: &Catalog) -> String {
    let text = save_plain(pkg, labels);
    if pkg.comments.is_empty() { text } else { pkg.comments.apply(&text) }
}

/// The file jixiao writes for `pkg`, with its own comments only.
fn save_plain(pkg: &Package, labels: &Catalog) -> String {
    let form = pkg.form();
    let mut out = String::new();
    let _ = writeln!(out, "# {}", labels.tr("file.header"));
    let _ = writeln!(out, "# {}", labels.tr("file.header_note"));
    let _ = writeln!(out, "\n[jixiao]");
    let _ = writeln!(out, "form = {}", toml_string(form.id));
    let _ = writeln!(out, "format_version = {}", form.version);
    let _ = writeln!(out, "profile = {}", toml_string(&pkg.profile));
    if !pkg.exports.is_empty() {
        let list: Vec<String> = pkg.exports.iter().map(|o| toml_string(o.ext())).collect();
        let _ = writeln!(out, "exports = [{}]", list.join(", "));
    }
    for doc in &form.docs {
        let has_table = top_tables(form).contains(doc);
        let has_instances =
            form.groups.iter().any(|g| (g.form)().docs.contains(doc) && !pkg.instances(g.key).is_empty());
        if !has_table && !has_instances {
            continue;
        }
        let _ = writeln!(out, "\n# ── {} ──", labels.tr(&form.doc_key(doc)));
        if has_table {
            let _ = writeln!(out, "[{doc}]");
        }
        write_sheet(&mut out, pkg, doc, "", labels);
        for g in &form.groups {
            let sub = (g.form)();
            if !sub.docs.contains(doc) {
                continue;
            }
            for inst in pkg.instances(g.key) {
                let _ = writeln!(out, "\n[[{}]]  # {}", g.key.0, labels.tr(&sub.doc_key(doc)));
                write_sheet(&mut out, inst, "", g.key.0, labels);
                write_stated(&mut out, inst, &format!("{}.stated", g.key.0), labels);
                write_reference(&mut out, inst, &format!("{}.reference", g.key.0), labels);
            }
        }
    }
    write_stated(&mut out, pkg, "stated", labels);
    write_reference(&mut out, pkg, "reference", labels);
    out
}

/// Writes the fields (`doc`'s, or all when `doc` is empty) of one sheet; tables are written
/// under `table_prefix` (the group key for an instance).
fn write_sheet(out: &mut String, pkg: &Package, doc: &str, table_prefix: &str, labels: &Catalog) {
    let form = pkg.form();
    let in_doc = |key: &str| doc.is_empty() || key.starts_with(&format!("{doc}."));
    let grid_cell = |key: &str| form.grids.iter().any(|g| key.starts_with(&format!("{}.", g.key)));
    let label = |keys: &[String]| keys.iter().map(|k| labels.tr(k)).collect::<Vec<_>>().join(" · ");
    let rel = |key: &'static str| if doc.is_empty() { key } else { &key[doc.len() + 1..] };
    for f in form.fields.iter().filter(|f| in_doc(f.key) && !grid_cell(f.key)) {
        key_line(out, rel(f.key), &value(f.kind, pkg.text_at(f.key)), &label(&f.label));
    }
    let join = |k: &str| if table_prefix.is_empty() { k.to_string() } else { format!("{table_prefix}.{k}") };
    for g in form.grids.iter().filter(|g| in_doc(g.key)) {
        let _ = writeln!(out, "\n[{}]  # {}", join(g.key), labels.tr(&format!("file.grid.{}{}", form.locale, g.key)));
        for row in &g.rows {
            if let GridRow::Input { key, .. } = row {
                let cells: Vec<String> = g
                    .columns
                    .iter()
                    .filter_map(|c| {
                        let t = pkg.text_at(&format!("{}.{key}.{c}", g.key));
                        (!t.is_empty()).then(|| format!("{c} = {}", value(Kind::Money, t)))
                    })
                    .collect();
                let inline = if cells.is_empty() { "{}".to_string() } else { format!("{{ {} }}", cells.join(", ")) };
                key_line(out, key, &inline, labels.tr(&format!("field.{}{}.{key}", form.locale, g.key)));
            }
        }
    }
    for t in form.tables.iter().filter(|t| in_doc(t.key)) {
        for row in pkg.rows_at(t.key) {
            let _ = writeln!(out, "\n[[{}]]  # {}", join(t.key), labels.tr(&form.table_key(t.key)));
            for c in &t.columns {
                key_line(out, c.key, &value(c.kind, row.get(c.key)), labels.tr(&c.label));
            }
        }
    }
}

fn write_stated(out: &mut String, pkg: &Package, header: &str, labels: &Catalog) {
    if pkg.stated.is_empty() {
        return;
    }
    let _ = writeln!(out, "\n# {}\n[{header}]", labels.tr("file.stated_note"));
    for (k, v) in &pkg.stated {
        let _ = writeln!(out, "{} = {}", toml_string(k), toml_string(v));
    }
}

/// Last year's texts (`Package::reference`), each under the label of its field.
fn write_reference(out: &mut String, pkg: &Package, header: &str, labels: &Catalog) {
    if pkg.reference.is_empty() {
        return;
    }
    let _ = writeln!(out, "\n# {}\n[{header}]", labels.tr("file.reference_note"));
    // In form order, as the fields themselves are written.
    for f in pkg.form().fields.iter().filter(|f| pkg.reference.contains_key(f.key)) {
        let label = f.label.iter().map(|l| labels.tr(l)).collect::<Vec<_>>().join(" · ");
        key_line(out, &toml_string(f.key), &toml_string(&pkg.reference[f.key]), &label);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    #[test]
    fn strings_round_trip_through_toml() {
        for s in [
            "plain",
            "a \"quoted\" \\ path",
            "line one\nline two\n",
            "tab\there",
            "esc\u{1b}[31m",
            "中文\n“引号”",
            "bidi\u{202e}txt\u{2066}\u{200b}\u{feff}\u{2028}\u{e0041}\u{9b}",
            "👨\u{200d}👩",
        ] {
            let doc = format!("x = {}\n", toml_string(s));
            let t: toml::Table = toml::from_str(&doc).unwrap_or_else(|e| panic!("{doc}: {e}"));
            assert_eq!(t["x"].as_str(), Some(s), "{doc}");
            // Nothing in the file reorders or hides text.
            assert!(!doc.chars().any(|c| c != '\n' && crate::text::is_control(c)), "{doc:?}");
        }
    }

    #[test]
    fn empty_package_round_trips() {
        let cat = Catalog::get(Lang::ZhCn);
        let p = Package::new(super::super::unit::form(), 2023);
        let text = save(&p, cat);
        let back = load(text.as_bytes()).unwrap_or_else(|e| panic!("{e:?}\n{text}"));
        assert_eq!(back.package, p);
        assert_eq!(line_col("ab\ncd", 4), (2, 2));
        assert_eq!(line_col("ab\ncd", 0), (1, 1));
        assert_eq!(line_col("岳阳\n市", 7), (2, 1));
        assert_eq!(line_col("岳阳\n市", 3), (1, 2));
    }
}
