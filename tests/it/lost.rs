//! Nothing lost: dates ahead of the clock, files too large to read again,
//! write-protected files and hard links, through the real binary.

use std::fmt::Write as _;
use std::os::unix::fs::PermissionsExt;

use crate::common::{self, Home, fails_cleanly, stderr_line};
use hygiene_core::dates::TEST_CLOCK_ENV;
use predicates::str::contains;

/// The system clock, as the binary reads it, fixed at `day`.
fn clock(home: &Home, day: &str) -> std::path::PathBuf {
    let path = home.path().join("clock");
    std::fs::write(&path, format!("{day}\n")).unwrap();
    path
}

/// `status` reads the files and answers (0: nothing overdue, 1: something is).
fn answers(home: &Home) {
    let output = home.cmd().arg("status").output().unwrap();
    assert!(matches!(output.status.code(), Some(0 | 1)), "{output:?}");
}

#[test]
fn a_change_dated_after_the_clock_is_refused_and_questions_still_answer() {
    let home = Home::new();
    home.setup(&["slack"]);
    let clock = clock(&home, "2026-11-25");
    let before = home.snapshot();
    let refused = "2030-01-01 is after the system clock's date (2026-11-25)";
    for args in [
        &["note", "slack", "mfa", "x", "--as-of", "2030-01-01"][..],
        &["done", "slack", "mfa", "--as-of", "2030-01-01"],
        &[
            "snooze",
            "slack",
            "mfa",
            "--until",
            "2030-02-01",
            "--as-of",
            "2030-01-01",
        ],
        &["track", "zoom", "--as-of", "2030-01-01"],
    ] {
        let output = home
            .std_cmd()
            .args(args)
            .env(TEST_CLOCK_ENV, &clock)
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(2), "{args:?}: {output:?}");
        let line = stderr_line(&output);
        assert!(
            line.starts_with("error: ") && line.contains(refused),
            "{line}"
        );
        assert!(line.contains("run it without them"), "{line}");
    }
    // HYGIENE_TODAY left set to a later day: the same.
    let output = home
        .std_cmd()
        .args(["done", "slack", "mfa"])
        .env("HYGIENE_TODAY", "2026-11-26")
        .env(TEST_CLOCK_ENV, &clock)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr_line(&output).contains("2026-11-26 is after the system clock's date (2026-11-25)")
    );
    assert_eq!(before, home.snapshot(), "nothing written");
    // A later date still answers questions.
    for args in [
        &["status", "--as-of", "2030-01-01"][..],
        &["show", "slack", "--as-of", "2030-01-01"],
        &["export", "--format", "markdown", "--as-of", "2030-01-01"],
    ] {
        let output = home
            .std_cmd()
            .args(args)
            .env(TEST_CLOCK_ENV, &clock)
            .output()
            .unwrap();
        assert!(
            matches!(output.status.code(), Some(0 | 1)),
            "{args:?}: {output:?}"
        );
    }
    // Relative to the real clock, tomorrow is refused too.
    fails_cleanly(
        &home,
        &["done", "slack", "mfa", "--as-of", "+1d"],
        "is after the system clock's date",
    );
    // And the clock's own day is a day like any other.
    home.std_cmd()
        .args(["done", "slack", "mfa", "--as-of", "2026-11-25"])
        .env(TEST_CLOCK_ENV, &clock)
        .output()
        .unwrap();
    assert!(
        home.read_state()
            .contains("mfa = { status = \"done\", verified = 2026-11-25 }")
    );
}

#[test]
fn a_clock_far_ahead_keeps_every_daily_score() {
    let home = Home::new();
    home.setup(&["slack"]);
    let mut state = String::from("version = 1\n[tracked]\nslack = 2025-01-01\n[scores]\n");
    let start = hygiene_core::dates::parse_iso("2025-11-11").unwrap();
    for i in 0..380 {
        let day = hygiene_core::dates::add_days(start, i);
        let _ = writeln!(
            state,
            "{day} = {{ score = 50, reviewed = 1, total = 2, overdue = 0, failing = 1, unreviewed = 1 }}"
        );
    }
    home.write_state(&state);
    let count = |text: &str| text.lines().filter(|l| l.contains(" reviewed = ")).count();
    // The clock jumps to 2030: a change is allowed (the clock says so), and
    // trims nothing on its word.
    for (check, day) in [("mfa", "2030-01-01"), ("password", "2030-01-02")] {
        let clock = clock(&home, day);
        let output = home
            .std_cmd()
            .args(["note", "slack", check, "x"])
            .env_remove("HYGIENE_TODAY")
            .env(TEST_CLOCK_ENV, &clock)
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(0), "{output:?}");
    }
    assert_eq!(
        count(&home.read_state()),
        382,
        "380 records and the two new days'"
    );
    let backup = std::fs::read_to_string(hygiene_core::store::backup_path(&home.state())).unwrap();
    assert_eq!(count(&backup), 381);
}

