//! Where everything goes on screen: one pure function of the terminal's size
//! and the model, used by the view to draw and by `update` to keep the
//! selection in sight and to hit-test mouse clicks.

use ratatui::layout::{Constraint, Layout, Rect};

use super::app::{App, View};

/// Below this the dashboard shows "make the window larger".
pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 16;

/// Width of one matrix cell, and of each check's short label.
pub const CELL: u16 = 3;
/// The tool-name column: a marker, the name, a space; wider (up to
/// `MAX_NAME`) where the screen has room for the longest name.
pub const NAME: u16 = 17;
pub const MAX_NAME: u16 = 40;
/// The score column at the row's end: " 100%".
pub const SCORE: u16 = 5;
/// Lines of column labels above the matrix (staggered, so labels never
/// touch): two of short codes, or on a tall screen five of words.
pub const LABEL_LINES: u16 = 2;
pub const WORD_LABEL_LINES: u16 = 5;
/// The screen height from which the columns are labelled in words.
pub const WORD_LABELS_FROM: u16 = 36;

/// The label lines for a screen `height` tall.
pub fn label_lines(height: u16) -> u16 {
    if height >= WORD_LABELS_FROM {
        WORD_LABEL_LINES
    } else {
        LABEL_LINES
    }
}
/// The narrowest detail pane worth putting beside the list.
const SIDE_DETAIL: u16 = 44;
/// The detail pane's width from which it goes beside the matrix even when
/// both would fit one above the other.
const WIDE_DETAIL: u16 = 64;
/// The fewest lines the detail pane gets under the list.
const DETAIL_LINES: u16 = 9;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Screen {
    pub too_small: bool,
    /// Lines of column labels above the matrix.
    pub label_lines: u16,
    pub header: Rect,
    pub tabs: Rect,
    /// The main list: the matrix, the actions or the tools.
    pub list: Rect,
    pub detail: Rect,
    pub status: Rect,
    pub hints: Rect,
}

impl Screen {
    /// Rows of the list that hold items (the matrix's labels excluded).
    pub(crate) fn list_rows(&self, view: View) -> usize {
        let labels = if view == View::Dashboard {
            self.label_lines
        } else {
            0
        };
        usize::from(self.list.height.saturating_sub(labels))
    }

    /// Matrix columns that fit.
    pub(crate) fn matrix_columns(&self, app: &App) -> usize {
        let name = name_width(app, self.list.width);
        usize::from(self.list.width.saturating_sub(name + SCORE) / CELL)
    }
}

pub fn screen(area: Rect, app: &App) -> Screen {
    let too_small = area.width < MIN_WIDTH || area.height < MIN_HEIGHT;
    let [header, tabs, body, status, hints] = area.layout(&Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Fill(1),
        Constraint::Length(1),
        Constraint::Length(1),
    ]));
    let wanted_width = match app.view {
        // The matrix and, beside the score, a column for the scroll bar.
        View::Dashboard => {
            name_width(app, body.width)
                + SCORE
                + 2
                + CELL * app.review.columns.len().min(200) as u16
        }
        // Wide enough for whole actions; beside the detail only on wide screens.
        View::Actions => 100,
        View::Tools => 40,
    };
    let wanted_height = match app.view {
        // With no tool, the lines that say how to add one.
        View::Dashboard if app.review.rows.is_empty() => 5,
        View::Dashboard => label_lines(area.height) + app.review.rows.len().min(10_000) as u16,
        View::Actions => app.actions.len().min(10_000) as u16,
        View::Tools => app.session.catalog.tools.len().min(10_000) as u16,
    }
    .max(1);
    // The detail goes under the list when the list fits above it, else beside
    // it when there is room, else under the part of the list that fits.
    let fits_above = wanted_height + 1 + DETAIL_LINES <= body.height;
    // A wide screen puts the detail beside the matrix, where both have room.
    let wide = app.view == View::Dashboard && body.width >= wanted_width + 1 + WIDE_DETAIL;
    let (list, detail) = if app.view == View::Dashboard && app.review.rows.is_empty() {
        // No tool yet: the whole body says how to add one.
        (body, Rect::new(body.x, body.bottom(), body.width, 0))
    } else if (wide || !fits_above) && body.width >= wanted_width + 1 + SIDE_DETAIL {
        let [list, _, detail] = body.layout(&Layout::horizontal([
            Constraint::Length(wanted_width),
            Constraint::Length(1),
            Constraint::Fill(1),
        ]));
        (list, detail)
    } else {
        let list_height = wanted_height
            .min(body.height.saturating_sub(DETAIL_LINES + 1))
            .max(body.height.min(3));
        let [list, _, detail] = body.layout(&Layout::vertical([
            Constraint::Length(list_height),
            Constraint::Length(1),
            Constraint::Fill(1),
        ]));
        (list, detail)
    };
    Screen {
        too_small,
        label_lines: label_lines(area.height),
        header,
        tabs,
        list,
        detail,
        status,
        hints,
    }
}

