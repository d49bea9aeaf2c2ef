//! `update`: the only place the model changes. Pure: it returns the disk or
//! keyring work as an [`Effect`] for the loop, which answers with an action.

use std::fmt::Write as _;
use tui_input::Input;

use super::action::{Action, Effect};
use super::app::{App, Editing, EntryUndo, Field, Mode, Onboarding, SnoozeChoice, Undo, View};
use super::keymap::Command;
use super::layout;
use hygiene_core::catalog::{CheckIx, ToolIx};
use hygiene_core::ops::{Change, Op};
use hygiene_core::warning::Warning;

pub fn update(app: &mut App, action: Action) -> Option<Effect> {
    let effect = update_mode(app, action);
    // While a guided review is on, what would be the dashboard is the review
    // (after a text field it opened, say).
    if app.guided.is_some() && matches!(app.mode, Mode::Normal) {
        app.mode = Mode::Review;
    }
    effect
}

fn update_mode(app: &mut App, action: Action) -> Option<Effect> {
    match action {
        Action::Resize { width, height } => {
            app.size = (width, height);
            keep_in_view(app);
            None
        }
        Action::DayChanged(today) => {
            day_changed(app, today);
            None
        }
        Action::Saved {
            state,
            changes,
            before,
            verb,
            undoing,
            warnings,
        } => {
            saved(app, *state, &changes, before, &verb, undoing);
            caveats(app, &warnings);
            None
        }
        Action::Loaded {
            session,
            undo,
            message,
            undoing,
            warnings,
        } => {
            loaded(app, *session, undo, message, undoing);
            caveats(app, &warnings);
            None
        }
        Action::SecretRevealed { tool, text } => {
            app.mode = Mode::Revealed { tool, text };
            None
        }
        Action::Failed(message) => {
            review::failed(app);
            app.error(message);
            None
        }
        Action::NotDone(e) => {
            not_done(app, &e);
            None
        }
        Action::Interrupt if !matches!(app.mode, Mode::Editing(_) | Mode::Filtering(_)) => {
            app.quit = true;
            None
        }
        other => match std::mem::replace(&mut app.mode, Mode::Normal) {
            Mode::Normal => normal(app, other),
            Mode::Help { scroll } => {
                help_key(app, scroll, &other);
                None
            }
            // Any key hides a private note; dropping the mode drops the text.
            Mode::Revealed { .. } => None,
            Mode::Editing(editing) => edit(app, editing, other),
            Mode::Filtering(input) => filtering(app, input, other),
            Mode::Onboarding(form) => onboarding(app, form, other),
            Mode::Identity(form) => modes::identity(app, form, other),
            Mode::Review => match other {
                key @ (Action::Review(_) | Action::Snooze(_) | Action::OtherKey) => {
                    review::key(app, key)
                }
                _ => None,
            },
            Mode::Snoozing {
                tool,
                check,
                choice,
            } => review::snoozing(app, (tool, check), choice, other),
            Mode::Incident(view) => incident::key(app, view, &other),
        },
    }
}

fn normal(app: &mut App, action: Action) -> Option<Effect> {
    match action {
        Action::Command(command) => command_in(app, command),
        Action::Confirm => command_in(app, Command::Select),
        Action::Cancel => command_in(app, Command::Quit),
        Action::Click { column, row } => {
            click(app, column, row);
            None
        }
        Action::Scroll { down } => {
            move_by(app, if down { 3 } else { -3 });
            None
        }
        _ => None,
    }
}

/// An effect the core refused or that failed: said in the dashboard's terms.
fn not_done(app: &mut App, e: &hygiene_core::error::Error) {
    review::failed(app);
    if let hygiene_core::error::Error::Refused(hygiene_core::refusal::Refusal::ChangedElsewhere {
        ..
    }) = e
    {
        // The change stays, as it is now; undo goes on from the one before.
        app.undo.pop();
    }
    let text = super::words::error(app, e);
    app.error(text);
}

/// A save that succeeded with a caveat says so over its message.
fn caveats(app: &mut App, warnings: &[Warning]) {
    for w in warnings {
        let text = super::words::warning(app, w);
        app.error(format!("warning: {text}"));
    }
}

