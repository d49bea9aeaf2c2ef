//! The dashboard without a terminal: keys in, model and files out, and every
//! view rendered on ratatui's `TestBackend` (insta snapshots at 80x24 and
//! 120x40, with the date fixed).

use crate::common;

use std::path::{Path, PathBuf};

use hygiene::tui::app::{App, Mode, View};
use hygiene::tui::keymap::Keymap;
use hygiene_core::secrets::Keyring;
use hygiene_core::session::{Origin, Paths, Session};
use jiff::civil::Date;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{
    Event, KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};
use ratatui::style::Color;
use rstest::rstest;

const TODAY: Date = Date::constant(2026, 11, 25);
const SAMPLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/sample");

struct Fixture {
    dir: tempfile::TempDir,
    app: App,
    secrets: Keyring,
}

impl Fixture {
    /// The sample: twelve tools, some overdue, as of 2026-11-25.
    fn sample() -> Fixture {
        let config = std::fs::read_to_string(Path::new(SAMPLE).join("config.toml")).unwrap();
        let state = std::fs::read_to_string(Path::new(SAMPLE).join("state.toml")).unwrap();
        Fixture::with(&config, Some(&state))
    }

    fn with(config: &str, state: Option<&str>) -> Fixture {
        let dir = tempfile::tempdir().unwrap();
        common::write(&dir.path().join("config.toml"), config);
        if let Some(state) = state {
            common::write(&dir.path().join("state.toml"), state);
        }
        let app = load(dir.path());
        Fixture {
            dir,
            app,
            secrets: Keyring::with_store("mock", keyring_core::mock::Store::new().unwrap()),
        }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn state(&self) -> String {
        crate::common::unstamped(
            &std::fs::read_to_string(self.path("state.toml")).unwrap_or_default(),
        )
    }

    /// The state file's `[tools.ID]` table holds `expected`.
    #[track_caller]
    fn assert_saved(&self, id: &str, expected: &str) {
        let table = self.section(id);
        assert!(table.contains(expected), "{table}");
    }

    /// The state file's `[tools.ID]` table, up to the next table.
    #[track_caller]
    fn section(&self, id: &str) -> String {
        section(&self.state(), id).unwrap_or_else(|| panic!("no [tools.{id}] in\n{}", self.state()))
    }

    fn press(&mut self, code: KeyCode) -> &mut Fixture {
        let modifiers = match code {
            KeyCode::Char(c) if c.is_ascii_uppercase() => KeyModifiers::SHIFT,
            _ => KeyModifiers::NONE,
        };
        self.event(Event::Key(KeyEvent::new(code, modifiers)))
    }

    /// Each character pressed; `\n` is enter.
    fn keys(&mut self, keys: &str) -> &mut Fixture {
        for c in keys.chars() {
            self.press(if c == '\n' {
                KeyCode::Enter
            } else {
                KeyCode::Char(c)
            });
        }
        self
    }

    fn event(&mut self, event: Event) -> &mut Fixture {
        hygiene::tui::handle(&mut self.app, &event, &self.secrets);
        self
    }

    /// The selected cell, as catalog indices.
    fn cell(
        &self,
    ) -> (
        hygiene_core::catalog::ToolIx,
        hygiene_core::catalog::CheckIx,
    ) {
        (
            self.app.dashboard.tool.unwrap(),
            self.app.dashboard.check.unwrap(),
        )
    }

    /// The selected cell's standing, by name: "ok", "failing".
    fn selected_standing(&self) -> &'static str {
        let (tool, check) = self.cell();
        self.app.standing(tool, check).unwrap().name()
    }

    fn selected(&self) -> (String, String) {
        let catalog = &self.app.session.catalog;
        (
            catalog.tools[self.app.dashboard.tool.unwrap()].id.clone(),
            catalog.checks[self.app.dashboard.check.unwrap()].id.clone(),
        )
    }

    fn select(&mut self, tool: &str, check: &str) -> &mut Fixture {
        let catalog = &self.app.session.catalog;
        self.app.dashboard.tool = catalog.tool(tool);
        self.app.dashboard.check = catalog.check(check);
        self
    }

    fn status(&self) -> String {
        self.app
            .status
            .as_ref()
            .map(|s| s.text.clone())
            .unwrap_or_default()
    }

    /// The status line says `part`.
    #[track_caller]
    fn assert_status(&self, part: &str) {
        let status = self.status();
        assert!(status.contains(part), "status line: {status:?}");
    }

    fn render(&self, width: u16, height: u16) -> Terminal<TestBackend> {
        let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
        terminal
            .draw(|frame| hygiene::tui::ui::render(&self.app, frame))
            .unwrap();
        terminal
    }

    fn resize(&mut self, width: u16, height: u16) -> &mut Fixture {
        self.event(Event::Resize(width, height))
    }
}

/// The `[tools.ID]` table of a state file's text, up to the next table.
fn section(state: &str, id: &str) -> Option<String> {
    let start = state.find(&format!("[tools.{id}]\n"))?;
    let rest = &state[start..];
    let end = rest.find("\n[").map_or(rest.len(), |i| i + 1);
    Some(rest[..end].to_string())
}

fn load(dir: &Path) -> App {
    load_paths(dir.join("config.toml"), dir.join("state.toml"))
}

fn load_paths(config: PathBuf, state: PathBuf) -> App {
    let paths = Paths {
        config,
        config_origin: Origin::Flag,
        state,
        state_origin: Origin::Flag,
    };
    let session = Session::load(paths).unwrap();
    let keymap = Keymap::from_config(&session.config).unwrap();
    let mut app = App::new(session, TODAY, true, keymap);
    app.color = true;
    hygiene::tui::update::update(
        &mut app,
        hygiene::tui::action::Action::Resize {
            width: 80,
            height: 24,
        },
    );
    app
}

