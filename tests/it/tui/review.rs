//! The guided review: `r` on the dashboard (and `hygiene review`), a card per
//! item, one key per answer, each saved at once, and the summary.

use ratatui::crossterm::event::KeyCode;

use super::{Fixture, screen};
use hygiene::tui::app::{Mode, Step};
use hygiene::tui::update::review;

impl Fixture {
    /// The card on screen: (tool id, check id).
    fn card(&self) -> (String, String) {
        let guided = self.app.guided.as_ref().expect("a review is on");
        let (tool, check) = guided.current().expect("a card");
        let catalog = &self.app.session.catalog;
        (
            catalog.tools[tool].id.clone(),
            catalog.checks[check].id.clone(),
        )
    }

    /// A review of `tool` only, moved on to its `check`'s card.
    fn review_card(&mut self, tool: &str, check: &str) -> &mut Fixture {
        let t = self.app.session.catalog.tool(tool).unwrap();
        review::start(&mut self.app, false, Some(t), None);
        while self.card() != (tool.to_string(), check.to_string()) {
            let before = self.app.guided.as_ref().unwrap().position;
            self.keys("l");
            assert_ne!(
                self.app.guided.as_ref().unwrap().position,
                before,
                "no card for {tool} {check}"
            );
        }
        self
    }

    fn step(&self) -> Step {
        self.app.guided.as_ref().unwrap().step.clone()
    }
}

fn card(tool: &str, check: &str) -> (String, String) {
    (tool.to_string(), check.to_string())
}

#[test]
fn r_walks_through_what_needs_attention_most_urgent_first() {
    let mut f = Fixture::sample();
    f.keys("r");
    assert!(matches!(f.app.mode, Mode::Review));
    let guided = f.app.guided.clone().unwrap();
    // The one order of every list: overdue, then failing, then due soon, then
    // unreviewed; each shared account's check once.
    let kinds: Vec<&str> = guided
        .queue
        .iter()
        .map(|&(t, c)| f.app.item(t, c).unwrap().standing.name())
        .collect();
    let first = |name: &str| kinds.iter().position(|k| *k == name).unwrap();
    let last = |name: &str| kinds.iter().rposition(|k| *k == name).unwrap();
    assert!(last("overdue") < first("failing"), "{kinds:?}");
    assert!(last("failing") < first("due_soon"), "{kinds:?}");
    assert!(last("due_soon") < first("unreviewed"), "{kinds:?}");
    // The same order as the actions view and `status`.
    let order: Vec<_> = hygiene_core::engine::worst_first(&f.app.review)
        .into_iter()
        .filter(|&i| f.app.review.items[i].standing.needs_action())
        .map(|i| (f.app.review.items[i].tool, f.app.review.items[i].check))
        .collect();
    assert_eq!(guided.queue, order);
    assert_eq!(
        kinds.len(),
        f.app.review.summary.total()
            - f.app
                .review
                .summary
                .get(hygiene_core::engine::StandingKind::Ok)
            - f.app
                .review
                .summary
                .get(hygiene_core::engine::StandingKind::Snoozed)
            - f.app
                .review
                .summary
                .get(hygiene_core::engine::StandingKind::NotApplicable)
            - f.app
                .review
                .summary
                .get(hygiene_core::engine::StandingKind::Accepted)
    );
    let mut seen = guided.queue.clone();
    seen.sort_unstable();
    seen.dedup();
    assert_eq!(seen.len(), guided.queue.len(), "no card twice");
    // Teams and Yammer sign in with one Microsoft 365 account: its checks
    // come once.
    let catalog = &f.app.session.catalog;
    let mut accounts: Vec<_> = guided
        .queue
        .iter()
        .filter_map(|&(t, c)| catalog.account_of(t, c).map(|a| (a, c)))
        .collect();
    let shared = accounts.len();
    accounts.sort_unstable();
    accounts.dedup();
    assert!(shared > 0, "the sample has shared checks to review");
    assert_eq!(accounts.len(), shared, "each account's check once");
    assert_eq!(
        f.card(),
        card("whatsapp", "call_password"),
        "the longest overdue item, the heaviest first"
    );
}

