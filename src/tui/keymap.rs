//! Keys to commands, for every mode of the dashboard. The defaults are the
//! embedded `keys.toml`, which is also their documentation; the config's
//! `[keys]` replaces the keys of any command by name (`[keys]` for the
//! dashboard, `[keys.in_review]` and the like for the other modes). A key
//! bound to two commands of one mode is an error naming both. Dispatch, the
//! help, the hint lines and every "press X" text read the same tables, so
//! they never drift from the bindings.

use std::fmt;
use std::str::FromStr;

use indexmap::IndexMap;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use serde::Deserialize;

use hygiene_core::config::{Config, KeyList};
use hygiene_core::error::{Error, Result, unknown_id};

/// A mode's command set: a closed enum whose snake-case names are the keys
/// of its table in `keys.toml` and in the config (`page_up`).
macro_rules! key_commands {
    ($(#[$meta:meta])* pub enum $name:ident { $($body:tt)* }) => {
        $(#[$meta])*
        #[derive(
            Debug,
            Clone,
            Copy,
            PartialEq,
            Eq,
            Hash,
            strum::IntoStaticStr,
            strum::EnumString,
            strum::EnumIter,
        )]
        #[strum(serialize_all = "snake_case")]
        pub enum $name { $($body)* }
    };
}

/// The default keymap: every mode's commands, keys, help and hint words.
pub const DEFAULT_KEYS: &str = include_str!("keys.toml");

key_commands! {
    /// What a key asks for in the dashboard. Its name in the config's `[keys]`
    /// table is the variant's in snake case (`page_up`).
    pub enum Command {
        Up,
        Down,
        Left,
        Right,
        PageUp,
        PageDown,
        First,
        Last,
        NextProblem,
        PreviousProblem,
        NextView,
        PreviousView,
        Select,
        Toggle,
        Archive,
        EditValue,
        SetDate,
        Note,
        NotApplicable,
        AcceptRisk,
        Snooze,
        Undo,
        Filter,
        OnlyProblems,
        RevealSecret,
        EditSecret,
        Identity,
        /// Sync with the other devices (`hygiene sync`).
        Sync,
        Review,
        Incident,
        Help,
        Quit,
    }
}

key_commands! {
    /// A key of the guided review's card (`[keys.in_review]`).
    pub enum ReviewKey {
        /// Done and verified today.
        Done,
        NotDone,
        NotApplicable,
        /// Snooze (then a period).
        Snooze,
        /// Accept the risk (asks the reason).
        Accept,
        /// Edit the value, or the day it was done.
        Edit,
        /// On a group card: every line not yet answered, done.
        All,
        /// Put the items on cards another way: by item, by tool, by check.
        Group,
        /// Skip to the next card.
        Skip,
        /// Back to the previous card.
        Back,
        /// Take the last answer back.
        Undo,
        /// Scroll a long card.
        Down,
        Up,
        Help,
        /// End the review: the summary.
        End,
    }
}

key_commands! {
    /// A key of an incident's cards and of choosing one (`[keys.in_incident]`).
    pub enum IncidentKey {
        /// The step is done.
        Done,
        /// The step does not apply.
        SetAside,
        /// Open the step again.
        Reopen,
        /// The next step; in the list of kinds, the one chosen.
        Next,
        Back,
        Down,
        Up,
        /// Close the incident as it stands.
        Dismiss,
        /// Leave: the incident stays open.
        End,
    }
}

key_commands! {
    /// A key while choosing how long to snooze (`[keys.in_snooze]`).
    pub enum SnoozeKey {
        Week,
        Month,
        Date,
        Up,
        Down,
        /// The choice shown.
        Choose,
        Cancel,
    }
}

key_commands! {
    /// A key of the help screen (`[keys.in_help]`); any other closes it.
    pub enum HelpKey {
        Down,
        Up,
    }
}

key_commands! {
    /// A key of a text field (`[keys.in_editor]`); any other edits the text.
    pub enum EditorKey {
        Save,
        Cancel,
    }
}

/// The modes that have keys of their own, by their table's name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, strum::IntoStaticStr, strum::EnumIter)]
#[strum(serialize_all = "snake_case")]
pub enum KeyMode {
    Dashboard,
    InReview,
    InIncident,
    InSnooze,
    InHelp,
    InEditor,
}

impl KeyMode {
    /// Its heading in the help.
    pub fn heading(self) -> &'static str {
        match self {
            KeyMode::Dashboard => "The dashboard",
            KeyMode::InReview => "In the review",
            KeyMode::InIncident => "In an incident (`!`)",
            KeyMode::InSnooze => "Choosing how long to snooze",
            KeyMode::InHelp => "In this help",
            KeyMode::InEditor => "In a text field",
        }
    }
}

