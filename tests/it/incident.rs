//! `hygiene incident` and `!`: what to do when something goes wrong,
//! recorded in the state, on the command line and in the real terminal.

use crate::common;

use std::time::Duration;

use common::{Home, fails_cleanly};
use predicates::str::contains;

const WAIT: Duration = Duration::from_secs(10);

/// The incident tables of the state file, as written.
fn incidents(home: &Home) -> String {
    let state = home.read_state();
    let start = state
        .find("\n[incidents.")
        .expect("an incident in the state");
    let end = state[start + 1..]
        .find("\n[tools.")
        .map_or(state.len(), |e| start + 1 + e);
    state[start..end].to_string()
}

#[test]
fn an_incident_is_a_checklist_recorded_resumed_and_closed() {
    let home = Home::new();
    home.setup(&["whatsapp", "teams", "yammer", "slido"]);
    // Without a terminal the checklist is printed: every tool's own steps,
    // the Microsoft 365 account once for Teams and Viva Engage.
    home.cmd()
        .args(["incident", "lost-device"])
        .assert()
        .code(0)
        .stdout(contains(
            "New incident lost-device-2026-11-25: A device was lost or stolen (started 2026-11-25; 0 of 6 steps done)",
        ))
        .stdout(contains("[ ] report  Tell someone"))
        .stdout(contains(
            "Report it to your administrator or security team (hygiene's default;",
        ))
        .stdout(contains("[ ] whatsapp/sessions  WhatsApp · Sign the device out"))
        .stdout(contains("Settings > Linked devices"))
        .stdout(contains(
            "[ ] microsoft365/password  Microsoft 365 account (Microsoft Teams, Yammer (now Viva Engage)) · Change the password",
        ))
        .stdout(contains("[ ] slido/password"))
        .stdout(contains("Using HipChat securely (000), lines 20-23"));
    assert_eq!(
        incidents(&home),
        "\n[incidents.lost-device-2026-11-25]\nkind = \"lost-device\"\nstarted = 2026-11-25\n\
         steps = [\"report\", \"whatsapp/sessions\", \"whatsapp/password\", \"microsoft365/sessions\", \"microsoft365/password\", \"slido/password\"]\n\
         done = []\n"
    );
    // Steps done and set aside; the same kind again resumes the open one.
    home.cmd()
        .args([
            "incident",
            "lost-device",
            "--done",
            "report",
            "whatsapp/sessions",
        ])
        .assert()
        .code(0)
        .stdout(contains("2 of 6 steps done"));
    home.cmd()
        .args(["incident", "lost-device", "--set-aside", "slido/password"])
        .assert()
        .code(0)
        .stdout(contains("2 of 6 steps done, 1 set aside"));
    home.cmd()
        .args(["incident", "lost-device"])
        .assert()
        .code(0)
        .stdout(contains("Open incident lost-device-2026-11-25"))
        .stdout(contains("[✓] whatsapp/sessions"))
        .stdout(contains("[–] slido/password"));
    home.cmd()
        .args(["incident", "--list"])
        .assert()
        .code(0)
        .stdout(contains(
            "lost-device-2026-11-25  open  A device was lost or stolen · started 2026-11-25 · 2 of 6 steps done, 1 set aside",
        ));
    home.cmd().arg("status").assert().stdout(contains(
        "Incident open since 2026-11-25: A device was lost or stolen",
    ));
}

#[test]
fn an_organisation_names_who_to_tell() {
    let home = Home::new();
    home.write_config(
        "include = [\"org.toml\"]\ntrack = [\"slack\"]\n\n[identity]\nfirst = \"Alex\"\nlast = \"Black\"\norg = \"MOJ\"\n",
    );
    common::write(
        &home.config().with_file_name("org.toml"),
        "name = \"Org policy\"\nreport_to = \"the security team (security@example.org)\"\n",
    );
    home.cmd()
        .args(["incident", "shared-by-mistake"])
        .assert()
        .code(0)
        .stdout(contains(
            "Report it to the security team (security@example.org) (as Org policy\n    says)",
        ))
        .stdout(contains("[ ] slack/remove  Slack · Delete what was shared"))
        .stdout(contains("recipients may already have copied it"));
    home.cmd()
        .args(["incident", "leaving"])
        .assert()
        .stdout(contains(
            "[ ] slack/invites  Slack · Remove who no longer needs access",
        ))
        .stdout(contains("[ ] slack/archive"));
}

