//! The guided review's screens: a card per item that needs nothing else on
//! screen, the choice of a snooze's period, its keys, and the summary.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Padding, Paragraph, Widget, Wrap};

use super::popups::frame;
use super::{bars, centered, detail, put};
use crate::tui::app::{App, Guided, SnoozeChoice, Step};
use crate::tui::keymap::{ReviewKey, SnoozeKey};
use crate::tui::theme::Theme;
use hygiene_core::cadence::Every;
use hygiene_core::dates;
use hygiene_core::engine::StandingKind;
use hygiene_core::report;
use hygiene_core::text::visible;
use hygiene_core::text::width as columns;
use std::fmt::Write as _;
use strum::IntoEnumIterator;

/// Draw the review over `area` (everything under the header).
pub(super) fn render(
    app: &App,
    guided: &Guided,
    area: Rect,
    hints: Rect,
    buf: &mut Buffer,
    theme: Theme,
) {
    Clear.render(area, buf);
    if let Step::Summary { took } = guided.step {
        summary(app, guided, took, area, buf, theme);
        put(
            buf,
            hints.x + 1,
            hints.y,
            "any key: back to the dashboard",
            hints.width.saturating_sub(1),
            theme.dim(),
        );
        return;
    }
    card(app, guided, area, buf, theme);
    key_line(app, guided, hints, buf, theme);
    match guided.step {
        Step::Snooze(choice) => snooze(app, choice, area, buf, theme),
        Step::Help => help(app, area, buf, theme),
        _ => {}
    }
}

/// The card's frame title: where the review is, and what is answered.
fn card_title(guided: &Guided) -> String {
    let mut title = format!("Review · {} of {}", guided.position + 1, guided.cards.len());
    if guided.is_group() {
        let _ = write!(title, " by {}", guided.by);
    }
    let answered = guided.answered_count();
    if answered > 0 {
        let _ = write!(title, " · {answered} answered");
    }
    if !guided.is_group() && guided.selected().is_some_and(|i| guided.answered[i]) {
        title.push_str(" · this one answered");
    }
    title
}

fn card(app: &App, guided: &Guided, area: Rect, buf: &mut Buffer, theme: Theme) {
    if guided.is_group() {
        group::card(app, guided, area, buf, theme);
        return;
    }
    let Some((tool, check)) = guided.current() else {
        return;
    };
    let catalog = &app.session.catalog;
    let (t, c) = (&catalog.tools[tool], &catalog.checks[check]);
    let title = card_title(guided);
    let scroll = format!(
        " {}/{} scroll ",
        app.keymap.review.first_key(ReviewKey::Down),
        app.keymap.review.first_key(ReviewKey::Up)
    );
    let block = frame(&title, theme)
        .padding(Padding::horizontal(1))
        .title_bottom(Line::from(Span::styled(scroll, theme.dim())).right_aligned());
    let mut lines = vec![
        Line::from(Span::styled(
            visible(&format!("{} · {}", t.name, c.title)).into_owned(),
            theme.title().add_modifier(Modifier::BOLD),
        )),
        Line::raw(""),
    ];
    let Some(item) = app.item(tool, check) else {
        return;
    };
    // How first: on a card, what to do on this tool matters most.
    lines.extend(detail::item_lines(app, item, true, theme));
    Paragraph::new(lines)
        .block(block)
        .wrap(Wrap { trim: true })
        .scroll((guided.scroll, 0))
        .render(area, buf);
}

/// One line of keys under the card: as many answers as fit, and always
/// help and the end of the review.
fn key_line(app: &App, guided: &Guided, area: Rect, buf: &mut Buffer, theme: Theme) {
    let keys = &app.keymap.review;
    // Help and end are shown whatever the width, as help and quit are on
    // the dashboard; "all done" only where there are lines to answer.
    let (all, down) = (
        keys.first_key(ReviewKey::All),
        keys.first_key(ReviewKey::Down),
    );
    let mut hints: Vec<_> = keys
        .hints(&[ReviewKey::Help, ReviewKey::End])
        .into_iter()
        .filter(|h| guided.is_group() || h.key != all)
        .map(|mut h| {
            // On a group card the line moves, not the text.
            if guided.is_group() && h.key == down {
                h.word = "line".into();
            }
            h
        })
        .collect();
    if guided.is_group() {
        // The card's question names y, n and x: the bar leads with what
        // answers a card at a time.
        let first = [
            ReviewKey::All,
            ReviewKey::Skip,
            ReviewKey::Edit,
            ReviewKey::Group,
        ]
        .map(|k| keys.first_key(k));
        hints.sort_by_key(|h| {
            first
                .iter()
                .position(|k| *k == h.key)
                .unwrap_or(first.len())
        });
    }
    bars::draw_hints(&hints, area, buf, theme);
}

