//! Every write that takes more than one step, once: tracking (the config
//! and the tracked day), untracking (with the purge of history and notes),
//! private notes (the keyring and the state's flag), the identity, the first
//! config. Both faces call these and word their outcomes and refusals; a
//! rule added here holds for both.

use jiff::civil::Date;

use super::{Paths, Session, update_state_file};
use crate::catalog::{CheckIx, ToolIx};
use crate::config_edit::{self, ConfigChange};
use crate::error::{Error, PurgeStep, Result};
use crate::naming::Identity;
use crate::refusal::Refusal;
use crate::secrets::Secrets;
use crate::store::LOCK_WAIT;
use crate::warning::Done;

/// What the tracked day of a tool becomes when it is tracked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TrackedDay {
    /// Today: a newly tracked tool's first review is due a set time from now.
    Today,
    /// The day already recorded, if any (a tool tracked again by an undo).
    Keep,
}

/// What [`Session::track`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tracked {
    /// Newly tracked, in the order asked.
    pub new: Vec<String>,
    /// Tracked before.
    pub already: Vec<String>,
    /// Tools asked for that the catalog marks discontinued.
    pub discontinued: Vec<ToolIx>,
    /// There was no config: a new one was written.
    pub created: bool,
}

/// What [`Session::untrack`] did.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Untracked {
    /// No longer tracked.
    pub untracked: Vec<String>,
    /// With purge: how many of the tools had a recorded history, now deleted.
    pub purged: Option<usize>,
    /// With purge: the private notes removed from the keyring.
    pub notes_removed: Vec<String>,
    /// With purge: the accounts (by name) whose shared checks were deleted
    /// too, since no tracked tool signs in with them any more.
    pub accounts_purged: Vec<String>,
    /// With purge: accounts whose shared checks stay, each with a tracked
    /// tool that still signs in with it.
    pub accounts_kept: Vec<(String, String)>,
    /// Without purge: whether any of the tools has a recorded history, kept.
    pub history_kept: bool,
    /// Without purge: the tools whose private note stays in the keyring.
    pub notes_kept: Vec<String>,
}

impl Session {
    /// A locked read-modify-write of the state file as it is on disk now.
    /// The session's own copy is not changed: the faces read the files
    /// again after these operations.
    pub(super) fn write_state<T>(
        &self,
        f: impl FnOnce(&mut crate::state::State) -> Result<T>,
    ) -> Result<Done<T>> {
        update_state_file(&self.paths.state, &self.settings.device, LOCK_WAIT, f)
            .map(|done| done.map(|(_, result)| result))
    }

    /// The tool `id`, which must be tracked (`status --tool`, `review --tool`).
    pub fn require_tracked(&self, id: &str) -> Result<ToolIx> {
        let tool = self.catalog.require_tool(id)?;
        if self.settings.tracked.contains(&tool) {
            Ok(tool)
        } else {
            Err(Refusal::NotTracked {
                tool: self.catalog.named_tool(tool),
            }
            .into())
        }
    }

    /// The tracked tool and the check a change names. An account id
    /// (`microsoft365`) stands for the tracked tools that sign in with it,
    /// for the checks that live on it.
    pub fn target(&self, tool: &str, check: &str) -> Result<(ToolIx, CheckIx)> {
        let catalog = &self.catalog;
        let Some(account) = catalog.account(tool) else {
            let t = self.require_tracked(tool)?;
            return Ok((t, catalog.require_check(t, check)?));
        };
        let a = &catalog.accounts[account];
        let c = catalog
            .check(check)
            .filter(|c| a.checks.contains(c))
            .ok_or_else(|| {
                Error::input(crate::error::unknown_id(
                    &format!("check of the {}", a.name),
                    check,
                    a.checks.iter().map(|&c| catalog.checks[c].id.as_str()),
                ))
            })?;
        let t = catalog
            .tools_of(account)
            .find(|t| self.settings.tracked.contains(t) && catalog.tools[*t].checks.contains(&c))
            .ok_or_else(|| Refusal::NoTrackedTool {
                account: crate::refusal::Named {
                    id: a.id.clone(),
                    name: a.name.clone(),
                },
            })?;
        Ok((t, c))
    }