fn screen(terminal: &Terminal<TestBackend>) -> String {
    terminal.backend().to_string()
}

// ---------------------------------------------------------------------------
// State transitions

#[test]
fn the_selection_starts_on_the_first_tools_first_check_and_moves_within_bounds() {
    let mut f = Fixture::sample();
    assert_eq!(f.selected(), ("whatsapp".into(), "mfa".into()));
    f.press(KeyCode::Up).press(KeyCode::Left);
    assert_eq!(
        f.selected(),
        ("whatsapp".into(), "mfa".into()),
        "stops at the edges"
    );
    f.keys("jjl");
    assert_eq!(f.selected(), ("teams".into(), "password".into()));
    f.press(KeyCode::Down).press(KeyCode::Right);
    assert_eq!(f.selected(), ("zoom".into(), "work_account".into()));
    f.keys("G");
    assert_eq!(f.selected().0, "slido");
    f.keys("jjj");
    assert_eq!(f.selected().0, "slido");
    f.keys("g");
    assert_eq!(f.selected().0, "whatsapp");
    f.press(KeyCode::End);
    assert_eq!(f.selected().0, "slido");
}

#[test]
fn space_toggles_done_today_and_back_and_every_change_is_saved_at_once() {
    let mut f = Fixture::sample();
    f.select("telegram", "mfa");
    f.keys(" ");
    f.assert_saved(
        "telegram",
        "mfa = { status = \"done\", verified = 2026-11-25 }",
    );
    f.assert_status("Telegram · Multi-factor authentication: done");
    // Space again puts back what was there: not done, and never done.
    f.keys(" ");
    f.assert_saved("telegram", "mfa = { status = \"todo\" }");
    assert!(f.app.undo.is_empty());
    // A check done before this session: space marks it not done, and the
    // day it was last done stays true.
    f.select("slack", "mfa").keys(" ");
    f.assert_saved(
        "slack",
        "mfa = { status = \"todo\", verified = 2026-09-14 }",
    );
}

#[test]
fn space_keeps_an_accepted_risk_and_its_reason() {
    let mut f = Fixture::sample();
    f.select("telegram", "mfa")
        .keys("R")
        .keys("chat only")
        .press(KeyCode::Enter);
    f.assert_saved(
        "telegram",
        "mfa = { status = \"accepted\", reason = \"chat only\" }",
    );
    f.app.undo.clear();
    let before = f.state();
    f.keys(" ");
    f.assert_status("The risk is accepted, with a reason: R edits it");
    assert_eq!(f.state(), before, "nothing saved, nothing lost");
    assert!(f.app.undo.is_empty());
}

#[test]
fn a_change_that_changes_nothing_takes_no_undo_step_and_undo_shows_its_cell() {
    let mut f = Fixture::sample();
    f.select("telegram", "mfa").keys("s\n");
    assert_eq!(f.app.undo.len(), 1);
    f.keys("s\n");
    f.assert_status("nothing changed");
    assert_eq!(
        f.app.undo.len(),
        1,
        "a second snooze the same day is no step"
    );
    f.select("whatsapp", "mfa").keys("u");
    assert_eq!(f.selected(), ("telegram".into(), "mfa".into()));
}

#[test]
fn a_check_on_a_shared_account_done_in_one_row_is_done_in_every_row() {
    let mut f = Fixture::sample();
    // Sessions were reviewed (through each tool, before accounts existed);
    // space on Yammer's marks them not done, for the account.
    f.select("yammer", "sessions");
    let shown = screen(&f.render(120, 40));
    assert!(
        shown.contains("On your Microsoft 365 account (shared with Microsoft Teams,"),
        "{shown}"
    );
    f.keys(" ");
    f.assert_status("marked not done → ✗ failing");
    f.assert_saved(
        "microsoft365",
        "sessions = { status = \"todo\", verified = 2026-10-02 }",
    );
    let catalog = &f.app.session.catalog;
    let (teams, check) = (
        catalog.tool("teams").unwrap(),
        catalog.check("sessions").unwrap(),
    );
    let entry = f.app.entry(teams, check).unwrap();
    assert_eq!(
        entry.status,
        hygiene_core::state::Status::Todo,
        "Teams sees it too"
    );
    assert!(
        !f.app.item(teams, check).unwrap().repeat,
        "counted under Teams"
    );
    // Undo takes the account's entry away; the per-tool ones stand again.
    let before = std::fs::read_to_string(Path::new(SAMPLE).join("state.toml")).unwrap();
    f.keys("u");
    assert!(!f.state().contains("[tools.microsoft365]"), "{}", f.state());
    assert_eq!(section(&f.state(), "yammer"), section(&before, "yammer"));
}

#[test]
fn snooze_on_an_item_in_good_standing_is_refused_and_nothing_is_written() {
    let mut f = Fixture::sample();
    let before = f.state();
    f.select("slack", "work_account").keys("s");
    f.assert_status("slack work_account is in good standing until 2027-01-20: nothing to snooze");
    assert_eq!(f.state(), before);
}

