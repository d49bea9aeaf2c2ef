//! The detail pane: everything about the selected check, or the selected tool.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Widget, Wrap};

use crate::tui::app::App;
use crate::tui::keymap::Command;
use crate::tui::theme::Theme;
use hygiene_core::catalog::{CheckIx, CheckKind, ToolIx};
use hygiene_core::engine::Item;
use hygiene_core::engine::{self, Failure, Standing};
use hygiene_core::naming::NameCheck;
use hygiene_core::report;
use hygiene_core::state::Entry;
use hygiene_core::state::Status;
use hygiene_core::text::visible;

fn pane<'a>(title: String, theme: Theme) -> Block<'a> {
    Block::new()
        .borders(Borders::TOP)
        .border_style(theme.border())
        .title(Line::from(Span::styled(
            format!(" {} ", visible(&title)),
            theme.title(),
        )))
}

pub(super) fn labelled(label: &str, value: String, theme: Theme) -> Line<'_> {
    Line::from(vec![
        Span::styled(label, theme.dim()),
        Span::raw(visible(&value).into_owned()),
    ])
}

pub(super) fn item(
    app: &App,
    target: Option<(ToolIx, CheckIx)>,
    area: Rect,
    buf: &mut Buffer,
    theme: Theme,
) {
    if area.height == 0 {
        return;
    }
    let catalog = &app.session.catalog;
    let Some((tool, check)) = target else {
        pane("Details".into(), theme).render(area, buf);
        return;
    };
    let t = &catalog.tools[tool];
    let c = &catalog.checks[check];
    let block = pane(format!("{} · {}", t.name, c.title), theme);
    let Some(item) = app.item(tool, check) else {
        Paragraph::new(visible(&format!("{} has no check “{}”.", t.name, c.title)).into_owned())
            .block(block)
            .style(theme.dim())
            .render(area, buf);
        return;
    };
    Paragraph::new(item_lines(app, item, false, theme))
        .block(block)
        .wrap(Wrap { trim: true })
        .render(area, buf);
}

/// Everything about an item: its standing, what to do, its name (a naming
/// check), what was recorded, and why and how (`how_first`: how before why,
/// as a review card puts it).
pub(super) fn item_lines(
    app: &App,
    item: &Item,
    how_first: bool,
    theme: Theme,
) -> Vec<Line<'static>> {
    let (tool, check) = (item.tool, item.check);
    let entry = app.entry(tool, check);
    let mut lines = standing_lines(app, item, entry, theme);
    if app.session.catalog.checks[check].kind == CheckKind::Naming {
        lines.extend(naming_lines(app, tool, entry, theme));
    }
    lines.extend(record_lines(app, item, entry, theme));
    let why = ("Why ", app.session.catalog.checks[check].why.clone());
    let how = ("How ", app.session.catalog.how(tool, check));
    let [first, second] = if how_first { [how, why] } else { [why, how] };
    let sources = (
        "Sources ",
        report::check_sources_words(&app.session.catalog, tool, check),
    );
    lines.extend(labelled_paragraphs([first, second, sources], theme));
    lines
}

