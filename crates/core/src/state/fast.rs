//! A fast reader for state files in the layout hygiene writes: the version,
//! the private-note list, then one `[tools.ID]` table per tool with one
//! inline table per check, each on one line. It reads them several times
//! faster than a general TOML parser.
//!
//! It accepts only that layout, exactly, and applies the same rules as the
//! full reader. Anything else (a comment after a value, another spacing, an
//! escape it does not know, a rule broken) returns `None`, and the full TOML
//! reader takes over and reports any error with its place. So the two never
//! disagree: the property tests check that whatever this accepts, the full
//! reader reads to the same state.

use std::collections::BTreeMap;

use jiff::civil::Date;

use super::{Entry, EntryFields, MAX_DEVICE, MAX_NOTE, MAX_REASON, MAX_VALUE, State};
use crate::history::DayScore;
use crate::toml_lines::{Cursor, blank, limited, once};

/// The most characters a private-note id may have (as in the full reader).
const MAX_NOTE_ID: usize = 80;

/// The part of the file being read, in the order hygiene writes them.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Section {
    Top,
    Tracked,
    Scores,
    Tools,
}

pub(super) fn parse(text: &str) -> Option<State> {
    let mut state = State::default();
    let mut version = false;
    let mut notes_seen = false;
    let mut section = Section::Top;
    // The tool table being read: its id and its checks.
    let mut table: Option<(String, BTreeMap<String, Entry>)> = None;
    for line in text.split('\n') {
        if blank(line)? {
            continue;
        }
        let next = match line {
            "[tracked]" => Some(Section::Tracked),
            "[scores]" => Some(Section::Scores),
            _ => None,
        };
        if let Some(next) = next {
            // Each once, in order, before the tools.
            if next <= section {
                return None;
            }
            section = next;
            continue;
        }
        if let Some(header) = line.strip_prefix("[tools.") {
            let mut cursor = Cursor(header);
            let id = cursor.key()?;
            if cursor.0 != "]" {
                return None;
            }
            if let Some((done, checks)) = table.take() {
                state.tools.insert(done, checks);
            }
            if state.tools.contains_key(&id) {
                return None;
            }
            section = Section::Tools;
            table = Some((id, BTreeMap::new()));
            continue;
        }
        match (section, &mut table) {
            (Section::Tracked, _) => tracked_day(line, &mut state)?,
            (Section::Scores, _) => day_score(line, &mut state)?,
            // Keys before the first table belong to the document itself.
            (Section::Top, _) => top_line(line, &mut state, &mut version, &mut notes_seen)?,
            (Section::Tools, Some((_, checks))) => {
                let mut cursor = Cursor(line);
                let check = cursor.key()?;
                if !cursor.eat(" = { ") || checks.contains_key(&check) {
                    return None;
                }
                let entry = entry(&mut cursor)?;
                if !cursor.0.is_empty() {
                    return None;
                }
                checks.insert(check, entry);
            }
            (Section::Tools, None) => return None,
        }
    }
    if let Some((done, checks)) = table.take() {
        state.tools.insert(done, checks);
    }
    version.then_some(state)
}

/// `private_notes = ["slack", "zoom"]`.
fn private_notes(line: &str, state: &mut State) -> Option<()> {
    let list = line.strip_prefix("private_notes = [")?;
    let mut cursor = Cursor(list);
    if !cursor.eat("]") {
        loop {
            let id = limited(cursor.string()?.into_owned(), MAX_NOTE_ID)?;
            state.private_notes.insert(id);
            if cursor.eat("]") {
                break;
            }
            if !cursor.eat(", ") {
                return None;
            }
        }
    }
    cursor.0.is_empty().then_some(())
}