#[rstest]
#[case::archive(
    "a",
    "zoom",
    "archive",
    "archive = { status = \"done\", verified = 2026-11-25, history = [2026-11-20, 2026-11-25] }"
)]
#[case::snooze_a_week("s\n", "zoom", "call_test", "call_test = { snoozed = 2026-12-02 }")]
#[case::snooze_a_month("sm", "zoom", "call_test", "call_test = { snoozed = 2026-12-25 }")]
#[case::snooze_to_a_date(
    "sd+10d\n",
    "zoom",
    "call_test",
    "call_test = { snoozed = 2026-12-05 }"
)]
#[case::not_applicable("x", "zoom", "call_test", "call_test = { status = \"na\" }")]
fn single_keys_record_what_they_say(
    #[case] key: &str,
    #[case] tool: &str,
    #[case] check: &str,
    #[case] expected: &str,
) {
    let mut f = Fixture::sample();
    f.select(tool, check).keys(key);
    f.assert_saved(tool, expected);
}

#[test]
fn x_twice_makes_a_check_apply_again() {
    let mut f = Fixture::sample();
    f.select("facetime", "call_test").keys("x");
    assert!(!f.state().contains("call_test = { status = \"na\" }"));
    assert_eq!(f.selected_standing(), "failing");
}

#[test]
fn text_fields_edit_values_dates_notes_and_reasons() {
    let mut f = Fixture::sample();
    // A naming check's value, validated against the convention.
    f.select("zoom", "display_name").keys("e");
    assert!(matches!(f.app.mode, Mode::Editing(_)));
    f.event(Event::Key(KeyEvent::new(
        KeyCode::Char('u'),
        KeyModifiers::CONTROL,
    )));
    f.keys("Alex Black (MOJ)").press(KeyCode::Enter);
    assert!(matches!(f.app.mode, Mode::Normal));
    assert!(f.state().contains(
        "display_name = { status = \"done\", verified = 2026-11-25, value = \"Alex Black (MOJ)\" }"
    ));
    assert_eq!(f.selected_standing(), "ok");

    // A date: a bad one is refused in the field, and nothing is saved.
    let before = f.state();
    f.select("telegram", "privacy")
        .keys("D")
        .keys("yesterday-ish")
        .press(KeyCode::Enter);
    match &f.app.mode {
        Mode::Editing(e) => assert!(
            e.error.as_deref().unwrap().contains("YYYY-MM-DD"),
            "{:?}",
            e.error
        ),
        other => panic!("still editing, not {other:?}"),
    }
    assert_eq!(f.state(), before);
    f.press(KeyCode::Esc);
    f.keys("D-3d").press(KeyCode::Enter);
    assert!(
        f.state()
            .contains("privacy = { status = \"done\", verified = 2026-11-22 }")
    );

    // A note, and a reason for an accepted risk.
    f.keys("nask the security team").press(KeyCode::Enter);
    assert!(f.state().contains("note = \"ask the security team\""));
    f.select("telegram", "mfa")
        .keys("R")
        .keys("Personal phone only")
        .press(KeyCode::Enter);
    assert!(
        f.state()
            .contains("mfa = { status = \"accepted\", reason = \"Personal phone only\" }")
    );
    // e on a check that has no value says so.
    f.keys("e");
    f.assert_status("edits the value of a naming check");
}

#[test]
fn undo_takes_back_every_change_of_the_session_in_order() {
    let mut f = Fixture::sample();
    let original = f.state();
    f.select("telegram", "mfa").keys(" ");
    f.select("telegram", "photo").keys(" ");
    f.select("zoom", "call_test").keys("x");
    assert_eq!(f.app.undo.len(), 3);
    f.keys("u");
    assert!(f.status().starts_with("Undone:"), "{}", f.status());
    f.keys("uu");
    assert_eq!(f.app.undo.len(), 0);
    // Every entry is back as it was; the file is the same but for the day's
    // score, which records that something changed today.
    let without_scores = |text: &str| {
        let start = text.find("\n[scores]\n").unwrap_or(text.len());
        let end = text[start..]
            .find("\n[tools.")
            .map_or(text.len(), |e| start + e);
        format!("{}{}", &text[..start], &text[end..])
    };
    assert_eq!(without_scores(&f.state()), original);
    assert!(f.state().contains("2026-11-25 = { score = 75"));
    f.keys("u");
    assert_eq!(f.status(), "Nothing to undo");
}

#[test]
fn filter_narrows_the_rows_and_esc_clears_it_before_quitting() {
    let mut f = Fixture::sample();
    f.keys("/goo");
    assert!(matches!(f.app.mode, Mode::Filtering(_)));
    assert_eq!(f.app.visible_rows().len(), 1);
    assert_eq!(f.selected().0, "google-meet");
    f.press(KeyCode::Enter);
    assert!(matches!(f.app.mode, Mode::Normal));
    assert_eq!(f.app.dashboard.filter, "goo");
    f.press(KeyCode::Esc);
    assert!(f.app.dashboard.filter.is_empty() && !f.app.quit);
    assert_eq!(f.app.visible_rows().len(), 12);
    f.keys("o");
    assert!(f.app.dashboard.only_problems);
    let shown = f.app.visible_rows().len();
    assert!(shown < 12 && shown > 0, "{shown}");
    f.keys("o");
    f.press(KeyCode::Esc);
    assert!(f.app.quit);
}

#[test]
fn q_and_ctrl_c_quit() {
    let mut f = Fixture::sample();
    f.keys("q");
    assert!(f.app.quit);
    let mut f = Fixture::sample();
    f.keys("/sl");
    f.event(Event::Key(KeyEvent::new(
        KeyCode::Char('c'),
        KeyModifiers::CONTROL,
    )));
    assert!(!f.app.quit, "ctrl-c leaves a text field first");
    f.event(Event::Key(KeyEvent::new(
        KeyCode::Char('c'),
        KeyModifiers::CONTROL,
    )));
    assert!(f.app.quit);
}

