//! The dashboard's model: plain data that the view only reads and that only
//! `update` changes.

use jiff::civil::Date;
use tui_input::Input;

use hygiene_core::catalog::{CheckIx, CheckKind, ToolIx};
use hygiene_core::engine::{self, Grouping, Review, Standing};
use hygiene_core::session::Session;
use hygiene_core::state::{Entry, Status};

use super::keymap::Keymap;

mod form;
pub use form::{FormStep, Onboarding};

/// The dashboard's views, in the order tab cycles through them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, strum::EnumIter, strum::EnumCount)]
pub enum View {
    Dashboard,
    Actions,
    Tools,
}

impl View {
    pub fn title(self) -> &'static str {
        match self {
            View::Dashboard => "Dashboard",
            View::Actions => "Actions",
            View::Tools => "Tools",
        }
    }
}

/// What a text field is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    /// A naming check's value, validated live against the convention.
    Value,
    /// The date a check was done.
    Date,
    /// The date a snooze ends.
    Until,
    Note,
    /// Why a risk is accepted.
    Reason,
    /// The tool's private note, kept in the keyring.
    Secret,
}

impl Field {
    pub fn title(self) -> &'static str {
        match self {
            Field::Value => "Value",
            Field::Date => "Date done",
            Field::Until => "Snooze until",
            Field::Note => "Note",
            Field::Reason => "Why is this risk accepted?",
            Field::Secret => "Private note (kept in the keyring)",
        }
    }
}

#[derive(Debug, Clone)]
pub struct Editing {
    pub field: Field,
    pub input: Input,
    pub tool: ToolIx,
    /// The check the field is for; none for the tool's private note.
    pub check: Option<CheckIx>,
    /// Why the last Enter was refused.
    pub error: Option<String>,
    /// The value checked as it is typed (by `update`, never while drawing):
    /// what it means, and whether that is good.
    pub verdict: Option<(String, bool)>,
}

/// How long a snooze lasts, as offered: a week is the default.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, strum::EnumIter)]
pub enum SnoozeChoice {
    #[default]
    Week,
    Month,
    /// To a date, typed in an editor.
    Date,
}

impl SnoozeChoice {
    /// The key of the snooze choice that picks it.
    pub fn key(self) -> crate::tui::keymap::SnoozeKey {
        use crate::tui::keymap::SnoozeKey;
        match self {
            SnoozeChoice::Week => SnoozeKey::Week,
            SnoozeChoice::Month => SnoozeKey::Month,
            SnoozeChoice::Date => SnoozeKey::Date,
        }
    }

    /// The one above (`up`), staying at the first.
    #[must_use]
    pub fn previous(self) -> SnoozeChoice {
        match self {
            SnoozeChoice::Week | SnoozeChoice::Month => SnoozeChoice::Week,
            SnoozeChoice::Date => SnoozeChoice::Month,
        }
    }

    /// The one below (`down`), staying at the last.
    #[must_use]
    pub fn next(self) -> SnoozeChoice {
        match self {
            SnoozeChoice::Week => SnoozeChoice::Month,
            SnoozeChoice::Month | SnoozeChoice::Date => SnoozeChoice::Date,
        }
    }
}

/// Where a guided review is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    /// The card `cards[position]`.
    Card,
    /// Choosing how long to snooze, with the choice shown.
    Snooze(SnoozeChoice),
    /// The review's keys, over the card.
    Help,
    /// The end: what was answered, what is left, the score before and after.
    Summary { took: std::time::Duration },
}

/// An answer chosen on a line of a group card, recorded when the card is left.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pending {
    Done,
    NotDone,
    NotApplicable,
}

impl Pending {
    /// Every answer, in the order a card's message counts them.
    pub const ALL: [Pending; 3] = [Pending::Done, Pending::NotDone, Pending::NotApplicable];

