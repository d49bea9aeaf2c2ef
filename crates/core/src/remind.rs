//! What `hygiene remind` tells the person, and what it told them last.
//!
//! A reminder comes when something became overdue or to fix since the last
//! one, or while an incident is open, and at most once a day. What it last
//! reminded about is kept outside the state, in the platform's state folder
//! (`$XDG_STATE_HOME/hygiene/remind-<digest>.json`), so reminding never
//! rewrites the person's state and never differs between devices.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use crate::engine::{self, Review, StandingKind};
use crate::notify::Notice;
use crate::report::Context;
use crate::report::bar::Attention;
use crate::session::{Paths, Session};

/// How many items a reminder names; the rest are counted.
const NAMED: usize = 8;

/// What the last reminder was about.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reminded {
    /// The day of the last reminder.
    pub day: Option<String>,
    /// Overdue or to fix then, and still so since: `tool/check`.
    pub items: BTreeSet<String>,
}

/// What to do now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    /// The reminder to send, if one is due.
    pub notice: Option<Notice>,
    /// Why none is due, in words.
    pub quiet: Option<String>,
    /// The record to keep (sent or not: items no longer pending leave it, so
    /// that one coming back counts as new).
    pub record: Reminded,
}

/// Where the last reminder is recorded, where the platform has a folder for it.
pub fn record_path(paths: &Paths) -> Option<PathBuf> {
    let dir = dirs::state_dir().or_else(dirs::data_local_dir)?;
    Some(
        dir.join("hygiene")
            .join(format!("remind-{}.json", paths.digest())),
    )
}

/// The record at `path`; a missing or unreadable one counts as no reminder yet.
pub fn read_record(path: &Path) -> Reminded {
    std::fs::read(path)
        .ok()
        .and_then(|bytes| serde_json::from_slice(&bytes).ok())
        .unwrap_or_default()
}

pub fn write_record(path: &Path, record: &Reminded) -> std::io::Result<()> {
    let bytes = serde_json::to_vec_pretty(record).map_err(std::io::Error::other)?;
    crate::store::replace_own_file(path, &bytes)
}

/// `tool/check` for each item overdue or to fix, an account's check once.
fn pending(session: &Session, review: &Review) -> Vec<(String, usize)> {
    engine::worst_first(review)
        .into_iter()
        .filter(|&i| {
            matches!(
                review.items[i].standing.kind(),
                StandingKind::Overdue | StandingKind::Failing
            )
        })
        .map(|i| {
            let item = &review.items[i];
            (
                format!(
                    "{}/{}",
                    session.catalog.tools[item.tool].id, session.catalog.checks[item.check].id
                ),
                i,
            )
        })
        .collect()
}

/// The reminder due on `today` after `last`; with `test`, one is sent now
/// whatever was sent before.
pub fn plan(session: &Session, today: Date, last: &Reminded, test: bool) -> Plan {
    let review = session.review(today);
    let ctx = Context {
        catalog: &session.catalog,
        settings: &session.settings,
        state: &session.state,
    };
    let attention = Attention::of(&ctx, &review);
    let pending = pending(session, &review);
    // A test shows what a reminder says now: everything pending.
    let fresh: Vec<&(String, usize)> = pending
        .iter()
        .filter(|(key, _)| test || !last.items.contains(key))
        .collect();
    let today_text = today.to_string();
    let kept: BTreeSet<String> = pending
        .iter()
        .map(|(key, _)| key.clone())
        .filter(|key| last.items.contains(key))
        .collect();
    let quiet = if test {
        None
    } else if last.day.as_deref() == Some(today_text.as_str()) {
        Some(format!("already reminded today ({today})"))
    } else if fresh.is_empty() && attention.incidents.is_empty() {
        Some(if pending.is_empty() {
            "nothing overdue or to fix, and no incident open".to_string()
        } else {
            format!(
                "nothing new since the last reminder ({}); {} still waiting",
                last.day.as_deref().unwrap_or("none"),
                pending.len()
            )
        })
    } else {
        None
    };
    if quiet.is_some() {
        return Plan {
            notice: None,
            quiet,
            record: Reminded {
                day: last.day.clone(),
                items: kept,
            },
        };
    }
    Plan {
        notice: Some(notice(session, &review, &attention, &fresh)),
        quiet: None,
        record: Reminded {
            day: Some(today_text),
            items: pending.into_iter().map(|(key, _)| key).collect(),
        },
    }
}

fn notice(
    session: &Session,
    review: &Review,
    attention: &Attention,
    fresh: &[&(String, usize)],
) -> Notice {
    let mut head: Vec<String> = attention
        .incidents
        .iter()
        .map(|i| format!("{} incident open", i.short))
        .collect();
    let counts = attention.counts_words();
    if !counts.is_empty() {
        head.push(counts);
    }
    let summary = if head.is_empty() {
        "hygiene: all in order".to_string()
    } else {
        format!("hygiene: {}", head.join(" · "))
    };
    let mut body = Vec::new();
    for i in &attention.incidents {
        body.push(format!(
            "Incident open since {}: {} ({}). Run hygiene incident {} to go on with it.",
            i.started, i.short, i.progress, i.kind
        ));
    }
    if !fresh.is_empty() {
        body.push(if fresh.len() == 1 {
            "1 new since the last reminder:".to_string()
        } else {
            format!("{} new since the last reminder:", fresh.len())
        });
        for (_, i) in fresh.iter().take(NAMED) {
            let item = &review.items[*i];
            body.push(format!(
                "{}: {} ({})",
                session.catalog.tools[item.tool].name,
                session.catalog.checks[item.check].title,
                crate::report::bar::count_label(item.standing.kind())
            ));
        }
        if fresh.len() > NAMED {
            body.push(format!("and {} more", fresh.len() - NAMED));
        }
    }
    body.push("Run hygiene review to go through them.".to_string());
    Notice {
        summary,
        body: body.join("\n"),
        urgent: !attention.incidents.is_empty(),
    }
}
