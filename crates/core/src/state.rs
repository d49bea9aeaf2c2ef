//! The user's state file: per tool and check, what was done and when.
//!
//! ```toml
//! version = 2
//! private_notes = ["slack"]
//!
//! [tools.slack]
//! archive = { status = "done", verified = 2026-10-01, history = [2026-07-01, 2026-10-01] }
//! mfa = { status = "done", verified = 2026-11-01 }
//! ```
//!
//! One table per tool and one inline table per check keep the file short,
//! readable and diffable. Keys are written sorted, so saving is deterministic.
//! Entries for tools and checks no catalog knows are kept as they are.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::Path;

use jiff::civil::Date;

use crate::catalog::{Catalog, ItemKey};
use crate::error::Result;
use crate::history::DayScore;
use crate::incident::Incident;

mod fast;
mod read;
pub mod revert;

/// The longest note, value or reason a file or command accepts, in characters.
pub const MAX_NOTE: usize = 2_000;
pub const MAX_VALUE: usize = 200;
pub const MAX_REASON: usize = 500;
/// The longest device name an entry records.
pub const MAX_DEVICE: usize = 100;
/// The most archive dates kept per check.
pub const MAX_HISTORY: usize = 1_000;

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Status {
    /// Never answered: nothing says whether it was done (the file omits
    /// `status`). The check is unreviewed unless a date says otherwise.
    #[default]
    Unanswered,
    /// Answered: not done.
    Todo,
    Done,
    NotApplicable,
    Accepted {
        reason: String,
    },
}

impl Status {
    /// The reason of an accepted risk.
    pub fn reason(&self) -> Option<&str> {
        match self {
            Status::Accepted { reason } => Some(reason),
            Status::Unanswered | Status::Todo | Status::Done | Status::NotApplicable => None,
        }
    }

    /// Its name in the file (`status = "na"`); "unanswered" has none there.
    pub fn name(&self) -> &'static str {
        match self {
            Status::Unanswered => "unanswered",
            Status::Todo => StatusName::Todo.into(),
            Status::Done => StatusName::Done.into(),
            Status::NotApplicable => StatusName::Na.into(),
            Status::Accepted { .. } => StatusName::Accepted.into(),
        }
    }
}

/// The names `status` may have in the file: the one list both readers and
/// the writer use. `snoozed` is read from files of version 1, where a
/// snooze took the answer's place; a snooze is now its own field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, strum::IntoStaticStr, strum::EnumString)]
#[strum(serialize_all = "lowercase")]
pub(crate) enum StatusName {
    Todo,
    Done,
    Na,
    Snoozed,
    Accepted,
}

/// One entry's fields as a reader found them, before the rules: the one
/// place that says which combinations make an entry, for both readers.
#[derive(Debug, Default)]
pub(crate) struct EntryFields {
    pub(crate) status: Option<StatusName>,
    /// Version 1's `until`, beside `status = "snoozed"`.
    pub(crate) until: Option<Date>,
    /// The end of a snooze laid over the answer (`snoozed = DATE`).
    pub(crate) snoozed: Option<Date>,
    pub(crate) reason: Option<String>,
    pub(crate) verified: Option<Date>,
    pub(crate) value: Option<String>,
    pub(crate) history: Vec<Date>,
    pub(crate) note: Option<String>,
    pub(crate) changed: Option<jiff::Timestamp>,
    pub(crate) device: Option<String>,
}

