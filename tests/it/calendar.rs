//! `export --format ics`, read back by a real iCalendar parser: the monthly
//! review recurs with an alarm, what is due now has one, a day's checks are
//! one event, and an export after a change updates or cancels the events of
//! the one before under the same UIDs.

use crate::common::{self, Home};

/// One event as a calendar reads it.
#[derive(Debug, Clone)]
struct Event {
    uid: String,
    sequence: u32,
    start: String,
    summary: String,
    status: String,
    rule: Option<String>,
    /// Each alarm's TRIGGER.
    alarms: Vec<String>,
}

fn parse(ics: &str) -> Vec<Event> {
    let unfolded = icalendar::parser::unfold(ics);
    let calendar = icalendar::parser::read_calendar(&unfolded).expect("a calendar that parses");
    let prop = |c: &icalendar::parser::Component<'_>, name: &str| {
        c.find_prop(name).map(|p| p.val.as_str().to_string())
    };
    calendar
        .components
        .iter()
        .filter(|c| c.name.as_str() == "VEVENT")
        .map(|c| Event {
            uid: prop(c, "UID").expect("a UID"),
            sequence: prop(c, "SEQUENCE").expect("a SEQUENCE").parse().unwrap(),
            start: prop(c, "DTSTART").expect("a DTSTART"),
            summary: prop(c, "SUMMARY").unwrap_or_default(),
            status: prop(c, "STATUS").unwrap_or_default(),
            rule: prop(c, "RRULE"),
            alarms: c
                .components
                .iter()
                .filter(|a| a.name.as_str() == "VALARM")
                .map(|a| prop(a, "TRIGGER").expect("a TRIGGER"))
                .collect(),
        })
        .collect()
}

fn export(home: &Home, day: &str) -> Vec<Event> {
    let out = home
        .cmd()
        .args(["--as-of", day, "export", "--format", "ics"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    parse(&String::from_utf8(out.stdout).unwrap())
}

fn find<'a>(events: &'a [Event], uid: &str) -> &'a Event {
    events
        .iter()
        .find(|e| e.uid == uid)
        .unwrap_or_else(|| panic!("no {uid} in {events:#?}"))
}

fn live(events: &[Event]) -> Vec<&Event> {
    events.iter().filter(|e| e.status != "CANCELLED").collect()
}

/// Three tools, some checks done, some not, one snoozed.
fn home() -> Home {
    let home = Home::new();
    home.setup(&["teams", "yammer", "slack"]);
    for args in [
        ["done", "yammer", "mfa"],
        ["done", "slack", "archive"],
        ["todo", "slack", "photo"],
        ["todo", "slack", "sessions"],
    ] {
        home.cmd().args(args).assert().code(0);
    }
    home.cmd()
        .args(["snooze", "slack", "photo", "--until", "2026-12-09"])
        .assert()
        .code(0);
    home
}

#[test]
fn the_calendar_shows_the_rhythm_with_alarms_and_one_event_a_day() {
    let home = home();
    let events = export(&home, "2026-11-25");
    let uids: std::collections::HashSet<_> = events.iter().map(|e| &e.uid).collect();
    assert_eq!(uids.len(), events.len(), "every UID once");
    // The monthly review recurs, with an alarm the morning of the day.
    let review = find(&events, "review@hygiene");
    assert_eq!(review.rule.as_deref(), Some("FREQ=MONTHLY"));
    assert_eq!(review.alarms, ["PT9H0M"]);
    assert_eq!(review.summary, "Review your accounts");
    // What is due now, with an alarm.
    let now = find(&events, "due-now@hygiene");
    assert_eq!(now.start, "20261125");
    assert_eq!(now.alarms, ["PT9H0M"]);
    assert!(now.summary.starts_with("Review your accounts: "), "{now:?}");
    // At most one event a day for the checks that come due on it.
    let live = live(&events);
    let mut days: Vec<&str> = live
        .iter()
        .filter(|e| e.uid.starts_with("due-2"))
        .map(|e| e.start.as_str())
        .collect();
    let n = days.len();
    days.dedup();
    assert_eq!(days.len(), n, "{live:#?}");
    // The snooze ends on 2026-12-09, the day of the first reviews as well.
    let day = find(&events, "due-20261209@hygiene");
    assert!(day.summary.contains("checks"), "{day:?}");
    assert!(live.len() <= 10, "a rhythm, not a wall: {live:#?}");
    // The first export cancels the events earlier versions sent, one per check.
    let old = find(&events, "slack-mfa@hygiene");
    assert_eq!(old.status, "CANCELLED");
    assert!(old.sequence > 0);
    assert!(
        home.state().with_file_name("state.calendar.toml").exists(),
        "what was sent is remembered beside the state"
    );
}

