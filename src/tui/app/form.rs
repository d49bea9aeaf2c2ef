//! The first-run form and the identity editor: its steps and its fields.

use tui_input::Input;

use hygiene_core::naming::Identity;

/// A step of the first-run form (the identity editor has the first three).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum FormStep {
    #[default]
    First,
    Last,
    Org,
    Tools,
}

impl FormStep {
    /// The name field it edits (an index into `Onboarding::fields`).
    pub fn field(self) -> Option<usize> {
        match self {
            FormStep::First => Some(0),
            FormStep::Last => Some(1),
            FormStep::Org => Some(2),
            FormStep::Tools => None,
        }
    }

    /// The step after, if any.
    pub fn next(self) -> Option<FormStep> {
        match self {
            FormStep::First => Some(FormStep::Last),
            FormStep::Last => Some(FormStep::Org),
            FormStep::Org => Some(FormStep::Tools),
            FormStep::Tools => None,
        }
    }

    /// The step before, if any.
    pub fn previous(self) -> Option<FormStep> {
        match self {
            FormStep::First => None,
            FormStep::Last => Some(FormStep::First),
            FormStep::Org => Some(FormStep::Last),
            FormStep::Tools => Some(FormStep::Org),
        }
    }
}

#[derive(Debug, Clone)]
pub struct Onboarding {
    pub step: FormStep,
    pub fields: [Input; 3],
    /// Per catalog tool: chosen.
    pub chosen: Vec<bool>,
    pub cursor: usize,
}

impl Onboarding {
    pub fn new(tools: usize) -> Onboarding {
        Onboarding {
            step: FormStep::First,
            fields: Default::default(),
            chosen: vec![false; tools],
            cursor: 0,
        }
    }

    pub fn identity(&self) -> Identity {
        let value = |i: usize| {
            let v = self.fields[i].value().trim();
            (!v.is_empty()).then(|| v.to_string())
        };
        Identity {
            first: value(0),
            last: value(1),
            org: value(2),
        }
    }
}
