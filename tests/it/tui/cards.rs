//! Group cards: a first review goes by check, a card's lines are answered a
//! line at a time and saved together, `g` groups the same items another
//! way, and a review ended early resumes with what is left.

use super::{Fixture, screen};
use hygiene::tui::app::{Mode, Pending, Step};
use hygiene_core::engine::Grouping;

/// A new user's ten tools, nothing answered yet.
pub(crate) const TEN_TOOLS: &str = "track = [\"whatsapp\", \"slack\", \"teams\", \"zoom\", \
     \"google-meet\", \"yammer\", \"facetime\", \"imessage\", \"telegram\", \"twitter\"]\n\
     [identity]\nfirst = \"Alex\"\nlast = \"Black\"\norg = \"MOJ\"\n";

impl Fixture {
    fn guided(&self) -> &hygiene::tui::app::Guided {
        self.app.guided.as_ref().expect("a review is on")
    }

    /// The ids of the selected card's lines.
    fn lines(&self) -> Vec<(String, String)> {
        let g = self.guided();
        let catalog = &self.app.session.catalog;
        g.card()
            .iter()
            .map(|&i| {
                let (t, c) = g.queue[i];
                (catalog.tools[t].id.clone(), catalog.checks[c].id.clone())
            })
            .collect()
    }

    /// The standing's name of `tool`'s `check` now (an account's check is
    /// kept under the account's id, so the file is not read directly).
    fn standing(&self, tool: &str, check: &str) -> &'static str {
        let catalog = &self.app.session.catalog;
        let (t, c) = (catalog.tool(tool).unwrap(), catalog.check(check).unwrap());
        self.app.item(t, c).unwrap().standing.name()
    }

    /// Go on to the first card of check `check` (by check).
    fn go_to_check_card(&mut self, check: &str) -> &mut Fixture {
        while self.lines()[0].1 != check {
            let before = self.guided().position;
            self.keys("l");
            assert_ne!(self.guided().position, before, "no card for {check}");
        }
        self
    }
}

#[test]
fn a_first_review_goes_by_check_and_a_card_is_answered_in_one_save() {
    let mut f = Fixture::with(TEN_TOOLS, None);
    f.keys("r");
    let g = f.guided();
    assert_eq!(g.by, Grouping::Check);
    assert_eq!(g.queue.len(), 97, "every check of ten tools, each once");
    assert_eq!(g.cards.len(), 16, "a card per check");
    let lines = f.lines();
    assert!(lines.iter().all(|(_, c)| c == "mfa"), "{lines:?}");
    assert_eq!(lines.len(), 8, "MFA applies to 8 of the 10");
    // n answers the selected line and moves to the next; a, every line
    // not yet answered. Nothing is saved before the card is left.
    f.keys("n");
    assert_eq!(f.guided().line, 1);
    f.keys("a");
    let pending: Vec<_> = f
        .guided()
        .card()
        .iter()
        .map(|&i| f.guided().pending[i])
        .collect();
    assert_eq!(pending[0], Some(Pending::NotDone));
    assert!(pending[1..].iter().all(|p| *p == Some(Pending::Done)));
    assert!(
        !f.state().contains("mfa"),
        "saved only when the card is left"
    );
    // enter saves the card, all lines in one save, and goes on.
    f.keys("\n");
    f.assert_status("Saved Multi-factor authentication: 7 done, 1 not done");
    assert_eq!(f.guided().position, 1);
    assert!(f.section("whatsapp").contains("mfa = { status = \"todo\""));
    assert!(
        f.section("slack")
            .contains("mfa = { status = \"done\", verified = 2026-11-25")
    );
    assert_eq!(f.standing("whatsapp", "mfa"), "failing");
    for (tool, _) in &lines[1..] {
        assert_eq!(f.standing(tool, "mfa"), "ok", "{tool}");
    }
    assert_eq!(f.guided().answered_count(), 8);
    // u takes the whole card back, and shows it again unanswered.
    f.keys("u");
    f.assert_status("Undone: 8 answers back as they were");
    assert_eq!(f.guided().position, 0);
    assert_eq!(f.guided().answered_count(), 0);
    assert!(!f.state().contains("mfa ="), "{}", f.state());
}

#[test]
fn lines_left_blank_stay_as_they_were_and_leaving_a_card_never_loses_an_answer() {
    let mut f = Fixture::with(TEN_TOOLS, None);
    f.keys("r").keys("jy");
    // Back (h) from the first card saves its one answer: nothing is lost.
    f.keys("h");
    assert!(f.section("slack").contains("mfa = { status = \"done\""));
    assert!(
        !f.state().contains("[tools.whatsapp]"),
        "a blank line stays as it was"
    );
    // So does ending the review with q.
    f.keys("jjy").keys("q");
    assert!(matches!(f.guided().step, Step::Summary { .. }));
    assert_eq!(f.standing(&f.lines()[2].0, "mfa"), "ok");
}

