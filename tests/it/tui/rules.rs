//! The core's rules seen through the dashboard: a refusal is worded in the
//! dashboard's keys (the rebound ones too), never as a shell command; an
//! operation done in part says so; tracking records the day as the command
//! line does.

use ratatui::crossterm::event::KeyCode;

use super::{Fixture, TODAY, screen};
use hygiene::tui::update::review;
use hygiene_core::secrets::Secrets;

/// A tool of the config's own that has no means for MFA.
const PAGER: &str = "track = [\"pager\"]\n\n[tools.pager]\nname = \"Pager\"\nchecks = [\"password\", \"mfa\"]\nlacks = [\"mfa\"]\n";

fn review_of(f: &mut Fixture, tool: &str, check: &str) {
    let t = f.app.session.catalog.tool(tool).unwrap();
    review::start(&mut f.app, true, Some(t), None);
    loop {
        let guided = f.app.guided.as_ref().unwrap();
        let (t, c) = guided.current().unwrap();
        let catalog = &f.app.session.catalog;
        if catalog.tools[t].id == tool && catalog.checks[c].id == check {
            break;
        }
        f.press(KeyCode::Enter);
    }
}

#[test]
fn the_reviews_done_on_a_check_the_tool_lacks_names_the_reviews_keys() {
    let mut f = Fixture::with(PAGER, None);
    review_of(&mut f, "pager", "mfa");
    f.keys("y");
    let status = f.status();
    assert_eq!(
        status,
        "Pager has no way to do this: R records the risk as accepted, x marks it not applicable"
    );
    assert!(!status.contains("hygiene"), "{status}");
    assert!(!f.path("state.toml").exists(), "nothing was written");
    // The card stays, to be answered another way.
    assert_eq!(f.app.guided.as_ref().unwrap().answered, vec![false; 2]);
}

#[test]
fn the_dashboards_space_on_a_check_the_tool_lacks_names_its_own_keys() {
    let config = format!("{PAGER}\n[keys]\naccept_risk = \"A\"\nnot_applicable = \"X\"\n");
    let mut f = Fixture::with(&config, None);
    while f.selected() != ("pager".to_string(), "mfa".to_string()) {
        f.press(KeyCode::Right);
    }
    f.keys(" ");
    f.assert_status(
        "Pager has no way to do this: A records the risk as accepted, X marks it not applicable",
    );
    // No date editor opens for what would be refused.
    f.press(KeyCode::Char('D'));
    assert!(matches!(f.app.mode, hygiene::tui::app::Mode::Normal));
    f.assert_status("A records the risk as accepted");
}

#[test]
fn a_note_kept_in_the_keyring_while_the_state_cannot_record_it_is_said_so() {
    let mut f = Fixture::with("track = [\"slack\"]\n", None);
    // The state's lock cannot be taken: a folder stands where it goes.
    std::fs::create_dir(f.path("state.toml.lock")).unwrap();
    f.press(KeyCode::Char('P'));
    f.keys("the codes are in the grey safe\n");
    let status = f.status();
    assert!(
        status.starts_with(
            "The private note for slack is in the keyring, but the state could not record it ("
        ),
        "{status}"
    );
    assert!(status.ends_with("; P saves it again"), "{status}");
    assert!(!status.contains("not saved"), "{status}");
    assert_eq!(
        f.secrets.get("slack").unwrap().as_deref(),
        Some("the codes are in the grey safe")
    );
}

#[test]
fn tracking_in_the_tools_view_records_the_day_as_the_command_line_does() {
    let mut f = Fixture::with("track = [\"slack\"]\n", None);
    // Zoom is the catalog's fourth tool.
    f.press(KeyCode::BackTab).keys("jjj").press(KeyCode::Enter);
    f.assert_status("Now tracking zoom");
    let dashboard = f.state();
    // The command line, on another config, the same day.
    let home = crate::common::Home::new();
    home.write_config("track = [\"slack\"]\n");
    home.cmd()
        .args(["--as-of", &TODAY.to_string(), "track", "zoom"])
        .assert()
        .success();
    let cli = home.read_state();
    let tracked = |state: &str| {
        let start = state.find("[tracked]").expect("a [tracked] table");
        state[start..]
            .lines()
            .take_while(|l| !l.is_empty())
            .collect::<Vec<_>>()
            .join("\n")
    };
    assert_eq!(tracked(&dashboard), tracked(&cli));
    assert!(tracked(&cli).contains(&format!("zoom = {TODAY}")), "{cli}");
}

