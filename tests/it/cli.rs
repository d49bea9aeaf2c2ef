//! The command line, run as a person runs it: the real binary with temporary
//! config and state files and a fixed date.

use crate::common;

use common::{Home, TODAY, fails_cleanly, stderr_line};
use predicates::prelude::*;
use predicates::str::contains;

#[test]
fn status_on_a_fresh_machine_explains_what_to_do() {
    let home = Home::new();
    home.cmd()
        .arg("status")
        .assert()
        .code(0)
        .stdout(contains("No tools tracked yet"))
        .stdout(contains("hygiene track"));
    assert!(
        !home.config().exists() && !home.state().exists(),
        "nothing written"
    );
}

#[test]
fn init_writes_a_commented_config_and_never_overwrites_without_force() {
    let home = Home::new();
    home.cmd()
        .args(["init", "--first", "Alex", "--last", "Black", "--org", "MOJ"])
        .args(["--track", "whatsapp,slack"])
        .assert()
        .code(0)
        .stdout(contains("Wrote"));
    let text = home.read_config();
    assert!(text.contains("track = [\"whatsapp\", \"slack\"]"), "{text}");
    assert!(text.contains("first = \"Alex\""));
    assert!(text.starts_with("# hygiene config"));

    fails_cleanly(
        &home,
        &["init", "--first", "Sam"],
        "already exists; pass --force",
    );

    home.cmd()
        .args(["init", "--force", "--first", "Sam", "--track", "zoom"])
        .assert()
        .code(0);
    assert!(home.read_config().contains("first = \"Sam\""));
    let backup = std::fs::read_to_string(home.config().with_extension("toml.bak")).unwrap();
    assert_eq!(backup, text, "the replaced config is kept");
    fails_cleanly(
        &home,
        &["init", "--force", "--track", "whatsap"],
        "did you mean `whatsapp`?",
    );
}

#[test]
fn track_creates_then_edits_the_config_keeping_comments() {
    let home = Home::new();
    home.cmd()
        .args(["track", "whatsapp", "slack"])
        .assert()
        .code(0)
        .stdout(contains("Now tracking whatsapp, slack."));
    assert!(
        home.read_config()
            .contains("track = [\"whatsapp\", \"slack\"]")
    );

    home.write_config("# my comment\ntrack = [\"slack\"] # keep\n");
    home.cmd()
        .args(["track", "zoom", "slack"])
        .assert()
        .code(0)
        .stdout(contains("Now tracking zoom."))
        .stdout(contains("Already tracked: slack."));
    assert_eq!(
        home.read_config(),
        "# my comment\ntrack = [\"slack\", \"zoom\"] # keep\n"
    );
    home.cmd()
        .args(["tools"])
        .assert()
        .stdout(contains("✓ slack"))
        .stdout(contains("  whatsapp"));
    fails_cleanly(
        &home,
        &["track", "slak"],
        "unknown tool `slak`; did you mean `slack`?",
    );
    fails_cleanly(&home, &["track", "gitlab"], "known: whatsapp, slack, teams");
}

#[test]
fn untrack_keeps_history_unless_purged() {
    let home = Home::new();
    home.setup(&["slack", "zoom"]);
    home.cmd().args(["done", "slack", "mfa"]).assert().code(0);
    home.cmd()
        .args(["untrack", "slack"])
        .assert()
        .code(0)
        .stdout(contains("history stays in the state"));
    assert!(home.read_state().contains("[tools.slack]"));
    assert!(!home.read_config().contains("\"slack\""));
    fails_cleanly(&home, &["untrack", "slack"], "`slack` is not tracked");
    home.cmd().args(["track", "slack"]).assert().code(0);
    home.cmd()
        .args(["untrack", "slack", "--purge"])
        .assert()
        .code(0)
        .stdout(contains("Deleted the recorded history of 1 tool"));
    assert!(!home.read_state().contains("slack"));
}

#[test]
fn each_check_command_records_what_it_says() {
    let home = Home::new();
    home.setup(&["whatsapp", "slack", "yammer", "zoom"]);
    let run = |args: &[&str]| home.cmd().args(args).assert();
    run(&["done", "slack", "mfa"])
        .code(0)
        .stdout("slack mfa: ✓ ok, due in 181 days\n");
    run(&["done", "slack", "archive", "--on", "-40d"])
        .code(0)
        // Due 9 days ago, within the 17 days of grace of a monthly check.
        .stdout("slack archive: ◷ due soon, due 9 days ago, overdue in 9 days\n");
    run(&["done", "slack", "archive", "--on", "2026-11-20"]).code(0);
    run(&["todo", "slack", "password"]).code(0);
    run(&["na", "zoom", "call_test"]).code(0);
    run(&["snooze", "slack", "photo", "--until", "+2w"])
        .code(0)
        .stdout("slack photo: z snoozed, until 2026-12-09\n");
    run(&["accept", "yammer", "mfa", "--reason", "OFFICIAL chat only"]).code(0);
    run(&["note", "slack", "mfa", "ask", "IT", "about", "SSO"]).code(0);
    run(&["set", "whatsapp", "display_name", "Alex Black"])
        .code(1)
        .stdout(contains("expected “Alex Black (MOJ)”"));
    run(&["set", "whatsapp", "display_name", "Alex Black (MOJ)"])
        .code(0)
        .stdout(contains("follows the convention"));
    let state = home.read_state();
    for expected in [
        "version = 2",
        "mfa = { status = \"done\", verified = 2026-11-25, note = \"ask IT about SSO\" }",
        "archive = { status = \"done\", verified = 2026-11-20, history = [2026-10-16, 2026-11-20] }",
        "call_test = { status = \"na\" }",
        "photo = { snoozed = 2026-12-09 }",
        "mfa = { status = \"accepted\", reason = \"OFFICIAL chat only\" }",
        "display_name = { status = \"done\", verified = 2026-11-25, value = \"Alex Black (MOJ)\" }",
    ] {
        assert!(state.contains(expected), "missing {expected}\n{state}");
    }
    assert!(
        state.contains("password = { status = \"todo\" }"),
        "not done is an answer, kept\n{state}"
    );
    // The note can be removed again.
    run(&["note", "slack", "mfa", ""]).code(0);
    assert!(
        home.read_state()
            .contains("mfa = { status = \"done\", verified = 2026-11-25 }")
    );
}

