//! The guided review: what needs attention, a card at a time. A card holds
//! one item, or (grouped by tool or by check) several, answered a line at a
//! time and saved together when the card is left. Every answer is the same
//! locked, atomic save as every change; `u` takes the last one (or a card's)
//! back.

use super::modes::start_editing;
use super::{Action, App, Effect, Field, Mode, apply, undo};
use crate::tui::app::{Guided, Leave, Pending, SnoozeChoice, Step};
use crate::tui::keymap::{ReviewKey, SnoozeKey};
use hygiene_core::cadence::Every;
use hygiene_core::catalog::{CheckIx, CheckKind, ToolIx};
use hygiene_core::dates;
use hygiene_core::engine::{self, Grouping};
use hygiene_core::ops::{Change, Op};
use std::ops::ControlFlow;

mod group;
pub(crate) use group::card_name;
use group::{after, all_done, go_to, leave, next_line};

/// Start a review of what needs attention (`all`: of everything), of one
/// tool or all, on cards grouped `by` (None: by check for a first review,
/// else by item). A review of the same reach ended early resumes with what
/// is left. With nothing to go through, say so and stay.
pub fn start(app: &mut App, all: bool, tool: Option<ToolIx>, by: Option<Grouping>) {
    if let Some(paused) = app.paused.take()
        && paused.all == all
        && paused.tool == tool
        && by.is_none_or(|b| b == paused.by)
        && resume(app, paused)
    {
        return;
    }
    let items = engine::review_queue(&app.review, all, tool);
    if items.is_empty() {
        app.info(if all {
            "Nothing to review: no tool is tracked"
        } else {
            "Nothing needs attention now; `hygiene review --all` goes through every check"
        });
        return;
    }
    let by = by.unwrap_or_else(|| engine::default_grouping(&app.review, &items));
    let queue: Vec<_> = items
        .into_iter()
        .map(|i| (app.review.items[i].tool, app.review.items[i].check))
        .collect();
    let n = queue.len();
    let guided = Guided {
        cards: engine::group(&queue, by),
        queue,
        by,
        position: 0,
        line: 0,
        answered: vec![false; n],
        pending: vec![None; n],
        leaving: None,
        score_before: app.review.score,
        started: std::time::Instant::now(),
        step: Step::Card,
        all,
        tool,
        scroll: 0,
    };
    open(app, guided);
}

fn open(app: &mut App, mut guided: Guided) {
    show_current(app, &mut guided);
    app.guided = Some(guided);
    app.mode = Mode::Review;
    app.status = None;
}

/// Go on with a review ended early, at its first card with a line not yet
/// answered; false if none is left.
fn resume(app: &mut App, mut guided: Guided) -> bool {
    let left = |guided: &Guided, i: usize| {
        let (tool, check) = guided.queue[i];
        !guided.answered[i] && app.item(tool, check).is_some()
    };
    let Some(position) =
        (0..guided.cards.len()).find(|&p| guided.cards[p].iter().any(|&i| left(&guided, i)))
    else {
        return false;
    };
    let cards_left = guided.cards.len() - position;
    guided.position = position;
    guided.line = guided.cards[position]
        .iter()
        .position(|&i| left(&guided, i))
        .unwrap_or(0);
    if let Step::Summary { took } = guided.step {
        guided.started = std::time::Instant::now()
            .checked_sub(took)
            .unwrap_or_else(std::time::Instant::now);
    }
    guided.step = Step::Card;
    guided.leaving = None;
    open(app, guided);
    app.info(format!(
        "Review resumed: {cards_left} card{} left",
        if cards_left == 1 { "" } else { "s" }
    ));
    true
}

/// A key of the review: a card's, a snooze choice's, or any other (which
/// closes the help and the summary).
pub(super) fn key(app: &mut App, action: Action) -> Option<Effect> {
    let mut guided = app.guided.take()?;
    let effect = match (guided.step.clone(), action) {
        // While a card's answers are saved, its keys wait.
        (Step::Card, Action::Review(_)) if guided.leaving.is_some() => None,
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
            // ended early leaves the rest to review, and `r` resumes it.
            app.mode = Mode::Normal;
            app.refresh();
            let seen_all = guided.position + 1 >= guided.cards.len();
            if seen_all {
                return Some(Effect::RecordReview);
            }
            let key = app
                .keymap
                .dashboard
                .first_key(crate::tui::keymap::Command::Review);
            app.info(format!(
                "Review ended early: {key} resumes it with what is left"
            ));
            app.paused = Some(guided);
            return None;
        }
    };
    app.guided = Some(guided);
    effect
}

