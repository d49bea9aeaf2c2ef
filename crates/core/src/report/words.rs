//! The words both faces share for what the engine decides: each
//! standing's symbol, label and colour, how an item stands, what to do
//! about it, and the catalog's facts in sentences.

use std::borrow::Cow;
use std::fmt::Write as _;

use jiff::civil::Date;

use super::{Hue, Look};
use crate::catalog::{Catalog, CheckIx, CheckKind, Provenance, ToolIx};
use crate::dates;
use crate::engine::{self, Failure, Item, Settings, Standing, StandingKind};
use crate::state::{State, Status};
use crate::text::visible;

impl StandingKind {
    /// One character that carries the meaning without colour.
    pub fn symbol(self) -> &'static str {
        match self {
            StandingKind::Ok => "✓",
            StandingKind::DueSoon => "◷",
            StandingKind::Overdue => "!",
            StandingKind::Failing => "✗",
            StandingKind::Unreviewed => "?",
            StandingKind::Unsupported => "⊘",
            StandingKind::NotApplicable => "○",
            StandingKind::Snoozed => "z",
            StandingKind::Accepted => "⚑",
        }
    }

    /// The words people read: "due soon", "not applicable".
    pub fn label(self) -> &'static str {
        match self {
            StandingKind::Ok => "ok",
            StandingKind::DueSoon => "due soon",
            StandingKind::Overdue => "overdue",
            StandingKind::Failing => "failing",
            StandingKind::Unreviewed => "unreviewed",
            StandingKind::Unsupported => "unsupported",
            StandingKind::NotApplicable => "not applicable",
            StandingKind::Snoozed => "snoozed",
            StandingKind::Accepted => "accepted",
        }
    }

    /// What its symbol means, for the dashboard's legend.
    pub fn meaning(self) -> &'static str {
        match self {
            StandingKind::Ok => "ok: done, and not due for a while",
            StandingKind::DueSoon => "due soon, or due and still within its grace",
            StandingKind::Overdue => "overdue: past the due date and its grace",
            StandingKind::Failing => "failing: not done, or a name that breaks the convention",
            StandingKind::Unreviewed => "unreviewed: not looked at since the tool was tracked",
            StandingKind::Unsupported => "the tool has no way to do it: a risk to accept",
            StandingKind::Snoozed => "snoozed until a date",
            StandingKind::Accepted => "risk accepted, with a reason",
            StandingKind::NotApplicable => "you marked it not applicable",
        }
    }

    /// The colour both faces give it.
    pub fn look(self) -> Look {
        let (hue, bold) = match self {
            StandingKind::Overdue => (Hue::Red, true),
            StandingKind::Failing => (Hue::Red, false),
            StandingKind::Unreviewed => (Hue::Plain, false),
            StandingKind::DueSoon => (Hue::Yellow, false),
            StandingKind::Ok => (Hue::Green, false),
            StandingKind::Unsupported => (Hue::Magenta, false),
            StandingKind::Snoozed => (Hue::Blue, false),
            StandingKind::Accepted => (Hue::Cyan, false),
            StandingKind::NotApplicable => (Hue::Dim, false),
        };
        Look { hue, bold }
    }
}

impl Standing {
    pub fn symbol(&self) -> &'static str {
        self.kind().symbol()
    }

    pub fn label(&self) -> &'static str {
        self.kind().label()
    }
}

/// A colour of the terminal's own palette, which each face turns into its
/// own terms (an ANSI code, a ratatui style).
/// `text` with its first letter made a capital, for a line of its own.
pub fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// The next review in words, the same on the dashboard's tab line, in
/// `status` and in the markdown export: "next review: now", "next review
/// 2026-12-09", with "· 2 to fix" beside it. None with nothing to say.
pub fn next_review_words(next: engine::NextReview, today: jiff::civil::Date) -> Option<String> {
    let (when, fix) = next_review_parts(next, today);
    let parts: Vec<String> = when.into_iter().chain(fix).collect();
    (!parts.is_empty()).then(|| parts.join(" · "))
}

