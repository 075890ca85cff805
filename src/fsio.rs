//! The file-system edge: the only code that opens files. Every path it is given has been
//! derived by [`crate::paths`] or resolved by [`resolve`]; the rules below hold for every file
//! jixiao reads or writes, whatever its role (data file, draft, report, lock, `report -o`):
//!
//! - **Regular files only.** A directory, FIFO, device or socket is refused with a message
//!   ([`Refusal::NotRegular`]) before it is opened for writing, and files are opened with
//!   `O_NONBLOCK` so that a FIFO swapped in at the last moment cannot block.
//! - **Symbolic links** are followed only where the user named the path (FILE, `--answers`,
//!   `-o`, a path typed after a failed save): [`resolve`] turns such a path into its target
//!   once, and jixiao works on the target (its draft, lock and report sit beside it). After
//!   that nothing follows a link: a symlink found where jixiao reads or writes is refused
//!   ([`Refusal::Symlink`]), so a planted `FILE.draft` link can neither be offered as the
//!   user's draft nor make jixiao overwrite the file it points to.
//! - **Atomic writes:** a temporary file beside the target (named by [`crate::paths::temp_for`],
//!   created 0600 with `O_EXCL`), synced, given the target's mode, renamed over the target,
//!   directory synced. A failed write removes its temporary file; a crash leaves one, which
//!   the next start (holding the lock) removes. A new file is readable by its owner only;
//!   an existing one keeps its mode.
//! - **The lock** is an advisory `flock` on `FILE.lock`, held as long as the process lives:
//!   the kernel makes taking it atomic and drops it when the holder dies (even by kill -9), so
//!   a stale lock file is simply taken over and a reused pid can never pass for the holder.
//!   The file's text (pid, start, host) only says who holds it.

use std::fs::{File, OpenOptions};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use crate::paths::{self, Paths};

/// What jixiao refuses to read or write.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// A symbolic link where jixiao does not follow links.
    Symlink,
    /// A directory, FIFO, device or socket.
    NotRegular,
}

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Self::Symlink => "is a symbolic link",
            Self::NotRegular => "is not a regular file",
        })
    }
}

impl std::error::Error for Refusal {}

fn refused(r: Refusal) -> io::Error {
    io::Error::other(r)
}

/// The refusal behind an error, if it is one.
#[must_use]
pub fn refusal(e: &io::Error) -> Option<Refusal> {
    e.get_ref().and_then(|inner| inner.downcast_ref::<Refusal>()).copied()
}

/// Refuses what is not a regular file, without following a final symlink. `Ok(None)` when
/// nothing is there.
fn inspect(path: &Path) -> io::Result<Option<std::fs::Metadata>> {
    match std::fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => Err(refused(Refusal::Symlink)),
        Ok(m) if !m.is_file() => Err(refused(Refusal::NotRegular)),
        Ok(m) => Ok(Some(m)),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e),
    }
}

#[cfg(unix)]
fn no_follow(opts: &mut OpenOptions) {
    use std::os::unix::fs::OpenOptionsExt as _;
    let flags = rustix::fs::OFlags::NOFOLLOW | rustix::fs::OFlags::NONBLOCK | rustix::fs::OFlags::NOCTTY;
    opts.custom_flags(i32::try_from(flags.bits()).unwrap_or(0));
}

#[cfg(not(unix))]
fn no_follow(_: &mut OpenOptions) {}

#[cfg(unix)]
fn private(opts: &mut OpenOptions) {
    use std::os::unix::fs::OpenOptionsExt as _;
    opts.mode(0o600);
}

#[cfg(not(unix))]
fn private(_: &mut OpenOptions) {}

/// Opens `opts` at `path` without following a final symlink, and checks that what was
/// opened is a regular file.
fn open_regular(opts: &mut OpenOptions, path: &Path) -> io::Result<File> {
    no_follow(opts);
    let f = opts.open(path).map_err(|e| match std::fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => refused(Refusal::Symlink),
        _ => e,
    })?;
    if f.metadata()?.is_file() { Ok(f) } else { Err(refused(Refusal::NotRegular)) }
}

