//! The rules: from (catalog, config, state, today) to every tracked item's
//! standing, due date, urgency and one-line action, and the scores.
//! Pure: nothing here reads a clock or a file.

use std::borrow::Cow;

use jiff::civil::Date;

use crate::catalog::{Catalog, CheckKind};
use crate::config::Config;
use crate::dates;
use crate::naming::{Identity, NameCheck};
use crate::state::{Entry, State, Status};
use crate::warning::Warning;

/// Where one tracked (tool, check) stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Standing {
    /// Done, and the next review is further away than the due-soon window.
    Ok {
        due: Date,
    },
    /// Done; the next review is due within the due-soon window (or today).
    DueSoon {
        due: Date,
    },
    /// The review was due before today.
    Overdue {
        due: Date,
    },
    /// Never done, marked not done, or a name that breaks the convention.
    Failing(Failure),
    /// The tool lacks the feature: a standing risk that cannot be fixed in it.
    Unsupported,
    NotApplicable,
    /// Put off until a date; it comes back on that day.
    Snoozed {
        until: Date,
    },
    /// The risk is known and accepted, for the reason given.
    Accepted,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Failure {
    /// Nothing recorded yet.
    NeverDone,
    /// Explicitly marked not done.
    NotDone,
    /// Marked done without the date it was done.
    NoDate,
    /// The value differs from the naming convention.
    NameDiffers { expected: String },
    /// The identity is incomplete and the value does not have the convention's shape.
    NameShape { template: String },
}

/// The kinds of standing, without their dates: the one source of their
/// names (`due_soon`, as JSON, exports and the command line write them) and
/// of their order (worst first, as the summary lists them).
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    strum::EnumIter,
    strum::EnumCount,
    strum::IntoStaticStr,
    strum::EnumString,
)]
#[strum(serialize_all = "snake_case")]
pub enum StandingKind {
    Overdue,
    Failing,
    DueSoon,
    Unsupported,
    Snoozed,
    Accepted,
    NotApplicable,
    Ok,
}

impl StandingKind {
    /// The stable name: `due_soon`.
    pub fn name(self) -> &'static str {
        self.into()
    }

    /// Shown in the list of things to act on.
    pub fn needs_action(self) -> bool {
        matches!(
            self,
            StandingKind::Overdue
                | StandingKind::Failing
                | StandingKind::DueSoon
                | StandingKind::Unsupported
        )
    }
}

impl Standing {
    pub fn kind(&self) -> StandingKind {
        match self {
            Standing::Ok { .. } => StandingKind::Ok,
            Standing::DueSoon { .. } => StandingKind::DueSoon,
            Standing::Overdue { .. } => StandingKind::Overdue,
            Standing::Failing(_) => StandingKind::Failing,
            Standing::Unsupported => StandingKind::Unsupported,
            Standing::NotApplicable => StandingKind::NotApplicable,
            Standing::Snoozed { .. } => StandingKind::Snoozed,
            Standing::Accepted => StandingKind::Accepted,
        }
    }

    /// The stable name used in JSON, exports and the command line.
    pub fn name(&self) -> &'static str {
        self.kind().name()
    }

    /// The date that matters: the next review, or the end of a snooze.
    pub fn due(&self) -> Option<Date> {
        match self {
            Standing::Ok { due } | Standing::DueSoon { due } | Standing::Overdue { due } => {
                Some(*due)
            }
            Standing::Snoozed { until } => Some(*until),
            _ => None,
        }
    }

    /// Counts toward the score as in good standing.
    pub fn is_good(&self) -> bool {
        matches!(
            self,
            Standing::Ok { .. } | Standing::DueSoon { .. } | Standing::Accepted
        )
    }

    /// Counts toward the score at all (not applicable does not).
    pub fn counts(&self) -> bool {
        !matches!(self, Standing::NotApplicable)
    }

    /// Shown in the list of things to act on.
    pub fn needs_action(&self) -> bool {
        self.kind().needs_action()
    }
}