#[test]
fn each_answer_is_saved_at_once_and_moves_on() {
    let mut f = Fixture::sample();
    f.keys("r");
    // y: done today.
    f.keys("y");
    f.assert_saved(
        "whatsapp",
        "call_password = { status = \"done\", verified = 2026-11-25 }",
    );
    let second = f.card();
    assert_eq!(f.app.guided.as_ref().unwrap().position, 1);
    // n: not done, kept as an answer.
    f.keys("n");
    f.assert_saved(
        &second.0,
        &format!("{} = {{ status = \"todo\" }}", second.1),
    );
    // x: does not apply.
    let third = f.card();
    f.keys("x");
    f.assert_saved(&third.0, &format!("{} = {{ status = \"na\" }}", third.1));
    // s: a period to choose, a week by default; m a month.
    let fourth = f.card();
    f.keys("s");
    assert_eq!(
        f.step(),
        Step::Snooze(hygiene::tui::app::SnoozeChoice::Week)
    );
    f.keys("m");
    f.assert_saved(
        &fourth.0,
        &format!("{} = {{ snoozed = 2026-12-25 }}", fourth.1),
    );
    // R: the reason, typed, then saved.
    let fifth = f.card();
    f.keys("R");
    assert!(matches!(f.app.mode, Mode::Editing(_)));
    f.keys("covered by the team").press(KeyCode::Enter);
    assert!(matches!(f.app.mode, Mode::Review));
    f.assert_saved(
        &fifth.0,
        &format!(
            "{} = {{ status = \"accepted\", reason = \"covered by the team\" }}",
            fifth.1
        ),
    );
    assert_eq!(f.app.guided.as_ref().unwrap().answered_count(), 5);
    // u: the last answer taken back, and its card on screen again.
    f.keys("u");
    assert_eq!(f.card(), fifth);
    assert_eq!(f.app.guided.as_ref().unwrap().answered_count(), 4);
    assert!(!f.state().contains("covered by the team"));
    // enter and l skip, h goes back; nothing is saved.
    let state = f.state();
    f.press(KeyCode::Enter).keys("l");
    assert_eq!(f.app.guided.as_ref().unwrap().position, 6);
    f.keys("hh");
    assert_eq!(f.card(), fifth);
    assert_eq!(f.state(), state);
}

#[test]
fn snoozing_what_is_in_good_standing_is_refused_on_the_card() {
    let mut f = Fixture::sample();
    let whatsapp = f.app.session.catalog.tool("whatsapp").unwrap();
    review::start(&mut f.app, true, Some(whatsapp), None);
    while f.card() != card("whatsapp", "mfa") {
        f.keys("l");
    }
    f.keys("s");
    assert_eq!(f.step(), Step::Card);
    f.assert_status("nothing to snooze");
}

#[test]
fn e_edits_a_name_with_the_verdict_as_it_is_typed() {
    let mut f = Fixture::sample();
    f.review_card("zoom", "display_name");
    f.keys("e");
    let Mode::Editing(editing) = &f.app.mode else {
        panic!("the editor")
    };
    assert_eq!(editing.input.value(), "Alex B");
    f.press(KeyCode::End);
    f.keys("lack (MOJ)");
    let Mode::Editing(editing) = &f.app.mode else {
        panic!("the editor")
    };
    assert!(editing.verdict.as_ref().unwrap().1, "{editing:?}");
    f.press(KeyCode::Enter);
    f.assert_saved(
        "zoom",
        "display_name = { status = \"done\", verified = 2026-11-25, value = \"Alex Black (MOJ)\" }",
    );
    assert!(matches!(f.app.mode, Mode::Review));
}