#[test]
fn check_commands_refuse_bad_input_and_change_nothing() {
    let home = Home::new();
    home.setup(&["slack"]);
    home.cmd().args(["done", "slack", "mfa"]).assert().code(0);
    fails_cleanly(
        &home,
        &["done", "slak", "mfa"],
        "unknown tool `slak`; did you mean `slack`?",
    );
    fails_cleanly(
        &home,
        &["done", "slack", "mfaa"],
        "slack: unknown check `mfaa`; did you mean `mfa`?",
    );
    fails_cleanly(
        &home,
        &["done", "slack", "call_password"],
        "slack has no check `call_password`",
    );
    fails_cleanly(&home, &["done", "teams", "mfa"], "`teams` is not tracked");
    fails_cleanly(
        &home,
        &["done", "slack", "mfa", "--on", "2026-13-01"],
        "expected a date as YYYY-MM-DD",
    );
    fails_cleanly(
        &home,
        &["done", "slack", "mfa", "--on", "tomorrow"],
        "is after today",
    );
    fails_cleanly(
        &home,
        &["snooze", "slack", "mfa", "--until", "2026-11-01"],
        "must be after today",
    );
    fails_cleanly(
        &home,
        &["accept", "slack", "mfa", "--reason", " "],
        "must not be empty",
    );
    fails_cleanly(&home, &["set", "slack", "mfa", "x"], "not a naming check");
    fails_cleanly(
        &home,
        &["done", "slack"],
        "required arguments were not provided: <CHECK>",
    );
    fails_cleanly(&home, &["statuz"], "a similar subcommand exists: 'status'");
    fails_cleanly(
        &home,
        &["status", "--as-of", "someday"],
        "--as-of: expected a date",
    );
}

#[test]
fn status_exit_codes_follow_what_is_overdue_or_failing() {
    let home = Home::new();
    home.setup(&["slido"]);
    home.tracked_since(&["slido"], "2026-11-20");
    // Day one is not a wall of problems: nothing reviewed yet is unreviewed,
    // and the first review is due two weeks after tracking.
    home.cmd()
        .arg("status")
        .assert()
        .code(0)
        .stdout(contains(
            "Score 0/100 across 1 tool · 0 of 5 checks reviewed · 4 unreviewed · 1 unsupported",
        ))
        .stdout(contains("? unreviewed   slido  password"))
        .stdout(contains(
            "⊘ unsupported  slido  mfa           cannot be done",
        ))
        .stdout(contains("review in 9 days"));
    home.cmd()
        .args(["status", "--as-of", "2026-12-04"])
        .assert()
        .code(0);
    home.cmd()
        .args(["status", "--as-of", "2026-12-05"])
        .assert()
        .code(1)
        .stdout(contains(
            "! overdue      slido  password      never reviewed",
        ));
    // "Not done" is an answer, and failing.
    home.cmd()
        .args(["todo", "slido", "password"])
        .assert()
        .code(0);
    home.cmd()
        .arg("status")
        .assert()
        .code(1)
        .stdout(contains(
            "Score 0/100 across 1 tool · 1 of 5 checks reviewed",
        ))
        .stdout(contains("✗ failing"));
    for check in ["password", "work_account", "channels"] {
        home.cmd().args(["done", "slido", check]).assert().code(0);
    }
    // Slido has no second factor of its own: a risk accepted, not done.
    home.cmd()
        .args([
            "accept",
            "slido",
            "mfa",
            "--reason",
            "signs in through Entra",
        ])
        .assert()
        .code(0);
    home.cmd()
        .args(["done", "slido", "archive", "--on", "-25d"])
        .assert()
        .code(0);
    home.cmd()
        .arg("status")
        .assert()
        .code(0)
        .stdout(contains("◷ due soon"))
        .stdout(contains("due in 5 days"))
        .stdout(contains("3 ok"));
    // What will be overdue by the end of next month?
    home.cmd()
        .args(["status", "--as-of", "2026-12-31"])
        .assert()
        .code(1)
        .stdout(contains("! overdue"))
        .stdout(contains("slido  archive"));
    home.cmd()
        .args(["status", "--all"])
        .assert()
        .code(0)
        .stdout(contains("✓ ok"));
}

#[test]
fn status_json_has_the_documented_shape() {
    let home = Home::new();
    // A tool of the config's own that has no means for MFA: unsupported.
    home.write_config(
        "track = [\"slack\", \"pager\"]\n\n[tools.pager]\nchecks = [\"password\"]\nlacks = [\"mfa\"]\n",
    );
    home.cmd()
        .args(["done", "slack", "archive", "--on", "-50d"])
        .assert()
        .code(0);
    home.cmd().args(["done", "slack", "mfa"]).assert().code(0);
    let output = home.cmd().args(["status", "--json"]).output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(json["as_of"], TODAY);
    assert!(json["score"].as_u64().unwrap() <= 100);
    for key in [
        "ok",
        "due_soon",
        "overdue",
        "failing",
        "unsupported",
        "not_applicable",
        "snoozed",
        "accepted",
        "unreviewed",
        "total",
        "reviewed",
    ] {
        assert!(json["summary"][key].is_u64(), "summary.{key}");
    }
    assert_eq!(json["summary"]["overdue"], 1);
    assert_eq!(json["summary"]["unsupported"], 1);
    let items = json["items"].as_array().unwrap();
    assert_eq!(
        items.len() as u64,
        json["summary"]["total"].as_u64().unwrap()
    );
    for item in items {
        for key in ["tool", "check", "state", "action"] {
            assert!(item[key].is_string(), "{key} in {item}");
        }
        assert!(item["due"].is_null() || item["due"].is_string());
        assert!(item["days"].is_null() || item["days"].is_i64());
    }
    let archive = items
        .iter()
        .find(|i| i["tool"] == "slack" && i["check"] == "archive")
        .unwrap();
    assert_eq!(archive["state"], "overdue");
    assert_eq!(archive["due"], "2026-11-06");
    assert_eq!(archive["days"], -19);
    let mfa = items
        .iter()
        .find(|i| i["tool"] == "slack" && i["check"] == "mfa")
        .unwrap();
    assert_eq!(mfa["state"], "ok");
    assert_eq!(mfa["days"], 181);
    // Worst first: the one overdue item; the rest is not reviewed yet.
    assert_eq!(items[0]["state"], "overdue");
    assert_eq!(items[0]["check"], "archive");
    assert_eq!(json["summary"]["unreviewed"], 10);
    assert_eq!(json["summary"]["reviewed"], 2);
    assert_eq!(json["tools"][0]["tool"], "slack");

    home.cmd()
        .args(["status", "--json", "--tool", "pager"])
        .assert()
        .stdout(contains("\"tool\":\"pager\"").and(contains("\"tool\":\"slack\"").not()));
    // Piped, the object is one line for the next program.
    assert_eq!(String::from_utf8(output.stdout).unwrap().lines().count(), 1);
    fails_cleanly(
        &home,
        &["status", "--tool", "zoom"],
        "`zoom` is not tracked",
    );
}

#[test]
fn output_is_plain_when_piped_and_coloured_when_asked() {
    let home = Home::new();
    home.setup(&["slack"]);
    let plain = home.cmd().arg("status").output().unwrap();
    assert!(!plain.stdout.contains(&0x1b), "no escape codes when piped");
    let coloured = home
        .cmd()
        .args(["status", "--color", "always"])
        .output()
        .unwrap();
    assert!(coloured.stdout.contains(&0x1b));
}

