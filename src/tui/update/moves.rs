//! Moving: the selection, scrolling that keeps it in sight, jumps from the
//! actions view, and mouse clicks.

use super::layout::{self, CELL};
use super::{App, View};

/// Rows a page moves in the current view.
pub(super) fn page(app: &App) -> isize {
    let screen = layout::screen(area(app), app);
    screen.list_rows(app.view).max(1) as isize
}

pub(super) fn area(app: &App) -> ratatui::layout::Rect {
    ratatui::layout::Rect::new(0, 0, app.size.0, app.size.1)
}

pub(super) fn move_by(app: &mut App, delta: isize) {
    let step = |current: usize, len: usize| -> usize {
        if len == 0 {
            0
        } else {
            (current as isize)
                .saturating_add(delta)
                .clamp(0, len as isize - 1) as usize
        }
    };
    match app.view {
        View::Dashboard => {
            let visible = app.visible_rows();
            if visible.is_empty() {
                return;
            }
            let at = app.row_position(&visible).unwrap_or(0);
            let to = step(at, visible.len());
            app.dashboard.tool = Some(app.review.rows[visible[to]].tool);
        }
        View::Actions => {
            app.actions_view.selected = step(app.actions_view.selected, app.actions.len());
        }
        View::Tools => {
            app.tools_view.selected =
                step(app.tools_view.selected, app.session.catalog.tools.len());
        }
    }
    keep_in_view(app);
}

/// Left or right, over the cells that do not apply to the selected tool.
pub(super) fn move_column(app: &mut App, delta: isize) {
    if app.view != View::Dashboard || app.review.columns.is_empty() {
        return;
    }
    let columns = app.review.columns.len() as isize;
    let at = app.column_position().unwrap_or(0) as isize;
    let applies = |c: isize| {
        let check = app.review.columns[c as usize];
        app.dashboard
            .tool
            .is_none_or(|t| app.item(t, check).is_some())
    };
    let mut to = at + delta;
    while (0..columns).contains(&to) && !applies(to) {
        to += delta.signum();
    }
    if (0..columns).contains(&to) {
        app.dashboard.check = Some(app.review.columns[to as usize]);
    }
    keep_in_view(app);
}

/// The next (or previous) cell on the dashboard whose item needs action,
/// row by row across the tools shown, wrapping at the end.
pub(super) fn next_problem(app: &mut App, forward: bool) {
    if app.view != View::Dashboard {
        app.view = View::Dashboard;
    }
    let visible = app.visible_rows();
    let columns = &app.review.columns;
    let cells: Vec<(usize, usize)> = visible
        .iter()
        .flat_map(|&r| (0..columns.len()).map(move |c| (r, c)))
        .collect();
    if cells.is_empty() {
        return;
    }
    let row_at = app.row_position(&visible).unwrap_or(0);
    let here = row_at * columns.len() + app.column_position().unwrap_or(0);
    let needs = |&(r, c): &(usize, usize)| {
        let tool = app.review.rows[r].tool;
        app.item(tool, columns[c])
            .is_some_and(|i| i.standing.needs_action())
    };
    let n = cells.len();
    let found = (1..=n)
        .map(|k| {
            if forward {
                (here + k) % n
            } else {
                (here + n - k % n) % n
            }
        })
        .find(|&i| needs(&cells[i]));
    match found {
        Some(i) => {
            let (r, c) = cells[i];
            app.dashboard.tool = Some(app.review.rows[r].tool);
            app.dashboard.check = Some(columns[c]);
            keep_in_view(app);
        }
        None => app.info("Nothing shown needs action"),
    }
}

/// After the filter changed: keep the selection if it is still shown, or take the first row shown.
pub(super) fn select_visible(app: &mut App) {
    let visible = app.visible_rows();
    if app.row_position(&visible).is_none() {
        app.dashboard.tool = visible.first().map(|&r| app.review.rows[r].tool);
    }
    keep_in_view(app);
}

/// Scroll so the selection is on screen.
pub(crate) fn keep_in_view(app: &mut App) {
    let screen = layout::screen(area(app), app);
    let rows = screen.list_rows(app.view);
    match app.view {
        View::Dashboard => {
            let visible = app.visible_rows();
            let at = app.row_position(&visible).unwrap_or(0);
            app.dashboard.scroll = layout::follow(app.dashboard.scroll, at, rows, visible.len());
            let columns = screen.matrix_columns(app);
            let col = app.column_position().unwrap_or(0);
            app.dashboard.col_scroll = layout::follow(
                app.dashboard.col_scroll,
                col,
                columns,
                app.review.columns.len(),
            );
        }
        View::Actions => {
            app.actions_view.scroll = layout::follow(
                app.actions_view.scroll,
                app.actions_view.selected,
                rows,
                app.actions.len(),
            );
        }
        View::Tools => {
            app.tools_view.scroll = layout::follow(
                app.tools_view.scroll,
                app.tools_view.selected,
                rows,
                app.session.catalog.tools.len(),
            );
        }
    }
}

pub(super) fn jump_to_action(app: &mut App) {
    let Some(&i) = app.actions.get(app.actions_view.selected) else {
        return;
    };
    let item = &app.review.items[i];
    let (tool, check) = (item.tool, item.check);
    app.view = View::Dashboard;
    app.dashboard.tool = Some(tool);
    app.dashboard.check = Some(check);
    if app.row_position(&app.visible_rows()).is_none() {
        app.dashboard.filter.clear();
        app.dashboard.only_problems = false;
    }
    keep_in_view(app);
}

pub(super) fn click(app: &mut App, column: u16, row: u16) {
    let screen = layout::screen(area(app), app);
    if row == screen.tabs.y {
        if let Some(view) = layout::tab_at(app, screen.tabs, column) {
            app.view = view;
            keep_in_view(app);
        }
        return;
    }
    let list = screen.list;
    if column < list.x || column >= list.right() || row < list.y || row >= list.bottom() {
        return;
    }
    match app.view {
        View::Dashboard => {
            let labels = screen.label_lines;
            if row < list.y + labels {
                return;
            }
            let visible = app.visible_rows();
            let at = app.dashboard.scroll + usize::from(row - list.y - labels);
            let Some(&r) = visible.get(at) else { return };
            app.dashboard.tool = Some(app.review.rows[r].tool);
            let name = layout::name_width(app, list.width);
            if column >= list.x + name {
                let col = app.dashboard.col_scroll + usize::from((column - list.x - name) / CELL);
                if let Some(&c) = app.review.columns.get(col) {
                    app.dashboard.check = Some(c);
                }
            }
        }
        View::Actions => {
            let at = app.actions_view.scroll + usize::from(row - list.y);
            if at < app.actions.len() {
                app.actions_view.selected = at;
            }
        }
        View::Tools => {
            let at = app.tools_view.scroll + usize::from(row - list.y);
            if at < app.session.catalog.tools.len() {
                app.tools_view.selected = at;
            }
        }
    }
    keep_in_view(app);
}
