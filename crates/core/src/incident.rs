//! What to do when something goes wrong: a lost device, a suspected
//! break-in, something shared by mistake, someone leaving. An incident is a
//! checklist fixed when it starts (tell someone, then each tracked tool's or
//! shared account's own steps, each account once), recorded in the state
//! with the day it started and the steps done or set aside, so that it can
//! be left and resumed, on any face.

use std::collections::{BTreeMap, BTreeSet};

use jiff::civil::Date;

use crate::catalog::{Catalog, ToolIx};
use crate::text::visible;

/// The most incidents a state file may hold, and steps an incident.
pub const MAX_INCIDENTS: usize = 1_000;
pub const MAX_STEPS: usize = 5_000;

/// What went wrong.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, strum::EnumString, strum::IntoStaticStr,
)]
#[strum(serialize_all = "kebab-case")]
pub enum Kind {
    LostDevice,
    SuspectedAccess,
    SharedByMistake,
    Leaving,
}

/// The step every incident starts with: tell someone.
pub const REPORT: &str = "report";
/// Delete what was shared by mistake, in one tool: no check of its own.
const REMOVE: &str = "remove";

/// Who to tell when no catalog names anyone (`report_to`).
pub const DEFAULT_REPORT_TO: &str = "your administrator or security team";

impl Kind {
    pub const ALL: [Kind; 4] = [
        Kind::LostDevice,
        Kind::SuspectedAccess,
        Kind::SharedByMistake,
        Kind::Leaving,
    ];

    /// Its name on the command line and in the state: `lost-device`.
    pub fn id(self) -> &'static str {
        self.into()
    }

    /// In words, for a title: "A device was lost or stolen".
    pub fn title(self) -> &'static str {
        match self {
            Kind::LostDevice => "A device was lost or stolen",
            Kind::SuspectedAccess => "Someone may have reached an account",
            Kind::SharedByMistake => "Something was sent or shared by mistake",
            Kind::Leaving => "Someone is leaving, or the team changed",
        }
    }

    /// In two or three words, for a banner: "lost device".
    pub fn short(self) -> &'static str {
        match self {
            Kind::LostDevice => "lost device",
            Kind::SuspectedAccess => "suspected access",
            Kind::SharedByMistake => "shared by mistake",
            Kind::Leaving => "someone leaving",
        }
    }

    /// Why these steps, in the documents' sense.
    pub fn why(self) -> &'static str {
        match self {
            Kind::LostDevice => {
                "A lost or stolen phone or laptop may still be signed in to your work tools. Tell your administrator, change the passwords the device knew, and sign it out of every tool, so whoever holds it cannot read or post as you."
            }
            Kind::SuspectedAccess => {
                "If you think someone may have reached an account, tell your administrator, change the password, sign out the sessions you do not recognise and make sure a second factor stands in the way next time."
            }
            Kind::SharedByMistake => {
                "If something goes wrong, report it: a message sent to the wrong person or group, or information above what the tool may carry. Deleting it helps, but recipients may already have copied it."
            }
            Kind::Leaving => {
                "After staff or organisational changes, make sure only the right people have access to the information: remove those who no longer need it, and keep what the organisation needs before an account goes."
            }
        }
    }

    /// The documents and lines the steps come from.
    pub fn sources(self) -> &'static [&'static str] {
        match self {
            Kind::LostDevice => &["gds-hipchat:20-23", "gds-whatsapp:21", "moj-apps-2020:91"],
            Kind::SuspectedAccess => &["gds-hipchat:20-22", "gds-whatsapp:21", "moj-im-2018:109"],
            Kind::SharedByMistake => &["moj-im-2018:109", "moj-apps-2020:151", "gds-whatsapp:36"],
            Kind::Leaving => &["moj-apps-2020:135-136"],
        }
    }

    /// The steps on each tool or account, in order: check ids (the check's
    /// own how is the step's how), or `remove`.
    fn actions(self) -> &'static [&'static str] {
        match self {
            Kind::LostDevice => &["sessions", "password"],
            Kind::SuspectedAccess => &["password", "sessions", "mfa"],
            Kind::SharedByMistake => &[REMOVE],
            Kind::Leaving => &["invites", "archive"],
        }
    }
}

