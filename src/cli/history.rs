//! `hygiene history`: each day's score, from the state's `[scores]`.

use std::fmt::Write as _;

use super::{Ctx, EXIT_OK};
use hygiene_core::error::Result;
use hygiene_core::report;

pub(super) fn history(ctx: &mut Ctx, json: bool) -> Result<u8> {
    let session = ctx.session()?;
    let scores = &session.state.scores;
    let mut out = String::new();
    if json {
        let days: Vec<serde_json::Value> = scores
            .iter()
            .map(|(day, s)| {
                serde_json::json!({
                    "date": day.to_string(),
                    "score": s.score,
                    "reviewed": s.reviewed,
                    "total": s.total,
                    "overdue": s.overdue,
                    "failing": s.failing,
                    "unreviewed": s.unreviewed,
                })
            })
            .collect();
        let incidents = incidents_json(&session.state);
        let value = serde_json::json!({ "schema": 1, "days": days, "incidents": incidents });
        let _ = writeln!(out, "{value}");
    } else if scores.is_empty() {
        out.push_str(
            "No history yet: each day on which you record something keeps its score here.\n",
        );
    } else {
        let _ = writeln!(
            out,
            "{}",
            ctx.paint
                .bold("date        score         reviewed  overdue  failing  unreviewed")
        );
        let mut previous: Option<u8> = None;
        for (day, s) in scores {
            let change = match (previous, s.score) {
                (Some(p), Some(n)) if p != n => format!(" {:+}", i16::from(n) - i16::from(p)),
                _ => String::new(),
            };
            let score = format!("{}{change}", report::score_text(s.score));
            let _ = writeln!(
                out,
                "{day}  {score:<11} {:>5}/{:<5} {:>7}  {:>7}  {:>10}",
                s.reviewed, s.total, s.overdue, s.failing, s.unreviewed
            );
            previous = s.score.or(previous);
        }
        let points = hygiene_core::history::monthly(scores, ctx.today()?, 12);
        if points.iter().any(Option::is_some) {
            let _ = writeln!(
                out,
                "\nThe last twelve months: {}",
                hygiene_core::history::sparkline(&points)
            );
        }
    }
    if !json {
        incidents_text(&mut out, ctx, &session.state);
    }
    ctx.out.out.push_str(&out);
    Ok(EXIT_OK)
}

/// Every incident, one line each, under the days.
fn incidents_text(out: &mut String, ctx: &Ctx, state: &hygiene_core::state::State) {
    if state.incidents.is_empty() {
        return;
    }
    let _ = writeln!(out, "\n{}", ctx.paint.bold("Incidents"));
    for (id, i) in hygiene_core::incident::by_start(&state.incidents) {
        let _ = writeln!(
            out,
            "{}  {}  {:<17} {} · {}",
            i.started,
            hygiene_core::text::visible(id),
            i.standing_words(),
            i.kind.title(),
            i.progress_words()
        );
    }
}

/// The incidents for `history --json`, oldest first: id, kind, the days,
/// and counts.
fn incidents_json(state: &hygiene_core::state::State) -> Vec<serde_json::Value> {
    hygiene_core::incident::by_start(&state.incidents)
        .into_iter()
        .map(|(id, i)| {
            serde_json::json!({
                "id": id,
                "kind": i.kind.id(),
                "started": i.started.to_string(),
                "closed": i.closed.map(|d| d.to_string()),
                "steps": i.steps.len(),
                "done": i.done.len(),
                "set_aside": i.dismissed.len(),
            })
        })
        .collect()
}
