//! Every path jixiao derives from a data file, in one place: the report, the draft, the lock,
//! the office files to come (`.xlsx`, `.docx`) and the temporary files of atomic writes.
//! Pure: nothing here touches the file system.
//!
//! **Invariant:** no derived path equals the data file or another derived path, whatever the
//! data file is called (`x.txt`, `x`, `x.draft`, spaces, Chinese…). What makes it true: each
//! kind of derived file ends in its own suffix ([`RESERVED`]), and a data file may not end in
//! any of them. Suffixes are compared without regard to ASCII case, because some file systems
//! (macOS, Windows shares) treat `X.TXT` and `x.txt` as one file. [`Paths::for_data`] refuses
//! such a name with a suggestion instead of deriving a path that would overwrite something.

use std::ffi::OsString;
use std::path::{Path, PathBuf};

/// The suffix of an atomic write's temporary file: `.NAME.NONCE.jixiao-tmp` beside `NAME`.
pub const TEMP_SUFFIX: &str = ".jixiao-tmp";

/// The endings jixiao gives to derived files; a data file may end in none of them.
pub const RESERVED: [&str; 6] = [".txt", ".draft", ".lock", ".xlsx", ".docx", TEMP_SUFFIX];

/// The files of one package.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Paths {
    /// The data file (FILE).
    pub data: PathBuf,
    /// The plain-text report: FILE with `.txt` as extension.
    pub report: PathBuf,
    /// The draft: FILE with `.draft` appended.
    pub draft: PathBuf,
    /// The lock: FILE with `.lock` appended.
    pub lock: PathBuf,
    /// The workbook to come: FILE with `.xlsx` as extension.
    pub xlsx: PathBuf,
    /// The Word document to come: FILE with `.docx` as extension.
    pub docx: PathBuf,
}

/// Why a path cannot be a data file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PathError {
    /// The path names no file (empty, `/`, `..`).
    NoFileName,
    /// The name ends in a suffix of derived files; `suggest` is a name that would do.
    Reserved {
        /// The suffix, as written in the name.
        suffix: String,
        /// The same name ending in `.toml`.
        suggest: PathBuf,
    },
}

impl PathError {
    /// The catalog key and arguments of the message.
    #[must_use]
    pub fn message(&self, path: &Path) -> (&'static str, Vec<(&'static str, String)>) {
        let shown = |p: &Path| crate::text::visible(&p.display().to_string(), false);
        match self {
            Self::NoFileName => ("paths.no_name", vec![("path", shown(path))]),
            Self::Reserved { suffix, suggest } => (
                "paths.reserved",
                vec![
                    ("path", shown(path)),
                    ("suffix", crate::text::visible(suffix, false)),
                    ("suggest", shown(suggest)),
                ],
            ),
        }
    }
}

/// The suffix of `name` from [`RESERVED`], if any (ASCII case ignored).
fn reserved_suffix(name: &str) -> Option<&str> {
    RESERVED.iter().find_map(|s| {
        let cut = name.len().checked_sub(s.len())?;
        let tail = name.get(cut..)?;
        tail.eq_ignore_ascii_case(s).then_some(tail)
    })
}

fn appended(path: &Path, suffix: &str) -> PathBuf {
    let mut p: OsString = path.as_os_str().to_owned();
    p.push(suffix);
    PathBuf::from(p)
}

impl Paths {
    /// The paths for the data file `data`.
    ///
    /// # Errors
    /// `data` names no file, or ends in a suffix of derived files.
    pub fn for_data(data: &Path) -> Result<Self, PathError> {
        let name = data.file_name().ok_or(PathError::NoFileName)?.to_string_lossy();
        if let Some(suffix) = reserved_suffix(&name) {
            let stem = &name[..name.len() - suffix.len()];
            let stem = stem.strip_suffix(".toml").unwrap_or(stem);
            let stem = if stem.is_empty() { "package" } else { stem };
            return Err(PathError::Reserved {
                suffix: suffix.to_string(),
                suggest: data.with_file_name(format!("{stem}.toml")),
            });
        }
        let paths = Self {
            data: data.to_path_buf(),
            report: data.with_extension("txt"),
            draft: appended(data, ".draft"),
            lock: appended(data, ".lock"),
            xlsx: data.with_extension("xlsx"),
            docx: data.with_extension("docx"),
        };
        debug_assert!(paths.distinct(), "{paths:?}");
        Ok(paths)
    }