/// A key before the first table: the version, the last review, the
/// private-note flags and their times, each once and in that order.
fn top_line(
    line: &str,
    state: &mut State,
    version: &mut bool,
    notes_seen: &mut bool,
) -> Option<()> {
    if (line == "version = 2" || line == "version = 1") && !*version {
        *version = true;
    } else if let Some(rest) = line.strip_prefix("last_review = ") {
        let mut cursor = Cursor(rest);
        let day = cursor.date()?;
        if *notes_seen || state.last_review.is_some() || !cursor.0.is_empty() {
            return None;
        }
        state.last_review = Some(day);
    } else if line.starts_with("private_notes_changed = { ") {
        if !state.private_notes_changed.is_empty() {
            return None;
        }
        notes_changed(line, state)?;
    } else {
        if *notes_seen || !state.private_notes_changed.is_empty() {
            return None;
        }
        *notes_seen = true;
        private_notes(line, state)?;
    }
    Some(())
}

/// `private_notes_changed = { slack = 2026-11-25T09:30:05Z, zoom = … }`.
fn notes_changed(line: &str, state: &mut State) -> Option<()> {
    let mut cursor = Cursor(line.strip_prefix("private_notes_changed = { ")?);
    loop {
        let id = limited(cursor.key()?, MAX_NOTE_ID)?;
        if !cursor.eat(" = ") {
            return None;
        }
        let at = cursor.timestamp()?;
        if state.private_notes_changed.insert(id, at).is_some() {
            return None;
        }
        if cursor.eat(" }") {
            break;
        }
        if !cursor.eat(", ") {
            return None;
        }
    }
    cursor.0.is_empty().then_some(())
}

/// `2026-11-25 = { score = 80, reviewed = 30, total = 40, overdue = 1, failing = 2, unreviewed = 3 }`
/// in `[scores]` (without `score` while nothing was reviewed).
fn day_score(line: &str, state: &mut State) -> Option<()> {
    let mut cursor = Cursor(line);
    let day = crate::dates::parse_iso(line.get(..10)?)?;
    cursor.0 = &line[10..];
    if !cursor.eat(" = { ") {
        return None;
    }
    let mut record = DayScore::default();
    if cursor.0.starts_with("score = ") {
        cursor.eat("score = ");
        let score = u8::try_from(cursor.number()?).ok().filter(|s| *s <= 100)?;
        record.score = Some(score);
        if !cursor.eat(", ") {
            return None;
        }
    }
    for (name, slot) in [
        ("reviewed", &mut record.reviewed),
        ("total", &mut record.total),
        ("overdue", &mut record.overdue),
        ("failing", &mut record.failing),
        ("unreviewed", &mut record.unreviewed),
    ] {
        if !cursor.eat(name) || !cursor.eat(" = ") {
            return None;
        }
        *slot = u32::try_from(cursor.number()?).ok()?;
        if name != "unreviewed" && !cursor.eat(", ") {
            return None;
        }
    }
    if cursor.eat(", changed = ") {
        record.changed = Some(cursor.timestamp()?);
    }
    if !cursor.eat(" }") {
        return None;
    }
    if !cursor.0.is_empty() || state.scores.insert(day, record).is_some() {
        return None;
    }
    Some(())
}

/// `slack = 2026-11-25` in `[tracked]`.
fn tracked_day(line: &str, state: &mut State) -> Option<()> {
    let mut cursor = Cursor(line);
    let id = cursor.key()?;
    if !cursor.eat(" = ") {
        return None;
    }
    let day = cursor.date()?;
    if !cursor.0.is_empty() || state.tracked.insert(id, day).is_some() {
        return None;
    }
    Some(())
}

/// The fields of one inline table, after `{ ` up to and including ` }`.
/// `[2026-01-05, 2026-02-05]`.
fn date_list(cursor: &mut Cursor<'_>) -> Option<Vec<Date>> {
    let mut dates = Vec::new();
    if !cursor.eat("[") {
        return None;
    }
    if !cursor.eat("]") {
        loop {
            dates.push(cursor.date()?);
            if cursor.eat("]") {
                break;
            }
            if !cursor.eat(", ") {
                return None;
            }
        }
    }
    Some(dates)
}