/// The two parts of [`next_review_words`]: when, and how many to fix.
pub fn next_review_parts(
    next: engine::NextReview,
    today: jiff::civil::Date,
) -> (Option<String>, Option<String>) {
    let when = next.day.map(|day| {
        if day <= today {
            "next review: now".to_string()
        } else {
            format!("next review {day}")
        }
    });
    let fix = (next.to_fix > 0).then(|| format!("{} to fix", next.to_fix));
    (when, fix)
}

/// What a score counts, in words: the rule the engine applies, for `show`.
pub const SCORE_RULE: &str = "the weighted share of the counted checks that are in order. \
In order: ok and due soon (the grace after the due date included). Not in order: overdue \
(answered or not), failing, cannot be done, and an accepted risk (no points). Not counted: \
not applicable, and a first review not due yet. A snoozed check counts as what it is beneath.";

pub fn score_text(score: Option<u8>) -> String {
    score.map_or_else(|| "\u{2014}".to_string(), |s| format!("{s}/100"))
}

/// A score with the progress of the review while it is incomplete:
/// "80/100 (12 of 40 checks reviewed)".
pub fn score_words(score: Option<u8>, summary: &engine::Summary) -> String {
    let mut text = score_text(score);
    if let Some(progress) = progress(summary) {
        let _ = write!(text, " ({progress})");
    }
    text
}

/// "12 of 40 checks reviewed", while some are not.
pub fn progress(summary: &engine::Summary) -> Option<String> {
    let total = summary.total();
    (summary.reviewed < total).then(|| {
        format!(
            "{} of {total} check{} reviewed",
            summary.reviewed,
            if total == 1 { "" } else { "s" }
        )
    })
}

/// A tool's interval for a check, and where it comes from: "every 180
/// days: hygiene's default; your organisation may set its own".
pub fn cadence_words(catalog: &Catalog, tool: ToolIx, check: CheckIx) -> String {
    interval_words(
        catalog,
        tool,
        check,
        ": hygiene's default; your organisation may set its own",
    )
}

/// A tool's interval for a check in brief, for a card's one line: "every
/// 6 months, hygiene's default", "every 2 weeks, as Org policy sets".
pub fn cadence_brief(catalog: &Catalog, tool: ToolIx, check: CheckIx) -> String {
    interval_words(catalog, tool, check, ", hygiene's default")
}

/// The interval and its origin, with `default` after it where it is
/// hygiene's own.
fn interval_words(catalog: &Catalog, tool: ToolIx, check: CheckIx, default: &str) -> String {
    let (every, from) = catalog.cadence_with_origin(tool, check);
    // The longest interval means a step taken once (closing an account).
    let every = if every.is_once() {
        "once".to_string()
    } else {
        format!("every {every}")
    };
    match from {
        Provenance::Default => format!("{every}{default}"),
        Provenance::Guidance(id) => format!("{every}, as {} asks", source_title(catalog, id)),
        Provenance::SetBy(name) => format!("{every}, as {} sets", visible(name)),
    }
}

/// The windows around a check's due date: "due soon 7 days before, overdue
/// 17 days after"; None for a step taken once.
pub fn window_words(every: crate::cadence::Every, due_soon_days: u32) -> Option<String> {
    (!every.is_once()).then(|| {
        format!(
            "due soon {} before, overdue {} after (hygiene's windows)",
            days_words(every.due_soon_days(due_soon_days)),
            days_words(every.grace_days())
        )
    })
}

fn days_words(n: u32) -> String {
    format!("{n} day{}", if n == 1 { "" } else { "s" })
}

/// How due dates work, for `hygiene show` and the dashboard's help.
pub const DUE_DATE_RULE: &str = "Due dates follow the calendar: a check done on the 15th with a monthly interval is due on the 15th of the next month (the 31st becomes the last day of a shorter month). It is due soon from a quarter of the interval before (at most due_soon_days), and overdue only after a grace of about half the interval (at most 30 days) has passed: a review within a week either side of the same date each month keeps a monthly check out of overdue, while skipping a whole month makes it overdue.";