#[test]
fn show_explains_each_check_with_the_tools_own_guidance() {
    let home = Home::new();
    home.setup(&["whatsapp"]);
    home.cmd()
        .args(["show", "whatsapp"])
        .assert()
        .code(0)
        .stdout(contains("WhatsApp (whatsapp) · tracked"))
        .stdout(contains("{first} {last} ({org}) → Alex Black (MOJ)"))
        .stdout(contains("WhatsApp offers: two-step verification PIN."))
        .stdout(contains("Linked devices"))
        .stdout(contains("Using WhatsApp in government"));
    home.cmd()
        .args(["show", "yammer"])
        .assert()
        .code(0)
        .stdout(contains("? mfa · Multi-factor authentication"))
        .stdout(contains(
            "today it is Viva Engage and signs in with your Microsoft 365",
        ))
        .stdout(contains("not tracked"));
    fails_cleanly(&home, &["show", "whatsap"], "did you mean `whatsapp`?");
}

// One harness reads best as one story, in the order a person would try it.
#[allow(clippy::too_many_lines)]
#[test]
fn exports_give_a_dated_record_in_each_format() {
    let home = Home::new();
    home.setup(&["slack", "zoom"]);
    home.cmd().args(["done", "slack", "mfa"]).assert().code(0);
    home.cmd()
        .args(["done", "slack", "archive", "--on", "-3d"])
        .assert()
        .code(0);
    home.cmd()
        .args(["note", "slack", "archive", "exported, with a comma"])
        .assert()
        .code(0);

    let md = home
        .cmd()
        .args(["export", "--format", "markdown"])
        .output()
        .unwrap();
    let md = String::from_utf8(md.stdout).unwrap();
    assert!(
        md.starts_with("# Account hygiene review, 2026-11-25\n"),
        "{md}"
    );
    assert!(md.contains("- Account holder: Alex Black (MOJ)"));
    assert!(md.contains("## Slack (score"));
    assert!(md.contains("archives: 2026-11-22"));

    let json = home
        .cmd()
        .args(["export", "--format", "json"])
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let archive = json["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["check"] == "archive" && i["tool"] == "slack")
        .unwrap()
        .clone();
    assert_eq!(archive["history"][0], "2026-11-22");
    assert_eq!(archive["note"], "exported, with a comma");

    let csv = home
        .cmd()
        .args(["export", "--format", "csv"])
        .output()
        .unwrap();
    let csv = String::from_utf8(csv.stdout).unwrap();
    let lines: Vec<&str> = csv.split("\r\n").filter(|l| !l.is_empty()).collect();
    assert!(lines[0].starts_with("as_of,tool,check,title,state,due,days"));
    assert_eq!(
        lines.len() as u64 - 1,
        json["summary"]["total"].as_u64().unwrap()
    );
    assert!(csv.contains("\"exported, with a comma\""));

    let ics = home
        .cmd()
        .args(["export", "--format", "ics"])
        .output()
        .unwrap();
    let ics = String::from_utf8(ics.stdout).unwrap();
    assert!(ics.starts_with("BEGIN:VCALENDAR\r\n") && ics.ends_with("END:VCALENDAR\r\n"));
    assert!(ics.contains("UID:slack-mfa@hygiene\r\n"));
    assert!(ics.contains("DTSTART;VALUE=DATE:20270525\r\n"));
    assert_eq!(
        ics.matches("BEGIN:VEVENT").count(),
        ics.matches("END:VEVENT").count()
    );
    assert!(ics.lines().all(|l| l.len() <= 76), "folded at 75 octets");

    let out = home.path().join("review.md");
    home.cmd()
        .args(["export", "--format", "markdown", "-o"])
        .arg(&out)
        .assert()
        .code(0)
        .stdout(contains("Wrote"));
    assert_eq!(std::fs::read_to_string(&out).unwrap(), md);
    let state = home.state();
    fails_cleanly(
        &home,
        &["export", "--format", "json", "-o", state.to_str().unwrap()],
        "is hygiene's own file",
    );
    fails_cleanly(&home, &["export", "--format", "pdf"], "invalid value 'pdf'");
}

#[test]
fn paths_names_the_files_in_use() {
    let home = Home::new();
    home.cmd()
        .arg("paths")
        .assert()
        .code(0)
        .stdout(contains(home.config().display().to_string()))
        .stdout(contains("from HYGIENE_CONFIG, not created yet"))
        .stdout(contains("state.toml.bak"));
    home.cmd()
        .args(["paths", "--state", "/tmp/elsewhere.toml"])
        .assert()
        .stdout(contains("/tmp/elsewhere.toml  (from --state"));
}

#[test]
fn a_config_that_does_not_parse_is_reported_and_left_alone() {
    let cases: &[(&str, &str)] = &[
        ("track = [\"slack\"\n", "config.toml:1:"),
        (
            "track = \"slack\"\n",
            "config.toml:1:9: invalid type: string \"slack\", expected a sequence",
        ),
        (
            "trak = [\"slack\"]\n",
            "config.toml:1:1: unknown field `trak`, expected one of",
        ),
        ("version = 2\n", "config.toml:1:11: unknown version 2"),
        ("due_soon_days = -1\n", "config.toml:1:17:"),
        (
            "[identity]\nname = \"x\"\n",
            "config.toml:2:1: unknown field `name`",
        ),
        (
            "[tools.whatsapp]\nnaming = \"{nick}\"\n",
            "config.toml:2:10: unknown placeholder `{nick}`",
        ),
        (
            "include = [\"missing.toml\"]\n",
            "config.toml:1:12: included catalog",
        ),
    ];
    for (text, expected) in cases {
        let home = Home::new();
        home.write_config(text);
        fails_cleanly(&home, &["status"], expected);
        fails_cleanly(&home, &["track", "zoom"], expected);
    }
}

#[test]
fn a_state_that_does_not_parse_is_reported_and_never_overwritten() {
    let cases: &[(&str, &str)] = &[
        (
            "version = 1\n[tools.slack]\nmfa = { status = \"dun\" }\n",
            "state.toml:3:18: unknown status `dun`: expected one of todo, done, na, snoozed, accepted",
        ),
        ("version = 3\n", "state.toml:1:11: unknown version 3"),
        ("[tools.slack]\n", "state.toml:1:1: missing `version = 2`"),
        (
            "version = 1\n[tools.slack]\nmfa = { status = \"done\", verified = 2026-02-30 }\n",
            "state.toml:3:",
        ),
        (
            "version = 1\nversion = 1\n",
            "state.toml:2:1: duplicate key",
        ),
    ];
    for (text, expected) in cases {
        let home = Home::new();
        home.setup(&["slack"]);
        home.write_state(text);
        fails_cleanly(&home, &["status"], expected);
        fails_cleanly(&home, &["done", "slack", "mfa"], expected);
        assert_eq!(&home.read_state_raw(), text);
    }
}

#[test]
fn entries_no_catalog_knows_are_warned_about_once_and_kept() {
    let home = Home::new();
    home.setup(&["slack"]);
    home.write_state(
        "version = 1\n\n[tools.gone]\nmfa = { status = \"done\", verified = 2026-01-01 }\n\n\
         [tools.slack]\nold_check = { status = \"na\" }\n",
    );
    let output = home.cmd().args(["done", "slack", "mfa"]).output().unwrap();
    assert_eq!(output.status.code(), Some(0));
    let line = stderr_line(&output);
    assert!(
        line.starts_with("warning: the state has entries that no catalog knows"),
        "{line}"
    );
    assert!(line.contains("tools gone") && line.contains("checks slack.old_check"));
    let state = home.read_state();
    assert!(state.contains("[tools.gone]\nmfa = { status = \"done\", verified = 2026-01-01 }"));
    assert!(state.contains("old_check = { status = \"na\" }"));
}

#[test]
fn an_included_catalog_adds_tools_and_says_when_its_policy_expired() {
    let home = Home::new();
    common::write(
        &home.path().join("config").join("org.toml"),
        "name = \"Org policy 2020\"\nexpires = 2020-12-31\n\n[tools.rocket]\nname = \"Rocket.Chat\"\n\
         checks = [\"mfa\", \"display_name\"]\nnaming = \"{first}.{last}\"\n",
    );
    home.write_config(
        "include = [\"org.toml\"]\ntrack = [\"rocket\"]\n[identity]\nfirst = \"alex\"\nlast = \"black\"\n",
    );
    home.cmd()
        .args(["set", "rocket", "display_name", "alex.black"])
        .assert()
        .code(0);
    home.cmd().args(["todo", "rocket", "mfa"]).assert().code(0);
    home.cmd().arg("status").assert().code(1).stdout(contains(
        "Policy out of date: Org policy 2020 expired on 2020-12-31",
    ));
    let output = home.cmd().args(["status", "--json"]).output().unwrap();
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(json["expired"][0]["catalog"], "Org policy 2020");
    assert_eq!(json["expired"][0]["expires"], "2020-12-31");
}

#[test]
fn files_are_private_and_saves_keep_a_backup() {
    let home = Home::new();
    home.setup(&["slack"]);
    home.cmd().args(["done", "slack", "mfa"]).assert().code(0);
    let first = home.read_state_raw();
    home.cmd()
        .args(["done", "slack", "password"])
        .assert()
        .code(0);
    let backup = std::fs::read_to_string(home.state().with_extension("toml.bak")).unwrap();
    assert_eq!(backup, first);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&home.state()), 0o600);
        assert_eq!(mode(home.state().parent().unwrap()), 0o700);
    }
}