#[test]
fn tab_cycles_views_and_enter_in_actions_goes_to_the_item() {
    let mut f = Fixture::sample();
    f.press(KeyCode::Tab);
    assert_eq!(f.app.view, View::Actions);
    let first = f.app.review.items[f.app.actions[0]].clone();
    f.press(KeyCode::Enter);
    assert_eq!(f.app.view, View::Dashboard);
    assert_eq!(
        (f.app.dashboard.tool, f.app.dashboard.check),
        (Some(first.tool), Some(first.check))
    );
    f.press(KeyCode::BackTab);
    assert_eq!(f.app.view, View::Tools);
    f.press(KeyCode::Tab);
    assert_eq!(f.app.view, View::Dashboard);
}

#[test]
fn space_in_the_actions_view_acts_on_the_listed_item() {
    let mut f = Fixture::sample();
    f.press(KeyCode::Tab).keys(" ");
    f.assert_saved(
        "whatsapp",
        "call_password = { status = \"done\", verified = 2026-11-25 }",
    );
}

#[test]
fn the_tools_view_starts_and_stops_tracking_and_undo_puts_it_back_in_place() {
    let mut f = Fixture::sample();
    f.press(KeyCode::BackTab);
    assert_eq!(f.app.view, View::Tools);
    // Skype for Business is the sixth tool in the catalog and not tracked.
    f.keys("jjjjj");
    f.press(KeyCode::Enter);
    let config = std::fs::read_to_string(f.path("config.toml")).unwrap();
    assert!(
        config.contains("\"slido\", \"skype-business\"]"),
        "{config}"
    );
    f.assert_status("Now tracking skype-business");
    assert_eq!(f.app.review.rows.len(), 13);
    // Stop tracking Slack (second), then undo: it returns to second place.
    f.keys("gj").press(KeyCode::Enter);
    assert!(
        !std::fs::read_to_string(f.path("config.toml"))
            .unwrap()
            .contains("\"slack\"")
    );
    f.keys("u");
    let config = std::fs::read_to_string(f.path("config.toml")).unwrap();
    assert!(
        config.contains("track = [\"whatsapp\", \"slack\", \"teams\""),
        "{config}"
    );
    f.keys("u");
    assert!(
        !std::fs::read_to_string(f.path("config.toml"))
            .unwrap()
            .contains("skype-business")
    );
}

#[test]
fn a_failed_save_is_shown_and_not_pretended() {
    let mut f = Fixture::sample();
    std::fs::write(f.path("state.toml"), "version = 1\n[tools.slack\n").unwrap();
    let before = f.app.session.state.clone();
    f.select("telegram", "mfa").keys(" ");
    let status = f.app.status.clone().unwrap();
    assert!(status.error);
    assert!(status.text.starts_with("not saved: "), "{}", status.text);
    assert!(status.text.contains("state.toml:2:"), "{}", status.text);
    assert_eq!(f.app.session.state, before, "the model did not change");
    assert_eq!(
        std::fs::read_to_string(f.path("state.toml")).unwrap(),
        "version = 1\n[tools.slack\n",
        "the file is untouched"
    );
    assert!(f.app.undo.is_empty());
}

#[test]
fn a_held_lock_is_reported_on_the_status_line() {
    let mut f = Fixture::sample();
    let _held = hygiene_core::store::lock(&f.path("state.toml"), std::time::Duration::from_secs(1))
        .unwrap();
    f.select("telegram", "mfa").keys(" ");
    f.assert_status("is locked by another hygiene process");
}

#[test]
fn a_change_made_elsewhere_is_kept_when_the_dashboard_saves() {
    let mut f = Fixture::sample();
    // Another process records something the dashboard has not seen.
    let mut state = f.state();
    state = state.replace(
        "[tools.zoom]\n",
        "[tools.zoom]\ncall_test = { status = \"na\" }\n",
    );
    std::fs::write(f.path("state.toml"), state).unwrap();
    f.select("telegram", "mfa").keys(" ");
    let now = f.state();
    assert!(
        now.contains("call_test = { status = \"na\" }"),
        "the outside change survives"
    );
    assert!(
        section(&now, "telegram")
            .unwrap()
            .contains("mfa = { status = \"done\"")
    );
    assert_eq!(
        f.app
            .standing(
                f.app.session.catalog.tool("zoom").unwrap(),
                f.app.session.catalog.check("call_test").unwrap()
            )
            .unwrap()
            .name(),
        "not_applicable"
    );
}

#[test]
fn a_click_selects_a_cell() {
    let mut f = Fixture::sample();
    // Row 3 of the matrix (Zoom) under two label lines; the third check column.
    let column = 17 + 2 * 3 + 1;
    let row = 2 + 2 + 3;
    f.event(Event::Mouse(MouseEvent {
        kind: MouseEventKind::Down(MouseButton::Left),
        column,
        row,
        modifiers: KeyModifiers::NONE,
    }));
    assert_eq!(f.selected(), ("zoom".into(), "work_account".into()));
    // A click on a tab switches the view.
    f.event(Event::Mouse(MouseEvent {
        kind: MouseEventKind::Down(MouseButton::Left),
        column: 16,
        row: 1,
        modifiers: KeyModifiers::NONE,
    }));
    assert_eq!(f.app.view, View::Actions);
}