/// A mode's command set: a closed enum whose snake-case names are the
/// table's keys.
pub trait Commands: Copy + Eq + FromStr + Into<&'static str> + strum::IntoEnumIterator {}
impl<C: Copy + Eq + FromStr + Into<&'static str> + strum::IntoEnumIterator> Commands for C {}

/// One command of a mode, as bound now.
#[derive(Debug, Clone)]
pub struct Row<C> {
    pub command: C,
    pub keys: Vec<Key>,
    pub desc: String,
    /// The word in the hint bar, if it has one.
    pub hint: Option<String>,
}

/// One mode's bindings, in the order `keys.toml` lists them.
#[derive(Debug, Clone)]
pub struct Table<C> {
    rows: Vec<Row<C>>,
}

impl<C: Commands> Table<C> {
    pub fn command(&self, event: &KeyEvent) -> Option<C> {
        let key = Key::from_event(event);
        self.rows
            .iter()
            .find(|r| r.keys.contains(&key))
            .map(|r| r.command)
    }

    pub fn rows(&self) -> &[Row<C>] {
        &self.rows
    }

    fn row(&self, command: C) -> Option<&Row<C>> {
        self.rows.iter().find(|r| r.command == command)
    }

    /// The keys bound to `command`, as shown to the person ("space", "q/esc").
    pub fn keys_for(&self, command: C) -> String {
        self.row(command)
            .map(|r| {
                r.keys
                    .iter()
                    .map(Key::to_string)
                    .collect::<Vec<_>>()
                    .join("/")
            })
            .unwrap_or_default()
    }

    /// The first key of `command`, for short hints and "press X" texts.
    pub fn first_key(&self, command: C) -> String {
        self.row(command)
            .and_then(|r| r.keys.first())
            .map(Key::to_string)
            .unwrap_or_default()
    }

    /// A hint for `command` with its own word, `always` shown or not.
    pub fn hint(&self, command: C, word: &str, always: bool) -> Hint {
        Hint {
            key: self.first_key(command),
            word: word.to_string(),
            always,
        }
    }

    /// The hint bar: every command with a hint word and a key; those in
    /// `always` are shown whatever the width.
    pub fn hints(&self, always: &[C]) -> Vec<Hint> {
        self.rows
            .iter()
            .filter_map(|r| {
                let word = r.hint.clone()?;
                let key = r.keys.first()?.to_string();
                Some(Hint {
                    key,
                    word,
                    always: always.contains(&r.command),
                })
            })
            .collect()
    }

    /// (keys, description) for every command: the help's lines.
    pub fn help(&self) -> Vec<(String, String)> {
        self.rows
            .iter()
            .map(|r| (self.keys_for(r.command), r.desc.clone()))
            .collect()
    }
}

/// The bindings in use, every mode.
#[derive(Debug, Clone)]
pub struct Keymap {
    pub dashboard: Table<Command>,
    pub review: Table<ReviewKey>,
    pub incident: Table<IncidentKey>,
    pub snooze: Table<SnoozeKey>,
    pub help: Table<HelpKey>,
    pub editor: Table<EditorKey>,
}

/// A row of `keys.toml`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DefaultRow {
    keys: Vec<String>,
    desc: String,
    hint: Option<String>,
}

type Span = Option<std::ops::Range<usize>>;

/// A mode's bindings as the config gives them: command name and keys.
type Bindings<'a> = Vec<(
    &'a toml::Spanned<String>,
    &'a hygiene_core::config::KeyBinding,
)>;

impl Keymap {
    /// The defaults alone.
    pub fn defaults() -> Keymap {
        match Keymap::build(&IndexMap::new()) {
            Ok(map) => map,
            // keys.toml is built in, and a test proves it valid.
            Err((message, _)) => panic!("keys.toml: {message}"),
        }
    }

    /// The defaults with the config's `[keys]` over them.
    pub fn from_config(config: &Config) -> Result<Keymap> {
        Keymap::build(&config.keys()?)
            .map_err(|(message, span)| Error::at(&config.path, &config.text, span, &message))
    }