#[test]
fn help_documents_the_exit_codes_and_extras_work() {
    let home = Home::new();
    home.cmd()
        .arg("--help")
        .assert()
        .code(0)
        .stdout(contains("Exit codes:"))
        .stdout(contains("1  `status`: something is overdue or failing"));
    home.cmd()
        .args(["completions", "bash"])
        .assert()
        .code(0)
        .stdout(contains("_hygiene"));
    // One page: every command in it, no pointer to a page that does not exist.
    let man = home.cmd().arg("man").output().unwrap();
    let man = String::from_utf8(man.stdout).unwrap();
    assert!(man.contains(".TH hygiene"), "{man}");
    assert!(man.contains(".SH COMMANDS"), "{man}");
    assert!(man.contains("\\fBhygiene review [OPTIONS]\\fR"), "{man}");
    assert!(!man.contains("hygiene\\-status(1)"), "{man}");
}

#[test]
fn a_relative_date_out_of_range_is_an_error_not_the_first_or_last_day() {
    let home = Home::new();
    home.setup(&["slack"]);
    for on in ["-999999d", "-25000d", "-9999999999w", "+4000000d"] {
        fails_cleanly(
            &home,
            &["done", "slack", "mfa", "--on", on],
            &format!("`{on}` falls outside the dates hygiene accepts, 1970-01-01 to 9999-12-31"),
        );
    }
    fails_cleanly(
        &home,
        &["status", "--as-of", "-99999w"],
        "--as-of: `-99999w` falls outside the dates hygiene accepts",
    );
    home.cmd()
        .args([
            "done",
            "slack",
            "mfa",
            "--on",
            "-20000d",
            "--as-of",
            "2025-01-01",
        ])
        .assert()
        .code(0);
}

#[test]
fn a_check_the_tool_cannot_do_is_never_recorded_as_done() {
    let home = Home::new();
    home.write_config(
        "track = [\"pager\"]\n\n[tools.pager]\nname = \"Pager\"\nchecks = [\"password\"]\nlacks = [\"mfa\"]\n",
    );
    fails_cleanly(
        &home,
        &["done", "pager", "mfa"],
        "Pager has no means for multi-factor authentication (shown as ⊘), so it cannot be marked done; accept the risk (`hygiene accept pager mfa --reason ...`)",
    );
    home.cmd()
        .args(["accept", "pager", "mfa", "--reason", "paging only"])
        .assert()
        .code(0);
}

#[test]
fn init_writes_only_what_the_config_loader_accepts() {
    let home = Home::new();
    for (args, says) in [
        (&["init", "--first", ""][..], "`first` is empty"),
        (&["init", "--last", "   "], "`last` is empty"),
        (
            &["init", "--org", "M\u{1b}[2JOJ"],
            "`org` holds a control or invisible character (shown here as M␛[2JOJ)",
        ),
        (
            &["init", "--first", "A\u{202e}lex"],
            "`first` holds a control or invisible character",
        ),
        (
            &["init", "--first", &"x".repeat(81)],
            "`first`: text too long: 81 characters, at most 80 allowed",
        ),
    ] {
        fails_cleanly(&home, args, says);
        assert!(!home.config().exists());
    }
    home.cmd()
        .args([
            "init", "--first", "Alex", "--last", "Black", "--org", "MOJ", "--track", "slack",
        ])
        .assert()
        .code(0);
    // init records the day: the first review is due two weeks later.
    home.cmd().arg("status").assert().code(0);
    home.cmd()
        .args(["status", "--as-of", "+15d"])
        .assert()
        .code(1);
}

#[test]
fn typed_text_with_invisible_characters_and_huge_ids_get_one_short_line() {
    let home = Home::new();
    home.setup(&["slack"]);
    fails_cleanly(
        &home,
        &["note", "slack", "mfa", "pay\u{202e}evil"],
        "the note must be one line of text, without control or invisible characters (shown here as pay<U+202E>evil)",
    );
    fails_cleanly(
        &home,
        &["accept", "slack", "photo", "--reason", "a\u{200b}b"],
        "without control or invisible characters",
    );
    let huge = "x".repeat(100_000);
    for args in [
        vec!["show", huge.as_str()],
        vec!["done", "slack", huge.as_str()],
    ] {
        let output = home.cmd().args(&args).output().unwrap();
        assert_eq!(output.status.code(), Some(2));
        let line = stderr_line(&output);
        assert!(line.len() < 400, "{} bytes", line.len());
        assert!(line.contains(&format!("`{}…`", "x".repeat(60))), "{line}");
    }
}