    /// The change this answer records, on `today`.
    pub fn op(self, today: Date) -> hygiene_core::ops::Op {
        use hygiene_core::ops::Op;
        match self {
            Pending::Done => Op::Done { on: today },
            Pending::NotDone => Op::Todo,
            Pending::NotApplicable => Op::NotApplicable,
        }
    }

    /// The answer in the words of the message that says it was saved.
    pub fn verb(self) -> &'static str {
        match self {
            Pending::Done => "done",
            Pending::NotDone => "not done",
            Pending::NotApplicable => "does not apply",
        }
    }
}

/// What to do once a card's answers are recorded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Leave {
    Next,
    Back,
    End,
    Regroup,
}

/// A guided review in progress: what needs attention, a card at a time; a
/// card holds one item, or the due items of one tool or of one check.
#[derive(Debug, Clone)]
pub struct Guided {
    /// The (tool, check) pairs to go through, most urgent first, fixed
    /// when the review starts.
    pub queue: Vec<(ToolIx, CheckIx)>,
    /// Each card's items (indices into `queue`), as grouped `by`.
    pub cards: Vec<Vec<usize>>,
    pub by: Grouping,
    /// The card on screen, and its selected line.
    pub position: usize,
    pub line: usize,
    /// Per item of `queue`: answered (and saved) in this review.
    pub answered: Vec<bool>,
    /// Per item of `queue`: the answer chosen on a group card, not yet saved.
    pub pending: Vec<Option<Pending>>,
    /// The card's answers are being saved; then this.
    pub leaving: Option<Leave>,
    pub score_before: Option<u8>,
    pub started: std::time::Instant,
    pub step: Step,
    /// Everything, not only what needs attention (`hygiene review --all`).
    pub all: bool,
    /// One tool's items only (`hygiene review TOOL`).
    pub tool: Option<ToolIx>,
    /// Lines of the card scrolled out of sight (j/k), back to 0 on each card.
    pub scroll: u16,
}

impl Guided {
    /// The card on screen's items (indices into `queue`).
    pub fn card(&self) -> &[usize] {
        self.cards.get(self.position).map_or(&[], Vec::as_slice)
    }

    /// A card of several lines, answered a line at a time.
    pub fn is_group(&self) -> bool {
        self.by != Grouping::Item
    }

    /// The index into `queue` of the selected line.
    pub fn selected(&self) -> Option<usize> {
        self.card().get(self.line).copied()
    }

    /// The selected line's (tool, check).
    pub fn current(&self) -> Option<(ToolIx, CheckIx)> {
        self.selected().map(|i| self.queue[i])
    }

    pub fn answered_count(&self) -> usize {
        self.answered.iter().filter(|a| **a).count()
    }
}

#[derive(Debug, Clone)]
pub enum Mode {
    Normal,
    /// A guided review (its state is `App::guided`).
    Review,
    /// Choosing how long to snooze a check, with the choice shown.
    Snoozing {
        tool: ToolIx,
        check: CheckIx,
        choice: SnoozeChoice,
    },
    /// The keys, the symbols and the columns; `scroll` lines scrolled.
    Help {
        scroll: u16,
    },
    Editing(Editing),
    /// Typing a filter; it applies as it is typed.
    Filtering(Input),
    Onboarding(Onboarding),
    /// Changing the name and organisation (the first three steps of the
    /// first-run form, filled in with the config's).
    Identity(Onboarding),
    /// A private note on screen until the next key.
    Revealed {
        tool: ToolIx,
        text: String,
    },
    /// What to do when something went wrong: the kinds, then the steps.
    Incident(super::incident::IncidentView),
}

/// Take back what this session changed in one entry: it was `before` and
/// this session left it `after` (None: no entry); what changed elsewhere
/// since stays.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntryUndo {
    pub tool: String,
    pub check: String,
    pub change: Box<hygiene_core::ops::Revert>,
}

/// How to take back one change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Undo {
    /// Take back what one save of this session changed in these entries
    /// (a card's answers are one save, so one step).
    Entries(Vec<EntryUndo>),
    /// Tracking was started: stop it.
    Tracked { tool: String },
    /// Tracking was stopped: start it again at its old place.
    Untracked { tool: String, index: usize },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusLine {
    pub text: String,
    pub error: bool,
}

