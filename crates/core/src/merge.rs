//! Several devices, one record: every save stamps what it changed (when, in
//! UTC, and on which device), and two devices' states merge part by part,
//! the newest change winning, without a conflict.
//!
//! - Each check's entry, each incident: the one changed last wins; the
//!   device's name breaks a tie, then the entry's own text, so the result
//!   never depends on which side is "ours". An entry's parts (the answer
//!   with its date and value, a snooze, a note) are told apart where a
//!   common ancestor shows which side changed which, so a note added on
//!   one device keeps an answer given on another. A removed entry stays as
//!   a stamp alone (`mfa = { changed = …, device = "…" }`), so a merge
//!   knows it was removed rather than never there. Archive histories are
//!   united whichever entry wins.
//! - `[tracked]` keeps each tool's earliest day; `last_review` the later.
//! - `[scores]` keeps, per day, the record written later.
//! - Private-note flags: the newer change of each tool's flag wins; a flag
//!   with no time is the oldest, and set wins a tie (the union).
//!
//! Entries written before stamps existed carry none: for them the common
//! ancestor decides (a side that left an entry as it was takes the other
//! side's), and where both changed it, the stamped or, failing that, the
//! larger one wins. Either way the merge is commutative and idempotent.

use std::cmp::Ordering;
use std::collections::BTreeMap;

use jiff::Timestamp;

use crate::history::DayScore;
use crate::incident::Incident;
use crate::state::{Entry, MAX_DEVICE, MAX_HISTORY, State, Status};

/// This device's name: the config's `[sync] device`, else the host's name.
pub fn device_name(configured: Option<&str>) -> String {
    let name = configured
        .map(str::to_string)
        .filter(|n| !n.trim().is_empty())
        .unwrap_or_else(host_name);
    name.chars().take(MAX_DEVICE).collect()
}

#[cfg(unix)]
fn host_name() -> String {
    let uname = rustix::system::uname();
    let name = uname.nodename().to_string_lossy().into_owned();
    if name.is_empty() {
        "unknown".to_string()
    } else {
        name
    }
}

#[cfg(not(unix))]
fn host_name() -> String {
    std::env::var("COMPUTERNAME").unwrap_or_else(|_| "unknown".to_string())
}

/// The stamp for a change to something last stamped `previous`: now, or
/// just after `previous` where this device's clock is behind it, so that a
/// change made after seeing another device's is never older than it.
fn stamp_after(now: Timestamp, previous: Option<Timestamp>) -> Timestamp {
    let next = previous.and_then(|p| p.checked_add(jiff::SignedDuration::from_millis(1)).ok());
    next.map_or(now, |n| n.max(now))
}

/// Whether two entries record the same, whatever their stamps (no copy:
/// every save compares each entry).
fn same_content(a: &Entry, b: &Entry) -> bool {
    let Entry {
        status,
        snoozed,
        verified,
        value,
        history,
        note,
        changed: _,
        device: _,
    } = a;
    *status == b.status
        && *snoozed == b.snoozed
        && *verified == b.verified
        && *value == b.value
        && *history == b.history
        && *note == b.note
}

impl Entry {
    /// Nothing but a stamp: the record that the entry was removed.
    pub fn is_removal(&self) -> bool {
        same_content(self, &Entry::default())
    }
}

fn incident_content(i: &Incident) -> Incident {
    Incident {
        changed: None,
        device: None,
        ..i.clone()
    }
}

/// The stamp of one save: this device, and the time.
struct Stamper<'a> {
    device: &'a Option<String>,
    now: Timestamp,
}