/// Something odd about an entry that the person should look at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Oddity {
    /// A recorded date is after today: the clock was wrong, or today is.
    FutureDate(Date),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    pub tool: usize,
    pub check: usize,
    pub standing: Standing,
    /// Weight times how near or far past due: higher is more urgent.
    pub urgency: f64,
    pub oddity: Option<Oddity>,
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
}

impl Summary {
    pub fn get(&self, kind: StandingKind) -> usize {
        self.counts[kind as usize]
    }

    pub fn add(&mut self, kind: StandingKind) {
        self.counts[kind as usize] += 1;
    }

    pub fn total(&self) -> usize {
        self.counts.iter().sum()
    }

    pub fn bad(&self) -> usize {
        self.get(StandingKind::Overdue) + self.get(StandingKind::Failing)
    }
}

/// One tracked tool's row.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub tool: usize,
    /// Its items: `review.items[row.items.clone()]`, in catalog check order.
    pub items: std::ops::Range<usize>,
    pub score: u8,
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
    pub columns: Vec<usize>,
    pub score: u8,
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
    pub tracked: Vec<usize>,
}

impl Settings {
    /// The settings in `config`, with a warning per ignored `track` entry.
    pub fn from_config(config: &Config, catalog: &Catalog) -> (Settings, Vec<Warning>) {
        let (tracked, warnings) = config.tracked(catalog);
        let settings = Settings {
            identity: config.identity.clone(),
            due_soon_days: config.due_soon_days,
            tracked,
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
    let (mut good, mut total) = (0u64, 0u64);

    for &tool in &settings.tracked {
        let t = &catalog.tools[tool];
        let entries = state.tools.get(&t.id);
        let start = items.len();
        let (mut tool_good, mut tool_total) = (0u64, 0u64);
        let mut row_summary = Summary::default();
        for &check in &t.checks {
            in_columns[check] = true;
            let c = &catalog.checks[check];
            let entry = entries.and_then(|e| e.get(&c.id));
            let item = evaluate_item(catalog, settings, tool, check, entry, today);
            if let Some(Oddity::FutureDate(date)) = &item.oddity {
                warnings.push(Warning::FutureDate {
                    tool: t.id.clone(),
                    check: c.id.clone(),
                    date: *date,
                    today,
                });
            }
            if item.standing.counts() {
                tool_total += u64::from(c.weight);
                if item.standing.is_good() {
                    tool_good += u64::from(c.weight);
                }
            }
            row_summary.add(item.standing.kind());
            items.push(item);
        }
        for (i, n) in row_summary.counts.iter().enumerate() {
            summary.counts[i] += n;
        }
        good += tool_good;
        total += tool_total;
        rows.push(Row {
            tool,
            items: start..items.len(),
            score: score(tool_good, tool_total),
            summary: row_summary,
        });
    }

    warnings.extend(unknown_entries(catalog, state));
    let columns = (0..catalog.checks.len())
        .filter(|&c| in_columns[c])
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
        score: score(good, total),
        summary,
        warnings,
        expired,
    }
}

/// Weighted share in good standing, 0 to 100, rounded down so that 100 means
/// everything is in order. Nothing to count is 100.
fn score(good: u64, total: u64) -> u8 {
    (good * 100).checked_div(total).map_or(100, |s| s as u8)
}

fn evaluate_item(
    catalog: &Catalog,
    settings: &Settings,
    tool: usize,
    check: usize,
    entry: Option<&Entry>,
    today: Date,
) -> Item {
    let c = &catalog.checks[check];
    let empty = Entry::default();
    let entry = entry.unwrap_or(&empty);
    let last_done = match c.kind {
        CheckKind::Dated => entry.history.last().copied().max(entry.verified),
        _ => entry.verified,
    };
    let oddity = last_done.filter(|d| *d > today).map(Oddity::FutureDate);
    // A date in the future counts as today: the item is not hidden for years.
    let last_done = last_done.map(|d| d.min(today));

    let standing = match &entry.status {
        Status::NotApplicable => Standing::NotApplicable,
        Status::Accepted { .. } => Standing::Accepted,
        _ if catalog.lacks(tool, check) => Standing::Unsupported,
        Status::Snoozed { until } if *until > today => Standing::Snoozed { until: *until },
        Status::Todo if entry.verified.is_none() && entry.history.is_empty() => {
            Standing::Failing(Failure::NeverDone)
        }
        Status::Todo => Standing::Failing(Failure::NotDone),
        // Done, or a snooze that has ended: judge by the last time it was done.
        Status::Done | Status::Snoozed { .. } => match last_done {
            None if matches!(entry.status, Status::Done) => Standing::Failing(Failure::NoDate),
            None => Standing::Failing(Failure::NeverDone),
            Some(done) => {
                if let Some(failure) = name_failure(catalog, settings, tool, check, entry) {
                    Standing::Failing(failure)
                } else {
                    let due = dates::add_days(done, i64::from(catalog.cadence(tool, check)));
                    let days = dates::days_between(today, due);
                    if days < 0 {
                        Standing::Overdue { due }
                    } else if days <= i64::from(settings.due_soon_days) {
                        Standing::DueSoon { due }
                    } else {
                        Standing::Ok { due }
                    }
                }
            }
        },
    };
    let urgency = urgency(&standing, c.weight, today);
    Item {
        tool,
        check,
        standing,
        urgency,
        oddity,
    }
}

fn name_failure(
    catalog: &Catalog,
    settings: &Settings,
    tool: usize,
    check: usize,
    entry: &Entry,
) -> Option<Failure> {
    if catalog.checks[check].kind != CheckKind::Naming {
        return None;
    }
    let template = catalog.tools[tool].naming.as_ref()?;
    let value = entry.value.as_deref()?;
    match template.check(value, &settings.identity) {
        NameCheck::Matches | NameCheck::ShapeMatches => None,
        NameCheck::Differs { expected } => Some(Failure::NameDiffers { expected }),
        NameCheck::ShapeDiffers => Some(Failure::NameShape {
            template: template.to_string(),
        }),
    }
}

/// Taskwarrior's due curve: 0.2 when the due date is two weeks or more away,
/// rising linearly to 1.0 at a week past due. Failing counts as fully due; a
/// risk that cannot be fixed counts half; decided items do not count.
pub fn due_factor(days_until_due: i64) -> f64 {
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
        Standing::Ok { due } | Standing::DueSoon { due } | Standing::Overdue { due } => {
            due_factor(dates::days_between(today, *due))
        }
        Standing::Snoozed { .. } | Standing::Accepted | Standing::NotApplicable => 0.0,
    };
    f64::from(weight) * factor
}

