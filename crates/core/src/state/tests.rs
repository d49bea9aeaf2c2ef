use super::*;
use jiff::civil::date;

fn parse(text: &str) -> Result<State> {
    State::parse(Path::new("state.toml"), text)
}

#[test]
fn round_trips_every_field() {
    let mut state = State::default();
    state.private_notes.insert("slack".into());
    state.entry_mut("slack", "mfa").status = Status::Done;
    state.entry_mut("slack", "mfa").verified = Some(date(2026, 11, 1));
    let a = state.entry_mut("slack", "archive");
    a.record(date(2026, 10, 1));
    a.record(date(2026, 7, 1));
    a.note = Some("export via admin \"Dana\"\nsecond line\u{7}".into());
    state.entry_mut("whatsapp", "display_name").value = Some("Alex Black (MOJ)".into());
    state.entry_mut("whatsapp", "photo").status = Status::Todo;
    state.entry_mut("whatsapp", "photo").snoozed = Some(date(2026, 12, 1));
    state.entry_mut("yammer", "mfa").status = Status::Accepted {
        reason: "no MFA; only OFFICIAL chat".into(),
    };
    state.entry_mut("weird tool.x", "cheque \"1\"").status = Status::NotApplicable;
    let text = state.to_toml();
    assert_eq!(parse(&text).unwrap(), state, "{text}");
    assert!(text.contains(
        "archive = { status = \"done\", verified = 2026-10-01, history = [2026-07-01, 2026-10-01], note = "
    ));
    assert!(text.starts_with("# hygiene state"));
    assert!(text.contains("\nversion = 2\nprivate_notes = [\"slack\"]\n"));
    assert!(
        text.contains("photo = { status = \"todo\", snoozed = 2026-12-01 }"),
        "{text}"
    );
}

#[test]
fn version_1s_snooze_reads_as_a_snooze_over_no_answer() {
    let v1 = "version = 1\n[tools.slack]\nmfa = { status = \"snoozed\", until = 2026-12-01, verified = 2026-01-05 }\n";
    for state in [parse(v1).unwrap(), State::parse_fast(v1).unwrap()] {
        let e = state.entry("slack", "mfa").unwrap();
        assert_eq!(e.status, Status::Unanswered);
        assert_eq!(e.snoozed, Some(date(2026, 12, 1)));
        assert_eq!(e.verified, Some(date(2026, 1, 5)));
        assert!(
            state
                .to_toml()
                .contains("mfa = { snoozed = 2026-12-01, verified = 2026-01-05 }")
        );
    }
}

#[test]
fn an_empty_state_is_just_the_version() {
    let text = State::default().to_toml();
    assert!(text.ends_with("version = 2\n"));
    assert_eq!(parse(&text).unwrap(), State::default());
}

#[test]
fn errors_point_at_the_value() {
    let cases = [
        ("version = 3\n", "state.toml:1:11: unknown version 3"),
        ("[tools.x]\n", "state.toml:1:1: missing `version = 2`"),
        (
            "version = 2\n[tools.x]\nmfa = { status = \"snoozed\", until = 2026-12-01, snoozed = 2026-12-01 }\n",
            "state.toml:3:7: a snooze is either `snoozed = DATE`",
        ),
        (
            "version = 1\n[tools.x]\nmfa = { status = \"dun\" }\n",
            "state.toml:3:18: unknown status `dun`: expected one of todo, done, na, snoozed, accepted",
        ),
        (
            "version = 1\n[tools.x]\nmfa = { status = \"done\", verified = 2026-02-30 }\n",
            "state.toml:3:",
        ),
        (
            "version = 1\n[tools.x]\nmfa = { status = \"done\", verified = \"soon\" }\n",
            "state.toml:3:37: expected a date as YYYY-MM-DD",
        ),
        (
            "version = 1\n[tools.x]\nmfa = { status = \"snoozed\" }\n",
            "state.toml:3:7: a snoozed entry needs `until",
        ),
        (
            "version = 1\n[tools.x]\nmfa = { status = \"done\", colour = 1 }\n",
            "state.toml:3:26: unknown field `colour`",
        ),
        (
            "version = 1\n[tools.x]\nmfa = { status = \"done\", verified = 1969-01-01 }\n",
            "state.toml:3:37: expected a date",
        ),
    ];
    for (text, expected) in cases {
        let err = parse(text).unwrap_err().to_string();
        assert!(
            err.starts_with(expected),
            "{text:?}\n  gave {err}\n  wanted {expected}"
        );
    }
}

#[test]
fn when_and_where_an_entry_changed_is_kept_by_both_readers() {
    let text = "version = 2\n\n[tools.slack]\nmfa = { status = \"done\", verified = 2026-11-25, changed = 2026-11-25T09:30:05Z, device = \"laptop\" }\n";
    for state in [parse(text).unwrap(), State::parse_fast(text).unwrap()] {
        let e = state.entry("slack", "mfa").unwrap();
        assert_eq!(e.changed, Some("2026-11-25T09:30:05Z".parse().unwrap()));
        assert_eq!(e.device.as_deref(), Some("laptop"));
        assert!(
            state.to_toml().ends_with(&text["version = 2\n".len()..]),
            "{}",
            state.to_toml()
        );
    }
    // A fraction of a second, or another offset, goes to the full reader.
    let other = text.replace("09:30:05Z", "10:30:05.25+01:00");
    assert_eq!(State::parse_fast(&other), None);
    let e = parse(&other)
        .unwrap()
        .entry("slack", "mfa")
        .unwrap()
        .clone();
    assert_eq!(e.changed, Some("2026-11-25T09:30:05.25Z".parse().unwrap()));
    let err = parse(&text.replace("2026-11-25T09:30:05Z", "2026-11-25")).unwrap_err();
    assert!(
        err.to_string().contains("expected a time with its offset"),
        "{err}"
    );
}