/// A key that moves through the review rather than answering: `Break` with
/// what it does; `Continue` for an answer.
fn card_move(app: &mut App, guided: &mut Guided, key: ReviewKey) -> ControlFlow<Option<Effect>> {
    let group = guided.is_group();
    ControlFlow::Break(match key {
        ReviewKey::Skip => leave(app, guided, Leave::Next),
        ReviewKey::Back => leave(app, guided, Leave::Back),
        ReviewKey::End => leave(app, guided, Leave::End),
        ReviewKey::Group => leave(app, guided, Leave::Regroup),
        ReviewKey::Undo => undo(app),
        ReviewKey::Help => {
            guided.step = Step::Help;
            None
        }
        ReviewKey::Down | ReviewKey::Up if group => {
            let last = guided.card().len().saturating_sub(1);
            guided.line = if key == ReviewKey::Down {
                (guided.line + 1).min(last)
            } else {
                guided.line.saturating_sub(1)
            };
            show_line(app, guided);
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
        ReviewKey::All if group => {
            all_done(app, guided);
            None
        }
        ReviewKey::All => {
            let g = app.keymap.review.first_key(ReviewKey::Group);
            app.info(format!(
                "One item on this card: {g} puts the items on cards by tool or by check"
            ));
            None
        }
        _ => return ControlFlow::Continue(()),
    })
}

fn card(app: &mut App, guided: &mut Guided, key: ReviewKey) -> Option<Effect> {
    app.status = None;
    if let ControlFlow::Break(effect) = card_move(app, guided, key) {
        return effect;
    }
    let group = guided.is_group();
    let (tool, check) = guided.current()?;
    let naming = app.session.catalog.checks[check].kind == CheckKind::Naming;
    // What recording a name, or a date, would be, for the core to refuse or not.
    let name = Op::SetValue {
        value: String::new(),
        on: app.today,
    };
    let done = Op::Done { on: app.today };
    let chosen = match key {
        ReviewKey::Done if !naming => Some(Pending::Done),
        ReviewKey::NotDone => Some(Pending::NotDone),
        ReviewKey::NotApplicable => Some(Pending::NotApplicable),
        _ => None,
    };
    match key {
        // On an item card an answer is saved at once.
        _ if !group && let Some(answer) = chosen => {
            Some(apply(app, tool, check, answer.op(app.today), answer.verb()))
        }
        // On a group card it waits, on its line, for the card to be left.
        _ if let Some(answer) = chosen => {
            if !super::refuse(app, tool, check, &answer.op(app.today)) {
                let i = guided.selected()?;
                guided.pending[i] = Some(answer);
                next_line(app, guided);
            }
            None
        }
        // A name check is done with its name, checked as it is typed.
        ReviewKey::Done if naming && !super::refuse(app, tool, check, &name) => {
            super::modes::start_naming(app, tool, check);
            None
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
        // On a group card, `e` on a line with no name yet is for typing the
        // name as it is (the line shows the one expected; `y` offers it).
        ReviewKey::Edit
            if naming && group && app.entry(tool, check).is_none_or(|e| e.value.is_none()) =>
        {
            start_editing(app, Field::Value, tool, check, String::new());
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
        _ => None,
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

/// A change was saved while the review was on. A card's answers saved on
/// leaving it: go where it was left for. One line's answer: an item card
/// moves to the next card; a group card to its next line, and to the next
/// card once every line is answered. An undone answer (or card) goes back
/// to its card.
pub(super) fn saved(app: &mut App, changes: &[Change], undoing: bool) {
    let Some(mut guided) = app.guided.take() else {
        return;
    };
    let catalog = &app.session.catalog;
    let lines: Vec<usize> = changes
        .iter()
        .filter_map(|change| {
            guided.queue.iter().position(|&(t, c)| {
                catalog.tools[t].id == change.tool && catalog.checks[c].id == change.check
            })
        })
        .collect();
    if undoing {
        if let Some(&first) = lines.first() {
            for &i in &lines {
                guided.answered[i] = false;
                guided.pending[i] = None;
            }
            go_to(&mut guided, first);
            guided.step = Step::Card;
            show_current(app, &mut guided);
        }
    } else if let Some(then) = guided.leaving.take() {
        for &i in &lines {
            guided.answered[i] = true;
            guided.pending[i] = None;
        }
        after(app, &mut guided, then);
    } else if let Some(sel) = guided.selected()
        && lines.contains(&sel)
        && matches!(guided.step, Step::Card)
    {
        guided.answered[sel] = true;
        guided.pending[sel] = None;
        let card_done = guided.card().iter().all(|&i| guided.answered[i]);
        if !guided.is_group() || card_done {
            next(app, &mut guided);
        } else {
            next_line(app, &mut guided);
        }
    }
    app.guided = Some(guided);
}

/// A save failed: the card stays, its answers still waiting on their lines.
pub(super) fn failed(app: &mut App) {
    if let Some(guided) = app.guided.as_mut() {
        guided.leaving = None;
    }
}

/// The next card, or the end.
fn next(app: &mut App, guided: &mut Guided) {
    if guided.position + 1 >= guided.cards.len() {
        finish(guided);
    } else {
        guided.position += 1;
        guided.line = 0;
        show_current(app, guided);
    }
}

fn finish(guided: &mut Guided) {
    guided.step = Step::Summary {
        took: guided.started.elapsed(),
    };
}

/// Keep the dashboard's selection on the line being answered, so that what
/// is behind the review (and where the dashboard opens after it) matches.
fn show_current(app: &mut App, guided: &mut Guided) {
    guided.scroll = 0;
    show_line(app, guided);
}

fn show_line(app: &mut App, guided: &Guided) {
    if let Some((tool, check)) = guided.current() {
        app.dashboard.tool = Some(tool);
        app.dashboard.check = Some(check);
    }
}
