//! An incident on the dashboard: what the person chose, which step is on
//! screen, and the incident it shows, read from the state each time.

use hygiene_core::incident::{Incident, Kind};
use hygiene_core::state::State;

/// `Mode::Incident`: choosing what went wrong (`kind` None), then its
/// steps, one card each; `at` may be one past the last step (the end card).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IncidentView {
    pub kind: Option<Kind>,
    /// In the list of kinds: the one shown as chosen.
    pub choice: usize,
    pub at: usize,
    pub scroll: u16,
}

impl IncidentView {
    /// The list of kinds, the first open one shown as chosen.
    pub fn choosing(state: &State) -> IncidentView {
        let choice = Kind::ALL
            .iter()
            .position(|&k| hygiene_core::incident::open_of(&state.incidents, k).is_some())
            .unwrap_or(0);
        IncidentView {
            kind: None,
            choice,
            at: 0,
            scroll: 0,
        }
    }

    /// The cards of `kind`, from its first open step.
    pub fn cards(state: &State, kind: Kind) -> IncidentView {
        let mut view = IncidentView {
            kind: Some(kind),
            choice: 0,
            at: 0,
            scroll: 0,
        };
        if let Some((_, i)) = current(state, kind) {
            view.at = i
                .steps
                .iter()
                .position(|s| i.step_state(s) == hygiene_core::incident::StepState::Open)
                .unwrap_or(i.steps.len());
        }
        view
    }
}

/// The incident the cards of `kind` show: the newest of its kind (starting
/// one resumes the open one, so the newest is it).
pub fn current(state: &State, kind: Kind) -> Option<(&str, &Incident)> {
    hygiene_core::incident::latest_of(&state.incidents, kind)
}

/// The open incidents, oldest first.
pub fn open(state: &State) -> Vec<(&str, &Incident)> {
    let mut open = hygiene_core::incident::by_start(&state.incidents);
    open.retain(|(_, i)| i.is_open());
    open
}