#[test]
fn a_save_that_would_be_too_large_to_read_again_writes_nothing() {
    let home = Home::new();
    home.setup(&["slack"]);
    // Just under the read limit, in hygiene's own layout.
    let limit = usize::try_from(hygiene_core::store::MAX_FILE).unwrap();
    let mut state = String::from("version = 1\n\n[tracked]\nslack = 2026-11-25\n");
    let note = "a".repeat(1990);
    let mut i = 0;
    loop {
        let section = format!("\n[tools.z{i:05}]\nmfa = {{ note = \"{note}\" }}\n");
        if state.len() + section.len() > limit - 1000 {
            break;
        }
        state.push_str(&section);
        i += 1;
    }
    home.write_state(&state);
    answers(&home);
    let output = home
        .cmd()
        .args(["note", "slack", "photo", &"b".repeat(1999)])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2), "{output:?}");
    let text = String::from_utf8_lossy(&output.stderr);
    let line = text.lines().last().unwrap();
    assert!(
        line.starts_with("error: ")
            && line.contains("would become 33,55")
            && line.contains(
                "more than the 32 MiB (33,554,432 bytes) hygiene reads, so nothing was written"
            ),
        "{text}"
    );
    assert!(home.read_state() == state, "nothing written");
    assert!(!hygiene_core::store::backup_path(&home.state()).exists());
    assert!(hygiene_core::store::temporaries(&home.state()).is_empty());
    answers(&home);
}

#[test]
fn a_write_protected_state_is_refused_and_left_as_it_is() {
    let home = Home::new();
    home.setup(&["slack"]);
    home.cmd().args(["done", "slack", "mfa"]).assert().code(0);
    std::fs::set_permissions(home.state(), std::fs::Permissions::from_mode(0o400)).unwrap();
    let before = home.snapshot();
    fails_cleanly(
        &home,
        &["done", "slack", "password"],
        "is write-protected (mode 400), so hygiene leaves it as it is and nothing was changed; to allow changes, run `chmod u+w",
    );
    assert_eq!(before, home.snapshot());
    let mode = std::fs::metadata(home.state())
        .unwrap()
        .permissions()
        .mode()
        & 0o777;
    assert_eq!(mode, 0o400);
    answers(&home);
    // A write-protected config: the same.
    std::fs::set_permissions(home.config(), std::fs::Permissions::from_mode(0o444)).unwrap();
    fails_cleanly(&home, &["track", "zoom"], "is write-protected (mode 444)");
}

#[test]
fn a_hard_linked_state_is_named_and_its_other_name_keeps_its_mode() {
    let home = Home::new();
    home.setup(&["slack"]);
    home.cmd().args(["done", "slack", "mfa"]).assert().code(0);
    let other = home.path().join("copy-of-state.toml");
    std::fs::set_permissions(home.state(), std::fs::Permissions::from_mode(0o640)).unwrap();
    std::fs::hard_link(home.state(), &other).unwrap();
    let state = home.state().display().to_string();
    home.cmd()
        .arg("doctor")
        .assert()
        .code(1)
        .stdout(contains(format!(
            "{state} has another name (a hard link): hygiene replaces the file when it saves"
        )));
    home.cmd()
        .args(["done", "slack", "password"])
        .assert()
        .code(0)
        .stderr(contains(format!(
            "warning: saved {state} as a file of its own: it had another name (a hard link), which keep the old contents"
        )));
    let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(
        mode(&other),
        0o640,
        "the other name's mode is not ours to change"
    );
    assert!(
        !std::fs::read_to_string(&other)
            .unwrap()
            .contains("password")
    );
    assert_eq!(mode(&home.state()), 0o600);
    common::report("lost: a hard-linked state is named on load, in doctor and on save");
}

const COMMENTED: &str = "track = [\n  \"whatsapp\", # personal phone\n  # slack is for the day job\n  \"slack\", # work workspace\n  \"zoom\", # calls\n]\n\n[identity]\n# as on my badge\nfirst = \"Alex\"\nlast = \"Black\" # legal name\norg = \"MOJ\"\n";