/// The JSON contract: every field name and type of `status --json` and
/// `export --format json`, on the sample (twelve tools, notes, archives,
/// an accepted risk, a snooze), pinned whole.
#[test]
fn the_json_contract_is_pinned() {
    let sample = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/sample");
    let home = Home::new();
    home.write_config(&std::fs::read_to_string(format!("{sample}/config.toml")).unwrap());
    home.write_state(&std::fs::read_to_string(format!("{sample}/state.toml")).unwrap());
    for (name, args) in [
        ("status_json", &["status", "--json"][..]),
        ("export_json", &["export", "--format", "json"]),
    ] {
        let output = home.cmd().args(args).output().unwrap();
        let text = String::from_utf8(output.stdout).unwrap();
        let value: serde_json::Value = serde_json::from_str(&text).unwrap();
        insta::assert_snapshot!(name, serde_json::to_string_pretty(&value).unwrap());
    }
}

#[test]
fn the_debug_log_says_which_files_were_read_and_written() {
    let home = Home::new();
    home.setup(&["slack"]);
    let output = home
        .cmd()
        .env("HYGIENE_LOG", "debug")
        .args(["done", "slack", "mfa"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    let stderr = String::from_utf8_lossy(&output.stderr);
    for line in [
        format!(
            "hygiene debug hygiene_core::store: read {} (",
            home.config().display()
        ),
        format!(
            "hygiene debug hygiene_core::store: locked {}.lock",
            home.state().display()
        ),
        format!(
            "hygiene debug hygiene_core::store: wrote {} (",
            home.state().display()
        ),
    ] {
        assert!(stderr.contains(&line), "{line} in\n{stderr}");
    }
    let quiet = home.cmd().args(["status"]).output().unwrap();
    assert_eq!(String::from_utf8_lossy(&quiet.stderr), "", "off by default");
    let output = home
        .cmd()
        .env("HYGIENE_LOG", "loud")
        .arg("paths")
        .output()
        .unwrap();
    assert_eq!(
        stderr_line(&output),
        "warning: HYGIENE_LOG=loud is not a level (error, warn, info, debug, trace); the log stays off"
    );
}

#[test]
fn colour_follows_no_color_and_clicolor_force() {
    let home = Home::new();
    home.setup(&["slack"]);
    home.cmd().args(["todo", "slack", "mfa"]).assert().code(0);
    let run = |env: &[(&str, &str)]| {
        let mut cmd = home.cmd();
        cmd.env_remove("NO_COLOR").arg("status");
        for (k, v) in env {
            cmd.env(k, v);
        }
        String::from_utf8(cmd.output().unwrap().stdout).unwrap()
    };
    assert!(!run(&[]).contains('\u{1b}'), "piped: no colour");
    assert!(run(&[("CLICOLOR_FORCE", "1")]).contains("\u{1b}[1mhygiene status"));
    assert!(!run(&[("CLICOLOR_FORCE", "1"), ("NO_COLOR", "1")]).contains('\u{1b}'));
    let always = String::from_utf8(
        home.cmd()
            .args(["status", "--color", "always"])
            .output()
            .unwrap()
            .stdout,
    )
    .unwrap();
    assert!(always.contains("\u{1b}[31m✗ failing"), "{always}");
}

#[test]
fn show_says_where_intervals_and_conventions_come_from() {
    let home = Home::new();
    home.write_config("include = [\"org.toml\"]\ntrack = [\"slack\"]\n");
    common::write(
        &home.config().with_file_name("org.toml"),
        "name = \"Org policy 2026\"\n[checks.archive]\ncadence_days = 14\n",
    );
    home.cmd()
        .args(["show", "whatsapp"])
        .assert()
        .code(0)
        .stdout(contains("(from Using WhatsApp in government)"))
        .stdout(contains(
            "Classification OFFICIAL only (never SECRET or TOP SECRET); avoid personal or sensitive data (from Video and messaging apps guidance, with the approved-tools table (003), line 167,",
        ))
        .stdout(contains("OFFICIAL-SENSITIVE").not())
        .stdout(contains("Facts from     Video and messaging apps guidance"))
        .stdout(contains("weight 10, hygiene's default"))
        .stdout(contains("(hygiene's windows)"))
        .stdout(contains(
            "every 6 months: hygiene's default; your organisation may set its own",
        ));
    home.cmd()
        .args(["show", "slack"])
        .assert()
        .code(0)
        .stdout(contains(
            "(hygiene's default, the form the WhatsApp guidance gives",
        ))
        .stdout(contains("every 2 weeks, as Org policy 2026 sets"));
    home.cmd()
        .args(["show", "hipchat"])
        .assert()
        .code(0)
        .stdout(contains("{first}{last}{org} (from Using HipChat securely)"));
}

#[test]
fn a_discontinued_service_is_not_shown_as_usable() {
    let home = Home::new();
    home.cmd()
        .args(["show", "skype-business"])
        .assert()
        .code(0)
        .stdout(contains(
            "Approval       Discontinued: no longer to be used; the 2020 MOJ guidance, which expired on 2020-12-31, listed it as “Approved for use”",
        ))
        .stdout(contains("Access         None today (discontinued); it was: "))
        .stdout(contains("Subscription Edition (July 2025) is still supported"));
    // The 2018 IM guidance does not name Skype for Business: the tool's
    // own sources (its header) do not cite it.
    let out = home
        .cmd()
        .args(["show", "skype-business"])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    let header = text.split("\n\n").next().unwrap();
    assert!(header.contains("Sources"), "{header}");
    assert!(
        !header.contains("Instant messaging acceptable use"),
        "{header}"
    );
    let out = home.cmd().args(["show", "hipchat"]).output().unwrap();
    let text = String::from_utf8(out.stdout)
        .unwrap()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    assert!(text.contains("deleted their data 30 days later"), "{text}");
    assert!(
        text.contains("check that the records you need exist elsewhere"),
        "{text}"
    );
    assert!(
        !text.contains("? archive ·"),
        "no archive on a service that is gone"
    );
}

#[test]
fn a_discontinued_tool_asks_only_for_its_exit_steps() {
    let home = Home::new();
    home.setup(&["hipchat", "slack"]);
    let output = home.cmd().args(["status", "--json"]).output().unwrap();
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let hipchat: Vec<&str> = json["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["tool"] == "hipchat")
        .map(|i| i["check"].as_str().unwrap())
        .collect();
    assert_eq!(hipchat, ["close_account"]);
    home.cmd()
        .args(["todo", "hipchat", "close_account"])
        .assert()
        .code(0);
    let row = json["tools"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["tool"] == "hipchat")
        .unwrap();
    assert_eq!(row["discontinued"], true);
    home.cmd()
        .arg("status")
        .assert()
        .code(1)
        .stdout(contains("hipchat (discontinued)  close_account"));
    home.cmd()
        .args(["export", "--format", "markdown"])
        .assert()
        .code(0)
        .stdout(contains("## HipChat (discontinued) (score 0/100)"));
    home.cmd()
        .args(["show", "hipchat"])
        .assert()
        .code(0)
        .stdout(contains("close_account · Account closed or deleted"))
        .stdout(contains("not done · once: hygiene's default"));
}

#[test]
fn an_approval_says_when_its_guidance_expired() {
    let home = Home::new();
    home.setup(&["zoom"]);
    home.cmd()
        .args(["show", "zoom"])
        .assert()
        .code(0)
        .stdout(contains(
            "Approved; avoid personal or sensitive data (approved by the 2020 MOJ guidance, which expired on 2020-12-31: check your organisation's current list)",
        ));
    home.cmd()
        .args(["show", "telegram"])
        .assert()
        .code(0)
        .stdout(contains(
            "Approval       None in the guidance documents: the 2020 approved-tools table does not list Telegram",
        ));
    // An organisation's current list supersedes it.
    home.write_config("include = [\"org.toml\"]\ntrack = [\"zoom\"]\n");
    common::write(
        &home.config().with_file_name("org.toml"),
        "name = \"Org list 2026\"\nexpires = 2027-03-31\n[tools.zoom]\napproval = \"Approved for external meetings\"\n",
    );
    let out = home.cmd().args(["show", "zoom"]).output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("Approval       Approved for external meetings\n"),
        "{text}"
    );
    home.cmd()
        .args(["export", "--format", "markdown"])
        .assert()
        .code(0)
        .stdout(contains("Approval: Approved for external meetings"));
}

#[test]
fn tools_that_share_an_account_share_its_checks() {
    let home = Home::new();
    home.setup(&["teams", "yammer", "slack"]);
    // Done through any tool on the account, or the account itself, lands on the account.
    home.cmd()
        .args(["done", "yammer", "mfa"])
        .assert()
        .code(0)
        .stdout("yammer mfa: ✓ ok, due in 181 days\n");
    home.cmd()
        .args(["done", "microsoft365", "password"])
        .assert()
        .code(0)
        .stdout("microsoft365 password: ✓ ok, due in 365 days\n");
    let state = home.read_state();
    assert!(state.contains("[tools.microsoft365]"), "{state}");
    assert!(!state.contains("[tools.yammer]"), "{state}");
    // Teams sees what was done through Yammer.
    home.cmd()
        .args(["show", "teams"])
        .assert()
        .code(0)
        .stdout(contains("✓ mfa · Multi-factor authentication  ok"))
        .stdout(contains(
            "On your Microsoft 365 account (shared with Microsoft Teams, Yammer (now Viva Engage))",
        ))
        .stdout(contains("Your Microsoft 365 account offers:"));
    // The account's checks are counted once, with the account named.
    let output = home.cmd().args(["status", "--json"]).output().unwrap();
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let shared: Vec<(&str, &str)> = json["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["account"] == "microsoft365")
        .map(|i| (i["tool"].as_str().unwrap(), i["check"].as_str().unwrap()))
        .collect();
    let mut checks: Vec<&str> = shared.iter().map(|(_, c)| *c).collect();
    checks.sort_unstable();
    assert_eq!(checks, ["mfa", "notifications", "password", "sessions"]);
    assert!(shared.iter().all(|(t, _)| *t == "teams"), "{shared:?}");
    // Tool-only checks stay per tool; the account only knows its own checks.
    fails_cleanly(
        &home,
        &["done", "microsoft365", "archive"],
        "unknown check of the Microsoft 365 account `archive`",
    );
}

#[test]
fn entries_kept_per_tool_before_accounts_existed_still_count() {
    let home = Home::new();
    home.setup(&["teams", "yammer"]);
    home.write_state(
        "version = 1\n[tools.yammer]\nmfa = { status = \"done\", verified = 2026-11-01 }\n[tools.teams]\nmfa = { status = \"done\", verified = 2026-06-01 }\n",
    );
    // The newest of the old per-tool entries stands for the account; nothing is dropped.
    home.cmd()
        .args(["show", "teams"])
        .assert()
        .code(0)
        .stdout(contains(
            "✓ mfa · Multi-factor authentication  ok, due in 157 days",
        ));
    let before = home.read_state();
    home.cmd().args(["status"]).assert().code(0);
    assert_eq!(before, home.read_state(), "reading never rewrites");
}

#[test]
fn a_snooze_only_puts_off_what_needs_doing() {
    let home = Home::new();
    home.setup(&["slack"]);
    home.cmd().args(["done", "slack", "mfa"]).assert().code(0);
    home.cmd().args(["na", "slack", "photo"]).assert().code(0);
    home.cmd()
        .args(["accept", "slack", "password", "--reason", "SSO"])
        .assert()
        .code(0);
    for (check, expected) in [
        (
            "mfa",
            "slack mfa is in good standing until 2027-05-25: nothing to snooze",
        ),
        (
            "photo",
            "slack photo is marked not applicable: nothing to snooze",
        ),
        (
            "password",
            "the risk is accepted, so there is nothing to snooze",
        ),
    ] {
        fails_cleanly(
            &home,
            &["snooze", "slack", check, "--until", "+1w"],
            expected,
        );
    }
    // Putting off a failing item leaves the score where it was.
    let score = || {
        let out = home.cmd().args(["status", "--json"]).output().unwrap();
        let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        json["score"].as_u64().unwrap()
    };
    let before = score();
    home.cmd()
        .args(["snooze", "slack", "sessions", "--until", "+1w"])
        .assert()
        .code(0);
    assert_eq!(score(), before);
    // A snoozed item can be snoozed again, to another day.
    home.cmd()
        .args(["snooze", "slack", "sessions", "--until", "+2w"])
        .assert()
        .code(0)
        .stdout("slack sessions: z snoozed, until 2026-12-09\n");
}

#[test]
fn every_day_with_a_change_keeps_its_score_for_history_and_the_export() {
    let home = Home::new();
    home.setup(&["slido"]);
    home.cmd()
        .arg("history")
        .assert()
        .code(0)
        .stdout(contains("No history yet"));
    let day = |date: &str, args: &[&str]| {
        home.cmd()
            .args(["--as-of", date])
            .args(args)
            .assert()
            .code(0);
    };
    day("2026-10-20", &["done", "slido", "work_account"]);
    day("2026-10-20", &["todo", "slido", "password"]);
    day("2026-11-25", &["done", "slido", "password"]);
    let state = home.read_state();
    assert!(
        state.contains(
            "[scores]\n2026-10-20 = { score = 25, reviewed = 2, total = 5, overdue = 0, failing = 1, unreviewed = 2 }\n\
             2026-11-25 = { score = 45, reviewed = 2, total = 5, overdue = 2, failing = 0, unreviewed = 0 }\n"
        ),
        "one line a day, the day's last change counts\n{state}"
    );
    home.cmd()
        .arg("history")
        .assert()
        .code(0)
        .stdout(contains(
            "2026-10-20  25/100          2/5           0        1           2",
        ))
        .stdout(contains(
            "2026-11-25  45/100 +20      2/5           2        0           0",
        ))
        .stdout(contains("The last twelve months:"));
    let out = home.cmd().args(["history", "--json"]).output().unwrap();
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["schema"], 1);
    assert_eq!(json["days"][0]["date"], "2026-10-20");
    assert_eq!(json["days"][0]["score"], 25);
    assert_eq!(json["days"][1]["failing"], 0);
    // The export is a record to file: the date, the score and its change.
    home.cmd()
        .args(["--as-of", "2026-11-26", "export", "--format", "markdown"])
        .assert()
        .code(0)
        .stdout(contains("# Account hygiene review, 2026-11-26"))
        .stdout(contains(
            "unchanged since the previous review on 2026-11-25 (45/100)",
        ));
    home.cmd()
        .args(["export", "--format", "markdown"])
        .assert()
        .code(0)
        .stdout(contains(
            "+20 since the previous review on 2026-10-20 (25/100)",
        ));
}

#[test]
fn review_needs_a_terminal_and_a_tracked_tool() {
    let home = Home::new();
    home.setup(&["slido"]);
    fails_cleanly(&home, &["review"], "needs a terminal");
    fails_cleanly(
        &home,
        &["review", "--tool", "zoom"],
        "`zoom` is not tracked; track it first with `hygiene track zoom`",
    );
    fails_cleanly(&home, &["review", "--tool", "zom"], "unknown tool `zom`");
    fails_cleanly(
        &home,
        &["review", "--by", "week"],
        "invalid value 'week' for '--by <BY>'",
    );
    fails_cleanly(&home, &["review", "--by", "tool"], "needs a terminal");
}

#[test]
fn ids_match_without_regard_to_case_and_a_snooze_defaults_to_a_week() {
    let home = Home::new();
    home.cmd()
        .args(["init", "--first", "Alex", "--last", "Black", "--org", "MOJ"])
        .args(["--track", "WhatsApp,Zoom"])
        .assert()
        .code(0);
    home.cmd()
        .args(["done", "WhatsApp", "MFA"])
        .assert()
        .code(0)
        .stdout("whatsapp mfa: ✓ ok, due in 181 days\n");
    home.cmd().args(["track", "SLACK"]).assert().code(0);
    assert!(home.read_config().contains("\"slack\""));
    home.cmd()
        .args(["status", "--tool", "Zoom"])
        .assert()
        .code(0);
    home.cmd()
        .args(["show", "YAMMER"])
        .assert()
        .code(0)
        .stdout(contains("Yammer (now Viva Engage) (yammer)"));
    // Without --until, a week; +1m is a calendar month.
    home.cmd()
        .args(["snooze", "zoom", "sessions"])
        .assert()
        .code(0)
        .stdout("zoom sessions: z snoozed, until 2026-12-02\n");
    home.cmd()
        .args(["snooze", "zoom", "photo", "--until", "+1m"])
        .assert()
        .code(0)
        .stdout("zoom photo: z snoozed, until 2026-12-25\n");
    fails_cleanly(
        &home,
        &["snooze", "zoom", "photo", "--until", "+1x"],
        "--until: expected a date as YYYY-MM-DD, `today`, `yesterday`, `tomorrow` or a count like -3d, +2w, +1m",
    );
}

#[test]
fn completions_offer_the_ids_of_the_catalogs_in_use() {
    let home = Home::new();
    // No config: the built-in catalog's tools, accounts and checks.
    let script = |shell: &str| {
        let out = home.cmd().args(["completions", shell]).output().unwrap();
        assert_eq!(out.status.code(), Some(0));
        String::from_utf8(out.stdout).unwrap()
    };
    let zsh = script("zsh");
    for id in ["whatsapp", "microsoft365", "display_name", "hipchat"] {
        assert!(zsh.contains(id), "{id}");
    }
    // An organisation's catalog adds its own.
    std::fs::create_dir_all(home.config().parent().unwrap()).unwrap();
    std::fs::write(
        home.config().with_file_name("org.toml"),
        "name = \"Org\"\n[tools.rocketchat]\nname = \"Rocket.Chat\"\nchecks = [\"mfa\"]\n",
    )
    .unwrap();
    home.write_config("include = [\"org.toml\"]\n");
    for shell in ["bash", "zsh", "fish"] {
        assert!(script(shell).contains("rocketchat"), "{shell}");
    }
    // The command line itself still takes any id (and says when it is unknown).
    home.cmd().args(["show", "rocketchat"]).assert().code(0);
}

#[test]
fn status_on_a_terminal_fits_its_width_between_words() {
    use unicode_width::UnicodeWidthStr;
    let home = Home::new();
    home.write_config(
        "track = [\"wechat\", \"slack\"]\n[identity]\nfirst = \"小明\"\nlast = \"王\"\n\
         [tools.wechat]\nname = \"微信企业版 WeChat Work\"\nchecks = [\"mfa\", \"display_name\"]\nnaming = \"{first} {last}\"\n",
    );
    home.cmd()
        .args(["set", "wechat", "display_name", "小明"])
        .assert()
        .code(1);
    for columns in ["40", "60", "80", "120"] {
        let out = home
            .cmd()
            .env("COLUMNS", columns)
            .args(["status", "--all"])
            .output()
            .unwrap();
        let text = String::from_utf8(out.stdout).unwrap();
        let limit: usize = columns.parse().unwrap();
        for line in text.lines() {
            assert!(
                line.width() <= limit,
                "{columns}: {line:?} is {} wide",
                line.width()
            );
        }
        // Every word of an action is there whole (a name with CJK too).
        let joined: Vec<&str> = text.split_whitespace().collect();
        for word in [
            "“小明",
            "王”,",
            "convention",
            "multi-factor",
            "authentication",
        ] {
            assert!(joined.contains(&word), "{columns}: {word} in\n{text}");
        }
    }
    // Piped without COLUMNS: one line per item, for scripts.
    let out = home.cmd().args(["status", "--all"]).output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.lines()
            .any(|l| l.contains("display_name") && l.contains("Change the name to “小明 王”")),
        "{text}"
    );
}

/// An organisation's catalog in Japanese with emoji: `show` and `tools` fit
/// every line to `COLUMNS` by display width, and the columns line up.
#[test]
fn show_and_tools_fit_wide_characters_to_the_width() {
    let home = Home::new();
    common::write(
        &home.path().join("config").join("org.toml"),
        "name = \"社内ポリシー\"\n\n\
         [tools.chat]\nname = \"社内チャット 💬🔒\"\nkind = \"チーム チャット と ビデオ 会議\"\n\
         audience = \"社内 のみ\"\nchecks = [\"mfa\", \"desk\"]\nmfa_methods = [\"認証 アプリ\", \"セキュリティ キー\"]\n\n\
         [tools.memo]\nname = \"メモ\"\nchecks = [\"mfa\"]\n\n\
         [checks.desk]\ntitle = \"机 の 上 に 書類 を 置かない 📄\"\nkind = \"yesno\"\nevery = \"1 month\"\n\
         action = \"通話 の 前 に 机 の 上 を 片付ける\"\n\
         why = \"カメラ に 映る 書類 は 読まれる こと が あります。 画面 共有 の 前 にも 確認 して ください。\"\n\
         how = \"設定 > ビデオ > 背景 を ぼかす を オン に する。 https://example.org/一つ/とても/長い/住所/です\"\n",
    );
    home.write_config("include = [\"org.toml\"]\ntrack = [\"chat\"]\n");
    for columns in [40, 80, 120] {
        for args in [&["show", "chat"][..], &["tools"][..]] {
            let out = home
                .cmd()
                .env("COLUMNS", columns.to_string())
                .args(args)
                .output()
                .unwrap();
            assert_eq!(out.status.code(), Some(0), "{args:?}");
            let text = String::from_utf8(out.stdout).unwrap();
            for line in text.lines() {
                let width = hygiene_core::text::width(line);
                assert!(
                    width <= columns,
                    "{args:?} at {columns}: {width} > {columns}: {line:?}"
                );
            }
            if args == ["tools"] {
                // The names start in one column, and so do the kinds beside them.
                let rows: Vec<&str> = text
                    .lines()
                    .filter(|l| l.starts_with("✓ chat") || l.starts_with("  memo"))
                    .collect();
                assert_eq!(rows.len(), 2, "{text}");
                let at = |line: &str, what: &str| {
                    hygiene_core::text::width(&line[..line.find(what).unwrap()])
                };
                assert_eq!(at(rows[0], "社内"), at(rows[1], "メモ"), "{text}");
                if columns >= 80 {
                    assert!(
                        rows[0].contains("社内チャット 💬🔒 ") && rows[0].contains("チーム"),
                        "{text}"
                    );
                    let kinds: Vec<usize> = text
                        .lines()
                        .filter(|l| l.starts_with("✓ chat") || l.starts_with("  slack"))
                        .map(|l| {
                            at(
                                l,
                                if l.contains("チーム") {
                                    "チーム"
                                } else {
                                    "Text"
                                },
                            )
                        })
                        .collect();
                    assert_eq!(kinds[0], kinds[1], "the kinds line up: {text}");
                }
            }
        }
    }
}

/// `-o -` is standard output, as every Unix tool reads it; `./-` is a file.
#[test]
fn export_to_a_dash_writes_standard_output() {
    let home = Home::new();
    home.setup(&["slack"]);
    let dir = tempfile::tempdir().unwrap();
    let plain = home
        .cmd()
        .args(["export", "--format", "csv"])
        .output()
        .unwrap();
    let dashed = home
        .cmd()
        .current_dir(dir.path())
        .args(["export", "--format", "csv", "-o", "-"])
        .output()
        .unwrap();
    assert_eq!(dashed.status.code(), Some(0));
    assert_eq!(dashed.stdout, plain.stdout);
    assert!(!dir.path().join("-").exists(), "no file named -");
    home.cmd()
        .current_dir(dir.path())
        .args(["export", "--format", "csv", "-o", "./-"])
        .assert()
        .code(0);
    assert_eq!(std::fs::read(dir.path().join("-")).unwrap(), plain.stdout);
}

/// A note piped in that is far too long is said to be too long, not counted
/// as the part that was read; nothing reaches the keyring.
#[test]
fn a_huge_piped_note_is_said_to_be_too_long() {
    let home = Home::new();
    home.setup(&["slack"]);
    let out = home
        .cmd()
        .args(["secret", "set", "slack"])
        .write_stdin("x".repeat(200_000))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "error: the private note is more than 4000 characters long; at most 4000 are allowed\n"
    );
    let out = home
        .cmd()
        .args(["secret", "set", "slack"])
        .write_stdin("x".repeat(4_001))
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "error: the private note is 4001 characters long; at most 4000 are allowed\n"
    );
}