/// A path the user named, with symlinks at its end followed to their final target (which
/// need not exist yet). Paths derived from the result never need following.
///
/// # Errors
/// A link that cannot be read, or a loop of links.
pub fn resolve(path: &Path) -> io::Result<PathBuf> {
    let mut p = path.to_path_buf();
    for _ in 0..40 {
        match std::fs::symlink_metadata(&p) {
            Ok(m) if m.file_type().is_symlink() => {
                let target = std::fs::read_link(&p)?;
                p = match p.parent() {
                    Some(dir) if target.is_relative() => dir.join(target),
                    _ => target,
                };
            }
            _ => return Ok(p),
        }
    }
    Err(refused(Refusal::Symlink))
}

/// Reads at most `limit + 1` bytes of a regular file, so that an oversized file is detected
/// without reading it all. A final symlink is refused (resolve a named path first).
///
/// # Errors
/// The I/O error of opening or reading, or a [`Refusal`].
pub fn read_limited(path: &Path, limit: usize) -> io::Result<Vec<u8>> {
    inspect(path)?;
    let f = open_regular(OpenOptions::new().read(true), path)?;
    // Room for the whole file as it is now: one read, not one per doubling of the buffer.
    let size = f.metadata().map_or(0, |m| usize::try_from(m.len()).unwrap_or(usize::MAX));
    let mut buf = Vec::with_capacity(size.min(limit) + 1);
    f.take(limit as u64 + 1).read_to_end(&mut buf)?;
    Ok(buf)
}

/// Whether a regular file (not a link) is at `path`.
#[must_use]
pub fn is_file(path: &Path) -> bool {
    matches!(inspect(path), Ok(Some(_)))
}

/// The entries of a folder, sorted by name: each path and whether it is a folder itself
/// (symbolic links are not followed: a link to a folder is not a folder here).
///
/// # Errors
/// The folder cannot be read.
pub fn folder_entries(dir: &Path) -> io::Result<Vec<(PathBuf, bool)>> {
    let mut entries: Vec<_> = std::fs::read_dir(dir)?.flatten().collect();
    entries.sort_by_key(std::fs::DirEntry::file_name);
    Ok(entries.into_iter().map(|e| (e.path(), e.file_type().is_ok_and(|t| t.is_dir()))).collect())
}

/// Whether anything (even a dangling link) is at `path`.
#[must_use]
pub fn exists(path: &Path) -> bool {
    std::fs::symlink_metadata(path).is_ok()
}

/// Whether two paths name one existing file (links followed).
#[must_use]
pub fn same_file(a: &Path, b: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt as _;
        match (std::fs::metadata(a), std::fs::metadata(b)) {
            (Ok(x), Ok(y)) => x.dev() == y.dev() && x.ino() == y.ino(),
            _ => false,
        }
    }
    #[cfg(not(unix))]
    {
        a == b
    }
}

/// Seconds since `path` was modified (0 when unknown).
#[must_use]
pub fn age_secs(path: &Path) -> u64 {
    std::fs::symlink_metadata(path)
        .and_then(|m| m.modified())
        .ok()
        .and_then(|t| t.elapsed().ok())
        .map_or(0, |d| d.as_secs())
}

static NONCE: AtomicU64 = AtomicU64::new(0);

/// Creates a new private temporary file for `target`.
fn create_temp(target: &Path) -> io::Result<(PathBuf, File)> {
    loop {
        let n = NONCE.fetch_add(1, Ordering::Relaxed);
        let tmp = paths::temp_for(target, &format!("{}-{n}", std::process::id()));
        let mut opts = OpenOptions::new();
        opts.write(true).create_new(true);
        private(&mut opts);
        match open_regular(&mut opts, &tmp) {
            Ok(f) => return Ok((tmp, f)),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists && n < u64::MAX => {}
            Err(e) => return Err(e),
        }
    }
}