/// The dashboard view's own state: the selected cell, what is scrolled out
/// of sight, and the filters.
#[derive(Debug, Clone, Default)]
pub struct DashboardView {
    /// The selected cell by catalog indices: stable across filters and reloads.
    pub tool: Option<ToolIx>,
    pub check: Option<CheckIx>,
    /// First visible matrix row and column.
    pub scroll: usize,
    pub col_scroll: usize,
    /// Only tools whose name contains this.
    pub filter: String,
    /// Only tools with something overdue or failing.
    pub only_problems: bool,
}

/// A list view's own state (the actions, the tools): selection and scroll.
#[derive(Debug, Clone, Copy, Default)]
pub struct ListView {
    pub selected: usize,
    pub scroll: usize,
}

pub struct App {
    pub session: Session,
    pub review: Review,
    pub today: Date,
    /// `--as-of` was given: the date does not follow the clock.
    pub fixed_today: bool,
    pub keymap: Keymap,
    pub view: View,
    pub mode: Mode,
    pub dashboard: DashboardView,
    pub actions_view: ListView,
    pub tools_view: ListView,
    pub status: Option<StatusLine>,
    pub undo: Vec<Undo>,
    /// The terminal's size, for layout-dependent moves and clicks.
    pub size: (u16, u16),
    pub color: bool,
    pub quit: bool,
    /// The order of items in the actions view (indices into review.items).
    pub actions: Vec<usize>,
    /// The guided review in progress, if one is.
    pub guided: Option<Guided>,
    /// A review ended with `q` before its last card: `r` resumes it.
    pub paused: Option<Guided>,
    /// The display width of the longest tracked tool's name (as shown).
    pub longest_name: usize,
}

impl App {
    pub fn new(session: Session, today: Date, fixed_today: bool, keymap: Keymap) -> App {
        let first_run = !session.config.exists && !session.paths.state.exists();
        let tools = session.catalog.tools.len();
        let review = session.review(today);
        let mut app = App {
            session,
            review,
            today,
            fixed_today,
            keymap,
            view: View::Dashboard,
            mode: if first_run {
                Mode::Onboarding(Onboarding::new(tools))
            } else {
                Mode::Normal
            },
            dashboard: DashboardView::default(),
            actions_view: ListView::default(),
            tools_view: ListView::default(),
            status: None,
            undo: Vec::new(),
            size: (80, 24),
            color: true,
            quit: false,
            actions: Vec::new(),
            guided: None,
            paused: None,
            longest_name: 0,
        };
        app.refresh();
        // On start the selection is on the first tracked tool's first check.
        app.dashboard.tool = app.review.rows.first().map(|r| r.tool);
        app.dashboard.check = app.review.columns.first().copied();
        if let Some(w) = app.review.warnings.first() {
            app.status = Some(StatusLine {
                text: format!("warning: {}", super::words::warning(&app, w)),
                error: true,
            });
        }
        app
    }

    /// Evaluate again after a change of data or date, keeping the selection.
    pub(crate) fn refresh(&mut self) {
        self.review = self.session.review(self.today);
        self.longest_name = self
            .review
            .rows
            .iter()
            .map(|r| {
                hygiene_core::text::width(
                    hygiene_core::report::tool_label(&self.session.catalog.tools[r.tool]).as_str(),
                )
            })
            .max()
            .unwrap_or(0);
        self.actions = engine::worst_first(&self.review)
            .into_iter()
            .filter(|&i| self.review.items[i].standing.needs_action())
            .collect();
        if self
            .dashboard
            .tool
            .is_none_or(|t| !self.review.rows.iter().any(|r| r.tool == t))
        {
            self.dashboard.tool = self
                .visible_rows()
                .first()
                .map(|&r| self.review.rows[r].tool);
        }
        if self
            .dashboard
            .check
            .is_none_or(|c| !self.review.columns.contains(&c))
        {
            self.dashboard.check = self.review.columns.first().copied();
        }
        self.actions_view.selected = self
            .actions_view
            .selected
            .min(self.actions.len().saturating_sub(1));
        self.tools_view.selected = self
            .tools_view
            .selected
            .min(self.session.catalog.tools.len().saturating_sub(1));
    }

