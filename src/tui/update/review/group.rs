//! A group card's own moves: its lines answered a line at a time, the card
//! left (its answers saved first, in one save), the items grouped again.

use super::{finish, next, show_current, show_line};
use crate::tui::app::{Guided, Leave, Pending};
use crate::tui::keymap::ReviewKey;
use crate::tui::update::{App, Effect, change};
use hygiene_core::catalog::CheckKind;
use hygiene_core::engine::{self, Grouping};

/// `a` on a group card: every line not yet answered, done; a name check's
/// line is left for its name (`e`), and one the core would refuse is left.
pub(super) fn all_done(app: &mut App, guided: &mut Guided) {
    let catalog = &app.session.catalog;
    let done = Pending::Done.op(app.today);
    let (mut marked, mut names) = (0, 0);
    for &i in &guided.cards[guided.position].clone() {
        if guided.answered[i] || guided.pending[i].is_some() {
            continue;
        }
        let (tool, check) = guided.queue[i];
        if catalog.checks[check].kind == CheckKind::Naming {
            names += 1;
        } else if hygiene_core::ops::refusal(catalog, tool, check, &done).is_none() {
            guided.pending[i] = Some(Pending::Done);
            marked += 1;
        }
    }
    let skip = app.keymap.review.first_key(ReviewKey::Skip);
    let mut text = format!("{marked} marked done: {skip} records the card");
    if names > 0 {
        let e = app.keymap.review.first_key(ReviewKey::Edit);
        text = format!(
            "{text}; {names} name{} to type ({e} on the line)",
            if names == 1 { "" } else { "s" }
        );
    }
    app.info(text);
}

/// Leave the card (`then`): its answers waiting on lines are saved first, in
/// one save, so that nothing answered is lost by going on, back, regrouping
/// or ending.
pub(super) fn leave(app: &mut App, guided: &mut Guided, then: Leave) -> Option<Effect> {
    let lines: Vec<(usize, Pending)> = guided
        .card()
        .iter()
        .filter_map(|&i| guided.pending[i].map(|p| (i, p)))
        .collect();
    if lines.is_empty() {
        after(app, guided, then);
        return None;
    }
    let changes = lines
        .iter()
        .map(|&(i, answer)| {
            let (tool, check) = guided.queue[i];
            change(app, tool, check, answer.op(app.today))
        })
        .collect();
    let words: Vec<String> = Pending::ALL
        .into_iter()
        .map(|answer| (lines.iter().filter(|(_, a)| *a == answer).count(), answer))
        .filter(|(n, _)| *n > 0)
        .map(|(n, answer)| format!("{n} {}", answer.verb()))
        .collect();
    guided.leaving = Some(then);
    Some(Effect::Apply {
        changes,
        verb: format!("Saved {}: {}", card_name(app, guided), words.join(", ")).into(),
        undoing: false,
    })
}

/// What a group card is about: a tool's name or a check's title.
pub(crate) fn card_name(app: &App, guided: &Guided) -> String {
    let catalog = &app.session.catalog;
    let Some(&first) = guided.card().first() else {
        return String::new();
    };
    let (tool, check) = guided.queue[first];
    match guided.by {
        Grouping::Tool => catalog.tools[tool].name.clone(),
        Grouping::Check => catalog.checks[check].title.clone(),
        Grouping::Item => format!(
            "{} · {}",
            catalog.tools[tool].name, catalog.checks[check].title
        ),
    }
}

/// Where a card left (its answers saved) goes.
pub(super) fn after(app: &mut App, guided: &mut Guided, then: Leave) {
    match then {
        Leave::Next => next(app, guided),
        Leave::Back => {
            guided.position = guided.position.saturating_sub(1);
            guided.line = 0;
            show_current(app, guided);
        }
        Leave::End => finish(guided),
        Leave::Regroup => regroup(app, guided),
    }
}

/// The same items on cards grouped the next way, on the card of the line
/// that was selected; what was answered stays answered.
fn regroup(app: &mut App, guided: &mut Guided) {
    let selected = guided.selected();
    guided.by = guided.by.next();
    guided.cards = engine::group(&guided.queue, guided.by);
    (guided.position, guided.line) = (0, 0);
    if let Some(sel) = selected {
        go_to(guided, sel);
    }
    show_current(app, guided);
    let n = guided.cards.len();
    app.info(format!(
        "Cards by {}: {n} card{}",
        guided.by,
        if n == 1 { "" } else { "s" }
    ));
}

/// The next line of a group card not yet answered, if one is after this.
pub(super) fn next_line(app: &mut App, guided: &mut Guided) {
    let card = guided.card();
    if let Some(l) = (guided.line + 1..card.len())
        .find(|&l| !guided.answered[card[l]] && guided.pending[card[l]].is_none())
    {
        guided.line = l;
    } else {
        guided.line = (guided.line + 1).min(card.len().saturating_sub(1));
    }
    show_line(app, guided);
}

/// Put the card and line of `queue[item]` on screen.
pub(super) fn go_to(guided: &mut Guided, item: usize) {
    if let Some((p, l)) = guided
        .cards
        .iter()
        .enumerate()
        .find_map(|(p, card)| card.iter().position(|&i| i == item).map(|l| (p, l)))
    {
        guided.position = p;
        guided.line = l;
    }
}
