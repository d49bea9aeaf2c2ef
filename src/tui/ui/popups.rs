//! Screens over the others: help, text fields, the first-run form, a
//! revealed private note, and the "too small" message.

use hygiene_core::text::width as columns;
use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Widget, Wrap};

use super::{centered, input_cursor, input_text, put};
use crate::tui::app::{App, Editing, Field, FormStep, Onboarding};
use crate::tui::help::HelpLine;
use crate::tui::keymap::{Command, HelpKey};
use crate::tui::layout::{MIN_HEIGHT, MIN_WIDTH};
use crate::tui::theme::Theme;
use hygiene_core::catalog::{CheckKind, ToolIx};
use hygiene_core::text::{visible, visible_lines};

pub(super) fn frame(title: &str, theme: Theme) -> Block<'_> {
    Block::new()
        .borders(Borders::ALL)
        .border_style(theme.accent())
        .title(Line::from(Span::styled(
            format!(" {} ", visible(title)),
            theme.title(),
        )))
}

pub(super) fn too_small(area: Rect, buf: &mut Buffer, theme: Theme) {
    let lines = vec![
        Line::from(Span::styled("Make the window larger", theme.warning())),
        Line::raw(""),
        Line::raw(format!(
            "hygiene needs {MIN_WIDTH}×{MIN_HEIGHT}; this one is {}×{}.",
            area.width, area.height
        )),
        Line::from(Span::styled("q quits", theme.dim())),
    ];
    let height = (lines.len() as u16).min(area.height);
    let top = area.y + area.height.saturating_sub(height) / 2;
    Paragraph::new(lines)
        .centered()
        .wrap(Wrap { trim: true })
        .render(
            Rect::new(
                area.x,
                top,
                area.width,
                height.max(area.height - (top - area.y)),
            ),
            buf,
        );
}

/// The help's text: every key, every symbol, every column, styled.
pub(super) fn help_text(app: &App, theme: Theme) -> Vec<Line<'static>> {
    let lines = crate::tui::help::lines(app);
    let key_width = lines
        .iter()
        .filter_map(|l| match l {
            HelpLine::Key { keys, .. } => Some(columns(keys)),
            _ => None,
        })
        .max()
        .unwrap_or(0);
    let catalog = &app.session.catalog;
    let row = |left: String, style: Style, right: String| {
        Line::from(vec![
            Span::styled(format!("{left:>key_width$}  "), style),
            Span::raw(right),
        ])
    };
    lines
        .into_iter()
        .map(|line| match line {
            HelpLine::Title(title) => Line::from(Span::styled(title, theme.title())),
            HelpLine::Heading(heading) => Line::from(Span::styled(heading, theme.dim())),
            HelpLine::Key { keys, desc } => row(keys, theme.key(), desc),
            HelpLine::Symbol(Some(kind)) => row(
                kind.symbol().to_string(),
                theme.kind(kind),
                kind.meaning().to_string(),
            ),
            HelpLine::Symbol(None) => row(
                DOES_NOT_APPLY.to_string(),
                theme.dim(),
                "the check does not apply to this tool".to_string(),
            ),
            HelpLine::Column(c) => {
                let check = &catalog.checks[c];
                row(
                    check.short.clone(),
                    theme.key(),
                    visible(&check.title).into_owned(),
                )
            }
            HelpLine::Blank => Line::raw(""),
        })
        .collect()
}

/// The matrix's mark for a check that does not apply to the tool.
pub(super) const DOES_NOT_APPLY: &str = "·";

/// The help's width on a screen `screen_width` wide.
fn help_width(screen_width: u16) -> u16 {
    screen_width.saturating_sub(4).min(72)
}

/// How far the help scrolls on the screen as it is: its lines as wrapped
/// to its width (a wrapped line counted a row over, for the words that do
/// not fill a row).
/// How far the help scrolls: its last line at the bottom of the box, and
/// no further (below it would be an empty box).
pub(crate) fn help_rows(app: &App) -> u16 {
    let inner = usize::from(help_width(app.size.0).saturating_sub(4)).max(1);
    let text = help_text(app, Theme { color: false });
    let shown =
        usize::from((text.len() as u16 + 4).min(app.size.1.saturating_sub(2))).saturating_sub(4);
    let rows: usize = text
        .iter()
        .map(|l| {
            let w = l.width();
            if w <= inner { 1 } else { w.div_ceil(inner) + 1 }
        })
        .sum::<usize>()
        .saturating_sub(shown);
    u16::try_from(rows).unwrap_or(u16::MAX)
}

pub(super) fn help(app: &App, scroll: u16, area: Rect, buf: &mut Buffer, theme: Theme) {
    let lines = help_text(app, theme);
    let width = help_width(area.width);
    let height = (lines.len() as u16 + 4).min(area.height.saturating_sub(2));
    let popup = centered(area, width, height);
    Clear.render(popup, buf);
    let keys = &app.keymap.help;
    let bottom = format!(
        " {}/{} scroll · any other key closes ",
        keys.first_key(HelpKey::Down),
        keys.first_key(HelpKey::Up)
    );
    let block = frame("Keys, symbols and columns", theme)
        .title_bottom(Line::from(Span::styled(bottom, theme.dim())));
    let inner = block.inner(popup).inner(ratatui::layout::Margin::new(1, 1));
    block.render(popup, buf);
    Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .scroll((scroll, 0))
        .render(inner, buf);
}