/// Indices into `review.items`, most urgent first: by urgency, then failing
/// before overdue before the rest, then the longest overdue, then the order
/// of the dashboard.
pub fn worst_first(review: &Review) -> Vec<usize> {
    let today = review.as_of;
    // The keys once per item, then an unstable sort (the index breaks ties).
    // Urgency is never negative, so its bits order as its value.
    let mut keys: Vec<(std::cmp::Reverse<u64>, u8, i64, u32)> = review
        .items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            (
                std::cmp::Reverse(item.urgency.to_bits()),
                rank(&item.standing),
                item.days(today).unwrap_or(i64::MIN),
                i as u32,
            )
        })
        .collect();
    keys.sort_unstable();
    keys.into_iter().map(|(.., i)| i as usize).collect()
}

fn rank(standing: &Standing) -> u8 {
    match standing {
        Standing::Failing(_) => 0,
        Standing::Overdue { .. } => 1,
        Standing::DueSoon { .. } => 2,
        Standing::Unsupported => 3,
        Standing::Ok { .. } => 4,
        Standing::Snoozed { .. } => 5,
        Standing::Accepted => 6,
        Standing::NotApplicable => 7,
    }
}

/// The one-line action for an item.
pub fn action<'a>(
    catalog: &'a Catalog,
    settings: &Settings,
    state: &State,
    item: &Item,
) -> Cow<'a, str> {
    let t = &catalog.tools[item.tool];
    let c = &catalog.checks[item.check];
    let expected = || {
        t.naming
            .as_ref()
            .map(|tpl| tpl.partly_filled(&settings.identity))
    };
    match &item.standing {
        Standing::Failing(Failure::NameDiffers { expected }) => Cow::Owned(format!(
            "Change the name to \u{201c}{expected}\u{201d}, as the naming convention asks"
        )),
        Standing::Failing(Failure::NameShape { template }) => Cow::Owned(format!(
            "Change the name to the form \u{201c}{template}\u{201d}; add your identity to the config to check it exactly"
        )),
        Standing::Failing(Failure::NoDate) => {
            Cow::Owned(format!("{}, and record the date it was done", c.action))
        }
        Standing::Failing(_) | Standing::Overdue { .. } | Standing::DueSoon { .. }
            if c.kind == CheckKind::Naming =>
        {
            match expected() {
                Some(name) => Cow::Owned(format!("{}: \u{201c}{name}\u{201d}", c.action)),
                None => Cow::Borrowed(&c.action),
            }
        }
        Standing::Unsupported => Cow::Owned(format!(
            "{} has no way to do this: accept the risk with a reason, or keep sensitive work out of it",
            t.name
        )),
        Standing::Snoozed { until } => Cow::Owned(format!("Snoozed until {until}")),
        Standing::Accepted => match state.entry(&t.id, &c.id).map(|e| &e.status) {
            Some(Status::Accepted { reason }) => Cow::Owned(format!("Risk accepted: {reason}")),
            _ => Cow::Borrowed("Risk accepted"),
        },
        Standing::NotApplicable => Cow::Borrowed("Not applicable"),
        Standing::Ok { due } => {
            // Built without the formatting machinery: most items are ok.
            let mut text = String::with_capacity(30);
            text.push_str("Nothing to do until ");
            text.push_str(&dates::iso(*due));
            Cow::Owned(text)
        }
        _ => Cow::Borrowed(&c.action),
    }
}

