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
