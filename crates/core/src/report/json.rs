//! The JSON of `status --json` and `export --format json`: plain structs
//! that serde writes. Their field names and types are a contract, pinned by
//! the snapshot tests (`tests/snapshots/cli__status_json.snap`) and
//! documented in the README; `schema` changes when a field changes meaning
//! or goes away (new fields may be added without it).

use std::borrow::Cow;
use std::io::{self, Write};

use jiff::civil::Date;
use serde::Serialize;
use serde_json::value::RawValue;

use super::Context;
use crate::catalog::CheckKind;
use crate::engine::{self, Review, StandingKind, Summary};

/// The version of the shape below.
pub(super) const SCHEMA: u32 = 1;

/// A date as `"YYYY-MM-DD"`.
#[derive(Debug, Clone, Copy)]
struct Day(Date);

impl Serialize for Day {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let bytes = crate::dates::iso_bytes(self.0);
        serializer.serialize_str(std::str::from_utf8(&bytes).unwrap_or("0000-00-00"))
    }
}

#[derive(Serialize)]
struct Report<'a> {
    schema: u32,
    as_of: Day,
    /// Over the reviewed checks; null while none has been reviewed.
    score: Option<u8>,
    summary: Counts,
    items: Items<'a>,
    tools: Vec<ToolJson<'a>>,
    expired: Vec<Expired<'a>>,
    /// Every incident recorded, oldest first.
    incidents: Vec<IncidentJson<'a>>,
    warnings: &'a [crate::warning::Warning],
}

#[derive(Serialize)]
struct IncidentJson<'a> {
    id: &'a str,
    kind: &'static str,
    started: Day,
    open: bool,
    closed: Option<Day>,
    steps: Vec<StepJson<'a>>,
}

#[derive(Serialize)]
struct StepJson<'a> {
    step: &'a str,
    /// `open`, `done` or `set_aside`.
    state: &'static str,
}

fn incidents_json(state: &crate::state::State) -> Vec<IncidentJson<'_>> {
    use crate::incident::StepState;
    crate::incident::by_start(&state.incidents)
        .into_iter()
        .map(|(id, i)| IncidentJson {
            id,
            kind: i.kind.id(),
            started: Day(i.started),
            open: i.is_open(),
            closed: i.closed.map(Day),
            steps: i
                .steps
                .iter()
                .map(|s| StepJson {
                    step: s,
                    state: match i.step_state(s) {
                        StepState::Open => "open",
                        StepState::Done => "done",
                        StepState::Dismissed => "set_aside",
                    },
                })
                .collect(),
        })
        .collect()
}

/// Every standing's count by its name, worst first, then the total and how
/// many of it were answered at least once: one key per standing, so a new
/// standing is in the JSON without a line here.
struct Counts {
    summary: Summary,
}

impl Serialize for Counts {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        use strum::{EnumCount, IntoEnumIterator};
        let mut map = serializer.serialize_map(Some(StandingKind::COUNT + 2))?;
        for kind in StandingKind::iter() {
            map.serialize_entry(kind.name(), &self.summary.get(kind))?;
        }
        map.serialize_entry("total", &self.summary.total())?;
        map.serialize_entry("reviewed", &self.summary.reviewed)?;
        map.end()
    }
}

impl From<&Summary> for Counts {
    fn from(s: &Summary) -> Counts {
        Counts { summary: *s }
    }
}

#[derive(Serialize)]
struct ItemJson<'a> {
    tool: &'a RawValue,
    /// For a check that lives on an account: the account's id. The item is
    /// listed once, under the first tracked tool that signs in with it.
    #[serde(skip_serializing_if = "Option::is_none")]
    account: Option<&'a str>,
    check: &'a RawValue,
    state: &'static str,
    due: Option<Day>,
    days: Option<i64>,
    action: Text<'a>,
    title: &'a RawValue,
    weight: u32,
    urgency: f64,
    verified: Option<Day>,
    #[serde(skip_serializing_if = "Option::is_none")]
    value: Option<&'a str>,
    /// Exports only.
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    reason: Option<&'a str>,
    /// Exports only: the archive dates of a dated check.
    #[serde(skip_serializing_if = "Option::is_none")]
    history: Option<Vec<Day>>,
    /// Exports only: the check's sources, as references (`id` or
    /// `id:LINE`), and whether hygiene applies it to this tool by default.
    #[serde(skip_serializing_if = "Option::is_none")]
    sources: Option<&'a [String]>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    by_default: bool,
}

/// Text that is the catalog's own (escaped once) or made for this item.
#[derive(Serialize)]
#[serde(untagged)]
enum Text<'a> {
    Catalog(&'a RawValue),
    Made(String),
}

/// The catalog's ids and text, escaped for JSON once rather than once per
/// item: ten thousand items repeat the same few dozen strings.
struct Escaped {
    tools: Vec<Box<RawValue>>,
    checks: Vec<Box<RawValue>>,
    titles: Vec<Box<RawValue>>,
    actions: Vec<Box<RawValue>>,
}

