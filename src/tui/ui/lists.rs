//! The actions view and the tools view: one line per entry, scrolled so the
//! selection stays on screen.

use hygiene_core::catalog::ToolIx;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::widgets::{Scrollbar, ScrollbarOrientation, ScrollbarState, StatefulWidget};

use super::put;
use crate::tui::app::App;
use crate::tui::theme::Theme;
use hygiene_core::report;

fn scrollbar(area: Rect, buf: &mut Buffer, total: usize, scroll: usize) {
    let rows = usize::from(area.height);
    if total > rows && rows > 0 {
        let mut state = ScrollbarState::new(total - rows).position(scroll);
        Scrollbar::new(ScrollbarOrientation::VerticalRight)
            .begin_symbol(None)
            .end_symbol(None)
            .render(area, buf, &mut state);
    }
}

/// Mark line `y` selected or not; the style to use for each part of it: the
/// selected line is one plain bar, the others keep their colours.
fn selection(
    buf: &mut Buffer,
    area: Rect,
    y: u16,
    selected: bool,
    theme: Theme,
) -> impl Fn(Style) -> Style + use<> {
    let bar = theme.selected();
    if selected {
        buf.set_style(Rect::new(area.x, y, area.width, 1), bar);
    }
    move |style| if selected { bar } else { style }
}

pub(super) fn actions(app: &App, area: Rect, buf: &mut Buffer, theme: Theme) {
    if app.actions.is_empty() {
        let text = if app.review.rows.is_empty() {
            "No tools tracked yet."
        } else {
            "Nothing overdue, failing or due soon. Well kept."
        };
        put(
            buf,
            area.x + 2,
            area.y,
            text,
            area.width.saturating_sub(2),
            theme.good(),
        );
        return;
    }
    let catalog = &app.session.catalog;
    let rows = usize::from(area.height);
    // The "when" column as wide as its longest text on screen ("due 3 days
    // ago, overdue in 14 days"), where the screen has room for it.
    let widest = app
        .actions
        .iter()
        .skip(app.actions_view.scroll)
        .take(rows)
        .map(|&i| hygiene_core::text::width(&report::when(&app.review.items[i], app.today)))
        .max()
        .unwrap_or(0);
    let room = if area.width >= 120 { 34 } else { 16 };
    let when_width = u16::try_from(widest).unwrap_or(u16::MAX).clamp(16, room);
    for (line, &i) in app
        .actions
        .iter()
        .enumerate()
        .skip(app.actions_view.scroll)
        .take(rows)
    {
        let item = &app.review.items[i];
        let y = area.y + (line - app.actions_view.scroll) as u16;
        let pick = selection(buf, area, y, line == app.actions_view.selected, theme);
        let label = format!(" {} {:<11}", item.standing.symbol(), item.standing.label());
        let mut x = put(
            buf,
            area.x,
            y,
            &label,
            14,
            pick(theme.standing(&item.standing)),
        );
        let t = &catalog.tools[item.tool];
        x = put(
            buf,
            x + 1,
            y,
            &t.name,
            16,
            pick(Style::new().add_modifier(Modifier::BOLD)),
        )
        .max(area.x + 31);
        let when = report::when(item, app.today);
        x = put(buf, x + 1, y, &when, when_width, pick(theme.dim())).max(area.x + 32 + when_width);
        let action =
            hygiene_core::report::action(catalog, &app.session.settings, &app.session.state, item);
        put(
            buf,
            x + 1,
            y,
            &action,
            area.right().saturating_sub(x + 2),
            pick(Style::new()),
        );
    }
    scrollbar(area, buf, app.actions.len(), app.actions_view.scroll);
}

pub(super) fn tools(app: &App, area: Rect, buf: &mut Buffer, theme: Theme) {
    let rows = usize::from(area.height);
    let catalog = &app.session.catalog;
    for (i, tool) in catalog
        .tools
        .iter()
        .enumerate()
        .skip(app.tools_view.scroll)
        .take(rows)
    {
        let y = area.y + (i - app.tools_view.scroll) as u16;
        let pick = selection(buf, area, y, i == app.tools_view.selected, theme);
        let tracked = app.is_tracked(ToolIx(i));
        let mark = if tracked { " ✓ " } else { "   " };
        let x = put(buf, area.x, y, mark, 3, pick(theme.good()));
        let name_style = if tracked {
            pick(Style::new()).add_modifier(Modifier::BOLD)
        } else {
            pick(Style::new())
        };
        let x = put(
            buf,
            x,
            y,
            &tool.name,
            area.right().saturating_sub(x + 14),
            name_style,
        );
        if tool.discontinued {
            put(
                buf,
                x + 1,
                y,
                "discontinued",
                area.right().saturating_sub(x + 1),
                pick(theme.dim()),
            );
        }
    }
    scrollbar(area, buf, catalog.tools.len(), app.tools_view.scroll);
}