fn fill(f: &mut File, bytes: &[u8], existing: Option<&std::fs::Metadata>) -> io::Result<()> {
    f.write_all(bytes)?;
    if let Some(m) = existing {
        #[cfg(unix)]
        {
            use std::os::unix::fs::{MetadataExt as _, PermissionsExt as _};
            f.set_permissions(std::fs::Permissions::from_mode(m.mode() & 0o777))?;
            // Keep the owner when allowed (root editing a user's file); otherwise it is ours.
            let _ = std::os::unix::fs::fchown(&*f, Some(m.uid()), Some(m.gid()));
        }
        #[cfg(not(unix))]
        f.set_permissions(m.permissions())?;
    }
    f.sync_all()
}

/// Writes `bytes` to `path` atomically (see the module doc): afterwards `path` holds either
/// all of `bytes` or what it held before, and no temporary file is left behind.
///
/// # Errors
/// The I/O error, or a [`Refusal`]; `path` is then unchanged.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let existing = inspect(path)?;
    let (tmp, mut f) = create_temp(path)?;
    let done = fill(&mut f, bytes, existing.as_ref()).and_then(|()| {
        drop(f);
        // The target may have become something else since `inspect`: never replace a
        // directory, a link or a special file.
        inspect(path)?;
        std::fs::rename(&tmp, path)
    });
    if let Err(e) = done {
        let _ = std::fs::remove_file(&tmp);
        return Err(e);
    }
    sync_dir(path);
    Ok(())
}

/// Syncs the folder holding `path`, so that a rename or link in it survives a crash.
fn sync_dir(path: &Path) {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
}

/// Writes a new file at `path`, whole or not at all, and never replaces anything: the
/// temporary file of an atomic write (private, synced) is linked to `path`, which fails if
/// anything is there — even something that appeared since it was looked for. On a file
/// system without hard links it checks, then writes atomically.
///
/// # Errors
/// `AlreadyExists` when something is at `path`; any other I/O error, with nothing left behind.
pub fn write_new(path: &Path, bytes: &[u8]) -> io::Result<()> {
    if exists(path) {
        return Err(io::ErrorKind::AlreadyExists.into());
    }
    let (tmp, mut f) = create_temp(path)?;
    let done = fill(&mut f, bytes, None).and_then(|()| {
        drop(f);
        std::fs::hard_link(&tmp, path)
    });
    let _ = std::fs::remove_file(&tmp);
    match done {
        Ok(()) => {
            sync_dir(path);
            Ok(())
        }
        Err(_) if exists(path) => Err(io::ErrorKind::AlreadyExists.into()),
        // No hard links here (EPERM is what some file systems say).
        Err(e) if e.kind() == io::ErrorKind::Unsupported || e.raw_os_error() == Some(1) => write_atomic(path, bytes),
        Err(e) => Err(e),
    }
}

/// Removes a file jixiao wrote (the draft, the lock), but never a link, a folder or a special
/// file that took its place. Errors are ignored: the caller has nothing better to do.
pub fn remove(path: &Path) {
    if is_file(path) {
        let _ = std::fs::remove_file(path);
    }
}

/// An exclusive claim on a data file, held until dropped: an advisory lock on `FILE.lock`,
/// which says who holds it. Dropping removes the file (the signal and panic paths remove it
/// through [`Lock::path`]; the kernel releases the claim when the process ends).
#[derive(Debug)]
pub struct Lock {
    path: PathBuf,
    _file: File,
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
        remove(&self.path);
    }
}

/// Who holds a lock (what its file says).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Holder {
    /// Process id (0 when the file does not say).
    pub pid: u32,
    /// Seconds since the Unix epoch when it took the lock.
    pub since: u64,
    /// Host name.
    pub host: String,
}

