//! The header, the tab line, the status line and the key hint bar.

use hygiene_core::text::width as columns;
use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;

use super::put;
use crate::tui::layout::tab_labels;
use hygiene_core::engine::StandingKind;
use hygiene_core::report::counts_line;

/// The counts the header and the bottom bar name.
const HEADLINE: [StandingKind; 3] = [
    StandingKind::Overdue,
    StandingKind::Failing,
    StandingKind::DueSoon,
];
use crate::tui::app::{App, Mode, View};
use crate::tui::keymap::{Command, Hint};
use crate::tui::theme::Theme;

pub(crate) fn header(app: &App, area: Rect, buf: &mut Buffer, theme: Theme) {
    // Right: the score and the counts, which must always show. Left: who and when.
    let review = &app.review;
    let mut right: Vec<(String, Style)> = Vec::new();
    if let Some((name, date)) = review.expired.first() {
        right.push((
            format!("⚠ policy out of date ({name}, {date})"),
            theme.warning(),
        ));
        right.push((" · ".into(), theme.dim()));
    }
    if !review.rows.is_empty() {
        right.push((
            format!("score {}", score_short(review.score)),
            score_style(review.score, theme),
        ));
        // The trend of the last twelve months, where the width leaves room.
        let points = hygiene_core::history::monthly(&app.session.state.scores, app.today, 12);
        if area.width >= 100 && points.iter().flatten().count() > 1 {
            right.push((
                format!(" {}", hygiene_core::history::sparkline(&points)),
                theme.accent(),
            ));
        }
        // With room: how many checks are reviewed, next to the score.
        if area.width >= 100 && review.summary.reviewed < review.summary.total() {
            right.push((" · ".into(), theme.dim()));
            right.push((
                format!(
                    "{} of {} reviewed",
                    review.summary.reviewed,
                    review.summary.total()
                ),
                Style::new(),
            ));
        }
        // The three always; what cannot be done in the tool when there is
        // any, so that the Actions tab's number is what these add up to.
        let unsupported = Some(StandingKind::Unsupported).filter(|&k| review.summary.get(k) > 0);
        for kind in HEADLINE.into_iter().chain(unsupported) {
            let n = review.summary.get(kind);
            right.push((" · ".into(), theme.dim()));
            let style = if n == 0 {
                theme.dim()
            } else if kind == StandingKind::DueSoon {
                theme.warning()
            } else {
                theme.error()
            };
            right.push((format!("{n} {}", kind.label()), style));
        }
    }
    right.push((" ".into(), Style::new()));
    let right_width: u16 = right.iter().map(|(t, _)| columns(t) as u16).sum();
    let right_x = area.right().saturating_sub(right_width).max(area.x);

    header_left(app, area, right_x.saturating_sub(1), buf, theme);
    let mut x = right_x;
    for (text, style) in right {
        if x < area.right() {
            x = put(buf, x, area.y, &text, area.right() - x, style);
        }
    }
}

/// The header's left: the program's name where there is room, the date,
/// and who, up to `limit`.
fn header_left(app: &App, area: Rect, limit: u16, buf: &mut Buffer, theme: Theme) {
    let mut x = area.x;
    let mut part = |buf: &mut Buffer, text: &str, style: Style| {
        if x < limit {
            x = put(buf, x, area.y, text, limit - x, style);
        }
    };
    let who = app.session.settings.identity.describe().unwrap_or_default();
    // The name of the program only where it leaves room for who and when.
    if usize::from(limit.saturating_sub(area.x)) >= 9 + 11 + 3 + columns(&who) {
        part(
            buf,
            " hygiene ",
            theme
                .title()
                .add_modifier(ratatui::style::Modifier::REVERSED),
        );
    }
    let date = format!(" {}", app.today);
    let room = usize::from(limit.saturating_sub(area.x));
    part(buf, &date, Style::new());
    // Who, whole or not at all: a name cut to "A…" says nothing.
    if let Some(who) = app.session.settings.identity.describe()
        && room >= columns(&date) + 3 + columns(&who)
    {
        part(buf, " · ", theme.dim());
        part(buf, &who, theme.title());
    }
}

pub(crate) fn score_style(score: Option<u8>, theme: Theme) -> Style {
    match score {
        None => Style::new(),
        Some(80..) => theme.good().add_modifier(ratatui::style::Modifier::BOLD),
        Some(50..=79) => theme.warning(),
        Some(_) => theme.error(),
    }
}