#[test]
fn the_selection_stays_on_screen_when_moving_and_resizing() {
    let mut f = Fixture::sample();
    f.keys("G");
    // 80x24 shows eight rows of the matrix; the last row is in view.
    assert_eq!(f.app.dashboard.scroll, 12 - 8);
    f.resize(120, 40);
    f.keys("g");
    assert_eq!(f.app.dashboard.scroll, 0);
    let screen = screen(&f.render(120, 40));
    assert!(screen.contains("Slido"));
}

#[test]
fn the_first_run_asks_who_and_which_tools_then_writes_the_config() {
    let mut f = Fixture::with("", None);
    std::fs::remove_file(f.path("config.toml")).unwrap();
    f.app = load(f.dir.path());
    assert!(matches!(f.app.mode, Mode::Onboarding(_)));
    f.keys("Alex")
        .press(KeyCode::Enter)
        .keys("Black")
        .press(KeyCode::Enter);
    f.press(KeyCode::Esc);
    f.press(KeyCode::Enter).keys("MOJ").press(KeyCode::Enter);
    f.keys(" j ");
    f.press(KeyCode::Enter);
    assert!(matches!(f.app.mode, Mode::Normal));
    let config = std::fs::read_to_string(f.path("config.toml")).unwrap();
    assert!(
        config.contains("track = [\"whatsapp\", \"slack\"]"),
        "{config}"
    );
    assert!(
        config.contains("first = \"Alex\"\nlast = \"Black\"\norg = \"MOJ\""),
        "{config}"
    );
    assert_eq!(f.app.review.rows.len(), 2);
    assert_eq!(f.selected(), ("whatsapp".into(), "mfa".into()));
    // The first review is one key away: every check, not reviewed yet.
    f.assert_status("Config written. r: your first review, one card at a time");
    f.keys("r");
    let guided = f.app.guided.as_ref().expect("the review");
    assert_eq!(guided.queue.len(), f.app.review.summary.total());
}

#[test]
fn esc_on_the_first_question_leaves_without_writing_anything() {
    let mut f = Fixture::with("", None);
    std::fs::remove_file(f.path("config.toml")).unwrap();
    f.app = load(f.dir.path());
    f.press(KeyCode::Esc);
    assert!(f.app.quit);
    assert!(!f.path("config.toml").exists());
}

#[test]
fn private_notes_show_until_the_next_key_and_are_written_to_the_keyring_only() {
    let mut f = Fixture::sample();
    f.select("slack", "mfa")
        .keys("P")
        .keys("codes in the grey safe")
        .press(KeyCode::Enter);
    f.assert_status("Private note for slack saved");
    assert!(f.state().contains("private_notes = [\"slack\"]"));
    assert!(!f.state().contains("grey safe"));
    f.keys("p");
    match &f.app.mode {
        Mode::Revealed { text, .. } => assert_eq!(text, "codes in the grey safe"),
        other => panic!("revealed, not {other:?}"),
    }
    assert!(screen(&f.render(80, 24)).contains("codes in the grey safe"));
    f.keys("j");
    assert!(matches!(f.app.mode, Mode::Normal));
    assert_eq!(
        f.selected().0,
        "slack",
        "the key that hides it does nothing else"
    );
    assert!(
        !screen(&f.render(80, 24)).contains("grey safe"),
        "gone from the screen"
    );
    f.select("whatsapp", "mfa").keys("p");
    f.assert_status("No private note for whatsapp");
}

// ---------------------------------------------------------------------------
// Rendered screens

/// Each view of the sample at every size from the smallest (below the
/// minimum: "make the window larger") to a wide one, against its snapshot
/// (`tests/it/snapshots/it__tui__NAME_WxH.snap`).
#[rstest]
fn views(
    #[values(
        "dashboard",
        "detail",
        "actions",
        "tools",
        "help",
        "editing",
        "snoozing",
        "accepting"
    )]
    name: &str,
    #[values((40, 10), (60, 16), (80, 24), (120, 40), (200, 60))] size: (u16, u16),
) {
    let (width, height) = size;
    let mut f = Fixture::sample();
    f.resize(width, height);
    match name {
        "dashboard" => {}
        // A name that breaks the convention.
        "detail" => {
            f.select("zoom", "display_name");
        }
        "actions" => {
            f.press(KeyCode::Tab);
        }
        "tools" => {
            f.press(KeyCode::BackTab);
        }
        "help" => {
            f.keys("?");
        }
        "editing" => {
            f.select("zoom", "display_name").keys("e");
        }
        "snoozing" => {
            f.select("twitter", "mfa").keys("s");
        }
        "accepting" => {
            f.select("twitter", "mfa").keys("R");
        }
        _ => unreachable!("a view listed above"),
    }
    insta::assert_snapshot!(
        format!("{name}_{width}x{height}"),
        screen(&f.render(width, height))
    );
}

#[test]
fn any_key_closes_the_help_and_does_nothing_else() {
    let mut f = Fixture::sample();
    f.keys("?x");
    assert!(matches!(f.app.mode, Mode::Normal));
    assert!(f.app.undo.is_empty());
}

#[rstest]
#[case(80, 24)]
#[case(120, 40)]
fn onboarding(#[case] width: u16, #[case] height: u16) {
    // Paths that do not exist, so the screen is the same on every machine;
    // nothing is written before the form is finished.
    let mut f = Fixture::with("", None);
    f.app = load_paths(
        PathBuf::from("/home/alex/.config/hygiene/config.toml"),
        PathBuf::from("/home/alex/.local/share/hygiene/state.toml"),
    );
    f.resize(width, height)
        .keys("Alex")
        .press(KeyCode::Enter)
        .keys("Black");
    insta::assert_snapshot!(
        format!("onboarding_{width}x{height}"),
        screen(&f.render(width, height))
    );
}

