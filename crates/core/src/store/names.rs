//! The names of hygiene's own files beside a user file: its lock, its
//! backup and its temporary files, each within the file system's limit on
//! a name whatever the name of the user's file.

use std::fs;
use std::path::{Path, PathBuf};

use super::parent;

/// `state.toml` → `state.toml.<suffix>`, in the same folder.
pub fn sibling(path: &Path, suffix: &str) -> PathBuf {
    let mut name = own_base(path);
    name.push(".");
    name.push(suffix);
    path.with_file_name(name)
}

/// The most bytes a file name may have on the file systems people use.
const NAME_MAX: usize = 255;
/// Room kept for the longest suffix of hygiene's own files beside a user
/// file (`.hygiene-tmp.<pid>.<n>`, `.lock`, `.bak`).
const SUFFIX_ROOM: usize = 40;

/// The start of the names of hygiene's own files beside `path` (its lock,
/// backup and temporary files): the file's name, or, for a name so long
/// that a suffix would pass the file system's limit, its first part and a
/// hash of the whole, so every name the user's file can have still works.
fn own_base(path: &Path) -> std::ffi::OsString {
    let name = path.file_name().unwrap_or_default();
    let bytes = name.as_encoded_bytes();
    if bytes.len() + SUFFIX_ROOM <= NAME_MAX {
        return name.to_os_string();
    }
    let text = name.to_string_lossy();
    let mut keep = NAME_MAX - SUFFIX_ROOM - 17;
    while !text.is_char_boundary(keep) {
        keep -= 1;
    }
    // Stable across runs and versions, so every process agrees.
    let hash = crate::hash::fnv1a(crate::hash::FNV_OFFSET, bytes);
    format!("{}~{hash:016x}", &text[..keep]).into()
}

pub fn backup_path(path: &Path) -> PathBuf {
    sibling(path, "bak")
}

pub fn lock_path(path: &Path) -> PathBuf {
    sibling(path, "lock")
}

/// The names a temporary file of `kind` beside `path` may take, in turn:
/// `NAME.hygiene-KIND.PID.N`, unique to the process and the attempt, so that
/// no file of the user's (`report.md.tmp`) is ever taken or replaced.
pub(super) fn temporary_names(path: &Path, kind: &str) -> impl Iterator<Item = PathBuf> {
    let mut prefix = own_base(path);
    prefix.push(format!(".hygiene-{kind}.{}.", std::process::id()));
    (0..100u32).map(move |n| {
        let mut name = prefix.clone();
        name.push(n.to_string());
        path.with_file_name(name)
    })
}

/// The temporary files hygiene left beside `path` (a killed process, a
/// failed step), whatever their kind.
pub fn temporaries(path: &Path) -> Vec<PathBuf> {
    let dir = parent(path);
    let mut prefix = own_base(path);
    prefix.push(".hygiene-");
    let prefix = prefix.to_string_lossy().into_owned();
    let Ok(entries) = fs::read_dir(dir) else {
        return Vec::new();
    };
    entries
        .filter_map(std::result::Result::ok)
        .filter(|e| e.file_name().to_string_lossy().starts_with(&prefix))
        .map(|e| dir.join(e.file_name()))
        .collect()
}
