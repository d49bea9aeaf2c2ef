//! `export --format ics`: a calendar that shows the rhythm, not a wall. One
//! recurring "Review your accounts" event on the day of the month of the
//! last review, with an alarm; one event for what is due now, with an
//! alarm; and one event per day on which checks come due. Every event keeps
//! its UID; what was last exported is remembered (`Sent`, a file beside the
//! state) so that an event that changed is sent again with a higher
//! `SEQUENCE` and one that no longer applies is sent as cancelled, and
//! importing again updates and removes instead of leaving stale events.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

use jiff::civil::{Date, Time};
use serde::Deserialize;

use super::{Context, when};
use crate::cadence::Every;
use crate::dates;
use crate::engine::{self, Review, Standing};
use crate::error::{Error, Result};
use crate::text::visible;

/// How long a cancelled event is still sent, after its day: long enough for
/// every calendar that imported it to import again and remove it.
const KEEP_CANCELLED_DAYS: i64 = 60;

/// When the alarms ring on the day of their event (config `reminder`):
/// a time of day, or never.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reminder {
    At(Time),
    Never,
}

impl Default for Reminder {
    /// The morning of the day.
    fn default() -> Self {
        Reminder::At(Time::constant(9, 0, 0, 0))
    }
}

impl Reminder {
    /// `"HH:MM"` (24-hour) or `"none"`.
    pub fn parse(text: &str) -> std::result::Result<Reminder, String> {
        let text = text.trim();
        if text.eq_ignore_ascii_case("none") {
            return Ok(Reminder::Never);
        }
        let wrong = || {
            format!("reminder must be a time of day such as \"09:00\", or \"none\"; got {text:?}")
        };
        let (h, m) = text.split_once(':').ok_or_else(wrong)?;
        let (h, m): (i8, i8) = (
            h.parse().map_err(|_| wrong())?,
            m.parse().map_err(|_| wrong())?,
        );
        Time::new(h, m, 0, 0).map(Reminder::At).map_err(|_| wrong())
    }
}