#[test]
fn track_and_untrack_keep_each_comment_with_its_tool() {
    let home = Home::new();
    home.write_config(COMMENTED);
    home.cmd().args(["untrack", "slack"]).assert().code(0);
    assert_eq!(
        home.read_config(),
        COMMENTED.replace(
            "  # slack is for the day job\n  \"slack\", # work workspace\n",
            ""
        )
    );
    home.cmd().args(["track", "slack"]).assert().code(0);
    assert!(
        home.read_config().starts_with(
            "track = [\n  \"whatsapp\", # personal phone\n  \"zoom\", # calls\n  \"slack\",\n]\n"
        ),
        "{}",
        home.read_config()
    );
    // A CRLF config stays CRLF, comments and all.
    home.write_config(&COMMENTED.replace('\n', "\r\n"));
    home.cmd().args(["untrack", "zoom"]).assert().code(0);
    home.cmd().args(["track", "teams"]).assert().code(0);
    let config = home.read_config();
    assert!(!config.replace("\r\n", "").contains('\n'), "{config:?}");
    assert!(
        config.contains("  \"slack\", # work workspace\r\n  \"teams\",\r\n]"),
        "{config:?}"
    );
    assert!(
        config.contains("# as on my badge\r\nfirst = \"Alex\""),
        "{config:?}"
    );
}

#[test]
fn a_name_that_only_looks_right_shows_which_character_differs() {
    let home = Home::new();
    home.setup(&["whatsapp"]);
    home.cmd()
        .args(["set", "whatsapp", "display_name", "Alex\u{a0}Black (MOJ)"])
        .assert()
        .code(1)
        .stdout(contains(
            "expected \u{201c}Alex Black (MOJ)\u{201d}; the recorded name \u{201c}Alex<U+00A0>Black (MOJ)\u{201d} has a character that only looks like the convention's",
        ));
    home.cmd()
        .args(["status", "--all"])
        .assert()
        .stdout(contains("Alex<U+00A0>Black (MOJ)"));
    home.cmd()
        .args(["status", "--json"])
        .assert()
        .stdout(contains("Alex<U+00A0>Black (MOJ)"));
}

#[test]
fn a_due_date_beyond_the_calendar_is_said_not_clamped() {
    let home = Home::new();
    home.setup(&["slack"]);
    home.write_state(
        "version = 1\n[tracked]\nslack = 2026-11-01\n[tools.slack]\narchive = { status = \"done\", verified = 9999-12-31, history = [9999-12-31] }\nmfa = { status = \"done\", verified = 9999-12-31 }\n",
    );
    let output = home
        .cmd()
        .args(["status", "--all", "--as-of", "9999-12-31"])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&output.stdout);
    for check in ["archive", "mfa"] {
        let line = text
            .lines()
            .find(|l| l.contains(&format!("slack  {check} ")))
            .unwrap_or_else(|| panic!("{check} in {text}"));
        assert!(
            line.contains("✓ ok") && line.contains("not due again by 9999-12-31"),
            "{line}"
        );
        assert!(!line.contains("today"), "{line}");
    }
    let json = home
        .cmd()
        .args(["status", "--json", "--as-of", "9999-12-31"])
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let archive = json["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["check"] == "archive")
        .unwrap();
    assert_eq!(archive["state"], "ok");
    assert!(archive["due"].is_null(), "{archive}");
}

#[test]
fn purging_the_last_tool_of_a_shared_account_purges_the_accounts_checks() {
    let home = Home::new();
    home.setup(&["teams", "yammer", "slack"]);
    home.cmd().args(["done", "teams", "mfa"]).assert().code(0);
    home.cmd().args(["done", "slack", "mfa"]).assert().code(0);
    assert!(home.read_state().contains("[tools.microsoft365]"));
    home.cmd()
        .args(["untrack", "teams", "--purge"])
        .assert()
        .code(0)
        .stdout(contains(
            "The shared checks of your Microsoft 365 account stay: Yammer (now Viva Engage) still signs in with it.",
        ));
    assert!(home.read_state().contains("[tools.microsoft365]"));
    home.cmd()
        .args(["untrack", "yammer", "--purge"])
        .assert()
        .code(0)
        .stdout(contains(
            "Deleted the shared checks of your Microsoft 365 account: no tracked tool signs in with it any more.",
        ));
    let state = home.read_state();
    assert!(!state.contains("microsoft365"), "{state}");
    assert!(state.contains("[tools.slack]"), "{state}");
}
