//! The dashboard matrix: a row per tracked tool, a column per check, a symbol
//! per cell. Only the rows and columns on screen are laid out, so a frame
//! costs the same at 20 tools and at 1,000.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::widgets::{Scrollbar, ScrollbarOrientation, ScrollbarState, StatefulWidget};

use super::put;
use crate::engine::Standing;
use crate::tui::app::App;
use crate::tui::layout::{CELL, LABEL_LINES, NAME, SCORE};
use crate::tui::theme::Theme;

pub fn render(app: &App, area: Rect, buf: &mut Buffer, theme: Theme) {
    if app.review.rows.is_empty() {
        let lines = [
            "No tools tracked yet.",
            "",
            "Press tab twice for the Tools view and choose the tools you use,",
            "or run `hygiene track whatsapp slack` in a shell.",
        ];
        for (i, line) in lines.iter().enumerate() {
            if (i as u16) < area.height {
                put(
                    buf,
                    area.x + 2,
                    area.y + i as u16,
                    line,
                    area.width.saturating_sub(2),
                    Style::new(),
                );
            }
        }
        return;
    }
    let visible = app.visible_rows();
    let columns = usize::from(area.width.saturating_sub(NAME + SCORE) / CELL);
    let first_col = app
        .dashboard
        .col_scroll
        .min(app.review.columns.len().saturating_sub(1));
    let shown_cols: Vec<(usize, usize)> = app
        .review
        .columns
        .iter()
        .copied()
        .enumerate()
        .skip(first_col)
        .take(columns)
        .collect();
    let selected_col = app.dashboard.check;

    // Column labels, on two staggered lines so that neighbours never touch.
    for (j, &(_, check)) in shown_cols.iter().enumerate() {
        let x = area.x + NAME + j as u16 * CELL;
        let y = area.y + (j % 2) as u16;
        let short = &app.session.catalog.checks[check].short;
        let style = if Some(check) == selected_col {
            theme.title().add_modifier(Modifier::REVERSED)
        } else {
            theme.accent()
        };
        if y < area.bottom() {
            put(buf, x, y, &format!("{short:^3}"), CELL, style);
        }
    }
    if first_col > 0 {
        put(buf, area.x + NAME - 2, area.y, "‹", 1, theme.dim());
    }
    if first_col + shown_cols.len() < app.review.columns.len() {
        put(
            buf,
            area.x + NAME + shown_cols.len() as u16 * CELL,
            area.y,
            "›",
            1,
            theme.dim(),
        );
    }
    put(buf, area.x + 2, area.y + 1, "tool", NAME - 3, theme.dim());
    let score_x = area.x + NAME + shown_cols.len() as u16 * CELL;
    // On the label line the last column label leaves free.
    let score_line = u16::from(shown_cols.len() % 2 == 1);
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

    let rows = usize::from(area.height.saturating_sub(LABEL_LINES));
    let selected_pos = app.row_position(&visible);
    for (line, &r) in visible
        .iter()
        .skip(app.dashboard.scroll)
        .take(rows)
        .enumerate()
    {
        let y = area.y + LABEL_LINES + line as u16;
        let row = &app.review.rows[r];
        let tool = &app.session.catalog.tools[row.tool];
        let selected = Some(app.dashboard.scroll + line) == selected_pos;
        // Rows with something overdue stand out; failing cells speak for themselves.
        let bad = row.summary.get(crate::engine::StandingKind::Overdue) > 0;
        if selected {
            put(buf, area.x, y, "›", 1, theme.title());
        }
        if bad {
            put(buf, area.x + 1, y, "!", 1, theme.bad_row());
        }
        let name_style = match (selected, bad) {
            (true, true) => theme.bad_row().add_modifier(Modifier::UNDERLINED),
            (true, false) => theme.title().add_modifier(Modifier::UNDERLINED),
            (false, true) => theme.bad_row(),
            (false, false) => Style::new(),
        };
        put(buf, area.x + 2, y, &tool.name, NAME - 3, name_style);

        let items = &app.review.items[row.items.clone()];
        for (j, &(_, check)) in shown_cols.iter().enumerate() {
            let x = area.x + NAME + j as u16 * CELL;
            let cell_selected = selected && Some(check) == selected_col;
            let (text, mut style) = match items.iter().find(|i| i.check == check) {
                Some(item) => (
                    format!(" {} ", item.standing.symbol()),
                    cell_style(&item.standing, theme),
                ),
                None => (" · ".to_string(), theme.dim()),
            };
            if cell_selected {
                style = style.add_modifier(Modifier::REVERSED);
            }
            put(buf, x, y, &text, CELL, style);
        }
        put(
            buf,
            score_x,
            y,
            &format!("{:>4}%", row.score),
            SCORE,
            super::bars::score_style(row.score, theme),
        );
    }

    if visible.len() > rows && rows > 0 {
        let mut state =
            ScrollbarState::new(visible.len().saturating_sub(rows)).position(app.dashboard.scroll);
        let bar_x = (score_x + SCORE + 1).min(area.right().saturating_sub(1));
        let bar = Rect::new(bar_x, area.y + LABEL_LINES, 1, rows as u16);
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
            area.y + LABEL_LINES,
            &text,
            area.width.saturating_sub(2),
            theme.dim(),
        );
    }
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
