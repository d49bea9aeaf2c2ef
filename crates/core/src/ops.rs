//! Changes to the state, as data: the command line and the dashboard describe
//! what the person did as a [`Change`], and [`Change::apply`] performs it on the
//! state read under the lock, so concurrent writers never lose each other's work.

use jiff::civil::Date;

use crate::catalog::{Catalog, CheckIx, CheckKind, ToolIx};
use crate::error::{Error, Result};
use crate::refusal::Refusal;
use crate::state::{Entry, MAX_NOTE, MAX_REASON, MAX_VALUE, State, Status};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Op {
    /// Done and verified on this day; for a dated check, an archive on this day.
    Done {
        on: Date,
    },
    /// Not done.
    Todo,
    NotApplicable,
    Snooze {
        until: Date,
    },
    Accept {
        reason: String,
    },
    /// A naming check's value, verified on this day.
    SetValue {
        value: String,
        on: Date,
    },
    /// The note; empty removes it.
    Note {
        text: String,
    },
    /// Take back a change (undo): the entry as it was before (None: no
    /// entry) and as the change left it. Only what the change set goes
    /// back; what changed elsewhere since stays, and where the same field
    /// changed since, the undo is refused ([`Refusal::ChangedElsewhere`]).
    Revert(Box<Revert>),
}

/// One change of an entry, as undo takes it back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Revert {
    pub before: Option<Entry>,
    pub after: Option<Entry>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub tool: String,
    pub check: String,
    pub op: Op,
}

impl Change {
    /// Check the change's input before anything is locked or written.
    pub fn validate(&self, catalog: &Catalog, today: Date) -> Result<()> {
        if let Some((t, c)) = catalog.tool(&self.tool).zip(catalog.check(&self.check))
            && let Some(refusal) = refusal(catalog, t, c, &self.op)
        {
            return Err(refusal.into());
        }
        match &self.op {
            Op::Done { on } | Op::SetValue { on, .. } if *on > today => Err(Error::input(format!(
                "{on} is after today ({today}); record it on the day it is done"
            ))),
            Op::Snooze { until } if *until <= today => Err(Error::input(format!(
                "snooze until {until}: the date must be after today ({today})"
            ))),
            Op::Accept { reason } => text("reason", reason, MAX_REASON, false),
            Op::SetValue { value, .. } => text("value", value, MAX_VALUE, false),
            Op::Note { text: note } => text("note", note, MAX_NOTE, true),
            Op::Done { .. } | Op::Todo | Op::NotApplicable | Op::Snooze { .. } | Op::Revert(_) => {
                Ok(())
            }
        }
    }

