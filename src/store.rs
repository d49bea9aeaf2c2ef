//! Reading and writing the user's files safely.
//!
//! - Reads refuse symbolic links, folders, devices and files over [`MAX_FILE`],
//!   and report text that is not UTF-8 with its line and column.
//! - A change is a transaction ([`update`]): take the lock file beside the
//!   target, read the current text under the lock, compute the new text, and
//!   only then write. Two processes never lose each other's changes.
//! - A write is atomic ([`write_atomic`]): a temporary file in the same folder,
//!   flushed and synced, the previous file kept as `NAME.bak`, a rename over the
//!   target, and the folder synced. A crash at any instant leaves the old file
//!   or the new one, never a torn one.
//! - Folders are created 0700 and files 0600.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::error::{Error, Result};

/// The largest file hygiene reads (a state of 100,000 checks is about 8 MB).
pub const MAX_FILE: u64 = 32 * 1024 * 1024;

/// How long a command waits for another process's lock before giving up.
pub const LOCK_WAIT: Duration = Duration::from_secs(5);

/// `state.toml` → `state.toml.<suffix>`, in the same folder.
pub fn sibling(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".");
    name.push(suffix);
    path.with_file_name(name)
}

pub fn backup_path(path: &Path) -> PathBuf {
    sibling(path, "bak")
}

pub fn lock_path(path: &Path) -> PathBuf {
    sibling(path, "lock")
}

/// Read a user file as text; `Ok(None)` when it does not exist.
pub fn read_text(path: &Path) -> Result<Option<String>> {
    let meta = match fs::symlink_metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(Error::io("read", path, e)),
    };
    check_kind(path, &meta)?;
    let mut file = match File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(Error::io("read", path, e)),
    };
    // The path may have changed between the two looks; trust the open file.
    let meta = file.metadata().map_err(|e| Error::io("read", path, e))?;
    check_kind(path, &meta)?;
    let mut bytes = Vec::with_capacity(meta.len() as usize + 1);
    Read::by_ref(&mut file)
        .take(MAX_FILE + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Error::io("read", path, e))?;
    if bytes.len() as u64 > MAX_FILE {
        return Err(too_large(path));
    }
    match String::from_utf8(bytes) {
        Ok(text) => Ok(Some(text)),
        Err(e) => {
            let valid = e.utf8_error().valid_up_to();
            let text = String::from_utf8_lossy(&e.as_bytes()[..valid]).into_owned();
            Err(Error::at(
                path,
                &text,
                Some(valid..valid),
                "not UTF-8 text: expected a TOML file",
            ))
        }
    }
}

fn too_large(path: &Path) -> Error {
    Error::invalid(
        path,
        format!(
            "file is larger than {} MiB; is it the right file?",
            MAX_FILE / 1024 / 1024
        ),
    )
}

fn check_kind(path: &Path, meta: &fs::Metadata) -> Result<()> {
    let ft = meta.file_type();
    if ft.is_symlink() {
        let target = fs::read_link(path)
            .map(|t| format!(" (to {})", t.display()))
            .unwrap_or_default();
        return Err(Error::invalid(
            path,
            format!(
                "is a symbolic link{target}; hygiene reads and writes only regular files, so point it at the real file instead"
            ),
        ));
    }
    if ft.is_dir() {
        return Err(Error::invalid(path, "is a folder, not a file"));
    }
    if !ft.is_file() {
        return Err(Error::invalid(
            path,
            "is not a regular file (a device, pipe or socket)",
        ));
    }
    if meta.len() > MAX_FILE {
        return Err(too_large(path));
    }
    Ok(())
}

/// A warning when a file others can read holds the user's data.
#[cfg(unix)]
pub fn permission_warning(path: &Path) -> Option<String> {
    use std::os::unix::fs::PermissionsExt;
    let mode = fs::symlink_metadata(path).ok()?.permissions().mode();
    (mode & 0o077 != 0).then(|| {
        format!(
            "{} can be read by other users (mode {:o}); run `chmod 600 {}`",
            path.display(),
            mode & 0o777,
            path.display()
        )
    })
}

#[cfg(not(unix))]
pub fn permission_warning(_path: &Path) -> Option<String> {
    None
}

/// Create `dir` and its missing parents, each new one 0700.
pub fn ensure_dir(dir: &Path) -> Result<()> {
    if dir.as_os_str().is_empty() || dir.is_dir() {
        return Ok(());
    }
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    builder
        .create(dir)
        .map_err(|e| Error::io("create the folder", dir, e))
}

