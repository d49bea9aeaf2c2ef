//! End to end: the real binary in a pseudo-terminal, keys pressed, the screen
//! read back, and the state file checked.

use crate::common;

use std::time::Duration;

use common::Home;
use common::pty::Pty;

const WAIT: Duration = Duration::from_secs(10);

fn dashboard(home: &Home) -> Pty {
    home.dashboard(80, 24, &[])
}

#[test]
fn toggle_a_check_record_an_archive_and_quit() {
    let _one = common::exclusive();
    let home = Home::new();
    home.setup(&["slack", "zoom"]);
    let mut pty = dashboard(&home);
    let screen = pty.wait_for("score —", WAIT);
    assert!(screen.contains("› Slack"), "{screen}");
    assert!(
        screen.contains("Slack · Multi-factor authentication"),
        "{screen}"
    );

    pty.send(b" ");
    let screen = pty.wait_for("Multi-factor authentication: done", WAIT);
    assert!(screen.contains("✓ ok · due in 181 days"), "{screen}");
    let row = screen
        .lines()
        .find(|l| l.starts_with("› Slack"))
        .unwrap()
        .to_string();
    assert!(row.contains("Slack           ✓  ?"), "{row}");

    pty.send(b"a");
    pty.wait_for("archive recorded", WAIT);
    pty.send(b"q");
    assert_eq!(pty.wait_exit(WAIT), Some(0));

    let state = home.read_state();
    assert!(
        state.contains("mfa = { status = \"done\", verified = 2026-11-25 }"),
        "{state}"
    );
    assert!(
        state.contains(
            "archive = { status = \"done\", verified = 2026-11-25, history = [2026-11-25] }"
        ),
        "{state}"
    );
    let parser = pty.parser.lock().unwrap();
    assert!(
        !parser.screen().alternate_screen(),
        "back on the main screen"
    );
    assert!(!parser.screen().hide_cursor(), "the cursor is shown again");
}

#[test]
fn a_file_that_does_not_parse_keeps_the_dashboard_closed() {
    let _one = common::exclusive();
    let home = Home::new();
    home.setup(&["slack"]);
    home.write_state("version = 1\n[tools.slack]\nmfa = { status = \"dun\" }\n");
    let mut pty = dashboard(&home);
    let screen = pty.wait_for("unknown status `dun`", WAIT);
    assert!(screen.contains("error: "), "{screen}");
    assert!(screen.contains("state.toml:3:18:"), "{screen}");
    assert_eq!(pty.wait_exit(WAIT), Some(2));
    assert!(!pty.parser.lock().unwrap().screen().alternate_screen());
    assert_eq!(
        home.read_state(),
        "version = 1\n[tools.slack]\nmfa = { status = \"dun\" }\n"
    );
}

#[test]
fn hygiene_review_answers_three_cards_and_saves_each() {
    let _one = common::exclusive();
    let home = Home::new();
    home.setup(&["slido"]);
    // Tracked in October: the first review was due two weeks later.
    home.tracked_since(&["slido"], "2026-10-01");
    let mut pty = home.in_pty(&["review"], 80, 24, &[]);
    let screen = pty.wait_for("Review · 1 of 5", WAIT);
    assert!(screen.contains("Slido · "), "{screen}");
    assert!(screen.contains("never reviewed"), "{screen}");
    assert!(screen.contains("q end"), "{screen}");
    // Done, not done, and a snooze for a month.
    pty.send(b"y");
    pty.wait_for("Review · 2 of 5 · 1 answered", WAIT);
    pty.send(b"n");
    pty.wait_for("Review · 3 of 5 · 2 answered", WAIT);
    pty.send(b"s");
    pty.wait_for("Snooze for how long?", WAIT);
    pty.send(b"m");
    pty.wait_for("Review · 4 of 5 · 3 answered", WAIT);
    pty.send(b"q");
    let summary = pty.wait_for("Review done", WAIT);
    assert!(summary.contains("3 of 5 answered"), "{summary}");
    assert!(summary.contains("Still to do (3):"), "{summary}");
    pty.send(b" ");
    pty.wait_for("next review: now", WAIT);
    pty.send(b"q");
    assert_eq!(pty.wait_exit(WAIT), Some(0));

    let state = home.read_state();
    let slido = state
        .split("[tools.slido]\n")
        .nth(1)
        .expect("slido's table")
        .to_string();
    let answers: Vec<&str> = slido.lines().filter(|l| !l.is_empty()).collect();
    assert_eq!(answers.len(), 3, "{state}");
    assert!(
        answers
            .iter()
            .any(|l| l.ends_with("{ status = \"done\", verified = 2026-11-25 }")),
        "{state}"
    );
    assert!(
        answers.iter().any(|l| l.ends_with("{ status = \"todo\" }")),
        "{state}"
    );
    assert!(
        answers
            .iter()
            .any(|l| l.ends_with("{ snoozed = 2026-12-25 }")),
        "{state}"
    );
    assert!(
        state.contains("\n[scores]\n2026-11-25 = { score = "),
        "{state}"
    );
}