#[test]
fn the_end_shows_the_answers_the_score_and_what_is_left_then_the_dashboard() {
    let mut f = Fixture::sample();
    let before = f.app.review.score;
    f.keys("r").keys("y").keys("q");
    assert!(matches!(f.step(), Step::Summary { .. }));
    let shown = screen(&f.render(80, 24));
    assert!(
        shown.contains("1 of 45 answered · took under a minute"),
        "{shown}"
    );
    assert!(
        shown.contains(&format!(
            "Score {}/100 → {}/100",
            before.unwrap(),
            f.app.review.score.unwrap()
        )),
        "{shown}"
    );
    assert!(shown.contains("Still to do (36):"), "{shown}");
    assert!(
        shown.contains("… and 23 more: the Actions view lists them all"),
        "{shown}"
    );
    f.keys("x");
    assert!(f.app.guided.is_none());
    assert!(matches!(f.app.mode, Mode::Normal));
    // Ended early: what is left is still to review, and the checks
    // answered "not done" are to fix.
    let shown = screen(&f.render(120, 40));
    assert!(shown.contains("next review: now (r) · 2 to fix"), "{shown}");
    assert!(!f.state().contains("last_review"), "{}", f.state());
}

#[test]
fn a_review_gone_through_to_the_end_is_recorded_and_the_next_counts_from_it() {
    let mut f = Fixture::with(
        "track = [\"facebook\"]\n",
        Some("version = 2\n[tracked]\nfacebook = 2026-10-01\n"),
    );
    assert!(screen(&f.render(120, 40)).contains("next review: now (r)"));
    f.keys("r");
    // Not done, then done for every other card, to the end.
    f.keys("n");
    for _ in 0..50 {
        if !matches!(f.step(), Step::Card) {
            break;
        }
        f.keys("y");
    }
    assert!(
        matches!(f.step(), Step::Summary { .. }),
        "{}",
        screen(&f.render(80, 24))
    );
    f.keys(" ");
    assert!(
        f.state().contains("\nlast_review = 2026-11-25\n"),
        "{}",
        f.state()
    );
    let shown = screen(&f.render(120, 40));
    assert!(
        shown.contains("last review 2026-11-25 · next review 2026-12-25 · 1 to fix"),
        "{shown}"
    );
    assert!(shown.contains("· 1 to fix"), "{shown}");
    assert!(!shown.contains("next review: now"), "{shown}");
}

#[test]
fn nothing_to_review_says_so_and_stays_on_the_dashboard() {
    let mut f = Fixture::with("track = [\"facebook\"]\n", None);
    // Nothing answered yet, nothing due before the first review: all unreviewed.
    f.keys("r");
    assert!(f.app.guided.is_some(), "unreviewed checks are reviewed");
    f.keys("yyyyyy");
    assert!(matches!(f.step(), Step::Summary { .. }));
    f.keys("q");
    f.keys("r");
    assert!(f.app.guided.is_none());
    f.assert_status("Nothing needs attention now");
}

#[rstest::rstest]
#[case::yes_no("twitter", "mfa", "review_yes_no")]
#[case::naming("zoom", "display_name", "review_naming")]
#[case::archive("yammer", "archive", "review_archive")]
fn review_cards(#[case] tool: &str, #[case] check: &str, #[case] name: &str) {
    let mut f = Fixture::sample();
    f.review_card(tool, check);
    for (width, height) in [(80, 24), (120, 40)] {
        insta::assert_snapshot!(
            format!("{name}_{width}x{height}"),
            screen(&f.render(width, height))
        );
    }
}

#[test]
fn review_snooze_help_and_summary_screens() {
    let mut f = Fixture::sample();
    f.keys("r").keys("s");
    insta::assert_snapshot!("review_snooze_80x24", screen(&f.render(80, 24)));
    f.keys("w").keys("?");
    insta::assert_snapshot!("review_help_80x24", screen(&f.render(80, 24)));
    f.keys("x").keys("y").keys("q");
    insta::assert_snapshot!("review_summary_80x24", screen(&f.render(80, 24)));
    insta::assert_snapshot!("review_summary_120x40", screen(&f.render(120, 40)));
}
