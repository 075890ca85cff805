//! `jixiao check PATH...`: files and folders (their `*.toml`, recursively; drafts and locks
//! are not `*.toml` and are skipped), checked in parallel in one process, then a summary table
//! (file, unit, year, profile, total, grade, errors, warnings) and each file's findings — or
//! one JSON document (`--format json`, docs/check-json.md) or the table alone (`--quiet`).
//! One file given alone prints its findings as before, without the table.
//!
//! Exit 0 when no file has an error, 1 when any has, 2 when any cannot be read (the others are
//! still checked).
//!
//! **Parallelism:** `std::thread::scope` with one shared counter: each worker takes the next
//! file until none is left. Files are independent and of similar size, so this simple dynamic
//! split keeps both cores busy without a work-stealing pool (no dependency for ~20 lines).

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use serde::Serialize;

use crate::cli::Format;
use crate::commands::{FAILED, HAS_ERRORS, OK};
use crate::form::file::Loaded;
use crate::form::scoring::fixed2;
use crate::form::{Checked, Profile, Severity};
use crate::i18n::Catalog;
use crate::present;
use crate::text::visible;

/// The version of the JSON document's schema (docs/check-json.md).
pub const JSON_VERSION: u32 = 1;

/// How `check` runs.
#[derive(Clone, Debug)]
pub struct Options {
    /// Text or JSON.
    pub format: Format,
    /// Only the summary table.
    pub quiet: bool,
    /// Check against this profile instead of each file's own.
    pub profile: Option<String>,
}

/// The JSON document.
#[derive(Debug, Serialize)]
pub struct Document {
    /// Always `jixiao-check`.
    pub format: &'static str,
    /// [`JSON_VERSION`].
    pub version: u32,
    /// One entry per file, in the order checked (paths as given, folders sorted).
    pub files: Vec<FileReport>,
    /// Counts over all files.
    pub summary: Summary,
}

/// Counts over all files.
#[derive(Debug, Default, Serialize)]
pub struct Summary {
    /// Files found.
    pub files: usize,
    /// Files with at least one error.
    pub with_errors: usize,
    /// Files that could not be read or parsed.
    pub unreadable: usize,
    /// Errors in all files.
    pub errors: usize,
    /// Warnings in all files.
    pub warnings: usize,
}

/// One file's result.
#[derive(Debug, Serialize)]
pub struct FileReport {
    /// The path as found.
    pub path: String,
    /// Whether it was read (false: see `error`).
    pub readable: bool,
    /// Why it could not be read, with line and column when the text is at fault.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    /// What checking found (absent when unreadable).
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    pub checked: Option<Findings>,
}

/// What checking one readable file found.
#[derive(Debug, Serialize)]
pub struct Findings {
    /// 预算单位名称.
    pub unit: String,
    /// Fiscal year, when valid.
    pub fiscal_year: Option<i32>,
    /// The profile checked against.
    pub profile: String,
    /// The sheet's score.
    pub score: ScoreOut,
    /// Each project sheet's score.
    pub projects: Vec<ProjectOut>,
    /// Number of errors.
    pub errors: usize,
    /// Number of warnings.
    pub warnings: usize,
    /// Every finding, errors first.
    pub issues: Vec<IssueOut>,
    /// The findings as text (text format only).
    #[serde(skip)]
    pub text: String,
}

/// A score: total, maximum, grade — decimal strings with 2 decimals, exact.
#[derive(Debug, Serialize)]
pub struct ScoreOut {
    /// 合计得分.
    pub total: String,
    /// 合计分值.
    pub max: String,
    /// Grade's official name (优/良/中/差), when one applies.
    pub grade: Option<String>,
    /// The grade as the summary table shows it, in the interface language ("Excellent";
    /// "—" when none applies). Not in the JSON document, which gives the official name.
    #[serde(skip)]
    pub grade_shown: String,
    /// Whether every input of the score is given.
    pub complete: bool,
}

/// A project sheet's score.
#[derive(Debug, Serialize)]
pub struct ProjectOut {
    /// 1-based position.
    pub index: usize,
    /// 项目名称.
    pub name: String,
    /// Its score.
    pub score: ScoreOut,
}