/// A tracked tool with no checks has nothing reviewed: no score (`—`,
/// JSON null), and no separator left dangling at the end of the line.
#[test]
fn a_tool_with_no_checks_has_no_score() {
    let home = Home::new();
    home.write_config("track = [\"empty\"]\n[tools.empty]\nname = \"Empty\"\nchecks = []\n");
    let out = home.cmd().arg("status").output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let line = text.lines().nth(1).unwrap();
    assert_eq!(line, "Score — across 1 tool", "{text}");
    let out = home.cmd().args(["status", "--json"]).output().unwrap();
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["score"], serde_json::Value::Null);
    assert_eq!(json["tools"][0]["score"], serde_json::Value::Null);
}

/// Ids in the config match without regard to case, as on the command line:
/// `track = ["SLACK"]` tracks Slack, and `untrack slack` removes it.
#[test]
fn config_ids_match_without_regard_to_case() {
    let home = Home::new();
    home.write_config("track = [\"SLACK\", \"Zoom\"]\n");
    let out = home.cmd().args(["status", "--json"]).output().unwrap();
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "",
        "no unknown-tool warning"
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let tools: Vec<&str> = json["tools"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["tool"].as_str().unwrap())
        .collect();
    assert_eq!(tools, ["slack", "zoom"]);
    home.cmd()
        .args(["track", "slack"])
        .assert()
        .code(0)
        .stdout(contains("Already tracked: slack."));
    home.cmd().args(["untrack", "slack"]).assert().code(0);
    assert_eq!(home.read_config(), "track = [\"Zoom\"]\n");
    home.write_config("track = [\"slack\", \"SLACK\"]\n");
    home.cmd()
        .arg("status")
        .assert()
        .stderr(contains("`SLACK` is tracked twice; the second is ignored"));
}

/// Untracking a tool that is not tracked says so, with no advice to track it.
#[test]
fn untracking_an_untracked_tool_says_so_plainly() {
    let home = Home::new();
    home.setup(&["slack"]);
    fails_cleanly(&home, &["untrack", "zoom"], "`zoom` is not tracked");
    let out = home.cmd().args(["untrack", "zoom"]).output().unwrap();
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "error: `zoom` is not tracked\n"
    );
}