    fn build(
        custom: &IndexMap<toml::Spanned<String>, hygiene_core::config::KeyBinding>,
    ) -> std::result::Result<Keymap, (String, Span)> {
        let defaults: IndexMap<String, IndexMap<String, DefaultRow>> =
            toml::from_str(DEFAULT_KEYS).map_err(|e| (e.to_string(), None))?;
        // The dashboard's commands stand in `[keys]` itself; each other mode
        // is a table of its own there.
        let mut flat: Bindings<'_> = Vec::new();
        let mut modes: Vec<(KeyMode, Bindings<'_>)> = Vec::new();
        let others =
            || <KeyMode as strum::IntoEnumIterator>::iter().filter(|m| *m != KeyMode::Dashboard);
        for (name, binding) in custom {
            match binding.get_ref() {
                KeyList::Mode(table) => {
                    let mode = others()
                        .find(|m| <&'static str>::from(*m) == name.get_ref())
                        .ok_or_else(|| {
                            let names = others().map(<&'static str>::from);
                            let message = unknown_id("key mode", name.get_ref(), names);
                            (message, Some(name.span()))
                        })?;
                    modes.push((mode, table.iter().collect()));
                }
                KeyList::One(_) | KeyList::Many(_) => flat.push((name, binding)),
            }
        }
        let own = |mode: KeyMode| -> Bindings<'_> {
            match mode {
                KeyMode::Dashboard => flat.clone(),
                other => modes
                    .iter()
                    .find(|(m, _)| *m == other)
                    .map(|(_, bindings)| bindings.clone())
                    .unwrap_or_default(),
            }
        };
        Ok(Keymap {
            dashboard: table(&defaults, KeyMode::Dashboard, &own(KeyMode::Dashboard))?,
            review: table(&defaults, KeyMode::InReview, &own(KeyMode::InReview))?,
            incident: table(&defaults, KeyMode::InIncident, &own(KeyMode::InIncident))?,
            snooze: table(&defaults, KeyMode::InSnooze, &own(KeyMode::InSnooze))?,
            help: table(&defaults, KeyMode::InHelp, &own(KeyMode::InHelp))?,
            editor: table(&defaults, KeyMode::InEditor, &own(KeyMode::InEditor))?,
        })
    }
}

/// One mode's table: the defaults of `keys.toml`, each command's keys
/// replaced by the config's where it names the command.
fn table<C: Commands>(
    defaults: &IndexMap<String, IndexMap<String, DefaultRow>>,
    mode: KeyMode,
    custom: &Bindings<'_>,
) -> std::result::Result<Table<C>, (String, Span)> {
    let mode_name: &'static str = mode.into();
    let names = || C::iter().map(Into::<&'static str>::into);
    for (name, _) in custom {
        if C::from_str(name.get_ref()).is_err() {
            let what = match mode {
                KeyMode::Dashboard => "key command".to_string(),
                _ => format!("key command of {mode_name}"),
            };
            return Err((
                unknown_id(&what, name.get_ref(), names()),
                Some(name.span()),
            ));
        }
    }
    let rows_of = defaults
        .get(mode_name)
        .ok_or_else(|| (format!("keys.toml has no [{mode_name}]"), None))?;
    let mut rows: Vec<(Row<C>, Span)> = Vec::new();
    for (name, default) in rows_of {
        let command = C::from_str(name).map_err(|_| {
            (
                format!("keys.toml: unknown command `{name}` in [{mode_name}]"),
                None,
            )
        })?;
        let (texts, span): (Vec<String>, Span) =
            match custom.iter().find(|(n, _)| n.get_ref() == name) {
                Some((_, list)) => (
                    list.get_ref()
                        .keys()
                        .into_iter()
                        .map(str::to_string)
                        .collect(),
                    Some(list.span()),
                ),
                None => (default.keys.clone(), None),
            };
        let mut keys = Vec::new();
        for text in texts {
            let key = Key::parse(&text).ok_or_else(|| {
                (
                    format!(
                        "`{name}`: unknown key `{text}`; write a character, or space, enter, esc, tab, backtab, up, down, left, right, home, end, pageup, pagedown, backspace, delete, f1-f12, with ctrl- or alt- before it"
                    ),
                    span.clone(),
                )
            })?;
            if let Some((other, other_span)) = rows.iter().find(|(r, _)| r.keys.contains(&key)) {
                let other_name: &'static str = other.command.into();
                // Point at whichever of the two the config set.
                return Err((
                    format!(
                        "key `{key}` is bound to both `{other_name}` and `{name}`{}; give one of them another key",
                        match mode {
                            KeyMode::Dashboard => String::new(),
                            _ => format!(" in {mode_name}"),
                        }
                    ),
                    span.clone().or_else(|| other_span.clone()),
                ));
            }
            keys.push(key);
        }
        rows.push((
            Row {
                command,
                keys,
                desc: default.desc.clone(),
                hint: default.hint.clone(),
            },
            span,
        ));
    }
    Ok(Table {
        rows: rows.into_iter().map(|(r, _)| r).collect(),
    })
}

/// A key as the keymap compares it: shift folded into the character.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key {
    pub code: KeyCode,
    pub ctrl: bool,
    pub alt: bool,
}

impl Key {
    pub(crate) fn from_event(event: &KeyEvent) -> Key {
        let code = match event.code {
            // Terminals report shifted letters as the upper-case character.
            KeyCode::Char(c) if event.modifiers.contains(KeyModifiers::SHIFT) => {
                KeyCode::Char(c.to_uppercase().next().unwrap_or(c))
            }
            KeyCode::BackTab => KeyCode::BackTab,
            code => code,
        };
        Key {
            code,
            ctrl: event.modifiers.contains(KeyModifiers::CONTROL),
            alt: event.modifiers.contains(KeyModifiers::ALT),
        }
    }

    /// Parse "space", "D", "ctrl-x", "alt-enter", "f5".
    pub fn parse(text: &str) -> Option<Key> {
        let mut rest = text;
        let (mut ctrl, mut alt) = (false, false);
        loop {
            let lower = rest.to_ascii_lowercase();
            if rest.chars().count() > 1
                && (lower.starts_with("ctrl-") || lower.starts_with("ctrl+"))
            {
                ctrl = true;
                rest = &rest[5..];
            } else if rest.chars().count() > 1
                && (lower.starts_with("alt-") || lower.starts_with("alt+"))
            {
                alt = true;
                rest = &rest[4..];
            } else {
                break;
            }
        }
        let mut chars = rest.chars();
        let code = match (chars.next(), chars.next()) {
            (Some(c), None) if !c.is_control() => KeyCode::Char(c),
            _ => match rest.to_ascii_lowercase().as_str() {
                "space" => KeyCode::Char(' '),
                "enter" | "return" => KeyCode::Enter,
                "esc" | "escape" => KeyCode::Esc,
                "tab" => KeyCode::Tab,
                "backtab" | "shift-tab" => KeyCode::BackTab,
                "up" => KeyCode::Up,
                "down" => KeyCode::Down,
                "left" => KeyCode::Left,
                "right" => KeyCode::Right,
                "home" => KeyCode::Home,
                "end" => KeyCode::End,
                "pageup" => KeyCode::PageUp,
                "pagedown" => KeyCode::PageDown,
                "backspace" => KeyCode::Backspace,
                "delete" | "del" => KeyCode::Delete,
                "insert" => KeyCode::Insert,
                f if f.starts_with('f') => match f[1..].parse::<u8>() {
                    Ok(n @ 1..=12) => KeyCode::F(n),
                    _ => return None,
                },
                _ => return None,
            },
        };
        // ctrl-a and ctrl-A are the same key to a terminal.
        let code = match code {
            KeyCode::Char(c) if ctrl => KeyCode::Char(c.to_ascii_lowercase()),
            code => code,
        };
        Some(Key { code, ctrl, alt })
    }
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.ctrl {
            f.write_str("ctrl-")?;
        }
        if self.alt {
            f.write_str("alt-")?;
        }
        match self.code {
            KeyCode::Char(' ') => f.write_str("space"),
            KeyCode::Char(c) => write!(f, "{c}"),
            KeyCode::Enter => f.write_str("enter"),
            KeyCode::Esc => f.write_str("esc"),
            KeyCode::Tab => f.write_str("tab"),
            KeyCode::BackTab => f.write_str("shift-tab"),
            KeyCode::Up => f.write_str("↑"),
            KeyCode::Down => f.write_str("↓"),
            KeyCode::Left => f.write_str("←"),
            KeyCode::Right => f.write_str("→"),
            KeyCode::Home => f.write_str("home"),
            KeyCode::End => f.write_str("end"),
            KeyCode::PageUp => f.write_str("pgup"),
            KeyCode::PageDown => f.write_str("pgdn"),
            KeyCode::Backspace => f.write_str("backspace"),
            KeyCode::Delete => f.write_str("delete"),
            KeyCode::Insert => f.write_str("insert"),
            KeyCode::F(n) => write!(f, "f{n}"),
            _ => f.write_str("?"),
        }
    }
}

/// One entry of a hint bar: the key and the word for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hint {
    pub key: String,
    pub word: String,
    /// Shown whatever the width (help, quit).
    pub always: bool,
}

#[cfg(test)]
mod tests;
