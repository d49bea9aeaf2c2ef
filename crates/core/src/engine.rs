//! The rules: from (catalog, config, state, today) to every tracked item's
//! standing, due date, urgency and one-line action, and the scores.
//! Pure: nothing here reads a clock or a file.

use jiff::civil::Date;

use crate::cadence::Every;
use crate::catalog::{Catalog, CheckIx, CheckKind, ItemKey, ToolIx};
use crate::config::Config;
use crate::dates;
use crate::history::DayScore;
use crate::naming::{Identity, NameCheck};
use crate::refusal::{NothingToSnooze, Refusal};
use crate::state::{Entry, State, Status};
use crate::warning::Warning;

pub use cards::{Grouping, default_grouping, group, review_queue};
pub use standing::{Failure, Oddity, Standing, StandingKind};

#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    pub tool: ToolIx,
    pub check: CheckIx,
    /// Where the state keeps it, resolved once by the catalog.
    pub key: ItemKey,
    pub standing: Standing,
    /// Weight times how near or far past due: higher is more urgent.
    pub urgency: f64,
    pub oddity: Option<Oddity>,
    /// A check that lives on an account an earlier tracked tool also signs
    /// in with: shown on this tool too, counted and listed once, there.
    pub repeat: bool,
    /// The person has answered it at least once (the score counts only these).
    pub reviewed: bool,
    /// What the score counts it as: its standing, or for a snoozed check
    /// what it is beneath the snooze (a snooze changes no score).
    pub scored: StandingKind,
    /// For a check due soon: the day it becomes overdue (after the grace
    /// that follows its due date).
    pub overdue_from: Option<Date>,
}

