//! The exports a person files: Markdown and CSV. (JSON is in `json.rs`,
//! iCalendar in `calendar.rs`.)

use std::fmt::Write as _;

use jiff::civil::Date;
use strum::IntoEnumIterator;

use super::{Context, counts_line, when};
use crate::catalog::CheckKind;
use crate::engine::{self, Item, Review, StandingKind};
use crate::state::Status;
use crate::text::{visible, visible_lines};

/// `export --format markdown`: a dated record of the whole review.
pub fn export_markdown(ctx: &Context<'_>, review: &Review) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# Account hygiene review, {}", review.as_of);
    out.push('\n');
    if let Some(who) = ctx.settings.identity.describe() {
        let _ = writeln!(out, "- Account holder: {}", md(&who));
    }
    // The score, and how it moved since the last day before this one on which
    // something was recorded: the previous review.
    let since = match crate::history::previous(&ctx.state.scores, review.as_of) {
        Some((day, before)) => {
            let change = match (before.score, review.score) {
                (Some(b), Some(a)) if a != b => {
                    format!("{:+}", i16::from(a) - i16::from(b))
                }
                (Some(_), Some(_)) => "unchanged".to_string(),
                _ => "no score to compare".to_string(),
            };
            format!(
                "; {change} since the previous review on {day} ({})",
                super::score_text(before.score)
            )
        }
        None => "; the first review on record".to_string(),
    };
    let _ = writeln!(
        out,
        "- Score: {}{since}",
        super::score_words(review.score, &review.summary)
    );
    let _ = writeln!(
        out,
        "- Items: {}",
        counts_line(&review.summary, StandingKind::iter())
    );
    let next = engine::next_review(review, ctx.state.last_review);
    if let Some(words) = super::next_review_words(next, review.as_of) {
        let _ = writeln!(out, "- {}", super::capitalized(&words));
    }
    for (name, date) in &review.expired {
        let _ = writeln!(out, "- Policy out of date: {} expired on {date}", md(name));
    }
    let order = engine::worst_first(review);
    let needs: Vec<&Item> = order
        .iter()
        .map(|&i| &review.items[i])
        .filter(|it| it.standing.needs_action())
        .collect();
    if !needs.is_empty() {
        out.push_str("\n## To do\n\n");
        for it in needs {
            let t = &ctx.catalog.tools[it.tool];
            let c = &ctx.catalog.checks[it.check];
            let _ = writeln!(
                out,
                "- **{}**, {} ({}, {}): {}",
                md(&super::tool_label(t)),
                md(&c.title),
                it.standing.label(),
                when(it, review.as_of),
                md(&ctx.action(it))
            );
        }
    }
    incidents_section(&mut out, ctx);
    for row in &review.rows {
        tool_section(&mut out, ctx, review, row);
    }
    out
}

/// Every incident on record, oldest first, with the steps still open.
fn incidents_section(out: &mut String, ctx: &Context<'_>) {
    let list = crate::incident::by_start(&ctx.state.incidents);
    if list.is_empty() {
        return;
    }
    out.push_str("\n## Incidents\n\n");
    for (id, i) in list {
        let _ = write!(
            out,
            "- **{}** (`{}`), started {}, {}: {}",
            i.kind.title(),
            md(id),
            i.started,
            i.standing_words(),
            i.progress_words()
        );
        let open: Vec<&str> = i.open_steps().collect();
        if !open.is_empty() {
            let _ = write!(out, "; not done: {}", md(&open.join(", ")));
        }
        out.push('\n');
    }
}