/// The events of the last export, by UID (without the `@hygiene` domain).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Sent {
    pub events: BTreeMap<String, SentEvent>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SentEvent {
    pub sequence: u32,
    /// Of what the event says (its day, summary, description, rule, alarm).
    pub digest: String,
    pub day: Date,
    pub summary: String,
    pub cancelled: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SentFile {
    version: u32,
    #[serde(default)]
    events: BTreeMap<String, SentEventFile>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SentEventFile {
    sequence: u32,
    digest: String,
    day: toml::value::Datetime,
    summary: String,
    #[serde(default)]
    cancelled: bool,
}

impl Sent {
    /// Read the file's text; an error names the file, line and column.
    pub fn parse(path: &Path, text: &str) -> Result<Sent> {
        let file: SentFile = toml::from_str(text).map_err(|e| Error::from_toml(path, text, &e))?;
        if file.version != 1 {
            return Err(Error::at(
                path,
                text,
                None,
                &format!(
                    "unknown version {}: this hygiene reads version 1",
                    file.version
                ),
            ));
        }
        let mut sent = Sent::default();
        for (uid, e) in file.events {
            let day: Date = e.day.to_string().parse().map_err(|_| {
                Error::at(
                    path,
                    text,
                    None,
                    &format!("event {uid}: `day` must be a date such as 2026-12-09"),
                )
            })?;
            sent.events.insert(
                uid,
                SentEvent {
                    sequence: e.sequence,
                    digest: e.digest,
                    day,
                    summary: e.summary,
                    cancelled: e.cancelled,
                },
            );
        }
        Ok(sent)
    }

    pub fn to_toml(&self) -> String {
        let mut out = String::from(
            "# hygiene: the calendar events of the last `hygiene export --format ics`,\n\
             # so that the next export updates or cancels them. hygiene rewrites this\n\
             # file on every calendar export; deleting it forgets what was sent.\n\
             version = 1\n",
        );
        for (uid, e) in &self.events {
            out.push_str("\n[events.");
            crate::state::write_str(&mut out, uid);
            let _ = write!(out, "]\nsequence = {}\ndigest = ", e.sequence);
            crate::state::write_str(&mut out, &e.digest);
            let _ = write!(out, "\nday = {}\nsummary = ", e.day);
            crate::state::write_str(&mut out, &e.summary);
            out.push('\n');
            if e.cancelled {
                out.push_str("cancelled = true\n");
            }
        }
        out
    }
}

/// One all-day calendar event.
struct Event {
    /// Without the `@hygiene` domain.
    uid: String,
    day: Date,
    summary: String,
    description: String,
    /// RRULE's value, for the recurring review.
    rule: Option<String>,
    alarm: bool,
}

impl Event {
    fn digest(&self, reminder: Reminder) -> String {
        let mut h = crate::hash::FNV_OFFSET;
        for part in [
            self.day.to_string().as_str(),
            &self.summary,
            &self.description,
            self.rule.as_deref().unwrap_or(""),
            &format!("{:?}", self.alarm.then_some(reminder)),
        ] {
            h = crate::hash::fnv1a(h, part.as_bytes());
            h = crate::hash::fnv1a(h, &[0]);
        }
        format!("{h:016x}")
    }

    /// The event as it was last sent, to be sent again as cancelled.
    fn cancelled(uid: &str, sent: &SentEvent) -> Event {
        Event {
            uid: uid.to_string(),
            day: sent.day,
            summary: sent.summary.clone(),
            description: String::new(),
            rule: None,
            alarm: false,
        }
    }

    /// The event, `STATUS:CONFIRMED` or `STATUS:CANCELLED`.
    fn write(
        &self,
        out: &mut String,
        as_of: Date,
        sequence: u32,
        reminder: Reminder,
        cancelled: bool,
    ) {
        let mut line = |text: &str| fold_ics(out, text);
        line("BEGIN:VEVENT");
        line(&format!("UID:{}@hygiene", self.uid));
        line(&format!("DTSTAMP:{}T000000Z", compact(as_of)));
        line(&format!("SEQUENCE:{sequence}"));
        line(&format!("DTSTART;VALUE=DATE:{}", compact(self.day)));
        line(&format!(
            "DTEND;VALUE=DATE:{}",
            compact(dates::add_days(self.day, 1))
        ));
        if let Some(rule) = &self.rule {
            line(&format!("RRULE:{rule}"));
        }
        line(&format!("SUMMARY:{}", ics_text(&self.summary)));
        if !self.description.is_empty() {
            line(&format!("DESCRIPTION:{}", ics_text(&self.description)));
        }
        line(if cancelled {
            "STATUS:CANCELLED"
        } else {
            "STATUS:CONFIRMED"
        });
        line("TRANSP:TRANSPARENT");
        if let (true, Reminder::At(at)) = (self.alarm, reminder) {
            // From the start of the day, which is midnight where the
            // calendar is: the time of day itself.
            line("BEGIN:VALARM");
            line("ACTION:DISPLAY");
            line(&format!("DESCRIPTION:{}", ics_text(&self.summary)));
            line(&format!(
                "TRIGGER;RELATED=START:PT{}H{}M",
                at.hour(),
                at.minute()
            ));
            line("END:VALARM");
        }
        line("END:VEVENT");
    }
}

/// The calendar for `review`, and what it sent. `sent` is the last export's
/// (None: there was none, or it was forgotten, so the events of earlier
/// versions, one per check, are cancelled).
pub fn export_ics(
    ctx: &Context<'_>,
    review: &Review,
    reminder: Reminder,
    sent: Option<&Sent>,
) -> (String, Sent) {
    let today = review.as_of;
    let mut out = String::new();
    for text in [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//hygiene//account hygiene review//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
    ] {
        fold_ics(&mut out, text);
    }
    let events = events(ctx, review);
    let mut before = sent
        .cloned()
        .unwrap_or_else(|| earlier_versions(ctx, review));
    let mut now = Sent::default();
    for event in &events {
        let digest = event.digest(reminder);
        let sequence = match before.events.remove(&event.uid) {
            Some(old) if old.digest == digest && !old.cancelled => old.sequence,
            Some(old) => old.sequence + 1,
            None => 0,
        };
        event.write(&mut out, today, sequence, reminder, false);
        now.events.insert(
            event.uid.clone(),
            SentEvent {
                sequence,
                digest,
                day: event.day,
                summary: event.summary.clone(),
                cancelled: false,
            },
        );
    }
    // What was sent and applies no more: cancelled, for a while.
    for (uid, mut old) in before.events {
        if dates::days_between(old.day, today) > KEEP_CANCELLED_DAYS && old.cancelled {
            continue;
        }
        if !old.cancelled {
            old.sequence += 1;
            old.cancelled = true;
        }
        Event::cancelled(&uid, &old).write(&mut out, today, old.sequence, reminder, true);
        now.events.insert(uid, old);
    }
    fold_ics(&mut out, "END:VCALENDAR");
    (out, now)
}

/// The events: the recurring review, what is due now, and a day's event for
/// each day on which checks come due (a first review, a due date, a snooze
/// ending), in the one order of every list within each.
fn events(ctx: &Context<'_>, review: &Review) -> Vec<Event> {
    let today = review.as_of;
    let mut due_now = Vec::new();
    let mut days: BTreeMap<Date, Vec<&engine::Item>> = BTreeMap::new();
    for &i in &engine::worst_first(review) {
        let it = &review.items[i];
        match &it.standing {
            Standing::Unreviewed { due }
            | Standing::Ok { due: Some(due) }
            | Standing::DueSoon { due } => days.entry(*due).or_default().push(it),
            Standing::Snoozed { until } => days.entry(*until).or_default().push(it),
            Standing::Overdue { .. } | Standing::Failing(_) | Standing::Unsupported => {
                due_now.push(it);
            }
            // Nothing comes due: no event.
            Standing::Ok { due: None } | Standing::NotApplicable | Standing::Accepted => {}
        }
    }
    let list = |items: &[&engine::Item]| item_list(ctx, items, today);
    let plural =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    let mut events = Vec::new();
    if !review.rows.is_empty() {
        events.push(review_event(ctx, review));
    }
    if !due_now.is_empty() {
        events.push(Event {
            uid: "due-now".to_string(),
            day: today,
            summary: format!(
                "Review your accounts: {} due",
                plural(due_now.len(), "item", "items")
            ),
            description: format!(
                "Due as of {today}; run `hygiene review` to go through them.\n\n{}",
                list(&due_now)
            ),
            rule: None,
            alarm: true,
        });
    }
    for (day, items) in &days {
        let first = items
            .iter()
            .all(|i| matches!(i.standing, Standing::Unreviewed { .. }));
        events.push(Event {
            uid: format!("due-{}", compact(*day)),
            day: *day,
            summary: if first {
                format!(
                    "First review of your accounts: {}",
                    plural(items.len(), "check", "checks")
                )
            } else {
                format!(
                    "Account checks due: {}",
                    plural(items.len(), "check", "checks")
                )
            },
            description: format!(
                "Due on {day}; the monthly review goes through them (`hygiene review`).\n\n{}",
                list(items)
            ),
            rule: None,
            alarm: false,
        });
    }
    events
}

/// The monthly review, on the day of the month of the last one (from its
/// next month), or, before any, from the day the next review is due.
fn review_event(ctx: &Context<'_>, review: &Review) -> Event {
    let today = review.as_of;
    let next = engine::next_review(review, ctx.state.last_review);
    let start = match ctx.state.last_review {
        Some(last) => Every::Months(1).after(last),
        None => next.day.unwrap_or(today).max(today),
    };
    // A day past the 28th is not in every month: the last day of the month.
    let rule = if ctx.state.last_review.unwrap_or(start).day() > 28 {
        "FREQ=MONTHLY;BYMONTHDAY=-1"
    } else {
        "FREQ=MONTHLY"
    };
    let last = ctx
        .state
        .last_review
        .map_or_else(|| "none yet".to_string(), |d| d.to_string());
    Event {
        uid: "review".to_string(),
        day: start,
        summary: "Review your accounts".to_string(),
        description: format!(
            "Once a month: run `hygiene review` (a couple of minutes). Last review: {last}."
        ),
        rule: Some(rule.to_string()),
        alarm: true,
    }
}

/// With nothing remembered: the events earlier versions sent (one per
/// tracked check, and a day's first reviews), to be cancelled.
fn earlier_versions(ctx: &Context<'_>, review: &Review) -> Sent {
    let mut sent = Sent::default();
    let mut add = |uid: String, summary: String| {
        sent.events.insert(
            uid,
            SentEvent {
                sequence: 0,
                digest: String::new(),
                day: review.as_of,
                summary,
                cancelled: false,
            },
        );
    };
    for it in review.items.iter().filter(|i| !i.repeat) {
        let c = &ctx.catalog.checks[it.check];
        let key = match ctx.catalog.shared_account(it.tool, it.check) {
            Some(a) => &a.id,
            None => &ctx.catalog.tools[it.tool].id,
        };
        add(format!("{key}-{}", c.id), c.title.clone());
        if let Standing::Unreviewed { due } = it.standing {
            add(
                format!("first-review-{}", compact(due)),
                "First review of your accounts".into(),
            );
        }
    }
    sent
}

/// "- Slack · Multi-factor authentication: 3 days overdue", one per line.
fn item_list(ctx: &Context<'_>, items: &[&engine::Item], today: Date) -> String {
    items
        .iter()
        .map(|it| {
            let t = &ctx.catalog.tools[it.tool];
            let c = &ctx.catalog.checks[it.check];
            let name = match ctx.catalog.shared_account(it.tool, it.check) {
                Some(a) => a.name.clone(),
                None => super::tool_label(t),
            };
            format!("- {name} · {}: {}", c.title, when(it, today))
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn compact(date: Date) -> String {
    format!("{:04}{:02}{:02}", date.year(), date.month(), date.day())
}

/// A TEXT value (RFC 5545 3.3.11): backslash, semicolon, comma and line
/// breaks escaped; the controls a TEXT value may not hold made visible.
fn ics_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    visible(&out).into_owned()
}

/// Write one content line, folded at 75 octets (RFC 5545 3.1), ended by CRLF.
fn fold_ics(out: &mut String, line: &str) {
    let mut width = 0;
    for c in line.chars() {
        let len = c.len_utf8();
        if width + len > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += len;
    }
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests;