/// A `[keys]` that rebinds the review's answers and the view switch: the
/// card's hint line, the help and the empty dashboard's words follow.
#[test]
fn rebound_keys_show_in_the_review_the_help_and_the_empty_dashboard() {
    let keys = "\n[keys]\nnext_view = \"ctrl-n\"\n\n[keys.in_review]\ndone = \"Y\"\nnot_done = \"N\"\nnot_applicable = \"-\"\n";
    let mut empty = Fixture::with(keys, None);
    let shown = screen(&empty.render(80, 24));
    assert!(
        shown.contains("Press ctrl-n twice for the Tools view"),
        "{shown}"
    );
    insta::assert_snapshot!("rebound_empty_dashboard", shown);

    let mut f = Fixture::with(&format!("track = [\"slack\"]\n{keys}"), None);
    review_of(&mut f, "slack", "mfa");
    let card = screen(&f.render(80, 24));
    let hints = card.lines().last().unwrap().to_string();
    assert!(
        hints.contains("Y done") && hints.contains("N not done") && hints.contains("- n/a"),
        "{hints}"
    );
    insta::assert_snapshot!("rebound_review_card", card);
    // The new key answers; the old one does nothing.
    f.keys("y");
    assert!(!f.path("state.toml").exists());
    f.keys("Y");
    f.assert_saved("slack", "mfa = { status = \"done\"");

    f.press(KeyCode::Char('?'));
    let help = screen(&f.render(80, 24));
    insta::assert_snapshot!("rebound_review_help", help);
    assert!(help.contains("Y  done and verified today"), "{help}");
    empty.press(KeyCode::Char('?'));
    let help = screen(&empty.render(120, 42));
    assert!(help.contains("ctrl-n  next view"), "{help}");
    assert!(help.contains("Y  done and verified today"), "{help}");
}

/// A date after today is said in the dashboard's keys, as the command line
/// says it with a command.
#[test]
fn a_future_date_is_worded_with_the_dashboards_keys() {
    let f = Fixture::with(
        "track = [\"slack\"]\n",
        Some("version = 1\n[tools.slack]\nmfa = { status = \"done\", verified = 2031-05-01 }\n"),
    );
    let status = f.status();
    assert!(
        status.contains("slack mfa: recorded date 2031-05-01 is after today (2026-11-25)")
            && status.contains("space records it again today, D on its date"),
        "{status}"
    );
    assert!(!status.contains("hygiene"), "{status}");
}

#[test]
fn the_dashboards_identity_edit_keeps_every_comment() {
    let config = "track = [\"slack\"]\n\n[identity]\n# as on my badge\nfirst = \"Alex\"\n# family name\nlast = \"Black\" # legal\n# employer\norg = \"MOJ\"\n";
    let mut f = Fixture::with(config, None);
    f.keys("I");
    for _ in 0..4 {
        f.press(KeyCode::Backspace);
    }
    f.keys("Sam\n");
    for _ in 0..5 {
        f.press(KeyCode::Backspace);
    }
    f.keys("Green\n");
    for _ in 0..3 {
        f.press(KeyCode::Backspace);
    }
    f.keys("HMRC\n");
    f.assert_status("Names are now checked for Sam Green (HMRC)");
    assert_eq!(
        std::fs::read_to_string(f.path("config.toml")).unwrap(),
        "track = [\"slack\"]\n\n[identity]\n# as on my badge\nfirst = \"Sam\"\n# family name\nlast = \"Green\" # legal\n# employer\norg = \"HMRC\"\n"
    );
}

/// Another process changes the state file under the dashboard.
fn elsewhere(f: &Fixture, check: &str, op: hygiene_core::ops::Op) {
    let session = &f.app.session;
    let _saved = hygiene_core::session::apply_change(
        &f.path("state.toml"),
        &session.catalog,
        &session.settings,
        &hygiene_core::ops::Change {
            tool: "slack".into(),
            check: check.into(),
            op,
        },
        TODAY,
        std::time::Duration::from_secs(1),
    )
    .unwrap();
}