/// A score in a few columns: "80", or "—" while nothing has been reviewed.
pub(crate) fn score_short(score: Option<u8>) -> String {
    score.map_or_else(|| "\u{2014}".to_string(), |s| s.to_string())
}

pub(crate) fn tabs(app: &App, area: Rect, buf: &mut Buffer, theme: Theme) {
    let mut x = area.x + 1;
    for (view, text) in tab_labels(app, area.width) {
        let style = if view == app.view {
            theme
                .title()
                .add_modifier(ratatui::style::Modifier::REVERSED)
        } else {
            theme.dim()
        };
        if x >= area.right() {
            break;
        }
        x = put(buf, x, area.y, &text, area.right() - x, style);
        x += 1;
    }
    // An open incident, impossible to miss: before every other note.
    let mut right = area.right();
    if let Some(banner) = super::incident::banner(app, area.right().saturating_sub(x + 1)) {
        let width = columns(&banner) as u16;
        right -= width;
        put(
            buf,
            right,
            area.y,
            &banner,
            width,
            theme
                .error()
                .add_modifier(ratatui::style::Modifier::REVERSED | ratatui::style::Modifier::BOLD),
        );
        right = right.saturating_sub(1);
    }
    let area = Rect::new(area.x, area.y, right.saturating_sub(area.x), area.height);
    let mut notes = tab_notes(app, area.width);
    // As many notes as fit, in their order; the least needed go first.
    loop {
        let text = notes
            .iter()
            .map(|(_, n)| n.as_str())
            .collect::<Vec<_>>()
            .join(" · ");
        let width = columns(&text) as u16;
        if x + 2 + width <= area.right() {
            put(
                buf,
                area.right() - width - 1,
                area.y,
                &text,
                width,
                theme.accent(),
            );
            break;
        }
        let Some(least) = notes
            .iter()
            .enumerate()
            .min_by_key(|(_, (p, _))| *p)
            .map(|(i, _)| i)
        else {
            break;
        };
        notes.remove(least);
    }
}

/// The notes at the tab line's right, each with how long it stays when room
/// is short (higher: longer).
fn tab_notes(app: &App, width: u16) -> Vec<(u8, String)> {
    let mut notes: Vec<(u8, String)> = Vec::new();
    if let Some(last) = app.session.state.last_review {
        notes.push((0, format!("last review {last}")));
    }
    // The score's trend, where the header had no room for it.
    let points = hygiene_core::history::monthly(&app.session.state.scores, app.today, 12);
    if width < 100 && points.iter().flatten().count() > 1 {
        let spark = hygiene_core::history::sparkline(&points);
        notes.push((2, format!("trend {}", spark.trim_start())));
    }
    let next = hygiene_core::engine::next_review(&app.review, app.session.state.last_review);
    let (when, fix) = hygiene_core::report::next_review_parts(next, app.today);
    if let Some(when) = when {
        // The key that starts one, where it is due now.
        let key = app.keymap.dashboard.first_key(Command::Review);
        let now = "next review: now";
        notes.push((3, when.replacen(now, &format!("{now} ({key})"), 1)));
    }
    if let Some(fix) = fix {
        notes.push((1, fix));
    }
    if !app.dashboard.filter.is_empty() && !matches!(app.mode, Mode::Filtering(_)) {
        notes.push((4, format!("filter “{}”", app.dashboard.filter)));
    }
    if app.dashboard.only_problems {
        notes.push((4, "only problems".to_string()));
    }
    if app.view == View::Dashboard && !app.review.rows.is_empty() {
        let shown = app.visible_rows().len();
        let total = app.review.rows.len();
        let tools = if total == 1 { "tool" } else { "tools" };
        notes.push((
            1,
            if shown == total {
                format!("{total} {tools}")
            } else {
                format!("{shown} of {total} {tools}")
            },
        ));
    }
    notes
}

/// A line of hints: help and quit always, the others as far as they fit.
pub(super) fn draw_hints(hints: &[Hint], area: Rect, buf: &mut Buffer, theme: Theme) {
    let always: Vec<&Hint> = hints.iter().filter(|h| h.always).collect();
    let reserved: u16 = always
        .iter()
        .map(|h| (columns(&h.key) + columns(&h.word) + 4) as u16)
        .sum();
    let mut x = area.x + 1;
    for h in hints.iter().filter(|h| !h.always) {
        let width = (columns(&h.key) + columns(&h.word) + 4) as u16;
        if x + width + reserved > area.right() {
            break;
        }
        x = put(buf, x, area.y, &h.key, area.right() - x, theme.key());
        x = put(buf, x + 1, area.y, &h.word, area.right() - x, theme.dim());
        x += 2;
    }
    for h in always {
        if x >= area.right() {
            break;
        }
        x = put(buf, x, area.y, &h.key, area.right() - x, theme.key());
        x = put(
            buf,
            x + 1,
            area.y,
            &h.word,
            area.right().saturating_sub(x + 1),
            theme.dim(),
        );
        x += 2;
    }
}