/// One finding.
#[derive(Debug, Serialize)]
pub struct IssueOut {
    /// Rule id (E-01 … W-19).
    pub rule: &'static str,
    /// `error` or `warning`.
    pub severity: &'static str,
    /// The field's path in the file's structure.
    pub path: String,
    /// The field's name in the user's language.
    pub field: String,
    /// 1-based line of its value in the file, when it has one.
    pub line: Option<usize>,
    /// 1-based column.
    pub column: Option<usize>,
    /// The message in the user's language.
    pub message: String,
}

/// Every `*.toml` under `paths`, in order: a file as given (even if it is missing: it is then
/// reported unreadable), a folder's files sorted, recursively; symbolic links to folders are
/// not followed.
#[must_use]
pub fn files(paths: &[PathBuf]) -> Vec<PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        let Ok(entries) = crate::fsio::folder_entries(dir) else {
            out.push(dir.to_path_buf());
            return;
        };
        for (p, is_dir) in entries {
            if is_dir {
                walk(&p, out);
            } else if p.extension().is_some_and(|x| x == "toml") {
                out.push(p);
            }
        }
    }
    let mut out = Vec::new();
    for p in paths {
        if p.is_dir() {
            walk(p, &mut out);
        } else {
            // A file the user named: its link is followed (as for every command).
            out.push(crate::fsio::resolve(p).unwrap_or_else(|_| p.clone()));
        }
    }
    out
}

/// Reads and parses one file (`custom`: a bureau's profiles it may name), as every command
/// does (`commands::load_with`: file-system errors in the user's language).
fn load(path: &Path, custom: &[Profile], cat: &Catalog) -> Result<Loaded, String> {
    crate::commands::load_with(path, custom, cat)
}

fn score_out(score: &crate::form::def::Score, cat: &Catalog) -> ScoreOut {
    ScoreOut {
        total: fixed2(score.total),
        max: fixed2(score.weight),
        grade: score.grade.as_ref().map(|g| g.name.clone()),
        // A grade only once every input of the score is given (a new year's package is not
        // 差 before it is filled): as the wizard's header says it.
        grade_shown: if score.complete {
            crate::present::grade(score.grade.as_ref(), cat)
        } else {
            cat.tr("ui.grade_pending").to_string()
        },
        complete: score.complete,
    }
}

/// The findings of one file as `check FILE` prints them: each issue, the score breakdown,
/// each project sheet's score, the count.
fn text(loaded: &Loaded, checked: &Checked, profile: &Profile, cat: &Catalog) -> String {
    let mut out = String::new();
    let mut sorted: Vec<_> = checked.issues.iter().collect();
    sorted.sort_by_key(|i| (i.severity(), i.rule));
    for i in &sorted {
        out.push_str(&present::issue_line(&loaded.package, i, cat, &loaded.spans));
        out.push('\n');
    }
    if !sorted.is_empty() {
        out.push('\n');
    }
    for line in present::score_lines(&checked.score(), profile, cat) {
        out.push_str(&line);
        out.push('\n');
    }
    for (prefix, score) in checked.scores.iter().filter(|(k, _)| !k.is_empty()) {
        let n = prefix.trim_end_matches('.').rsplit('.').next().and_then(|n| n.parse().ok()).unwrap_or(0);
        out.push('\n');
        out.push_str(&present::instance(&loaded.package, crate::form::unit::keys::PROJECTS, n, cat));
        out.push('\n');
        for line in present::score_lines(score, profile.for_projects(), cat) {
            out.push_str(&line);
            out.push('\n');
        }
    }
    let errors = checked.issues.iter().filter(|i| i.severity() == Severity::Error).count();
    let warnings = checked.issues.len() - errors;
    out.push('\n');
    out.push_str(&cat.fmt("present.summary", &[("errors", errors.to_string()), ("warnings", warnings.to_string())]));
    out.push('\n');
    out
}