/// One incident as the state keeps it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Incident {
    pub kind: Kind,
    pub started: Date,
    /// The checklist, fixed when it started: `report`, then `OWNER/ACTION`
    /// (a tool's or account's id, and a check id or `remove`).
    pub steps: Vec<String>,
    pub done: BTreeSet<String>,
    /// Steps set aside: they do not apply (the device never had the tool).
    pub dismissed: BTreeSet<String>,
    /// The day it was closed: every step done or set aside, or the whole
    /// incident dismissed.
    pub closed: Option<Date>,
    /// When it last changed (UTC) and on which device, as entries keep it.
    pub changed: Option<jiff::Timestamp>,
    pub device: Option<String>,
}

/// What became of a step.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StepState {
    Open,
    Done,
    Dismissed,
}

impl Incident {
    /// A new incident's checklist across `tools` (the tracked ones, or the
    /// ones asked for), each shared account once.
    pub fn start(catalog: &Catalog, kind: Kind, tools: &[ToolIx], today: Date) -> Incident {
        let mut steps = vec![REPORT.to_string()];
        for action in kind.actions() {
            for &tool in tools {
                let owner = if *action == REMOVE {
                    catalog.tools[tool].id.clone()
                } else {
                    let Some(check) = catalog.check(action) else {
                        continue;
                    };
                    if !catalog.tools[tool].checks.contains(&check) || catalog.lacks(tool, check) {
                        continue;
                    }
                    catalog.owner_id(catalog.item_key(tool, check)).to_string()
                };
                let step = format!("{owner}/{action}");
                if !steps.contains(&step) {
                    steps.push(step);
                }
            }
        }
        // By tool, in the order asked: a person works through one tool's
        // settings at a time.
        let rank = |s: &String| {
            let owner = s.split('/').next().unwrap_or_default();
            let place = tools.iter().position(|&t| {
                catalog.tools[t].id == owner
                    || catalog.tools[t]
                        .account
                        .is_some_and(|a| catalog.accounts[a].id == owner)
            });
            (s != REPORT, place)
        };
        steps.sort_by_key(rank);
        Incident {
            kind,
            started: today,
            steps,
            done: BTreeSet::new(),
            dismissed: BTreeSet::new(),
            closed: None,
            changed: None,
            device: None,
        }
    }

    pub fn step_state(&self, step: &str) -> StepState {
        if self.done.contains(step) {
            StepState::Done
        } else if self.dismissed.contains(step) {
            StepState::Dismissed
        } else {
            StepState::Open
        }
    }

    /// The steps still open, in order.
    pub fn open_steps(&self) -> impl Iterator<Item = &str> {
        self.steps
            .iter()
            .map(String::as_str)
            .filter(|s| self.step_state(s) == StepState::Open)
    }

    pub fn is_open(&self) -> bool {
        self.closed.is_none()
    }

    /// Mark a step; the incident closes on `today` once no step is open,
    /// and opens again if a step is opened again.
    pub fn mark(&mut self, step: &str, state: StepState, today: Date) {
        self.done.remove(step);
        self.dismissed.remove(step);
        match state {
            StepState::Done => {
                self.done.insert(step.to_string());
            }
            StepState::Dismissed => {
                self.dismissed.insert(step.to_string());
            }
            StepState::Open => {}
        }
        self.closed = if self.open_steps().next().is_none() {
            self.closed.or(Some(today))
        } else {
            None
        };
    }

    /// "open", or "closed 2026-11-25".
    pub fn standing_words(&self) -> String {
        self.closed
            .map_or_else(|| "open".to_string(), |d| format!("closed {d}"))
    }

    /// "2 of 7 steps done, 1 set aside".
    pub fn progress_words(&self) -> String {
        let aside = if self.dismissed.is_empty() {
            String::new()
        } else {
            format!(", {} set aside", self.dismissed.len())
        };
        format!(
            "{} of {} steps done{aside}",
            self.done.len(),
            self.steps.len()
        )
    }
}

