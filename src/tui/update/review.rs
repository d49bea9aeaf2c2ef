//! The guided review: what needs attention, one card at a time. Each answer
//! is saved at once (the same locked, atomic save as every change) and the
//! next card comes when the save is done; `u` takes the last answer back.

use super::modes::start_editing;
use super::{Action, App, Effect, Field, Mode, apply, undo};
use crate::tui::app::{Guided, SnoozeChoice, Step};
use crate::tui::keymap::{ReviewKey, SnoozeKey};
use hygiene_core::cadence::Every;
use hygiene_core::catalog::{CheckIx, CheckKind, ToolIx};
use hygiene_core::dates;
use hygiene_core::engine;
use hygiene_core::ops::{Change, Op};

/// Start a review of what needs attention (`all`: of everything), of one
/// tool or all. With nothing to go through, say so and stay.
pub fn start(app: &mut App, all: bool, tool: Option<ToolIx>) {
    let queue: Vec<_> = engine::review_queue(&app.review, all, tool)
        .into_iter()
        .map(|i| (app.review.items[i].tool, app.review.items[i].check))
        .collect();
    if queue.is_empty() {
        app.info(if all {
            "Nothing to review: no tool is tracked"
        } else {
            "Nothing needs attention now; `hygiene review --all` goes through every check"
        });
        return;
    }
    let mut guided = Guided {
        answered: vec![false; queue.len()],
        queue,
        position: 0,
        score_before: app.review.score,
        started: std::time::Instant::now(),
        step: Step::Card,
        all,
        scroll: 0,
    };
    show_current(app, &mut guided);
    app.guided = Some(guided);
    app.mode = Mode::Review;
    app.status = None;
}

/// A key of the review: a card's, a snooze choice's, or any other (which
/// closes the help and the summary).
pub(super) fn key(app: &mut App, action: Action) -> Option<Effect> {
    let mut guided = app.guided.take()?;
    let effect = match (guided.step.clone(), action) {
        (Step::Card, Action::Review(key)) => card(app, &mut guided, key),
        (Step::Snooze(choice), Action::Snooze(key)) => snooze(app, &mut guided, choice, key),
        (Step::Card | Step::Snooze(_), _) => None,
        (Step::Help, _) => {
            guided.step = Step::Card;
            None
        }
        (Step::Summary { .. }, _) => {
            // Any key: back to the dashboard. A review that went through
            // every card is recorded: the next one counts from today. One
            // ended early leaves the rest to review.
            app.mode = Mode::Normal;
            app.refresh();
            let seen_all = guided.position + 1 >= guided.queue.len();
            return seen_all.then_some(Effect::RecordReview);
        }
    };
    app.guided = Some(guided);
    effect
}

fn card(app: &mut App, guided: &mut Guided, key: ReviewKey) -> Option<Effect> {
    app.status = None;
    let (tool, check) = guided.current()?;
    let kind = app.session.catalog.checks[check].kind;
    let naming = kind == CheckKind::Naming;
    // What recording a name, or a date, would be, for the core to refuse or not.
    let name = Op::SetValue {
        value: String::new(),
        on: app.today,
    };
    let done = Op::Done { on: app.today };
    match key {
        // A name check is done with its name, checked as it is typed.
        ReviewKey::Done if naming && !super::refuse(app, tool, check, &name) => {
            super::modes::start_naming(app, tool, check);
            None
        }
        ReviewKey::Done => Some(apply(app, tool, check, done, "done")),
        ReviewKey::NotDone => Some(apply(app, tool, check, Op::Todo, "not done")),
        ReviewKey::NotApplicable => {
            Some(apply(app, tool, check, Op::NotApplicable, "does not apply"))
        }
        ReviewKey::Snooze => {
            ask_snooze(app, guided, tool, check);
            None
        }
        ReviewKey::Accept => {
            let reason = app
                .entry(tool, check)
                .and_then(|e| e.status.reason())
                .unwrap_or_default()
                .to_string();
            start_editing(app, Field::Reason, tool, check, reason);
            None
        }
        // No editor for what the core would not record.
        ReviewKey::Edit if super::refuse(app, tool, check, if naming { &name } else { &done }) => {
            None
        }
        ReviewKey::Edit if naming => {
            super::modes::start_naming(app, tool, check);
            None
        }
        // Another check's value is the day it was done.
        ReviewKey::Edit => {
            start_editing(app, Field::Date, tool, check, String::new());
            None
        }
        ReviewKey::Skip => {
            next(app, guided);
            None
        }
        ReviewKey::Back => {
            guided.position = guided.position.saturating_sub(1);
            show_current(app, guided);
            None
        }
        ReviewKey::Undo => undo(app),
        ReviewKey::Help => {
            guided.step = Step::Help;
            None
        }
        ReviewKey::End => {
            finish(guided);
            None
        }
        ReviewKey::Up => {
            guided.scroll = guided.scroll.saturating_sub(1);
            None
        }
        ReviewKey::Down => {
            guided.scroll = guided.scroll.saturating_add(1).min(200);
            None
        }
    }
}