fn parent(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// Create a new file with mode 0600, replacing a stale one of the same name.
fn create_private(path: &Path) -> io::Result<File> {
    match fs::remove_file(path) {
        Ok(()) => {}
        Err(e) if e.kind() == io::ErrorKind::NotFound => {}
        Err(e) => return Err(e),
    }
    let mut options = OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options.open(path)
}

/// An exclusive lock on `NAME.lock` beside a user file, released on drop.
#[derive(Debug)]
pub struct Lock {
    _file: File,
}

/// Take the lock for `path`, waiting up to `wait` for another process to finish.
pub fn lock(path: &Path, wait: Duration) -> Result<Lock> {
    let lock = lock_path(path);
    ensure_dir(parent(path))?;
    let mut options = OpenOptions::new();
    options.read(true).write(true).create(true).truncate(false);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let file = options
        .open(&lock)
        .map_err(|e| Error::io("open the lock file", &lock, e))?;
    let deadline = Instant::now() + wait;
    loop {
        match file.try_lock() {
            Ok(()) => return Ok(Lock { _file: file }),
            Err(fs::TryLockError::WouldBlock) if Instant::now() < deadline => {
                std::thread::sleep(Duration::from_millis(5));
            }
            Err(fs::TryLockError::WouldBlock) => {
                return Err(Error::Locked {
                    path: path.to_path_buf(),
                    lock,
                });
            }
            Err(fs::TryLockError::Error(e)) => return Err(Error::io("lock", &lock, e)),
        }
    }
}

/// Replace `path` with `bytes` atomically, keeping the previous file as
/// `NAME.bak` when `backup` is set. The caller holds the lock.
pub fn write_atomic(path: &Path, bytes: &[u8], backup: bool) -> Result<()> {
    let dir = parent(path);
    ensure_dir(dir)?;
    let tmp = sibling(path, "tmp");
    let result = (|| -> Result<()> {
        let mut file = create_private(&tmp).map_err(|e| Error::io("write", &tmp, e))?;
        file.write_all(bytes)
            .and_then(|()| file.sync_all())
            .map_err(|e| Error::io("write", &tmp, e))?;
        drop(file);
        if backup {
            keep_backup(path)?;
        }
        fs::rename(&tmp, path).map_err(|e| Error::io("replace", path, e))?;
        sync_dir(dir)
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

/// Make `NAME.bak` the current `NAME`, atomically: a hard link (no copy) renamed
/// into place, or a synced copy where the file system has no hard links.
fn keep_backup(path: &Path) -> Result<()> {
    match fs::symlink_metadata(path) {
        Ok(m) if m.is_file() => {}
        _ => return Ok(()),
    }
    let bak = backup_path(path);
    let bak_tmp = sibling(path, "bak.tmp");
    let _ = fs::remove_file(&bak_tmp);
    if fs::hard_link(path, &bak_tmp).is_err() {
        let mut src = File::open(path).map_err(|e| Error::io("read", path, e))?;
        let mut dst = create_private(&bak_tmp).map_err(|e| Error::io("write", &bak_tmp, e))?;
        io::copy(&mut src, &mut dst)
            .and_then(|_| dst.sync_all())
            .map_err(|e| Error::io("write", &bak_tmp, e))?;
    }
    fs::rename(&bak_tmp, &bak).map_err(|e| Error::io("replace", &bak, e))
}

fn sync_dir(dir: &Path) -> Result<()> {
    #[cfg(unix)]
    {
        File::open(dir)
            .and_then(|d| d.sync_all())
            .map_err(|e| Error::io("sync the folder", dir, e))?;
    }
    #[cfg(not(unix))]
    let _ = dir;
    Ok(())
}

/// A locked read-modify-write of `path`. `change` gets the current text (None
/// when the file does not exist) and returns the new text, or None to leave
/// the file as it is, along with a result for the caller. A file that does not
/// parse makes `change` fail, and then nothing is written.
pub fn update<T>(
    path: &Path,
    wait: Duration,
    change: impl FnOnce(Option<&str>) -> Result<(Option<String>, T)>,
) -> Result<T> {
    let _lock = lock(path, wait)?;
    let current = read_text(path)?;
    let (new, result) = change(current.as_deref())?;
    if let Some(new) = new
        && current.as_deref() != Some(new.as_str())
    {
        write_atomic(path, new.as_bytes(), current.is_some())?;
    }
    Ok(result)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_replace_atomically_and_keep_a_backup() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub/dir/state.toml");
        update(&path, LOCK_WAIT, |cur| {
            assert_eq!(cur, None);
            Ok((Some("one".to_string()), ()))
        })
        .unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "one");
        assert!(!backup_path(&path).exists(), "no backup of nothing");
        update(&path, LOCK_WAIT, |cur| {
            assert_eq!(cur, Some("one"));
            Ok((Some("two".to_string()), ()))
        })
        .unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "two");
        assert_eq!(fs::read_to_string(backup_path(&path)).unwrap(), "one");
        assert!(!sibling(&path, "tmp").exists());
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode(&path), 0o600);
            assert_eq!(mode(&backup_path(&path)), 0o600);
            assert_eq!(mode(path.parent().unwrap()), 0o700);
            assert_eq!(mode(&dir.path().join("sub")), 0o700);
        }
    }

    #[test]
    fn a_failed_change_writes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state.toml");
        fs::write(&path, "keep me").unwrap();
        let err = update(&path, LOCK_WAIT, |_| -> Result<(Option<String>, ())> {
            Err(Error::input("no"))
        });
        assert!(err.is_err());
        assert_eq!(fs::read_to_string(&path).unwrap(), "keep me");
        assert!(!backup_path(&path).exists());
    }

    #[test]
    fn a_held_lock_times_out_with_a_clear_error() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state.toml");
        let _held = lock(&path, LOCK_WAIT).unwrap();
        let err = lock(&path, Duration::from_millis(30))
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("is locked by another hygiene process"),
            "{err}"
        );
    }

    #[test]
    fn reads_refuse_what_is_not_a_plain_text_file() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(read_text(&dir.path().join("missing")).unwrap(), None);
        let err = read_text(dir.path()).unwrap_err().to_string();
        assert!(err.ends_with("is a folder, not a file"), "{err}");
        let bin = dir.path().join("bin");
        fs::write(&bin, b"a = 1\nb = \"\xff\"\n").unwrap();
        let err = read_text(&bin).unwrap_err().to_string();
        assert!(
            err.ends_with("bin:2:6: not UTF-8 text: expected a TOML file"),
            "{err}"
        );
        #[cfg(unix)]
        {
            let link = dir.path().join("link");
            std::os::unix::fs::symlink("/etc/hostname", &link).unwrap();
            let err = read_text(&link).unwrap_err().to_string();
            assert!(
                err.contains("is a symbolic link (to /etc/hostname)"),
                "{err}"
            );
        }
    }
}
