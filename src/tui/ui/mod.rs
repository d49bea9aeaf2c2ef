//! The view: reads the model, draws it. One file per region of the screen.

mod bars;
mod detail;
mod incident;
mod lists;
mod matrix;
mod popups;
pub(crate) use popups::help_rows;
mod review;

use hygiene_core::catalog::ToolIx;
use hygiene_core::text::cut;
use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use unicode_width::UnicodeWidthChar;

use super::app::{App, Mode, View};
use super::layout;
use super::theme::Theme;
use hygiene_core::text::visible;

/// Draw the whole screen.
pub fn render(app: &App, frame: &mut Frame) {
    let area = frame.area();
    let buf = frame.buffer_mut();
    let theme = Theme { color: app.color };
    let screen = layout::screen(area, app);
    if screen.too_small {
        popups::too_small(area, buf, theme);
        return;
    }
    if let Mode::Onboarding(form) = &app.mode {
        let cursor = popups::onboarding(app, form, area, buf, theme);
        // Why an answer was refused, or why the config was not written.
        if app.status.is_some() {
            bars::status(app, screen.status, buf, theme);
        }
        if let Some(cursor) = cursor {
            frame.set_cursor_position(cursor);
        }
        return;
    }
    bars::header(app, screen.header, buf, theme);
    if let Mode::Incident(view) = &app.mode
        && let Some(kind) = view.kind
    {
        // An incident's card, like the review's, under the header.
        let body = card_area(area, &screen);
        incident::card(app, view, kind, body, screen.hints, buf, theme);
        bars::status(app, screen.status, buf, theme);
        return;
    }
    if let (Some(guided), Mode::Review | Mode::Editing(_)) = (&app.guided, &app.mode) {
        // The review needs nothing else on screen: its card, under the header.
        let body = card_area(area, &screen);
        review::render(app, guided, body, screen.hints, buf, theme);
        let mut cursor = bars::status(app, screen.status, buf, theme);
        if let Mode::Editing(editing) = &app.mode {
            cursor = popups::editing(app, editing, area, buf, theme);
        }
        if let Some(position) = cursor {
            frame.set_cursor_position(position);
        }
        return;
    }
    bars::tabs(app, screen.tabs, buf, theme);
    match app.view {
        View::Dashboard => {
            matrix::render(app, screen.list, screen.label_lines, buf, theme);
            detail::item(
                app,
                app.dashboard.tool.zip(app.dashboard.check),
                screen.detail,
                buf,
                theme,
            );
        }
        View::Actions => {
            lists::actions(app, screen.list, buf, theme);
            let target = app
                .actions
                .get(app.actions_view.selected)
                .map(|&i| (app.review.items[i].tool, app.review.items[i].check));
            detail::item(app, target, screen.detail, buf, theme);
        }
        View::Tools => {
            lists::tools(app, screen.list, buf, theme);
            detail::tool(
                app,
                ToolIx(app.tools_view.selected),
                screen.detail,
                buf,
                theme,
            );
        }
    }
    let status_cursor = bars::status(app, screen.status, buf, theme);
    bars::hints(app, screen.hints, buf, theme);
    if let Some(position) = popup(app, area, buf, theme).or(status_cursor) {
        frame.set_cursor_position(position);
    }
}

/// The mode's box over the dashboard, if it has one; where the cursor goes
/// if it has a text field.
fn popup(app: &App, area: Rect, buf: &mut Buffer, theme: Theme) -> Option<Position> {
    match &app.mode {
        Mode::Help { scroll } => popups::help(app, *scroll, area, buf, theme),
        Mode::Snoozing { choice, .. } => review::snooze(app, *choice, area, buf, theme),
        Mode::Editing(editing) => return popups::editing(app, editing, area, buf, theme),
        Mode::Identity(form) => return popups::identity(app, form, area, buf, theme),
        Mode::Revealed { tool, text } => popups::revealed(app, *tool, text, area, buf, theme),
        Mode::Incident(view) => incident::chooser(app, view, area, buf, theme),
        _ => {}
    }
    None
}

/// "enter save · esc cancel", with the text field's keys in use.
pub(crate) fn field_keys(app: &App, save: &str, cancel: &str) -> String {
    use crate::tui::keymap::EditorKey;
    let keys = &app.keymap.editor;
    format!(
        "{} {save} · {} {cancel}",
        keys.first_key(EditorKey::Save),
        keys.first_key(EditorKey::Cancel)
    )
}

/// Where a card (the review's, an incident's) goes: the whole width, from
/// under the header to the status line.
fn card_area(area: Rect, screen: &layout::Screen) -> Rect {
    Rect::new(
        area.x,
        screen.tabs.y,
        area.width,
        screen.status.y.saturating_sub(screen.tabs.y),
    )
}

/// Write `text` at (x, y), cut to `width` columns.
pub(crate) fn put(buf: &mut Buffer, x: u16, y: u16, text: &str, width: u16, style: Style) -> u16 {
    if width == 0 {
        return x;
    }
    let text = cut(&visible(text), usize::from(width)).into_owned();
    let (end, _) = buf.set_stringn(x, y, &text, usize::from(width), style);
    end
}

/// A rectangle of `width` × `height` centred in `area`, kept inside it.
pub(crate) fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let width = width.min(area.width);
    let height = height.min(area.height);
    Rect::new(
        area.x + (area.width - width) / 2,
        area.y + (area.height - height) / 2,
        width,
        height,
    )
}

/// Where the terminal cursor goes for a text field drawn at `x`, `y` with `width`.
pub(crate) fn input_cursor(input: &tui_input::Input, x: u16, y: u16, width: u16) -> Position {
    let scroll = input.visual_scroll(usize::from(width.saturating_sub(1)));
    let offset = input.visual_cursor().saturating_sub(scroll) as u16;
    Position::new(x + offset.min(width.saturating_sub(1)), y)
}

/// The visible part of a text field's value.
pub(crate) fn input_text(input: &tui_input::Input, width: u16) -> String {
    let scroll = input.visual_scroll(usize::from(width.saturating_sub(1)));
    let mut skipped = 0;
    let mut out = String::new();
    for c in input.value().chars() {
        let w = c.width().unwrap_or(0);
        if skipped < scroll {
            skipped += w;
            continue;
        }
        out.push(c);
    }
    cut(&out, usize::from(width)).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use hygiene_core::text::width;

    #[test]
    fn truncation_never_splits_wide_characters() {
        assert_eq!(cut("Slack", 10), "Slack");
        assert_eq!(cut("Microsoft Teams", 10), "Microsoft…");
        assert_eq!(cut("微信企业版工作", 6), "微信…");
        assert_eq!(cut("微信企业版工作", 7), "微信企…");
        // A joined emoji is one character on screen: never split.
        assert_eq!(cut("👩‍💻👩‍💻👩‍💻", 3), "👩‍💻…");
        assert!(width(&cut("微信企业版工作", 5)) <= 5);
        assert_eq!(cut("abc", 0), "");
    }
}
