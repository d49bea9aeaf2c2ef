//! The text fields: the editor (with its verdict as the value is typed),
//! the filter, and the first-run form.

use tui_input::Input;

use super::{Action, App, Editing, Effect, Field, Mode, Onboarding, apply};
use super::{Command, select_visible};
use hygiene_core::catalog::{CheckIx, CheckKind, ToolIx};
use hygiene_core::dates;
use hygiene_core::naming::NameCheck;
use hygiene_core::ops::Op;

pub(super) fn start_editing(
    app: &mut App,
    field: Field,
    tool: ToolIx,
    check: CheckIx,
    value: String,
) {
    let mut editing = Editing {
        field,
        input: Input::new(value),
        tool,
        check: Some(check),
        error: None,
        verdict: None,
    };
    editing.verdict = verdict(app, &editing);
    app.mode = Mode::Editing(editing);
}

/// A naming check is done with its name: the editor opens on the name
/// recorded, or else the one the convention expects, checked as it is typed.
pub(super) fn start_naming(app: &mut App, tool: ToolIx, check: CheckIx) {
    let recorded = app.entry(tool, check).and_then(|e| e.value.clone());
    let value = recorded
        .or_else(|| app.expected_name(tool))
        .unwrap_or_default();
    start_editing(app, Field::Value, tool, check, value);
}

/// The value being typed, checked: a naming value against the convention,
/// a date as read. None for other fields and for an empty value.
fn verdict(app: &App, editing: &Editing) -> Option<(String, bool)> {
    let value = editing.input.value();
    if value.trim().is_empty() {
        return None;
    }
    let catalog = &app.session.catalog;
    match (editing.field, editing.check) {
        (Field::Value, Some(check)) if catalog.checks[check].kind == CheckKind::Naming => {
            let template = catalog.tools[editing.tool].naming.as_ref()?;
            Some(match template.check(value, &app.session.settings.identity) {
                NameCheck::Matches => ("✓ follows the convention".to_string(), true),
                NameCheck::ShapeMatches => (
                    "✓ has the convention's form (add your name to the config to check it exactly)"
                        .to_string(),
                    true,
                ),
                NameCheck::Differs {
                    expected,
                    look_alike,
                } => {
                    let why = look_alike
                        .map(|marked| format!("; {}", hygiene_core::naming::look_alike_words(&marked)))
                        .unwrap_or_default();
                    (format!("✗ differs: expected “{expected}”{why}"), false)
                }
                NameCheck::ShapeDiffers => {
                    ("✗ does not have the convention's form".to_string(), false)
                }
            })
        }
        (Field::Date, _) => Some(match dates::parse(value, app.today) {
            Ok(d) if d > app.today => (format!("✗ {d} is after today"), false),
            Ok(d) => (format!("→ {d} ({})", d.strftime("%A")), true),
            Err(_) => ("✗ not a date yet".to_string(), false),
        }),
        (Field::Until, _) => Some(match dates::parse(value, app.today) {
            Ok(d) if d <= app.today => (format!("✗ {d} is not after today"), false),
            Ok(d) => (format!("→ until {d} ({})", d.strftime("%A")), true),
            Err(_) => ("✗ not a date yet".to_string(), false),
        }),
        (Field::Value | Field::Note | Field::Reason | Field::Secret, _) => None,
    }
}