    /// Track `ids` (at a place in the list, when an untrack is undone) and
    /// record their tracked day; a config is written if there is none.
    pub fn track(
        &self,
        ids: &[String],
        at: Option<usize>,
        today: Date,
        day: TrackedDay,
    ) -> Result<Done<Tracked>> {
        super::check_change_day(today)?;
        let mut asked: Vec<String> = Vec::new();
        let mut discontinued = Vec::new();
        for id in ids {
            let t = self.catalog.require_tool(id)?;
            let id = &self.catalog.tools[t].id;
            if !asked.contains(id) {
                asked.push(id.clone());
                if self.catalog.tools[t].discontinued {
                    discontinued.push(t);
                }
            }
        }
        let (already, new): (Vec<String>, Vec<String>) = asked.iter().cloned().partition(|id| {
            self.config
                .track
                .iter()
                .any(|t| t.get_ref().eq_ignore_ascii_case(id))
        });
        let change = ConfigChange::Track { ids: &asked, at };
        let edited = config_edit::apply(&self.paths.config, change, LOCK_WAIT)?;
        let recorded = record_tracked(&self.paths, &new, today, day)?;
        Ok(edited
            .map(|edited| Tracked {
                new,
                already,
                discontinued,
                created: edited.created,
            })
            .after(recorded))
    }

    /// Stop tracking `ids`. With `purge`, first delete their recorded
    /// history, tracked day and private notes; each step of a purge can be
    /// finished by running it again, since the tools stay tracked until all
    /// of it is done ([`Error::PurgeInterrupted`]).
    pub fn untrack(
        &self,
        ids: &[String],
        purge: bool,
        secrets: &dyn Secrets,
    ) -> Result<Done<Untracked>> {
        // Ids match the config's `track` without regard to case.
        let tracked: Vec<String> = self
            .config
            .track
            .iter()
            .map(|s| s.get_ref().to_ascii_lowercase())
            .collect();
        for id in ids {
            // With purge, what an earlier, interrupted purge left may be purged.
            let leftover = purge
                && (self.state.tools.contains_key(id) || self.state.private_notes.contains(id));
            if !tracked.contains(id) && !leftover {
                // Not a refusal to word: nothing to do, and no advice (the
                // command line's "track it first" would be wrong here).
                return Err(match self.catalog.tool(id) {
                    Some(_) => Error::input(format!("`{id}` is not tracked")),
                    None => Error::input(crate::error::unknown_id(
                        "tool",
                        id,
                        tracked.iter().map(String::as_str),
                    )),
                });
            }
        }
        let with_notes: Vec<String> = ids
            .iter()
            .filter(|id| self.state.private_notes.contains(*id))
            .cloned()
            .collect();
        let mut outcome = Done::new(Untracked::default());
        if purge {
            self.purge(ids, &with_notes, secrets, &mut outcome)?;
        } else {
            outcome.value.history_kept = ids.iter().any(|id| self.state.tools.contains_key(id));
            outcome.value.notes_kept = with_notes;
        }
        outcome.value.untracked = ids
            .iter()
            .filter(|id| tracked.contains(id))
            .cloned()
            .collect();
        if !outcome.value.untracked.is_empty() {
            let change = ConfigChange::Untrack {
                ids: &outcome.value.untracked,
            };
            let edited = config_edit::apply(&self.paths.config, change, LOCK_WAIT)
                .map_err(|e| interrupted(ids, PurgeStep::Config, purge, e))?;
            outcome.warnings.extend(edited.warnings);
        }
        Ok(outcome)
    }

