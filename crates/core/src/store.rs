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
use crate::warning::{Done, Warning};

mod names;
mod output;
use names::temporary_names;
pub use names::{backup_path, lock_path, sibling, temporaries};
pub use output::write_output;

/// The largest file hygiene reads (a state of 100,000 checks is about 8 MB).
pub const MAX_FILE: u64 = 32 * 1024 * 1024;

/// How long a command waits for another process's lock before giving up.
pub const LOCK_WAIT: Duration = Duration::from_secs(5);

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
    log::debug!("read {} ({} bytes)", path.display(), bytes.len());
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

/// `33554432` as `33,554,432`.
fn grouped(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// The writer's side of [`MAX_FILE`]: hygiene never writes a file it would
/// then refuse to read.
fn check_size(path: &Path, len: usize) -> Result<()> {
    if len as u64 <= MAX_FILE {
        return Ok(());
    }
    Err(Error::invalid(
        path,
        format!(
            "would become {} bytes, more than the {} MiB ({} bytes) hygiene reads, so nothing was written; \
             remove what is no longer needed (long notes, `hygiene untrack ID --purge` for tools you left) and try again",
            grouped(len as u64),
            MAX_FILE / 1024 / 1024,
            grouped(MAX_FILE)
        ),
    ))
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

/// What a person should know about a file that holds their data: others
/// can read it, or it has other names (hard links) that a save would leave
/// behind with the old contents.
#[cfg(unix)]
pub fn file_warnings(path: &Path) -> Vec<Warning> {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    let Ok(meta) = fs::symlink_metadata(path) else {
        return Vec::new();
    };
    let mut warnings = Vec::new();
    let mode = meta.permissions().mode();
    if mode & 0o077 != 0 {
        warnings.push(Warning::Readable {
            path: path.to_path_buf(),
            mode: mode & 0o777,
        });
    }
    if meta.is_file() && meta.nlink() > 1 {
        warnings.push(Warning::HardLinked {
            path: path.to_path_buf(),
            others: meta.nlink() - 1,
            saved: false,
        });
    }
    warnings
}

#[cfg(not(unix))]
pub fn file_warnings(_path: &Path) -> Vec<Warning> {
    Vec::new()
}

/// How many other names (hard links) the file at `path` has.
#[cfg(unix)]
fn other_names(path: &Path) -> u64 {
    use std::os::unix::fs::MetadataExt;
    fs::symlink_metadata(path)
        .ok()
        .filter(fs::Metadata::is_file)
        .map_or(0, |m| m.nlink().saturating_sub(1))
}

#[cfg(not(unix))]
fn other_names(_path: &Path) -> u64 {
    0
}

/// A file the user made read-only stays as it is: that is their decision.
fn check_writable(path: &Path) -> Result<()> {
    let Ok(meta) = fs::symlink_metadata(path) else {
        return Ok(());
    };
    #[cfg(unix)]
    let (protected, mode) = {
        use std::os::unix::fs::PermissionsExt;
        let mode = meta.permissions().mode();
        (
            meta.is_file() && mode & 0o200 == 0,
            format!(" (mode {:o})", mode & 0o777),
        )
    };
    #[cfg(not(unix))]
    let (protected, mode) = (
        meta.is_file() && meta.permissions().readonly(),
        String::new(),
    );
    if !protected {
        return Ok(());
    }
    Err(Error::invalid(
        path,
        format!(
            "is write-protected{mode}, so hygiene leaves it as it is and nothing was changed; \
             to allow changes, run `chmod u+w {}`",
            path.display()
        ),
    ))
}

/// Create `dir` and its missing parents, each new one 0700 and, when root
/// creates it inside someone else's folder, theirs.
pub(crate) fn ensure_dir(dir: &Path) -> Result<()> {
    if dir.as_os_str().is_empty() || dir.is_dir() {
        return Ok(());
    }
    if let Some(up) = dir.parent() {
        ensure_dir(up)?;
    }
    let mut builder = fs::DirBuilder::new();
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    match builder.create(dir) {
        Ok(()) => {}
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists && dir.is_dir() => return Ok(()),
        Err(e) => return Err(Error::io("create the folder", dir, e)),
    }
    if let Ok(d) = File::open(dir) {
        adopt_owner(&d, parent(dir));
    }
    Ok(())
}

fn parent(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// Give a file hygiene just made the owner and group of `like` (the file it
/// replaces, or the folder it lives in). This matters only for root: `sudo
/// hygiene done ...` must not leave the owner a state, backup or lock file
/// they can no longer write. For anyone else the ids already agree, or the
/// system refuses and the file stays theirs, as with any other program.
#[cfg(unix)]
fn adopt_owner(file: &File, like: &Path) {
    use std::os::unix::fs::MetadataExt;
    let (Ok(want), Ok(have)) = (fs::metadata(like), file.metadata()) else {
        return;
    };
    if (want.uid(), want.gid()) != (have.uid(), have.gid()) {
        let _ = std::os::unix::fs::fchown(file, Some(want.uid()), Some(want.gid()));
    }
}

#[cfg(not(unix))]
fn adopt_owner(_file: &File, _like: &Path) {}

/// Options for a new owner-only file that is never a symbolic link followed.
fn private_options() -> OpenOptions {
    let mut options = OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options
}

/// Whose owner a new file for `path` takes: the file it replaces, or the
/// folder it goes into.
fn owner_model(path: &Path) -> &Path {
    if path.exists() { path } else { parent(path) }
}

/// A new temporary file beside `path`, created owner-only (never through a
/// link) and locked while this process writes it, so that [`sweep`] can tell
/// a live writer's file from one a killed process left. Errors name `path`,
/// the file the person is saving, not the temporary one.
fn create_temporary(path: &Path, kind: &str) -> Result<(PathBuf, File)> {
    for tmp in temporary_names(path, kind) {
        match private_options().open(&tmp) {
            Ok(file) => {
                // A fresh file nobody else has open: the lock is there at once.
                let _ = file.try_lock();
                return Ok((tmp, file));
            }
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {}
            Err(e) => return Err(Error::io("write", path, e)),
        }
    }
    Err(Error::invalid(
        path,
        "cannot find a free name for a temporary file beside it",
    ))
}

/// Remove the temporary files a killed process or a failed step left beside
/// `path`, so they never pile up. A file whose lock another process still
/// holds is a write in progress and stays; anything that is not a plain file
/// is not ours and stays too.
fn sweep(path: &Path) {
    for tmp in temporaries(path) {
        let Ok(meta) = fs::symlink_metadata(&tmp) else {
            continue;
        };
        if !meta.is_file() {
            continue;
        }
        let free = OpenOptions::new()
            .read(true)
            .open(&tmp)
            .is_ok_and(|f| f.try_lock().is_ok());
        if free {
            let _ = fs::remove_file(&tmp);
        }
    }
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
        options.mode(0o600).custom_flags(libc::O_NOFOLLOW);
    }
    let created = fs::symlink_metadata(&lock).is_err();
    let file = options.open(&lock).map_err(|e| {
        if fs::symlink_metadata(&lock).is_ok_and(|m| m.file_type().is_symlink()) {
            Error::invalid(
                &lock,
                "is a symbolic link; hygiene's lock file must be a plain file: remove the link",
            )
        } else {
            Error::io("open the lock file", &lock, e)
        }
    })?;
    let meta = file
        .metadata()
        .map_err(|e| Error::io("open the lock file", &lock, e))?;
    if !meta.is_file() {
        return Err(Error::invalid(
            &lock,
            "is not a plain file; hygiene's lock file must be one: remove what is there",
        ));
    }
    if created {
        adopt_owner(&file, owner_model(path));
    }
    let deadline = Instant::now() + wait;
    loop {
        match file.try_lock() {
            Ok(()) => {
                log::debug!("locked {}", lock.display());
                return Ok(Lock { _file: file });
            }
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

/// Replace one of the program's own small files (the bar's cache, the last
/// reminder), which no person edits and no lock guards: a temporary file
/// renamed over it, so a reader sees the old file or the new one, whole.
pub fn replace_own_file(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let dir = parent(path);
    fs::create_dir_all(dir)?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default();
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let written = fs::write(&tmp, bytes).and_then(|()| fs::rename(&tmp, path));
    if written.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    written
}

/// Replace `path` with `bytes` atomically, keeping the previous file as
/// `NAME.bak` when `backup` is set. The caller holds the lock. A
/// write-protected file is refused and left as it is.
pub fn write_atomic(path: &Path, bytes: &[u8], backup: bool) -> Result<Vec<Warning>> {
    write_atomic_with(path, bytes, backup, sync_dir)
}

fn write_atomic_with(
    path: &Path,
    bytes: &[u8],
    backup: bool,
    sync_dir: fn(&Path) -> io::Result<()>,
) -> Result<Vec<Warning>> {
    check_writable(path)?;
    let others = other_names(path);
    let dir = parent(path);
    ensure_dir(dir)?;
    sweep(path);
    let (tmp, mut file) = create_temporary(path, "tmp")?;
    let result = (|| -> Result<()> {
        adopt_owner(&file, owner_model(path));
        file.write_all(bytes)
            .and_then(|()| file.sync_all())
            .map_err(|e| Error::io("write", path, e))?;
        if backup {
            keep_backup(path)?;
        }
        fs::rename(&tmp, path).map_err(|e| Error::io("replace", path, e))
    })();
    drop(file);
    if let Err(e) = result {
        let _ = fs::remove_file(&tmp);
        return Err(e);
    }
    log::debug!(
        "wrote {} ({} bytes{})",
        path.display(),
        bytes.len(),
        if backup {
            ", previous kept as .bak"
        } else {
            ""
        }
    );
    let mut warnings = Vec::new();
    if others > 0 {
        warnings.push(Warning::HardLinked {
            path: path.to_path_buf(),
            others,
            saved: true,
        });
    }
    // The new file is in place; only its survival of a power cut is in doubt.
    warnings.extend(sync_dir(dir).err().map(|e| Warning::NotSynced {
        path: path.to_path_buf(),
        cause: Error::io("sync the folder", dir, e).to_string(),
    }));
    Ok(warnings)
}

/// Make `NAME.bak` the current `NAME`, atomically: a hard link (no copy),
/// made owner-only, renamed into place; or a synced owner-only copy where
/// the file system has no hard links or the mode cannot be changed.
fn keep_backup(path: &Path) -> Result<()> {
    match fs::symlink_metadata(path) {
        Ok(m) if m.is_file() => {}
        _ => return Ok(()),
    }
    let bak = backup_path(path);
    // A file with other names keeps its mode for them: copy it instead.
    let linked = (other_names(path) == 0)
        .then(|| link_backup(path))
        .flatten();
    let bak_tmp = if let Some(tmp) = linked {
        tmp
    } else {
        let (tmp, mut dst) = create_temporary(path, "bak")?;
        let copied = File::open(path)
            .and_then(|mut src| io::copy(&mut src, &mut dst))
            .and_then(|_| dst.sync_all());
        if let Err(e) = copied {
            drop(dst);
            let _ = fs::remove_file(&tmp);
            return Err(Error::io("write", backup_path(path), e));
        }
        adopt_owner(&dst, path);
        tmp
    };
    fs::rename(&bak_tmp, &bak).map_err(|e| {
        let _ = fs::remove_file(&bak_tmp);
        Error::io("replace", &bak, e)
    })
}

/// A hard link to `path` under a temporary name, made 0600 (the file is
/// about to be replaced and has no other name, so its mode no longer
/// matters to anyone). None where links or the mode change are not possible.
fn link_backup(path: &Path) -> Option<PathBuf> {
    for tmp in temporary_names(path, "bak") {
        match fs::hard_link(path, &tmp) {
            Ok(()) => {
                #[cfg(unix)]
                {
                    use std::os::unix::fs::PermissionsExt;
                    if fs::set_permissions(&tmp, fs::Permissions::from_mode(0o600)).is_err() {
                        let _ = fs::remove_file(&tmp);
                        return None;
                    }
                }
                return Some(tmp);
            }
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {}
            Err(_) => return None,
        }
    }
    None
}

fn sync_dir(dir: &Path) -> io::Result<()> {
    #[cfg(unix)]
    {
        File::open(dir)?.sync_all()?;
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
) -> Result<Done<T>> {
    // Before the lock, so that a refusal leaves not even a lock file behind.
    check_writable(path)?;
    let _lock = lock(path, wait)?;
    let current = read_text(path)?;
    let (new, result) = change(current.as_deref())?;
    let mut done = Done::new(result);
    if let Some(new) = new
        && current.as_deref() != Some(new.as_str())
    {
        check_size(path, new.len())?;
        done.warnings
            .extend(write_atomic(path, new.as_bytes(), current.is_some())?);
    }
    Ok(done)
}

#[cfg(test)]
mod tests;
