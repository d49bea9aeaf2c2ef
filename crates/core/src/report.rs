//! What a review looks like on paper: the `status` summary (text and JSON) and
//! the exports (Markdown, JSON, CSV, iCalendar). Pure functions of a review.

use std::fmt::Write as _;

use jiff::civil::Date;

use crate::catalog::{Catalog, CheckIx, Provenance, ToolIx};
use strum::IntoEnumIterator;

use crate::engine::{self, Item, Review, Settings, Standing, StandingKind};
use crate::state::State;
use crate::text::visible;
pub use crate::text::wrap;
use crate::text::{pad, width as text_width, wrap_words};

// ---------------------------------------------------------------------------
// Symbols and colours shared by both faces.

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
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hue {
    Red,
    Yellow,
    Green,
    Magenta,
    Blue,
    Cyan,
    /// The terminal's faint text.
    Dim,
    /// The terminal's own text colour: neither good nor bad.
    Plain,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Look {
    pub hue: Hue,
    pub bold: bool,
}

/// ANSI colour, or nothing when output is not a terminal or `NO_COLOR` is set.
#[derive(Debug, Clone, Copy)]
pub struct Painter {
    pub color: bool,
}

impl Painter {
    fn paint(self, style: anstyle::Style, text: &str) -> String {
        if self.color && !text.is_empty() {
            format!("{style}{text}{style:#}")
        } else {
            text.to_string()
        }
    }

    pub fn bold(self, text: &str) -> String {
        self.paint(anstyle::Style::new().bold(), text)
    }

    pub fn dim(self, text: &str) -> String {
        self.paint(anstyle::Style::new().dimmed(), text)
    }

    /// A warning that stands out: the policy is out of date.
    pub fn warning(self, text: &str) -> String {
        self.paint(Look::WARNING.style(), text)
    }

    pub fn standing(self, standing: &Standing, text: &str) -> String {
        self.paint(standing.kind().look().style(), text)
    }
}

impl Look {
    /// How a warning looks in both faces.
    pub const WARNING: Look = Look {
        hue: Hue::Yellow,
        bold: true,
    };

    /// The command line's terms for it.
    pub fn style(self) -> anstyle::Style {
        use anstyle::AnsiColor;
        let style = match self.hue {
            Hue::Red => AnsiColor::Red.on_default(),
            Hue::Yellow => AnsiColor::Yellow.on_default(),
            Hue::Green => AnsiColor::Green.on_default(),
            Hue::Magenta => AnsiColor::Magenta.on_default(),
            Hue::Blue => AnsiColor::Blue.on_default(),
            Hue::Cyan => AnsiColor::Cyan.on_default(),
            Hue::Dim => anstyle::Style::new().dimmed(),
            Hue::Plain => anstyle::Style::new(),
        };
        if self.bold { style.bold() } else { style }
    }
}

/// A score as shown: "80/100", or "—" while nothing has been reviewed.
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
    let (every, from) = catalog.cadence_with_origin(tool, check);
    // The longest interval means a step taken once (closing an account).
    let every = if every.is_once() {
        "once".to_string()
    } else {
        format!("every {every}")
    };
    match from {
        Provenance::Default => {
            format!("{every}: hygiene's default; your organisation may set its own")
        }
        Provenance::Guidance(id) => format!("{every}, as {} asks", source_title(catalog, id)),
        Provenance::SetBy(name) => format!("{every}, as {} sets", visible(name)),
    }
}