#[test]
fn a_naming_line_asks_for_the_name_and_a_skips_it() {
    let mut f = Fixture::with(TEN_TOOLS, None);
    f.keys("r").go_to_check_card("display_name");
    let names = f.lines().len();
    f.keys("a");
    assert!(
        f.status().contains(&format!(
            "0 marked done: enter records the card; {names} names to type"
        )),
        "{}",
        f.status()
    );
    let card = screen(&f.render(120, 40));
    assert!(card.contains("expects “Alex Black (MOJ)”"), "{card}");
    // y on a name line is the name, prefilled with the one expected.
    f.keys("y");
    let Mode::Editing(editing) = &f.app.mode else {
        panic!("no editor: {:?}", f.app.mode);
    };
    assert_eq!(editing.input.value(), "Alex Black (MOJ)");
    f.keys("\n");
    let tool = f.lines()[0].0.clone();
    assert!(
        f.section(&tool)
            .contains("display_name = { status = \"done\""),
        "{}",
        f.section(&tool)
    );
    assert!(f.section(&tool).contains("value = \"Alex Black (MOJ)\""));
    assert!(f.guided().answered[f.guided().card()[0]]);
    assert_eq!(f.guided().line, 1, "on to the next line");
}

#[test]
fn g_groups_the_same_items_again_keeping_the_answers_and_the_line() {
    let mut f = Fixture::with(TEN_TOOLS, None);
    f.keys("r").keys("a\n").keys("jj");
    let selected = f.guided().current();
    f.keys("g");
    assert_eq!(f.guided().by, Grouping::Item);
    assert_eq!(f.guided().cards.len(), 97);
    assert_eq!(f.guided().current(), selected, "the same item on screen");
    assert_eq!(f.guided().answered_count(), 8);
    f.keys("g");
    assert_eq!(f.guided().by, Grouping::Tool);
    assert_eq!(f.guided().cards.len(), 10, "a card per tool");
    assert_eq!(f.guided().current(), selected);
    assert!(screen(&f.render(80, 24)).contains("Review · "));
    f.keys("g");
    assert_eq!(f.guided().by, Grouping::Check);
    // An answer waiting on a line is saved before the cards change.
    f.keys("x").keys("g");
    assert_eq!(f.guided().by, Grouping::Item);
    let (t, c) = selected.unwrap();
    assert_eq!(f.app.item(t, c).unwrap().standing.name(), "not_applicable");
}

#[test]
fn a_review_ended_early_resumes_with_what_is_left() {
    let mut f = Fixture::with(TEN_TOOLS, None);
    f.keys("r").keys("a\n").keys("a\n").keys("q").keys(" ");
    assert!(matches!(f.app.mode, Mode::Normal));
    f.assert_status("Review ended early: r resumes it with what is left");
    assert!(
        !f.state().contains("last_review"),
        "not recorded as a review"
    );
    f.keys("r");
    f.assert_status("Review resumed: 14 cards left");
    let g = f.guided();
    assert_eq!((g.position, g.line), (2, 0));
    assert_eq!(g.answered_count(), g.cards[0].len() + g.cards[1].len());
    // Its end is the end of the whole review: recorded.
    while !matches!(f.guided().step, Step::Summary { .. }) {
        f.keys("l");
    }
    f.keys(" ");
    assert!(
        f.state().contains("last_review = 2026-11-25"),
        "{}",
        f.state()
    );
}

#[test]
fn check_and_tool_cards() {
    let mut f = Fixture::with(TEN_TOOLS, None);
    f.keys("r").keys("jny");
    for (width, height) in [(80, 24), (120, 40)] {
        insta::assert_snapshot!(
            format!("check_card_{width}x{height}"),
            screen(&f.render(width, height))
        );
    }
    // The sample's review goes by item; g groups it by tool.
    let mut f = Fixture::sample();
    f.keys("r");
    assert_eq!(f.guided().by, Grouping::Item);
    f.keys("g");
    assert_eq!(f.guided().by, Grouping::Tool);
    f.keys("jy");
    for (width, height) in [(80, 24), (120, 40)] {
        insta::assert_snapshot!(
            format!("tool_card_{width}x{height}"),
            screen(&f.render(width, height))
        );
    }
}