impl Item {
    /// Days from today to the due date: negative when past due.
    pub fn days(&self, today: Date) -> Option<i64> {
        self.standing.due().map(|d| dates::days_between(today, d))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Summary {
    /// Counts in the order of [`StandingKind`].
    counts: [usize; <StandingKind as strum::EnumCount>::COUNT],
    /// How many of them have been answered at least once.
    pub reviewed: usize,
}

impl Summary {
    pub fn get(&self, kind: StandingKind) -> usize {
        self.counts[kind as usize]
    }

    pub(crate) fn add(&mut self, item: &Item) {
        self.counts[item.standing.kind() as usize] += 1;
        self.reviewed += usize::from(item.reviewed);
    }

    pub fn total(&self) -> usize {
        self.counts.iter().sum()
    }

    pub fn bad(&self) -> usize {
        self.get(StandingKind::Overdue) + self.get(StandingKind::Failing)
    }

    /// What needs doing, as the dashboard's header and its Actions tab
    /// count it: overdue, failing, due soon and unsupported. Checks never
    /// answered are counted apart (`get(Unreviewed)`).
    pub fn to_do(&self) -> usize {
        StandingKind::TO_DO.iter().map(|&k| self.get(k)).sum()
    }
}

/// One tracked tool's row.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub tool: ToolIx,
    /// Its items: `review.items[row.items.clone()]`, in catalog check order.
    pub items: std::ops::Range<usize>,
    /// None while none of its checks has been reviewed.
    pub score: Option<u8>,
    pub summary: Summary,
}

/// The whole picture for one day.
#[derive(Debug, Clone, PartialEq)]
pub struct Review {
    pub as_of: Date,
    /// One per tracked tool, in the order tracked.
    pub rows: Vec<Row>,
    /// All items, row by row.
    pub items: Vec<Item>,
    /// The checks that apply to any tracked tool, in catalog order.
    pub columns: Vec<CheckIx>,
    /// Over the reviewed checks; None while none has been reviewed.
    pub score: Option<u8>,
    pub summary: Summary,
    /// Ignored config entries, unknown state entries, odd dates.
    pub warnings: Vec<Warning>,
    /// Included catalogs past their `expires` date: (name, date).
    pub expired: Vec<(String, Date)>,
}

/// What the engine needs from the config.
#[derive(Debug, Clone, Default)]
pub struct Settings {
    pub identity: Identity,
    pub due_soon_days: u32,
    /// Days from tracking a tool to its first review.
    pub first_review_days: u32,
    pub tracked: Vec<ToolIx>,
    /// This device's name, which every change it saves carries.
    pub device: String,
}

impl Settings {
    /// The settings in `config`, with a warning per ignored `track` entry.
    pub fn from_config(config: &Config, catalog: &Catalog) -> (Settings, Vec<Warning>) {
        let (tracked, warnings) = config.tracked(catalog);
        let settings = Settings {
            identity: config.identity.clone(),
            due_soon_days: config.due_soon_days,
            first_review_days: config.first_review_days,
            tracked,
            device: config.device.clone(),
        };
        (settings, warnings)
    }
}

/// Evaluate every tracked item on `today`.
pub fn evaluate(catalog: &Catalog, settings: &Settings, state: &State, today: Date) -> Review {
    let mut items = Vec::with_capacity(settings.tracked.len() * 12);
    let mut rows = Vec::with_capacity(settings.tracked.len());
    let mut in_columns = vec![false; catalog.checks.len()];
    let mut warnings = Vec::new();
    let mut summary = Summary::default();
    let mut tally = Tally::default();

    // Account checks already counted under an earlier tool.
    let mut counted: Vec<(usize, CheckIx)> = Vec::new();
    for &tool in &settings.tracked {
        let t = &catalog.tools[tool];
        let entries = state.tools.get(&t.id);
        let start = items.len();
        let mut row_tally = Tally::default();
        let mut row_summary = Summary::default();
        let tracked = tracked_day(state, &t.id, today);
        for &check in &t.checks {
            in_columns[check.0] = true;
            let c = &catalog.checks[check];
            let key = catalog.item_key(tool, check);
            let account = key.account;
            let entry = match account {
                Some(_) => state.item(catalog, key),
                None => entries.and_then(|e| e.get(&c.id)),
            };
            let mut item = evaluate_item(catalog, settings, key, entry, tracked, today);
            if let Some(a) = account {
                item.repeat = counted.contains(&(a, check));
                counted.push((a, check));
            }
            if let (Some(Oddity::FutureDate(date)), false) = (&item.oddity, item.repeat) {
                warnings.push(Warning::FutureDate {
                    tool: t.id.clone(),
                    check: c.id.clone(),
                    date: *date,
                    today,
                });
            }
            row_tally.add(&item, c.weight);
            row_summary.add(&item);
            // The review as a whole counts an account's check once.
            if !item.repeat {
                tally.add(&item, c.weight);
                summary.add(&item);
            }
            items.push(item);
        }
        rows.push(Row {
            tool,
            items: start..items.len(),
            score: row_tally.score(),
            summary: row_summary,
        });
    }

    warnings.extend(unknown_entries(catalog, state));
    let columns = (0..catalog.checks.len())
        .filter(|&c| in_columns[c])
        .map(CheckIx)
        .collect();
    let expired = catalog
        .expired(today)
        .map(|l| (l.name.clone(), l.expires.unwrap_or(today)))
        .collect();
    Review {
        as_of: today,
        rows,
        items,
        columns,
        score: tally.score(),
        summary,
        warnings,
        expired,
    }
}

/// The weights behind a score.
#[derive(Default)]
struct Tally {
    good: u64,
    total: u64,
    unreviewed: bool,
}

impl Tally {
    /// Count an item as the score counts it: see [`StandingKind::counts`]
    /// and [`StandingKind::is_good`]; a check never answered whose first
    /// review has passed is overdue, and counts.
    fn add(&mut self, item: &Item, weight: u32) {
        if item.scored == StandingKind::Unreviewed {
            self.unreviewed = true;
            return;
        }
        if !item.scored.counts() {
            return;
        }
        self.total += u64::from(weight);
        if item.scored.is_good() {
            self.good += u64::from(weight);
        }
    }