pub(super) fn snooze(app: &App, choice: SnoozeChoice, area: Rect, buf: &mut Buffer, theme: Theme) {
    let keys = &app.keymap.snooze;
    let week = dates::add_days(app.today, 7);
    let month = Every::Months(1).after(app.today);
    let options = SnoozeChoice::iter().map(|c| {
        let text = match c {
            SnoozeChoice::Week => format!("a week, until {week}"),
            SnoozeChoice::Month => format!("a month, until {month}"),
            SnoozeChoice::Date => "until a date…".to_string(),
        };
        (c, keys.first_key(c.key()), text)
    });
    let popup = centered(area, 46, 7);
    Clear.render(popup, buf);
    let bottom = format!(
        " {} picks · {} back ",
        keys.first_key(SnoozeKey::Choose),
        keys.first_key(SnoozeKey::Cancel)
    );
    let block = frame("Snooze for how long?", theme)
        .title_bottom(Line::from(Span::styled(bottom, theme.dim())));
    let inner = block.inner(popup);
    block.render(popup, buf);
    for (i, (option, key, text)) in options.enumerate() {
        let y = inner.y + 1 + i as u16;
        if y >= inner.bottom() {
            break;
        }
        let style = if option == choice {
            theme.title().add_modifier(Modifier::REVERSED)
        } else {
            ratatui::style::Style::new()
        };
        let marker = if option == choice { "›" } else { " " };
        let x = put(buf, inner.x + 1, y, marker, 1, theme.key());
        let x = put(buf, x + 1, y, &key, columns(&key) as u16, theme.key());
        put(
            buf,
            x + 1,
            y,
            &text,
            inner.right().saturating_sub(x + 1),
            style,
        );
    }
}

fn help(app: &App, area: Rect, buf: &mut Buffer, theme: Theme) {
    let rows = app.keymap.review.help();
    let height = rows.len() as u16 + 4;
    let popup = centered(area, 64, height);
    Clear.render(popup, buf);
    let block = frame("Review keys", theme)
        .title_bottom(Line::from(Span::styled(" any key closes ", theme.dim())));
    let inner = block.inner(popup);
    block.render(popup, buf);
    let key_width = rows
        .iter()
        .map(|(k, _)| columns(k))
        .max()
        .unwrap_or(0)
        .max(5);
    let lines: Vec<Line> = rows
        .into_iter()
        .map(|(key, desc)| {
            Line::from(vec![
                Span::styled(format!(" {key:>key_width$}  "), theme.key()),
                Span::raw(desc),
            ])
        })
        .collect();
    Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .render(inner.inner(ratatui::layout::Margin::new(0, 1)), buf);
}

/// The end: answered, how long it took, the score before and after, and
/// what is still to fix.
fn summary(
    app: &App,
    guided: &Guided,
    took: std::time::Duration,
    area: Rect,
    buf: &mut Buffer,
    theme: Theme,
) {
    let block = frame("Review done", theme).padding(Padding::horizontal(1));
    let answered = guided.answered_count();
    let text = format!(
        "{answered} of {} answered · took {}",
        guided.queue.len(),
        duration_words(took)
    );
    let mut lines = vec![Line::raw(text)];
    let (before, after) = (guided.score_before, app.review.score);
    let change = match (before, after) {
        (Some(b), Some(a)) if a != b => format!(" ({:+})", i16::from(a) - i16::from(b)),
        (Some(_), Some(_)) => " (unchanged)".to_string(),
        _ => String::new(),
    };
    lines.push(Line::from(vec![
        Span::raw("Score "),
        Span::raw(report::score_text(before)),
        Span::raw(" → "),
        Span::styled(
            report::score_text(after),
            super::bars::score_style(after, theme),
        ),
        Span::raw(change),
    ]));
    // How many of all the tracked checks have an answer: the dashboard's
    // "reviewed". A snooze answers a card but reviews nothing, so those put
    // off before a first answer are named.
    let summary = &app.review.summary;
    if let Some(mut progress) = report::progress(summary) {
        let snoozed = app
            .review
            .items
            .iter()
            .filter(|i| !i.repeat && !i.reviewed && i.standing.kind() == StandingKind::Snoozed)
            .count();
        if snoozed > 0 {
            let _ = write!(progress, " · {snoozed} snoozed before a first answer");
        }
        lines.push(Line::from(Span::styled(progress, theme.dim())));
    }
    lines.push(Line::raw(""));
    left_to_fix(app, guided, area, &mut lines, theme);
    put_off(app, guided, area, &mut lines, theme);
    Paragraph::new(lines).block(block).render(area, buf);
}