impl EntryFields {
    /// The entry, or what is wrong with the fields.
    pub(crate) fn into_entry(self) -> std::result::Result<Entry, String> {
        // Version 1's snooze took the answer's place: what it put off is
        // unanswered, judged by its dates, as it was then.
        let mut snoozed = self.snoozed;
        let status = match (self.status, self.until, self.reason) {
            (None, None, None) => Status::Unanswered,
            (None, ..) => {
                return Err("`until` and `reason` need a `status` (snoozed or accepted)".into());
            }
            (Some(StatusName::Snoozed), Some(until), None) if snoozed.is_none() => {
                snoozed = Some(until);
                Status::Unanswered
            }
            (Some(StatusName::Snoozed), Some(_), None) => {
                return Err("a snooze is either `snoozed = DATE` or version 1's `status = \"snoozed\", until = DATE`, not both".into());
            }
            (Some(StatusName::Snoozed), None, _) => {
                return Err("a snoozed entry needs `until = YYYY-MM-DD`".into());
            }
            (Some(StatusName::Accepted), None, Some(reason)) if !reason.trim().is_empty() => {
                Status::Accepted { reason }
            }
            (Some(StatusName::Accepted), None, _) => {
                return Err("an accepted risk needs a non-empty `reason`".into());
            }
            (Some(_), Some(_), _) => {
                return Err("`until` belongs only to status = \"snoozed\"".into());
            }
            (Some(_), _, Some(_)) => {
                return Err("`reason` belongs only to status = \"accepted\"".into());
            }
            (Some(StatusName::Todo), None, None) => Status::Todo,
            (Some(StatusName::Done), None, None) => Status::Done,
            (Some(StatusName::Na), None, None) => Status::NotApplicable,
        };
        let mut history = self.history;
        if history.len() > MAX_HISTORY {
            return Err(format!(
                "history holds {} dates; at most {MAX_HISTORY}",
                history.len()
            ));
        }
        history.sort_unstable();
        history.dedup();
        Ok(Entry {
            status,
            snoozed,
            verified: self.verified,
            value: self.value,
            history,
            note: self.note,
            changed: self.changed,
            device: self.device,
        })
    }
}

/// What the user recorded for one (tool, check).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Entry {
    /// The answer: a snooze never takes its place.
    pub status: Status,
    /// A snooze laid over the answer: until this day the check is put off;
    /// then it stands exactly as its answer and dates say.
    pub snoozed: Option<Date>,
    /// The day the check was last done and verified.
    pub verified: Option<Date>,
    /// The value of a naming check (a display name).
    pub value: Option<String>,
    /// Dates of past archives, oldest first, without repeats.
    pub history: Vec<Date>,
    pub note: Option<String>,
    /// When the entry last changed (UTC) and on which device: what a merge
    /// of two devices' states goes by, newest first, the device breaking a
    /// tie. Read and kept through every save; an entry with nothing else is
    /// a removal that a merge must know of.
    pub changed: Option<jiff::Timestamp>,
    pub device: Option<String>,
}

impl Entry {
    pub fn is_empty(&self) -> bool {
        *self == Entry::default()
    }