impl Escaped {
    fn new(catalog: &crate::catalog::Catalog) -> serde_json::Result<Escaped> {
        let raw = |text: &str| RawValue::from_string(serde_json::to_string(text)?);
        Ok(Escaped {
            tools: catalog
                .tools
                .iter()
                .map(|t| raw(&t.id))
                .collect::<Result<_, _>>()?,
            checks: catalog
                .checks
                .iter()
                .map(|c| raw(&c.id))
                .collect::<Result<_, _>>()?,
            titles: catalog
                .checks
                .iter()
                .map(|c| raw(&c.title))
                .collect::<Result<_, _>>()?,
            actions: catalog
                .checks
                .iter()
                .map(|c| raw(&c.action))
                .collect::<Result<_, _>>()?,
        })
    }
}

/// The items, worst first, made one at a time as they are written.
struct Items<'a> {
    ctx: &'a Context<'a>,
    review: &'a Review,
    full: bool,
    escaped: &'a Escaped,
}

impl Serialize for Items<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let (ctx, review) = (self.ctx, self.review);
        let catalog = ctx.catalog;
        serializer.collect_seq(engine::worst_first(review).into_iter().map(|i| {
            let it = &review.items[i];
            let c = &catalog.checks[it.check];
            let account = catalog.shared_account(it.tool, it.check);
            let entry = ctx.state.item(catalog, it.key);
            let reason = entry.and_then(|e| e.status.reason());
            ItemJson {
                tool: &self.escaped.tools[it.tool.0],
                account: account.map(|a| a.id.as_str()),
                check: &self.escaped.checks[it.check.0],
                state: it.standing.name(),
                due: it.standing.due().map(Day),
                days: it.days(review.as_of),
                action: match super::action(catalog, ctx.settings, ctx.state, it) {
                    // The check's own action, as most are: escaped already.
                    Cow::Borrowed(text) if std::ptr::eq(text, c.action.as_str()) => {
                        Text::Catalog(&self.escaped.actions[it.check.0])
                    }
                    text => Text::Made(text.into_owned()),
                },
                title: &self.escaped.titles[it.check.0],
                weight: c.weight,
                urgency: (it.urgency * 100.0).round() / 100.0,
                verified: entry.and_then(|e| e.verified).map(Day),
                value: entry.and_then(|e| e.value.as_deref()),
                note: entry.and_then(|e| e.note.as_deref()).filter(|_| self.full),
                reason,
                history: entry
                    .filter(|e| self.full && c.kind == CheckKind::Dated && !e.history.is_empty())
                    .map(|e| e.history.iter().copied().map(Day).collect()),
                sources: self.full.then_some(c.sources.as_slice()),
                by_default: self.full && catalog.tools[it.tool].by_default.contains(&it.check),
            }
        }))
    }
}

#[derive(Serialize)]
struct ToolJson<'a> {
    tool: &'a str,
    name: &'a str,
    /// The highest classification the tool may carry, where a catalog says.
    #[serde(skip_serializing_if = "str::is_empty")]
    classification: &'a str,
    /// What it may carry within the classification (its approval's condition).
    #[serde(skip_serializing_if = "str::is_empty")]
    handling: &'a str,
    /// The tool's approval, as the catalog in force words it.
    #[serde(skip_serializing_if = "str::is_empty")]
    approval: &'a str,
    /// When the catalog that gave the approval expired, if it has.
    #[serde(skip_serializing_if = "Option::is_none")]
    approval_expired: Option<Day>,
    /// The service is gone: only its exit steps are checks.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    discontinued: bool,
    /// Over the reviewed checks; null while none has been reviewed.
    score: Option<u8>,
    summary: Counts,
}

#[derive(Serialize)]
struct Expired<'a> {
    catalog: &'a str,
    expires: Day,
}

/// Write the report; `full` adds notes and archive histories (exports);
/// `pretty` indents it for a person.
pub(super) fn write(
    ctx: &Context<'_>,
    review: &Review,
    full: bool,
    pretty: bool,
    out: &mut impl Write,
) -> io::Result<()> {
    let escaped = Escaped::new(ctx.catalog)?;
    let catalog = ctx.catalog;
    let report = Report {
        schema: SCHEMA,
        as_of: Day(review.as_of),
        score: review.score,
        summary: (&review.summary).into(),
        items: Items {
            ctx,
            review,
            full,
            escaped: &escaped,
        },
        tools: review
            .rows
            .iter()
            .map(|row| ToolJson {
                tool: &catalog.tools[row.tool].id,
                name: &catalog.tools[row.tool].name,
                classification: catalog.tools[row.tool]
                    .classification
                    .map_or("", Into::into),
                handling: &catalog.tools[row.tool].handling,
                discontinued: catalog.tools[row.tool].discontinued,
                approval: &catalog.tools[row.tool].approval,
                approval_expired: catalog
                    .expired_approval(row.tool, review.as_of)
                    .and_then(|l| l.expires)
                    .map(Day),
                score: row.score,
                summary: (&row.summary).into(),
            })
            .collect(),
        expired: review
            .expired
            .iter()
            .map(|(name, expires)| Expired {
                catalog: name,
                expires: Day(*expires),
            })
            .collect(),
        incidents: incidents_json(ctx.state),
        warnings: &review.warnings,
    };
    if pretty {
        serde_json::to_writer_pretty(&mut *out, &report)?;
    } else {
        serde_json::to_writer(&mut *out, &report)?;
    }
    out.write_all(b"\n")
}
