//! Incidents: starting one (or resuming the open one of its kind), marking
//! its steps, dismissing it. Both faces call these.

use jiff::civil::Date;

use super::Session;
use crate::catalog::ToolIx;
use crate::error::{Error, Result};
use crate::incident::{self, Incident, Kind, StepState};
use crate::warning::Done;

/// What [`Session::start_incident`] found or made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Started {
    pub id: String,
    pub incident: Incident,
    /// The open incident of this kind, picked up where it was left.
    pub resumed: bool,
}

impl Session {
    /// The open incident of `kind`, or a new one across `tools` (the tracked
    /// tools when empty), started today.
    pub fn start_incident(
        &self,
        kind: Kind,
        tools: &[ToolIx],
        today: Date,
    ) -> Result<Done<Started>> {
        super::check_change_day(today)?;
        let tools = if tools.is_empty() {
            self.settings.tracked.clone()
        } else {
            tools.to_vec()
        };
        let catalog = &self.catalog;
        self.write_state(|state| {
            if let Some((id, open)) = incident::open_of(&state.incidents, kind) {
                return Ok(Started {
                    id: id.to_string(),
                    incident: open.clone(),
                    resumed: true,
                });
            }
            if state.incidents.len() >= incident::MAX_INCIDENTS {
                return Err(Error::Input(format!(
                    "the state holds {} incidents already; at most {}",
                    state.incidents.len(),
                    incident::MAX_INCIDENTS
                )));
            }
            let new = Incident::start(catalog, kind, &tools, today);
            let id = incident::new_id(&state.incidents, kind, today);
            state.incidents.insert(id.clone(), new.clone());
            Ok(Started {
                id,
                incident: new,
                resumed: false,
            })
        })
    }

    /// Mark steps of the incident `id` done, set aside or open again, all
    /// in one write: either every one is recorded or none is.
    pub fn mark_incident_steps(
        &self,
        id: &str,
        marks: &[(&str, StepState)],
        today: Date,
    ) -> Result<Done<Incident>> {
        super::check_change_day(today)?;
        self.write_state(|state| {
            let incident = state.incidents.get_mut(id).ok_or_else(|| no_incident(id))?;
            for &(step, to) in marks {
                if !incident.steps.iter().any(|s| s == step) {
                    return Err(Error::Input(format!(
                        "the incident {id} has no step `{}`; its steps: {}",
                        crate::text::visible(step),
                        incident.steps.join(", ")
                    )));
                }
                incident.mark(step, to, today);
            }
            Ok(incident.clone())
        })
    }

    /// Close the incident `id` as it stands: its open steps are left undone
    /// (they stay in the record as they were).
    pub fn dismiss_incident(&self, id: &str, today: Date) -> Result<Done<Incident>> {
        super::check_change_day(today)?;
        self.write_state(|state| {
            let incident = state.incidents.get_mut(id).ok_or_else(|| no_incident(id))?;
            incident.closed = incident.closed.or(Some(today));
            Ok(incident.clone())
        })
    }
}

fn no_incident(id: &str) -> Error {
    Error::Input(format!(
        "no incident `{}` in the state; `hygiene incident --list` shows them",
        crate::text::visible(id)
    ))
}