pub(super) fn edit(app: &mut App, mut editing: Editing, action: Action) -> Option<Effect> {
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
            let tool = editing.tool;
            if editing.field == Field::Secret {
                if text.trim().is_empty() {
                    editing.error = Some("the private note is empty".to_string());
                    app.mode = Mode::Editing(editing);
                    return None;
                }
                return Some(Effect::SaveSecret { tool, text });
            }
            // Every other field is for a check.
            let check = editing.check?;
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
                Field::Until => match dates::parse(&text, app.today) {
                    Ok(until) => (Op::Snooze { until }, "snoozed"),
                    Err(e) => {
                        editing.error = Some(e.to_string());
                        app.mode = Mode::Editing(editing);
                        return None;
                    }
                },
                Field::Secret => return None,
            };
            let effect = apply(app, tool, check, op, verb);
            if let Effect::Apply { changes, .. } = &effect
                && let Some(Err(e)) = changes
                    .iter()
                    .map(|c| c.validate(&app.session.catalog, app.today))
                    .find(Result::is_err)
            {
                editing.error = Some(match &e {
                    hygiene_core::Error::Refused(refusal) => {
                        crate::tui::words::refused(app, refusal)
                    }
                    other => other.to_string(),
                });
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

pub(super) fn filtering(app: &mut App, mut input: Input, action: Action) -> Option<Effect> {
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
                    "{shown} {} \u{201c}{}\u{201d}",
                    if shown == 1 {
                        "tool matches"
                    } else {
                        "tools match"
                    },
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

pub(super) fn onboarding(app: &mut App, mut form: Onboarding, action: Action) -> Option<Effect> {
    let tools = app.session.catalog.tools.len();
    match (form.step.field(), action) {
        (Some(field), Action::Edit(request)) => {
            form.fields[field].handle(request);
        }
        // On to the next field only with this one as the config can hold it.
        (Some(_), Action::Confirm) => {
            if name_field_holds(app, &form)
                && let Some(next) = form.step.next()
            {
                form.step = next;
            }
        }
        (None, Action::Confirm) => {
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
        (_, Action::Cancel) => {
            let Some(previous) = form.step.previous() else {
                app.quit = true;
                return None;
            };
            form.step = previous;
        }
        (None, Action::Command(Command::Up)) => form.cursor = form.cursor.saturating_sub(1),
        (None, Action::Command(Command::Down)) => {
            form.cursor = (form.cursor + 1).min(tools.saturating_sub(1));
        }
        (None, Action::Command(Command::Toggle | Command::Select)) => {
            if let Some(c) = form.chosen.get_mut(form.cursor) {
                *c = !*c;
            }
        }
        _ => {}
    }
    app.mode = Mode::Onboarding(form);
    None
}

/// `I`: the name and organisation, filled in with the config's, to change.
pub(super) fn start_identity(app: &mut App) {
    let mut form = Onboarding::new(0);
    let identity = &app.session.settings.identity;
    for (field, value) in
        form.fields
            .iter_mut()
            .zip([&identity.first, &identity.last, &identity.org])
    {
        *field = tui_input::Input::new(value.clone().unwrap_or_default());
    }
    app.mode = Mode::Identity(form);
}

/// A key while changing the name and organisation: each field as in the
/// first-run form (an empty one refused); enter on the last writes them.
pub(super) fn identity(app: &mut App, mut form: Onboarding, action: Action) -> Option<Effect> {
    // The identity editor's steps are the form's name fields.
    let next = form.step.next().filter(|s| s.field().is_some());
    match action {
        Action::Edit(request) => {
            if let Some(field) = form.step.field() {
                form.fields[field].handle(request);
            }
        }
        Action::Confirm if !name_field_holds(app, &form) => {}
        Action::Confirm => match next {
            Some(next) => form.step = next,
            None => {
                return Some(Effect::WriteIdentity {
                    identity: form.identity(),
                });
            }
        },
        Action::Cancel => match form.step.previous() {
            Some(previous) => form.step = previous,
            None => return None,
        },
        _ => {}
    }
    app.mode = Mode::Identity(form);
    None
}

/// Whether the name field on screen (first, last or organisation) holds what
/// the config can: not empty (the naming conventions are built from it; an
/// empty one would leave "{first}" in every expected name), and what the
/// config's loader accepts, so the config written always loads. If not, the
/// status line says why.
fn name_field_holds(app: &mut App, form: &Onboarding) -> bool {
    let Some(step) = form.step.field() else {
        return true;
    };
    let value = form.fields[step].value().trim();
    let name = ["first", "last", "org"][step];
    let what = ["your first name", "your last name", "your organisation"][step];
    match hygiene_core::naming::Identity::check_field(name, value) {
        _ if value.is_empty() => {
            app.error(format!(
                "{what} is needed: the expected display names are made from it"
            ));
            false
        }
        Err(e) => {
            app.error(e);
            false
        }
        Ok(()) => true,
    }
}
