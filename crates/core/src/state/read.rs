//! The full reader of state files: any layout TOML allows, with errors
//! that name the line and column (the fast reader, `fast.rs`, takes only
//! the layout hygiene writes). The rules of an entry are `EntryFields`'s.

use std::collections::BTreeMap;
use std::path::Path;

use jiff::civil::Date;
use serde::Deserialize;
use serde::de::{self, Deserializer};

use super::{Entry, EntryFields, MAX_DEVICE, MAX_NOTE, MAX_REASON, MAX_VALUE, State, StatusName};
use crate::error::{Error, Result};
use crate::history::DayScore;
use crate::serde_util::{FileDate, Limited};

/// The full TOML reader, for any layout and for errors with their place.
pub(super) fn parse(path: &Path, text: &str) -> Result<State> {
    let file: StateFile = toml::from_str(text).map_err(|e| Error::from_toml(path, text, &e))?;
    if file.version.is_none() {
        return Err(Error::at(
            path,
            text,
            Some(0..0),
            "missing `version = 2` at the top; is this a hygiene state file?",
        ));
    }
    let bad = file
        .tools
        .values()
        .flat_map(BTreeMap::values)
        .filter_map(|e| e.1.clone())
        .min_by_key(|span| span.start);
    if let Some(span) = bad {
        return Err(Error::at(
            path,
            text,
            Some(span),
            &format!(
                "expected a date in `history` as YYYY-MM-DD from {} to {}",
                crate::dates::MIN,
                crate::dates::MAX
            ),
        ));
    }
    if file.incidents.len() > crate::incident::MAX_INCIDENTS {
        return Err(Error::at(
            path,
            text,
            Some(0..0),
            &format!(
                "{} incidents; at most {}",
                file.incidents.len(),
                crate::incident::MAX_INCIDENTS
            ),
        ));
    }
    let incidents = file
        .incidents
        .into_iter()
        .map(|(id, i)| (id, i.into()))
        .collect();
    Ok(State {
        tools: file
            .tools
            .into_iter()
            .map(|(tool, checks)| (tool, checks.into_iter().map(|(c, e)| (c, e.0)).collect()))
            .collect(),
        private_notes: file.private_notes.into_iter().map(|l| l.0).collect(),
        private_notes_changed: file
            .private_notes_changed
            .into_iter()
            .map(|(t, at)| (t, at.0))
            .collect(),
        tracked: file.tracked.into_iter().map(|(t, d)| (t, d.0)).collect(),
        scores: file
            .scores
            .into_iter()
            .map(|(d, s)| (d.0, s.into()))
            .collect(),
        last_review: file.last_review.map(|d| d.0),
        incidents,
    })
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct StateFile {
    version: Option<StateVersion>,
    last_review: Option<FileDate>,
    #[serde(default)]
    private_notes: Vec<Limited<80>>,
    #[serde(default)]
    private_notes_changed: BTreeMap<String, crate::serde_util::FileTimestamp>,
    #[serde(default)]
    tracked: BTreeMap<String, FileDate>,
    #[serde(default)]
    scores: BTreeMap<FileDate, RawScore>,
    #[serde(default)]
    incidents: BTreeMap<String, RawIncident>,
    #[serde(default)]
    tools: BTreeMap<String, BTreeMap<String, FileEntry>>,
}

/// An incident as read: `[incidents.lost-device-2026-11-20]`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawIncident {
    kind: RawKind,
    started: FileDate,
    steps: Steps,
    #[serde(default)]
    done: Steps,
    #[serde(default)]
    dismissed: Steps,
    closed: Option<FileDate>,
    changed: Option<crate::serde_util::FileTimestamp>,
    device: Option<Limited<MAX_DEVICE>>,
}

/// An incident's kind, with the kinds listed where the error says what is wrong.
struct RawKind(crate::incident::Kind);

impl<'de> Deserialize<'de> for RawKind {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let name = String::deserialize(deserializer)?;
        name.parse().map(RawKind).map_err(|_| {
            de::Error::custom(format!(
                "unknown incident kind `{name}`: expected one of lost-device, suspected-access, shared-by-mistake, leaving"
            ))
        })
    }
}

/// A list of step ids, each at most 200 characters, at most `MAX_STEPS`.
#[derive(Default)]
struct Steps(Vec<String>);

impl<'de> Deserialize<'de> for Steps {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let steps = Vec::<Limited<200>>::deserialize(deserializer)?;
        if steps.len() > crate::incident::MAX_STEPS {
            return Err(de::Error::custom(format!(
                "{} steps; at most {}",
                steps.len(),
                crate::incident::MAX_STEPS
            )));
        }
        Ok(Steps(steps.into_iter().map(|s| s.0).collect()))
    }
}