    /// Rows shown on the dashboard (indices into `review.rows`), after the
    /// name filter and the only-problems switch.
    pub fn visible_rows(&self) -> Vec<usize> {
        let needle = self.dashboard.filter.trim().to_lowercase();
        self.review
            .rows
            .iter()
            .enumerate()
            .filter(|(_, row)| {
                let t = &self.session.catalog.tools[row.tool];
                (needle.is_empty()
                    || t.name.to_lowercase().contains(&needle)
                    || t.id.contains(&needle))
                    && (!self.dashboard.only_problems || row.summary.bad() > 0)
            })
            .map(|(i, _)| i)
            .collect()
    }

    /// The selected row's position among the visible rows.
    pub(crate) fn row_position(&self, visible: &[usize]) -> Option<usize> {
        let tool = self.dashboard.tool?;
        visible
            .iter()
            .position(|&r| self.review.rows[r].tool == tool)
    }

    pub(crate) fn column_position(&self) -> Option<usize> {
        let check = self.dashboard.check?;
        self.review.columns.iter().position(|&c| c == check)
    }

    /// The (tool, check) the item commands act on in the current view.
    pub fn target(&self) -> Option<(ToolIx, CheckIx)> {
        match self.view {
            View::Dashboard => Some((self.dashboard.tool?, self.dashboard.check?)),
            View::Actions => {
                let item = &self.review.items[*self.actions.get(self.actions_view.selected)?];
                Some((item.tool, item.check))
            }
            View::Tools => None,
        }
    }

    /// The item for a tracked tool's check, if the check applies to it.
    pub fn item(&self, tool: ToolIx, check: CheckIx) -> Option<&engine::Item> {
        let row = self.review.rows.iter().find(|r| r.tool == tool)?;
        self.review.items[row.items.clone()]
            .iter()
            .find(|i| i.check == check)
    }

    /// The display name `tool`'s convention expects of this user, with the
    /// fields the config does not give left as placeholders.
    pub fn expected_name(&self, tool: ToolIx) -> Option<String> {
        self.session.catalog.tools[tool]
            .naming
            .as_ref()
            .map(|t| t.partly_filled(&self.session.settings.identity))
    }

    pub fn entry(&self, tool: ToolIx, check: CheckIx) -> Option<&Entry> {
        let catalog = &self.session.catalog;
        self.session
            .state
            .item(catalog, catalog.item_key(tool, check))
    }

    pub(crate) fn is_done(&self, tool: ToolIx, check: CheckIx) -> bool {
        self.entry(tool, check)
            .is_some_and(|e| e.status == Status::Done)
    }

    /// The first dated check (the archive) of a tool.
    pub(crate) fn archive_check(&self, tool: ToolIx) -> Option<CheckIx> {
        let catalog = &self.session.catalog;
        catalog.tools[tool]
            .checks
            .iter()
            .copied()
            .find(|&c| catalog.checks[c].kind == CheckKind::Dated && !catalog.lacks(tool, c))
    }

    pub(crate) fn is_tracked(&self, tool: ToolIx) -> bool {
        self.session.settings.tracked.contains(&tool)
    }

    pub fn info(&mut self, text: impl Into<String>) {
        self.status = Some(StatusLine {
            text: text.into(),
            error: false,
        });
    }

    pub fn error(&mut self, text: impl Into<String>) {
        self.status = Some(StatusLine {
            text: text.into(),
            error: true,
        });
    }

    pub fn standing(&self, tool: ToolIx, check: CheckIx) -> Option<&Standing> {
        self.item(tool, check).map(|i| &i.standing)
    }
}
