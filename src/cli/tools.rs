//! `hygiene tools`, `show`, `track` and `untrack`.

use std::fmt::Write as _;

use super::{Ctx, EXIT_OK};
use hygiene_core::catalog::{Catalog, CheckKind, ToolIx};
use hygiene_core::engine::Item;
use hygiene_core::error::Result;
use hygiene_core::naming::Identity;
use hygiene_core::report;
use hygiene_core::report::Painter;
use hygiene_core::session::TrackedDay;
use hygiene_core::text::{cut, pad, visible, visible_lines, width as columns, wrap};

pub(super) fn list(ctx: &mut Ctx) -> Result<u8> {
    let session = ctx.session()?;
    for w in &session.warnings {
        ctx.out.warn(w);
    }
    let catalog = &session.catalog;
    let width = line_width();
    let ids: Vec<String> = catalog
        .tools
        .iter()
        .map(|t| visible(&t.id).into_owned())
        .collect();
    let id_width = ids.iter().map(|id| columns(id)).max().unwrap_or(0);
    let names: Vec<String> = catalog
        .tools
        .iter()
        .map(|t| visible(&report::tool_label(t)).into_owned())
        .collect();
    // The name column gives way first: a name wider than its share is cut,
    // and the kind goes under the name when no room is left beside it.
    let longest = names.iter().map(|n| columns(n)).max().unwrap_or(0);
    let name_width = longest.min(width.saturating_sub(id_width + 6 + 12).max(12));
    let beside = width.saturating_sub(2 + id_width + 2 + name_width + 2);
    ctx.out.line(format!(
        "{} ({} tracked of {}):",
        ctx.paint.bold("Tools in the catalog"),
        session.settings.tracked.len(),
        catalog.tools.len()
    ));
    ctx.out.line("");
    for (i, ((tool, id), name)) in catalog.tools.iter().zip(&ids).zip(&names).enumerate() {
        let tracked = session.settings.tracked.contains(&ToolIx(i));
        let mark = if tracked { "✓" } else { " " };
        let kind = visible(
            &[tool.kind.as_str(), tool.audience.as_str()]
                .iter()
                .filter(|s| !s.is_empty())
                .copied()
                .collect::<Vec<_>>()
                .join(" · "),
        )
        .into_owned();
        let head = format!(
            "{mark} {}  {}",
            pad(id, id_width),
            pad(&cut(name, name_width), name_width)
        );
        let mut lines: Vec<String> = Vec::new();
        if kind.is_empty() {
            lines.push(head.trim_end().to_string());
        } else if beside >= 12 {
            let indent = " ".repeat(columns(&head) + 2);
            for (j, part) in wrap_words_whole(&kind, beside).into_iter().enumerate() {
                lines.push(if j == 0 {
                    format!("{head}  {part}")
                } else {
                    format!("{indent}{part}")
                });
            }
        } else {
            lines.push(head.trim_end().to_string());
            lines.extend(wrap(&kind, width, "    ").lines().map(str::to_string));
        }
        for line in lines {
            ctx.out
                .line(if tracked { ctx.paint.bold(&line) } else { line });
        }
    }
    ctx.out.line("");
    ctx.out.out.push_str(&wrap(
        "✓ tracked. `hygiene show ID` shows a tool's checklist; `hygiene track ID` tracks it.",
        width,
        "",
    ));
    Ok(EXIT_OK)
}

/// The columns `show` and `tools` fit their lines to: the terminal's (or
/// `COLUMNS`); piped without `COLUMNS`, a line each, as scripts read them.
fn line_width() -> usize {
    super::terminal_width().unwrap_or(usize::MAX)
}

/// The columns paragraphs (what to do, why, how) are wrapped to: the
/// terminal's, at most 100 for reading; 78 when piped.
fn prose_width() -> usize {
    super::terminal_width().map_or(78, |w| w.min(100))
}

/// `text` in lines of `width` columns, a word too wide broken, not cut.
fn wrap_words_whole(text: &str, width: usize) -> Vec<String> {
    wrap(text, width, "").lines().map(str::to_string).collect()
}