/// The windows around a check's due date: "due soon 7 days before, overdue
/// 17 days after"; None for a step taken once.
pub fn window_words(every: crate::cadence::Every, due_soon_days: u32) -> Option<String> {
    (!every.is_once()).then(|| {
        format!(
            "due soon {} before, overdue {} after",
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
        Some(layer) => format!(
            "{approval} (approved by {}, which expired on {}: check your organisation's current list)",
            visible(&layer.name),
            layer.expires.map(|d| d.to_string()).unwrap_or_default()
        ),
        None => approval,
    }
}

/// The highest classification a tool may carry, in words, if a catalog says.
pub fn classification_words(tool: &crate::catalog::Tool) -> Option<String> {
    match tool.classification.as_str() {
        "" => None,
        "OFFICIAL" => Some(
            "OFFICIAL at most (OFFICIAL-SENSITIVE with care; never SECRET or TOP SECRET)"
                .to_string(),
        ),
        other => Some(format!("{} at most", visible(other))),
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
        (Standing::DueSoon { .. } | Standing::Ok { .. }, Some(d)) => {
            format!("due {}", relative(d))
        }
        (Standing::Failing(engine::Failure::NeverDone | engine::Failure::NotDone), _) => {
            "not done".to_string()
        }
        (Standing::Failing(engine::Failure::NoDate), _) => "no date".to_string(),
        (Standing::Failing(_), _) => "name differs".to_string(),
        (Standing::Unsupported, _) => "cannot be done".to_string(),
        (Standing::Snoozed { until }, _) => format!("until {until}"),
        _ => String::new(),
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
pub struct Context<'a> {
    pub catalog: &'a Catalog,
    pub settings: &'a Settings,
    pub state: &'a State,
}

impl Context<'_> {
    fn action(&self, item: &Item) -> String {
        engine::action(self.catalog, self.settings, self.state, item).into_owned()
    }

    fn tool_id(&self, item: &Item) -> &str {
        &self.catalog.tools[item.tool].id
    }

    fn check_id(&self, item: &Item) -> &str {
        &self.catalog.checks[item.check].id
    }
}

// ---------------------------------------------------------------------------
// status (text)

/// The status's first lines: who and when, and any policy out of date.
fn status_head(ctx: &Context<'_>, review: &Review, paint: Painter, width: Option<usize>) -> String {
    let mut out = String::new();
    let who = ctx
        .settings
        .identity
        .describe()
        .map(|w| format!(" for {}", visible(&w)))
        .unwrap_or_default();
    let title = format!("hygiene status{who}, as of {}", review.as_of);
    match width {
        Some(w) if text_width(&title) > w => {
            for line in wrap_words(&title, w) {
                let _ = writeln!(out, "{line}");
            }
        }
        _ => {
            let _ = writeln!(
                out,
                "{}{who}, as of {}",
                paint.bold("hygiene status"),
                review.as_of
            );
        }
    }
    for (name, date) in &review.expired {
        let _ = writeln!(
            out,
            "{}",
            paint.warning(&format!(
                "Policy out of date: {} expired on {date}; ask for the current one",
                visible(name)
            ))
        );
    }
    out
}

/// The readable `status`: a header, the items that need action worst first
/// (or every item with `all`), and a line counting the rest.
/// `width`: the terminal's columns, to fit the list to (None: one line per
/// item, for scripts).
pub fn status_text(
    ctx: &Context<'_>,
    review: &Review,
    all: bool,
    paint: Painter,
    width: Option<usize>,
) -> String {
    let mut out = status_head(ctx, review, paint, width);
    if review.rows.is_empty() {
        out.push_str(
            "No tools tracked yet. See the catalog with `hygiene tools`, then track yours with\n\
             `hygiene track whatsapp slack` (or `hygiene init` to write a config).\n",
        );
        return out;
    }
    let counts = counts_line(&review.summary, StandingKind::iter());
    let progress = progress(&review.summary)
        .map(|p| format!(" · {p}"))
        .unwrap_or_default();
    let score = score_text(review.score);
    let line = format!(
        "Score {score} across {} tool{}{progress} · {counts}",
        review.rows.len(),
        if review.rows.len() == 1 { "" } else { "s" }
    );
    // On a terminal, broken between words at its width.
    let lines = match width {
        Some(w) => wrap_words(&line, w),
        None => vec![line],
    };
    for (i, line) in lines.iter().enumerate() {
        let line = if i == 0 {
            line.replacen(&score, &paint.bold(&score), 1)
        } else {
            line.clone()
        };
        let _ = writeln!(out, "{line}");
    }

    let order = engine::worst_first(review);
    let shown: Vec<&Item> = order
        .iter()
        .map(|&i| &review.items[i])
        .filter(|it| all || it.standing.needs_action())
        .collect();
    if shown.is_empty() {
        out.push_str("\nNothing needs doing. ");
        let _ = writeln!(
            out,
            "{}",
            paint.dim("(`hygiene status --all` lists every check)")
        );
        return out;
    }
    out.push('\n');
    item_table(&mut out, ctx, review.as_of, &shown, paint, width);
    if !all {
        let others = counts_line(
            &review.summary,
            StandingKind::iter().filter(|k| !k.needs_action()),
        );
        if !others.is_empty() {
            let _ = writeln!(
                out,
                "\n{others} {}",
                paint.dim("(`hygiene status --all` lists them)")
            );
        }
    }
    out
}

/// One line per item, in aligned columns: standing, tool, check, when, what to do.
fn item_table(
    out: &mut String,
    ctx: &Context<'_>,
    as_of: Date,
    items: &[&Item],
    paint: Painter,
    width: Option<usize>,
) {
    let rows: Vec<[String; 5]> = items
        .iter()
        .map(|it| {
            [
                format!("{} {}", it.standing.symbol(), it.standing.label()),
                if ctx.catalog.tools[it.tool].discontinued {
                    format!("{} (discontinued)", visible(ctx.tool_id(it)))
                } else {
                    visible(ctx.tool_id(it)).into_owned()
                },
                visible(ctx.check_id(it)).into_owned(),
                when(it, as_of),
                visible(&ctx.action(it)).into_owned(),
            ]
        })
        .collect();
    let column = |col: usize| rows.iter().map(|r| text_width(&r[col])).max().unwrap_or(0);
    let widths = [column(0), column(1), column(2), column(3)];
    // On a terminal the action wraps between words in the room the columns
    // leave; with too little room, it goes on the lines under its item.
    let indent = widths.iter().sum::<usize>() + 8;
    let (action_at, room) = match width {
        Some(w) if w >= indent + 24 => (indent, Some(w - indent)),
        Some(w) => (4, Some(w.saturating_sub(4).max(16))),
        None => (indent, None),
    };
    for (it, row) in items.iter().zip(&rows) {
        let lines = match room {
            Some(room) => wrap_words(&row[4], room),
            None => vec![row[4].clone()],
        };
        let head = format!(
            "{}  {}  {}  {}",
            paint.standing(&it.standing, &pad(&row[0], widths[0])),
            pad(&row[1], widths[1]),
            pad(&row[2], widths[2]),
            pad(&row[3], widths[3]),
        );
        // Narrower than the columns themselves: each item's words wrapped.
        if let Some(w) = width
            && indent > w
        {
            let words = format!("{}  {}  {}  {}", row[0], row[1], row[2], row[3]);
            for (i, line) in wrap_words(&words, w).iter().enumerate() {
                let line = if i == 0 {
                    line.replacen(&row[0], &paint.standing(&it.standing, &row[0]), 1)
                } else {
                    format!("  {line}")
                };
                let _ = writeln!(out, "{line}");
            }
            for line in &lines {
                let _ = writeln!(out, "    {line}");
            }
            continue;
        }
        if action_at == indent {
            let _ = writeln!(out, "{head}  {}", lines[0]);
            for line in &lines[1..] {
                let _ = writeln!(out, "{}{line}", " ".repeat(indent));
            }
        } else {
            let _ = writeln!(out, "{}", head.trim_end());
            for line in &lines {
                let _ = writeln!(out, "    {line}");
            }
        }
    }
}

// ---------------------------------------------------------------------------
// status --json

mod json;

/// `status --json`: one object, items worst first; indented for a person
/// (`pretty`, on a terminal), else on one line for the next program.
pub fn status_json(ctx: &Context<'_>, review: &Review, pretty: bool) -> String {
    let mut out = Vec::new();
    // Writing into memory fails only when memory does, which aborts anyway.
    let _ = write_status_json(ctx, review, pretty, &mut out);
    String::from_utf8_lossy(&out).into_owned()
}

/// `status --json` straight to a writer (standard output), without holding
/// the whole text in memory.
pub fn write_status_json(
    ctx: &Context<'_>,
    review: &Review,
    pretty: bool,
    out: &mut impl std::io::Write,
) -> std::io::Result<()> {
    json::write(ctx, review, false, pretty, out)
}

// ---------------------------------------------------------------------------
// Exports

/// `export --format json`: the status object with notes and archive histories.
pub fn export_json(ctx: &Context<'_>, review: &Review) -> String {
    let mut out = Vec::new();
    let _ = json::write(ctx, review, true, true, &mut out);
    String::from_utf8_lossy(&out).into_owned()
}

mod export;
pub use export::{export_csv, export_ics, export_markdown};

