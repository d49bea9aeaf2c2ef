//! The dashboard matrix: a row per tracked tool, a column per check, a symbol
//! per cell. Only the rows and columns on screen are laid out, so a frame
//! costs the same at 20 tools and at 1,000.

use hygiene_core::catalog::CheckIx;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::widgets::{
    Paragraph, Scrollbar, ScrollbarOrientation, ScrollbarState, StatefulWidget, Widget, Wrap,
};

use super::popups::DOES_NOT_APPLY;
use super::put;
use crate::tui::app::App;
use crate::tui::layout::{CELL, SCORE, name_width};
use crate::tui::theme::Theme;
use hygiene_core::engine::Standing;

pub(super) fn render(app: &App, area: Rect, labels: u16, buf: &mut Buffer, theme: Theme) {
    if app.review.rows.is_empty() {
        no_tools(app, area, buf);
        return;
    }
    let visible = app.visible_rows();
    let name = name_width(app, area.width);
    let columns = usize::from(area.width.saturating_sub(name + SCORE) / CELL);
    let first_col = app
        .dashboard
        .col_scroll
        .min(app.review.columns.len().saturating_sub(1));
    let shown_cols: Vec<CheckIx> = app
        .review
        .columns
        .iter()
        .copied()
        .skip(first_col)
        .take(columns)
        .collect();
    let score_x = column_labels(app, area, labels, buf, theme, &shown_cols, first_col);

    let rows = usize::from(area.height.saturating_sub(labels));
    let selected_pos = app.row_position(&visible);
    for (line, &r) in visible
        .iter()
        .skip(app.dashboard.scroll)
        .take(rows)
        .enumerate()
    {
        let row = Placed {
            y: area.y + labels + line as u16,
            x: area.x,
            name,
            score_x,
            selected: Some(app.dashboard.scroll + line) == selected_pos,
        };
        tool_row(app, &app.review.rows[r], &row, &shown_cols, buf, theme);
    }

    if visible.len() > rows && rows > 0 {
        let mut state =
            ScrollbarState::new(visible.len().saturating_sub(rows)).position(app.dashboard.scroll);
        let bar_x = (score_x + SCORE + 1).min(area.right().saturating_sub(1));
        let bar = Rect::new(bar_x, area.y + labels, 1, rows as u16);
        Scrollbar::new(ScrollbarOrientation::VerticalRight)
            .begin_symbol(None)
            .end_symbol(None)
            .render(bar, buf, &mut state);
    }
    if visible.is_empty() {
        let text = if app.dashboard.filter.is_empty() {
            "No tool has anything overdue or failing.".to_string()
        } else {
            format!("No tracked tool matches “{}”.", app.dashboard.filter)
        };
        put(
            buf,
            area.x + 2,
            area.y + labels,
            &text,
            area.width.saturating_sub(2),
            theme.dim(),
        );
    }
}

/// What the dashboard says before any tool is tracked, wrapped to the width.
fn no_tools(app: &App, area: Rect, buf: &mut Buffer) {
    let text = format!(
        "No tools tracked yet.\n\nPress {} twice for the Tools view and choose the tools you use, or run `hygiene track whatsapp slack` in a shell.",
        app.keymap
            .dashboard
            .first_key(crate::tui::keymap::Command::NextView)
    );
    Paragraph::new(text)
        .wrap(Wrap { trim: true })
        .render(area.inner(ratatui::layout::Margin::new(2, 0)), buf);
}