    /// Apply to `state`; returns the entry as it was before (for undo).
    pub fn apply(&self, catalog: &Catalog, state: &mut State) -> Result<Option<Entry>> {
        // A check that lives on an account is kept under the account.
        let item = catalog
            .tool(&self.tool)
            .zip(catalog.check(&self.check))
            .map(|(t, c)| catalog.item_key(t, c));
        let key = item
            .map_or(self.tool.as_str(), |k| catalog.owner_id(k))
            .to_string();
        let before = state.entry(&key, &self.check).cloned();
        let dated = catalog
            .check(&self.check)
            .is_some_and(|c| catalog.checks[c].kind == CheckKind::Dated);
        if let Op::Revert(taken) = &self.op {
            let back = self.taken_back(catalog, item, before.as_ref(), taken)?;
            match back {
                Some(e) => *state.entry_mut(&key, &self.check) = e,
                None => {
                    if let Some(checks) = state.tools.get_mut(&key) {
                        checks.remove(&self.check);
                    }
                }
            }
            state.tidy(&key, &self.check);
            return Ok(before);
        }
        if let Some(item) = item.filter(|k| before.is_none() && k.account.is_some()) {
            // The first change to an account's check starts from what was
            // recorded per tool before; undo removes it and they stand again.
            let seed = state.item(catalog, item).cloned();
            if let Some(seed) = seed {
                *state.entry_mut(&key, &self.check) = seed;
            }
        }
        let entry = state.entry_mut(&key, &self.check);
        // An answer ends a snooze: the person has dealt with the check.
        if matches!(
            self.op,
            Op::Done { .. }
                | Op::Todo
                | Op::NotApplicable
                | Op::Accept { .. }
                | Op::SetValue { .. }
        ) {
            entry.snoozed = None;
        }
        match &self.op {
            Op::Done { on } if dated => entry.record(*on),
            Op::Done { on } => {
                entry.status = Status::Done;
                entry.verified = Some(*on);
            }
            Op::Todo => entry.status = Status::Todo,
            Op::NotApplicable => entry.status = Status::NotApplicable,
            // Laid over the answer, which stays as it is.
            Op::Snooze { until } => entry.snoozed = Some(*until),
            Op::Accept { reason } => {
                entry.status = Status::Accepted {
                    reason: reason.trim().to_string(),
                }
            }
            Op::SetValue { value, on } => {
                entry.value = Some(value.trim().to_string());
                entry.status = Status::Done;
                entry.verified = Some(*on);
            }
            Op::Note { text } => {
                let text = text.trim();
                entry.note = (!text.is_empty()).then(|| text.to_string());
            }
            Op::Revert(_) => unreachable!("handled above"),
        }
        state.tidy(&key, &self.check);
        Ok(before)
    }
}

impl Change {
    /// The entry as it is `now` with the change `taken` taken back field by
    /// field; refused where a field it set was changed elsewhere since.
    fn taken_back(
        &self,
        catalog: &Catalog,
        item: Option<crate::catalog::ItemKey>,
        now: Option<&Entry>,
        taken: &Revert,
    ) -> Result<Option<Entry>> {
        let (was, after) = (taken.before.as_ref(), taken.after.as_ref());
        crate::state::revert::revert(now, was, after).map_err(|fields| {
            let named = item.map(|k| (catalog.named_tool(k.tool), catalog.named_check(k.check)));
            let (tool, check) = named.unwrap_or_else(|| {
                let plain = |id: &str| crate::refusal::Named {
                    id: id.to_string(),
                    name: id.to_string(),
                };
                (plain(&self.tool), plain(&self.check))
            });
            Refusal::ChangedElsewhere {
                tool,
                check,
                fields,
            }
            .into()
        })
    }
}

/// Whether the catalog's rules refuse `op` on the tool's check, whatever
/// the state: a check the tool has no means for cannot be done or given a
/// value, and only a naming check takes a value. The dashboard asks before
/// it opens an editor; every change is checked again when it is applied.
pub fn refusal(catalog: &Catalog, tool: ToolIx, check: CheckIx, op: &Op) -> Option<Refusal> {
    let marks_done = matches!(op, Op::Done { .. } | Op::SetValue { .. });
    if marks_done && catalog.lacks(tool, check) {
        return Some(Refusal::Lacking {
            tool: catalog.named_tool(tool),
            check: catalog.named_check(check),
        });
    }
    if matches!(op, Op::SetValue { .. }) && catalog.checks[check].kind != CheckKind::Naming {
        return Some(Refusal::NotNaming {
            check: catalog.named_check(check),
        });
    }
    if matches!(op, Op::Done { .. }) && catalog.checks[check].kind == CheckKind::Naming {
        return Some(Refusal::NeedsName {
            tool: catalog.named_tool(tool),
            check: catalog.named_check(check),
        });
    }
    None
}