/// The standing, what to do, and when it was last done and is next due.
fn standing_lines(
    app: &App,
    item: &Item,
    entry: Option<&Entry>,
    theme: Theme,
) -> Vec<Line<'static>> {
    let catalog = &app.session.catalog;
    let (tool, check) = (item.tool, item.check);
    let mut lines: Vec<Line<'static>> = Vec::new();
    let when = report::when(item, app.today);
    lines.push(Line::from(vec![
        Span::styled(
            format!("{} {}", item.standing.symbol(), item.standing.label()),
            theme
                .standing(&item.standing)
                .add_modifier(ratatui::style::Modifier::BOLD),
        ),
        Span::raw(if when.is_empty() {
            String::new()
        } else {
            format!(" · {when}")
        }),
    ]));
    let action =
        hygiene_core::report::action(catalog, &app.session.settings, &app.session.state, item);
    if let Some(words) = report::shared_words(
        catalog,
        &app.session.settings.tracked,
        item.tool,
        item.check,
    ) {
        lines.push(Line::from(Span::styled(words, theme.dim())));
    }
    lines.push(Line::from(vec![
        Span::styled("Do: ", theme.dim()),
        Span::styled(visible(&action).into_owned(), theme.title()),
    ]));
    let last_done = entry.and_then(|e| e.verified);
    let last = last_done.map_or_else(|| "never".to_string(), |d| d.to_string());
    // The next review's day, in words right for a day past or to come.
    let when = |what: &str, day: jiff::civil::Date| {
        if day < app.today {
            format!("{what} was due {day}")
        } else {
            format!("{what} due {day}")
        }
    };
    let due = match &item.standing {
        Standing::Ok { due: None } => format!("not due again by {}", hygiene_core::dates::MAX),
        // Never done: the day is its first review's.
        Standing::Unreviewed { due } | Standing::Overdue { due } if last_done.is_none() => {
            when("first review", *due)
        }
        Standing::Ok { due: Some(due) }
        | Standing::DueSoon { due }
        | Standing::Overdue { due }
        | Standing::Unreviewed { due } => when("next review", *due),
        Standing::Failing(_)
        | Standing::Unsupported
        | Standing::NotApplicable
        | Standing::Snoozed { .. }
        | Standing::Accepted => "next review —".to_string(),
    };
    lines.push(labelled(
        "Last done ",
        format!(
            "{last} · {due} · {} · {}",
            report::cadence_brief(catalog, tool, check),
            report::weight_words(catalog, check)
        ),
        theme,
    ));
    lines
}

/// A naming check's value, its verdict, and the name expected.
fn naming_lines(
    app: &App,
    tool: ToolIx,
    entry: Option<&Entry>,
    theme: Theme,
) -> Vec<Line<'static>> {
    let catalog = &app.session.catalog;
    let t = &catalog.tools[tool];
    let mut lines: Vec<Line<'static>> = Vec::new();
    if let Some(template) = &t.naming {
        let identity = &app.session.settings.identity;
        let expected = template.partly_filled(identity);
        match entry.and_then(|e| e.value.as_deref()) {
            Some(value) => {
                let verdict = template.check(value, identity);
                let (mark, style) = if verdict.is_ok() {
                    ("✓ follows the convention", theme.good())
                } else {
                    ("✗ breaks the convention", theme.error())
                };
                // A look-alike character is shown for what it is.
                let shown = match &verdict {
                    NameCheck::Differs {
                        look_alike: Some(marked),
                        ..
                    } => marked.clone(),
                    _ => value.to_string(),
                };
                lines.push(Line::from(vec![
                    Span::styled("Value ", theme.dim()),
                    Span::raw(format!("“{}” ", visible(&shown))),
                    Span::styled(mark, style),
                ]));
            }
            None => lines.push(labelled("Value ", "not recorded".into(), theme)),
        }
        lines.push(labelled("Expected ", format!("“{expected}”"), theme));
    }
    lines
}

/// What was recorded: archives, an accepted risk, the note, a private
/// note in the keyring, an odd date, and the name to change to.
fn record_lines(app: &App, item: &Item, entry: Option<&Entry>, theme: Theme) -> Vec<Line<'static>> {
    let catalog = &app.session.catalog;
    let t = &catalog.tools[item.tool];
    let c = &catalog.checks[item.check];
    let mut lines: Vec<Line<'static>> = Vec::new();
    if c.kind == CheckKind::Dated
        && let Some(e) = entry
        && !e.history.is_empty()
    {
        lines.push(labelled(
            "Archives ",
            report::recent_archives(&e.history),
            theme,
        ));
    }
    if let Some(Status::Accepted { reason }) = entry.map(|e| &e.status) {
        lines.push(labelled("Accepted ", reason.clone(), theme));
    }
    if let Some(note) = entry.and_then(|e| e.note.as_deref()) {
        lines.push(labelled("Note ", note.to_string(), theme));
    }
    if app.session.state.private_notes.contains(&t.id) {
        let key = app.keymap.dashboard.first_key(Command::RevealSecret);
        lines.push(Line::from(vec![
            Span::styled("⚿ private note", theme.accent()),
            Span::styled(format!(" in the keyring ({key} shows it)"), theme.dim()),
        ]));
    }
    if let Some(engine::Oddity::FutureDate(date)) = &item.oddity {
        lines.push(Line::from(Span::styled(
            format!(
                "⚠ recorded on {date}, after today: was the clock wrong? Counted as done today."
            ),
            theme.warning(),
        )));
    }
    if let Standing::Failing(Failure::NameDiffers {
        expected,
        look_alike,
    }) = &item.standing
    {
        let key = app.keymap.dashboard.first_key(Command::EditValue);
        let why = look_alike
            .as_deref()
            .map(|marked| {
                let words = hygiene_core::naming::look_alike_words(&visible(marked));
                format!(" ({words})")
            })
            .unwrap_or_default();
        lines.push(Line::from(Span::styled(
            format!(
                "Rename it to “{}”, then {key} to record the new name{why}.",
                visible(expected)
            ),
            theme.error(),
        )));
    }
    lines
}