/// One tool's part of the record: its heading, classification, and a table
/// row per check.
fn tool_section(out: &mut String, ctx: &Context<'_>, review: &Review, row: &engine::Row) {
    let t = &ctx.catalog.tools[row.tool];
    let _ = writeln!(
        out,
        "\n## {} (score {})\n",
        md(&super::tool_label(t)),
        super::score_text(row.score)
    );
    if !t.approval.is_empty() {
        let approval = super::approval_words(ctx.catalog, row.tool, review.as_of);
        let _ = writeln!(out, "Approval: {}\n", md(&approval));
    }
    if let Some(words) = super::classification_words(ctx.catalog, row.tool) {
        let _ = writeln!(out, "Classification: {}\n", md(&words));
    }
    out.push_str("| Check | Standing | Last done | Due | Notes |\n");
    out.push_str("| --- | --- | --- | --- | --- |\n");
    for it in review.items[row.items.clone()]
        .iter()
        .filter(|it| !it.repeat)
    {
        let c = &ctx.catalog.checks[it.check];
        let entry = ctx.state.item(ctx.catalog, it.key);
        let mut notes = Vec::new();
        if let Some(v) = entry.and_then(|e| e.value.as_deref()) {
            notes.push(format!("name: {v}"));
        }
        if let Some(Status::Accepted { reason }) = entry.map(|e| &e.status) {
            notes.push(format!("accepted: {reason}"));
        }
        if c.kind == CheckKind::Dated
            && let Some(e) = entry
            && !e.history.is_empty()
        {
            let dates: Vec<String> = e.history.iter().map(Date::to_string).collect();
            notes.push(format!("archives: {}", dates.join(", ")));
        }
        if let Some(n) = entry.and_then(|e| e.note.as_deref()) {
            notes.push(n.to_string());
        }
        let _ = writeln!(
            out,
            "| {} | {} {} | {} | {} | {} |",
            md(&c.title),
            it.standing.symbol(),
            it.standing.label(),
            entry
                .and_then(|e| e.verified)
                .map_or_else(|| "never".to_string(), |d| d.to_string()),
            it.standing.due().map(|d| d.to_string()).unwrap_or_default(),
            md(&notes.join("; "))
        );
    }
    // Where each check comes from, under the table.
    let _ = writeln!(out, "\nSources:\n");
    for it in review.items[row.items.clone()]
        .iter()
        .filter(|it| !it.repeat)
    {
        let _ = writeln!(
            out,
            "- {}: {}",
            md(&ctx.catalog.checks[it.check].title),
            md(&super::check_sources_words(ctx.catalog, it.tool, it.check))
        );
    }
}

/// Escape what Markdown would read as markup, keep table cells on one line,
/// and make other hidden characters visible.
fn md(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '|' | '*' | '_' | '`' | '[' | ']' | '<' | '>' | '#' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            c => out.push(c),
        }
    }
    visible(&out).into_owned()
}

/// `export --format csv`: one row per item (RFC 4180), in dashboard order.
pub fn export_csv(ctx: &Context<'_>, review: &Review) -> String {
    let mut out = String::from(
        "as_of,tool,check,title,state,due,days,verified,value,note,archives,action,sources\r\n",
    );
    for it in review.items.iter().filter(|it| !it.repeat) {
        let tool = ctx.tool_id(it);
        let check = ctx.check_id(it);
        let entry = ctx.state.item(ctx.catalog, it.key);
        let fields = [
            review.as_of.to_string(),
            tool.to_string(),
            check.to_string(),
            ctx.catalog.checks[it.check].title.clone(),
            it.standing.name().to_string(),
            it.standing.due().map(|d| d.to_string()).unwrap_or_default(),
            it.days(review.as_of)
                .map(|d| d.to_string())
                .unwrap_or_default(),
            entry
                .and_then(|e| e.verified)
                .map(|d| d.to_string())
                .unwrap_or_default(),
            entry.and_then(|e| e.value.clone()).unwrap_or_default(),
            entry.and_then(|e| e.note.clone()).unwrap_or_default(),
            entry
                .map(|e| {
                    e.history
                        .iter()
                        .map(Date::to_string)
                        .collect::<Vec<_>>()
                        .join(" ")
                })
                .unwrap_or_default(),
            ctx.action(it),
            ctx.catalog.checks[it.check].sources.join(" "),
        ];
        for (i, field) in fields.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            csv_field(&mut out, field);
        }
        out.push_str("\r\n");
    }
    out
}

fn csv_field(out: &mut String, field: &str) {
    // A leading =, +, - or @ would run as a formula in a spreadsheet, and so
    // would one after spaces; a leading tab or CR is read as the start of one
    // too. Such a cell starts with a quote mark, which keeps it text.
    let formula = field.starts_with(['\t', '\r'])
        || (field
            .trim_start_matches(' ')
            .starts_with(['=', '+', '-', '@'])
            && field.parse::<i64>().is_err());
    let field = visible_lines(field);
    if formula || field.contains([',', '"', '\n', '\r']) {
        out.push('"');
        if formula {
            out.push('\'');
        }
        out.push_str(&field.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(&field);
    }
}

#[cfg(test)]
mod tests;