/// Changes were saved in one save: the state as written, the undo step
/// (one for them all), the message.
fn saved(
    app: &mut App,
    state: hygiene_core::state::State,
    changes: &[Change],
    before: Vec<Option<hygiene_core::state::Entry>>,
    verb: &str,
    undoing: bool,
) {
    app.session.state = state;
    let catalog = &app.session.catalog;
    let target = |change: &Change| catalog.tool(&change.tool).zip(catalog.check(&change.check));
    // What each change did; one that changed nothing (a second snooze the
    // same day) takes no part in the undo step.
    let entries: Vec<EntryUndo> = changes
        .iter()
        .zip(before)
        .filter_map(|(change, before)| {
            let now = target(change).and_then(|(t, c)| app.entry(t, c)).cloned();
            (now != before).then(|| EntryUndo {
                tool: change.tool.clone(),
                check: change.check.clone(),
                change: Box::new(hygiene_core::ops::Revert { before, after: now }),
            })
        })
        .collect();
    let unchanged = !undoing && entries.is_empty();
    if undoing {
        app.undo.pop();
        // Undo shows the cell it changed.
        if let (Some((tool, check)), None) = (changes.first().and_then(target), &app.guided) {
            app.dashboard.tool = Some(tool);
            app.dashboard.check = Some(check);
        }
    } else if !unchanged {
        app.undo.push(Undo::Entries(entries));
    }
    app.refresh();
    keep_in_view(app);
    let mut message = match changes {
        [change] => saved_message(app, change, verb, undoing),
        _ if undoing => format!("Undone: {} answers back as they were", changes.len()),
        _ => verb.to_string(),
    };
    if unchanged {
        message.push_str(" (it already was: nothing changed)");
    }
    app.info(message);
    review::saved(app, changes, undoing);
}

/// Up and down (and the wheel) scroll the help; any other key closes it.
fn help_key(app: &mut App, scroll: u16, action: &Action) {
    match action {
        Action::Scroll { down } => {
            let scroll = if *down {
                scroll.saturating_add(3)
            } else {
                scroll.saturating_sub(3)
            };
            app.mode = Mode::Help {
                scroll: scroll.min(crate::tui::ui::help_rows(app)),
            };
        }
        Action::Click { .. } | Action::Resize { .. } => app.mode = Mode::Help { scroll },
        _ => {}
    }
}

/// The date changed under the open dashboard: recompute, and say so.
fn day_changed(app: &mut App, today: jiff::civil::Date) {
    app.today = today;
    app.refresh();
    let clock = app
        .review
        .warnings
        .iter()
        .find(|w| matches!(w, Warning::FutureDate { .. }))
        .cloned();
    match clock {
        Some(w) => {
            let text = super::words::warning(app, &w);
            app.error(format!("The date is now {today}: {text}"));
        }
        None => app.info(format!("A new day: {today}. Standings recomputed.")),
    }
}

/// The files were read again (after a config edit, or a change elsewhere).
fn loaded(
    app: &mut App,
    session: hygiene_core::session::Session,
    undo: Option<Undo>,
    message: Option<String>,
    undoing: bool,
) {
    app.session = session;
    let onboarded = matches!(app.mode, Mode::Onboarding(_));
    if onboarded {
        app.mode = Mode::Normal;
        app.dashboard.tool = None;
        app.dashboard.check = None;
    }
    if undoing {
        app.undo.pop();
    }
    if let Some(u) = undo {
        app.undo.push(u);
    }
    app.refresh();
    keep_in_view(app);
    incident::started(app);
    if let Some(m) = message {
        app.info(m);
    }
    // The end of the first-run form offers the first review, one key away.
    if onboarded && !app.review.rows.is_empty() {
        let key = app.keymap.dashboard.first_key(Command::Review);
        app.info(format!(
            "Config written. {key}: your first review, one card at a time"
        ));
    }
}

fn command_in(app: &mut App, command: Command) -> Option<Effect> {
    app.status = None;
    match command {
        Command::Up => move_by(app, -1),
        Command::Down => move_by(app, 1),
        Command::PageUp => move_by(app, -page(app)),
        Command::PageDown => move_by(app, page(app)),
        Command::First => move_by(app, isize::MIN / 2),
        Command::Last => move_by(app, isize::MAX / 2),
        Command::Left => move_column(app, -1),
        Command::Right => move_column(app, 1),
        Command::NextProblem => next_problem(app, true),
        Command::PreviousProblem => next_problem(app, false),
        Command::NextView => switch_view(app, 1),
        Command::PreviousView => switch_view(app, <View as strum::EnumCount>::COUNT - 1),
        Command::Select => match app.view {
            View::Actions => jump_to_action(app),
            View::Tools => return toggle_tracking(app),
            View::Dashboard => {}
        },
        Command::Toggle if app.view == View::Tools => return toggle_tracking(app),
        Command::Toggle
        | Command::Archive
        | Command::EditValue
        | Command::SetDate
        | Command::Note
        | Command::NotApplicable
        | Command::AcceptRisk
        | Command::Snooze => return item_command(app, command),
        Command::Undo => return undo(app),
        Command::Filter => {
            app.view = View::Dashboard;
            app.mode = Mode::Filtering(Input::new(app.dashboard.filter.clone()));
        }
        Command::OnlyProblems => toggle_only_problems(app),
        Command::RevealSecret | Command::EditSecret => return secret_command(app, command),
        Command::Review => review::start(app, false, None, None),
        Command::Incident => incident::open(app),
        Command::Identity => modes::start_identity(app),
        Command::Sync => {
            app.info("Syncing with your other devices…".to_string());
            return Some(Effect::Sync);
        }
        Command::Help => app.mode = Mode::Help { scroll: 0 },
        Command::Quit => clear_filters_or_quit(app),
    }
    None
}

