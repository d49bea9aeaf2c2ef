//! Keys to commands. The defaults are a table of `{ name, keys, desc }`; the
//! config's `[keys]` replaces the keys of any command by name; a key bound to
//! two commands is an error naming both. The help overlay and the hint bar
//! are built from the same table, so they never drift from the bindings.

use std::fmt;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use hygiene_core::config::Config;
use hygiene_core::error::{Error, Result, unknown_id};

/// What a key asks for in the dashboard's normal mode. Its name in the
/// config's `[keys]` table is the variant's in snake case (`page_up`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, strum::IntoStaticStr)]
#[strum(serialize_all = "snake_case")]
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
    Review,
    Help,
    Quit,
}

/// One row of the key table.
pub struct Binding {
    pub command: Command,
    pub keys: &'static [&'static str],
    pub desc: &'static str,
    /// Shown in the one-line hint bar.
    pub hint: Option<&'static str>,
}

impl Binding {
    /// The command's name in the config's `[keys]` table.
    pub fn name(&self) -> &'static str {
        self.command.into()
    }
}

/// The default bindings, in the order the help lists them.
pub const DEFAULTS: &[Binding] = &[
    Binding {
        command: Command::Up,
        keys: &["up", "k"],
        desc: "move up",
        hint: None,
    },
    Binding {
        command: Command::Down,
        keys: &["down", "j"],
        desc: "move down",
        hint: None,
    },
    Binding {
        command: Command::Left,
        keys: &["left", "h"],
        desc: "move left",
        hint: None,
    },
    Binding {
        command: Command::Right,
        keys: &["right", "l"],
        desc: "move right",
        hint: None,
    },
    Binding {
        command: Command::PageUp,
        keys: &["pageup"],
        desc: "page up",
        hint: None,
    },
    Binding {
        command: Command::PageDown,
        keys: &["pagedown"],
        desc: "page down",
        hint: None,
    },
    Binding {
        command: Command::First,
        keys: &["home", "g"],
        desc: "first row",
        hint: None,
    },
    Binding {
        command: Command::Last,
        keys: &["end", "G"],
        desc: "last row",
        hint: None,
    },
    Binding {
        command: Command::NextProblem,
        keys: &["]"],
        desc: "next cell that needs action, across tools",
        hint: None,
    },
    Binding {
        command: Command::PreviousProblem,
        keys: &["["],
        desc: "previous cell that needs action",
        hint: None,
    },
    Binding {
        command: Command::NextView,
        keys: &["tab"],
        desc: "next view",
        hint: Some("view"),
    },
    Binding {
        command: Command::PreviousView,
        keys: &["backtab"],
        desc: "previous view",
        hint: None,
    },
    Binding {
        command: Command::Select,
        keys: &["enter"],
        desc: "go to the item; track a tool",
        hint: None,
    },
    Binding {
        command: Command::Review,
        keys: &["r"],
        desc: "review what needs attention, one card at a time",
        hint: Some("review"),
    },
    Binding {
        command: Command::Toggle,
        keys: &["space"],
        desc: "done (today) or not done",
        hint: Some("done"),
    },
    Binding {
        command: Command::Archive,
        keys: &["a"],
        desc: "record an archive today",
        hint: Some("archive"),
    },
    Binding {
        command: Command::EditValue,
        keys: &["e"],
        desc: "edit a naming check's value",
        hint: Some("edit"),
    },
    Binding {
        command: Command::SetDate,
        keys: &["D"],
        desc: "set the date it was done",
        hint: Some("date"),
    },
    Binding {
        command: Command::Note,
        keys: &["n"],
        desc: "edit the note",
        hint: Some("note"),
    },
    Binding {
        command: Command::NotApplicable,
        keys: &["x"],
        desc: "not applicable, or back",
        hint: Some("n/a"),
    },
    Binding {
        command: Command::AcceptRisk,
        keys: &["R"],
        desc: "accept the risk, with a reason",
        hint: None,
    },
    Binding {
        command: Command::Snooze,
        keys: &["s"],
        desc: "snooze: a week (enter), a month (m) or to a date (d)",
        hint: Some("snooze"),
    },
    Binding {
        command: Command::Undo,
        keys: &["u"],
        desc: "undo the last change",
        hint: Some("undo"),
    },
    Binding {
        command: Command::Filter,
        keys: &["/"],
        desc: "filter tools by name",
        hint: Some("filter"),
    },
    Binding {
        command: Command::OnlyProblems,
        keys: &["o"],
        desc: "only overdue or failing tools",
        hint: None,
    },
    Binding {
        command: Command::RevealSecret,
        keys: &["p"],
        desc: "show the private note",
        hint: None,
    },
    Binding {
        command: Command::EditSecret,
        keys: &["P"],
        desc: "write the private note",
        hint: None,
    },
    Binding {
        command: Command::Identity,
        keys: &["I"],
        desc: "change your name and organisation",
        hint: None,
    },
    Binding {
        command: Command::Help,
        keys: &["?"],
        desc: "this help",
        hint: Some("help"),
    },
    Binding {
        command: Command::Quit,
        keys: &["q", "esc"],
        desc: "quit (esc clears a filter first)",
        hint: Some("quit"),
    },
];

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

