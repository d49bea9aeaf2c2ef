//! The effects: the work that touches the disk or the keyring. The
//! dashboard's loop runs each on a worker thread ([`Worker`]), so that a
//! lock held elsewhere or a keyring that never answers cannot stop it from
//! drawing, and `q` or ctrl-c quit at once; tests run them in place
//! ([`perform`]).

use std::sync::{Arc, mpsc};
use std::time::{Duration, Instant};

use jiff::civil::Date;

use super::LOCK_WAIT;
use super::action::{Action, Effect};
use super::app::{App, Undo};
use hygiene_core::error::{Error, Result};
use hygiene_core::secrets::Secrets;
use hygiene_core::session::{self, Session, TrackedDay};
use hygiene_core::warning::Done;

/// How long an effect may run before the status line says what it waits for.
const TELL_AFTER: Duration = Duration::from_millis(150);

/// The effect running on its own thread, if any.
pub(crate) struct Worker {
    secrets: Arc<dyn Secrets + Send + Sync>,
    job: Option<Job>,
}

struct Job {
    answer: mpsc::Receiver<Action>,
    since: Instant,
    /// "the keyring", "the files".
    waits_for: &'static str,
    /// What quitting now may leave undone, if anything.
    at_stake: Option<String>,
    told: bool,
}

impl Worker {
    pub(crate) fn new(secrets: &dyn Secrets) -> Worker {
        Worker {
            secrets: secrets.shared(),
            job: None,
        }
    }

    pub(crate) fn busy(&self) -> bool {
        self.job.is_some()
    }

    /// Run `effect` on its own thread, on a copy of what it needs.
    pub(crate) fn start(&mut self, app: &App, effect: Effect) {
        let (waits_for, at_stake) = match &effect {
            Effect::RevealSecret { .. } => ("the keyring", None),
            Effect::Sync => (
                "git",
                Some("the sync may not have finished; `hygiene sync` finishes it".into()),
            ),
            Effect::SaveSecret { tool, .. } => (
                "the keyring",
                Some(format!(
                    "the private note for {} may not have been saved",
                    app.session.catalog.tools[*tool].id
                )),
            ),
            _ => (
                "the files",
                Some("the last change may not have been saved".into()),
            ),
        };
        let (tx, rx) = mpsc::channel();
        let session = app.session.clone();
        let today = app.today;
        let secrets = Arc::clone(&self.secrets);
        std::thread::spawn(move || {
            let _ = tx.send(perform(&session, today, effect, &*secrets));
        });
        self.job = Some(Job {
            answer: rx,
            since: Instant::now(),
            waits_for,
            at_stake,
            told: false,
        });
    }

    /// The effect's answer, once it has come.
    pub(crate) fn answer(&mut self) -> Option<Action> {
        let job = self.job.as_ref()?;
        let answer = match job.answer.try_recv() {
            Ok(action) => action,
            Err(mpsc::TryRecvError::Empty) => return None,
            Err(mpsc::TryRecvError::Disconnected) => {
                Action::Failed("the change stopped before it finished; nothing was saved".into())
            }
        };
        self.job = None;
        Some(answer)
    }

    /// What the running effect waits for, once, when it has taken long
    /// enough to say so.
    pub(crate) fn waiting(&mut self) -> Option<&'static str> {
        let job = self.job.as_mut()?;
        if job.told || job.since.elapsed() < TELL_AFTER {
            return None;
        }
        job.told = true;
        Some(job.waits_for)
    }

    /// What quitting now may leave undone.
    pub(crate) fn at_stake(&self) -> Option<String> {
        let job = self.job.as_ref()?;
        job.at_stake
            .as_ref()
            .map(|what| format!("quit while waiting for {}: {what}", job.waits_for))
    }
}

/// Do the work an effect asks for; the answer goes back through `update`.
/// With `[sync] auto`, a change saved is also committed to the state's
/// repository (no network).
pub(crate) fn perform(
    session: &Session,
    today: Date,
    effect: Effect,
    secrets: &dyn Secrets,
) -> Action {
    let action = perform_effect(session, today, effect, secrets);
    if session.config.sync_auto
        && matches!(action, Action::Saved { .. } | Action::Loaded { .. })
        && let Err(e) = hygiene_core::sync::commit_saved(&session.paths, &session.settings.device)
    {
        log::warn!("[sync] auto: the change is saved but not committed: {e}");
    }
    action
}

fn perform_effect(session: &Session, today: Date, effect: Effect, secrets: &dyn Secrets) -> Action {
    let paths = &session.paths;
    match effect {
        Effect::Apply {
            changes,
            verb,
            undoing,
        } => {
            match session::apply_changes(
                &paths.state,
                &session.catalog,
                &session.settings,
                &changes,
                today,
                LOCK_WAIT,
            ) {
                Ok(done) => {
                    let (state, before) = done.value;
                    Action::Saved {
                        state: Box::new(state),
                        changes,
                        before,
                        verb,
                        undoing,
                        warnings: done.warnings,
                    }
                }
                Err(e) => Action::NotDone(e),
            }
        }
        Effect::Track { .. }
        | Effect::Untrack { .. }
        | Effect::WriteConfig { .. }
        | Effect::WriteIdentity { .. } => perform_config(session, today, effect, secrets),
        Effect::RevealSecret { tool } => {
            let id = &session.catalog.tools[tool].id;
            match secrets.get(id) {
                Ok(Some(text)) => Action::SecretRevealed { tool, text },
                Ok(None) => Action::Failed(format!("no private note for {id} in the keyring")),
                // Nothing was to be saved: "not saved" would be beside the point.
                Err(e) => Action::Failed(format!("the private note could not be read: {e}")),
            }
        }
        Effect::RecordReview => reload_after(
            session,
            session.record_review(today),
            "Review recorded: the next review counts from today".to_string(),
            None,
            false,
        ),
        Effect::StartIncident { .. } | Effect::MarkStep { .. } | Effect::DismissIncident { .. } => {
            perform_incident(session, today, effect)
        }
        Effect::Sync => match hygiene_core::sync::sync(paths, &session.settings.device) {
            Ok(synced) => reload_after(
                session,
                Ok(Done::new(())),
                format!("Synced: {}", synced.words()),
                None,
                false,
            ),
            Err(e) => Action::Failed(format!("not synced: {e}")),
        },
        Effect::SaveSecret { tool, text } => {
            let id = session.catalog.tools[tool].id.clone();
            let edit = session.save_note(secrets, &id, &text);
            reload_after(
                session,
                edit,
                format!("Private note for {id} saved in the keyring"),
                None,
                false,
            )
        }
    }
}