/// `s` on a card: ask how long, unless there is nothing to put off.
fn ask_snooze(app: &mut App, guided: &mut Guided, tool: ToolIx, check: CheckIx) {
    let refusal = engine::nothing_to_snooze(
        &app.session.catalog,
        &app.session.settings,
        &app.session.state,
        tool,
        check,
        app.today,
    );
    match refusal {
        Some(refusal) => {
            let text = crate::tui::words::refused(app, &refusal);
            app.error(text);
        }
        None => guided.step = Step::Snooze(SnoozeChoice::Week),
    }
}

/// The period of a snooze: a week (the default), a month, or a date.
fn snooze(
    app: &mut App,
    guided: &mut Guided,
    choice: SnoozeChoice,
    key: SnoozeKey,
) -> Option<Effect> {
    let (tool, check) = guided.current()?;
    match choose_snooze(app, tool, check, choice, key) {
        Chosen::Stay(choice) => {
            guided.step = Step::Snooze(choice);
            None
        }
        Chosen::Back => {
            guided.step = Step::Card;
            None
        }
        Chosen::Done(effect) => {
            guided.step = Step::Card;
            effect
        }
    }
}

/// A key while choosing how long to snooze a check on the dashboard.
pub(super) fn snoozing(
    app: &mut App,
    (tool, check): (ToolIx, hygiene_core::catalog::CheckIx),
    choice: SnoozeChoice,
    action: crate::tui::action::Action,
) -> Option<Effect> {
    let crate::tui::action::Action::Snooze(key) = action else {
        app.mode = Mode::Snoozing {
            tool,
            check,
            choice,
        };
        return None;
    };
    match choose_snooze(app, tool, check, choice, key) {
        Chosen::Stay(choice) => {
            app.mode = Mode::Snoozing {
                tool,
                check,
                choice,
            };
            None
        }
        Chosen::Back => None,
        Chosen::Done(effect) => effect,
    }
}

/// Where the choice of a snooze's period went.
pub(crate) enum Chosen {
    /// Still choosing, on this option.
    Stay(SnoozeChoice),
    /// Given up.
    Back,
    /// Chosen: the snooze to save, or None with the date editor open.
    Done(Option<Effect>),
}

/// A key in the choice of a snooze's period (the date opens an editor).
pub(crate) fn choose_snooze(
    app: &mut App,
    tool: ToolIx,
    check: hygiene_core::catalog::CheckIx,
    choice: SnoozeChoice,
    key: SnoozeKey,
) -> Chosen {
    let pick = match key {
        SnoozeKey::Up => return Chosen::Stay(choice.previous()),
        SnoozeKey::Down => return Chosen::Stay(choice.next()),
        SnoozeKey::Week => SnoozeChoice::Week,
        SnoozeKey::Month => SnoozeChoice::Month,
        SnoozeKey::Date => SnoozeChoice::Date,
        SnoozeKey::Choose => choice,
        SnoozeKey::Cancel => return Chosen::Back,
    };
    let (until, verb) = match pick {
        SnoozeChoice::Week => (dates::add_days(app.today, 7), "snoozed for a week"),
        SnoozeChoice::Month => (Every::Months(1).after(app.today), "snoozed for a month"),
        SnoozeChoice::Date => {
            start_editing(app, Field::Until, tool, check, String::new());
            return Chosen::Done(None);
        }
    };
    Chosen::Done(Some(apply(app, tool, check, Op::Snooze { until }, verb)))
}

/// A change was saved while the review was on: an answer to the card moves
/// to the next one; an undone answer goes back to its card.
pub(super) fn saved(app: &mut App, change: &Change, undoing: bool) {
    let Some(mut guided) = app.guided.take() else {
        return;
    };
    let catalog = &app.session.catalog;
    let card = guided.queue.iter().position(|&(t, c)| {
        catalog.tools[t].id == change.tool && catalog.checks[c].id == change.check
    });
    match card {
        Some(i) if undoing => {
            guided.answered[i] = false;
            guided.position = i;
            guided.step = Step::Card;
            show_current(app, &mut guided);
        }
        Some(i) if i == guided.position && matches!(guided.step, Step::Card) => {
            guided.answered[i] = true;
            next(app, &mut guided);
        }
        _ => {}
    }
    app.guided = Some(guided);
}

/// The next card, or the end.
fn next(app: &mut App, guided: &mut Guided) {
    if guided.position + 1 >= guided.queue.len() {
        finish(guided);
    } else {
        guided.position += 1;
        show_current(app, guided);
    }
}

fn finish(guided: &mut Guided) {
    guided.step = Step::Summary {
        took: guided.started.elapsed(),
    };
}

/// Keep the dashboard's selection on the card being answered, so that what
/// is behind the review (and where the dashboard opens after it) matches.
fn show_current(app: &mut App, guided: &mut Guided) {
    guided.scroll = 0;
    if let Some((tool, check)) = guided.current() {
        app.dashboard.tool = Some(tool);
        app.dashboard.check = Some(check);
    }
}