/// A text field in a box; returns where the cursor goes.
pub(super) fn editing(
    app: &App,
    editing: &Editing,
    area: Rect,
    buf: &mut Buffer,
    theme: Theme,
) -> Option<Position> {
    let catalog = &app.session.catalog;
    let tool = &catalog.tools[editing.tool];
    let popup = centered(area, area.width.saturating_sub(4).min(76), 10);
    Clear.render(popup, buf);
    // The field's question is the title; what it is for, the first line:
    // neither is cut where the other is long.
    let block = frame(editing.field.title(), theme);
    let inner = block.inner(popup).inner(ratatui::layout::Margin::new(1, 0));
    block.render(popup, buf);
    if inner.height < 6 {
        return None;
    }
    let about = match editing.check {
        None => tool.name.clone(),
        Some(check) => format!("{} · {}", tool.name, catalog.checks[check].title),
    };
    put(buf, inner.x, inner.y, &about, inner.width, theme.dim());
    let field_y = inner.y + 2;
    let field_width = inner.width.saturating_sub(2);
    put(buf, inner.x, field_y, "›", 1, theme.key());
    let text_x = inner.x + 2;
    put(
        buf,
        text_x,
        field_y,
        &input_text(&editing.input, field_width),
        field_width,
        Style::new().add_modifier(Modifier::UNDERLINED),
    );
    // What the field takes, wrapped rather than cut.
    Paragraph::new(visible(&field_help(app, editing)).into_owned())
        .style(theme.dim())
        .wrap(Wrap { trim: true })
        .render(Rect::new(inner.x, inner.y + 4, inner.width, 2), buf);
    let verdict = match (&editing.error, &editing.verdict) {
        (Some(error), _) => Some((format!("✗ {error}"), theme.error())),
        (None, Some((text, good))) => Some((
            text.clone(),
            if *good { theme.good() } else { theme.error() },
        )),
        (None, None) => None,
    };
    if let Some((text, style)) = verdict {
        put(buf, inner.x, inner.y + 6, &text, inner.width, style);
    }
    put(
        buf,
        inner.x,
        inner.bottom() - 1,
        &super::field_keys(app, "save", "cancel"),
        inner.width,
        theme.dim(),
    );
    Some(input_cursor(&editing.input, text_x, field_y, field_width))
}

/// What the field asks for, under the text being typed.
fn field_help(app: &App, editing: &Editing) -> String {
    let catalog = &app.session.catalog;
    match editing.field {
        Field::Value
            if editing
                .check
                .is_some_and(|c| catalog.checks[c].kind == CheckKind::Naming) =>
        {
            match &catalog.tools[editing.tool].naming {
                Some(template) => {
                    let expected = template.partly_filled(&app.session.settings.identity);
                    format!("Expected: “{expected}”   (convention {template})")
                }
                None => String::new(),
            }
        }
        Field::Date => "YYYY-MM-DD, today, yesterday, or days back such as -3d".to_string(),
        Field::Until => "YYYY-MM-DD, or days ahead such as +10d, +2w".to_string(),
        Field::Note => "One line; empty removes the note.".to_string(),
        Field::Reason => "Why you accept this risk, for the record.".to_string(),
        Field::Secret => {
            "Stored in the system keyring only, never in a file. It replaces the current note."
                .to_string()
        }
        Field::Value => String::new(),
    }
}

pub(super) fn revealed(
    app: &App,
    tool: ToolIx,
    text: &str,
    area: Rect,
    buf: &mut Buffer,
    theme: Theme,
) {
    let name = &app.session.catalog.tools[tool].name;
    let popup = centered(area, 70, 10);
    Clear.render(popup, buf);
    let title = format!("{name} · private note");
    let block = frame(&title, theme)
        .title_bottom(Line::from(Span::styled(" any key hides it ", theme.dim())));
    Paragraph::new(visible_lines(text).into_owned())
        .wrap(Wrap { trim: false })
        .block(block)
        .render(popup, buf);
}