fn host() -> String {
    std::fs::read_to_string("/proc/sys/kernel/hostname")
        .or_else(|_| std::fs::read_to_string("/etc/hostname"))
        .map(|s| s.trim().to_string())
        .unwrap_or_default()
}

fn read_holder(path: &Path) -> Option<Holder> {
    let text = String::from_utf8(read_limited(path, 4096).ok()?).ok()?;
    let mut lines = text.lines();
    let pid = lines.next()?.trim().parse().ok()?;
    let since = lines.next()?.trim().parse().ok()?;
    let host = lines.next()?.trim().to_string();
    Some(Holder { pid, since, host })
}

/// Takes the lock whose file is `path` (`Paths::lock`), or says who holds it. A lock file
/// that nobody holds (its process ended, however) is taken over.
///
/// # Errors
/// The I/O error when the lock cannot be taken for another reason (a read-only folder, a
/// file system without locks: the caller may go on without one), or a [`Refusal`] when
/// something other than a regular file is at `path`.
pub fn lock(path: &Path) -> io::Result<Result<Lock, Holder>> {
    use rustix::fs::{FlockOperation, flock};
    for _ in 0..20 {
        let mut opts = OpenOptions::new();
        opts.read(true).write(true).create(true).truncate(false);
        private(&mut opts);
        let mut f = open_regular(&mut opts, path)?;
        match flock(&f, FlockOperation::NonBlockingLockExclusive) {
            Ok(()) => {}
            Err(e) if e == rustix::io::Errno::WOULDBLOCK => {
                // The holder writes who it is right after taking the lock.
                for _ in 0..50 {
                    if let Some(h) = read_holder(path) {
                        return Ok(Err(h));
                    }
                    std::thread::sleep(std::time::Duration::from_millis(20));
                }
                return Ok(Err(Holder { pid: 0, since: 0, host: String::new() }));
            }
            Err(e) => return Err(e.into()),
        }
        // A holder that just ended removed the file we opened: lock the one now there.
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt as _;
            let ours = f.metadata()?;
            match std::fs::symlink_metadata(path) {
                Ok(m) if m.dev() == ours.dev() && m.ino() == ours.ino() => {}
                _ => continue,
            }
        }
        let since = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs());
        // Not synced to the disk: the lock is the flock, which no crash outlives; the text
        // only tells another editor who holds it, and it reads it from memory. (The fsync
        // was on the way to the first screen.) Emptied first only when a holder that ended
        // left its text: truncating a file to nothing makes ext4 write it out when it is
        // closed and wait for that when it is removed (auto_da_alloc) — disk work on every
        // quit, for a file that is about to go.
        if f.metadata()?.len() > 0 {
            f.set_len(0)?;
        }
        f.write_all(format!("{}\n{since}\n{}\n", std::process::id(), host()).as_bytes())?;
        return Ok(Ok(Lock { path: path.to_path_buf(), _file: f }));
    }
    // Holders kept coming and going: someone has it.
    Ok(Err(Holder { pid: 0, since: 0, host: String::new() }))
}

fn alive(pid: u32) -> bool {
    // Linux: a live process has /proc/PID. Elsewhere, assume alive (never remove its file).
    if Path::new("/proc/self").exists() { Path::new(&format!("/proc/{pid}")).exists() } else { true }
}

/// Removes the temporary files interrupted atomic writes left beside the files of `paths`
/// (only regular files named by [`crate::paths::temp_for`] whose writer is gone; never one of
/// `paths` themselves). Call it only while holding the lock. Returns how many were removed.
pub fn clean_stale_temps(paths: &Paths) -> usize {
    let dir = match paths.data.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let Ok(entries) = std::fs::read_dir(dir) else { return 0 };
    let mut removed = 0;
    for e in entries.flatten() {
        // Most of a folder is other files: only a name with the temporaries' suffix is looked at.
        if !e.file_name().as_encoded_bytes().ends_with(paths::TEMP_SUFFIX.as_bytes()) {
            continue;
        }
        let p = e.path();
        let stale =
            paths.all().iter().filter_map(|t| paths::is_temp_of(t, &p)).any(|nonce| {
                nonce.split('-').next().and_then(|pid| pid.parse().ok()).is_none_or(|pid: u32| !alive(pid))
            });
        if stale && !paths.contains(&p) && e.file_type().is_ok_and(|t| t.is_file()) && std::fs::remove_file(&p).is_ok()
        {
            removed += 1;
        }
    }
    removed
}

