//! The keys of an incident: choosing what went wrong, then its steps.

use super::super::action::{Action, Effect};
use super::super::app::{App, Mode};
use super::super::incident::{IncidentView, current};
use super::super::keymap::{Command, IncidentKey};
use hygiene_core::incident::{Kind, StepState};

/// `!` on the dashboard: what went wrong, the first open kind chosen.
pub(crate) fn open(app: &mut App) {
    app.mode = Mode::Incident(IncidentView::choosing(&app.session.state));
}

pub(crate) fn key(app: &mut App, mut view: IncidentView, action: &Action) -> Option<Effect> {
    let Action::Incident(key) = action else {
        // Another key leaves the mode as it is.
        app.mode = Mode::Incident(view);
        return None;
    };
    let Some(kind) = view.kind else {
        return choose(app, view, *key);
    };
    let state = &app.session.state;
    let Some((id, incident)) = current(state, kind) else {
        // Not recorded (yet, or the start failed): back to the dashboard.
        app.mode = Mode::Normal;
        return None;
    };
    let (id, steps) = (id.to_string(), incident.steps.clone());
    let step = steps.get(view.at).cloned();
    let mut effect = None;
    let mut mark = |view: &mut IncidentView, to: StepState| {
        if let Some(step) = &step {
            effect = Some(Effect::MarkStep {
                id: id.clone(),
                step: step.clone(),
                to,
            });
            if to != StepState::Open {
                view.at = (view.at + 1).min(steps.len());
                view.scroll = 0;
            }
        }
    };
    match key {
        IncidentKey::Done => mark(&mut view, StepState::Done),
        IncidentKey::SetAside => mark(&mut view, StepState::Dismissed),
        IncidentKey::Reopen => mark(&mut view, StepState::Open),
        IncidentKey::Next => {
            view.at = (view.at + 1).min(steps.len());
            view.scroll = 0;
        }
        IncidentKey::Back => {
            view.at = view.at.saturating_sub(1);
            view.scroll = 0;
        }
        IncidentKey::Down => view.scroll = view.scroll.saturating_add(1),
        IncidentKey::Up => view.scroll = view.scroll.saturating_sub(1),
        IncidentKey::Dismiss => {
            app.mode = Mode::Normal;
            return Some(Effect::DismissIncident { id });
        }
        IncidentKey::End => {
            app.mode = Mode::Normal;
            if incident.is_open() {
                let key = app.keymap.dashboard.first_key(Command::Incident);
                app.info(format!(
                    "The incident stays open ({}): {key} goes on with it",
                    incident.progress_words()
                ));
            }
            return None;
        }
    }
    app.mode = Mode::Incident(view);
    effect
}

fn choose(app: &mut App, mut view: IncidentView, key: IncidentKey) -> Option<Effect> {
    let last = Kind::ALL.len() - 1;
    match key {
        IncidentKey::Down => view.choice = (view.choice + 1).min(last),
        IncidentKey::Up => view.choice = view.choice.saturating_sub(1),
        IncidentKey::Next | IncidentKey::Done => {
            let kind = Kind::ALL[view.choice.min(last)];
            app.mode = Mode::Incident(IncidentView::cards(&app.session.state, kind));
            return Some(Effect::StartIncident { kind });
        }
        IncidentKey::End | IncidentKey::Back => {
            app.mode = Mode::Normal;
            return None;
        }
        IncidentKey::SetAside | IncidentKey::Reopen | IncidentKey::Dismiss => {}
    }
    app.mode = Mode::Incident(view);
    None
}

/// After the incident was started or resumed: its first open step.
pub(crate) fn started(app: &mut App) {
    if let Mode::Incident(IncidentView {
        kind: Some(kind),
        at: 0,
        ..
    }) = &app.mode
    {
        app.mode = Mode::Incident(IncidentView::cards(&app.session.state, *kind));
    }
}