#[test]
fn the_first_run_list_says_what_is_above_and_below_the_screen() {
    let mut f = Fixture::with("", None);
    f.app = load_paths(
        PathBuf::from("/home/alex/.config/hygiene/config.toml"),
        PathBuf::from("/home/alex/.local/share/hygiene/state.toml"),
    );
    f.resize(80, 24).keys("Alex\nBlack\nMOJ\n");
    let shown = screen(&f.render(80, 24));
    assert!(shown.contains("↓ 10 more below"), "{shown}");
    for _ in 0..20 {
        f.press(KeyCode::Down);
    }
    let shown = screen(&f.render(80, 24));
    assert!(shown.contains("↑ 10 more above"), "{shown}");
    assert!(!shown.contains("more below"), "{shown}");
}

#[rstest]
#[case(40, 10)]
#[case(59, 24)]
#[case(80, 15)]
fn too_small(#[case] width: u16, #[case] height: u16) {
    let mut f = Fixture::sample();
    f.resize(width, height);
    let text = screen(&f.render(width, height));
    assert!(text.contains("Make the window larger"), "{text}");
    assert!(text.contains(&format!("{width}×{height}")));
    if (width, height) == (40, 10) {
        insta::assert_snapshot!("too_small_40x10", text);
    }
}

#[test]
fn no_tools_tracked_yet() {
    let mut f = Fixture::with("[identity]\nfirst = \"Sam\"\n", None);
    for (width, height) in [(60, 16), (80, 24)] {
        f.resize(width, height);
        let shown = screen(&f.render(width, height));
        assert!(shown.contains("shell."), "the whole text shows: {shown}");
        insta::assert_snapshot!(format!("empty_{width}x{height}"), shown);
    }
}

#[test]
fn wide_and_long_names_are_cut_cleanly() {
    let config = r#"track = ["wechat", "crab", "long"]

[tools.wechat]
name = "微信企业版 WeChat Work"
checks = ["mfa", "display_name"]
naming = "{first} {last}"

[tools.crab]
name = "🦀 Crab Chat for everyone in the building"
checks = ["mfa"]

[tools.long]
name = "A tool with a very long name indeed"
checks = ["mfa", "archive"]
"#;
    let mut f = Fixture::with(config, None);
    f.resize(80, 24);
    let terminal = f.render(80, 24);
    let text = screen(&terminal);
    insta::assert_snapshot!("wide_names_80x24", text);
    // No cell holds half of a wide character: each wide one is followed by its blank.
    let buffer = terminal.backend().buffer();
    for y in 0..buffer.area.height {
        let mut x = 0;
        while x < buffer.area.width {
            let symbol = buffer[(x, y)].symbol();
            let w = unicode_width::UnicodeWidthStr::width(symbol).max(1) as u16;
            x += w;
        }
        assert_eq!(x, buffer.area.width, "row {y} lines up");
    }
}

#[test]
fn custom_keys_show_in_the_hint_bar_and_the_help() {
    let config = std::fs::read_to_string(Path::new(SAMPLE).join("config.toml")).unwrap()
        + "\n[keys]\ntoggle = \"t\"\nquit = [\"Q\", \"esc\"]\nhelp = \"f1\"\n";
    let state = std::fs::read_to_string(Path::new(SAMPLE).join("state.toml")).unwrap();
    let mut f = Fixture::with(&config, Some(&state));
    let text = screen(&f.render(80, 24));
    let hints = text.lines().last().unwrap().to_string();
    insta::assert_snapshot!("custom_keys_hints_80x24", hints);
    assert!(
        hints.contains("t done") && hints.contains("Q quit") && hints.contains("f1 help"),
        "{hints}"
    );
    f.keys(" ");
    assert_eq!(f.app.undo.len(), 0, "space is no longer bound");
    f.select("telegram", "mfa").keys("t");
    assert_eq!(f.app.undo.len(), 1);
    f.event(Event::Key(KeyEvent::new(KeyCode::F(1), KeyModifiers::NONE)));
    // The help scrolls to its last keys.
    f.keys("jjjjjj");
    assert!(screen(&f.render(80, 24)).contains("Q/esc"));
}

#[test]
fn colours_carry_meaning_and_symbols_carry_it_without_colour() {
    let mut f = Fixture::sample();
    let terminal = f.render(80, 24);
    let buffer = terminal.backend().buffer();
    // Yammer (sixth row) is overdue on its archive (twelfth column): a red block.
    let (x, y) = (17 + 11 * 3 + 1, 2 + 2 + 5);
    assert_eq!(buffer[(x, y)].symbol(), "!");
    assert_eq!(buffer[(x, y)].bg, Color::Red);
    assert_eq!(buffer[(x - 1, y)].bg, Color::Red, "the whole cell");
    // A done check is green, a failing one red, due soon yellow.
    assert_eq!(buffer[(18, 4)].symbol(), "✓");
    assert_eq!(buffer[(18, 4)].fg, Color::Green);
    // Never reviewed since its first review was due: overdue, a red block.
    let never = (17 + 12 * 3 + 1, 4);
    assert_eq!(buffer[never].symbol(), "!");
    assert_eq!(buffer[never].bg, Color::Red);
    // The overdue row's name stands out.
    assert_eq!(buffer[(2, y)].fg, Color::Red);
    // The selected cell is reversed.
    assert!(
        buffer[(18, 4)]
            .modifier
            .contains(ratatui::style::Modifier::REVERSED)
    );

    f.app.color = false;
    let plain = f.render(80, 24);
    let buffer = plain.backend().buffer();
    for cell in buffer.content() {
        assert_eq!(cell.fg, Color::Reset, "no colour with NO_COLOR");
        assert_eq!(cell.bg, Color::Reset);
    }
    assert_eq!(
        screen(&terminal),
        screen(&plain),
        "the same symbols and text"
    );
}