    /// Weighted share of the counted checks that are in order, 0 to 100,
    /// rounded down so that 100 means everything counted is in order (a
    /// tool with any cell not in order never shows 100%). None while no
    /// check counts (only unreviewed ones, or none at all: a tool with no
    /// checks, or no tool): nothing reviewed is never a score.
    fn score(&self) -> Option<u8> {
        (self.good * 100).checked_div(self.total).map(|s| s as u8)
    }
}

/// The day the tool was tracked, as recorded; today for a tool tracked before
/// the day was recorded (the next change records it).
fn tracked_day(state: &State, tool: &str, today: Date) -> Date {
    state.tracked.get(tool).map_or(today, |d| (*d).min(today))
}

/// Why a snooze would make no sense, if it would not: the item is in good
/// standing, its risk is accepted, or it does not apply. A snooze only puts
/// off what needs doing, so it never takes an item out of good standing.
pub fn nothing_to_snooze(
    catalog: &Catalog,
    settings: &Settings,
    state: &State,
    tool: ToolIx,
    check: CheckIx,
    today: Date,
) -> Option<Refusal> {
    let key = catalog.item_key(tool, check);
    let entry = state.item(catalog, key);
    let tracked = tracked_day(state, &catalog.tools[tool].id, today);
    let item = evaluate_item(catalog, settings, key, entry, tracked, today);
    let why = match item.standing {
        // In order through the last date hygiene counts, when no due date falls before it.
        Standing::Ok { due } => NothingToSnooze::InOrderUntil(due.unwrap_or(dates::MAX)),
        Standing::DueSoon { due } => NothingToSnooze::InOrderUntil(due),
        Standing::Accepted => NothingToSnooze::Accepted,
        Standing::NotApplicable => NothingToSnooze::NotApplicable,
        Standing::Overdue { .. }
        | Standing::Failing(_)
        | Standing::Unreviewed { .. }
        | Standing::Unsupported
        | Standing::Snoozed { .. } => return None,
    };
    Some(Refusal::NothingToSnooze {
        tool: catalog.named_tool(tool),
        check: catalog.named_check(check),
        why,
    })
}

fn evaluate_item(
    catalog: &Catalog,
    settings: &Settings,
    key: ItemKey,
    entry: Option<&Entry>,
    tracked: Date,
    today: Date,
) -> Item {
    let (tool, check) = (key.tool, key.check);
    let c = &catalog.checks[check];
    let empty = Entry::default();
    let entry = entry.unwrap_or(&empty);
    let last_done = match c.kind {
        CheckKind::Dated => entry.history.last().copied().max(entry.verified),
        CheckKind::YesNo | CheckKind::Naming => entry.verified,
    };
    let oddity = last_done.filter(|d| *d > today).map(Oddity::FutureDate);
    // A date in the future counts as today: the item is not hidden for years.
    let last_done = last_done.map(|d| d.min(today));
    // An answer reviews a check; a snooze only puts it off, so it does not
    // make a check that was never done count toward the score.
    let reviewed = match entry.status {
        Status::Unanswered => last_done.is_some(),
        Status::Todo | Status::Done | Status::NotApplicable | Status::Accepted { .. } => true,
    };
    let every = catalog.cadence(tool, check);

    // What the answer and the dates say; a snooze is laid over it below.
    let beneath = match &entry.status {
        Status::NotApplicable => Standing::NotApplicable,
        Status::Accepted { .. } => Standing::Accepted,
        _ if catalog.lacks(tool, check) => Standing::Unsupported,
        Status::Todo if entry.verified.is_none() && entry.history.is_empty() => {
            Standing::Failing(Failure::NeverDone)
        }
        Status::Todo => Standing::Failing(Failure::NotDone),
        // Never answered: unreviewed until the first review is due, overdue
        // after it. A snooze that has ended makes its last day the first
        // review's, overdue only after the grace.
        Status::Unanswered if last_done.is_none() => {
            let first = dates::add_days(tracked, i64::from(settings.first_review_days));
            // Only a snooze that has ended moves the first review; while it
            // lasts, the score counts the check as it would be without it.
            match entry.snoozed.filter(|until| *until <= today) {
                Some(until) if until > first => {
                    let late = dates::add_days(until, i64::from(every.grace_days()));
                    if late < today {
                        Standing::Overdue { due: until }
                    } else {
                        Standing::Unreviewed { due: until }
                    }
                }
                _ if first < today => Standing::Overdue { due: first },
                _ => Standing::Unreviewed { due: first },
            }
        }
        // Done, or a date with no answer: judge by the last time it was done.
        Status::Done | Status::Unanswered => match last_done {
            None if matches!(entry.status, Status::Done) => Standing::Failing(Failure::NoDate),
            None => Standing::Failing(Failure::NeverDone),
            Some(done) => {
                if let Some(failure) = name_failure(catalog, settings, tool, check, entry) {
                    Standing::Failing(failure)
                } else {
                    judge(every, done, settings, today)
                }
            }
        },
    };
    // Snoozing puts a check off; the score counts what it is beneath.
    let scored = beneath.kind();
    let overdue_from = match beneath {
        Standing::DueSoon { due } => Some(dates::add_days(due, i64::from(every.grace_days()) + 1)),
        _ => None,
    };
    let standing = match entry.snoozed {
        Some(until) if until > today => Standing::Snoozed { until },
        _ => beneath,
    };
    let urgency = urgency(&standing, c.weight, today);
    Item {
        tool,
        check,
        key,
        standing,
        urgency,
        oddity,
        repeat: false,
        reviewed,
        scored,
        overdue_from,
    }
}

/// Where a check done on `done` stands on `today` (see `cadence.rs` for the
/// rule): due soon from a share of the interval before the due date, still
/// only due for the grace after it, overdue after that.
fn judge(every: Every, done: Date, settings: &Settings, today: Date) -> Standing {
    let Some(due) = every.after_within(done) else {
        // Not due again within the calendar: in order, and said so.
        return Standing::Ok { due: None };
    };
    let days = dates::days_between(today, due);
    if days < -i64::from(every.grace_days()) {
        Standing::Overdue { due }
    } else if days <= i64::from(every.due_soon_days(settings.due_soon_days)) {
        Standing::DueSoon { due }
    } else {
        Standing::Ok { due: Some(due) }
    }
}

fn name_failure(
    catalog: &Catalog,
    settings: &Settings,
    tool: ToolIx,
    check: CheckIx,
    entry: &Entry,
) -> Option<Failure> {
    if catalog.checks[check].kind != CheckKind::Naming {
        return None;
    }
    let Some(value) = entry.value.as_deref() else {
        return Some(Failure::NoName);
    };
    let template = catalog.tools[tool].naming.as_ref()?;
    match template.check(value, &settings.identity) {
        NameCheck::Matches | NameCheck::ShapeMatches => None,
        NameCheck::Differs {
            expected,
            look_alike,
        } => Some(Failure::NameDiffers {
            expected,
            look_alike,
        }),
        NameCheck::ShapeDiffers => Some(Failure::NameShape {
            template: template.to_string(),
        }),
    }
}

/// Taskwarrior's due curve: 0.2 when the due date is two weeks or more away,
/// rising linearly to 1.0 at a week past due. Failing counts as fully due; a
/// risk that cannot be fixed counts half; decided items do not count.
pub(crate) fn due_factor(days_until_due: i64) -> f64 {
    let overdue = -days_until_due as f64;
    if overdue >= 7.0 {
        1.0
    } else if overdue >= -14.0 {
        (overdue + 14.0) * 0.8 / 21.0 + 0.2
    } else {
        0.2
    }
}

fn urgency(standing: &Standing, weight: u32, today: Date) -> f64 {
    let factor = match standing {
        Standing::Failing(_) => 1.0,
        Standing::Unsupported => 0.5,
        // Not due within the calendar: as far off as can be.
        Standing::Ok { due: None } => due_factor(i64::MAX),
        Standing::Ok { due: Some(due) }
        | Standing::DueSoon { due }
        | Standing::Overdue { due }
        | Standing::Unreviewed { due } => due_factor(dates::days_between(today, *due)),
        Standing::Snoozed { .. } | Standing::Accepted | Standing::NotApplicable => 0.0,
    };
    f64::from(weight) * factor
}

/// Indices into `review.items` in the one order every face lists them (the
/// review, the actions view, `status`, the exports): overdue, longest
/// overdue first; then failing; then due soon, soonest first; then
/// unreviewed, the earliest first review first; then what cannot be done in
/// the tool; then the rest. Within each, the heavier check first, then the
/// order of the dashboard.
pub fn worst_first(review: &Review) -> Vec<usize> {
    worst_first_of(
        review,
        (0..review.items.len()).filter(|&i| !review.items[i].repeat),
    )
}

/// `indices` into `review.items`, most urgent first (see [`worst_first`]).
fn worst_first_of(review: &Review, indices: impl Iterator<Item = usize>) -> Vec<usize> {
    let today = review.as_of;
    // The keys once per item, then an unstable sort (the index breaks ties).
    // Urgency (weight times nearness) is never negative, so its bits order
    // as its value; at the same day it orders by weight.
    let mut keys: Vec<(u8, i64, std::cmp::Reverse<u64>, u32)> = indices
        .map(|i| {
            let item = &review.items[i];
            (
                item.standing.kind().review_group(),
                item.days(today).unwrap_or(0),
                std::cmp::Reverse(item.urgency.to_bits()),
                i as u32,
            )
        })
        .collect();
    keys.sort_unstable();
    keys.into_iter().map(|(.., i)| i as usize).collect()
}

/// When the next review is due, and what is left to fix meanwhile.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct NextReview {
    /// The first day after the last review on which something needs one
    /// (a check coming due or overdue, a snooze ending, a first review due);
    /// today or before means now. None: nothing ever will.
    pub day: Option<Date>,
    /// Checks answered "not done": to fix, whenever the next review is.
    pub to_fix: usize,
}