/// A tool's approval as every face shows it: with, when the catalog that
/// gave it has expired, what that means ("approved by the 2020 MOJ
/// guidance, which expired on 2020-12-31: check your organisation's
/// current list").
pub fn approval_words(catalog: &Catalog, tool: ToolIx, today: Date) -> String {
    let approval = visible(&catalog.tools[tool].approval).into_owned();
    match catalog.expired_approval(tool, today) {
        // A table's approval of a service that is gone is history.
        Some(layer) if catalog.tools[tool].discontinued => format!(
            "Discontinued: no longer to be used; {}, which expired on {}, listed it as “{approval}”",
            visible(&layer.name),
            layer.expires.map(|d| d.to_string()).unwrap_or_default()
        ),
        Some(layer) => format!(
            "{approval} (approved by {}, which expired on {}: check your organisation's current list)",
            visible(&layer.name),
            layer.expires.map(|d| d.to_string()).unwrap_or_default()
        ),
        None => approval,
    }
}

/// How a tool is reached, as every face shows it: for a discontinued service
/// that no catalog says is gone, "none today" before what it was.
pub fn access_words(tool: &crate::catalog::Tool) -> String {
    let access = visible(&tool.access).into_owned();
    if tool.discontinued && !access.is_empty() {
        format!("None today (discontinued); it was: {access}")
    } else {
        access
    }
}

/// For a check that lives on the account the tool signs in with: "On your
/// Microsoft 365 account (shared with Microsoft Teams, Yammer (now Viva
/// Engage))", the tools being the tracked ones that use it (or every one
/// that does, when none is tracked).
pub fn shared_words(
    catalog: &Catalog,
    tracked: &[ToolIx],
    tool: ToolIx,
    check: CheckIx,
) -> Option<String> {
    let index = catalog.account_of(tool, check)?;
    let account = &catalog.accounts[index];
    let mut users: Vec<ToolIx> = catalog
        .tools_of(index)
        .filter(|t| tracked.contains(t))
        .collect();
    if users.is_empty() {
        users = catalog.tools_of(index).collect();
    }
    let names: Vec<String> = users
        .iter()
        .map(|&t| visible(&catalog.tools[t].name).into_owned())
        .collect();
    Some(format!(
        "On your {} (shared with {})",
        visible(&account.name),
        names.join(", ")
    ))
}

/// A tool's name as every list shows it, with "(discontinued)" for a gone service.
pub fn tool_label(tool: &crate::catalog::Tool) -> String {
    if tool.discontinued {
        format!("{} (discontinued)", visible(&tool.name))
    } else {
        visible(&tool.name).into_owned()
    }
}

/// Where a tool's naming convention comes from.
pub fn naming_words(catalog: &Catalog, tool: ToolIx) -> String {
    match &catalog.tools[tool].naming_from {
        Provenance::Default => {
            "hygiene's default, the form the WhatsApp guidance gives; your organisation may set its own"
                .to_string()
        }
        Provenance::Guidance(id) => format!("from {}", source_title(catalog, id)),
        Provenance::SetBy(name) => format!("set by {}", visible(name)),
    }
}

fn source_title(catalog: &Catalog, id: &str) -> String {
    catalog
        .sources
        .iter()
        .find(|s| s.id == id)
        .map_or_else(|| id.to_string(), |s| visible(&s.title).into_owned())
}

/// How many of the latest archive dates both faces show (the exports list
/// them all).
pub const ARCHIVES_SHOWN: usize = 6;

/// The latest archive dates, newest first, as both faces show them:
/// "2026-11-20, 2026-10-16 and 4 earlier".
pub fn recent_archives(history: &[Date]) -> String {
    let recent: Vec<String> = history
        .iter()
        .rev()
        .take(ARCHIVES_SHOWN)
        .map(Date::to_string)
        .collect();
    match history.len().saturating_sub(ARCHIVES_SHOWN) {
        0 => recent.join(", "),
        more => format!("{} and {more} earlier", recent.join(", ")),
    }
}

/// "in 5 days", "today", "3 days ago".
pub(crate) fn relative(days: i64) -> String {
    match days {
        0 => "today".to_string(),
        1 => "tomorrow".to_string(),
        -1 => "yesterday".to_string(),
        d if d > 0 => format!("in {d} days"),
        d => format!("{} days ago", -d),
    }
}