/// The id an incident of `kind` started on `day` takes in the state:
/// `lost-device-2026-11-20`, then `-2`, `-3` for more on the same day.
pub fn new_id(incidents: &BTreeMap<String, Incident>, kind: Kind, day: Date) -> String {
    let base = format!("{}-{day}", kind.id());
    if !incidents.contains_key(&base) {
        return base;
    }
    // At most MAX_INCIDENTS are kept, so one of these is free.
    (2..=incidents.len() + 2)
        .map(|n| format!("{base}-{n}"))
        .find(|id| !incidents.contains_key(id))
        .unwrap_or(base)
}

/// The order every face lists incidents in: by the day they started, then
/// by id, `…-2` before `…-10`.
fn order<'a>(&(id, i): &(&'a str, &'a Incident)) -> (Date, usize, &'a str) {
    (i.started, id.len(), id)
}

/// Every incident, oldest first.
pub fn by_start(incidents: &BTreeMap<String, Incident>) -> Vec<(&str, &Incident)> {
    let mut list: Vec<(&str, &Incident)> =
        incidents.iter().map(|(id, i)| (id.as_str(), i)).collect();
    list.sort_by_key(order);
    list
}

/// The newest incident of `kind`, open or not.
pub fn latest_of(incidents: &BTreeMap<String, Incident>, kind: Kind) -> Option<(&str, &Incident)> {
    newest(incidents, |i| i.kind == kind)
}

/// The open incident of `kind`, if there is one: the newest.
pub fn open_of(incidents: &BTreeMap<String, Incident>, kind: Kind) -> Option<(&str, &Incident)> {
    newest(incidents, |i| i.kind == kind && i.is_open())
}

fn newest(
    incidents: &BTreeMap<String, Incident>,
    keep: impl Fn(&Incident) -> bool,
) -> Option<(&str, &Incident)> {
    incidents
        .iter()
        .map(|(id, i)| (id.as_str(), i))
        .filter(|(_, i)| keep(i))
        .max_by_key(order)
}

/// One step as every face shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StepCard {
    /// Where: "`WhatsApp`", "Microsoft 365 account (Microsoft Teams, Yammer)",
    /// or empty for the report.
    pub place: String,
    pub title: String,
    /// What to do, in one sentence.
    pub todo: String,
    /// How, in the tool: its own page or menu path where the catalog has one.
    pub how: String,
    /// The documents and lines the step comes from, in words.
    pub sources: String,
}

/// The documents and lines an incident's steps come from, in words.
pub fn sources_words(catalog: &Catalog, kind: Kind) -> String {
    let refs: Vec<String> = kind.sources().iter().map(|s| (*s).to_string()).collect();
    crate::report::sources_words(catalog, &refs)
}

/// Who to tell, and where that comes from: the last catalog that names
/// `report_to`, else hygiene's default.
pub fn report_to(catalog: &Catalog) -> (String, Option<String>) {
    catalog
        .layers
        .iter()
        .rev()
        .find_map(|l| {
            l.report_to
                .as_ref()
                .map(|r| (visible(r).into_owned(), Some(l.name.clone())))
        })
        .unwrap_or_else(|| (DEFAULT_REPORT_TO.to_string(), None))
}