    fn purge(
        &self,
        ids: &[String],
        with_notes: &[String],
        secrets: &dyn Secrets,
        outcome: &mut Done<Untracked>,
    ) -> Result<()> {
        let (unused, kept) = self.accounts_after(ids);
        let removed = self.write_state(|state| {
            for id in ids {
                state.tracked.remove(id);
            }
            let count = ids
                .iter()
                .filter(|id| state.tools.remove(*id).is_some())
                .count();
            // The shared checks of an account no tracked tool uses any more.
            let accounts: Vec<String> = unused
                .iter()
                .filter(|&&a| state.tools.remove(&self.catalog.accounts[a].id).is_some())
                .map(|&a| self.catalog.accounts[a].name.clone())
                .collect();
            Ok((count, accounts))
        })?;
        outcome.warnings.extend(removed.warnings);
        let (count, accounts) = removed.value;
        outcome.value.purged = Some(count);
        outcome.value.accounts_purged = accounts;
        outcome.value.accounts_kept = kept
            .into_iter()
            .filter(|(a, _)| self.state.tools.contains_key(&self.catalog.accounts[*a].id))
            .map(|(a, t)| {
                (
                    self.catalog.accounts[a].name.clone(),
                    self.catalog.tools[t].name.clone(),
                )
            })
            .collect();
        for id in with_notes {
            secrets
                .delete(id)
                .map_err(|e| interrupted(ids, PurgeStep::Notes(id.clone()), true, e))?;
        }
        let flags = self
            .write_state(|state| {
                for id in ids {
                    state.private_notes.remove(id);
                }
                Ok(())
            })
            .map_err(|e| interrupted(ids, PurgeStep::NoteFlags, true, e))?;
        outcome.warnings.extend(flags.warnings);
        outcome.value.notes_removed = with_notes.to_vec();
        Ok(())
    }

    /// The accounts the tools `ids` sign in with: those no other tracked tool
    /// uses, and those another still does (with that tool).
    fn accounts_after(&self, ids: &[String]) -> (Vec<usize>, Vec<(usize, ToolIx)>) {
        let catalog = &self.catalog;
        let leaving: Vec<ToolIx> = ids.iter().filter_map(|id| catalog.tool(id)).collect();
        let mut unused = Vec::new();
        let mut kept = Vec::new();
        for account in leaving.iter().filter_map(|&t| catalog.tools[t].account) {
            if unused.contains(&account) || kept.iter().any(|(a, _)| *a == account) {
                continue;
            }
            let staying = self
                .settings
                .tracked
                .iter()
                .find(|t| !leaving.contains(t) && catalog.tools[**t].account == Some(account));
            match staying {
                Some(&t) => kept.push((account, t)),
                None => unused.push(account),
            }
        }
        (unused, kept)
    }

    /// Keep `text` as the tool's private note: in the keyring, then the
    /// state's flag that there is one. When the keyring keeps it but the
    /// state cannot record it, the error says so ([`Error::NoteNotRecorded`]).
    pub fn save_note(&self, secrets: &dyn Secrets, tool: &str, text: &str) -> Result<Done<()>> {
        secrets.set(tool, text)?;
        self.write_state(|state| {
            state.private_notes.insert(tool.to_string());
            Ok(())
        })
        .map_err(|source| Error::NoteNotRecorded {
            tool: tool.to_string(),
            source: Box::new(source),
        })
    }

    /// Remove the tool's private note from the keyring and the state;
    /// false when neither had one.
    pub fn forget_note(&self, secrets: &dyn Secrets, tool: &str) -> Result<Done<bool>> {
        let removed = secrets.delete(tool)?;
        let recorded = self.write_state(|state| Ok(state.private_notes.remove(tool)))?;
        Ok(recorded.map(|recorded| removed || recorded))
    }

    /// Set the name and organisation in the config's `[identity]`.
    pub fn set_identity(&self, identity: &Identity) -> Result<Done<()>> {
        config_edit::apply(
            &self.paths.config,
            ConfigChange::Identity { identity },
            LOCK_WAIT,
        )
        .map(|done| done.map(drop))
    }