fn entry(cursor: &mut Cursor<'_>) -> Option<Entry> {
    if cursor.eat(" }") {
        return Some(Entry::default());
    }
    let mut status = None;
    let mut until = None;
    let mut snoozed = None;
    let mut reason = None;
    let mut verified = None;
    let mut value = None;
    let mut history: Option<Vec<Date>> = None;
    let mut note = None;
    let mut changed = None;
    let mut device = None;
    loop {
        let name = cursor.bare()?;
        if !cursor.eat(" = ") {
            return None;
        }
        match name {
            "status" => once(&mut status, cursor.string()?)?,
            "until" => once(&mut until, cursor.date()?)?,
            "snoozed" => once(&mut snoozed, cursor.date()?)?,
            "reason" => once(
                &mut reason,
                limited(cursor.string()?.into_owned(), MAX_REASON)?,
            )?,
            "verified" => once(&mut verified, cursor.date()?)?,
            "value" => once(
                &mut value,
                limited(cursor.string()?.into_owned(), MAX_VALUE)?,
            )?,
            "note" => once(&mut note, limited(cursor.string()?.into_owned(), MAX_NOTE)?)?,
            "changed" => once(&mut changed, cursor.timestamp()?)?,
            "device" => once(
                &mut device,
                limited(cursor.string()?.into_owned(), MAX_DEVICE)?,
            )?,
            "history" => once(&mut history, date_list(cursor)?)?,
            _ => return None,
        }
        if cursor.eat(" }") {
            break;
        }
        if !cursor.eat(", ") {
            return None;
        }
    }
    // The same rules as the full reader: one definition (EntryFields).
    EntryFields {
        status: match status {
            Some(name) => Some(name.parse().ok()?),
            None => None,
        },
        until,
        snoozed,
        reason,
        verified,
        value,
        history: history.unwrap_or_default(),
        note,
        changed,
        device,
    }
    .into_entry()
    .ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn both(text: &str) -> (Option<State>, Result<State, String>) {
        let slow = State::parse_toml(Path::new("s"), text).map_err(|e| e.to_string());
        (parse(text), slow)
    }

    #[test]
    fn reads_what_hygiene_writes() {
        let text = "# comment\nversion = 1\nprivate_notes = [\"slack\"]\n\n[tools.slack]\n\
                    archive = { status = \"done\", verified = 2026-10-01, history = [2026-10-01, 2026-07-01] }\n\
                    mfa = { status = \"accepted\", reason = \"a \\\"b\\\" \\u00e9\" }\n\n\
                    [tools.\"odd id\"]\nx = { status = \"snoozed\", until = 2026-12-01, note = \"n\" }\n";
        let (fast, slow) = both(text);
        assert_eq!(fast.unwrap(), slow.unwrap());
    }

    #[test]
    fn anything_else_goes_to_the_full_reader() {
        for text in [
            "[tools.slack]\n",                                                   // no version
            "version = 1\nversion = 1\n",                                        // twice
            "version = 1\n[tools.slack]\nmfa = { status = \"done\" } # later\n", // a comment after
            "version = 1\n[tools.slack]\nmfa = {status = \"done\"}\n",           // other spacing
            "version = 1\n[tools.slack]\nmfa = { status = \"dun\" }\n",          // a rule broken
            "version = 1\n[tools.slack]\nmfa = { status = \"done\" }\nmfa = { status = \"todo\" }\n",
            "version = 1\n[tools.a]\n[tools.a]\n", // table twice
            "version = 1\n[tools.slack]\nmfa = { status = \"done\", verified = 2026-11-01T10:00:00 }\n",
            "version = 1\n[tools.slack]\nmfa = { status = \"done\", note = 'literal' }\n",
            "version = 1\n[tools.slack]\nmfa = { status = \"done\", note = \"\\e\" }\n",
            "version = 1\r\n",
            "version = 1\n[other]\n",
        ] {
            assert!(parse(text).is_none(), "{text:?}");
        }
    }
}