/// Text from the files reaches the screen with its control, bidi and
/// zero-width characters shown as marks, through the same function as the
/// command line's.
#[test]
fn text_from_the_files_is_shown_with_hidden_characters_made_visible() {
    let mut f = Fixture::with(
        "track = [\"slack\"]\n[identity]\nfirst = \"Alex\"\n",
        Some(
            "version = 1\n[tools.slack]\nmfa = { status = \"done\", verified = 2026-11-01, note = \"a\\u001b]0;x\\u0007b\\u202ec\\u200bd\" }\n",
        ),
    );
    f.select("slack", "mfa");
    let terminal = f.render(120, 40);
    let screen: String = terminal
        .backend()
        .buffer()
        .content()
        .iter()
        .map(ratatui::buffer::Cell::symbol)
        .collect();
    assert!(screen.contains("a␛]0;x␇b<U+202E>c<U+200B>d"), "{screen}");
    assert!(!screen.chars().any(hygiene_core::text::is_hidden));
}

/// A name the config's loader would refuse is refused in the first-run form
/// too, with the reason on screen, so the config it writes always loads.
#[test]
fn onboarding_refuses_a_name_the_config_could_not_hold() {
    let mut f = Fixture::with("", None);
    f.app.mode = Mode::Onboarding(hygiene::tui::app::Onboarding::new(
        f.app.session.catalog.tools.len(),
    ));
    f.event(Event::Paste("Al".into()));
    f.event(Event::Paste("\u{202e}ex".into()));
    f.press(KeyCode::Enter);
    let Mode::Onboarding(form) = &f.app.mode else {
        panic!("still in the form")
    };
    assert_eq!(
        form.step,
        hygiene::tui::app::FormStep::First,
        "stays on the first name"
    );
    f.assert_status("`first` holds a control or invisible character");
    // An empty name would leave "{first}" in every expected name.
    let mut f = Fixture::with("", None);
    f.app.mode = Mode::Onboarding(hygiene::tui::app::Onboarding::new(
        f.app.session.catalog.tools.len(),
    ));
    f.keys("   ").press(KeyCode::Enter);
    let Mode::Onboarding(form) = &f.app.mode else {
        panic!("still in the form")
    };
    assert_eq!(
        form.step,
        hygiene::tui::app::FormStep::First,
        "an empty first name is refused"
    );
    f.assert_status("your first name is needed");
}
mod cards;
mod incident;
mod review;
mod rules;

#[test]
fn growing_the_window_never_leaves_empty_rows_below_hidden_ones() {
    let mut f = Fixture::sample();
    f.keys("G");
    assert!(
        f.app.dashboard.scroll > 0,
        "at 80x24 the last rows need a scroll"
    );
    f.resize(120, 40);
    assert_eq!(f.app.dashboard.scroll, 0, "every tool fits now");
    let shown = screen(&f.render(120, 40));
    assert!(shown.contains("WhatsApp"), "{shown}");
    assert!(
        shown.contains("› Slido") || shown.contains("›!Slido"),
        "{shown}"
    );
    // The same on the lists.
    f.resize(80, 24).press(KeyCode::Tab).keys("G");
    assert!(f.app.actions_view.scroll > 0);
    f.resize(120, 80);
    assert_eq!(f.app.actions_view.scroll, 0);
    f.resize(80, 24).press(KeyCode::Tab).keys("G");
    let scrolled = f.app.tools_view.scroll;
    assert!(scrolled > 0);
    f.resize(120, 80);
    assert_eq!(f.app.tools_view.scroll, 0);
    // One tool: "1 tool", not "1 tools".
    let f = Fixture::with("track = [\"slack\"]\n", None);
    assert!(screen(&f.render(80, 24)).contains(" 1 tool "));
}

#[test]
fn the_help_scrolls_and_explains_every_symbol_and_column() {
    for (width, height) in [(60, 16), (80, 24), (120, 40)] {
        let mut f = Fixture::sample();
        f.resize(width, height).keys("?");
        let mut seen = String::new();
        for _ in 0..60 {
            seen.push_str(&screen(&f.render(width, height)));
            f.keys("j");
        }
        for expected in [
            "move up",
            "quit",
            "✓  ok: done",
            "?  unreviewed",
            "○  you marked it not applicable",
            "·  the check does not apply to this tool",
            "MFA  Multi-factor authentication",
            "Tst  Service tested and features understood",
        ] {
            assert!(
                seen.contains(expected),
                "{width}x{height}: {expected}\n{seen}"
            );
        }
        // Any other key closes it.
        f.keys("x");
        assert!(matches!(f.app.mode, Mode::Normal));
    }
}