impl From<RawIncident> for crate::incident::Incident {
    fn from(r: RawIncident) -> Self {
        crate::incident::Incident {
            kind: r.kind.0,
            started: r.started.0,
            steps: r.steps.0,
            done: r.done.0.into_iter().collect(),
            dismissed: r.dismissed.0.into_iter().collect(),
            closed: r.closed.map(|d| d.0),
            changed: r.changed.map(|t| t.0),
            device: r.device.map(|d| d.0),
        }
    }
}

/// The state's format: 2 is written; 1 (a snooze in the answer's place)
/// is still read, with the same meaning.
struct StateVersion;

impl<'de> Deserialize<'de> for StateVersion {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        match i64::deserialize(deserializer) {
            Ok(1 | 2) => Ok(StateVersion),
            Ok(n) => Err(de::Error::custom(format!(
                "unknown version {n}: this hygiene reads versions 1 and 2; a newer hygiene may have written this file"
            ))),
            Err(_) => Err(de::Error::custom("expected `version = 2`")),
        }
    }
}

/// A day of `[scores]` as read.
#[derive(Deserialize)]
#[serde(
    deny_unknown_fields,
    expecting = "an inline table such as { score = 80, reviewed = 30, total = 40, overdue = 1, failing = 2, unreviewed = 3 }"
)]
struct RawScore {
    score: Option<Percent>,
    reviewed: u32,
    total: u32,
    overdue: u32,
    failing: u32,
    unreviewed: u32,
    changed: Option<crate::serde_util::FileTimestamp>,
}

/// A whole number from 0 to 100.
struct Percent(u8);

impl<'de> Deserialize<'de> for Percent {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let n = i64::deserialize(deserializer)?;
        u8::try_from(n)
            .ok()
            .filter(|n| *n <= 100)
            .map(Percent)
            .ok_or_else(|| de::Error::custom(format!("a score is from 0 to 100, got {n}")))
    }
}

impl From<RawScore> for DayScore {
    fn from(r: RawScore) -> DayScore {
        DayScore {
            score: r.score.map(|p| p.0),
            reviewed: r.reviewed,
            total: r.total,
            overdue: r.overdue,
            failing: r.failing,
            unreviewed: r.unreviewed,
            changed: r.changed.map(|t| t.0),
        }
    }
}

/// An entry as read, with the place of a history date that is not one: an
/// error raised inside an array carries the array's place, so such a date is
/// reported after parsing, at its own line and column.
struct FileEntry(Entry, Option<std::ops::Range<usize>>);

/// A history date, or None where the value is not a date in range.
struct LenientDate(Option<Date>);

impl<'de> Deserialize<'de> for LenientDate {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Ok(LenientDate(
            FileDate::deserialize(deserializer).ok().map(|d| d.0),
        ))
    }
}

#[derive(Deserialize)]
#[serde(
    deny_unknown_fields,
    expecting = "an inline table such as { status = \"done\", verified = 2026-11-01 }"
)]
struct RawEntry {
    status: Option<RawStatus>,
    until: Option<FileDate>,
    snoozed: Option<FileDate>,
    reason: Option<Limited<MAX_REASON>>,
    verified: Option<FileDate>,
    value: Option<Limited<MAX_VALUE>>,
    #[serde(default)]
    history: Vec<toml::Spanned<LenientDate>>,
    note: Option<Limited<MAX_NOTE>>,
    changed: Option<crate::serde_util::FileTimestamp>,
    device: Option<Limited<MAX_DEVICE>>,
}

/// A status name, with the names listed where the error says what is wrong.
struct RawStatus(StatusName);

impl<'de> Deserialize<'de> for RawStatus {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let name = String::deserialize(deserializer)?;
        name.parse().map(RawStatus).map_err(|_| {
            de::Error::custom(format!(
                "unknown status `{name}`: expected one of todo, done, na, snoozed, accepted"
            ))
        })
    }
}

impl<'de> Deserialize<'de> for FileEntry {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let raw = RawEntry::deserialize(deserializer)?;
        let bad = raw
            .history
            .iter()
            .find(|d| d.get_ref().0.is_none())
            .map(toml::Spanned::span);
        let fields = EntryFields {
            status: raw.status.map(|s| s.0),
            until: raw.until.map(|d| d.0),
            snoozed: raw.snoozed.map(|d| d.0),
            reason: raw.reason.map(|v| v.0),
            verified: raw.verified.map(|d| d.0),
            value: raw.value.map(|v| v.0),
            history: raw
                .history
                .into_iter()
                .filter_map(|d| d.into_inner().0)
                .collect(),
            note: raw.note.map(|v| v.0),
            changed: raw.changed.map(|t| t.0),
            device: raw.device.map(|v| v.0),
        };
        let entry = fields.into_entry().map_err(de::Error::custom)?;
        Ok(FileEntry(entry, bad))
    }
}