/// The status line; returns where the cursor goes while a filter is typed.
pub(super) fn status(app: &App, area: Rect, buf: &mut Buffer, theme: Theme) -> Option<Position> {
    if let Mode::Filtering(input) = &app.mode {
        let x = put(buf, area.x, area.y, " filter: ", 9, theme.key());
        let width = area.right().saturating_sub(x + 30);
        put(
            buf,
            x,
            area.y,
            &super::input_text(input, width),
            width,
            Style::new(),
        );
        let hint = super::field_keys(app, "keep", "clear");
        put(
            buf,
            area.right().saturating_sub(columns(&hint) as u16 + 1),
            area.y,
            &hint,
            30,
            theme.dim(),
        );
        return Some(super::input_cursor(input, x, area.y, width));
    }
    if let Some(status) = &app.status {
        let (prefix, style) = if status.error {
            ("✗ ", theme.error())
        } else {
            ("", theme.accent())
        };
        put(
            buf,
            area.x + 1,
            area.y,
            &format!("{prefix}{}", status.text),
            area.width.saturating_sub(2),
            style,
        );
        return None;
    }
    let text = view_line(app, area.width);
    put(
        buf,
        area.x + 1,
        area.y,
        &text,
        area.width.saturating_sub(2),
        theme.dim(),
    );
    None
}

/// What the status line says of the view when nothing else is to say.
fn view_line(app: &App, width: u16) -> String {
    match app.view {
        View::Dashboard if app.review.rows.is_empty() => {
            let key = app.keymap.dashboard.first_key(Command::NextView);
            format!("No tools yet: {key} twice for the Tools view")
        }
        View::Dashboard => {
            let needs = counts_line(&app.review.summary, StandingKind::TO_DO);
            let unreviewed = app.review.summary.get(StandingKind::Unreviewed);
            let mut text = match (needs.is_empty(), unreviewed) {
                (true, 0) => "Everything is in order".to_string(),
                // Day one: nothing is wrong, and nothing is looked at yet.
                (true, n) => format!(
                    "Nothing due yet; {n} check{} to review ({} starts)",
                    if n == 1 { "" } else { "s" },
                    app.keymap.dashboard.first_key(Command::Review)
                ),
                (false, _) => format!("To do: {needs}"),
            };
            // While some checks were never answered: how far the review is,
            // where the header has no room to say it beside the score.
            let summary = &app.review.summary;
            if summary.reviewed < summary.total() && width < 100 {
                text = format!(
                    "{text} · {} of {} reviewed",
                    summary.reviewed,
                    summary.total()
                );
            }
            text
        }
        View::Actions if app.actions.is_empty() => "Nothing needs doing".to_string(),
        View::Actions => format!(
            "Most urgent first; {} goes to the item on the dashboard",
            app.keymap.dashboard.first_key(Command::Select)
        ),
        View::Tools => format!(
            "✓ tracked · {} or {}: track or stop",
            app.keymap.dashboard.first_key(Command::Select),
            app.keymap.dashboard.first_key(Command::Toggle)
        ),
    }
}

/// The one-line key hint bar, from the keymap itself.
pub(super) fn hints(app: &App, area: Rect, buf: &mut Buffer, theme: Theme) {
    let keys = &app.keymap.dashboard;
    let always = [Command::Help, Command::Quit];
    let hint = |command: Command, word: &str| keys.hint(command, word, always.contains(&command));
    let hints: Vec<Hint> = match (&app.mode, app.view) {
        (Mode::Editing(_) | Mode::Filtering(_), _) => app.keymap.editor.hints(&[]),
        (_, View::Tools) => vec![
            hint(Command::Select, "track/untrack"),
            hint(Command::Undo, "undo"),
            hint(Command::NextView, "view"),
            hint(Command::Help, "help"),
            hint(Command::Quit, "quit"),
        ],
        (_, View::Actions) => {
            let mut list = vec![hint(Command::Select, "go to")];
            list.extend(keys.hints(&always));
            list
        }
        _ => keys.hints(&always),
    };
    draw_hints(&hints, area, buf, theme);
}
