//! The review tells the truth: a snooze is laid over the answer, never in
//! its place, and changes no score; through the real binary.

use crate::common::Home;

/// `status --json` as of a day.
fn status(home: &Home, as_of: &str) -> serde_json::Value {
    let output = home
        .cmd()
        .args(["status", "--json", "--as-of", as_of])
        .output()
        .unwrap();
    serde_json::from_slice(&output.stdout).unwrap()
}

fn score(home: &Home, as_of: &str) -> serde_json::Value {
    status(home, as_of)["score"].clone()
}

fn standing(home: &Home, as_of: &str, check: &str) -> String {
    status(home, as_of)["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["check"] == check)
        .map_or_else(|| "ok".into(), |i| i["state"].as_str().unwrap().to_string())
}

#[test]
fn a_snooze_keeps_the_answer_beneath_and_changes_no_score() {
    let home = Home::new();
    home.setup(&["slack"]);
    home.tracked_since(&["slack"], "2026-10-01");
    home.cmd()
        .args(["done", "slack", "password"])
        .assert()
        .code(0);
    home.cmd().args(["todo", "slack", "mfa"]).assert().code(0);
    let before = score(&home, "2026-11-25");
    assert_eq!(standing(&home, "2026-11-25", "mfa"), "failing");
    home.cmd()
        .args(["snooze", "slack", "mfa", "--until", "2026-12-10"])
        .assert()
        .code(0);
    let state = home.read_state();
    assert!(state.contains("version = 2\n"), "{state}");
    assert!(
        state.contains("mfa = { status = \"todo\", snoozed = 2026-12-10 }"),
        "the answer stays beneath the snooze: {state}"
    );
    assert_eq!(standing(&home, "2026-11-25", "mfa"), "snoozed");
    assert_eq!(
        score(&home, "2026-11-25"),
        before,
        "a snooze changes no score"
    );
    // When it ends, "not done" is back.
    assert_eq!(standing(&home, "2026-12-10", "mfa"), "failing");
    // An answer ends the snooze.
    home.cmd().args(["done", "slack", "mfa"]).assert().code(0);
    assert!(
        home.read_state()
            .contains("mfa = { status = \"done\", verified = 2026-11-25 }"),
        "{}",
        home.read_state()
    );
}

#[test]
fn a_version_1_state_reads_with_the_same_meaning_and_is_written_as_version_2() {
    let home = Home::new();
    home.setup(&["slack"]);
    home.write_state(
        "version = 1\n[tracked]\nslack = 2026-10-01\n[tools.slack]\nmfa = { status = \"snoozed\", until = 2026-12-01 }\npassword = { status = \"done\", verified = 2026-11-01 }\n",
    );
    assert_eq!(standing(&home, "2026-11-25", "mfa"), "snoozed");
    home.cmd()
        .args(["note", "slack", "photo", "x"])
        .assert()
        .code(0);
    let state = home.read_state();
    assert!(state.contains("version = 2\n"), "{state}");
    assert!(state.contains("mfa = { snoozed = 2026-12-01 }"), "{state}");
    assert!(
        state.contains("password = { status = \"done\", verified = 2026-11-01 }"),
        "{state}"
    );
}

#[test]
fn show_says_what_the_score_counts() {
    let home = Home::new();
    home.setup(&["slack"]);
    home.tracked_since(&["slack"], "2026-10-01");
    home.cmd().args(["done", "slack", "mfa"]).assert().code(0);
    let output = home.cmd().args(["show", "slack"]).output().unwrap();
    let text = String::from_utf8_lossy(&output.stdout);
    let score = text
        .lines()
        .find(|l| l.starts_with("  Score "))
        .unwrap_or_default();
    assert!(
        score.contains("/100: the weighted share of the counted checks that are in order")
            && score.contains("an accepted risk (no points)")
            && score.contains("A snoozed check counts as what it is beneath"),
        "{text}"
    );
    // The figure is the one status gives: overdue checks never answered count.
    let figure = status(&home, crate::common::TODAY)["score"]
        .as_u64()
        .unwrap();
    assert!(
        figure < 100,
        "nine overdue checks are not in order: {figure}"
    );
    assert!(score.contains(&format!("{figure}/100")), "{score}");
}

#[test]
fn a_naming_check_is_never_ok_without_a_name() {
    let home = Home::new();
    home.setup(&["whatsapp"]);
    let before = home.snapshot();
    let output = home
        .cmd()
        .args(["done", "whatsapp", "display_name"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let err = String::from_utf8_lossy(&output.stderr);
    assert!(
        err.contains("record it with `hygiene set whatsapp display_name \"NAME\"`"),
        "{err}"
    );
    assert!(before == home.snapshot(), "nothing written");
    // A state that says done without a name (as earlier versions wrote it).
    home.write_state(
        "version = 2\n[tracked]\nwhatsapp = 2026-10-01\n[tools.whatsapp]\ndisplay_name = { status = \"done\", verified = 2026-11-20 }\n",
    );
    let output = home.cmd().args(["status", "--all"]).output().unwrap();
    let text = String::from_utf8_lossy(&output.stdout);
    let line = text
        .lines()
        .find(|l| l.contains("display_name"))
        .unwrap_or_default();
    assert!(
        line.contains("✗ failing")
            && line.contains("no name recorded")
            && line.contains("Alex Black (MOJ)"),
        "{line}"
    );
}

#[test]
fn status_and_the_export_say_when_the_next_review_is_in_the_tab_lines_words() {
    let home = Home::new();
    home.setup(&["slack"]);
    home.tracked_since(&["slack"], "2026-10-01");
    home.cmd().args(["todo", "slack", "mfa"]).assert().code(0);
    let status = home.cmd().arg("status").output().unwrap();
    let text = String::from_utf8_lossy(&status.stdout);
    assert!(text.contains("\nNext review: now · 1 to fix\n"), "{text}");
    let export = home
        .cmd()
        .args(["export", "--format", "markdown"])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&export.stdout);
    assert!(text.contains("\n- Next review: now · 1 to fix\n"), "{text}");
}

#[test]
fn a_check_past_its_due_date_within_the_grace_says_when_it_becomes_overdue() {
    let home = Home::new();
    home.setup(&["slack"]);
    home.tracked_since(&["slack"], "2026-10-01");
    home.cmd()
        .args(["done", "slack", "archive", "--on", "2026-10-20"])
        .assert()
        .code(0);
    let output = home.cmd().args(["status", "--all"]).output().unwrap();
    let text = String::from_utf8_lossy(&output.stdout);
    let line = text
        .lines()
        .find(|l| l.contains("slack  archive"))
        .unwrap_or_default();
    // Due on 20 November; a month's grace is 17 days: overdue from 8 December.
    assert!(
        line.contains("◷ due soon") && line.contains("due 5 days ago, overdue in 13 days"),
        "{text}"
    );
}

#[test]
fn the_readme_counts_the_built_in_catalog_as_doctor_does() {
    let catalog = hygiene_core::catalog::Catalog::builtin().unwrap();
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let said = format!(
        "built-in catalog of {} tools and {} checks",
        catalog.tools.len(),
        catalog.checks.len()
    );
    assert!(readme.contains(&said), "README should say: {said}");
    let home = Home::new();
    let doctor = home.cmd().arg("doctor").output().unwrap();
    let text = String::from_utf8_lossy(&doctor.stdout);
    assert!(
        text.contains(&format!(
            "{} tools, {} checks",
            catalog.tools.len(),
            catalog.checks.len()
        )),
        "{text}"
    );
}

/// What `show` says of a current tool and of two that are gone, every fact
/// with its source: pinned, so that a change to the catalog's words is seen.
#[test]
fn show_pins_whatsapp_skype_and_hipchat_with_their_sources() {
    let home = Home::new();
    for tool in ["whatsapp", "skype", "hipchat"] {
        let out = home.cmd().args(["show", tool]).output().unwrap();
        assert_eq!(out.status.code(), Some(0));
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(text.contains("Sources"), "{text}");
        insta::assert_snapshot!(format!("show_{tool}"), text);
    }
}