/// How the item stands in a few words: "12 days overdue", "due in 3 days".
pub fn when(item: &Item, today: Date) -> String {
    let days = item.days(today);
    match (&item.standing, days) {
        (Standing::Overdue { .. }, _) if !item.reviewed => "never reviewed".to_string(),
        (Standing::Unreviewed { .. }, Some(d)) => format!("review {}", relative(d)),
        (Standing::Overdue { .. }, Some(d)) => {
            if d == -1 {
                "1 day overdue".to_string()
            } else {
                format!("{} days overdue", -d)
            }
        }
        (Standing::Ok { due: None }, _) => format!("not due again by {}", dates::MAX),
        // Past its due date, within the grace: due, and when it is overdue.
        (Standing::DueSoon { .. }, Some(d)) if d < 0 => match item.overdue_from {
            Some(from) => format!(
                "due {}, overdue {}",
                relative(d),
                relative(dates::days_between(today, from))
            ),
            None => format!("due {}", relative(d)),
        },
        (Standing::DueSoon { .. } | Standing::Ok { .. }, Some(d)) => {
            format!("due {}", relative(d))
        }
        (Standing::Failing(engine::Failure::NeverDone | engine::Failure::NotDone), _) => {
            "not done".to_string()
        }
        (Standing::Failing(engine::Failure::NoDate), _) => "no date".to_string(),
        (Standing::Failing(engine::Failure::NoName), _) => "no name recorded".to_string(),
        (Standing::Failing(_), _) => "name differs".to_string(),
        (Standing::Unsupported, _) => "cannot be done".to_string(),
        (Standing::Snoozed { until }, _) => format!("until {until}"),
        (
            Standing::Overdue { .. }
            | Standing::Unreviewed { .. }
            | Standing::DueSoon { .. }
            | Standing::Ok { .. },
            None,
        )
        | (Standing::NotApplicable | Standing::Accepted, _) => String::new(),
    }
}

/// The summary counts in words: "3 overdue · 2 failing · 14 ok".
pub fn counts_line(
    summary: &engine::Summary,
    kinds: impl IntoIterator<Item = StandingKind>,
) -> String {
    kinds
        .into_iter()
        .filter(|&k| summary.get(k) > 0)
        .map(|k| format!("{} {}", summary.get(k), k.label()))
        .collect::<Vec<_>>()
        .join(" · ")
}

/// Everything a report needs besides the review itself.
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
        Standing::Failing(Failure::NameDiffers {
            expected,
            look_alike,
        }) => Cow::Owned(match look_alike {
            Some(marked) => format!(
                "Change the name to \u{201c}{expected}\u{201d}, as the naming convention asks: {}",
                crate::naming::look_alike_words(marked)
            ),
            None => format!(
                "Change the name to \u{201c}{expected}\u{201d}, as the naming convention asks"
            ),
        }),
        Standing::Failing(Failure::NameShape { template }) => Cow::Owned(format!(
            "Change the name to the form \u{201c}{template}\u{201d}; add your identity to the config to check it exactly"
        )),
        Standing::Failing(Failure::NoDate) => {
            Cow::Owned(format!("{}, and record the date it was done", c.action))
        }
        Standing::Failing(Failure::NoName) => Cow::Owned(match expected() {
            Some(name) => format!(
                "Record the name you use, so it can be checked: the convention asks for \u{201c}{name}\u{201d}"
            ),
            None => "Record the name you use, so it can be checked".to_string(),
        }),
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
        Standing::Accepted => match state.item(catalog, item.key).map(|e| &e.status) {
            Some(Status::Accepted { reason }) => Cow::Owned(format!("Risk accepted: {reason}")),
            Some(Status::Unanswered | Status::Todo | Status::Done | Status::NotApplicable)
            | None => Cow::Borrowed("Risk accepted"),
        },
        Standing::NotApplicable => Cow::Borrowed("Not applicable"),
        Standing::Ok { due: Some(due) } => {
            // Built without the formatting machinery: most items are ok.
            let mut text = String::with_capacity(30);
            text.push_str("Nothing to do until ");
            text.push_str(&dates::iso(*due));
            Cow::Owned(text)
        }
        Standing::Ok { due: None } => Cow::Owned(format!(
            "Nothing to do: the next review falls after {}, the last date hygiene counts",
            dates::MAX
        )),
        Standing::Failing(Failure::NeverDone | Failure::NotDone)
        | Standing::Overdue { .. }
        | Standing::DueSoon { .. }
        | Standing::Unreviewed { .. } => Cow::Borrowed(&c.action),
    }
}
