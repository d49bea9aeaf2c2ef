//! Changes to the user's config that keep their comments and layout: the
//! tracked tools and the identity. The file is edited as a TOML document, and
//! the result must load as a config before it is written.

use std::path::Path;

use toml_edit::{Array, DocumentMut, Item, Value};

use crate::config::Config;
use crate::error::{Error, Result};
use crate::naming::Identity;
use crate::state::write_str;

mod list;
use list::List;

/// The commented config `hygiene init` (and the first `track`) writes.
pub(crate) fn init_text(identity: &Identity, track: &[String]) -> String {
    let mut tracked = String::new();
    for (i, id) in track.iter().enumerate() {
        if i > 0 {
            tracked.push_str(", ");
        }
        write_str(&mut tracked, id);
    }
    let field = |name: &str, value: &Option<String>, example: &str| -> String {
        match value.as_deref().map(str::trim).filter(|v| !v.is_empty()) {
            Some(v) => {
                let mut line = format!("{name} = ");
                write_str(&mut line, v);
                line
            }
            None => format!("# {name} = \"{example}\""),
        }
    };
    format!(
        r#"# hygiene config. `hygiene paths` shows where it lives; `hygiene show TOOL`
# shows what each check asks. hygiene keeps your comments when it changes this
# file (track, untrack, the dashboard's Tools view).

# The tools you use, in the order the dashboard lists them. `hygiene tools`
# lists the known ids; `hygiene track ID` and `hygiene untrack ID` edit this.
track = [{tracked}]

# Days before a due date when an item counts as due soon.
# due_soon_days = 14

# Catalog files to add to the built-in one, such as your organisation's policy.
# include = ["~/org/hygiene-catalog.toml"]

# Who you are, for the naming conventions: WhatsApp's "{{first}} {{last}} ({{org}})"
# then means exactly your name, as in "Alex Black (MOJ)".
[identity]
{first}
{last}
{org}

# Change a check for every tool:
# [checks.archive]
# every = "2 weeks"

# Change one tool's naming convention or cadence, or add a tool of your own:
# [tools.whatsapp]
# naming = "{{first}} {{last}} - {{org}}"
# cadence = {{ archive = 7 }}

# Dashboard keys (the defaults are listed by `?` on the dashboard):
# [keys]
# toggle = "space"
# quit = ["q", "esc"]
"#,
        first = field("first", &identity.first, "Alex"),
        last = field("last", &identity.last, "Black"),
        org = field("org", &identity.org, "MOJ"),
    )
}

fn parse(path: &Path, text: &str) -> Result<DocumentMut> {
    // Validate as a config first, for an error with the file's line and column.
    Config::parse(path, text.to_string())?;
    text.parse::<DocumentMut>()
        .map_err(|e| Error::at(path, text, e.span(), e.message()))
}

/// Make sure the edit still loads, so a bug here can never write a bad file.
/// The file's line breaks are kept: a CRLF file stays CRLF.
fn finish(path: &Path, original: &str, doc: &DocumentMut) -> Result<String> {
    let mut text = doc.to_string();
    if original.contains("\r\n") {
        text = text.replace("\r\n", "\n").replace('\n', "\r\n");
    }
    Config::parse(path, text.clone()).map_err(|e| {
        Error::invalid(
            path,
            format!("refusing to write an edit that does not load: {e}"),
        )
    })?;
    Ok(text)
}

fn track_array<'a>(path: &Path, doc: &'a mut DocumentMut) -> Result<&'a mut Array> {
    if !doc.contains_key("track") {
        doc.insert("track", Item::Value(Value::Array(Array::new())));
    }
    doc.get_mut("track")
        .and_then(Item::as_array_mut)
        .ok_or_else(|| Error::invalid(path, "`track` must be a list of tool ids"))
}

/// Add `ids` to `track` (those not there yet), keeping the rest of the file.
/// With no file yet, the commented config with these tools.
fn track(path: &Path, text: Option<&str>, ids: &[String]) -> Result<String> {
    let Some(text) = text else {
        return Ok(init_text(&Identity::default(), ids));
    };
    let mut doc = parse(path, text)?;
    let array = track_array(path, &mut doc)?;
    let new: Vec<&String> = ids
        .iter()
        .filter(|id| !array.iter().any(|v| names(v, id)))
        .collect();
    if let Some(mut list) = List::read(array) {
        for id in new {
            list.insert(usize::MAX, id);
        }
        list.write(array);
    } else {
        for id in new {
            array.push(id.as_str());
        }
    }
    finish(path, text, &doc)
}

/// Put `id` back into `track` at `index` (undoing an untrack), keeping the rest.
fn track_at(path: &Path, text: Option<&str>, id: &str, index: usize) -> Result<String> {
    let Some(text) = text else {
        return Ok(init_text(&Identity::default(), &[id.to_string()]));
    };
    let mut doc = parse(path, text)?;
    let array = track_array(path, &mut doc)?;
    if !array.iter().any(|v| names(v, id)) {
        if let Some(mut list) = List::read(array) {
            list.insert(index, id);
            list.write(array);
        } else {
            array.insert(index.min(array.len()), id);
        }
    }
    finish(path, text, &doc)
}