#[test]
fn an_export_after_a_change_updates_or_cancels_under_the_same_uid() {
    let home = home();
    let first = export(&home, "2026-11-25");
    // Again with nothing changed: the same events, the same sequences.
    let again = export(&home, "2026-11-25");
    for e in live(&first) {
        assert_eq!(find(&again, &e.uid).sequence, e.sequence, "{e:?}");
    }
    // Everything due now is done: the due-now event is cancelled, a step
    // later; the day the snooze ended loses the photo.
    for args in [["done", "slack", "photo"], ["done", "slack", "sessions"]] {
        home.cmd().args(args).assert().code(0);
    }
    let after = export(&home, "2026-11-25");
    let before_now = find(&first, "due-now@hygiene");
    let now = find(&after, "due-now@hygiene");
    assert_eq!(now.status, "CANCELLED", "nothing is due now");
    assert_eq!(now.sequence, before_now.sequence + 1, "{now:?}");
    let day = find(&after, "due-20261209@hygiene");
    assert_eq!(day.status, "CONFIRMED");
    assert_eq!(
        day.sequence, 1,
        "the photo's snooze no longer ends that day"
    );
    // Every event of the first export is in the second, under its UID:
    // the same, moved, or cancelled, never left behind.
    for e in &first {
        let later = find(&after, &e.uid);
        assert!(later.sequence >= e.sequence, "{later:?}");
    }
    // A cancelled event is sent again, as cancelled, while calendars may
    // still hold it; long after its day it is forgotten.
    let later = export(&home, "2026-12-02");
    assert_eq!(find(&later, "slack-mfa@hygiene").status, "CANCELLED");
    let much_later = export(&home, "2027-02-10");
    assert!(
        much_later.iter().all(|e| e.uid != "slack-mfa@hygiene"),
        "{much_later:#?}"
    );
}

#[test]
fn the_review_recurs_on_the_day_of_the_last_one() {
    let home = Home::new();
    home.setup(&["slack"]);
    home.write_state("version = 2\nlast_review = 2026-10-14\n[tracked]\nslack = 2026-09-01\n");
    let review = find(&export(&home, "2026-11-25"), "review@hygiene").clone();
    assert_eq!(
        (review.start.as_str(), review.rule.as_deref()),
        ("20261114", Some("FREQ=MONTHLY"))
    );
    // The 31st is not in every month: the last day of each.
    home.write_state("version = 2\nlast_review = 2026-10-31\n[tracked]\nslack = 2026-09-01\n");
    let review = find(&export(&home, "2026-11-25"), "review@hygiene").clone();
    assert_eq!(
        (review.start.as_str(), review.rule.as_deref()),
        ("20261130", Some("FREQ=MONTHLY;BYMONTHDAY=-1"))
    );
    assert!(
        review.sequence > 0,
        "moved: the same UID, a higher sequence"
    );
}

#[test]
fn the_reminder_is_set_in_the_config() {
    let home = Home::new();
    home.write_config("track = [\"slack\"]\nreminder = \"18:30\"\n");
    let events = export(&home, "2026-11-25");
    assert_eq!(find(&events, "review@hygiene").alarms, ["PT18H30M"]);
    home.write_config("track = [\"slack\"]\nreminder = \"none\"\n");
    let events = export(&home, "2026-11-25");
    assert!(events.iter().all(|e| e.alarms.is_empty()), "{events:#?}");
    home.write_config("track = [\"slack\"]\nreminder = \"25:00\"\n");
    common::fails_cleanly(
        &home,
        &["export", "--format", "ics"],
        "config.toml:2:12: reminder must be a time of day such as \"09:00\", or \"none\"; got \"25:00\"",
    );
}

#[test]
fn a_record_of_what_was_sent_that_does_not_parse_is_reported_and_kept() {
    let home = home();
    let calendar = home.state().with_file_name("state.calendar.toml");
    common::write(&calendar, "version = 1\n[events.review\nsequence = 1\n");
    common::fails_cleanly(
        &home,
        &["export", "--format", "ics"],
        "state.calendar.toml:2:",
    );
    assert_eq!(
        std::fs::read_to_string(&calendar).unwrap(),
        "version = 1\n[events.review\nsequence = 1\n"
    );
    // `-o` never writes over it either.
    common::fails_cleanly(
        &home,
        &[
            "export",
            "--format",
            "markdown",
            "-o",
            calendar.to_str().unwrap(),
        ],
        "",
    );
}