/// Labelled paragraphs, each after a blank line.
pub(super) fn labelled_paragraphs<const N: usize>(
    parts: [(&'static str, String); N],
    theme: Theme,
) -> Vec<Line<'static>> {
    let mut lines: Vec<Line<'static>> = Vec::new();
    for (label, text) in parts {
        for (i, paragraph) in paragraphs(&text).into_iter().enumerate() {
            lines.push(Line::raw(""));
            let label = if i == 0 { label } else { "    " };
            lines.push(Line::from(vec![
                Span::styled(label, theme.dim()),
                Span::raw(visible(&paragraph).into_owned()),
            ]));
        }
    }
    lines
}

/// The catalog's text as paragraphs, each with its hard line breaks joined.
fn paragraphs(text: &str) -> Vec<String> {
    text.trim()
        .split("\n\n")
        .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|p| !p.is_empty())
        .collect()
}

/// A tool's facts, each with where it comes from, as `hygiene show` gives
/// them: kind, audience, approval, access, classification, MFA, naming
/// and the tool's sources.
fn fact_lines(app: &App, tool: ToolIx, theme: Theme) -> Vec<Line<'static>> {
    let catalog = &app.session.catalog;
    let t = &catalog.tools[tool];
    let identity = &app.session.settings.identity;
    let mut lines: Vec<Line<'static>> = report::tool_facts(catalog, tool, identity, app.today)
        .into_iter()
        .map(|(label, words)| {
            Line::from(vec![
                Span::styled(format!("{label} "), theme.dim()),
                Span::raw(visible(&words).into_owned()),
            ])
        })
        .collect();
    if !t.sources.is_empty() {
        lines.push(labelled(
            "Sources ",
            report::sources_words(catalog, &t.sources),
            theme,
        ));
    }
    lines
}

pub(super) fn tool(app: &App, tool: ToolIx, area: Rect, buf: &mut Buffer, theme: Theme) {
    if area.height == 0 {
        return;
    }
    let catalog = &app.session.catalog;
    let Some(t) = catalog.tools.get(tool.0) else {
        return;
    };
    let block = pane(format!("{} ({})", t.name, t.id), theme);
    let mut lines: Vec<Line> = Vec::new();
    let tracked = app.is_tracked(tool);
    let key = app.keymap.dashboard.first_key(Command::Select);
    lines.push(if tracked {
        Line::from(vec![
            Span::styled("✓ tracked", theme.good()),
            Span::styled(
                format!(" · {key} stops tracking it (its history is kept)"),
                theme.dim(),
            ),
        ])
    } else {
        Line::from(Span::styled(
            format!("not tracked · {key} tracks it"),
            theme.dim(),
        ))
    });
    if t.discontinued {
        lines.push(Line::from(Span::styled("discontinued", theme.warning())));
    }
    lines.extend(fact_lines(app, tool, theme));
    lines.push(Line::raw(""));
    lines.push(Line::from(Span::styled("Checks", theme.dim())));
    for &c in &t.checks {
        let check = &catalog.checks[c];
        let style = if catalog.lacks(tool, c) {
            theme.standing(&Standing::Unsupported)
        } else {
            Style::new()
        };
        let suffix = if catalog.lacks(tool, c) {
            " (the tool cannot do this)"
        } else {
            ""
        };
        lines.push(Line::from(vec![
            Span::styled(format!("{:<4}", check.short), theme.accent()),
            Span::styled(format!("{}{suffix}", visible(&check.title)), style),
        ]));
    }
    Paragraph::new(lines)
        .block(block)
        .wrap(Wrap { trim: true })
        .render(area, buf);
}
