//! The guided review's cards: one item each, or the items of one tool or of
//! one check together, so that a first review of a hundred checks is a
//! score of cards answered a line at a time.

use super::{Review, StandingKind, worst_first, worst_first_of};
use crate::catalog::{CheckIx, ToolIx};

/// The items a guided review goes through (indices into `review.items`),
/// each shared account's check once: what needs attention, in the one order
/// of every list ([`worst_first`]); with `all`, then everything else (the
/// yearly full check).
/// `tool` keeps one tool's items only.
pub fn review_queue(review: &Review, all: bool, tool: Option<ToolIx>) -> Vec<usize> {
    let candidates = match tool {
        None => worst_first(review),
        // One tool: its shared accounts' checks too, though another tool counts them.
        Some(t) => worst_first_of(
            review,
            review
                .rows
                .iter()
                .filter(|r| r.tool == t)
                .flat_map(|r| r.items.clone()),
        ),
    };
    candidates
        .into_iter()
        .filter(|&i| all || review.items[i].standing.needs_action())
        .collect()
}

/// How the review's items are put on cards (`hygiene review --by`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, strum::EnumString, strum::Display)]
#[strum(serialize_all = "lowercase")]
pub enum Grouping {
    /// One card per item, the most urgent first.
    Item,
    /// One card per tool: every check of it that is due.
    Tool,
    /// One card per check: every tool it applies to ("which tools have
    /// multi-factor authentication on?").
    Check,
}

impl Grouping {
    /// The next grouping, as `g` cycles them: item, tool, check, item.
    #[must_use]
    pub fn next(self) -> Grouping {
        match self {
            Grouping::Item => Grouping::Tool,
            Grouping::Tool => Grouping::Check,
            Grouping::Check => Grouping::Item,
        }
    }
}

/// The grouping a review starts with when none is asked for: by check when
/// most of what it goes through was never answered (a first review, where
/// most checks are in order and a line each is enough) and that at least
/// halves the cards; else by item.
pub fn default_grouping(review: &Review, queue: &[usize]) -> Grouping {
    let unreviewed = queue
        .iter()
        .filter(|&&i| review.items[i].standing.kind() == StandingKind::Unreviewed)
        .count();
    let mut checks: Vec<_> = queue.iter().map(|&i| review.items[i].check).collect();
    checks.sort_unstable();
    checks.dedup();
    if unreviewed * 2 > queue.len() && checks.len() * 2 <= queue.len() {
        Grouping::Check
    } else {
        Grouping::Item
    }
}

/// Put a review's `queue` of (tool, check) items, most urgent first as
/// [`review_queue`] gives them, on cards grouped `by`: each card is the
/// indices into `queue` of its items. A group's card comes where its most
/// urgent item would, and lists its items most urgent first, so the one
/// order holds within and across cards. A check kept on a shared account is
/// one item, so one line.
pub fn group(queue: &[(ToolIx, CheckIx)], by: Grouping) -> Vec<Vec<usize>> {
    let key = |i: usize| {
        let (tool, check) = queue[i];
        match by {
            Grouping::Item => i,
            Grouping::Tool => tool.0,
            Grouping::Check => check.0,
        }
    };
    // Each key's card, looked up once per item: a card per item is as
    // cheap as a card per check.
    let mut card_of: std::collections::HashMap<usize, usize> = std::collections::HashMap::new();
    let mut cards: Vec<Vec<usize>> = Vec::new();
    for i in 0..queue.len() {
        let card = *card_of.entry(key(i)).or_insert_with(|| {
            cards.push(Vec::new());
            cards.len() - 1
        });
        cards[card].push(i);
    }
    cards
}