/// Checks one file.
fn one(
    path: &Path,
    chosen: Option<&Profile>,
    known: &[Profile],
    custom: &[Profile],
    opts: &Options,
    cat: &Catalog,
) -> FileReport {
    let shown = visible(&path.display().to_string(), false);
    let loaded = match load(path, custom, cat) {
        Ok(l) => l,
        Err(e) => return FileReport { path: shown, readable: false, error: Some(e), checked: None },
    };
    let owned;
    let profile = match chosen.or_else(|| known.iter().find(|p| p.id == loaded.package.profile)) {
        Some(p) => p,
        None => {
            owned = crate::profiles::of_file(&loaded.package.profile, custom);
            &owned
        }
    };
    let checked = crate::form::check(&loaded.package, profile);
    let pkg = &loaded.package;
    let errors = checked.issues.iter().filter(|i| i.severity() == Severity::Error).count();
    let warnings = checked.issues.len() - errors;
    let mut issues = Vec::new();
    if opts.format == Format::Json {
        let mut sorted: Vec<_> = checked.issues.iter().collect();
        sorted.sort_by_key(|i| (i.severity(), i.rule));
        issues = sorted
            .into_iter()
            .map(|i| {
                let at = loaded.spans.get(&i.path);
                IssueOut {
                    rule: i.rule,
                    severity: if i.severity() == Severity::Error { "error" } else { "warning" },
                    path: i.path.clone(),
                    field: present::label(pkg, &i.path, cat),
                    line: at.map(|a| a.0),
                    column: at.map(|a| a.1),
                    message: present::message(pkg, i, cat),
                }
            })
            .collect();
    }
    let unit_name = [crate::form::unit::keys::self_eval::UNIT_NAME, crate::form::unit::keys::basic::UNIT_NAME]
        .into_iter()
        .map(|k| pkg.text(k).trim())
        .find(|t| !t.is_empty())
        .unwrap_or("");
    let projects = checked
        .scores
        .iter()
        .filter(|(k, _)| !k.is_empty())
        .map(|(prefix, s)| {
            let index = prefix.trim_end_matches('.').rsplit('.').next().and_then(|n| n.parse().ok()).unwrap_or(0);
            let name = pkg
                .instances(crate::form::unit::keys::PROJECTS)
                .get(index.max(1) - 1)
                .map(|p| visible(p.text(crate::form::project::keys::NAME).trim(), false))
                .unwrap_or_default();
            ProjectOut { index, name, score: score_out(s, cat) }
        })
        .collect();
    let text =
        if opts.format == Format::Text && !opts.quiet { text(&loaded, &checked, profile, cat) } else { String::new() };
    FileReport {
        path: shown,
        readable: true,
        error: None,
        checked: Some(Findings {
            unit: visible(unit_name, false),
            fiscal_year: pkg.fiscal_year(),
            profile: visible(&profile.id, false),
            score: score_out(&checked.score(), cat),
            projects,
            errors,
            warnings,
            issues,
            text,
        }),
    }
}

/// Checks every file, on every core, in order.
#[must_use]
pub fn check_all(
    files: &[PathBuf],
    chosen: Option<&Profile>,
    custom: &[Profile],
    opts: &Options,
    cat: &Catalog,
) -> Vec<FileReport> {
    let mut known: Vec<Profile> =
        crate::form::profile::builtin_ids().into_iter().filter_map(Profile::builtin).collect();
    known.extend(custom.iter().filter_map(|c| Profile::resolve(&c.id, custom)));
    let next = AtomicUsize::new(0);
    let workers = std::thread::available_parallelism().map_or(1, std::num::NonZero::get).min(files.len()).max(1);
    let mut done: Vec<(usize, FileReport)> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..workers)
            .map(|_| {
                s.spawn(|| {
                    let mut mine = Vec::new();
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(path) = files.get(i) else { break };
                        mine.push((i, one(path, chosen, &known, custom, opts, cat)));
                    }
                    mine
                })
            })
            .collect();
        handles.into_iter().flat_map(|h| h.join().unwrap_or_default()).collect()
    });
    done.sort_by_key(|(i, _)| *i);
    done.into_iter().map(|(_, r)| r).collect()
}

/// Counts over the reports.
#[must_use]
pub fn summary(reports: &[FileReport]) -> Summary {
    let mut s = Summary { files: reports.len(), ..Summary::default() };
    for r in reports {
        match &r.checked {
            None => s.unreadable += 1,
            Some(f) => {
                s.errors += f.errors;
                s.warnings += f.warnings;
                s.with_errors += usize::from(f.errors > 0);
            }
        }
    }
    s
}

