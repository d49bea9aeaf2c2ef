//! An incident on screen: the list of what can go wrong, one card per
//! step in the review's style, and the banner that keeps an open incident
//! in view on the dashboard.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Padding, Paragraph, Widget, Wrap};

use super::popups::frame;
use super::{bars, centered, detail, put};
use crate::tui::app::App;
use crate::tui::incident::{IncidentView, current, open};
use crate::tui::keymap::{Command, IncidentKey};
use crate::tui::theme::Theme;
use hygiene_core::incident::{self, Kind, StepState};
use hygiene_core::text::visible;
use hygiene_core::text::width as columns;

/// What went wrong? The four kinds, each open one with its progress.
pub(super) fn chooser(app: &App, view: &IncidentView, area: Rect, buf: &mut Buffer, theme: Theme) {
    let keys = &app.keymap.incident;
    let popup = centered(area, 64, 4 + Kind::ALL.len() as u16 * 2);
    Clear.render(popup, buf);
    let bottom = format!(
        " {} chooses · {} back ",
        keys.first_key(IncidentKey::Next),
        keys.first_key(IncidentKey::End)
    );
    let block = frame("What went wrong?", theme)
        .title_bottom(Line::from(Span::styled(bottom, theme.dim())));
    let inner = block.inner(popup);
    block.render(popup, buf);
    for (i, kind) in Kind::ALL.iter().enumerate() {
        let y = inner.y + 1 + 2 * i as u16;
        if y >= inner.bottom() {
            break;
        }
        let chosen = i == view.choice;
        let style = if chosen {
            theme.title().add_modifier(Modifier::REVERSED)
        } else {
            theme.title()
        };
        let mark = if chosen { "› " } else { "  " };
        let x = put(buf, inner.x + 1, y, mark, 2, theme.accent());
        put(
            buf,
            x,
            y,
            kind.title(),
            inner.right().saturating_sub(x),
            style,
        );
        let note = incident::open_of(&app.session.state.incidents, *kind).map_or_else(
            || format!("hygiene incident {}", kind.id()),
            |(_, i)| format!("open since {}: {}", i.started, i.progress_words()),
        );
        if y + 1 < inner.bottom() {
            put(
                buf,
                inner.x + 3,
                y + 1,
                &note,
                inner.width.saturating_sub(3),
                theme.dim(),
            );
        }
    }
}

/// One step of the incident, or the end card once past the last.
pub(super) fn card(
    app: &App,
    view: &IncidentView,
    kind: Kind,
    area: Rect,
    hints: Rect,
    buf: &mut Buffer,
    theme: Theme,
) {
    Clear.render(area, buf);
    let catalog = &app.session.catalog;
    let Some((_, i)) = current(&app.session.state, kind) else {
        let block = frame(kind.title(), theme).padding(Padding::horizontal(1));
        Paragraph::new("Starting…").block(block).render(area, buf);
        return;
    };
    let title = format!(
        "Incident · {} · {} of {} done",
        kind.title(),
        i.done.len(),
        i.steps.len()
    );
    let block = frame(&title, theme).padding(Padding::horizontal(1));
    let mut lines: Vec<Line> = Vec::new();
    if let Some(step) = i.steps.get(view.at) {
        let card = incident::step_card(catalog, &app.session.settings.tracked, kind, step);
        let place = if card.place.is_empty() {
            card.title.clone()
        } else {
            format!("{} · {}", card.place, card.title)
        };
        lines.push(Line::from(Span::styled(
            format!("Step {} of {}: {place}", view.at + 1, i.steps.len()),
            theme.title().add_modifier(Modifier::BOLD),
        )));
        lines.push(Line::raw(""));
        let (mark, style) = match i.step_state(step) {
            StepState::Open => ("○ to do", theme.warning()),
            StepState::Done => ("✓ done", theme.good()),
            StepState::Dismissed => ("– set aside", theme.dim()),
        };
        lines.push(Line::from(vec![
            Span::styled(mark, style),
            Span::styled(
                format!(
                    " · {} · started {} · {}",
                    visible(step),
                    i.started,
                    i.progress_words()
                ),
                theme.dim(),
            ),
        ]));
        lines.push(detail::labelled("Do: ", card.todo, theme));
        // The how's paragraphs apart, its lines joined, as the review shows it.
        lines.extend(detail::labelled_paragraphs([("How ", card.how)], theme));
        if view.at == 0 {
            lines.extend(detail::labelled_paragraphs(
                [("Why ", kind.why().to_string())],
                theme,
            ));
        }
        lines.extend(detail::labelled_paragraphs(
            [("Sources ", card.sources)],
            theme,
        ));
    } else {
        lines.extend(end_lines(app, i, theme));
    }
    Paragraph::new(lines)
        .block(block)
        .wrap(Wrap { trim: true })
        .scroll((view.scroll, 0))
        .render(area, buf);
    let keys = &app.keymap.incident;
    bars::draw_hints(&keys.hints(&[IncidentKey::End]), hints, buf, theme);
}

fn end_lines<'a>(app: &App, i: &incident::Incident, theme: Theme) -> Vec<Line<'a>> {
    let keys = &app.keymap.incident;
    let mut lines = Vec::new();
    if i.is_open() {
        let open: Vec<&str> = i.open_steps().collect();
        lines.push(Line::from(Span::styled(
            format!("{} step(s) still open", open.len()),
            theme.warning().add_modifier(Modifier::BOLD),
        )));
        lines.push(Line::raw(visible(&open.join(", ")).into_owned()));
        lines.push(Line::raw(""));
        lines.push(Line::raw(format!(
            "{} goes back to them; {} closes the incident as it stands; {} leaves it open.",
            keys.first_key(IncidentKey::Back),
            keys.first_key(IncidentKey::Dismiss),
            keys.first_key(IncidentKey::End)
        )));
    } else {
        lines.push(Line::from(Span::styled(
            format!(
                "Closed {}: every step done or set aside",
                i.closed.map(|d| d.to_string()).unwrap_or_default()
            ),
            theme.good().add_modifier(Modifier::BOLD),
        )));
        lines.push(Line::raw(""));
        lines.push(Line::raw(format!(
            "It stays in the record: `hygiene history` and the exports list it. {} back to the dashboard.",
            keys.first_key(IncidentKey::End)
        )));
    }
    lines
}

/// The banner an open incident puts on the dashboard, whole or short to
/// fit `width`: None when no incident is open.
pub(super) fn banner(app: &App, width: u16) -> Option<String> {
    let open = open(&app.session.state);
    let (_, first) = open.first()?;
    let key = app.keymap.dashboard.first_key(Command::Incident);
    let more = if open.len() > 1 {
        format!(" (+{} more)", open.len() - 1)
    } else {
        String::new()
    };
    let long = format!(
        " ⚠ INCIDENT: {}{more} · {} · {key} go on ",
        first.kind.short(),
        first.progress_words()
    );
    let short = format!(
        " ⚠ INCIDENT {}/{} · {key} ",
        first.done.len() + first.dismissed.len(),
        first.steps.len()
    );
    [long, short]
        .into_iter()
        .find(|t| columns(t) as u16 <= width)
}
