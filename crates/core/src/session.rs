//! Where the user's files are, and everything loaded from them at once.

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::time::Duration;

use jiff::civil::Date;

use crate::catalog::Catalog;
use crate::config::{self, Config};
use crate::engine::{self, Review, Settings};
use crate::error::{Error, Result};
use crate::ops::{Change, Op};
use crate::state::{Entry, State};
use crate::store;
use crate::warning::{Done, Warning};

mod incidents;
mod operations;
pub use crate::error::PurgeStep;
pub use incidents::Started;
pub use operations::{Tracked, TrackedDay, Untracked, create_config};

pub const CONFIG_ENV: &str = "HYGIENE_CONFIG";
pub const STATE_ENV: &str = "HYGIENE_STATE";
pub const TODAY_ENV: &str = "HYGIENE_TODAY";

/// How a path was chosen, for `hygiene paths`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    Flag,
    Env,
    Default,
}

impl Origin {
    pub fn describe(self, env: &str, flag: &str) -> String {
        match self {
            Origin::Flag => format!("from {flag}"),
            Origin::Env => format!("from {env}"),
            Origin::Default => "default".to_string(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paths {
    pub config: PathBuf,
    pub config_origin: Origin,
    pub state: PathBuf,
    pub state_origin: Origin,
}

impl Paths {
    /// What the last calendar export sent, beside the state:
    /// `state.calendar.toml` for `state.toml`.
    pub fn calendar(&self) -> PathBuf {
        let stem = self
            .state
            .file_stem()
            .map_or_else(|| "state".into(), |s| s.to_string_lossy().into_owned());
        self.state.with_file_name(format!("{stem}.calendar.toml"))
    }

    /// A short name that stands for this pair of files, for the program's
    /// own files about them (the bar's cache, the last reminder).
    pub fn digest(&self) -> String {
        let absolute = |p: &Path| std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
        let mut hash = crate::hash::FNV_OFFSET;
        hash = crate::hash::fnv1a(hash, absolute(&self.config).as_os_str().as_encoded_bytes());
        hash = crate::hash::fnv1a(hash, b"\0");
        hash = crate::hash::fnv1a(hash, absolute(&self.state).as_os_str().as_encoded_bytes());
        format!("{hash:016x}")
    }

    /// A flag wins over the environment, which wins over the platform's folders.
    pub fn resolve(config: Option<PathBuf>, state: Option<PathBuf>) -> Result<Paths> {
        let (config, config_origin) = pick(config, CONFIG_ENV, || {
            dirs::config_dir().map(|d| d.join("hygiene").join("config.toml"))
        })
        .ok_or_else(|| {
            Error::input(format!(
                "cannot find this system's config folder; set {CONFIG_ENV} or pass --config"
            ))
        })?;
        let (state, state_origin) = pick(state, STATE_ENV, || {
            dirs::data_dir().map(|d| d.join("hygiene").join("state.toml"))
        })
        .ok_or_else(|| {
            Error::input(format!(
                "cannot find this system's data folder; set {STATE_ENV} or pass --state"
            ))
        })?;
        Ok(Paths {
            config,
            config_origin,
            state,
            state_origin,
        })
    }
}

fn pick(
    flag: Option<PathBuf>,
    env: &str,
    default: impl FnOnce() -> Option<PathBuf>,
) -> Option<(PathBuf, Origin)> {
    if let Some(p) = flag.filter(|p| !p.as_os_str().is_empty()) {
        return Some((p, Origin::Flag));
    }
    if let Some(p) = std::env::var_os(env).filter(|v| !v.is_empty()) {
        return Some((PathBuf::from(p), Origin::Env));
    }
    default().map(|p| (p, Origin::Default))
}

/// Today as given for this run (`--as-of`, `HYGIENE_TODAY` or the harness's
/// clock file), or None where the system's clock says.
pub fn given_today(as_of: Option<&str>) -> Result<Option<Date>> {
    let given = as_of.is_some()
        || std::env::var_os(TODAY_ENV).is_some_and(|v| !v.is_empty())
        || crate::dates::test_clock().is_some();
    if given {
        today(as_of).map(Some)
    } else {
        Ok(None)
    }
}

/// Today: `--as-of`, else `HYGIENE_TODAY`, else the system's local date.
pub fn today(as_of: Option<&str>) -> Result<Date> {
    let from_env: Option<OsString> = std::env::var_os(TODAY_ENV).filter(|v| !v.is_empty());
    // The clock is read only when the date is relative ("-3d") or not given.
    let parse = |text: &str| match crate::dates::parse_iso(text.trim()) {
        Some(date) => Ok(date),
        None => crate::dates::parse(text, crate::dates::system_today()),
    };
    match (as_of, from_env) {
        (Some(text), _) => parse(text).map_err(|e| Error::input(format!("--as-of: {e}"))),
        (None, Some(text)) => {
            parse(&text.to_string_lossy()).map_err(|e| Error::input(format!("{TODAY_ENV}: {e}")))
        }
        (None, None) => Ok(crate::dates::system_today()),
    }
}

/// A change dated `today` may not lie ahead of the system clock: a date
/// given for the run (or a wrong clock) would date the change, and the
/// history's trimming, by a day that has not come.
pub fn check_change_day(today: Date) -> Result<()> {
    let clock = crate::dates::system_today();
    if today > clock {
        return Err(crate::refusal::Refusal::AheadOfClock { day: today, clock }.into());
    }
    Ok(())
}

pub fn load_state(path: &Path) -> Result<State> {
    match store::read_text(path)? {
        None => Ok(State::default()),
        Some(text) => State::parse(path, &text),
    }
}

/// Config, catalog, settings and state, loaded together.
#[derive(Debug, Clone)]
pub struct Session {
    pub paths: Paths,
    pub config: Config,
    pub catalog: Catalog,
    pub settings: Settings,
    pub state: State,
    /// Warnings from loading: ignored `track` entries, a readable state file.
    pub warnings: Vec<Warning>,
}

impl Session {
    pub fn load(paths: Paths) -> Result<Session> {
        let (config, catalog) = config::load(&paths.config)?;
        let state = load_state(&paths.state)?;
        let (settings, mut warnings) = Settings::from_config(&config, &catalog);
        warnings.extend(store::file_warnings(&paths.state));
        warnings.extend(crate::dates::time_zone_warning());
        Ok(Session {
            paths,
            config,
            catalog,
            settings,
            state,
            warnings,
        })
    }

    pub fn review(&self, today: Date) -> Review {
        self.review_for(&self.settings, today)
    }

    /// The review with other settings (one tool only, say), with the load warnings.
    pub fn review_for(&self, settings: &Settings, today: Date) -> Review {
        let mut review = engine::evaluate(&self.catalog, settings, &self.state, today);
        let mut warnings = self.warnings.clone();
        warnings.append(&mut review.warnings);
        review.warnings = warnings;
        review
    }

    /// Apply `change` to the state as it is on disk now, under the lock, and
    /// save it. Returns the entry as it was before. On error nothing is written
    /// and the session's state is as it was.
    pub fn apply(
        &mut self,
        change: &Change,
        today: Date,
        wait: Duration,
    ) -> Result<Done<Option<Entry>>> {
        let done = apply_change(
            &self.paths.state,
            &self.catalog,
            &self.settings,
            change,
            today,
            wait,
        )?;
        Ok(done.map(|(state, before)| {
            self.state = state;
            before
        }))
    }
}

/// Apply `change` to the state file at `path` as it is now, under its lock.
/// Returns the state as written and the entry as it was before.
pub fn apply_change(
    path: &Path,
    catalog: &Catalog,
    settings: &Settings,
    change: &Change,
    today: Date,
    wait: Duration,
) -> Result<Done<(State, Option<Entry>)>> {
    let done = apply_changes(
        path,
        catalog,
        settings,
        std::slice::from_ref(change),
        today,
        wait,
    )?;
    Ok(done.map(|(state, mut before)| (state, before.pop().flatten())))
}

/// Apply `changes` in order to the state file at `path` as it is now, in one
/// locked save: all of them or, on the first refused, none. Returns the state
/// as written and each change's entry as it was before it.
pub fn apply_changes(
    path: &Path,
    catalog: &Catalog,
    settings: &Settings,
    changes: &[Change],
    today: Date,
    wait: Duration,
) -> Result<Done<(State, Vec<Option<Entry>>)>> {
    check_change_day(today)?;
    for change in changes {
        change.validate(catalog, today)?;
    }
    update_state_file(path, &settings.device, wait, |state| {
        let mut before = Vec::with_capacity(changes.len());
        for change in changes {
            // Judged on the state as it is under the lock.
            if let Op::Snooze { .. } = change.op {
                let tool = catalog.require_tool(&change.tool)?;
                let check = catalog.require_check(tool, &change.check)?;
                if let Some(refusal) =
                    engine::nothing_to_snooze(catalog, settings, state, tool, check, today)
                {
                    return Err(refusal.into());
                }
            }
            before.push(change.apply(catalog, state)?);
        }
        record_day(catalog, settings, state, today);
        Ok(before)
    })
}

/// What every change adds to the state besides itself: the day each tracked
/// tool was first seen, if none is recorded, and today's score.
pub fn record_day(catalog: &Catalog, settings: &Settings, state: &mut State, today: Date) {
    for &tool in &settings.tracked {
        let id = &catalog.tools[tool].id;
        state.tracked.entry(id.clone()).or_insert(today);
    }
    let review = engine::evaluate(catalog, settings, state, today);
    crate::history::record(&mut state.scores, today, review.day_score());
}

/// A locked read-modify-write of the state file: `f` changes the state as it
/// is on disk now. A file that does not parse is reported and left alone, and
/// so is one that `f` leaves as it was (it is not rewritten for nothing).
///
/// What `f` changed is stamped with the time and `device` (see
/// [`crate::merge`]), so that several devices' states can be merged.
pub(crate) fn update_state_file<T>(
    path: &Path,
    device: &str,
    wait: Duration,
    f: impl FnOnce(&mut State) -> Result<T>,
) -> Result<Done<(State, T)>> {
    store::update(path, wait, |current| {
        let mut state = match current {
            Some(text) => State::parse(path, text)?,
            None => State::default(),
        };
        let before = state.clone();
        let result = f(&mut state)?;
        if state == before {
            return Ok((None, (state, result)));
        }
        crate::merge::stamp_changes(&before, &mut state, device, jiff::Timestamp::now());
        let text = state.to_toml();
        Ok((Some(text), (state, result)))
    })
}
