//! `hygiene status` as text: the head line and the table of what to do,
//! fitted to the terminal's width.

use std::fmt::Write as _;

use strum::IntoEnumIterator;

use super::{Context, Painter};
use jiff::civil::Date;

use super::words::{counts_line, progress, score_text, when};
use crate::engine::{self, Item, Review, StandingKind};
use crate::text::{pad, visible, width as text_width, wrap_words};

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
    let next = engine::next_review(review, ctx.state.last_review);
    if let Some(words) = super::next_review_words(next, review.as_of) {
        let _ = writeln!(out, "{}", super::capitalized(&words));
    }
    let incidents = crate::incident::by_start(&ctx.state.incidents);
    for (_, i) in incidents.iter().filter(|(_, i)| i.is_open()) {
        let _ = writeln!(
            out,
            "{}",
            paint.warning(&format!(
                "Incident open since {}: {} ({}); `hygiene incident {}` goes on with it",
                i.started,
                i.kind.title(),
                i.progress_words(),
                i.kind.id()
            ))
        );
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
    let score = score_text(review.score);
    // Each part once, joined: nothing to count leaves no separator behind.
    let parts: Vec<String> = [
        Some(format!(
            "Score {score} across {} tool{}",
            review.rows.len(),
            if review.rows.len() == 1 { "" } else { "s" }
        )),
        progress(&review.summary),
        (!counts.is_empty()).then_some(counts),
    ]
    .into_iter()
    .flatten()
    .collect();
    let line = parts.join(" · ");
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
