//! Where an item stands, as a closed set: each standing, its kind, and
//! every fact of a kind (its order, whether it needs action, counts in the
//! score, its review group) in one exhaustive match beside the type, so a
//! new standing cannot get a silent default.

use jiff::civil::Date;

/// Where one tracked (tool, check) stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Standing {
    /// Done, and the next review is further away than the due-soon window;
    /// None when it falls after the last date hygiene counts (9999-12-31).
    Ok {
        due: Option<Date>,
    },
    /// Done; the next review is due within the due-soon window, today, or
    /// was due within the grace after it.
    DueSoon {
        due: Date,
    },
    /// The review was due before today, and the grace after it has passed.
    Overdue {
        due: Date,
    },
    /// Marked not done, done without a date, or a name that breaks the convention.
    Failing(Failure),
    /// Never looked at since the tool was tracked; the first review is due
    /// on `due` (after it the item is overdue).
    Unreviewed {
        due: Date,
    },
    /// The tool lacks the feature: a standing risk that cannot be fixed in it.
    Unsupported,
    NotApplicable,
    /// Put off until a date; it comes back on that day.
    Snoozed {
        until: Date,
    },
    /// The risk is known and accepted, for the reason given.
    Accepted,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Failure {
    /// Nothing recorded yet.
    NeverDone,
    /// Explicitly marked not done.
    NotDone,
    /// Marked done without the date it was done.
    NoDate,
    /// The value differs from the naming convention (`look_alike`: the
    /// value with look-alike characters shown, when that is the difference).
    NameDiffers {
        expected: String,
        look_alike: Option<String>,
    },
    /// The identity is incomplete and the value does not have the convention's shape.
    NameShape { template: String },
    /// A naming check marked done with no name recorded: nothing to check
    /// against the convention, so never in order.
    NoName,
}

/// The kinds of standing, without their dates: the one source of their
/// names (`due_soon`, as JSON, exports and the command line write them) and
/// of their order (worst first, as the summary lists them).
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    strum::EnumIter,
    strum::EnumCount,
    strum::IntoStaticStr,
    strum::EnumString,
)]
#[strum(serialize_all = "snake_case")]
pub enum StandingKind {
    Overdue,
    Failing,
    Unreviewed,
    DueSoon,
    Unsupported,
    Snoozed,
    Accepted,
    NotApplicable,
    Ok,
}

impl StandingKind {
    /// The stable name: `due_soon`.
    pub fn name(self) -> &'static str {
        self.into()
    }

    /// Shown in the list of things to act on.
    /// What needs doing and is counted as such (the header, the Actions
    /// tab): everything that needs action except a check never answered.
    pub const TO_DO: [StandingKind; 4] = [
        StandingKind::Overdue,
        StandingKind::Failing,
        StandingKind::DueSoon,
        StandingKind::Unsupported,
    ];

    pub fn needs_action(self) -> bool {
        match self {
            StandingKind::Overdue
            | StandingKind::Failing
            | StandingKind::Unreviewed
            | StandingKind::DueSoon
            | StandingKind::Unsupported => true,
            StandingKind::Snoozed
            | StandingKind::Accepted
            | StandingKind::NotApplicable
            | StandingKind::Ok => false,
        }
    }

    /// Its group in the one order of every list ([`crate::engine::worst_first`]),
    /// first group first: overdue, failing, due soon, unreviewed, what the
    /// tool cannot do, the rest.
    pub fn review_group(self) -> u8 {
        match self {
            StandingKind::Overdue => 0,
            StandingKind::Failing => 1,
            StandingKind::DueSoon => 2,
            StandingKind::Unreviewed => 3,
            StandingKind::Unsupported => 4,
            StandingKind::Snoozed
            | StandingKind::Accepted
            | StandingKind::NotApplicable
            | StandingKind::Ok => 5,
        }
    }

    /// In order, for the score: done and not overdue (ok, or due soon,
    /// the grace after the due date included). An accepted risk is shown as
    /// accepted, not as a to-do, but earns no points.
    pub fn is_good(self) -> bool {
        match self {
            StandingKind::Ok | StandingKind::DueSoon => true,
            StandingKind::Overdue
            | StandingKind::Failing
            | StandingKind::Unreviewed
            | StandingKind::Unsupported
            | StandingKind::Snoozed
            | StandingKind::Accepted
            | StandingKind::NotApplicable => false,
        }
    }

    /// Counted by the score at all: not a check marked not applicable, and
    /// not one whose first review is not due yet (neutral: progress, shown
    /// apart). A snoozed check is counted as what it is beneath.
    pub fn counts(self) -> bool {
        match self {
            StandingKind::NotApplicable | StandingKind::Unreviewed => false,
            StandingKind::Overdue
            | StandingKind::Failing
            | StandingKind::DueSoon
            | StandingKind::Unsupported
            | StandingKind::Snoozed
            | StandingKind::Accepted
            | StandingKind::Ok => true,
        }
    }
}

impl Standing {
    pub fn kind(&self) -> StandingKind {
        match self {
            Standing::Ok { .. } => StandingKind::Ok,
            Standing::DueSoon { .. } => StandingKind::DueSoon,
            Standing::Overdue { .. } => StandingKind::Overdue,
            Standing::Failing(_) => StandingKind::Failing,
            Standing::Unreviewed { .. } => StandingKind::Unreviewed,
            Standing::Unsupported => StandingKind::Unsupported,
            Standing::NotApplicable => StandingKind::NotApplicable,
            Standing::Snoozed { .. } => StandingKind::Snoozed,
            Standing::Accepted => StandingKind::Accepted,
        }
    }

    /// The stable name used in JSON, exports and the command line.
    pub fn name(&self) -> &'static str {
        self.kind().name()
    }

    /// The date that matters: the next review, or the end of a snooze.
    pub fn due(&self) -> Option<Date> {
        match self {
            Standing::Ok { due } => *due,
            Standing::DueSoon { due }
            | Standing::Overdue { due }
            | Standing::Unreviewed { due } => Some(*due),
            Standing::Snoozed { until } => Some(*until),
            Standing::Failing(_)
            | Standing::Unsupported
            | Standing::NotApplicable
            | Standing::Accepted => None,
        }
    }

    /// Counted by the score at all (see [`StandingKind::counts`]).
    pub fn counts(&self) -> bool {
        self.kind().counts()
    }

    /// Shown in the list of things to act on.
    pub fn needs_action(&self) -> bool {
        self.kind().needs_action()
    }
}

/// Something odd about an entry that the person should look at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Oddity {
    /// A recorded date is after today: the clock was wrong, or today is.
    FutureDate(Date),
}