/// The first-run form; returns where the cursor goes.
pub(super) fn onboarding(
    app: &App,
    form: &Onboarding,
    area: Rect,
    buf: &mut Buffer,
    theme: Theme,
) -> Option<Position> {
    let popup = centered(area, 76, area.height.min(30));
    let block = frame("Welcome to hygiene", theme);
    let inner = block.inner(popup);
    block.render(popup, buf);
    let width = inner.width.saturating_sub(2);
    let x = inner.x + 1;
    let mut y = inner.y;
    let intro = [
        "hygiene keeps the accounts of your work tools in good order. Three",
        "questions and a list, then the dashboard. Your answers stay on this",
        "machine, in the config file:",
    ];
    for line in intro {
        put(buf, x, y, line, width, Style::new());
        y += 1;
    }
    put(
        buf,
        x + 2,
        y,
        &app.session.paths.config.display().to_string(),
        width.saturating_sub(2),
        theme.dim(),
    );
    y += 2;
    let cursor = name_fields(form, x, &mut y, width, buf, theme);
    y += 2;
    tool_choices(app, form, x, y, inner, buf, theme);
    let hint = match form.step {
        FormStep::First => super::field_keys(app, "next", "quit without saving"),
        FormStep::Last | FormStep::Org => super::field_keys(app, "next", "back"),
        FormStep::Tools => format!(
            "{} choose · {}",
            app.keymap.dashboard.first_key(Command::Toggle),
            super::field_keys(app, "finish", "back")
        ),
    };
    put(
        buf,
        x,
        inner.bottom().saturating_sub(1),
        &hint,
        width,
        theme.dim(),
    );
    cursor
}

/// Changing the name and organisation; returns where the cursor goes.
pub(super) fn identity(
    app: &App,
    form: &Onboarding,
    area: Rect,
    buf: &mut Buffer,
    theme: Theme,
) -> Option<Position> {
    let popup = centered(area, area.width.saturating_sub(4).min(70), 10);
    Clear.render(popup, buf);
    let block = frame("Your name and organisation", theme);
    let inner = block.inner(popup);
    block.render(popup, buf);
    let width = inner.width.saturating_sub(2);
    let x = inner.x + 1;
    let mut y = inner.y;
    put(
        buf,
        x,
        y,
        "The expected display names are made from these.",
        width,
        theme.dim(),
    );
    y += 2;
    let cursor = name_fields(form, x, &mut y, width, buf, theme);
    let hint = match form.step {
        FormStep::First => super::field_keys(app, "next", "cancel"),
        FormStep::Last => super::field_keys(app, "next", "back"),
        FormStep::Org | FormStep::Tools => super::field_keys(app, "save", "back"),
    };
    put(
        buf,
        x,
        inner.bottom().saturating_sub(1),
        &hint,
        width,
        theme.dim(),
    );
    cursor
}

/// The three name fields of the first-run form; where the cursor goes.
fn name_fields(
    form: &Onboarding,
    x: u16,
    y: &mut u16,
    width: u16,
    buf: &mut Buffer,
    theme: Theme,
) -> Option<Position> {
    let labels = ["First name", "Last name", "Organisation"];
    let mut cursor = None;
    for (i, label) in labels.iter().enumerate() {
        let active = form.step.field() == Some(i);
        let style = if active { theme.key() } else { theme.dim() };
        put(
            buf,
            x,
            *y,
            &format!("{}{label:<13}", if active { "› " } else { "  " }),
            16,
            style,
        );
        let field_x = x + 16;
        let field_width = width.saturating_sub(16).min(40);
        put(
            buf,
            field_x,
            *y,
            &input_text(&form.fields[i], field_width),
            field_width,
            Style::new().add_modifier(if active {
                Modifier::UNDERLINED
            } else {
                Modifier::empty()
            }),
        );
        if active {
            cursor = Some(input_cursor(&form.fields[i], field_x, *y, field_width));
        }
        *y += 1;
    }
    put(
        buf,
        x + 16,
        *y,
        "as written in names, e.g. MOJ",
        width.saturating_sub(16),
        theme.dim(),
    );
    cursor
}

/// The list of tools to choose from, below the name fields.
fn tool_choices(
    app: &App,
    form: &Onboarding,
    x: u16,
    mut y: u16,
    inner: Rect,
    buf: &mut Buffer,
    theme: Theme,
) {
    let width = inner.width.saturating_sub(2);
    let active = form.step == FormStep::Tools;
    let style = if active { theme.key() } else { theme.dim() };
    put(
        buf,
        x,
        y,
        &format!("{}The tools you use", if active { "› " } else { "  " }),
        width,
        style,
    );
    y += 1;
    let rows = usize::from(inner.bottom().saturating_sub(y + 2));
    let catalog = &app.session.catalog;
    let scroll = crate::tui::layout::follow(0, form.cursor, rows, form.chosen.len());
    for (i, tool) in catalog.tools.iter().enumerate().skip(scroll).take(rows) {
        let mark = if form.chosen[i] { "[✓]" } else { "[ ]" };
        let style = if active && i == form.cursor {
            theme.selected()
        } else {
            Style::new()
        };
        let line_y = y + (i - scroll) as u16;
        let text = format!("  {mark} {}", hygiene_core::report::tool_label(tool));
        put(buf, x, line_y, &text, width, style);
    }
    // What the list holds beyond the screen, above and below.
    let below = catalog.tools.len().saturating_sub(scroll + rows);
    let more = match (scroll, below) {
        (0, 0) => None,
        (0, b) => Some(format!("      ↓ {b} more below")),
        (a, 0) => Some(format!("      ↑ {a} more above")),
        (a, b) => Some(format!("      ↑ {a} more above · ↓ {b} more below")),
    };
    if let Some(more) = more {
        put(buf, x, y + rows as u16, &more, width, theme.dim());
    }
}