impl Stamper<'_> {
    /// Stamp one tool's entries: each changed or new one in `new`; each one
    /// of `old` that `new` lacks (or all, where the tool is gone) is pushed
    /// to `removed` as its stamp alone.
    fn entries(
        &self,
        tool: &str,
        old: &BTreeMap<String, Entry>,
        new: Option<&mut BTreeMap<String, Entry>>,
        removed: &mut Vec<(String, String, Entry)>,
    ) {
        let mut gone = |check: &String, e: &Entry| {
            let stamp = if e.is_removal() {
                e.clone()
            } else {
                Entry {
                    changed: Some(stamp_after(self.now, e.changed)),
                    device: self.device.clone(),
                    ..Entry::default()
                }
            };
            removed.push((tool.to_string(), check.clone(), stamp));
        };
        let Some(new) = new else {
            for (check, e) in old {
                gone(check, e);
            }
            return;
        };
        let mut old_entries = old.iter().peekable();
        for (check, e) in new.iter_mut() {
            while let Some((c, o)) = old_entries.next_if(|(c, _)| *c < check) {
                gone(c, o);
            }
            match old_entries.next_if(|(c, _)| *c == check) {
                Some((_, o)) if same_content(e, o) => {
                    e.changed = o.changed;
                    e.device.clone_from(&o.device);
                }
                o => {
                    // A new entry may have been copied from another (an
                    // account's, seeded from a tool's): after its stamp too.
                    let prior = o.map_or(e.changed, |(_, o)| o.changed);
                    e.changed = Some(stamp_after(self.now, prior));
                    e.device.clone_from(self.device);
                }
            }
        }
        for (c, o) in old_entries {
            gone(c, o);
        }
    }
}

/// Stamp in `after` everything that differs from `before`: each changed or
/// new entry and incident, each private-note flag set or removed, each
/// day's score written anew; a removed entry is kept as its stamp alone.
pub(crate) fn stamp_changes(before: &State, after: &mut State, device: &str, now: Timestamp) {
    let device = (!device.is_empty()).then(|| device.to_string());
    let stamp = Stamper {
        device: &device,
        now,
    };
    // Both sides are walked in their (sorted) order together: every save
    // passes over every entry, so no entry is looked up by its key.
    let mut removed: Vec<(String, String, Entry)> = Vec::new();
    let empty = BTreeMap::new();
    let mut old_tools = before.tools.iter().peekable();
    for (tool, checks) in &mut after.tools {
        while let Some((gone, old_checks)) = old_tools.next_if(|(t, _)| *t < tool) {
            stamp.entries(gone, old_checks, None, &mut removed);
        }
        let old_checks = old_tools
            .next_if(|(t, _)| *t == tool)
            .map_or(&empty, |(_, c)| c);
        stamp.entries(tool, old_checks, Some(checks), &mut removed);
    }
    for (gone, old_checks) in old_tools {
        stamp.entries(gone, old_checks, None, &mut removed);
    }
    for (tool, check, entry) in removed {
        *after.entry_mut(&tool, &check) = entry;
    }
    for (id, new) in &mut after.incidents {
        match before.incidents.get(id) {
            Some(old) if incident_content(old) == incident_content(new) => {
                new.changed = old.changed;
                new.device.clone_from(&old.device);
            }
            old => {
                new.changed = Some(stamp_after(now, old.and_then(|o| o.changed)));
                new.device.clone_from(&device);
            }
        }
    }
    let flags: Vec<String> = before
        .private_notes
        .symmetric_difference(&after.private_notes)
        .cloned()
        .collect();
    for tool in flags {
        let previous = before.private_notes_changed.get(&tool).copied();
        after
            .private_notes_changed
            .insert(tool, stamp_after(now, previous));
    }
    for (day, new) in &mut after.scores {
        match before.scores.get(day) {
            Some(old) if old.same_counts(new) => new.changed = old.changed,
            old => new.changed = Some(stamp_after(now, old.and_then(|o| o.changed))),
        }
    }
}

/// How two versions of one thing order: by their stamps (a missing one is
/// the oldest), then the device's name, then their text.
fn by_stamp(
    a: (Option<Timestamp>, Option<&str>, &str),
    b: (Option<Timestamp>, Option<&str>, &str),
) -> Ordering {
    a.cmp(&b)
}

/// Of two versions that both changed since `base`, or of any two where
/// there is no base to tell, the one that wins; one left as it was in
/// `base` yields to the other.
fn pick<'a, T: PartialEq>(
    base: Option<&T>,
    ours: &'a T,
    theirs: &'a T,
    order: impl Fn(&T, &T) -> Ordering,
) -> &'a T {
    if ours == theirs {
        return ours;
    }
    match base {
        Some(b) if b == ours => theirs,
        Some(b) if b == theirs => ours,
        _ => {
            if order(ours, theirs) == Ordering::Less {
                theirs
            } else {
                ours
            }
        }
    }
}