pub(super) fn show(ctx: &mut Ctx, id: &str) -> Result<u8> {
    let today = ctx.today()?;
    let session = ctx.session()?;
    for w in &session.warnings {
        ctx.out.warn(w);
    }
    let catalog = &session.catalog;
    let tool = catalog.require_tool(id)?;
    let t = &catalog.tools[tool];
    let tracked = session.settings.tracked.contains(&tool);
    let mut settings = session.settings.clone();
    settings.tracked = vec![tool];
    let review = session.review_for(&settings, today);

    let (width, prose) = (line_width(), prose_width());
    let mut out = String::new();
    let name = visible(&t.name);
    let rest = format!(
        " ({}){}{}",
        visible(&t.id),
        if t.discontinued {
            " · discontinued"
        } else {
            ""
        },
        if tracked {
            format!(
                " · tracked · score {}",
                hygiene_core::report::score_text(review.score)
            )
        } else {
            " · not tracked".to_string()
        }
    );
    heading(&mut out, ctx.paint, &name, &rest, width);
    tool_facts(&mut out, catalog, tool, &settings.identity, today, width);
    if tracked {
        let rule = format!(
            "{}: {}",
            report::score_text(review.score),
            report::SCORE_RULE
        );
        fact(&mut out, "Score", &rule, width);
    }
    let report_ctx = report::Context {
        catalog,
        settings: &settings,
        state: &session.state,
    };
    for item in &review.items {
        check_block(
            &mut out,
            ctx.paint,
            &report_ctx,
            item,
            tracked.then_some(today),
            &session.settings.tracked,
            (width, prose),
        );
    }
    let _ = writeln!(out);
    out.push_str(&wrap(report::DUE_DATE_RULE, prose, ""));
    if !tracked {
        let _ = writeln!(out);
        out.push_str(&wrap(
            &format!("Track it with `hygiene track {}`.", visible(&t.id)),
            prose,
            "",
        ));
    }
    ctx.out.out.push_str(&out);
    Ok(EXIT_OK)
}

/// The tool's name in bold and what follows it, on one line when it fits.
fn heading(out: &mut String, paint: super::Painter, name: &str, rest: &str, width: usize) {
    if columns(name) + columns(rest) <= width {
        let _ = writeln!(out, "{}{rest}", paint.bold(name));
        return;
    }
    for (i, line) in wrap(&format!("{name}{rest}"), width, "")
        .lines()
        .enumerate()
    {
        let line = if i == 0 {
            paint.bold(line)
        } else {
            line.to_string()
        };
        let _ = writeln!(out, "{line}");
    }
}

/// One fact of a tool: the name in a column of its own, the value wrapped
/// beside it; nothing for an empty value.
fn fact(out: &mut String, name: &str, value: &str, width: usize) {
    if value.is_empty() {
        return;
    }
    let indent = " ".repeat(17);
    let wrapped = wrap(&visible(value), width, &indent);
    for (i, line) in wrapped.lines().enumerate() {
        if i == 0 {
            let _ = writeln!(out, "  {} {}", pad(name, 14), &line[indent.len()..]);
        } else {
            let _ = writeln!(out, "{line}");
        }
    }
}

/// The tool's own facts: kind, audience, approval, access, MFA methods,
/// naming convention, sources; a line each, where there is one.
fn tool_facts(
    out: &mut String,
    catalog: &Catalog,
    tool: ToolIx,
    identity: &Identity,
    today: jiff::civil::Date,
    width: usize,
) {
    let t = &catalog.tools[tool];
    let mut field = |name: &str, value: &str| fact(out, name, value, width);
    for (label, words) in report::tool_facts(catalog, tool, identity, today) {
        field(label, &words);
    }
    for (i, source) in report::grouped_sources_words(catalog, &t.sources)
        .iter()
        .enumerate()
    {
        let label = if i == 0 { "Sources" } else { "" };
        field(label, source);
    }
}