/// One warning for state entries no catalog knows, which are kept untouched.
fn unknown_entries(catalog: &Catalog, state: &State) -> Option<Warning> {
    let mut tools = Vec::new();
    let mut checks = Vec::new();
    for (tool_id, entries) in &state.tools {
        match catalog.tool(tool_id) {
            None => tools.push(tool_id.clone()),
            Some(t) => {
                for check_id in entries.keys() {
                    let known = catalog
                        .check(check_id)
                        .is_some_and(|c| catalog.tools[t].checks.contains(&c));
                    if !known {
                        checks.push(format!("{tool_id}.{check_id}"));
                    }
                }
            }
        }
    }
    (!tools.is_empty() || !checks.is_empty()).then_some(Warning::UnknownEntries { tools, checks })
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;
    use rstest::rstest;

    const TODAY: Date = Date::constant(2026, 11, 25);

    fn setup(tools: &[&str]) -> (Catalog, Settings) {
        let catalog = Catalog::builtin().unwrap();
        let settings = Settings {
            identity: Identity {
                first: Some("Alex".into()),
                last: Some("Black".into()),
                org: Some("MOJ".into()),
            },
            due_soon_days: 14,
            tracked: tools.iter().map(|t| catalog.tool(t).unwrap()).collect(),
        };
        (catalog, settings)
    }

    fn standing_of(state: &State, tool: &str, check: &str) -> Standing {
        let (catalog, settings) = setup(&[tool]);
        let review = evaluate(&catalog, &settings, state, TODAY);
        let c = catalog.check(check).unwrap();
        review
            .items
            .iter()
            .find(|i| i.check == c)
            .unwrap()
            .standing
            .clone()
    }

    fn done_on(check: &str, verified: Date) -> State {
        let mut state = State::default();
        let e = state.entry_mut("slack", check);
        e.status = Status::Done;
        e.verified = Some(verified);
        state
    }

    // Slack's MFA cadence is 180 days: verified on D means due on D + 180.
    #[rstest]
    #[case::due_far_ahead(date(2026, 11, 25), "ok")]
    #[case::one_day_outside_the_window(dates::add_days(TODAY, 15 - 180), "ok")]
    #[case::exactly_at_the_window(dates::add_days(TODAY, 14 - 180), "due_soon")]
    #[case::due_tomorrow(dates::add_days(TODAY, 1 - 180), "due_soon")]
    #[case::due_today(dates::add_days(TODAY, -180), "due_soon")]
    #[case::one_day_past(dates::add_days(TODAY, -181), "overdue")]
    #[case::long_past(date(2020, 1, 1), "overdue")]
    fn due_dates_at_their_boundaries(#[case] verified: Date, #[case] expected: &str) {
        let standing = standing_of(&done_on("mfa", verified), "slack", "mfa");
        assert_eq!(standing.name(), expected, "{standing:?}");
        assert_eq!(standing.due(), Some(dates::add_days(verified, 180)));
    }

    #[test]
    fn nothing_recorded_is_failing() {
        assert_eq!(
            standing_of(&State::default(), "slack", "mfa"),
            Standing::Failing(Failure::NeverDone)
        );
        let mut state = done_on("mfa", TODAY);
        state.entry_mut("slack", "mfa").status = Status::Todo;
        assert_eq!(
            standing_of(&state, "slack", "mfa"),
            Standing::Failing(Failure::NotDone)
        );
        state.entry_mut("slack", "mfa").verified = None;
        state.entry_mut("slack", "mfa").status = Status::Done;
        assert_eq!(
            standing_of(&state, "slack", "mfa"),
            Standing::Failing(Failure::NoDate)
        );
    }

    #[test]
    fn snoozes_hide_until_their_day_then_the_item_returns() {
        let mut state = done_on("mfa", date(2020, 1, 1));
        state.entry_mut("slack", "mfa").status = Status::Snoozed {
            until: date(2026, 11, 26),
        };
        assert_eq!(
            standing_of(&state, "slack", "mfa"),
            Standing::Snoozed {
                until: date(2026, 11, 26)
            }
        );
        state.entry_mut("slack", "mfa").status = Status::Snoozed { until: TODAY };
        assert_eq!(standing_of(&state, "slack", "mfa").name(), "overdue");
        state.entry_mut("slack", "mfa").verified = None;
        assert_eq!(standing_of(&state, "slack", "mfa").name(), "failing");
    }

    #[test]
    fn lacking_tools_show_a_risk_until_it_is_accepted() {
        let mut state = State::default();
        assert_eq!(standing_of(&state, "yammer", "mfa"), Standing::Unsupported);
        state.entry_mut("yammer", "mfa").status = Status::Done;
        assert_eq!(
            standing_of(&state, "yammer", "mfa"),
            Standing::Unsupported,
            "marking it done does not make it so"
        );
        state.entry_mut("yammer", "mfa").status = Status::Accepted {
            reason: "OFFICIAL only".into(),
        };
        assert_eq!(standing_of(&state, "yammer", "mfa"), Standing::Accepted);
        state.entry_mut("yammer", "mfa").status = Status::NotApplicable;
        assert_eq!(
            standing_of(&state, "yammer", "mfa"),
            Standing::NotApplicable
        );
    }

    #[test]
    fn names_are_checked_against_the_convention() {
        let mut state = State::default();
        let e = state.entry_mut("whatsapp", "display_name");
        e.status = Status::Done;
        e.verified = Some(TODAY);
        e.value = Some("Alex Black (MOJ)".into());
        assert_eq!(standing_of(&state, "whatsapp", "display_name").name(), "ok");
        state.entry_mut("whatsapp", "display_name").value = Some("Alex B".into());
        assert_eq!(
            standing_of(&state, "whatsapp", "display_name"),
            Standing::Failing(Failure::NameDiffers {
                expected: "Alex Black (MOJ)".into()
            })
        );
    }

    #[test]
    fn archives_are_due_an_interval_after_the_last_one() {
        let mut state = State::default();
        let e = state.entry_mut("slack", "archive");
        e.record(date(2026, 9, 1));
        e.record(date(2026, 10, 20));
        let (catalog, _) = setup(&["slack"]);
        let interval = catalog.cadence(
            catalog.tool("slack").unwrap(),
            catalog.check("archive").unwrap(),
        );
        let standing = standing_of(&state, "slack", "archive");
        assert_eq!(
            standing.due(),
            Some(dates::add_days(date(2026, 10, 20), i64::from(interval)))
        );
    }

    #[test]
    fn future_dates_count_as_today_and_are_flagged() {
        let state = done_on("mfa", date(2030, 1, 1));
        let (catalog, settings) = setup(&["slack"]);
        let review = evaluate(&catalog, &settings, &state, TODAY);
        let item = &review.items[0];
        assert_eq!(
            item.standing,
            Standing::Ok {
                due: dates::add_days(TODAY, 180)
            }
        );
        assert_eq!(item.oddity, Some(Oddity::FutureDate(date(2030, 1, 1))));
        assert!(
            review.warnings[0]
                .to_string()
                .contains("2030-01-01 is after today"),
            "{:?}",
            review.warnings
        );
    }

    #[test]
    fn scores_weigh_checks_and_ignore_what_does_not_apply() {
        let (catalog, settings) = setup(&["slack"]);
        let review = evaluate(&catalog, &settings, &State::default(), TODAY);
        assert_eq!(review.score, 0);
        let mut state = State::default();
        let slack = &catalog.tools[catalog.tool("slack").unwrap()];
        for &c in &slack.checks {
            let e = state.entry_mut("slack", &catalog.checks[c].id);
            e.status = Status::Done;
            e.verified = Some(TODAY);
            e.value = Some("Alex Black (MOJ)".into());
        }
        assert_eq!(evaluate(&catalog, &settings, &state, TODAY).score, 100);
        // MFA left undone: the score drops by MFA's share of the weight.
        state.entry_mut("slack", "mfa").status = Status::Todo;
        let total: u32 = slack.checks.iter().map(|&c| catalog.checks[c].weight).sum();
        let mfa = catalog.checks[catalog.check("mfa").unwrap()].weight;
        let review = evaluate(&catalog, &settings, &state, TODAY);
        assert_eq!(u32::from(review.score), (total - mfa) * 100 / total);
        // Not applicable leaves the count entirely.
        state.entry_mut("slack", "mfa").status = Status::NotApplicable;
        assert_eq!(evaluate(&catalog, &settings, &state, TODAY).score, 100);
        assert_eq!(
            evaluate(&catalog, &Settings::default(), &state, TODAY).score,
            100
        );
    }

    #[test]
    fn urgency_follows_the_due_curve_and_orders_worst_first() {
        let near = |a: f64, b: f64| (a - b).abs() < 1e-12;
        assert!(near(due_factor(30), 0.2));
        assert!(near(due_factor(14), 0.2));
        assert!((due_factor(0) - (14.0 * 0.8 / 21.0 + 0.2)).abs() < 1e-9);
        assert!(near(due_factor(-7), 1.0));
        assert!(near(due_factor(-100), 1.0));
        assert!(due_factor(-3) > due_factor(0) && due_factor(0) > due_factor(10));

        let mut state = done_on("archive", date(2026, 1, 1));
        state.entry_mut("slack", "photo").status = Status::Done;
        state.entry_mut("slack", "photo").verified = Some(TODAY);
        let (catalog, settings) = setup(&["slack"]);
        let review = evaluate(&catalog, &settings, &state, TODAY);
        let order = worst_first(&review);
        let first = &review.items[order[0]];
        assert_eq!(
            catalog.checks[first.check].id, "mfa",
            "heaviest failing first"
        );
        let last = &review.items[*order.last().unwrap()];
        assert_eq!(last.standing.name(), "ok");
    }

    #[test]
    fn unknown_entries_are_reported_once() {
        let mut state = done_on("mfa", TODAY);
        state.entry_mut("gone-tool", "mfa").status = Status::Done;
        state.entry_mut("slack", "retired_check").status = Status::Done;
        let (catalog, settings) = setup(&["slack"]);
        let review = evaluate(&catalog, &settings, &state, TODAY);
        assert_eq!(review.warnings.len(), 1, "{:?}", review.warnings);
        assert!(review.warnings[0].to_string().contains("gone-tool"));
        assert!(
            review.warnings[0]
                .to_string()
                .contains("slack.retired_check")
        );
    }
}
