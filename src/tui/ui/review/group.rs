//! A group card: one check for every tool it applies to, or every due check
//! of one tool, a line each, answered a line at a time; under the lines, the
//! selected line's item in full.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Padding, Paragraph, Widget, Wrap};

use super::super::detail;
use super::super::popups::frame;
use crate::tui::app::{App, Guided, Pending};
use crate::tui::keymap::ReviewKey;
use crate::tui::theme::Theme;
use hygiene_core::catalog::CheckKind;
use hygiene_core::engine::Grouping;
use hygiene_core::report;
use hygiene_core::text::{cut, visible, width as columns};

pub(super) fn card(app: &App, guided: &Guided, area: Rect, buf: &mut Buffer, theme: Theme) {
    let keys = &app.keymap.review;
    let bottom = format!(
        " {}/{} line ",
        keys.first_key(ReviewKey::Down),
        keys.first_key(ReviewKey::Up)
    );
    let title = super::card_title(guided);
    let block = frame(&title, theme)
        .padding(Padding::horizontal(1))
        .title_bottom(Line::from(Span::styled(bottom, theme.dim())).right_aligned());
    let inner = block.inner(area);
    block.render(area, buf);
    let mut head = vec![
        Line::from(Span::styled(
            visible(&crate::tui::update::review::card_name(app, guided)).into_owned(),
            theme.title().add_modifier(Modifier::BOLD),
        )),
        Line::from(Span::styled(question(app, guided), theme.dim())),
    ];
    head.push(Line::raw(""));
    let lines = lines(app, guided, inner.width, theme);
    // The lines, then the selected one in full below them, with at least a
    // few rows for it.
    let list_rows = (head.len() + lines.len())
        .min(usize::from(inner.height.saturating_sub(5)).max(head.len() + 1));
    let [top, rest] =
        Layout::vertical([Constraint::Length(list_rows as u16), Constraint::Fill(1)]).areas(inner);
    // Keep the selected line in sight.
    let room = list_rows.saturating_sub(head.len()).max(1);
    let skip = guided.line.saturating_sub(room - 1);
    head.extend(lines.into_iter().skip(skip).take(room));
    Paragraph::new(head).render(top, buf);
    let Some(item) = guided.current().and_then(|(t, c)| app.item(t, c)) else {
        return;
    };
    let catalog = &app.session.catalog;
    let name = match guided.by {
        Grouping::Tool => &catalog.checks[item.check].title,
        _ => &catalog.tools[item.tool].name,
    };
    let mut detail = vec![
        Line::raw(""),
        Line::from(Span::styled(
            visible(&format!("{name}:")).into_owned(),
            theme.title(),
        )),
    ];
    detail.extend(detail::item_lines(app, item, true, theme));
    Paragraph::new(detail)
        .wrap(Wrap { trim: true })
        .render(rest, buf);
}

/// The card's question and its keys.
fn question(app: &App, guided: &Guided) -> String {
    let keys = &app.keymap.review;
    let k = |key| keys.first_key(key);
    let ask = match guided.by {
        Grouping::Check => "In order on which tools?",
        _ => "Which of these are in order?",
    };
    format!(
        "{ask}  {} yes · {} no · {} n/a · {} the rest yes",
        k(ReviewKey::Done),
        k(ReviewKey::NotDone),
        k(ReviewKey::NotApplicable),
        k(ReviewKey::All),
    )
}

/// A line per item: selected or not, the answer given (waiting or saved),
/// the tool (or check), and what it is now; a naming line the name recorded
/// or expected.
fn lines(app: &App, guided: &Guided, width: u16, theme: Theme) -> Vec<Line<'static>> {
    let catalog = &app.session.catalog;
    let label = |i: usize| {
        let (tool, check) = guided.queue[i];
        match guided.by {
            Grouping::Tool => catalog.checks[check].title.clone(),
            _ => catalog.tools[tool].name.clone(),
        }
    };
    let card = guided.card();
    let name_width = card
        .iter()
        .map(|&i| columns(&visible(&label(i))))
        .max()
        .unwrap_or(0)
        .min((usize::from(width) * 45 / 100).max(24));
    card.iter()
        .enumerate()
        .map(|(l, &i)| {
            let (tool, check) = guided.queue[i];
            let selected = l == guided.line;
            let (answer, style) = match (guided.pending[i], guided.answered[i]) {
                (Some(Pending::Done), _) => ("yes", theme.good()),
                (Some(Pending::NotDone), _) => ("no", theme.error()),
                (Some(Pending::NotApplicable), _) => ("n/a", theme.dim()),
                (None, true) => ("saved", theme.good()),
                (None, false) => ("·", theme.dim()),
            };
            let mut spans = vec![
                Span::styled(if selected { "› " } else { "  " }, theme.key()),
                Span::styled(format!("{answer:<6}"), style),
            ];
            let name = visible(&label(i)).into_owned();
            let name = cut(&name, name_width).into_owned();
            let pad = name_width.saturating_sub(columns(&name));
            let name_style = if selected {
                theme.selected()
            } else {
                ratatui::style::Style::new()
            };
            spans.push(Span::styled(name, name_style));
            spans.push(Span::raw(" ".repeat(pad + 1)));
            let mut now = String::new();
            if let Some(item) = app.item(tool, check) {
                spans.push(Span::styled(
                    format!("{} ", item.standing.symbol()),
                    theme.standing(&item.standing),
                ));
                now.push_str(item.standing.label());
                let when = report::when(item, app.today);
                if !when.is_empty() {
                    now.push_str(", ");
                    now.push_str(&when);
                }
            }
            if catalog.checks[check].kind == CheckKind::Naming {
                now.push_str(&name_words(app, tool, check));
            }
            let used: usize = spans.iter().map(|s| columns(&s.content)).sum();
            let room = usize::from(width).saturating_sub(used);
            spans.push(Span::raw(cut(&visible(&now), room).into_owned()));
            Line::from(spans)
        })
        .collect()
}

/// A naming line's name: the one recorded, or the one expected.
fn name_words(
    app: &App,
    tool: hygiene_core::catalog::ToolIx,
    check: hygiene_core::catalog::CheckIx,
) -> String {
    if let Some(value) = app.entry(tool, check).and_then(|e| e.value.as_deref()) {
        return format!(" · name “{value}”");
    }
    app.expected_name(tool)
        .filter(|n| !n.is_empty())
        .map_or_else(String::new, |n| format!(" · expects “{n}”"))
}