/// Whether a `track` entry names the tool `id`: ids match without regard to
/// case, in the config as on the command line.
fn names(value: &toml_edit::Value, id: &str) -> bool {
    value.as_str().is_some_and(|s| s.eq_ignore_ascii_case(id))
}

/// Remove `ids` from `track`, keeping the rest of the file.
fn untrack(path: &Path, text: &str, ids: &[String]) -> Result<String> {
    let mut doc = parse(path, text)?;
    let array = track_array(path, &mut doc)?;
    let gone = |v: &Value| ids.iter().any(|id| names(v, id));
    if let Some(mut list) = List::read(array) {
        list.remove(gone);
        list.write(array);
    } else {
        // The first element carries the list's opening layout; keep it in place.
        let first_prefix = array.get(0).and_then(|v| v.decor().prefix().cloned());
        array.retain(|v| !gone(v));
        if let (Some(prefix), Some(first)) = (first_prefix, array.get_mut(0)) {
            first.decor_mut().set_prefix(prefix);
        }
    }
    finish(path, text, &doc)
}

/// Set `[identity]`'s first, last and org, keeping the rest of the file (and
/// the comments beside each value); an empty one is removed.
fn set_identity(path: &Path, text: &str, identity: &Identity) -> Result<String> {
    let mut doc = parse(path, text)?;
    if !doc.contains_key("identity") {
        doc.insert("identity", Item::Table(toml_edit::Table::new()));
    }
    let table = doc
        .get_mut("identity")
        .and_then(Item::as_table_like_mut)
        .ok_or_else(|| Error::invalid(path, "`identity` must be a table"))?;
    for (key, value) in [
        ("first", &identity.first),
        ("last", &identity.last),
        ("org", &identity.org),
    ] {
        match value.as_deref().map(str::trim).filter(|v| !v.is_empty()) {
            Some(v) => match table.get_mut(key).and_then(Item::as_value_mut) {
                // Changed in place: the comments above the key and beside
                // the value stay where they are.
                Some(old) => {
                    let decor = old.decor().clone();
                    *old = Value::from(v);
                    *old.decor_mut() = decor;
                }
                None => {
                    table.insert(key, Item::Value(Value::from(v)));
                }
            },
            None => {
                table.remove(key);
            }
        }
    }
    finish(path, text, &doc)
}

/// A change to the config file. Every edit of it (`init`, `track`,
/// `untrack`, the dashboard's first-run form and Tools view) goes through
/// [`apply`], as every change of the state goes through `session`, so a rule
/// added there holds for both faces.
#[derive(Debug, Clone, Copy)]
pub(crate) enum ConfigChange<'a> {
    /// A new commented config; over an existing one only with `replace`
    /// (`init --force`, which keeps the old one as `.bak`).
    Create {
        identity: &'a Identity,
        tools: &'a [String],
        replace: bool,
    },
    /// Track these tools (at a place in the list, when undoing an untrack);
    /// with no config yet, a new one that tracks them.
    Track {
        ids: &'a [String],
        at: Option<usize>,
    },
    /// Stop tracking these tools.
    Untrack { ids: &'a [String] },
    /// Set the name and organisation in `[identity]` (an empty field is removed).
    Identity { identity: &'a Identity },
}

/// What [`apply`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Edited {
    /// The config did not exist before.
    pub created: bool,
}

/// Apply `change` to the config at `path` as it is on disk now, under its
/// lock; the comments and layout of the rest of the file are kept.
pub(crate) fn apply(
    path: &Path,
    change: ConfigChange<'_>,
    wait: std::time::Duration,
) -> Result<crate::warning::Done<Edited>> {
    crate::store::update(path, wait, |text| {
        let new = match change {
            ConfigChange::Create { replace: false, .. } if text.is_some() => {
                return Err(Error::Exists {
                    path: path.to_path_buf(),
                });
            }
            ConfigChange::Create {
                identity, tools, ..
            } => init_text(identity, tools),
            ConfigChange::Track { ids, at: None } => track(path, text, ids)?,
            ConfigChange::Track { ids, at: Some(i) } => {
                let mut new = text.map(str::to_string);
                for (k, id) in ids.iter().enumerate() {
                    new = Some(track_at(path, new.as_deref(), id, i + k)?);
                }
                new.unwrap_or_else(|| init_text(&Identity::default(), ids))
            }
            ConfigChange::Untrack { ids } => {
                let text = text.ok_or_else(|| Error::invalid(path, "the config disappeared"))?;
                untrack(path, text, ids)?
            }
            ConfigChange::Identity { identity } => match text {
                Some(text) => set_identity(path, text, identity)?,
                None => init_text(identity, &[]),
            },
        };
        Ok((
            Some(new),
            Edited {
                created: text.is_none(),
            },
        ))
    })
}

#[cfg(test)]
mod tests;