/// The review's items that now stand as `kinds` picks, in its order.
fn reviewed_as<'a>(
    app: &'a App,
    guided: &Guided,
    kinds: impl Fn(StandingKind) -> bool,
) -> Vec<&'a hygiene_core::engine::Item> {
    guided
        .queue
        .iter()
        .filter_map(|&(t, c)| app.item(t, c))
        .filter(|item| kinds(item.standing.kind()))
        .collect()
}

/// What the review put off or accepted, beside what is left to fix: a line
/// each, as many as the room left holds.
fn put_off(app: &App, guided: &Guided, area: Rect, lines: &mut Vec<Line<'static>>, theme: Theme) {
    let items = reviewed_as(app, guided, |k| {
        matches!(k, StandingKind::Snoozed | StandingKind::Accepted)
    });
    if items.is_empty() {
        return;
    }
    lines.push(Line::raw(""));
    lines.push(Line::from(Span::styled(
        format!("Snoozed or accepted ({}):", items.len()),
        theme.title(),
    )));
    item_lines(app, &items, area, lines, theme);
}

/// What the review leaves to fix, one line each, as many as `area` holds.
fn left_to_fix(
    app: &App,
    guided: &Guided,
    area: Rect,
    lines: &mut Vec<Line<'static>>,
    theme: Theme,
) {
    let left = reviewed_as(app, guided, |k| {
        matches!(
            k,
            StandingKind::Overdue
                | StandingKind::Failing
                | StandingKind::Unreviewed
                | StandingKind::Unsupported
        )
    });
    if left.is_empty() {
        lines.push(Line::from(Span::styled(
            "Nothing left to fix from this review.",
            theme.good(),
        )));
    } else {
        lines.push(Line::from(Span::styled(
            format!("Still to do ({}):", left.len()),
            theme.title(),
        )));
        item_lines(app, &left, area, lines, theme);
    }
}

/// One line per item (its symbol, tool, check and when), as many as the
/// screen holds, then how many more.
fn item_lines(
    app: &App,
    items: &[&hygiene_core::engine::Item],
    area: Rect,
    lines: &mut Vec<Line<'static>>,
    theme: Theme,
) {
    let catalog = &app.session.catalog;
    let room = usize::from(area.height.saturating_sub(2)).saturating_sub(lines.len());
    let shown = if items.len() > room {
        room.saturating_sub(1)
    } else {
        items.len()
    };
    let more = items.len() - shown;
    // One line each, cut to the width: the count of the rest stays true.
    let width = usize::from(area.width.saturating_sub(6));
    for item in items.iter().take(shown) {
        let when = report::when(item, app.today);
        let text = format!(
            "{} · {}{}",
            catalog.tools[item.tool].name,
            catalog.checks[item.check].title,
            if when.is_empty() {
                String::new()
            } else {
                format!(" · {when}")
            }
        );
        lines.push(Line::from(vec![
            Span::styled(
                format!("{} ", item.standing.symbol()),
                theme.standing(&item.standing),
            ),
            Span::raw(hygiene_core::text::cut(&visible(&text), width).into_owned()),
        ]));
    }
    if more > 0 {
        lines.push(Line::from(Span::styled(
            format!("… and {more} more: the Actions view lists them all"),
            theme.dim(),
        )));
    }
}

/// "under a minute", "1 minute", "12 minutes".
fn duration_words(took: std::time::Duration) -> String {
    match took.as_secs() / 60 {
        0 => "under a minute".to_string(),
        1 => "1 minute".to_string(),
        n => format!("{n} minutes"),
    }
}

mod group;