fn entry_text(e: &Entry) -> String {
    let mut state = State::default();
    *state.entry_mut("t", "c") = e.clone();
    state.to_toml()
}

fn entry_order(a: &Entry, b: &Entry) -> Ordering {
    by_stamp(
        (a.changed, a.device.as_deref(), &entry_text(a)),
        (b.changed, b.device.as_deref(), &entry_text(b)),
    )
}

fn incident_order(a: &Incident, b: &Incident) -> Ordering {
    let text = |i: &Incident| format!("{i:?}");
    by_stamp(
        (a.changed, a.device.as_deref(), &text(a)),
        (b.changed, b.device.as_deref(), &text(b)),
    )
}

/// One part of an entry, merged: the side that changed it since the base;
/// where both did, or there is no base to tell, the newer side's, except
/// that an empty part never replaces a filled one with no shared past to
/// have emptied it from.
fn part<T: PartialEq + Clone>(
    base: Option<&T>,
    ours: &T,
    theirs: &T,
    ours_newer: bool,
    empty: &T,
) -> T {
    if ours == theirs {
        return ours.clone();
    }
    match base {
        Some(b) if b == ours => theirs.clone(),
        Some(b) if b == theirs => ours.clone(),
        None if ours == empty => theirs.clone(),
        None if theirs == empty => ours.clone(),
        _ => (if ours_newer { ours } else { theirs }).clone(),
    }
}

/// Two versions of one check's entry as one. Its parts are merged apart
/// (the answer with its date and value, a snooze, a note), so that a note
/// added on one device never takes away an answer given on another; where
/// both devices changed the same part, the newer wins. Archive dates are
/// united.
fn merge_entry(base: Option<&Entry>, ours: &Entry, theirs: &Entry) -> Entry {
    if ours == theirs {
        return ours.clone();
    }
    let newer = pick(base, ours, theirs, entry_order);
    let ours_newer = std::ptr::eq(newer, ours);
    let answer = |e: &Entry| (e.status.clone(), e.verified, e.value.clone());
    let (status, verified, value) = part(
        base.map(answer).as_ref(),
        &answer(ours),
        &answer(theirs),
        ours_newer,
        &(Status::Unanswered, None, None),
    );
    let snoozed = part(
        base.map(|b| b.snoozed).as_ref(),
        &ours.snoozed,
        &theirs.snoozed,
        ours_newer,
        &None,
    );
    let note = part(
        base.map(|b| b.note.clone()).as_ref(),
        &ours.note,
        &theirs.note,
        ours_newer,
        &None,
    );
    let mut merged = Entry {
        status,
        snoozed,
        verified,
        value,
        history: newer.history.clone(),
        note,
        changed: newer.changed,
        device: newer.device.clone(),
    };
    let mut history: Vec<_> = ours
        .history
        .iter()
        .chain(&theirs.history)
        .copied()
        .collect();
    history.sort_unstable();
    history.dedup();
    if history.len() > MAX_HISTORY {
        history.drain(..history.len() - MAX_HISTORY);
    }
    // An archive the winner did not know of may be the latest.
    if history != merged.history {
        if merged.status == Status::Done {
            merged.verified = merged.verified.max(history.last().copied());
        }
        merged.history = history;
    }
    merged
}

/// One side's entry against the other's absence: kept, unless the base
/// shows it was there and left alone while the other side removed it.
fn one_sided<T: PartialEq + Clone>(base: Option<&T>, present: &T) -> Option<T> {
    match base {
        Some(b) if b == present => None,
        _ => Some(present.clone()),
    }
}

