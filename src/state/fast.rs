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

use std::borrow::Cow;
use std::collections::BTreeMap;

use jiff::civil::Date;

use super::{Entry, MAX_HISTORY, MAX_NOTE, MAX_REASON, MAX_VALUE, State, Status};
use crate::dates;

/// The most characters a private-note id may have (as in the full reader).
const MAX_NOTE_ID: usize = 80;

pub(super) fn parse(text: &str) -> Option<State> {
    let mut state = State::default();
    let mut version = false;
    let mut notes_seen = false;
    // The table being read: its id and its checks.
    let mut table: Option<(String, BTreeMap<String, Entry>)> = None;
    for line in text.split('\n') {
        if line.is_empty() {
            continue;
        }
        if let Some(comment) = line.strip_prefix('#') {
            if comment.chars().any(|c| c != '\t' && c.is_control()) {
                return None;
            }
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
            table = Some((id, BTreeMap::new()));
            continue;
        }
        match &mut table {
            // Keys before the first table belong to the document itself.
            None if line == "version = 1" && !version => version = true,
            None => {
                let list = line.strip_prefix("private_notes = [")?;
                if notes_seen {
                    return None;
                }
                notes_seen = true;
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
                if !cursor.0.is_empty() {
                    return None;
                }
            }
            Some((_, checks)) => {
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
        }
    }
    if let Some((done, checks)) = table.take() {
        state.tools.insert(done, checks);
    }
    version.then_some(state)
}

/// The fields of one inline table, after `{ ` up to and including ` }`.
fn entry(cursor: &mut Cursor<'_>) -> Option<Entry> {
    let mut status = None;
    let mut until = None;
    let mut reason = None;
    let mut verified = None;
    let mut value = None;
    let mut history: Option<Vec<Date>> = None;
    let mut note = None;
    loop {
        let name = cursor.bare()?;
        if !cursor.eat(" = ") {
            return None;
        }
        fn once<T>(slot: &mut Option<T>, value: T) -> Option<()> {
            slot.is_none().then(|| *slot = Some(value))
        }
        match name {
            "status" => once(&mut status, cursor.string()?)?,
            "until" => once(&mut until, cursor.date()?)?,
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
            "history" => {
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
                once(&mut history, dates)?
            }
            _ => return None,
        }
        if cursor.eat(" }") {
            break;
        }
        if !cursor.eat(", ") {
            return None;
        }
    }
    // The same rules as the full reader (state.rs, FileEntry).
    let status = match (status?.as_ref(), until, reason) {
        ("snoozed", Some(until), None) => Status::Snoozed { until },
        ("accepted", None, Some(reason)) if !reason.trim().is_empty() => {
            Status::Accepted { reason }
        }
        ("todo", None, None) => Status::Todo,
        ("done", None, None) => Status::Done,
        ("na", None, None) => Status::NotApplicable,
        _ => return None,
    };
    let mut history = history.unwrap_or_default();
    if history.len() > MAX_HISTORY {
        return None;
    }
    history.sort_unstable();
    history.dedup();
    Some(Entry {
        status,
        verified,
        value,
        history,
        note,
    })
}

fn limited(text: String, max: usize) -> Option<String> {
    (text.len() <= max || text.chars().count() <= max).then_some(text)
}

/// What is left of the line.
struct Cursor<'a>(&'a str);

impl<'a> Cursor<'a> {
    fn eat(&mut self, token: &str) -> bool {
        match self.0.strip_prefix(token) {
            Some(rest) => {
                self.0 = rest;
                true
            }
            None => false,
        }
    }

    /// A bare key: ASCII letters, digits, `-` and `_`.
    fn bare(&mut self) -> Option<&'a str> {
        let end = self
            .0
            .bytes()
            .position(|b| !(b.is_ascii_alphanumeric() || b == b'-' || b == b'_'))
            .unwrap_or(self.0.len());
        (end > 0).then(|| {
            let (key, rest) = self.0.split_at(end);
            self.0 = rest;
            key
        })
    }

    /// A bare or a quoted key.
    fn key(&mut self) -> Option<String> {
        if self.0.starts_with('"') {
            self.string().map(Cow::into_owned)
        } else {
            self.bare().map(str::to_string)
        }
    }

    /// A basic string, with the escapes hygiene writes; borrowed when it has none.
    fn string(&mut self) -> Option<Cow<'a, str>> {
        let body = self.0.strip_prefix('"')?;
        // Most strings have nothing to unescape: find the closing quote at once.
        let stop = body
            .bytes()
            .position(|b| b == b'"' || b == b'\\' || (b < 0x20 && b != b'\t') || b == 0x7f)?;
        if body.as_bytes()[stop] == b'"' {
            let text = &body[..stop];
            // TOML allows the C1 controls in a string, but hygiene escapes them:
            // leave such a file to the full reader.
            if !text.is_ascii() && text.chars().any(char::is_control) {
                return None;
            }
            self.0 = &body[stop + 1..];
            return Some(Cow::Borrowed(text));
        }
        let mut out = String::new();
        let mut chars = body.char_indices();
        while let Some((i, c)) = chars.next() {
            match c {
                '"' => {
                    self.0 = &body[i + 1..];
                    return Some(Cow::Owned(out));
                }
                '\\' => {
                    let (_, e) = chars.next()?;
                    match e {
                        '"' => out.push('"'),
                        '\\' => out.push('\\'),
                        'n' => out.push('\n'),
                        't' => out.push('\t'),
                        'r' => out.push('\r'),
                        'b' => out.push('\u{8}'),
                        'f' => out.push('\u{c}'),
                        'u' | 'U' => {
                            let digits = if e == 'u' { 4 } else { 8 };
                            let mut code = 0u32;
                            for _ in 0..digits {
                                let (_, d) = chars.next()?;
                                code = code * 16 + d.to_digit(16)?;
                            }
                            out.push(char::from_u32(code)?);
                        }
                        _ => return None,
                    }
                }
                // TOML allows a tab, and no other control character, in a basic string.
                c if c.is_control() && c != '\t' => return None,
                c => out.push(c),
            }
        }
        None
    }

    /// A plain date, followed by what may follow a value here.
    fn date(&mut self) -> Option<Date> {
        let (text, rest) = (self.0.get(..10)?, &self.0[10..]);
        if !(rest.starts_with(", ") || rest.starts_with(" }") || rest.starts_with(']')) {
            return None;
        }
        let date = dates::parse_iso(text)?;
        self.0 = rest;
        Some(date)
    }
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