/// The next (`step` 1) or previous (`step` n - 1) of the views.
fn switch_view(app: &mut App, step: usize) {
    use strum::{EnumCount, IntoEnumIterator};
    let i = View::iter().position(|v| v == app.view).unwrap_or(0);
    app.view = View::iter()
        .nth((i + step) % View::COUNT)
        .unwrap_or(View::Dashboard);
    keep_in_view(app);
}

fn toggle_only_problems(app: &mut App) {
    app.dashboard.only_problems = !app.dashboard.only_problems;
    select_visible(app);
    let hidden = app.review.rows.len() - app.visible_rows().len();
    app.info(if app.dashboard.only_problems {
        format!("Showing only tools with something overdue or failing; {hidden} in order hidden")
    } else {
        "Showing every tracked tool".to_string()
    });
}

/// `q`/`esc`: a filter is cleared first; without one, quit.
fn clear_filters_or_quit(app: &mut App) {
    if !app.dashboard.filter.is_empty() || app.dashboard.only_problems {
        app.dashboard.filter.clear();
        app.dashboard.only_problems = false;
        select_visible(app);
        app.info("Filter cleared");
    } else {
        app.quit = true;
    }
}

/// Whether the core's rules refuse `op` on the cell, whatever the state
/// (a check the tool has no means for; a value for a check that takes none);
/// the refusal is shown in the dashboard's words.
pub(super) fn refuse(app: &mut App, tool: ToolIx, check: CheckIx, op: &Op) -> bool {
    match hygiene_core::ops::refusal(&app.session.catalog, tool, check, op) {
        Some(refusal) => {
            let text = super::words::refused(app, &refusal);
            app.error(text);
            true
        }
        None => false,
    }
}

fn apply(app: &App, tool: ToolIx, check: CheckIx, op: Op, verb: &'static str) -> Effect {
    Effect::Apply {
        changes: vec![change(app, tool, check, op)],
        verb: verb.into(),
        undoing: false,
    }
}

fn change(app: &App, tool: ToolIx, check: CheckIx, op: Op) -> Change {
    let catalog = &app.session.catalog;
    Change {
        tool: catalog.tools[tool].id.clone(),
        check: catalog.checks[check].id.clone(),
        op,
    }
}

fn saved_message(app: &App, change: &Change, verb: &str, undoing: bool) -> String {
    let catalog = &app.session.catalog;
    let (Some(tool), Some(check)) = (catalog.tool(&change.tool), catalog.check(&change.check))
    else {
        return format!("Saved: {} {}", change.tool, change.check);
    };
    let mut text = format!(
        "{}{} · {}: {verb}",
        if undoing { "Undone: " } else { "" },
        catalog.tools[tool].name,
        catalog.checks[check].title
    );
    if let Some(item) = app.item(tool, check) {
        let _ = write!(
            text,
            " → {} {}",
            item.standing.symbol(),
            item.standing.label()
        );
        let when = hygiene_core::report::when(item, app.today);
        if !when.is_empty() {
            let _ = write!(text, ", {when}");
        }
    }
    text
}

fn toggle_tracking(app: &mut App) -> Option<Effect> {
    let tool = ToolIx(app.tools_view.selected);
    let id = app.session.catalog.tools.get(tool.0)?.id.clone();
    if app.is_tracked(tool) {
        let index = app
            .session
            .config
            .track
            .iter()
            .position(|t| t.get_ref() == &id)
            .unwrap_or(0);
        Some(Effect::Untrack {
            tool: id,
            index,
            undoing: false,
        })
    } else {
        Some(Effect::Track {
            tool: id,
            index: None,
            undoing: false,
        })
    }
}

fn undo(app: &mut App) -> Option<Effect> {
    let Some(last) = app.undo.last().cloned() else {
        app.info("Nothing to undo");
        return None;
    };
    Some(match last {
        Undo::Entries(entries) => Effect::Apply {
            changes: entries
                .into_iter()
                .map(|e| Change {
                    tool: e.tool,
                    check: e.check,
                    op: Op::Revert(e.change),
                })
                .collect(),
            verb: "back as it was".into(),
            undoing: true,
        },
        Undo::Tracked { tool } => Effect::Untrack {
            index: 0,
            tool,
            undoing: true,
        },
        Undo::Untracked { tool, index } => Effect::Track {
            tool,
            index: Some(index),
            undoing: true,
        },
    })
}

pub(crate) mod incident;
mod items;
mod modes;
mod moves;
pub mod review;

use items::{item_command, secret_command};
use modes::{edit, filtering, onboarding};
pub(crate) use moves::keep_in_view;
use moves::{click, jump_to_action, move_by, move_column, next_problem, page, select_visible};