#[test]
fn brackets_jump_between_cells_that_need_action_and_h_l_skip_what_does_not_apply() {
    let mut f = Fixture::sample();
    let columns = f.app.review.columns.clone();
    let whatsapp = f.app.session.catalog.tool("whatsapp").unwrap();
    // WhatsApp has no job title: moving right over it lands on the next check.
    let job = f.app.session.catalog.check("job_title").unwrap();
    assert!(f.app.item(whatsapp, job).is_none());
    let at = columns.iter().position(|&c| c == job).unwrap();
    f.app.dashboard.check = Some(columns[at - 1]);
    f.keys("l");
    assert_eq!(f.app.dashboard.check, Some(columns[at + 1]));
    f.keys("h");
    assert_eq!(f.app.dashboard.check, Some(columns[at - 1]));
    // ] goes to the next cell that needs action, across rows; [ comes back.
    f.keys("g").press(KeyCode::Home);
    f.app.dashboard.check = Some(columns[0]);
    // Every such cell of the matrix (a shared check shows on each of its tools).
    let expected = f
        .app
        .review
        .items
        .iter()
        .filter(|i| i.standing.needs_action())
        .count();
    let mut visited = Vec::new();
    for _ in 0..=expected {
        f.keys("]");
        let (tool, check) = f.cell();
        assert!(f.app.item(tool, check).unwrap().standing.needs_action());
        visited.push((tool, check));
    }
    let mut distinct = visited[..expected].to_vec();
    distinct.sort_unstable();
    distinct.dedup();
    assert_eq!(distinct.len(), expected, "each once");
    assert_eq!(visited[expected], visited[0], "then round again");
    let here = *visited.last().unwrap();
    f.keys("]").keys("[");
    assert_eq!(f.cell(), here);
}

#[test]
fn the_name_and_organisation_can_be_changed_from_the_dashboard() {
    let mut f = Fixture::sample();
    f.keys("I");
    assert!(matches!(f.app.mode, Mode::Identity(_)));
    insta::assert_snapshot!("identity_80x24", screen(&f.render(80, 24)));
    // First and last stay; the organisation changes.
    f.press(KeyCode::Enter).press(KeyCode::Enter);
    for _ in 0..3 {
        f.press(KeyCode::Backspace);
    }
    f.press(KeyCode::Enter);
    f.assert_status("your organisation is needed");
    f.keys("HMRC").press(KeyCode::Enter);
    assert!(matches!(f.app.mode, Mode::Normal));
    let config = std::fs::read_to_string(f.path("config.toml")).unwrap();
    assert!(config.contains("org = \"HMRC\""), "{config}");
    assert!(config.contains("first = \"Alex\""), "{config}");
    assert_eq!(f.app.session.settings.identity.org.as_deref(), Some("HMRC"));
    f.assert_status("Names are now checked for Alex Black (HMRC)");
    // The naming checks follow: Slack's name was recorded for MOJ.
    let slack = f.app.session.catalog.tool("slack").unwrap();
    let name = f.app.session.catalog.check("display_name").unwrap();
    assert_eq!(f.app.standing(slack, name).unwrap().name(), "failing");
    // Esc on the first field leaves the config as it is.
    f.keys("I").press(KeyCode::Esc);
    assert!(matches!(f.app.mode, Mode::Normal));
}

#[test]
fn a_tall_screen_labels_the_columns_in_words_and_clicks_still_land() {
    let mut f = Fixture::sample();
    f.resize(120, 40);
    let shown = screen(&f.render(120, 40));
    for words in [
        "Work account",
        "Safety codes",
        "Official app",
        "External users",
        "Call password",
    ] {
        assert!(shown.contains(words), "{words}\n{shown}");
    }
    // Five label lines: the first tool's row is the seventh line of the screen.
    let row = shown.lines().position(|l| l.contains("WhatsApp")).unwrap() as u16;
    assert_eq!(row, 7);
    // A click on Slack's second cell selects it.
    let first_cell = shown.lines().nth(usize::from(row) + 1).unwrap();
    let first_cell = first_cell.chars().position(|c| c == '✓').unwrap() as u16;
    f.event(Event::Mouse(ratatui::crossterm::event::MouseEvent {
        kind: ratatui::crossterm::event::MouseEventKind::Down(
            ratatui::crossterm::event::MouseButton::Left,
        ),
        column: first_cell + 3,
        row: 8,
        modifiers: KeyModifiers::NONE,
    }));
    assert_eq!(f.selected(), ("slack".into(), "password".into()));
    // A short screen keeps the three-letter codes.
    f.resize(80, 24);
    let shown = screen(&f.render(80, 24));
    assert!(shown.contains(" Wrk "), "{shown}");
}

#[test]
fn the_actions_tab_counts_what_the_header_counts_and_names_the_unreviewed_apart() {
    // Day one: nothing is wrong, everything is to review.
    let f = Fixture::with("track = [\"slack\", \"zoom\"]\n", None);
    let unreviewed = f
        .app
        .review
        .summary
        .get(hygiene_core::engine::StandingKind::Unreviewed);
    assert!(unreviewed > 10);
    assert_eq!(f.app.review.summary.to_do(), 0);
    let wide = screen(&f.render(120, 40));
    assert!(
        wide.contains("0 overdue · 0 failing · 0 due soon"),
        "{wide}"
    );
    assert!(
        wide.contains(&format!(" Actions 0 · {unreviewed} unreviewed ")),
        "{wide}"
    );
    let narrow = screen(&f.render(80, 24));
    assert!(
        narrow.contains(&format!(" Actions 0 +{unreviewed} ")),
        "{narrow}"
    );
    // The sample: the tab's number is the header's counts added up.
    let f = Fixture::sample();
    let summary = &f.app.review.summary;
    let header: usize = hygiene_core::engine::StandingKind::TO_DO
        .iter()
        .map(|&k| summary.get(k))
        .sum();
    let shown = screen(&f.render(120, 40));
    assert!(shown.contains(&format!(" Actions {header} · ")), "{shown}");
    assert_eq!(
        f.app.actions.len(),
        header + summary.get(hygiene_core::engine::StandingKind::Unreviewed)
    );
}