/// One entry of the hint bar: the key, the word for it, and the command it
/// runs (none for a text field's enter and esc).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hint {
    pub key: String,
    pub word: &'static str,
    pub command: Option<Command>,
}

impl Hint {
    /// Help and quit show whatever the width.
    pub(crate) fn always_shown(&self) -> bool {
        matches!(self.command, Some(Command::Help | Command::Quit))
    }
}

/// The bindings in use.
#[derive(Debug, Clone)]
pub struct Keymap {
    /// (key, command), for lookup.
    keys: Vec<(Key, Command)>,
    /// Per default-table row, the keys bound now.
    bound: Vec<Vec<Key>>,
}

impl Keymap {
    /// The defaults alone, for the test that proves them valid and free of
    /// conflicts.
    #[cfg(test)]
    pub(crate) fn defaults() -> Keymap {
        Keymap::build(|_| None).expect("the default keys are valid and free of conflicts")
    }

    /// The defaults with the config's `[keys]` over them.
    pub fn from_config(config: &Config) -> Result<Keymap> {
        for name in config.keys.keys() {
            if !DEFAULTS.iter().any(|b| b.name() == name.get_ref()) {
                return Err(Error::at(
                    &config.path,
                    &config.text,
                    Some(name.span()),
                    &unknown_id(
                        "key command",
                        name.get_ref(),
                        DEFAULTS.iter().map(Binding::name),
                    ),
                ));
            }
        }
        Keymap::build(|name| {
            config
                .keys
                .iter()
                .find(|(n, _)| n.get_ref() == name)
                .map(|(_, keys)| keys)
        })
        .map_err(|(message, span)| Error::at(&config.path, &config.text, span, &message))
    }

    #[allow(clippy::type_complexity)]
    fn build<'a>(
        custom: impl Fn(&str) -> Option<&'a hygiene_core::config::KeyBinding>,
    ) -> std::result::Result<Keymap, (String, Option<std::ops::Range<usize>>)> {
        type Span = Option<std::ops::Range<usize>>;
        let mut keys: Vec<(Key, Command, &str, Span)> = Vec::new();
        let mut bound = Vec::with_capacity(DEFAULTS.len());
        for binding in DEFAULTS {
            let (texts, span): (Vec<String>, _) = match custom(binding.name()) {
                Some(list) => (
                    list.get_ref()
                        .keys()
                        .into_iter()
                        .map(str::to_string)
                        .collect(),
                    Some(list.span()),
                ),
                None => (
                    binding
                        .keys
                        .iter()
                        .map(std::string::ToString::to_string)
                        .collect(),
                    None,
                ),
            };
            let mut these = Vec::new();
            for text in texts {
                let key = Key::parse(&text).ok_or_else(|| {
                    (
                        format!(
                            "`{}`: unknown key `{text}`; write a character, or space, enter, esc, tab, backtab, up, down, left, right, home, end, pageup, pagedown, backspace, delete, f1-f12, with ctrl- or alt- before it",
                            binding.name()
                        ),
                        span.clone(),
                    )
                })?;
                if let Some((_, _, other, other_span)) = keys.iter().find(|(k, ..)| *k == key) {
                    // Point at whichever of the two the config set.
                    return Err((
                        format!(
                            "key `{key}` is bound to both `{other}` and `{}`; give one of them another key",
                            binding.name()
                        ),
                        span.clone().or_else(|| other_span.clone()),
                    ));
                }
                keys.push((key, binding.command, binding.name(), span.clone()));
                these.push(key);
            }
            bound.push(these);
        }
        Ok(Keymap {
            keys: keys.into_iter().map(|(k, c, ..)| (k, c)).collect(),
            bound,
        })
    }

    pub fn command(&self, event: &KeyEvent) -> Option<Command> {
        let key = Key::from_event(event);
        self.keys
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, command)| *command)
    }

    /// The keys bound to `command`, as shown to the person ("space", "q/esc").
    pub(crate) fn keys_for(&self, command: Command) -> String {
        DEFAULTS
            .iter()
            .position(|b| b.command == command)
            .map(|i| {
                self.bound[i]
                    .iter()
                    .map(Key::to_string)
                    .collect::<Vec<_>>()
                    .join("/")
            })
            .unwrap_or_default()
    }

    /// The first key of `command`, for short hints.
    pub(crate) fn first_key(&self, command: Command) -> String {
        DEFAULTS
            .iter()
            .position(|b| b.command == command)
            .and_then(|i| self.bound[i].first())
            .map(Key::to_string)
            .unwrap_or_default()
    }

    /// (keys, description) for every command, in table order: the help screen.
    pub fn help(&self) -> Vec<(String, &'static str)> {
        DEFAULTS
            .iter()
            .map(|b| (self.keys_for(b.command), b.desc))
            .collect()
    }

    /// (key, word) for the hint bar.
    pub fn hints(&self) -> Vec<Hint> {
        DEFAULTS
            .iter()
            .filter_map(|b| {
                b.hint.map(|word| Hint {
                    key: self.first_key(b.command),
                    word,
                    command: Some(b.command),
                })
            })
            .filter(|h| !h.key.is_empty())
            .collect()
    }
}

#[cfg(test)]
mod tests;