    /// Every path, the data file first.
    #[must_use]
    pub fn all(&self) -> [&Path; 6] {
        [&self.data, &self.report, &self.draft, &self.lock, &self.xlsx, &self.docx]
    }

    /// Whether no two paths name the same file (ASCII case ignored), temporaries included.
    #[must_use]
    pub fn distinct(&self) -> bool {
        let all = self.all();
        let key = |p: &Path| p.to_string_lossy().to_ascii_lowercase();
        let temps = all.iter().map(|p| key(&temp_for(p, "0")));
        let mut keys: Vec<String> = all.iter().map(|p| key(p)).chain(temps).collect();
        let n = keys.len();
        keys.sort();
        keys.dedup();
        keys.len() == n && all.iter().all(|p| is_temp_of(&self.data, p).is_none())
    }

    /// Whether `other` is one of these paths (ASCII case ignored).
    #[must_use]
    pub fn contains(&self, other: &Path) -> bool {
        let o = other.to_string_lossy().to_ascii_lowercase();
        self.all().iter().any(|p| p.to_string_lossy().to_ascii_lowercase() == o)
    }
}

/// The temporary file an atomic write of `target` uses: `.NAME.NONCE.jixiao-tmp` in the
/// same folder (a rename is atomic only within one file system).
#[must_use]
pub fn temp_for(target: &Path, nonce: &str) -> PathBuf {
    let mut name = OsString::from(".");
    name.push(target.file_name().unwrap_or_default());
    name.push(format!(".{nonce}{TEMP_SUFFIX}"));
    target.with_file_name(name)
}

/// If `candidate` is a temporary file of `target` (as [`temp_for`] names them), its nonce.
#[must_use]
pub fn is_temp_of<'a>(target: &Path, candidate: &'a Path) -> Option<&'a str> {
    let name = target.file_name()?.to_str()?;
    let c = candidate.file_name()?.to_str()?;
    let nonce = c.strip_prefix('.')?.strip_prefix(name)?.strip_prefix('.')?.strip_suffix(TEMP_SUFFIX)?;
    (!nonce.is_empty() && !nonce.contains('.')).then_some(nonce)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn derived_paths_never_meet_whatever_the_name() {
        for name in ["x.toml", "x", "x.y.z", ".toml", "x.", "自评 2023.toml", "a b", "x.TOML", "dir/x.toml"] {
            let p = Paths::for_data(Path::new(name)).unwrap_or_else(|e| panic!("{name}: {e:?}"));
            assert!(p.distinct(), "{p:?}");
        }
        let p = Paths::for_data(Path::new("x.toml")).unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(p.report, Path::new("x.txt"));
        assert_eq!(p.draft, Path::new("x.toml.draft"));
        assert_eq!(p.lock, Path::new("x.toml.lock"));
        assert_eq!(p.xlsx, Path::new("x.xlsx"));
        assert_eq!(p.docx, Path::new("x.docx"));
    }

    #[test]
    fn names_of_derived_files_are_refused_with_a_suggestion() {
        for (name, suggest) in [
            ("x.txt", "x.toml"),
            ("自评2023.TXT", "自评2023.toml"),
            ("x.toml.draft", "x.toml"),
            ("x.lock", "x.toml"),
            ("x.xlsx", "x.toml"),
            ("x.Docx", "x.toml"),
            (".txt", "package.toml"),
            (".x.toml.1-2.jixiao-tmp", ".x.toml.1-2.toml"),
        ] {
            match Paths::for_data(Path::new(name)) {
                Err(PathError::Reserved { suggest: s, .. }) => assert_eq!(s, Path::new(suggest), "{name}"),
                other => panic!("{name}: {other:?}"),
            }
        }
        assert_eq!(Paths::for_data(Path::new("..")), Err(PathError::NoFileName));
        assert_eq!(Paths::for_data(Path::new("")), Err(PathError::NoFileName));
    }

    #[test]
    fn temporaries_are_recognised_only_for_their_target() {
        let t = temp_for(Path::new("d/p.toml"), "12-3");
        assert_eq!(t, Path::new("d/.p.toml.12-3.jixiao-tmp"));
        assert_eq!(is_temp_of(Path::new("d/p.toml"), &t), Some("12-3"));
        assert_eq!(is_temp_of(Path::new("d/p"), &t), None);
        assert_eq!(is_temp_of(Path::new("p.toml"), Path::new(".p.toml.backup")), None);
    }
}
