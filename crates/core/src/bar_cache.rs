//! The status bar's summary, kept in the cache folder so that `hygiene bar`
//! on every prompt costs little more than starting the program.
//!
//! The cache is one small file per pair of config and state paths
//! (`$XDG_CACHE_HOME/hygiene/bar-<digest>`). It holds the summary and what
//! it was computed from: the program's version and binary, `TZ`, the day
//! (as the instants it lasts in the local time zone, so the time zone need
//! not be read to know that it is still that day; or the day given to the
//! run), and the identity, size and modification time of the config, the
//! state, every included catalog and `/etc/localtime`. Any difference and
//! it is computed again. Every file is stamped before it is read, so a
//! change made while the summary is computed leaves a stale stamp, never a
//! stale summary under a fresh one. It is never locked (a reader of a cache
//! that another process replaces sees the old file or the new one, whole)
//! and never essential: a cache that cannot be read or written is computed
//! around.

use std::path::{Path, PathBuf};
use std::time::SystemTime;

use jiff::civil::Date;

use crate::error::Result;
use crate::report::bar::Attention;
use crate::session::{Paths, Session};

/// The largest cache file read: a summary is well under a kilobyte.
const MAX_CACHE: u64 = 64 * 1024;

/// The first field of the key, naming the layout of the file.
const LAYOUT: &str = "hygiene bar cache 2";

/// What identifies one version of a file: its device and inode, size and
/// modification time in nanoseconds; `-` when it does not exist.
fn stamp(path: &Path) -> String {
    let Ok(meta) = std::fs::metadata(path) else {
        return "-".to_string();
    };
    let mtime_ns = meta
        .modified()
        .ok()
        .and_then(|t| t.duration_since(SystemTime::UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_nanos());
    #[cfg(unix)]
    let (dev, ino) = {
        use std::os::unix::fs::MetadataExt;
        (meta.dev(), meta.ino())
    };
    #[cfg(not(unix))]
    let (dev, ino) = (0, 0);
    format!("{dev}.{ino}.{}.{mtime_ns}", meta.len())
}

/// The key's first fields: the layout, the program's version and `TZ`.
fn head() -> [String; 3] {
    let tz = std::env::var_os("TZ")
        .map_or_else(|| "-".to_string(), |v| format!("={}", v.to_string_lossy()));
    [
        LAYOUT.to_string(),
        env!("CARGO_PKG_VERSION").to_string(),
        tz,
    ]
}

/// The day's field: the day given to the run, or the day the clock says
/// with the instants it begins and ends.
fn day_field(given: Option<Date>, today: Date) -> String {
    match given {
        Some(day) => format!("given {day}"),
        None => match crate::dates::local_day_bounds(today) {
            Some((start, end)) => format!("clock {today} {start} {end}"),
            // A day that cannot be placed in time is never taken as fresh.
            None => format!("given none {today}"),
        },
    }
}

/// Whether the day's field still holds now.
fn day_holds(field: &[u8], given: Option<Date>) -> bool {
    let Ok(field) = std::str::from_utf8(field) else {
        return false;
    };
    if let Some(day) = given {
        return field.strip_prefix("given ") == Some(&day.to_string());
    }
    let mut parts = field.split(' ').skip(2).map(str::parse::<i64>);
    let (Some(Ok(start)), Some(Ok(end))) = (parts.next(), parts.next()) else {
        return false;
    };
    let now = jiff::Timestamp::now().as_second();
    field.starts_with("clock ") && (start..end).contains(&now)
}

/// A path as the key's bytes, and back (paths never hold a NUL byte).
#[cfg(unix)]
fn path_bytes(path: &Path) -> &[u8] {
    std::os::unix::ffi::OsStrExt::as_bytes(path.as_os_str())
}

#[cfg(unix)]
#[expect(
    clippy::unnecessary_wraps,
    reason = "the same shape as elsewhere, where a path must be UTF-8"
)]
fn bytes_path(bytes: &[u8]) -> Option<&Path> {
    Some(Path::new(
        <std::ffi::OsStr as std::os::unix::ffi::OsStrExt>::from_bytes(bytes),
    ))
}

#[cfg(not(unix))]
fn path_bytes(path: &Path) -> &[u8] {
    path.to_str().unwrap_or("").as_bytes()
}

#[cfg(not(unix))]
fn bytes_path(bytes: &[u8]) -> Option<&Path> {
    std::str::from_utf8(bytes).ok().map(Path::new)
}

