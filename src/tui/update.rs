//! `update`: the only place the model changes. Pure: it returns the disk or
//! keyring work as an [`Effect`] for the loop, which answers with an action.

use std::fmt::Write as _;
use tui_input::Input;

use super::action::{Action, Effect};
use super::app::{App, Editing, Field, Mode, Onboarding, Undo, View};
use super::keymap::Command;
use super::layout::{self, CELL, LABEL_LINES, NAME};
use crate::catalog::CheckKind;
use crate::dates;
use crate::engine::Standing;
use crate::naming::NameCheck;
use crate::ops::{Change, Op};
use crate::state::Status;
use crate::warning::Warning;

/// Days `s` snoozes for.
pub const SNOOZE_DAYS: i64 = 7;

pub fn update(app: &mut App, action: Action) -> Option<Effect> {
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
            change,
            before,
            verb,
            undoing,
        } => {
            app.session.state = state;
            if undoing {
                app.undo.pop();
            } else {
                app.undo.push(Undo::Entry {
                    tool: change.tool.clone(),
                    check: change.check.clone(),
                    before,
                });
            }
            app.refresh();
            let message = saved_message(app, &change, verb, undoing);
            app.info(message);
            None
        }
        Action::Loaded {
            session,
            undo,
            message,
            undoing,
        } => {
            loaded(app, *session, undo, message, undoing);
            None
        }
        Action::SecretRevealed { tool, text } => {
            app.mode = Mode::Revealed { tool, text };
            None
        }
        Action::Failed(message) => {
            app.error(message);
            None
        }
        Action::Interrupt if !matches!(app.mode, Mode::Editing(_) | Mode::Filtering(_)) => {
            app.quit = true;
            None
        }
        other => match std::mem::replace(&mut app.mode, Mode::Normal) {
            Mode::Normal => normal(app, other),
            Mode::Help => {
                // Any key closes the help.
                if matches!(other, Action::Click { .. } | Action::Scroll { .. }) {
                    app.mode = Mode::Help;
                }
                None
            }
            // Any key hides a private note; dropping the mode drops the text.
            Mode::Revealed { .. } => None,
            Mode::Editing(editing) => edit(app, editing, other),
            Mode::Filtering(input) => filtering(app, input, other),
            Mode::Onboarding(form) => onboarding(app, form, other),
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
        Some(w) => app.error(format!("The date is now {today}: {w}")),
        None => app.info(format!("A new day: {today}. Standings recomputed.")),
    }
}