/// A file-system error as the user should read it: what happened in their language, then the
/// system's own words (for whoever helps them).
#[must_use]
pub fn describe(e: &io::Error, cat: &crate::i18n::Catalog) -> String {
    use io::ErrorKind as K;
    let key = match (refusal(e), e.kind()) {
        (Some(Refusal::Symlink), _) => return cat.tr("io.symlink").to_string(),
        (Some(Refusal::NotRegular), _) | (None, K::IsADirectory) => return cat.tr("io.not_regular").to_string(),
        (None, K::StorageFull) => "io.full",
        (None, K::QuotaExceeded) => "io.quota",
        (None, K::PermissionDenied) => "io.denied",
        // Says it all: no system message in English inside the user's language.
        (None, K::NotFound) => return cat.tr("io.not_found").to_string(),
        (None, K::ReadOnlyFilesystem) => "io.read_only",
        _ => return crate::text::visible(&e.to_string(), false),
    };
    cat.fmt("io.detail", &[("what", cat.tr(key).to_string()), ("detail", e.to_string())])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{Catalog, Lang};

    fn tempdir(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("jixiao-fsio-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
        dir
    }

    #[test]
    fn lock_is_exclusive_and_a_lock_nobody_holds_is_taken_over() {
        let dir = tempdir("lock");
        let paths = Paths::for_data(&dir.join("pkg.toml")).unwrap_or_else(|e| panic!("{e:?}"));
        let first = lock(&paths.lock).unwrap_or_else(|e| panic!("{e}")).unwrap_or_else(|h| panic!("{h:?}"));
        match lock(&paths.lock) {
            Ok(Err(h)) => assert_eq!((h.pid, h.host), (std::process::id(), host())),
            other => panic!("{other:?}"),
        }
        drop(first);
        assert!(!paths.lock.exists());
        // Files left by processes that ended: one whose pid is now someone else's (ours), an
        // empty one (killed while writing it), a longer one (nothing of it may be left).
        let long = format!("{}\n0\n{}\n", std::process::id(), "h".repeat(300));
        for text in [format!("{}\n0\n{}\n", std::process::id(), host()), String::new(), long] {
            std::fs::write(&paths.lock, text).unwrap_or_else(|e| panic!("{e}"));
            let l = lock(&paths.lock).unwrap_or_else(|e| panic!("{e}")).unwrap_or_else(|h| panic!("{h:?}"));
            let now = std::fs::read_to_string(&paths.lock).unwrap_or_else(|e| panic!("{e}"));
            let lines: Vec<&str> = now.lines().collect();
            assert_eq!(lines.len(), 3, "{now:?}");
            assert_eq!((lines[0], lines[2]), (std::process::id().to_string().as_str(), host().as_str()));
            drop(l);
        }
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[cfg(unix)]
    #[test]
    fn links_and_special_files_are_refused_and_nothing_is_left_behind() {
        use std::os::unix::fs::PermissionsExt as _;
        let dir = tempdir("special");
        let target = dir.join("target.toml");
        std::fs::write(&target, "old").unwrap_or_else(|e| panic!("{e}"));
        std::os::unix::fs::symlink(&target, dir.join("link")).unwrap_or_else(|e| panic!("{e}"));
        std::fs::create_dir(dir.join("folder")).unwrap_or_else(|e| panic!("{e}"));
        for (name, want) in [("link", Refusal::Symlink), ("folder", Refusal::NotRegular)] {
            let e = write_atomic(&dir.join(name), b"new").err().unwrap_or_else(|| panic!("{name} written"));
            assert_eq!(refusal(&e), Some(want), "{name}");
            let e = read_limited(&dir.join(name), 10).err().unwrap_or_else(|| panic!("{name} read"));
            assert_eq!(refusal(&e), Some(want), "{name}");
        }
        let e = read_limited(Path::new("/dev/null"), 10).err().unwrap_or_else(|| panic!("device read"));
        assert_eq!(refusal(&e), Some(Refusal::NotRegular));
        assert_eq!(std::fs::read(&target).unwrap_or_default(), b"old");
        assert_eq!(resolve(&dir.join("link")).unwrap_or_else(|e| panic!("{e}")), target);
        // A new file is private; an existing one keeps its mode.
        write_atomic(&dir.join("new"), b"x").unwrap_or_else(|e| panic!("{e}"));
        let mode = |p: &Path| std::fs::metadata(p).map(|m| m.permissions().mode() & 0o777).unwrap_or(0);
        assert_eq!(mode(&dir.join("new")), 0o600);
        std::fs::set_permissions(&target, std::fs::Permissions::from_mode(0o640)).unwrap_or_else(|e| panic!("{e}"));
        write_atomic(&target, b"new").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(mode(&target), 0o640);
        let mut names: Vec<String> = std::fs::read_dir(&dir)
            .map(|d| d.flatten().map(|e| e.file_name().to_string_lossy().into_owned()).collect())
            .unwrap_or_default();
        names.sort();
        assert_eq!(names, ["folder", "link", "new", "target.toml"]);
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_new_file_never_replaces_anything() {
        let dir = tempdir("new");
        let p = dir.join("pkg.toml");
        write_new(&p, b"one").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(write_new(&p, b"two").map_err(|e| e.kind()), Err(io::ErrorKind::AlreadyExists));
        assert_eq!(std::fs::read(&p).unwrap_or_default(), b"one");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt as _;
            assert_eq!(std::fs::metadata(&p).map(|m| m.permissions().mode() & 0o777).unwrap_or(0), 0o600);
            // Nor a dangling link.
            std::os::unix::fs::symlink(dir.join("nowhere"), dir.join("link")).unwrap_or_else(|e| panic!("{e}"));
            assert!(write_new(&dir.join("link"), b"x").is_err());
            assert!(!dir.join("nowhere").exists());
        }
        let names: Vec<_> = std::fs::read_dir(&dir).into_iter().flatten().flatten().map(|e| e.file_name()).collect();
        assert!(names.len() <= 2, "nothing left beside it: {names:?}");
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn stale_temporaries_are_removed_and_nothing_else() {
        let dir = tempdir("temps");
        let paths = Paths::for_data(&dir.join("p.toml")).unwrap_or_else(|e| panic!("{e:?}"));
        let dead = paths::temp_for(&paths.draft, "4194303-1");
        let mine = paths::temp_for(&paths.data, &format!("{}-1", std::process::id()));
        let users = dir.join(".p.toml.backup");
        for p in [&dead, &mine, &users, &paths.data] {
            std::fs::write(p, "x").unwrap_or_else(|e| panic!("{e}"));
        }
        assert_eq!(clean_stale_temps(&paths), 1);
        assert!(!dead.exists() && mine.exists() && users.exists() && paths.data.exists());
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn file_system_errors_are_said_in_the_users_language() {
        let full = io::Error::from_raw_os_error(28);
        let zh = describe(&full, Catalog::get(Lang::ZhCn));
        assert!(zh.starts_with("磁盘已满（") && zh.contains("os error 28"), "{zh}");
        let en = describe(&full, Catalog::get(Lang::En));
        assert!(en.starts_with("the disk is full ("), "{en}");
        let other = io::Error::other("odd");
        assert_eq!(describe(&other, Catalog::get(Lang::ZhCn)), "odd");
        assert!(!describe(&refused(Refusal::Symlink), Catalog::get(Lang::En)).is_empty());
    }
}
