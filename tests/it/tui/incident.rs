//! An incident on the dashboard: `!` asks what went wrong, each step is a
//! card in the review's style, and an open incident stays in view.

use super::{Fixture, screen};
use hygiene::tui::app::Mode;

const THREE: &str = "track = [\"whatsapp\", \"slack\", \"teams\"]\n\
     [identity]\nfirst = \"Alex\"\nlast = \"Black\"\norg = \"MOJ\"\n";

#[test]
fn the_kinds_then_a_card_per_step_and_a_banner_while_open() {
    let mut f = Fixture::with(THREE, None);
    f.keys("!");
    insta::assert_snapshot!("incident_kinds_80x24", screen(&f.render(80, 24)));
    // Down to "someone may have reached an account", and back up: a lost device.
    f.keys("jk");
    f.press(ratatui::crossterm::event::KeyCode::Enter);
    insta::assert_snapshot!("incident_report_card_80x24", screen(&f.render(80, 24)));
    f.keys("y");
    let card = screen(&f.render(100, 30));
    insta::assert_snapshot!("incident_step_card_100x30", card);
    assert!(
        card.contains("Step 2 of 7: WhatsApp · Sign the device out"),
        "{card}"
    );
    assert!(card.contains("Settings > Linked devices"), "{card}");
    assert!(f.state().contains("done = [\"report\"]\n"), "{}", f.state());
    // Left open: the dashboard says so on every view until it is done.
    f.keys("q");
    assert!(matches!(f.app.mode, Mode::Normal));
    let shown = screen(&f.render(120, 40));
    assert!(
        shown.contains("⚠ INCIDENT: lost device · 1 of 7 steps done · ! go on"),
        "{shown}"
    );
    let narrow = screen(&f.render(60, 16));
    assert!(narrow.contains("⚠ INCIDENT 1/7 · !"), "{narrow}");
    // Closed as it stands: the banner goes, the record stays.
    f.keys("!");
    f.press(ratatui::crossterm::event::KeyCode::Enter);
    f.keys("D");
    let shown = screen(&f.render(120, 40));
    assert!(!shown.contains("INCIDENT"), "{shown}");
    assert!(
        f.state().contains("\nclosed = 2026-11-25\n"),
        "{}",
        f.state()
    );
}