/// The files were read again (after a config edit, or a change elsewhere).
fn loaded(
    app: &mut App,
    session: crate::session::Session,
    undo: Option<Undo>,
    message: Option<String>,
    undoing: bool,
) {
    app.session = session;
    if matches!(app.mode, Mode::Onboarding(_)) {
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
    if let Some(m) = message {
        app.info(m);
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
        Command::NextView => switch_view(app, 1),
        Command::PreviousView => switch_view(app, View::ALL.len() - 1),
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
        Command::Help => app.mode = Mode::Help,
        Command::Quit => clear_filters_or_quit(app),
    }
    None
}

/// The next (`step` 1) or previous (`step` n - 1) of the views.
fn switch_view(app: &mut App, step: usize) {
    let i = View::ALL.iter().position(|v| *v == app.view).unwrap_or(0);
    app.view = View::ALL[(i + step) % View::ALL.len()];
    keep_in_view(app);
}

/// A command on the selected item (tool and check).
fn item_command(app: &mut App, command: Command) -> Option<Effect> {
    if command == Command::Archive {
        return archive(app);
    }
    let (tool, check) = applicable_target(app)?;
    let entry = app.entry(tool, check).cloned();
    let entry = entry.as_ref();
    match command {
        Command::Toggle | Command::SetDate if is_unsupported(app, tool, check) => None,
        Command::Toggle if app.is_done(tool, check) => {
            Some(apply(app, tool, check, Op::Todo, "marked not done"))
        }
        Command::Toggle => Some(apply(app, tool, check, Op::Done { on: app.today }, "done")),
        Command::EditValue if app.session.catalog.checks[check].kind != CheckKind::Naming => {
            let key = app.keymap.first_key(Command::EditValue);
            app.error(format!(
                "{key} edits the value of a naming check, such as the display name"
            ));
            None
        }
        Command::EditValue => {
            let value = entry.and_then(|e| e.value.clone()).unwrap_or_default();
            start_editing(app, Field::Value, tool, check, value);
            None
        }
        Command::SetDate => {
            start_editing(app, Field::Date, tool, check, String::new());
            None
        }
        Command::Note => {
            let note = entry.and_then(|e| e.note.clone()).unwrap_or_default();
            start_editing(app, Field::Note, tool, check, note);
            None
        }
        Command::NotApplicable if entry.is_some_and(|e| e.status == Status::NotApplicable) => {
            Some(apply(app, tool, check, Op::Todo, "applies again"))
        }
        Command::NotApplicable => Some(apply(
            app,
            tool,
            check,
            Op::NotApplicable,
            "marked not applicable",
        )),
        Command::AcceptRisk => {
            let reason = match entry.map(|e| &e.status) {
                Some(Status::Accepted { reason }) => reason.clone(),
                _ => String::new(),
            };
            start_editing(app, Field::Reason, tool, check, reason);
            None
        }
        Command::Snooze => {
            let until = dates::add_days(app.today, SNOOZE_DAYS);
            Some(apply(
                app,
                tool,
                check,
                Op::Snooze { until },
                "snoozed for 7 days",
            ))
        }
        _ => None,
    }
}

/// An archive today for the selected tool (any of its cells).
fn archive(app: &mut App) -> Option<Effect> {
    let tool = match app.view {
        View::Tools => None,
        _ => app.target().map(|(t, _)| t),
    }?;
    let Some(check) = app.archive_check(tool) else {
        let name = app.session.catalog.tools[tool].name.clone();
        app.error(format!("{name} has no archive check"));
        return None;
    };
    Some(apply(
        app,
        tool,
        check,
        Op::Done { on: app.today },
        "archive recorded",
    ))
}

fn toggle_only_problems(app: &mut App) {
    app.dashboard.only_problems = !app.dashboard.only_problems;
    select_visible(app);
    app.info(if app.dashboard.only_problems {
        "Showing only tools with something overdue or failing"
    } else {
        "Showing every tracked tool"
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

/// Show the tool's private note, or start writing one.
fn secret_command(app: &mut App, command: Command) -> Option<Effect> {
    let tool = match app.view {
        View::Tools => Some(app.tools_view.selected),
        _ => app.target().map(|(t, _)| t),
    }?;
    let id = app.session.catalog.tools[tool].id.clone();
    if command == Command::EditSecret {
        app.mode = Mode::Editing(Editing {
            field: Field::Secret,
            input: Input::default(),
            tool,
            check: 0,
            error: None,
            verdict: None,
        });
        return None;
    }
    if !app.session.state.private_notes.contains(&id) {
        let key = app.keymap.first_key(Command::EditSecret);
        app.info(format!("No private note for {id}; {key} writes one"));
        return None;
    }
    Some(Effect::RevealSecret { tool })
}

/// The target of an item command, with a message when there is none.
fn applicable_target(app: &mut App) -> Option<(usize, usize)> {
    let Some((tool, check)) = app.target() else {
        if app.view == View::Tools {
            app.error("Choose a check on the dashboard first");
        } else if app.review.rows.is_empty() {
            let key = app.keymap.first_key(Command::NextView);
            app.error(format!(
                "No tools tracked yet: {key} to the Tools view to add some"
            ));
        }
        return None;
    };
    if app.item(tool, check).is_none() {
        let catalog = &app.session.catalog;
        let message = format!(
            "{} has no check \u{201c}{}\u{201d}",
            catalog.tools[tool].name, catalog.checks[check].title
        );
        app.error(message);
        return None;
    }
    Some((tool, check))
}

fn is_unsupported(app: &mut App, tool: usize, check: usize) -> bool {
    if matches!(app.standing(tool, check), Some(Standing::Unsupported)) {
        let key = app.keymap.first_key(Command::AcceptRisk);
        let name = app.session.catalog.tools[tool].name.clone();
        app.error(format!(
            "{name} has no way to do this: {key} records the risk as accepted"
        ));
        true
    } else {
        false
    }
}

fn apply(app: &App, tool: usize, check: usize, op: Op, verb: &'static str) -> Effect {
    let catalog = &app.session.catalog;
    Effect::Apply {
        change: Change {
            tool: catalog.tools[tool].id.clone(),
            check: catalog.checks[check].id.clone(),
            op,
        },
        verb,
        undoing: false,
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
        let when = crate::report::when(item, app.today);
        if !when.is_empty() {
            let _ = write!(text, ", {when}");
        }
    }
    text
}

fn start_editing(app: &mut App, field: Field, tool: usize, check: usize, value: String) {
    let mut editing = Editing {
        field,
        input: Input::new(value),
        tool,
        check,
        error: None,
        verdict: None,
    };
    editing.verdict = verdict(app, &editing);
    app.mode = Mode::Editing(editing);
}

/// The value being typed, checked: a naming value against the convention,
/// a date as read. None for other fields and for an empty value.
fn verdict(app: &App, editing: &Editing) -> Option<(String, bool)> {
    let value = editing.input.value();
    if value.trim().is_empty() {
        return None;
    }
    let catalog = &app.session.catalog;
    match editing.field {
        Field::Value if catalog.checks[editing.check].kind == CheckKind::Naming => {
            let template = catalog.tools[editing.tool].naming.as_ref()?;
            Some(match template.check(value, &app.session.settings.identity) {
                NameCheck::Matches => ("✓ follows the convention".to_string(), true),
                NameCheck::ShapeMatches => (
                    "✓ has the convention's form (add your name to the config to check it exactly)"
                        .to_string(),
                    true,
                ),
                NameCheck::Differs { expected } => {
                    (format!("✗ differs: expected “{expected}”"), false)
                }
                NameCheck::ShapeDiffers => {
                    ("✗ does not have the convention's form".to_string(), false)
                }
            })
        }
        Field::Date => Some(match dates::parse(value, app.today) {
            Ok(d) if d > app.today => (format!("✗ {d} is after today"), false),
            Ok(d) => (format!("→ {d} ({})", d.strftime("%A")), true),
            Err(_) => ("✗ not a date yet".to_string(), false),
        }),
        _ => None,
    }
}

fn edit(app: &mut App, mut editing: Editing, action: Action) -> Option<Effect> {
    match action {
        Action::Edit(request) => {
            editing.input.handle(request);
            editing.error = None;
            editing.verdict = verdict(app, &editing);
            app.mode = Mode::Editing(editing);
            None
        }
        Action::Cancel => None,
        Action::Confirm => {
            let text = editing.input.value().to_string();
            let (tool, check) = (editing.tool, editing.check);
            let (op, verb) = match editing.field {
                Field::Value => (
                    Op::SetValue {
                        value: text,
                        on: app.today,
                    },
                    "value saved",
                ),
                Field::Note => (Op::Note { text }, "note saved"),
                Field::Reason => (Op::Accept { reason: text }, "risk accepted"),
                Field::Date => match dates::parse(&text, app.today) {
                    Ok(on) => (Op::Done { on }, "done on that date"),
                    Err(e) => {
                        editing.error = Some(e.to_string());
                        app.mode = Mode::Editing(editing);
                        return None;
                    }
                },
                Field::Secret => {
                    if text.trim().is_empty() {
                        editing.error = Some("the private note is empty".to_string());
                        app.mode = Mode::Editing(editing);
                        return None;
                    }
                    return Some(Effect::SaveSecret { tool, text });
                }
            };
            let effect = apply(app, tool, check, op, verb);
            if let Effect::Apply { change, .. } = &effect
                && let Err(e) = change.validate(&app.session.catalog, app.today)
            {
                editing.error = Some(e.to_string());
                app.mode = Mode::Editing(editing);
                return None;
            }
            Some(effect)
        }
        _ => {
            app.mode = Mode::Editing(editing);
            None
        }
    }
}

fn filtering(app: &mut App, mut input: Input, action: Action) -> Option<Effect> {
    match action {
        Action::Edit(request) => {
            input.handle(request);
            app.dashboard.filter = input.value().to_string();
            select_visible(app);
            app.mode = Mode::Filtering(input);
        }
        Action::Confirm => {
            let shown = app.visible_rows().len();
            if !app.dashboard.filter.is_empty() {
                app.info(format!(
                    "{shown} tool{} match \u{201c}{}\u{201d}",
                    if shown == 1 { "" } else { "s" },
                    app.dashboard.filter
                ));
            }
        }
        Action::Cancel => {
            app.dashboard.filter.clear();
            select_visible(app);
        }
        _ => app.mode = Mode::Filtering(input),
    }
    None
}

fn onboarding(app: &mut App, mut form: Onboarding, action: Action) -> Option<Effect> {
    let tools = app.session.catalog.tools.len();
    match (form.step, action) {
        (0..=2, Action::Edit(request)) => {
            form.fields[form.step].handle(request);
        }
        (step @ 0..=2, Action::Confirm) => {
            // What the config's loader would refuse is refused here, so the
            // config the form writes always loads.
            let value = form.fields[step].value().trim();
            let name = ["first", "last", "org"][step];
            match crate::naming::Identity::check_field(name, value) {
                Err(e) if !value.is_empty() => app.error(e),
                _ => form.step += 1,
            }
        }
        (_, Action::Confirm) if form.step < Onboarding::STEPS - 1 => form.step += 1,
        (_, Action::Confirm) => {
            let catalog = &app.session.catalog;
            let chosen: Vec<String> = form
                .chosen
                .iter()
                .enumerate()
                .filter(|(_, c)| **c)
                .map(|(i, _)| catalog.tools[i].id.clone())
                .collect();
            let identity = form.identity();
            app.mode = Mode::Onboarding(form);
            return Some(Effect::WriteConfig {
                identity,
                tools: chosen,
            });
        }
        (0, Action::Cancel) => {
            app.quit = true;
            return None;
        }
        (_, Action::Cancel) => form.step -= 1,
        (3, Action::Command(Command::Up)) => form.cursor = form.cursor.saturating_sub(1),
        (3, Action::Command(Command::Down)) => {
            form.cursor = (form.cursor + 1).min(tools.saturating_sub(1));
        }
        (3, Action::Command(Command::Toggle | Command::Select)) => {
            if let Some(c) = form.chosen.get_mut(form.cursor) {
                *c = !*c;
            }
        }
        _ => {}
    }
    app.mode = Mode::Onboarding(form);
    None
}

/// Rows a page moves in the current view.
fn page(app: &App) -> isize {
    let screen = layout::screen(area(app), app);
    screen.list_rows(app.view).max(1) as isize
}

fn area(app: &App) -> ratatui::layout::Rect {
    ratatui::layout::Rect::new(0, 0, app.size.0, app.size.1)
}

fn move_by(app: &mut App, delta: isize) {
    let step = |current: usize, len: usize| -> usize {
        if len == 0 {
            0
        } else {
            (current as isize)
                .saturating_add(delta)
                .clamp(0, len as isize - 1) as usize
        }
    };
    match app.view {
        View::Dashboard => {
            let visible = app.visible_rows();
            if visible.is_empty() {
                return;
            }
            let at = app.row_position(&visible).unwrap_or(0);
            let to = step(at, visible.len());
            app.dashboard.tool = Some(app.review.rows[visible[to]].tool);
        }
        View::Actions => {
            app.actions_view.selected = step(app.actions_view.selected, app.actions.len());
        }
        View::Tools => {
            app.tools_view.selected =
                step(app.tools_view.selected, app.session.catalog.tools.len());
        }
    }
    keep_in_view(app);
}

fn move_column(app: &mut App, delta: isize) {
    if app.view != View::Dashboard || app.review.columns.is_empty() {
        return;
    }
    let at = app.column_position().unwrap_or(0) as isize;
    let to = (at + delta).clamp(0, app.review.columns.len() as isize - 1) as usize;
    app.dashboard.check = Some(app.review.columns[to]);
    keep_in_view(app);
}

/// After the filter changed: keep the selection if it is still shown, or take the first row shown.
fn select_visible(app: &mut App) {
    let visible = app.visible_rows();
    if app.row_position(&visible).is_none() {
        app.dashboard.tool = visible.first().map(|&r| app.review.rows[r].tool);
    }
    keep_in_view(app);
}

/// Scroll so the selection is on screen.
pub fn keep_in_view(app: &mut App) {
    let screen = layout::screen(area(app), app);
    let rows = screen.list_rows(app.view);
    match app.view {
        View::Dashboard => {
            let visible = app.visible_rows();
            let at = app.row_position(&visible).unwrap_or(0);
            app.dashboard.scroll =
                layout::follow(app.dashboard.scroll, at, rows).min(visible.len().saturating_sub(1));
            let columns = screen.matrix_columns();
            let col = app.column_position().unwrap_or(0);
            app.dashboard.col_scroll = layout::follow(app.dashboard.col_scroll, col, columns);
        }
        View::Actions => {
            app.actions_view.scroll =
                layout::follow(app.actions_view.scroll, app.actions_view.selected, rows);
        }
        View::Tools => {
            app.tools_view.scroll =
                layout::follow(app.tools_view.scroll, app.tools_view.selected, rows);
        }
    }
}

fn jump_to_action(app: &mut App) {
    let Some(&i) = app.actions.get(app.actions_view.selected) else {
        return;
    };
    let item = &app.review.items[i];
    let (tool, check) = (item.tool, item.check);
    app.view = View::Dashboard;
    app.dashboard.tool = Some(tool);
    app.dashboard.check = Some(check);
    if app.row_position(&app.visible_rows()).is_none() {
        app.dashboard.filter.clear();
        app.dashboard.only_problems = false;
    }
    keep_in_view(app);
}

fn toggle_tracking(app: &mut App) -> Option<Effect> {
    let tool = app.tools_view.selected;
    let id = app.session.catalog.tools.get(tool)?.id.clone();
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
        Undo::Entry {
            tool,
            check,
            before,
        } => Effect::Apply {
            change: Change {
                tool,
                check,
                op: Op::Restore(before),
            },
            verb: "back as it was",
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

fn click(app: &mut App, column: u16, row: u16) {
    let screen = layout::screen(area(app), app);
    if row == screen.tabs.y {
        if let Some(view) = super::ui::tab_at(app, screen.tabs, column) {
            app.view = view;
            keep_in_view(app);
        }
        return;
    }
    let list = screen.list;
    if column < list.x || column >= list.right() || row < list.y || row >= list.bottom() {
        return;
    }
    match app.view {
        View::Dashboard => {
            if row < list.y + LABEL_LINES {
                return;
            }
            let visible = app.visible_rows();
            let at = app.dashboard.scroll + usize::from(row - list.y - LABEL_LINES);
            let Some(&r) = visible.get(at) else { return };
            app.dashboard.tool = Some(app.review.rows[r].tool);
            if column >= list.x + NAME {
                let col = app.dashboard.col_scroll + usize::from((column - list.x - NAME) / CELL);
                if let Some(&c) = app.review.columns.get(col) {
                    app.dashboard.check = Some(c);
                }
            }
        }
        View::Actions => {
            let at = app.actions_view.scroll + usize::from(row - list.y);
            if at < app.actions.len() {
                app.actions_view.selected = at;
            }
        }
        View::Tools => {
            let at = app.tools_view.scroll + usize::from(row - list.y);
            if at < app.session.catalog.tools.len() {
                app.tools_view.selected = at;
            }
        }
    }
    keep_in_view(app);
}