fn merge_maps<K: Ord + Clone, V: PartialEq + Clone>(
    base: Option<&BTreeMap<K, V>>,
    ours: &BTreeMap<K, V>,
    theirs: &BTreeMap<K, V>,
    both: impl Fn(Option<&V>, &V, &V) -> V,
) -> BTreeMap<K, V> {
    let mut out = BTreeMap::new();
    for key in ours.keys().chain(theirs.keys()) {
        if out.contains_key(key) {
            continue;
        }
        let b = base.and_then(|m| m.get(key));
        let merged = match (ours.get(key), theirs.get(key)) {
            (Some(o), Some(t)) => Some(both(b, o, t)),
            (Some(one), None) | (None, Some(one)) => one_sided(b, one),
            (None, None) => None,
        };
        if let Some(v) = merged {
            out.insert(key.clone(), v);
        }
    }
    out
}

/// Two devices' states, and their common ancestor where there is one, as one.
pub fn merge(base: Option<&State>, ours: &State, theirs: &State) -> State {
    let empty = BTreeMap::new();
    let tools = {
        let mut out: BTreeMap<String, BTreeMap<String, Entry>> = BTreeMap::new();
        for tool in ours.tools.keys().chain(theirs.tools.keys()) {
            if out.contains_key(tool) {
                continue;
            }
            let base_checks = base.map(|b| b.tools.get(tool).unwrap_or(&empty));
            let checks = merge_maps(
                base_checks,
                ours.tools.get(tool).unwrap_or(&empty),
                theirs.tools.get(tool).unwrap_or(&empty),
                merge_entry,
            );
            if !checks.is_empty() {
                out.insert(tool.clone(), checks);
            }
        }
        out
    };
    let incidents = merge_maps(
        base.map(|b| &b.incidents),
        &ours.incidents,
        &theirs.incidents,
        |b, o, t| pick(b, o, t, incident_order).clone(),
    );
    let scores = merge_maps(
        base.map(|b| &b.scores),
        &ours.scores,
        &theirs.scores,
        |b, o, t| *pick(b, o, t, score_order),
    );
    let mut tracked = ours.tracked.clone();
    for (tool, day) in &theirs.tracked {
        tracked
            .entry(tool.clone())
            .and_modify(|d| *d = (*d).min(*day))
            .or_insert(*day);
    }
    let (private_notes, private_notes_changed) = merge_flags(base, ours, theirs);
    State {
        tools,
        private_notes,
        private_notes_changed,
        tracked,
        scores,
        last_review: ours.last_review.max(theirs.last_review),
        incidents,
    }
}

fn score_order(a: &DayScore, b: &DayScore) -> Ordering {
    let key = |s: &DayScore| {
        (
            s.changed,
            s.score,
            s.reviewed,
            s.total,
            s.overdue,
            s.failing,
            s.unreviewed,
        )
    };
    key(a).cmp(&key(b))
}

/// Each tool's private-note flag: the side whose flag changed later; a
/// flag with no time is the oldest; set wins a tie. Without times on
/// either side, the base tells a removal from a flag never set.
fn merge_flags(
    base: Option<&State>,
    ours: &State,
    theirs: &State,
) -> (
    std::collections::BTreeSet<String>,
    BTreeMap<String, Timestamp>,
) {
    let mut notes = std::collections::BTreeSet::new();
    let mut times = BTreeMap::new();
    let tools = ours
        .private_notes
        .iter()
        .chain(&theirs.private_notes)
        .chain(ours.private_notes_changed.keys())
        .chain(theirs.private_notes_changed.keys());
    for tool in tools {
        let side = |s: &State| {
            (
                s.private_notes_changed.get(tool).copied(),
                s.private_notes.contains(tool),
            )
        };
        let (o, t) = (side(ours), side(theirs));
        let in_base = base.map(|b| b.private_notes.contains(tool));
        let (at, set) = if o == t {
            o
        } else if o.0.is_none() && t.0.is_none() {
            // No times: the side that changed it since the base wins.
            match in_base {
                Some(b) if b == o.1 => t,
                Some(b) if b == t.1 => o,
                _ => (None, true),
            }
        } else {
            o.max(t)
        };
        if set {
            notes.insert(tool.clone());
        }
        if let Some(at) = at {
            times.insert(tool.clone(), at);
        }
    }
    (notes, times)
}
