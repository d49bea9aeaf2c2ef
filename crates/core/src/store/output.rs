//! Reports the user asked for (`export -o`): written where they say, never
//! over what hygiene owns.

use std::fs::{self, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};

use super::{backup_path, lock_path, parent, temporaries, write_atomic};
use crate::error::{Error, Result};
use crate::warning::Warning;

/// The same file, whether or not it exists yet: canonical where it exists,
/// else its folder's canonical form joined with its name.
fn same_file(a: &Path, b: &Path) -> bool {
    let real = |p: &Path| {
        fs::canonicalize(p).ok().or_else(|| {
            let name = p.file_name()?;
            Some(fs::canonicalize(parent(p)).ok()?.join(name))
        })
    };
    a == b || matches!((real(a), real(b)), (Some(x), Some(y)) if x == y)
}

/// Write a report the user asked for to `path` (`export -o`), never harming
/// what is there or what hygiene owns:
/// - a file hygiene reads or writes (`own`: the config, the state, their
///   backups, locks and temporary files, the included catalogs) is refused;
/// - a regular file, or nothing, is replaced atomically, as a state is;
/// - a symbolic link is followed, and its target treated the same way;
/// - a pipe or a terminal (`/dev/stdout`) is written to in place;
/// - anything else (a folder, a block device, a socket) is refused.
pub fn write_output(path: &Path, bytes: &[u8], own: &[PathBuf]) -> Result<Vec<Warning>> {
    let is_own = |p: &Path| {
        own.iter().any(|o| {
            same_file(p, o)
                || same_file(p, &backup_path(o))
                || same_file(p, &lock_path(o))
                || temporaries(o).iter().any(|t| same_file(p, t))
        })
    };
    let refuse_own = |p: &Path| {
        Error::invalid(
            p,
            "is hygiene's own file (the config, the state, a backup, a lock or an included catalog); export to another file",
        )
    };
    if is_own(path) {
        return Err(refuse_own(path));
    }
    let link = fs::symlink_metadata(path).ok();
    // What the path leads to, a link followed.
    let target = match (&link, fs::metadata(path)) {
        (None, _) if !parent(path).is_dir() => {
            return Err(Error::invalid(
                path,
                format!(
                    "the folder {} does not exist; create it first",
                    parent(path).display()
                ),
            ));
        }
        (None, _) => return write_atomic(path, bytes, false),
        (Some(_), Ok(meta)) => meta,
        (Some(_), Err(_)) => {
            let to = fs::read_link(path)
                .map(|t| format!(" to {}", t.display()))
                .unwrap_or_default();
            return Err(Error::invalid(
                path,
                format!("is a symbolic link{to}, which leads nowhere; export to the file itself"),
            ));
        }
    };
    let ft = target.file_type();
    if ft.is_file() {
        // Replace the file the link leads to, and keep the link.
        let real = fs::canonicalize(path).map_err(|e| Error::io("read", path, e))?;
        if is_own(&real) {
            return Err(refuse_own(path));
        }
        return write_atomic(&real, bytes, false);
    }
    if ft.is_dir() {
        return Err(Error::invalid(path, "is a folder; name a file in it"));
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if ft.is_fifo() || ft.is_char_device() {
            let mut out = OpenOptions::new()
                .write(true)
                .open(path)
                .map_err(|e| Error::io("write", path, e))?;
            return out
                .write_all(bytes)
                .and_then(|()| out.flush())
                .map(|()| Vec::new())
                .map_err(|e| Error::io("write", path, e));
        }
    }
    Err(Error::invalid(
        path,
        "is not a file, a pipe or a terminal; export to a file",
    ))
}
