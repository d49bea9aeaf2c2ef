//! The commands on the selected item: done, not done, a value, a date, a
//! note, not applicable, an accepted risk, a snooze, an archive, the private
//! note. Each becomes a change for the core, which decides.

use tui_input::Input;

use super::modes::{start_editing, start_naming};
use super::{App, Editing, Effect, Field, Mode, SnoozeChoice, Undo, View, apply, refuse, undo};
use crate::tui::keymap::Command;
use hygiene_core::catalog::{CheckIx, CheckKind, ToolIx};
use hygiene_core::ops::Op;
use hygiene_core::state::Status;

/// A command on the selected item (tool and check).
pub(super) fn item_command(app: &mut App, command: Command) -> Option<Effect> {
    if command == Command::Archive {
        return archive(app);
    }
    let (tool, check) = applicable_target(app)?;
    let entry = app.entry(tool, check).cloned();
    let entry = entry.as_ref();
    // What recording a name would be, for the core to refuse or not.
    let name = Op::SetValue {
        value: String::new(),
        on: app.today,
    };
    let naming = app.session.catalog.checks[check].kind == CheckKind::Naming;
    match command {
        // The date editor opens only for what the core would record.
        Command::SetDate if refuse(app, tool, check, &Op::Done { on: app.today }) => None,
        // Toggling off a check done in this session puts back what was
        // there (a check never done shows no "last done" today).
        Command::Toggle if app.is_done(tool, check) && last_change_is(app, tool, check) => {
            undo(app)
        }
        Command::Toggle if app.is_done(tool, check) => {
            Some(apply(app, tool, check, Op::Todo, "marked not done"))
        }
        // An accepted risk keeps its reason: space would drop it unasked.
        Command::Toggle if matches!(entry.map(|e| &e.status), Some(Status::Accepted { .. })) => {
            refuse_toggle_accepted(app);
            None
        }
        // A name check is done with its name.
        Command::Toggle if naming && !refuse(app, tool, check, &name) => {
            start_naming(app, tool, check);
            None
        }
        Command::Toggle => Some(apply(app, tool, check, Op::Done { on: app.today }, "done")),
        Command::EditValue if refuse(app, tool, check, &name) => None,
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
            let reason = entry
                .and_then(|e| e.status.reason())
                .unwrap_or_default()
                .to_string();
            start_editing(app, Field::Reason, tool, check, reason);
            None
        }
        Command::Snooze => {
            start_snooze(app, tool, check);
            None
        }
        _ => None,
    }
}

/// How long to snooze: a week (the default), a month, or a date; refused
/// for a check in good standing.
pub(super) fn start_snooze(app: &mut App, tool: ToolIx, check: CheckIx) {
    let session = &app.session;
    match hygiene_core::engine::nothing_to_snooze(
        &session.catalog,
        &session.settings,
        &session.state,
        tool,
        check,
        app.today,
    ) {
        Some(refusal) => app.error(crate::tui::words::refused(app, &refusal)),
        None => {
            app.mode = Mode::Snoozing {
                tool,
                check,
                choice: SnoozeChoice::Week,
            };
        }
    }
}

pub(super) fn refuse_toggle_accepted(app: &mut App) {
    let keys = &app.keymap.dashboard;
    let (date, reason) = (
        keys.first_key(Command::SetDate),
        keys.first_key(Command::AcceptRisk),
    );
    app.error(format!(
        "The risk is accepted, with a reason: {reason} edits it; {date} records the check done instead"
    ));
}

/// An archive today for the selected tool (any of its cells).
pub(super) fn archive(app: &mut App) -> Option<Effect> {
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

/// Show the tool's private note, or start writing one.
pub(super) fn secret_command(app: &mut App, command: Command) -> Option<Effect> {
    let tool = match app.view {
        View::Tools => Some(ToolIx(app.tools_view.selected)),
        _ => app.target().map(|(t, _)| t),
    }?;
    let id = app.session.catalog.tools[tool].id.clone();
    if command == Command::EditSecret {
        app.mode = Mode::Editing(Editing {
            field: Field::Secret,
            input: Input::default(),
            tool,
            check: None,
            error: None,
            verdict: None,
        });
        return None;
    }
    if !app.session.state.private_notes.contains(&id) {
        let key = app.keymap.dashboard.first_key(Command::EditSecret);
        app.info(format!("No private note for {id}; {key} writes one"));
        return None;
    }
    Some(Effect::RevealSecret { tool })
}

/// The target of an item command, with a message when there is none.
pub(super) fn applicable_target(app: &mut App) -> Option<(ToolIx, CheckIx)> {
    let Some((tool, check)) = app.target() else {
        if app.view == View::Tools {
            app.error("Choose a check on the dashboard first");
        } else if app.review.rows.is_empty() {
            let key = app.keymap.dashboard.first_key(Command::NextView);
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

/// The last change of this session (the top of undo) is to this cell.
pub(super) fn last_change_is(app: &App, tool: ToolIx, check: CheckIx) -> bool {
    let catalog = &app.session.catalog;
    matches!(
        app.undo.last(),
        Some(Undo::Entries(entries)) if entries.iter().any(|e|
            e.tool == catalog.tools[tool].id && e.check == catalog.checks[check].id)
    )
}