#[test]
fn a_lost_device_walked_through_in_the_terminal_for_three_tools() {
    let _one = common::exclusive();
    let home = Home::new();
    home.setup(&["whatsapp", "slack", "teams"]);
    let mut pty = home.dashboard(100, 30, &[]);
    pty.wait_for("score", WAIT);
    // `!` asks what went wrong; the first kind is a lost device.
    pty.send(b"!");
    pty.wait_for("What went wrong?", WAIT);
    pty.send(b"\r");
    pty.wait_for("Step 1 of 7: Tell someone", WAIT);
    pty.send(b"y");
    pty.wait_for("Step 2 of 7: WhatsApp · Sign the device out", WAIT);
    pty.send(b"y");
    pty.wait_for("Step 3 of 7: WhatsApp · Change the password", WAIT);
    pty.send(b"y");
    pty.wait_for("Step 4 of 7: Slack · Sign the device out", WAIT);
    // Not signed in to Slack on that device: set aside.
    pty.send(b"x");
    pty.wait_for("Step 5 of 7: Slack · Change the password", WAIT);
    // Leave it open; the banner says so, and `!` goes on where it was.
    pty.send(b"q");
    let screen = pty.wait_for("INCIDENT", WAIT);
    assert!(
        screen.contains("3 of 7 steps done, 1 set aside"),
        "{screen}"
    );
    pty.send(b"!");
    pty.wait_for(
        "open since 2026-11-25: 3 of 7 steps done, 1 set aside",
        WAIT,
    );
    pty.send(b"\r");
    pty.wait_for("Step 5 of 7: Slack · Change the password", WAIT);
    pty.send(b"y");
    pty.wait_for(
        "Step 6 of 7: Microsoft 365 account (Microsoft Teams) · Sign the device out",
        WAIT,
    );
    pty.send(b"y");
    pty.wait_for(
        "Step 7 of 7: Microsoft 365 account (Microsoft Teams) · Change the password",
        WAIT,
    );
    pty.send(b"y");
    pty.wait_for("every step done or set aside", WAIT);
    pty.send(b"q");
    let screen = pty.wait_for("score", WAIT);
    assert!(!screen.contains("INCIDENT"), "{screen}");
    pty.send(b"q");
    assert_eq!(pty.wait_exit(WAIT), Some(0));
    let recorded = incidents(&home);
    assert!(
        recorded.contains(
            "steps = [\"report\", \"whatsapp/sessions\", \"whatsapp/password\", \"slack/sessions\", \"slack/password\", \"microsoft365/sessions\", \"microsoft365/password\"]\n"
        ),
        "{recorded}"
    );
    assert!(
        recorded.contains(
            "done = [\"microsoft365/password\", \"microsoft365/sessions\", \"report\", \"slack/password\", \"whatsapp/password\", \"whatsapp/sessions\"]\ndismissed = [\"slack/sessions\"]\nclosed = 2026-11-25\n"
        ),
        "{recorded}"
    );
}

/// Four tools, a lost device, two steps done and one set aside.
fn lost_device_under_way() -> Home {
    let home = Home::new();
    home.setup(&["whatsapp", "teams", "yammer", "slido"]);
    for args in [
        &["incident", "lost-device"][..],
        &[
            "incident",
            "lost-device",
            "--done",
            "report",
            "whatsapp/sessions",
        ],
        &["incident", "lost-device", "--set-aside", "slido/password"],
    ] {
        home.cmd().args(args).assert().code(0);
    }
    home
}

#[test]
fn a_bad_step_or_kind_is_one_line_and_changes_nothing() {
    let home = lost_device_under_way();
    // Bad input: one line, exit 2, nothing written.
    fails_cleanly(
        &home,
        &["incident", "lost-device", "--done", "nope"],
        "has no step `nope`",
    );
    fails_cleanly(
        &home,
        &["incident", "leaving", "--done", "report"],
        "no open leaving incident; `hygiene incident leaving` starts one",
    );
    fails_cleanly(&home, &["incident", "flood"], "invalid value 'flood'");
    fails_cleanly(
        &home,
        &[
            "--as-of",
            "2027-01-01",
            "incident",
            "lost-device",
            "--done",
            "report",
        ],
        "after",
    );
}

#[test]
fn a_closed_incident_stays_in_history_and_the_exports() {
    let home = lost_device_under_way();
    // The last steps close it; it stays in the record.
    home.cmd()
        .args([
            "incident",
            "lost-device",
            "--done",
            "whatsapp/password",
            "microsoft365/sessions",
            "microsoft365/password",
        ])
        .assert()
        .code(0)
        .stdout(contains("every step done or set aside; closed"));
    assert!(incidents(&home).contains("\nclosed = 2026-11-25\n"));
    home.cmd()
        .args(["incident", "--list"])
        .assert()
        .stdout(contains("No open incident."));
    home.cmd()
        .args(["incident", "--list", "--all"])
        .assert()
        .stdout(contains("lost-device-2026-11-25  closed 2026-11-25"));
    home.cmd()
        .arg("history")
        .assert()
        .code(0)
        .stdout(contains("Incidents"))
        .stdout(contains(
            "2026-11-25  lost-device-2026-11-25  closed 2026-11-25 A device was lost or stolen · 5 of 6 steps done, 1 set aside",
        ));
    home.cmd()
        .args(["export", "--format", "markdown"])
        .assert()
        .stdout(contains("## Incidents"))
        .stdout(contains(
            "- **A device was lost or stolen** (`lost-device-2026-11-25`), started 2026-11-25, closed 2026-11-25: 5 of 6 steps done, 1 set aside",
        ));
    let out = home
        .cmd()
        .args(["export", "--format", "json"])
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let incident = &json["incidents"][0];
    assert_eq!(incident["id"], "lost-device-2026-11-25");
    assert_eq!(incident["kind"], "lost-device");
    assert_eq!(incident["open"], false);
    assert_eq!(incident["closed"], "2026-11-25");
    assert_eq!(incident["steps"][0]["step"], "report");
    assert_eq!(incident["steps"][0]["state"], "done");
    assert_eq!(incident["steps"][5]["state"], "set_aside");
    // A new one of the same kind the same day takes its own id.
    home.cmd()
        .args(["incident", "lost-device", "--tool", "slido"])
        .assert()
        .stdout(contains("New incident lost-device-2026-11-25-2"))
        .stdout(contains("0 of 2 steps done"));
    home.cmd()
        .args(["incident", "lost-device", "--dismiss"])
        .assert()
        .code(0)
        .stdout(contains("closed as it stands"));
}