/// The column labels, the scroll marks and the "tool" and "score" headings;
/// where the score column starts.
fn column_labels(
    app: &App,
    area: Rect,
    lines: u16,
    buf: &mut Buffer,
    theme: Theme,
    shown_cols: &[CheckIx],
    first_col: usize,
) -> u16 {
    let name = name_width(app, area.width);
    let score_x = area.x + name + shown_cols.len() as u16 * CELL;
    let words = lines > 2;
    let catalog = &app.session.catalog;
    // Staggered over the label lines, so that neighbours never touch: each
    // label runs right until where the next one on its line starts (and on
    // the line after the last label, "score" starts there).
    for (j, &check) in shown_cols.iter().enumerate() {
        let x = area.x + name + j as u16 * CELL;
        let line = j as u16 % lines;
        let until = x + lines * CELL;
        let c = &catalog.checks[check];
        let text = match (&c.label, words) {
            (Some(label), true) => label.clone(),
            _ => format!("{:^3}", c.short),
        };
        let style = if Some(check) == app.dashboard.check {
            theme.title().add_modifier(Modifier::REVERSED)
        } else {
            theme.accent()
        };
        let width = until
            .saturating_sub(x + 1)
            .max(CELL)
            .min(area.right().saturating_sub(x));
        if line < area.height {
            put(buf, x, area.y + line, &text, width, style);
        }
    }
    if first_col > 0 {
        put(buf, area.x + name - 2, area.y, "‹", 1, theme.dim());
    }
    if first_col + shown_cols.len() < app.review.columns.len() {
        put(buf, score_x, area.y, "›", 1, theme.dim());
    }
    if lines <= area.height {
        put(
            buf,
            area.x + 2,
            area.y + lines - 1,
            "tool",
            name - 3,
            theme.dim(),
        );
    }
    // "score" on the line the next label would take, which is free there.
    let score_line = (shown_cols.len() as u16) % lines;
    if score_line < area.height {
        put(
            buf,
            score_x,
            area.y + score_line,
            "score",
            SCORE,
            theme.dim(),
        );
    }
    score_x
}

/// Where a tool's row goes on screen, and whether it is selected.
struct Placed {
    x: u16,
    /// The width of the name column.
    name: u16,
    y: u16,
    score_x: u16,
    selected: bool,
}

/// One tool's row: its marks, name, a cell per shown check, and its score.
fn tool_row(
    app: &App,
    row: &hygiene_core::engine::Row,
    at: &Placed,
    shown_cols: &[CheckIx],
    buf: &mut Buffer,
    theme: Theme,
) {
    let (x0, y, selected) = (at.x, at.y, at.selected);
    let tool = &app.session.catalog.tools[row.tool];
    // Rows with something overdue or failing stand out, all alike.
    let bad = row.summary.bad() > 0;
    if selected {
        put(buf, x0, y, "›", 1, theme.title());
    }
    if bad {
        put(buf, x0 + 1, y, "!", 1, theme.bad_row());
    }
    let name_style = match (selected, bad) {
        (true, true) => theme.bad_row().add_modifier(Modifier::UNDERLINED),
        (true, false) => theme.title().add_modifier(Modifier::UNDERLINED),
        (false, true) => theme.bad_row(),
        (false, false) => Style::new(),
    };
    put(
        buf,
        x0 + 2,
        y,
        &hygiene_core::report::tool_label(tool),
        at.name - 3,
        name_style,
    );

    let items = &app.review.items[row.items.clone()];
    for (j, &check) in shown_cols.iter().enumerate() {
        let x = x0 + at.name + j as u16 * CELL;
        let (text, mut style) = match items.iter().find(|i| i.check == check) {
            Some(item) => (
                format!(" {} ", item.standing.symbol()),
                cell_style(&item.standing, theme),
            ),
            None => (format!(" {DOES_NOT_APPLY} "), theme.dim()),
        };
        if selected && Some(check) == app.dashboard.check {
            style = style.add_modifier(Modifier::REVERSED);
        }
        put(buf, x, y, &text, CELL, style);
    }
    put(
        buf,
        at.score_x,
        y,
        &match row.score {
            Some(s) => format!("{s:>4}%"),
            None => "   \u{2014} ".to_string(),
        },
        SCORE,
        super::bars::score_style(row.score, theme),
    );
}

/// Overdue cells stand out most: a red block, not only a red symbol.
fn cell_style(standing: &Standing, theme: Theme) -> Style {
    match standing {
        Standing::Overdue { .. } if theme.color => Style::new()
            .fg(Color::White)
            .bg(Color::Red)
            .add_modifier(Modifier::BOLD),
        other => theme.standing(other),
    }
}