/// The cache file for these paths, where the platform has a cache folder.
pub fn cache_path(paths: &Paths) -> Option<PathBuf> {
    let dir = dirs::cache_dir()?;
    Some(dir.join("hygiene").join(format!("bar-{}", paths.digest())))
}

/// The summary from the cache when nothing it was computed from has
/// changed; else computed from the files and kept for the next call.
/// `as_of`: the `--as-of` given, if any.
pub fn attention(paths: &Paths, as_of: Option<&str>) -> Result<Attention> {
    let given = crate::session::given_today(as_of)?;
    let cache = cache_path(paths);
    if let Some(attention) = cache.as_deref().and_then(|c| read(c, given)) {
        return Ok(attention);
    }
    compute(paths, given, cache.as_deref())
}

/// Bring the cache up to date after a change, where one is kept (the person
/// uses `hygiene bar`), so that the next prompt finds it fresh.
pub fn refresh(paths: &Paths) {
    if cache_path(paths).is_some_and(|p| p.exists()) {
        let _ = attention(paths, None);
    }
}

/// The cached summary, if its key still holds. The file is the key's
/// fields, each ended by a NUL byte, a second NUL, then the summary's lines.
fn read(path: &Path, given: Option<Date>) -> Option<Attention> {
    use std::io::Read;
    let file = std::fs::File::open(path).ok()?;
    let mut bytes = Vec::with_capacity(4096);
    file.take(MAX_CACHE).read_to_end(&mut bytes).ok()?;
    let end = bytes.windows(2).position(|w| w == b"\0\0")?;
    let mut fields = bytes[..end].split(|&b| b == 0);
    for expected in head() {
        if fields.next()? != expected.as_bytes() {
            return None;
        }
    }
    if !day_holds(fields.next()?, given) {
        return None;
    }
    let files: Vec<&[u8]> = fields.collect();
    if !files.len().is_multiple_of(2) {
        return None;
    }
    for pair in files.chunks(2) {
        if stamp(bytes_path(pair[0])?).as_bytes() != pair[1] {
            return None;
        }
    }
    Attention::from_lines(std::str::from_utf8(&bytes[end + 2..]).ok()?)
}

/// The files the summary depends on, known before the config is read: the
/// config, the state, this program (a rebuilt binary may judge otherwise)
/// and, with no `TZ`, the system's time zone (the day's bounds).
fn first_files(paths: &Paths) -> Vec<PathBuf> {
    let mut files = vec![paths.config.clone(), paths.state.clone()];
    files.extend(std::env::current_exe().ok());
    if cfg!(unix) && std::env::var_os("TZ").is_none() {
        files.push(PathBuf::from("/etc/localtime"));
    }
    files
}

fn compute(paths: &Paths, given: Option<Date>, cache: Option<&Path>) -> Result<Attention> {
    let mut stamped: Vec<(PathBuf, String)> = first_files(paths)
        .into_iter()
        .map(|p| {
            let s = stamp(&p);
            (p, s)
        })
        .collect();
    // The included catalogs are stamped before they are read too: the
    // config is read once first to name them (a config changed meanwhile
    // has a stale stamp already).
    let includes = crate::store::read_text(&paths.config)
        .ok()
        .flatten()
        .and_then(|text| crate::config::Config::parse(&paths.config, text).ok())
        .map(|(config, _)| config.include_paths())
        .unwrap_or_default();
    stamped.extend(includes.into_iter().map(|p| {
        let s = stamp(&p);
        (p, s)
    }));
    let today = given.unwrap_or_else(crate::dates::system_today);
    let day = day_field(given, today);
    let session = Session::load(paths.clone())?;
    let review = session.review(today);
    let attention = Attention::of(
        &crate::report::Context {
            catalog: &session.catalog,
            settings: &session.settings,
            state: &session.state,
        },
        &review,
    );
    if let Some(cache) = cache {
        let mut bytes = Vec::with_capacity(1024);
        for field in head().iter().chain(std::iter::once(&day)) {
            bytes.extend_from_slice(field.as_bytes());
            bytes.push(0);
        }
        for (path, stamp) in &stamped {
            bytes.extend_from_slice(path_bytes(path));
            bytes.push(0);
            bytes.extend_from_slice(stamp.as_bytes());
            bytes.push(0);
        }
        bytes.push(0);
        bytes.extend_from_slice(attention.to_lines().as_bytes());
        if let Err(e) = crate::store::replace_own_file(cache, &bytes) {
            log::debug!("could not keep the bar's cache at {}: {e}", cache.display());
        }
    }
    Ok(attention)
}