/// A step in words, or None for a step this catalog no longer knows (it
/// stays in the incident, shown by its id).
/// An account's place names only the `tracked` tools that use it, where
/// any does.
pub fn step_card(catalog: &Catalog, tracked: &[ToolIx], kind: Kind, step: &str) -> StepCard {
    let sources = crate::report::sources_words(
        catalog,
        &kind
            .sources()
            .iter()
            .map(|s| (*s).to_string())
            .collect::<Vec<_>>(),
    );
    if step == REPORT {
        let (who, from) = report_to(catalog);
        let from = from.map_or_else(
            || "hygiene's default; an organisation's catalog may name `report_to`".to_string(),
            |name| format!("as {} says", visible(&name)),
        );
        return StepCard {
            place: String::new(),
            title: "Tell someone".to_string(),
            todo: format!("Report it to {who} ({from}), today, with what happened and when."),
            how: report_how(kind).to_string(),
            sources,
        };
    }
    let (owner, action) = step.split_once('/').unwrap_or((step, ""));
    let (tool, place) = place_of(catalog, tracked, owner);
    let (title, todo) = action_words(kind, action, &place);
    let how = match (tool, catalog.check(action)) {
        (Some(t), Some(c)) => catalog.how(t, c),
        _ if action == REMOVE => "Delete the message or file for everyone where the tool lets you (most do, for a while after sending), and ask the people who received it to delete their copy. Recipients may already have copied, forwarded or downloaded it, and administrators can export it: deleting does not take the place of the report.".to_string(),
        _ => String::new(),
    };
    StepCard {
        place,
        title: title.to_string(),
        todo,
        how,
        sources,
    }
}

fn report_how(kind: Kind) -> &'static str {
    match kind {
        Kind::LostDevice => {
            "Say which device, when you last had it, and which tools it was signed in to. Your administrator can sign it out or wipe it remotely where it is managed."
        }
        Kind::SuspectedAccess => {
            "Say which account, what you noticed (a sign-in alert, a message you did not send) and when. Do not delete the evidence."
        }
        Kind::SharedByMistake => {
            "Say what was shared, with whom, in which tool and when. Report it even if you have deleted it."
        }
        Kind::Leaving => {
            "Tell the tools' administrators who left or moved, so that accounts, groups and shared access are changed."
        }
    }
}

/// The tool whose how a step shows, and the step's place in words.
fn place_of(catalog: &Catalog, tracked: &[ToolIx], owner: &str) -> (Option<ToolIx>, String) {
    if let Some(t) = catalog.tool(owner) {
        return (Some(t), visible(&catalog.tools[t].name).into_owned());
    }
    if let Some(a) = catalog.account(owner) {
        let all: Vec<ToolIx> = catalog.tools_of(a).collect();
        let mut tools: Vec<ToolIx> = all
            .iter()
            .copied()
            .filter(|t| tracked.contains(t))
            .collect();
        if tools.is_empty() {
            tools = all;
        }
        let names: Vec<String> = tools
            .iter()
            .map(|&t| visible(&catalog.tools[t].name).into_owned())
            .collect();
        let place = format!(
            "{} ({})",
            visible(&catalog.accounts[a].name),
            names.join(", ")
        );
        return (tools.first().copied(), place);
    }
    (None, visible(owner).into_owned())
}

fn action_words(kind: Kind, action: &str, place: &str) -> (&'static str, String) {
    match (kind, action) {
        (Kind::LostDevice, "sessions") => (
            "Sign the device out",
            format!(
                "Sign the lost device out of {place}, and any other session you do not recognise."
            ),
        ),
        (_, "sessions") => (
            "Sign out unknown sessions",
            format!("Sign out every session and device of {place} that you do not recognise."),
        ),
        (_, "password") => (
            "Change the password",
            format!(
                "Change the password of {place} (or ask for it to be reset where your organisation signs you in)."
            ),
        ),
        (_, "mfa") => (
            "Check the second factor",
            format!(
                "Make sure multi-factor sign-in is on for {place}, and that no phone, app or key you do not know was added."
            ),
        ),
        (_, "invites") => (
            "Remove who no longer needs access",
            format!(
                "Remove from the groups, channels and shared spaces of {place} the people who left or no longer need access."
            ),
        ),
        (_, "archive") => (
            "Keep what the organisation needs",
            format!(
                "Copy what the organisation must keep from {place} into its records before the account or access goes."
            ),
        ),
        (_, REMOVE) => (
            "Delete what was shared",
            format!("If it was shared in {place}, delete it there; if not, set this step aside."),
        ),
        _ => ("Step", format!("{action} in {place}")),
    }
}

#[cfg(test)]
mod tests;