/// The effects on an incident: each one operation of the core's session.
fn perform_incident(session: &Session, today: Date, effect: Effect) -> Action {
    use hygiene_core::incident::StepState;
    let (edit, message) = match effect {
        Effect::StartIncident { kind } => match session.start_incident(kind, &[], today) {
            Ok(done) => {
                let s = &done.value;
                let message = if s.resumed {
                    format!(
                        "Going on with the incident of {}: {}",
                        s.incident.started,
                        s.incident.progress_words()
                    )
                } else {
                    format!(
                        "Incident started: {} steps, recorded as {}",
                        s.incident.steps.len(),
                        s.id
                    )
                };
                (Ok(done.map(|_| ())), message)
            }
            Err(e) => (Err(e), String::new()),
        },
        Effect::MarkStep { id, step, to } => {
            let message = match to {
                StepState::Done => format!("Step done: {step}"),
                StepState::Dismissed => format!("Step set aside: {step}"),
                StepState::Open => format!("Step open again: {step}"),
            };
            let edit = session
                .mark_incident_steps(&id, &[(step.as_str(), to)], today)
                .map(|done| {
                    let closed = !done.value.is_open();
                    (done.map(|_| ()), closed)
                });
            match edit {
                Ok((done, true)) => (
                    Ok(done),
                    format!("{message}. Every step is done or set aside: the incident is closed"),
                ),
                Ok((done, false)) => (Ok(done), message),
                Err(e) => (Err(e), message),
            }
        }
        Effect::DismissIncident { id } => (
            session.dismiss_incident(&id, today).map(|d| d.map(|_| ())),
            format!("Incident {id} closed as it stands; it stays in the history"),
        ),
        _ => return Action::Failed("not an incident".into()),
    };
    reload_after(session, edit, message, None, false)
}

/// The effects that edit the config: track, untrack, the first-run form,
/// the identity. Each is one operation of the core's session.
fn perform_config(session: &Session, today: Date, effect: Effect, secrets: &dyn Secrets) -> Action {
    let (edit, message, undo, undoing) = match effect {
        Effect::Track {
            tool,
            index,
            undoing,
        } => {
            // A tool tracked again by an undo keeps its tracked day.
            let day = if undoing {
                TrackedDay::Keep
            } else {
                TrackedDay::Today
            };
            (
                session
                    .track(std::slice::from_ref(&tool), index, today, day)
                    .map(|done| done.map(drop)),
                format!("Now tracking {tool}"),
                (!undoing).then(|| Undo::Tracked { tool: tool.clone() }),
                undoing,
            )
        }
        Effect::Untrack {
            tool,
            index,
            undoing,
        } => (
            session
                .untrack(std::slice::from_ref(&tool), false, secrets)
                .map(|done| done.map(drop)),
            format!("Stopped tracking {tool}; its history is kept"),
            (!undoing).then(|| Undo::Untracked {
                tool: tool.clone(),
                index,
            }),
            undoing,
        ),
        Effect::WriteConfig { identity, tools } => (
            session::create_config(&session.paths, &identity, &tools, false, today).map_err(|e| {
                match e {
                    Error::Exists { path } => Error::invalid(
                        path,
                        "a config appeared in the meantime; it was kept as it is",
                    ),
                    e => e,
                }
            }),
            format!("Wrote {}", session.paths.config.display()),
            None,
            false,
        ),
        Effect::WriteIdentity { identity } => (
            session.set_identity(&identity),
            format!(
                "Names are now checked for {}",
                identity.describe().unwrap_or_default()
            ),
            None,
            false,
        ),
        Effect::Apply { .. }
        | Effect::RevealSecret { .. }
        | Effect::SaveSecret { .. }
        | Effect::StartIncident { .. }
        | Effect::MarkStep { .. }
        | Effect::DismissIncident { .. }
        | Effect::RecordReview
        | Effect::Sync => {
            return Action::Failed("not a change of the config".into());
        }
    };
    reload_after(session, edit, message, undo, undoing)
}

fn reload_after(
    session: &Session,
    edit: Result<Done<()>>,
    message: String,
    undo: Option<Undo>,
    undoing: bool,
) -> Action {
    let warnings = match edit {
        Ok(done) => done.warnings,
        Err(e) => return Action::NotDone(e),
    };
    match Session::load(session.paths.clone()) {
        Ok(session) => Action::Loaded {
            session: Box::new(session),
            undo,
            message: Some(if undoing {
                format!("Undone: {message}")
            } else {
                message
            }),
            undoing,
            warnings,
        },
        Err(e) => Action::Failed(e.to_string()),
    }
}
