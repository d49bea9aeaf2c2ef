//! `hygiene incident`: start or go on with an incident, mark its steps,
//! list the open ones.

use std::fmt::Write as _;
use std::io::IsTerminal;

use super::args::IncidentArgs;
use super::{Ctx, EXIT_OK};
use crate::Start;
use hygiene_core::error::{Error, Result};
use hygiene_core::incident::{self, Incident, Kind, StepState};
use hygiene_core::session::Session;
use hygiene_core::text::{visible, visible_lines, wrap};

pub(super) fn incident(ctx: &mut Ctx, asked: &IncidentArgs) -> Result<u8> {
    let session = ctx.session()?;
    if asked.list {
        list(ctx, &session, asked.all);
        return Ok(EXIT_OK);
    }
    let Some(kind) = asked.kind.map(Kind::from) else {
        return Err(Error::input(
            "name what went wrong: lost-device, suspected-access, shared-by-mistake or leaving",
        ));
    };
    let today = ctx.today()?;
    let marking = !asked.done.is_empty() || !asked.set_aside.is_empty() || asked.dismiss;
    if marking {
        return mark(ctx, &session, kind, asked, today);
    }
    let tools = asked
        .tool
        .iter()
        .map(|t| session.catalog.require_tool(t))
        .collect::<Result<Vec<_>>>()?;
    let started = session.start_incident(kind, &tools, today)?;
    let started = ctx.out.done(started);
    if started.incident.steps.len() == 1 {
        ctx.out.warn(
            "no tool is tracked or named, so only the report step is listed; `--tool ID` names the tools the incident touches",
        );
    }
    let terminal = std::io::stdout().is_terminal() && std::io::stdin().is_terminal();
    if !asked.print && terminal && ctx.dashboard.is_some() {
        return super::open_dashboard(ctx, Start::Incident(kind));
    }
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} incident {}: {} (started {}; {})",
        if started.resumed { "Open" } else { "New" },
        started.id,
        kind.title(),
        started.incident.started,
        started.incident.progress_words()
    );
    checklist(&mut out, &session, kind, &started.incident);
    let _ = writeln!(
        out,
        "\nMark steps with `hygiene incident {k} --done STEP...`, set one aside with `--set-aside STEP`, close it as it stands with `--dismiss`.",
        k = kind.id()
    );
    ctx.out.out.push_str(&out);
    Ok(EXIT_OK)
}

/// `--done`, `--set-aside`, `--dismiss` on the open incident of `kind`.
fn mark(
    ctx: &mut Ctx,
    session: &Session,
    kind: Kind,
    asked: &IncidentArgs,
    today: jiff::civil::Date,
) -> Result<u8> {
    let Some((id, _)) = incident::open_of(&session.state.incidents, kind) else {
        return Err(Error::input(format!(
            "no open {} incident; `hygiene incident {}` starts one",
            kind.id(),
            kind.id()
        )));
    };
    let id = id.to_string();
    if asked.dismiss {
        let done = session.dismiss_incident(&id, today)?;
        ctx.out.done(done);
        ctx.out.line(format!(
            "Incident {id} closed as it stands; it stays in the record."
        ));
        return Ok(EXIT_OK);
    }
    let marks: Vec<(&str, StepState)> = (asked.done.iter().map(|s| (s.as_str(), StepState::Done)))
        .chain(
            asked
                .set_aside
                .iter()
                .map(|s| (s.as_str(), StepState::Dismissed)),
        )
        .collect();
    let done = session.mark_incident_steps(&id, &marks, today)?;
    let i = ctx.out.done(done);
    ctx.out.line(if i.is_open() {
        format!("Incident {id}: {}.", i.progress_words())
    } else {
        format!("Incident {id}: every step done or set aside; closed.")
    });
    Ok(EXIT_OK)
}

/// Every step with its state, what to do and how.
fn checklist(out: &mut String, session: &Session, kind: Kind, i: &Incident) {
    let _ = writeln!(out, "{}", kind.why());
    let _ = writeln!(
        out,
        "Sources: {}",
        incident::sources_words(&session.catalog, kind)
    );
    for step in &i.steps {
        let card = incident::step_card(&session.catalog, &session.settings.tracked, kind, step);
        let mark = match i.step_state(step) {
            StepState::Open => "[ ]",
            StepState::Done => "[✓]",
            StepState::Dismissed => "[–]",
        };
        let place = if card.place.is_empty() {
            card.title.clone()
        } else {
            format!("{} · {}", card.place, card.title)
        };
        let _ = writeln!(out, "\n{mark} {}  {place}", visible(step));
        out.push_str(&wrap(
            &visible_lines(&format!("Do: {}", card.todo)),
            80,
            "    ",
        ));
        if !card.how.is_empty() {
            out.push_str(&wrap(
                &visible_lines(&format!("How: {}", card.how)),
                80,
                "    ",
            ));
        }
    }
}

fn list(ctx: &mut Ctx, session: &Session, all: bool) {
    let mut shown = incident::by_start(&session.state.incidents);
    shown.retain(|(_, i)| all || i.is_open());
    if shown.is_empty() {
        ctx.out.line(if all {
            "No incident recorded."
        } else {
            "No open incident. `hygiene incident KIND` starts one (lost-device, suspected-access, shared-by-mistake, leaving)."
        });
        return;
    }
    for (id, i) in shown {
        ctx.out.line(format!(
            "{}  {}  {} · started {} · {}",
            visible(id),
            i.standing_words(),
            i.kind.title(),
            i.started,
            i.progress_words()
        ));
    }
}