    /// `export --format ics` on `review`: the calendar, with what it sent
    /// remembered beside the state (locked, atomic) so that the next export
    /// updates and cancels instead of leaving stale events. A file of what
    /// was sent that does not parse is reported and left alone. Dated after
    /// the clock (`--as-of`), the calendar is made but nothing remembered.
    pub fn export_calendar(&self, review: &crate::engine::Review) -> Result<Done<String>> {
        let ctx = crate::report::Context {
            catalog: &self.catalog,
            settings: &self.settings,
            state: &self.state,
        };
        let path = self.paths.calendar();
        let remember = super::check_change_day(review.as_of).is_ok();
        let export = |current: Option<&str>| -> Result<(Option<String>, String)> {
            let sent = current
                .map(|text| crate::report::Sent::parse(&path, text))
                .transpose()?;
            let (text, now) =
                crate::report::export_ics(&ctx, review, self.config.reminder, sent.as_ref());
            Ok((remember.then(|| now.to_toml()), text))
        };
        // One that does not parse is reported before anything is touched.
        let current = crate::store::read_text(&path)?;
        if !remember {
            return Ok(Done::new(export(current.as_deref())?.1));
        }
        if let Some(text) = &current {
            crate::report::Sent::parse(&path, text)?;
        }
        crate::store::update(&path, LOCK_WAIT, export)
    }

    /// A guided review ended today: the next review counts from it.
    pub fn record_review(&self, today: Date) -> Result<Done<()>> {
        super::check_change_day(today)?;
        self.write_state(|state| {
            state.last_review = state.last_review.max(Some(today));
            Ok(())
        })
    }

    /// Record today as the tracked day of every tracked tool that has none
    /// (tools tracked before the day was recorded). Writes nothing when all
    /// have one.
    pub fn record_missing_tracked_days(&self, today: Date) -> Result<Done<()>> {
        let unrecorded: Vec<String> = self
            .settings
            .tracked
            .iter()
            .map(|&t| self.catalog.tools[t].id.clone())
            .filter(|id| !self.state.tracked.contains_key(id))
            .collect();
        record_tracked(&self.paths, &unrecorded, today, TrackedDay::Keep)
    }
}

/// Write a new config with `identity` and `tools` (over an existing one
/// only with `replace`, which keeps the old one as a backup) and record the
/// tools' tracked day. An existing config without `replace` is
/// [`Error::Exists`], and is left as it is.
pub fn create_config(
    paths: &Paths,
    identity: &Identity,
    tools: &[String],
    replace: bool,
    today: Date,
) -> Result<Done<()>> {
    super::check_change_day(today)?;
    let change = ConfigChange::Create {
        identity,
        tools,
        replace,
    };
    let edited = config_edit::apply(&paths.config, change, LOCK_WAIT)?;
    Ok(record_tracked(paths, tools, today, TrackedDay::Today)?.after(edited))
}

/// Record the tracked day of `ids` as `day` says. With nothing to record,
/// the file is left as it is.
fn record_tracked(paths: &Paths, ids: &[String], today: Date, day: TrackedDay) -> Result<Done<()>> {
    if ids.is_empty() {
        return Ok(Done::new(()));
    }
    super::check_change_day(today)?;
    // Only `[tracked]`, which carries no stamps (a merge keeps the earliest day).
    update_state_file(&paths.state, "", LOCK_WAIT, |state| {
        for id in ids {
            match day {
                TrackedDay::Today => {
                    state.tracked.insert(id.clone(), today);
                }
                TrackedDay::Keep => {
                    state.tracked.entry(id.clone()).or_insert(today);
                }
            }
        }
        Ok(())
    })
    .map(|done| done.map(drop))
}

fn interrupted(ids: &[String], step: PurgeStep, purge: bool, source: Error) -> Error {
    if purge {
        Error::PurgeInterrupted {
            ids: ids.to_vec(),
            step,
            source: Box::new(source),
        }
    } else {
        source
    }
}