    /// Record an archive (or any dated action) on `date`.
    pub(crate) fn record(&mut self, date: Date) {
        if let Err(i) = self.history.binary_search(&date) {
            self.history.insert(i, date);
        }
        if self.history.len() > MAX_HISTORY {
            let excess = self.history.len() - MAX_HISTORY;
            self.history.drain(..excess);
        }
        self.verified = self.history.last().copied().max(self.verified);
        self.status = Status::Done;
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct State {
    /// tool id → check id → entry.
    pub tools: BTreeMap<String, BTreeMap<String, Entry>>,
    /// Tools with a private note in the keyring. Only the fact is kept here.
    pub private_notes: BTreeSet<String>,
    /// When each tool's flag last changed (set or removed; UTC), for a
    /// merge: of two devices' flags, the newer wins.
    pub private_notes_changed: BTreeMap<String, jiff::Timestamp>,
    /// The day each tool was tracked: its first review is due a set time later.
    pub tracked: BTreeMap<String, Date>,
    /// The overall score of each day on which something changed.
    pub scores: BTreeMap<Date, DayScore>,
    /// The day a guided review last ended: the next review is the first
    /// day after it on which something needs one.
    pub last_review: Option<Date>,
    /// Incidents, open and closed, by id (`lost-device-2026-11-20`).
    pub incidents: BTreeMap<String, Incident>,
}

impl State {
    pub fn entry(&self, tool: &str, check: &str) -> Option<&Entry> {
        self.tools.get(tool)?.get(check)
    }

    pub fn entry_mut(&mut self, tool: &str, check: &str) -> &mut Entry {
        self.tools
            .entry(tool.to_string())
            .or_default()
            .entry(check.to_string())
            .or_default()
    }

    /// What the state records for an item: under the tool, or for a check
    /// that lives on an account, the entry kept under the account once there
    /// is one; before that, the newest of those recorded per tool before the
    /// check moved to the account (nothing is dropped: they stay in the
    /// file, and the first change seeds the account's entry from the newest).
    pub fn item(&self, catalog: &Catalog, key: ItemKey) -> Option<&Entry> {
        let check = &catalog.checks[key.check].id;
        let Some(account) = key.account else {
            return self.entry(&catalog.tools[key.tool].id, check);
        };
        // A removal's stamp under the account is no entry: the per-tool ones count.
        if let Some(entry) = self
            .entry(&catalog.accounts[account].id, check)
            .filter(|e| !e.is_removal())
        {
            return Some(entry);
        }
        let newest = |e: &&Entry| {
            (
                e.verified.or(e.history.last().copied()),
                e.status != Status::Todo,
            )
        };
        catalog
            .tools_of(account)
            .filter_map(|t| self.entry(&catalog.tools[t].id, check))
            .max_by_key(newest)
    }

    /// Drop an entry that holds nothing, and a tool left with no entries.
    pub(crate) fn tidy(&mut self, tool: &str, check: &str) {
        if let Some(checks) = self.tools.get_mut(tool) {
            if checks.get(check).is_some_and(Entry::is_empty) {
                checks.remove(check);
            }
            if checks.is_empty() {
                self.tools.remove(tool);
            }
        }
    }

    /// Parse a state file's text. Errors name the file, line and column.
    pub fn parse(path: &Path, text: &str) -> Result<State> {
        match fast::parse(text) {
            Some(state) => Ok(state),
            None => State::parse_toml(path, text),
        }
    }

    /// The fast reader alone: the state when the text is in the layout
    /// hygiene writes, else None (see `state/fast.rs`).
    pub fn parse_fast(text: &str) -> Option<State> {
        fast::parse(text)
    }

    /// The full TOML reader, for any layout and for errors with their place.
    pub fn parse_toml(path: &Path, text: &str) -> Result<State> {
        read::parse(path, text)
    }

    /// The file's text: `version = 2`, then one table per tool, keys sorted.
    pub fn to_toml(&self) -> String {
        let entries: usize = self.tools.values().map(BTreeMap::len).sum();
        let mut out = String::with_capacity(200 + entries * 64);
        out.push_str(
            "# hygiene state: what you have done for each tool and check.\n\
             # hygiene rewrites this file on every change; comments are not kept.\n\
             version = 2\n",
        );
        if let Some(day) = self.last_review {
            let _ = writeln!(out, "last_review = {day}");
        }
        if !self.private_notes.is_empty() {
            out.push_str("private_notes = ");
            write_list(&mut out, &self.private_notes);
        }
        if !self.private_notes_changed.is_empty() {
            out.push_str("private_notes_changed = { ");
            for (n, (tool, at)) in self.private_notes_changed.iter().enumerate() {
                if n > 0 {
                    out.push_str(", ");
                }
                write_key(&mut out, tool);
                let _ = write!(out, " = {at}");
            }
            out.push_str(" }\n");
        }
        if !self.tracked.is_empty() {
            out.push_str("\n[tracked]\n");
            for (tool, day) in &self.tracked {
                write_key(&mut out, tool);
                let _ = writeln!(out, " = {day}");
            }
        }
        if !self.scores.is_empty() {
            out.push_str("\n[scores]\n");
            for (day, s) in &self.scores {
                let _ = write!(out, "{day} = {{ ");
                if let Some(score) = s.score {
                    let _ = write!(out, "score = {score}, ");
                }
                let _ = write!(
                    out,
                    "reviewed = {}, total = {}, overdue = {}, failing = {}, unreviewed = {}",
                    s.reviewed, s.total, s.overdue, s.failing, s.unreviewed
                );
                if let Some(at) = s.changed {
                    let _ = write!(out, ", changed = {at}");
                }
                out.push_str(" }\n");
            }
        }
        for (id, incident) in &self.incidents {
            write_incident(&mut out, id, incident);
        }
        for (tool, checks) in &self.tools {
            if checks.is_empty() {
                continue;
            }
            out.push_str("\n[tools.");
            write_key(&mut out, tool);
            out.push_str("]\n");
            for (check, entry) in checks {
                write_key(&mut out, check);
                out.push_str(" = ");
                write_entry(&mut out, entry);
                out.push('\n');
            }
        }
        out
    }
}

fn write_entry(out: &mut String, e: &Entry) {
    out.push_str("{ ");
    // An unanswered entry (a note or a value only) has no status.
    let mut first = true;
    if e.status != Status::Unanswered {
        out.push_str("status = \"");
        out.push_str(e.status.name());
        out.push('"');
        first = false;
    }
    let mut sep = |out: &mut String| {
        if !std::mem::take(&mut first) {
            out.push_str(", ");
        }
    };
    if let Status::Accepted { reason } = &e.status {
        out.push_str(", reason = ");
        write_str(out, reason);
    }
    if let Some(until) = e.snoozed {
        sep(out);
        let _ = write!(out, "snoozed = {until}");
    }
    if let Some(d) = e.verified {
        sep(out);
        let _ = write!(out, "verified = {d}");
    }
    if let Some(v) = &e.value {
        sep(out);
        out.push_str("value = ");
        write_str(out, v);
    }
    if !e.history.is_empty() {
        sep(out);
        out.push_str("history = [");
        for (i, d) in e.history.iter().enumerate() {
            if i > 0 {
                out.push_str(", ");
            }
            let _ = write!(out, "{d}");
        }
        out.push(']');
    }
    if let Some(n) = &e.note {
        sep(out);
        out.push_str("note = ");
        write_str(out, n);
    }
    if let Some(at) = e.changed {
        sep(out);
        let _ = write!(out, "changed = {at}");
    }
    if let Some(d) = &e.device {
        sep(out);
        out.push_str("device = ");
        write_str(out, d);
    }
    out.push_str(" }");
}

/// `[incidents.ID]` with one key a line; the lists of steps sorted as
/// the incident keeps them.
fn write_incident(out: &mut String, id: &str, i: &Incident) {
    out.push_str("\n[incidents.");
    write_key(out, id);
    out.push_str("]\n");
    let _ = writeln!(out, "kind = \"{}\"", i.kind.id());
    let _ = writeln!(out, "started = {}", i.started);
    out.push_str("steps = ");
    write_list(out, &i.steps);
    out.push_str("done = ");
    write_list(out, &i.done);
    if !i.dismissed.is_empty() {
        out.push_str("dismissed = ");
        write_list(out, &i.dismissed);
    }
    if let Some(day) = i.closed {
        let _ = writeln!(out, "closed = {day}");
    }
    if let Some(at) = i.changed {
        let _ = writeln!(out, "changed = {at}");
    }
    if let Some(d) = &i.device {
        out.push_str("device = ");
        write_str(out, d);
        out.push('\n');
    }
}

/// An array of strings and the line's end: `["a", "b"]`.
fn write_list<'a>(out: &mut String, items: impl IntoIterator<Item = &'a String>) {
    out.push('[');
    for (n, item) in items.into_iter().enumerate() {
        if n > 0 {
            out.push_str(", ");
        }
        write_str(out, item);
    }
    out.push_str("]\n");
}

fn write_key(out: &mut String, key: &str) {
    let bare = !key.is_empty()
        && key
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    if bare {
        out.push_str(key);
    } else {
        write_str(out, key);
    }
}

/// A TOML basic string, escaping what must be escaped.
pub(crate) fn write_str(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

#[cfg(test)]
mod tests;