fn text(what: &str, value: &str, max: usize, may_be_empty: bool) -> Result<()> {
    let count = value.chars().count();
    if !may_be_empty && value.trim().is_empty() {
        return Err(Error::input(format!("the {what} must not be empty")));
    }
    if count > max {
        return Err(Error::input(format!(
            "the {what} is {count} characters long; at most {max} are allowed"
        )));
    }
    if value.chars().any(crate::text::is_hidden) {
        return Err(Error::input(format!(
            "the {what} must be one line of text, without control or invisible characters (shown here as {})",
            crate::text::visible(value)
        )));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    const TODAY: Date = Date::constant(2026, 11, 25);

    fn change(check: &str, op: Op) -> Change {
        Change {
            tool: "slack".into(),
            check: check.into(),
            op,
        }
    }

    #[test]
    fn each_op_sets_what_it_says_and_returns_the_entry_before() {
        let catalog = Catalog::builtin().unwrap();
        let mut state = State::default();
        let before = change("mfa", Op::Done { on: TODAY })
            .apply(&catalog, &mut state)
            .unwrap();
        assert_eq!(before, None);
        let e = state.entry("slack", "mfa").unwrap().clone();
        assert_eq!((e.status.clone(), e.verified), (Status::Done, Some(TODAY)));

        change(
            "mfa",
            Op::Note {
                text: " ask IT ".into(),
            },
        )
        .apply(&catalog, &mut state)
        .unwrap();
        assert_eq!(
            state.entry("slack", "mfa").unwrap().note.as_deref(),
            Some("ask IT")
        );
        change("mfa", Op::Todo).apply(&catalog, &mut state).unwrap();
        let e2 = state.entry("slack", "mfa").unwrap().clone();
        assert_eq!(e2.status, Status::Todo);
        assert_eq!(e2.verified, Some(TODAY), "the last verification is kept");

        let e1 = Entry {
            note: Some("ask IT".into()),
            ..e.clone()
        };
        let before = change(
            "mfa",
            Op::Revert(Box::new(Revert {
                before: Some(e1.clone()),
                after: Some(e2.clone()),
            })),
        )
        .apply(&catalog, &mut state)
        .unwrap();
        assert_eq!(before.unwrap().status, Status::Todo);
        assert_eq!(state.entry("slack", "mfa").unwrap(), &e1);
        for (was, after) in [(Some(e.clone()), e1), (None, e)] {
            change(
                "mfa",
                Op::Revert(Box::new(Revert {
                    before: was,
                    after: Some(after),
                })),
            )
            .apply(&catalog, &mut state)
            .unwrap();
        }
        assert_eq!(
            state,
            State::default(),
            "an undone first change leaves no trace"
        );

        change(
            "archive",
            Op::Done {
                on: date(2026, 10, 1),
            },
        )
        .apply(&catalog, &mut state)
        .unwrap();
        change("archive", Op::Done { on: TODAY })
            .apply(&catalog, &mut state)
            .unwrap();
        let a = state.entry("slack", "archive").unwrap();
        assert_eq!(a.history, vec![date(2026, 10, 1), TODAY]);
        assert_eq!(a.verified, Some(TODAY));
    }

    #[test]
    fn bad_input_is_refused_before_anything_changes() {
        let catalog = Catalog::builtin().unwrap();
        let cases = [
            (
                change("mfa", Op::Snooze { until: TODAY }),
                "must be after today",
            ),
            (
                change(
                    "mfa",
                    Op::Accept {
                        reason: "  ".into(),
                    },
                ),
                "must not be empty",
            ),
            (
                change(
                    "mfa",
                    Op::SetValue {
                        value: "x".into(),
                        on: TODAY,
                    },
                ),
                "not a naming check",
            ),
            (
                change(
                    "display_name",
                    Op::SetValue {
                        value: "a\nb".into(),
                        on: TODAY,
                    },
                ),
                "one line",
            ),
            (
                change(
                    "mfa",
                    Op::Note {
                        text: "x".repeat(MAX_NOTE + 1),
                    },
                ),
                "at most 2000",
            ),
        ];
        for (change, expected) in cases {
            let err = change.validate(&catalog, TODAY).unwrap_err().to_string();
            assert!(err.contains(expected), "{err}");
        }
        assert!(
            change(
                "mfa",
                Op::Note {
                    text: String::new()
                }
            )
            .validate(&catalog, TODAY)
            .is_ok()
        );
    }
}
