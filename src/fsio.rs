//! The file-system edge: bounded reads and atomic writes. New files are created readable
//! by their owner only (0600), because packages hold names and phone numbers; an existing
//! file keeps its permissions. A write either replaces the whole file or leaves the old one.

use std::io::{self, Read, Write};
use std::path::Path;

/// Reads at most `limit + 1` bytes, so that an oversized file is detected without reading
/// it all.
///
/// # Errors
/// The I/O error of opening or reading.
pub fn read_limited(path: &Path, limit: usize) -> io::Result<Vec<u8>> {
    let f = std::fs::File::open(path)?;
    let mut buf = Vec::new();
    f.take(limit as u64 + 1).read_to_end(&mut buf)?;
    Ok(buf)
}

/// Writes `bytes` to `path` atomically: temporary file in the same directory, flushed and
/// synced, renamed over `path`, directory synced. Mode 0600 for a new file.
///
/// # Errors
/// The I/O error; `path` is then unchanged.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut opts = atomic_write_file::OpenOptions::new();
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt as _;
        opts.mode(0o600);
    }
    let mut f = opts.open(path)?;
    f.write_all(bytes)?;
    f.flush()?;
    f.commit()
}

/// An exclusive claim on a data file: `FILE.lock` holds the owner's pid, start time and host.
/// Removed when dropped (and by the signal and panic paths through [`Lock::path`]).
#[derive(Debug)]
pub struct Lock {
    path: std::path::PathBuf,
}

impl Lock {
    /// Where the lock file is.
    #[must_use]
    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl Drop for Lock {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.path);
    }
}

/// Who holds a lock.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Holder {
    /// Process id.
    pub pid: u32,
    /// Seconds since the Unix epoch when it took the lock.
    pub since: u64,
    /// Host name.
    pub host: String,
}

/// The lock file of a data file.
#[must_use]
pub fn lock_path(data: &Path) -> std::path::PathBuf {
    let mut p = data.as_os_str().to_owned();
    p.push(".lock");
    std::path::PathBuf::from(p)
}

fn host() -> String {
    std::fs::read_to_string("/proc/sys/kernel/hostname")
        .or_else(|_| std::fs::read_to_string("/etc/hostname"))
        .map(|s| s.trim().to_string())
        .unwrap_or_default()
}

fn alive(pid: u32) -> bool {
    // Linux: a live process has /proc/PID. Elsewhere, assume alive (never steal a lock).
    if Path::new("/proc/self").exists() { Path::new(&format!("/proc/{pid}")).exists() } else { true }
}

fn read_holder(path: &Path) -> Option<Holder> {
    let text = std::fs::read_to_string(path).ok()?;
    let mut lines = text.lines();
    let pid = lines.next()?.trim().parse().ok()?;
    let since = lines.next()?.trim().parse().ok()?;
    let host = lines.next().unwrap_or("").trim().to_string();
    Some(Holder { pid, since, host })
}

/// Takes the lock of `data`, or says who holds it. A lock left by a dead process on this
/// host (or an unreadable one) is taken over.
///
/// # Errors
/// The I/O error when the lock cannot be created for another reason (e.g. a read-only folder:
/// the caller may go on without a lock).
pub fn lock(data: &Path) -> io::Result<Result<Lock, Holder>> {
    let path = lock_path(data);
    for _ in 0..3 {
        let mut opts = std::fs::OpenOptions::new();
        opts.write(true).create_new(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt as _;
            opts.mode(0o600);
        }
        match opts.open(&path) {
            Ok(mut f) => {
                let since =
                    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs());
                writeln!(f, "{}\n{since}\n{}", std::process::id(), host())?;
                f.sync_all()?;
                return Ok(Ok(Lock { path }));
            }
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => match read_holder(&path) {
                Some(h) if h.host == host() && !alive(h.pid) => {
                    let _ = std::fs::remove_file(&path);
                }
                Some(h) => return Ok(Err(h)),
                None => {
                    let _ = std::fs::remove_file(&path);
                }
            },
            Err(e) => return Err(e),
        }
    }
    Err(io::Error::other("lock contention"))
}

/// Removes temporary files an interrupted atomic write may have left beside `data`
/// (`.NAME.XXXXXX`, the shape `atomic-write-file` uses when the file system has no O_TMPFILE).
/// Call it only while holding the lock of the data file it belongs to (for the data file, its
/// draft and its report). Returns how many were removed.
pub fn clean_stale_temps(data: &Path) -> usize {
    let (Some(dir), Some(name)) = (data.parent(), data.file_name().and_then(|n| n.to_str())) else { return 0 };
    let dir = if dir.as_os_str().is_empty() { Path::new(".") } else { dir };
    let prefix = format!(".{name}.");
    let Ok(entries) = std::fs::read_dir(dir) else { return 0 };
    let mut removed = 0;
    for e in entries.flatten() {
        let file = e.file_name();
        let Some(f) = file.to_str() else { continue };
        let Some(rest) = f.strip_prefix(&prefix) else { continue };
        if rest.len() == 6
            && rest.bytes().all(|b| b.is_ascii_alphanumeric())
            && e.file_type().is_ok_and(|t| t.is_file())
            && std::fs::remove_file(e.path()).is_ok()
        {
            removed += 1;
        }
    }
    removed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lock_is_exclusive_and_stale_locks_are_taken_over() {
        let dir = std::env::temp_dir().join(format!("jixiao-lock-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
        let data = dir.join("pkg.toml");
        let first = lock(&data).unwrap_or_else(|e| panic!("{e}")).unwrap_or_else(|h| panic!("{h:?}"));
        match lock(&data) {
            Ok(Err(h)) => assert_eq!(h.pid, std::process::id()),
            other => panic!("{other:?}"),
        }
        drop(first);
        assert!(!lock_path(&data).exists());
        // A lock left by a process that no longer exists.
        std::fs::write(lock_path(&data), format!("4194303\n0\n{}\n", host())).unwrap_or_else(|e| panic!("{e}"));
        assert!(matches!(lock(&data), Ok(Ok(_))));
        let _ = std::fs::remove_dir_all(&dir);
    }
}

/// A file-system error as the user should read it: what happened in their language, then the
/// system's own words (for whoever helps them).
#[must_use]
pub fn describe(e: &io::Error, cat: &crate::i18n::Catalog) -> String {
    use std::io::ErrorKind as K;
    let key = match e.kind() {
        K::StorageFull => "io.full",
        K::QuotaExceeded => "io.quota",
        K::PermissionDenied => "io.denied",
        K::NotFound => "io.not_found",
        K::ReadOnlyFilesystem => "io.read_only",
        _ => return e.to_string(),
    };
    cat.fmt("io.detail", &[("what", cat.tr(key).to_string()), ("detail", e.to_string())])
}

#[cfg(test)]
mod describe_tests {
    use super::*;
    use crate::i18n::{Catalog, Lang};

    #[test]
    fn file_system_errors_are_said_in_the_users_language() {
        let full = io::Error::from_raw_os_error(28);
        let zh = describe(&full, Catalog::get(Lang::ZhCn));
        assert!(zh.starts_with("磁盘已满（") && zh.contains("os error 28"), "{zh}");
        let en = describe(&full, Catalog::get(Lang::En));
        assert!(en.starts_with("the disk is full ("), "{en}");
        let other = io::Error::other("odd");
        assert_eq!(describe(&other, Catalog::get(Lang::ZhCn)), "odd");
    }
}