#[test]
fn undo_and_the_reviews_undo_take_back_only_their_own_fields() {
    use hygiene_core::ops::Op;
    let mut f = Fixture::with("track = [\"slack\"]\n", None);
    f.select("slack", "password").keys(" ");
    elsewhere(
        &f,
        "password",
        Op::Note {
            text: "rotated by IT".into(),
        },
    );
    f.keys("u");
    f.assert_status("Undone");
    let state = f.state();
    assert!(
        state.contains("password = { note = \"rotated by IT\" }"),
        "{state}"
    );

    // The same field changed since: refused, and the next undo goes on.
    f.select("slack", "mfa").keys(" ");
    f.select("slack", "password").keys(" ");
    elsewhere(&f, "password", Op::Todo);
    let before = f.state();
    f.keys("u");
    f.assert_status(
        "Not undone: Slack · Strong password or organisation sign-on: its status changed elsewhere since",
    );
    f.assert_status("u again undoes the change before it");
    assert_eq!(f.state(), before, "nothing changed");
    f.keys("u");
    f.assert_status("Undone");
    assert!(!f.state().contains("mfa = "), "{}", f.state());

    // The review's u follows the same rule.
    review_of(&mut f, "slack", "photo");
    f.keys("y");
    elsewhere(
        &f,
        "photo",
        Op::Note {
            text: "new badge".into(),
        },
    );
    f.keys("u");
    let state = f.state();
    assert!(
        state.contains("photo = { note = \"new badge\" }"),
        "{state}"
    );
}

#[test]
fn the_dashboard_shows_a_look_alike_character_for_what_it_is() {
    let config =
        "track = [\"whatsapp\"]\n\n[identity]\nfirst = \"Alex\"\nlast = \"Black\"\norg = \"MOJ\"\n";
    let state = "version = 1\n\n[tools.whatsapp]\ndisplay_name = { status = \"done\", verified = 2026-11-20, value = \"Alex\u{a0}Black (MOJ)\" }\n";
    let mut f = Fixture::with(config, Some(state));
    f.select("whatsapp", "display_name");
    let shown = screen(&f.render(120, 40));
    assert!(
        shown.contains("Value “Alex<U+00A0>Black (MOJ)” ✗ breaks the convention"),
        "{shown}"
    );
    assert!(
        shown.contains("has a character that only looks like the convention's"),
        "{shown}"
    );
    // The editor says so as the name is typed.
    f.keys("e");
    for _ in 0..20 {
        f.press(KeyCode::Backspace);
    }
    f.keys("Alex\u{a0}Black (MOJ)");
    let shown = screen(&f.render(120, 40));
    assert!(shown.contains("<U+00A0>"), "{shown}");
}

#[test]
fn done_on_a_name_check_asks_for_the_name_prefilled_and_checked() {
    let config =
        "track = [\"whatsapp\"]\n\n[identity]\nfirst = \"Alex\"\nlast = \"Black\"\norg = \"MOJ\"\n";
    // The review's y.
    let mut f = Fixture::with(config, None);
    review_of(&mut f, "whatsapp", "display_name");
    f.keys("y");
    let shown = screen(&f.render(100, 30));
    assert!(
        shown.contains("Alex Black (MOJ)") && shown.contains("✓ follows the convention"),
        "{shown}"
    );
    f.press(KeyCode::Enter);
    assert!(
        f.state().contains("display_name = { status = \"done\", verified = 2026-11-25, value = \"Alex Black (MOJ)\" }"),
        "{}",
        f.state()
    );
    // The dashboard's space.
    let mut f = Fixture::with(config, None);
    f.select("whatsapp", "display_name").keys(" ");
    let shown = screen(&f.render(100, 30));
    assert!(shown.contains("✓ follows the convention"), "{shown}");
    for _ in 0..5 {
        f.press(KeyCode::Backspace);
    }
    f.keys("HMRC)");
    let shown = screen(&f.render(100, 30));
    assert!(
        shown.contains("✗ differs: expected “Alex Black (MOJ)”"),
        "{shown}"
    );
}

#[test]
fn the_end_of_a_review_lists_what_was_snoozed_and_accepted() {
    let mut f = Fixture::with(
        "track = [\"slack\"]\n",
        Some("version = 2\n[tracked]\nslack = 2026-10-01\n"),
    );
    review_of(&mut f, "slack", "mfa");
    f.keys("s").press(KeyCode::Enter);
    f.keys("R");
    f.keys("guest workspace only\n");
    f.keys("q");
    let shown = screen(&f.render(100, 40));
    assert!(shown.contains("Snoozed or accepted (2):"), "{shown}");
    assert!(
        shown.contains("z Slack · Multi-factor authentication · until 2026-12-02"),
        "{shown}"
    );
    assert!(shown.contains("Still to do ("), "{shown}");
}