#[test]
fn opening_the_dashboard_records_the_day_a_tool_was_first_seen() {
    let _one = common::exclusive();
    let home = Home::new();
    // Tracked by an older version, which kept no day: only the config.
    home.setup(&["slack", "zoom"]);
    home.write_state("version = 1\n[tracked]\nslack = 2026-10-01\n");
    let mut pty = dashboard(&home);
    pty.wait_for("score", WAIT);
    pty.send(b"q");
    assert_eq!(pty.wait_exit(WAIT), Some(0));
    let state = home.read_state();
    assert!(
        state.contains("[tracked]\nslack = 2026-10-01\nzoom = 2026-11-25\n"),
        "zoom is seen today; slack keeps its day\n{state}"
    );
}

#[test]
fn brackets_snooze_choices_and_the_help_work_in_the_real_terminal() {
    let _one = common::exclusive();
    let home = Home::new();
    home.setup(&["slido"]);
    home.tracked_since(&["slido"], "2026-10-01");
    let mut pty = dashboard(&home);
    pty.wait_for("score", WAIT);
    // ] goes to a cell that needs action; s asks how long; m is a month.
    pty.send(b"]");
    pty.send(b"s");
    pty.wait_for("Snooze for how long?", WAIT);
    pty.send(b"m");
    pty.wait_for("snoozed for a month", WAIT);
    // The help scrolls to the legend.
    pty.send(b"?");
    pty.wait_for("Keys, symbols and columns", WAIT);
    pty.send(b"jjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjj");
    pty.wait_for("the check does not apply to this tool", WAIT);
    pty.send(b"x");
    pty.send(b"q");
    assert_eq!(pty.wait_exit(WAIT), Some(0));
    let state = home.read_state();
    assert!(state.contains("= { snoozed = 2026-12-25 }"), "{state}");
}

#[test]
fn undo_takes_back_only_this_dashboards_change() {
    let _one = common::exclusive();
    let home = Home::new();
    home.setup(&["slack"]);
    let mut pty = dashboard(&home);
    pty.wait_for("score —", WAIT);
    pty.send(b" ");
    pty.wait_for("Multi-factor authentication: done", WAIT);
    // Another terminal writes a note on the same check.
    home.cmd()
        .args(["note", "slack", "mfa", "from the other terminal"])
        .assert()
        .code(0);
    pty.send(b"u");
    pty.wait_for("Undone", WAIT);
    let state = home.read_state();
    assert!(
        state.contains("mfa = { note = \"from the other terminal\" }"),
        "the other terminal's note stays: {state}"
    );
    // The same field changed elsewhere: the undo is refused, nothing lost.
    pty.send(b" ");
    pty.wait_for("Multi-factor authentication: done", WAIT);
    home.cmd().args(["todo", "slack", "mfa"]).assert().code(0);
    let before = home.read_state();
    pty.send(b"u");
    pty.wait_for(
        "Not undone: Slack · Multi-factor authentication: its status",
        WAIT,
    );
    assert_eq!(home.read_state(), before);
    pty.send(b"q");
    assert_eq!(pty.wait_exit(WAIT), Some(0));
}

#[test]
fn a_lock_held_elsewhere_never_freezes_the_dashboard() {
    let _one = common::exclusive();
    let home = Home::new();
    home.setup(&["slack"]);
    home.cmd().args(["done", "slack", "photo"]).assert().code(0);
    let mut pty = home.dashboard(140, 30, &[]);
    pty.wait_for("score", WAIT);
    let held = hygiene_core::store::lock(&home.state(), Duration::from_secs(1)).unwrap();
    pty.send(b" ");
    pty.wait_for("waiting for the files... (q quits)", WAIT);
    pty.wait_for("is locked by another hygiene process", WAIT);
    // Once free, the same key saves.
    drop(held);
    pty.send(b" ");
    pty.wait_for("Multi-factor authentication: done", WAIT);
    // Held again: q quits at once, and says what may not be saved.
    let _held = hygiene_core::store::lock(&home.state(), Duration::from_secs(1)).unwrap();
    pty.send(b"j ");
    pty.wait_for("waiting for the files", WAIT);
    let quit = std::time::Instant::now();
    pty.send(b"q");
    assert_eq!(pty.wait_exit(WAIT), Some(0));
    assert!(
        quit.elapsed() < Duration::from_secs(1),
        "{:?}",
        quit.elapsed()
    );
    assert!(
        pty.screen().contains(
            "hygiene: quit while waiting for the files: the last change may not have been saved"
        ),
        "{}",
        pty.screen()
    );
}