/// The next review, defined once: the earliest day on which an item needs a
/// review that the last review (`last`, the day one ended) did not already
/// see. A check answered "not done" does not call for a review: it is to fix.
pub fn next_review(review: &Review, last: Option<Date>) -> NextReview {
    let mut next = NextReview::default();
    for item in review.items.iter().filter(|i| !i.repeat) {
        let day = match &item.standing {
            Standing::Failing(_) => {
                next.to_fix += 1;
                None
            }
            Standing::Ok { due } => *due,
            Standing::DueSoon { due }
            | Standing::Unreviewed { due }
            | Standing::Overdue { due } => Some(*due),
            Standing::Snoozed { until } => Some(*until),
            Standing::Unsupported | Standing::NotApplicable | Standing::Accepted => None,
        };
        if let Some(day) = day.filter(|d| last.is_none_or(|l| *d > l)) {
            next.day = Some(next.day.map_or(day, |n| n.min(day)));
        }
    }
    next
}

/// One warning for state entries no catalog knows, which are kept untouched.
fn unknown_entries(catalog: &Catalog, state: &State) -> Option<Warning> {
    let mut tools = Vec::new();
    let mut checks = Vec::new();
    for (tool_id, entries) in &state.tools {
        // A removal's stamp, kept for the merge, records nothing to warn of.
        if entries.values().all(Entry::is_removal) {
            continue;
        }
        // The checks kept under this id: an account's, or a tool's.
        let kept = match (catalog.account(tool_id), catalog.tool(tool_id)) {
            (Some(a), _) => &catalog.accounts[a].checks,
            (None, Some(t)) => &catalog.tools[t].checks,
            (None, None) => {
                tools.push(tool_id.clone());
                continue;
            }
        };
        for (check_id, entry) in entries {
            if !catalog.check(check_id).is_some_and(|c| kept.contains(&c)) && !entry.is_removal() {
                checks.push(format!("{tool_id}.{check_id}"));
            }
        }
    }
    (!tools.is_empty() || !checks.is_empty()).then_some(Warning::UnknownEntries { tools, checks })
}

mod cards;
mod standing;

impl Review {
    /// The day's record for the score history.
    pub fn day_score(&self) -> DayScore {
        let review = self;
        let count = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        let s = &review.summary;
        DayScore {
            score: review.score,
            reviewed: count(s.reviewed),
            total: count(s.total()),
            overdue: count(s.get(StandingKind::Overdue)),
            failing: count(s.get(StandingKind::Failing)),
            unreviewed: count(s.get(StandingKind::Unreviewed)),
            changed: None,
        }
    }
}

#[cfg(test)]
mod tests;