/// One check of the tool: its standing (when tracked: `today` is given),
/// cadence and weight, what to do, why and how, and what was recorded.
fn check_block(
    out: &mut String,
    paint: Painter,
    ctx: &report::Context<'_>,
    item: &Item,
    today: Option<jiff::civil::Date>,
    tracked_all: &[ToolIx],
    (width, prose): (usize, usize),
) {
    let catalog = ctx.catalog;
    let c = &catalog.checks[item.check];
    let head = format!(
        "{} {} · {}",
        item.standing.symbol(),
        visible(&c.id),
        visible(&c.title)
    );
    let standing = today
        .map(|today| {
            format!(
                "{}, {} · ",
                item.standing.label(),
                report::when(item, today)
            )
        })
        .unwrap_or_default();
    let facts = format!(
        "{standing}{}{} · {}",
        report::cadence_words(catalog, item.tool, item.check),
        report::window_words(
            catalog.cadence(item.tool, item.check),
            ctx.settings.due_soon_days
        )
        .map(|w| format!(" · {w}"))
        .unwrap_or_default(),
        report::weight_words(catalog, item.check)
    );
    let _ = writeln!(out);
    let bold = |line: &str| paint.standing(&item.standing, &paint.bold(line));
    if columns(&head) + 2 + columns(&facts) <= width {
        let _ = writeln!(out, "{}  {}", bold(&head), paint.dim(&facts));
    } else {
        // The facts under the title, each part of it within the width.
        for line in wrap(&head, width, "").lines() {
            let _ = writeln!(out, "{}", bold(line));
        }
        for line in wrap(&facts, width, "    ").lines() {
            let _ = writeln!(out, "{}", paint.dim(line));
        }
    }
    if let Some(words) = report::shared_words(catalog, tracked_all, item.tool, item.check) {
        for line in wrap(&words, width, "    ").lines() {
            let _ = writeln!(out, "{}", paint.dim(line));
        }
    }
    let action = hygiene_core::report::action(catalog, ctx.settings, ctx.state, item);
    for text in [
        format!("Do: {action}"),
        format!("Why: {}", c.why.trim()),
        format!("How: {}", catalog.how(item.tool, item.check)),
        format!(
            "Sources: {}",
            report::check_sources_words(catalog, item.tool, item.check)
        ),
    ] {
        out.push_str(&wrap(&visible_lines(&text), prose, "    "));
    }
    let Some(e) = ctx.state.item(catalog, item.key) else {
        return;
    };
    let mut facts = Vec::new();
    if let Some(d) = e.verified {
        facts.push(format!("last done {d}"));
    }
    if let Some(v) = &e.value {
        facts.push(format!("value \u{201c}{}\u{201d}", visible(v)));
    }
    if c.kind == CheckKind::Dated && !e.history.is_empty() {
        facts.push(format!("archives {}", report::recent_archives(&e.history)));
    }
    if let Some(n) = &e.note {
        facts.push(format!("note: {}", visible(n)));
    }
    if !facts.is_empty() {
        out.push_str(&wrap(&visible_lines(&facts.join(" · ")), prose, "    "));
    }
}

pub(super) fn track(ctx: &mut Ctx, ids: &[String]) -> Result<u8> {
    let today = ctx.today()?;
    let session = ctx.session()?;
    let tracked = session.track(ids, None, today, TrackedDay::Today)?;
    let tracked = ctx.out.done(tracked);
    for &t in &tracked.discontinued {
        let tool = &session.catalog.tools[t];
        ctx.out
            .warn(format!("{} is discontinued ({})", tool.name, tool.approval));
    }
    if !tracked.new.is_empty() {
        ctx.out
            .line(format!("Now tracking {}.", join(&tracked.new)));
    }
    if !tracked.already.is_empty() {
        ctx.out
            .line(format!("Already tracked: {}.", join(&tracked.already)));
    }
    if tracked.created {
        ctx.out.line(format!(
            "Wrote a new config at {}; add your name under [identity] there so names can be checked.",
            session.paths.config.display()
        ));
    }
    ctx.out.line("`hygiene status` shows what to do.");
    Ok(EXIT_OK)
}

pub(super) fn untrack(ctx: &mut Ctx, ids: &[String], purge: bool) -> Result<u8> {
    let session = ctx.session()?;
    let outcome = session.untrack(ids, purge, ctx.secrets)?;
    let outcome = ctx.out.done(outcome);
    if outcome.purged == Some(0) {
        ctx.out.line(format!(
            "No history of {} was recorded, so none was deleted.",
            join(ids)
        ));
    } else if let Some(removed) = outcome.purged {
        ctx.out.line(format!(
            "Deleted the recorded history of {removed} tool{}.",
            if removed == 1 { "" } else { "s" }
        ));
    }
    if !outcome.accounts_purged.is_empty() {
        ctx.out.line(format!(
            "Deleted the shared checks of your {}: no tracked tool signs in with it any more.",
            outcome.accounts_purged.join(", your ")
        ));
    }
    for (account, tool) in &outcome.accounts_kept {
        ctx.out.line(format!(
            "The shared checks of your {account} stay: {tool} still signs in with it."
        ));
    }
    if !outcome.notes_removed.is_empty() {
        ctx.out.line(format!(
            "Removed the private note of {} from the keyring.",
            join(&outcome.notes_removed)
        ));
    }
    if !outcome.untracked.is_empty() {
        ctx.out
            .line(format!("Stopped tracking {}.", join(&outcome.untracked)));
    }
    if outcome.history_kept {
        ctx.out.line(
            "Their recorded history stays in the state: tracking again picks it up (`--purge` deletes it).",
        );
    }
    for id in &outcome.notes_kept {
        ctx.out.line(format!(
            "The private note of {id} stays in the keyring (`hygiene secret rm {id}` removes it)."
        ));
    }
    Ok(EXIT_OK)
}

fn join(ids: &[String]) -> String {
    ids.join(", ")
}
