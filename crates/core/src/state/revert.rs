//! Taking back one change field by field: the entry as this session found
//! it (`before`) and left it (`after`), against the entry as it is on disk
//! now, which another process may have changed since.

use std::collections::BTreeSet;

use super::Entry;

/// The fields of an entry, as a refusal names them.
pub const STATUS: &str = "status";
pub const SNOOZE: &str = "snooze";
pub const VERIFIED: &str = "date done";
pub const VALUE: &str = "recorded name";
pub const NOTE: &str = "note";

/// `now` with the change `before` → `after` taken back: each field the
/// change set goes back, unless it was changed again since; a field the
/// change did not touch stays as it is now. Archive dates are a set: the
/// dates the change added go, the ones it dropped come back. When a field
/// the change set was changed since to something else, nothing can go back
/// without losing that: the names of those fields.
pub fn revert(
    now: Option<&Entry>,
    before: Option<&Entry>,
    after: Option<&Entry>,
) -> Result<Option<Entry>, Vec<&'static str>> {
    let empty = Entry::default();
    let (now, before, after) = (
        now.unwrap_or(&empty),
        before.unwrap_or(&empty),
        after.unwrap_or(&empty),
    );
    let mut out = now.clone();
    let mut clash = Vec::new();
    field(
        SNOOZE,
        &now.snoozed,
        &before.snoozed,
        &after.snoozed,
        &mut out.snoozed,
        &mut clash,
    );
    field(
        STATUS,
        &now.status,
        &before.status,
        &after.status,
        &mut out.status,
        &mut clash,
    );
    field(
        VERIFIED,
        &now.verified,
        &before.verified,
        &after.verified,
        &mut out.verified,
        &mut clash,
    );
    field(
        VALUE,
        &now.value,
        &before.value,
        &after.value,
        &mut out.value,
        &mut clash,
    );
    field(
        NOTE,
        &now.note,
        &before.note,
        &after.note,
        &mut out.note,
        &mut clash,
    );
    if !clash.is_empty() {
        return Err(clash);
    }
    let (had, has): (BTreeSet<_>, BTreeSet<_>) = (
        before.history.iter().collect(),
        after.history.iter().collect(),
    );
    let mut history: BTreeSet<_> = now.history.iter().copied().collect();
    for added in has.difference(&had) {
        history.remove(*added);
    }
    history.extend(had.difference(&has).copied());
    out.history = history.into_iter().collect();
    Ok((!out.is_empty()).then_some(out))
}

/// One field three ways: back to `before` where it is still what the change
/// left; as it is where the change did not touch it or it is back already.
fn field<T: PartialEq + Clone>(
    name: &'static str,
    now: &T,
    before: &T,
    after: &T,
    out: &mut T,
    clash: &mut Vec<&'static str>,
) {
    if before == after || now == before {
        return;
    }
    if now == after {
        *out = before.clone();
    } else {
        clash.push(name);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::Status;
    use jiff::civil::date;

    fn done(on: jiff::civil::Date) -> Entry {
        Entry {
            status: Status::Done,
            verified: Some(on),
            ..Entry::default()
        }
    }

    #[test]
    fn a_change_made_elsewhere_since_stays() {
        let before = None;
        let after = done(date(2026, 11, 25));
        // Elsewhere: a note on the same check.
        let now = Entry {
            note: Some("from the other terminal".into()),
            ..after.clone()
        };
        let back = revert(Some(&now), before, Some(&after)).unwrap().unwrap();
        assert_eq!(back.status, Status::default());
        assert_eq!(back.verified, None);
        assert_eq!(back.note.as_deref(), Some("from the other terminal"));
        // Nothing else changed: the entry goes.
        assert_eq!(revert(Some(&after), before, Some(&after)), Ok(None));
    }

    #[test]
    fn the_same_field_changed_elsewhere_refuses() {
        let before = done(date(2026, 10, 1));
        let after = Entry {
            note: Some("mine".into()),
            ..before.clone()
        };
        let now = Entry {
            note: Some("theirs".into()),
            ..before.clone()
        };
        assert_eq!(
            revert(Some(&now), Some(&before), Some(&after)),
            Err(vec![NOTE])
        );
        // Already back where it was: nothing to take back, nothing refused.
        assert_eq!(
            revert(Some(&before), Some(&before), Some(&after)),
            Ok(Some(before.clone()))
        );
    }

    #[test]
    fn archive_dates_are_a_set() {
        let mut before = Entry::default();
        before.record(date(2026, 10, 1));
        let mut after = before.clone();
        after.record(date(2026, 11, 25));
        let mut now = after.clone();
        now.history.insert(0, date(2026, 9, 1));
        let back = revert(Some(&now), Some(&before), Some(&after))
            .unwrap()
            .unwrap();
        assert_eq!(back.history, [date(2026, 9, 1), date(2026, 10, 1)]);
        assert_eq!(back.verified, Some(date(2026, 10, 1)));
    }
}