/// The tool-name column's width for a list `width` wide: wide enough for the
/// longest tracked name (up to `MAX_NAME`) where that leaves room for every
/// column, else `NAME`, and names are cut.
pub(crate) fn name_width(app: &App, width: u16) -> u16 {
    let longest = app.longest_name;
    let wanted = (u16::try_from(longest).unwrap_or(MAX_NAME) + 3).clamp(NAME, MAX_NAME);
    let cells = CELL.saturating_mul(u16::try_from(app.review.columns.len()).unwrap_or(u16::MAX));
    if width >= wanted.saturating_add(SCORE + 2).saturating_add(cells) {
        wanted
    } else {
        NAME
    }
}

/// Move `scroll` so that `selected` is within a window of `rows` over a list
/// of `len`, and never leave rows empty below the last while rows above are
/// hidden (after the window grew, say).
pub(crate) fn follow(scroll: usize, selected: usize, rows: usize, len: usize) -> usize {
    if rows == 0 {
        return selected;
    }
    let scroll = if selected < scroll {
        selected
    } else if selected >= scroll + rows {
        selected + 1 - rows
    } else {
        scroll
    };
    scroll.min(len.saturating_sub(rows))
}

/// The tab labels, as drawn: " Dashboard ", " Actions 5 ", " Tools ".
/// The Actions tab counts what the header counts; checks never answered,
/// which the view lists too, are named apart (" Actions 0 · 97 unreviewed ",
/// or " Actions 0 +97 " on a screen narrower than 100 columns).
pub(crate) fn tab_labels(app: &App, width: u16) -> Vec<(View, String)> {
    let summary = &app.review.summary;
    let unreviewed = summary.get(hygiene_core::engine::StandingKind::Unreviewed);
    <View as strum::IntoEnumIterator>::iter()
        .map(|v| {
            let label = match v {
                View::Actions if unreviewed > 0 && width >= 100 => {
                    format!(
                        " {} {} · {unreviewed} unreviewed ",
                        v.title(),
                        summary.to_do()
                    )
                }
                View::Actions if unreviewed > 0 => {
                    format!(" {} {} +{unreviewed} ", v.title(), summary.to_do())
                }
                View::Actions => format!(" {} {} ", v.title(), summary.to_do()),
                _ => format!(" {} ", v.title()),
            };
            (v, label)
        })
        .collect()
}

/// Which tab a click at `column` on the tab line hits.
pub(crate) fn tab_at(app: &App, area: Rect, column: u16) -> Option<View> {
    let mut x = area.x + 1;
    for (view, label) in tab_labels(app, area.width) {
        let width = hygiene_core::text::width(label.as_str()) as u16;
        if (x..x + width).contains(&column) {
            return Some(view);
        }
        x += width + 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn follow_keeps_the_selection_in_the_window() {
        assert_eq!(follow(0, 3, 10, 20), 0);
        assert_eq!(follow(0, 12, 10, 20), 3);
        assert_eq!(follow(5, 2, 10, 20), 2);
        assert_eq!(follow(5, 14, 10, 20), 5);
        assert_eq!(follow(5, 15, 10, 20), 6);
        // The window grew: no empty rows while rows above are hidden.
        assert_eq!(follow(8, 19, 12, 20), 8);
        assert_eq!(follow(8, 19, 30, 20), 0);
        assert_eq!(follow(3, 5, 4, 6), 2);
    }
}