#[test]
fn a_dashboard_dated_after_the_clock_answers_but_saves_nothing() {
    let _one = common::exclusive();
    let home = Home::new();
    home.setup(&["slack"]);
    let clock = home.path().join("clock");
    std::fs::write(&clock, "2026-11-25\n").unwrap();
    let mut pty = home.in_pty(
        &["--as-of", "2030-01-01"],
        140,
        30,
        &[(hygiene_core::dates::TEST_CLOCK_ENV, clock.as_os_str())],
    );
    pty.wait_for("2030-01-01", WAIT);
    let before = home.snapshot();
    pty.send(b" ");
    pty.wait_for(
        "this dashboard is dated 2030-01-01, after the clock's 2026-11-25: it answers questions and saves no change",
        WAIT,
    );
    pty.send(b"q");
    assert_eq!(pty.wait_exit(WAIT), Some(0));
    assert!(before == home.snapshot(), "nothing written");
}

/// A new user's ten tools.
const TEN_TOOLS: [&str; 10] = [
    "whatsapp",
    "slack",
    "teams",
    "zoom",
    "google-meet",
    "yammer",
    "facetime",
    "imessage",
    "telegram",
    "twitter",
];

/// The first review of ten tools, as a new user plays it: each check's card
/// answered "the rest yes" and saved, three display names typed, the rest
/// of the names left for later. Every key is counted; the typed names'
/// characters apart.
#[test]
fn the_first_review_of_ten_tools_takes_at_most_forty_keys() {
    let _one = common::exclusive();
    let home = Home::new();
    home.setup(&TEN_TOOLS);
    let mut pty = home.in_pty(&["review"], 100, 30, &[]);
    let mut screen = pty.wait_for("Review · 1 of 16 by check", WAIT);
    let (mut keys, mut typed) = (0usize, 0usize);
    let mut press = |pty: &mut Pty, bytes: &[u8]| {
        keys += 1;
        pty.send(bytes);
    };
    for card in 1..=16 {
        if screen.contains("Display name follows the naming convention") {
            for _ in 0..3 {
                assert!(screen.contains("expects “"), "{screen}");
                press(&mut pty, b"e");
                // The name expected, typed as it is.
                let field = pty.wait_for("Expected: “", WAIT);
                let name = field
                    .split("Expected: “")
                    .nth(1)
                    .and_then(|r| r.split('”').next())
                    .expect("the expected name")
                    .to_string();
                pty.send(name.as_bytes());
                typed += name.chars().count();
                pty.wait_for("follows the convention", WAIT);
                press(&mut pty, b"\r");
                screen = pty.wait_for("› ·", WAIT);
            }
        } else {
            press(&mut pty, b"a");
            pty.wait_for("marked done", WAIT);
        }
        press(&mut pty, b"\r");
        screen = if card < 16 {
            pty.wait_for(&format!("Review · {} of 16 by check", card + 1), WAIT)
        } else {
            pty.wait_for("Review done", WAIT)
        };
    }
    assert!(screen.contains("Score — → 100"), "{screen}");
    assert!(
        screen.contains("Still to do (6):"),
        "the names not typed\n{screen}"
    );
    press(&mut pty, b" ");
    pty.wait_for("Review recorded", WAIT);
    press(&mut pty, b"q");
    assert_eq!(pty.wait_exit(WAIT), Some(0));
    eprintln!("first review of ten tools: {keys} keys and {typed} typed characters");
    assert!(keys <= 40, "{keys} keys");
    let state = home.read_state();
    assert!(state.contains("last_review = 2026-11-25"), "{state}");
    assert_eq!(state.matches("value = \"").count(), 3, "{state}");
    assert_eq!(
        state.matches("status = \"done\"").count(),
        97 - 6,
        "every check answered but the six names\n{state}"
    );
}

#[test]
fn hygiene_review_by_tool_puts_a_tools_checks_on_one_card() {
    let _one = common::exclusive();
    let home = Home::new();
    home.setup(&["slido", "zoom"]);
    home.tracked_since(&["slido", "zoom"], "2026-10-01");
    let mut pty = home.in_pty(&["review", "--by", "tool"], 80, 24, &[]);
    let screen = pty.wait_for("Review · 1 of 2 by tool", WAIT);
    assert!(screen.contains("Which of these are in order?"), "{screen}");
    pty.send(b"q");
    pty.wait_for("Review done", WAIT);
    pty.send(b"q");
    pty.wait_for("resumes it with what is left", WAIT);
    pty.send(b"q");
    assert_eq!(pty.wait_exit(WAIT), Some(0));
}