/// The summary table, columns aligned by display width.
#[must_use]
pub fn table(reports: &[FileReport], cat: &Catalog) -> String {
    use crate::text::{pad_left, pad_right, width};
    let head: Vec<String> = ["file", "unit", "year", "profile", "total", "grade", "errors", "warnings"]
        .iter()
        .map(|k| cat.tr(&format!("check.{k}")).to_string())
        .collect();
    let rows: Vec<Vec<String>> = reports
        .iter()
        .map(|r| match &r.checked {
            Some(f) => vec![
                r.path.clone(),
                f.unit.clone(),
                f.fiscal_year.map_or_else(|| "—".into(), |y| y.to_string()),
                f.profile.clone(),
                f.score.total.clone(),
                f.score.grade_shown.clone(),
                f.errors.to_string(),
                f.warnings.to_string(),
            ],
            None => {
                let mut row = vec![r.path.clone(), cat.tr("check.unreadable").to_string()];
                row.extend(std::iter::repeat_n("—".to_string(), 6));
                row
            }
        })
        .collect();
    let widths: Vec<usize> = (0..head.len())
        .map(|c| rows.iter().map(|r| width(&r[c])).chain([width(&head[c])]).max().unwrap_or(0))
        .collect();
    let numeric = |c: usize| c >= 4 && c != 5;
    let line = |cells: &[String]| {
        let parts: Vec<String> = cells
            .iter()
            .enumerate()
            .map(|(c, t)| if numeric(c) { pad_left(t, widths[c]) } else { pad_right(t, widths[c]) })
            .collect();
        parts.join("  ").trim_end().to_string()
    };
    let mut out = line(&head);
    out.push('\n');
    for r in &rows {
        out.push_str(&line(r));
        out.push('\n');
    }
    let s = summary(reports);
    out.push_str(&cat.fmt(
        "check.summary",
        &[
            ("files", s.files.to_string()),
            ("with_errors", s.with_errors.to_string()),
            ("unreadable", s.unreadable.to_string()),
            ("errors", s.errors.to_string()),
            ("warnings", s.warnings.to_string()),
        ],
    ));
    out.push('\n');
    out
}

/// The exit code for these reports.
#[must_use]
pub fn exit_code(reports: &[FileReport]) -> u8 {
    let s = summary(reports);
    if s.unreadable > 0 {
        FAILED
    } else if s.with_errors > 0 {
        HAS_ERRORS
    } else {
        OK
    }
}

/// Runs `check`.
#[must_use]
pub fn run(paths: &[PathBuf], opts: &Options, cat: &Catalog) -> u8 {
    let chosen = match opts.profile.as_deref().map(|p| crate::profiles::choose(p, cat)).transpose() {
        Ok(c) => c,
        Err(msg) => {
            crate::commands::tell(&msg);
            return FAILED;
        }
    };
    let (profile, custom) = chosen.map_or((None, Vec::new()), |c| (Some(c.profile), c.custom));
    let found = files(paths);
    if found.is_empty() {
        let shown: Vec<String> = paths.iter().map(|p| visible(&p.display().to_string(), false)).collect();
        crate::commands::tell(&cat.fmt("check.none", &[("paths", shown.join(", "))]));
        return FAILED;
    }
    let reports = check_all(&found, profile.as_ref(), &custom, opts, cat);
    let single = paths.len() == 1 && !paths[0].is_dir();
    // Everything goes out through `commands::emit` (escapes made visible; a failed standard
    // output is exit 3, never a panic).
    let mut out = String::new();
    match opts.format {
        Format::Json => {
            let doc =
                Document { format: "jixiao-check", version: JSON_VERSION, summary: summary(&reports), files: reports };
            let code = exit_code(&doc.files);
            out = serde_json::to_string_pretty(&doc).unwrap_or_default();
            out.push('\n');
            return match crate::commands::emit(&out) {
                Ok(()) => code,
                Err(e) => crate::commands::output_failed(&e, cat),
            };
        }
        Format::Text if single && !opts.quiet => {
            // One file: its findings as `check FILE` always printed them.
            match &reports[0].checked {
                Some(f) => out.push_str(&f.text),
                None => crate::commands::tell(reports[0].error.as_deref().unwrap_or_default()),
            }
        }
        Format::Text => {
            out.push_str(&table(&reports, cat));
            if !opts.quiet {
                for r in &reports {
                    out.push_str(&format!("\n{}\n", cat.fmt("check.file_heading", &[("path", r.path.clone())])));
                    match (&r.checked, &r.error) {
                        (Some(f), _) => out.push_str(&f.text),
                        (None, Some(e)) => {
                            out.push_str(e);
                            out.push('\n');
                        }
                        (None, None) => {}
                    }
                }
            }
        }
    }
    if let Err(e) = crate::commands::emit(&out) {
        return crate::commands::output_failed(&e, cat);
    }
    exit_code(&reports)
}
