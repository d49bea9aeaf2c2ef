//! Clock trouble: dates in the future in the state (the clock was wrong when
//! they were recorded), a system date before the last verification, and the
//! date changing under an open dashboard. No panic; the odd entry is flagged
//! and the standings are recomputed.

use crate::common;

use std::time::Duration;

use common::Home;
use predicates::str::contains;

#[test]
fn a_date_in_the_future_is_flagged_and_counted_as_today() {
    let home = Home::new();
    home.setup(&["slack"]);
    home.write_state(
        "version = 1\n[tracked]\nslack = 2026-01-01\n\n[tools.slack]\nmfa = { status = \"done\", verified = 2031-05-01 }\n\
         archive = { status = \"done\", verified = 2026-11-01, history = [2026-11-01, 2030-01-01] }\n",
    );
    let output = home.cmd().args(["status", "--json"]).output().unwrap();
    assert_eq!(output.status.code(), Some(1), "other checks are overdue");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("warning: slack mfa: recorded date 2031-05-01 is after today (2026-11-25); was the clock wrong?"),
        "{stderr}"
    );
    assert!(
        stderr.contains("slack archive: recorded date 2030-01-01"),
        "{stderr}"
    );
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let mfa = json["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["check"] == "mfa")
        .unwrap()
        .clone();
    assert_eq!(mfa["state"], "ok");
    assert_eq!(
        mfa["due"], "2027-05-25",
        "due a cadence after today, not after 2031"
    );
    assert_eq!(json["warnings"].as_array().unwrap().len(), 2);
}

#[test]
fn a_system_date_before_the_last_verification_is_flagged_not_fatal() {
    let home = Home::new();
    home.setup(&["slack"]);
    home.cmd().args(["done", "slack", "mfa"]).assert().code(0);
    // The clock now says January: the verification is "in the future".
    home.cmd()
        .args(["status", "--as-of", "2026-01-01"])
        .assert()
        .code(0)
        .stderr(contains(
            "recorded date 2026-11-25 is after today (2026-01-01)",
        ));
    // Recording again with the wrong clock is allowed and fixes the oddity for that day.
    home.cmd()
        .args(["done", "slack", "mfa", "--as-of", "2026-01-01"])
        .assert()
        .code(0);
    home.cmd()
        .args(["status", "--as-of", "2026-01-01"])
        .assert()
        .stderr("");
}

#[test]
fn the_date_changing_under_the_dashboard_recomputes_the_standings() {
    let _one = common::exclusive();
    let home = Home::new();
    home.setup(&["slack"]);
    home.cmd()
        .args(["done", "slack", "archive", "--on", "2026-11-20"])
        .assert()
        .code(0);
    let clock = home.path().join("clock");
    std::fs::write(&clock, "2026-11-25\n").unwrap();
    let mut pty = home.dashboard(
        100,
        30,
        &[(hygiene_core::dates::TEST_CLOCK_ENV, clock.as_os_str())],
    );
    let screen = pty.wait_for("score", Duration::from_secs(10));
    assert!(
        screen.contains("2026-11-25") && screen.contains("0 overdue"),
        "{screen}"
    );

    // Midnight passes, and then some: the archive is now overdue.
    std::fs::write(&clock, "2027-01-15\n").unwrap();
    let screen = pty.wait_for("A new day: 2027-01-15", Duration::from_secs(10));
    assert!(screen.contains("1 overdue"), "{screen}");

    // The clock jumps back before the archive: flagged, not fatal.
    std::fs::write(&clock, "2026-11-01\n").unwrap();
    let screen = pty.wait_for("The date is now 2026-11-01", Duration::from_secs(10));
    assert!(screen.contains("after today"), "{screen}");
    pty.send(b"q");
    assert_eq!(pty.wait_exit(Duration::from_secs(10)), Some(0));
    common::report(
        "clock trouble: future dates flagged and counted as today; the date changing under the dashboard recomputed the standings",
    );
}

/// `TZ` naming an endless file, a pipe or nonsense: the command finishes at
/// once, on UTC, with one warning.
#[cfg(unix)]
#[test]
fn a_hostile_time_zone_falls_back_to_utc_with_one_warning() {
    let _one = common::exclusive();
    let home = Home::new();
    home.setup(&["slack"]);
    home.tracked_since(&["slack"], "2026-01-01");
    let fifo = home.path().join("tz-fifo");
    common::mkfifo(&fifo);
    for tz in [
        "/dev/zero".to_string(),
        "/dev/urandom".to_string(),
        fifo.display().to_string(),
        ":/dev/zero".to_string(),
        "../../../../dev/zero".to_string(),
    ] {
        let start = std::time::Instant::now();
        let out = home
            .std_cmd()
            .env_remove("HYGIENE_TODAY")
            .env("TZ", &tz)
            .args(["status"])
            .output()
            .unwrap();
        assert!(
            start.elapsed() < Duration::from_secs(5),
            "TZ={tz} took {:?}",
            start.elapsed()
        );
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "TZ={tz}: {stderr}");
        assert_eq!(
            stderr,
            format!("warning: TZ={tz} names no usable time zone; taking UTC\n"),
            "TZ={tz}"
        );
    }
}
