//! A list written one item to a line, edited item by item with the
//! comments that belong to each:
//!
//! ```toml
//! track = [
//!   "whatsapp", # personal phone      <- whatsapp's (same line)
//!   # slack is for the day job        <- slack's (directly above it)
//!   "slack",    # work workspace      <- slack's
//!
//!   # calls                           <- nobody's (a blank line below it)
//!   "zoom",
//! ]
//! ```
//!
//! `toml_edit` keeps a comment in the layout before the next value, so a
//! plain remove or push moves comments to the wrong item. Here each item
//! holds its own lines: removing one removes only its comments, and a new
//! one lands after the last item's comment, never under it.

use toml_edit::{Array, Value};

/// One item with the lines it owns.
struct Element {
    /// The lines above the value and its indentation.
    lead: String,
    /// The value, without layout.
    value: Value,
    /// Space between the value and its comma.
    sep: String,
    /// The rest of its line: its comment and the line break.
    tail: String,
}

pub(super) struct List {
    /// The rest of the `[` line.
    open: String,
    items: Vec<Element>,
    /// Lines after the last item, before `]`.
    close: String,
    trailing_comma: bool,
}

/// The line break inside the document; the file's own (CRLF) is put back
/// when it is written.
const NL: &str = "\n";

/// Text up to and including the first line break, and the rest; with no
/// line break, nothing and all of it.
fn split_line(s: &str) -> (&str, &str) {
    match s.find('\n') {
        Some(i) => s.split_at(i + 1),
        None => ("", s),
    }
}

/// A lead's lines cut after its last blank line: what stands apart above
/// (nobody's), and what sits directly above the value (the item's own).
fn split_own(lead: &str) -> (&str, &str) {
    let mut cut = 0;
    let mut at = 0;
    for line in lead.split_inclusive('\n') {
        at += line.len();
        if line.ends_with('\n') && line.trim().is_empty() {
            cut = at;
        }
    }
    lead.split_at(cut)
}

fn raw(r: Option<&toml_edit::RawString>) -> String {
    r.and_then(toml_edit::RawString::as_str)
        .unwrap_or_default()
        .to_string()
}

impl List {
    /// The list's items with their lines; None for a list on one line (the
    /// plain edits keep it as it is).
    pub(super) fn read(array: &Array) -> Option<List> {
        let mut prefixes: Vec<String> = array.iter().map(|v| raw(v.decor().prefix())).collect();
        let mut suffixes: Vec<String> = array.iter().map(|v| raw(v.decor().suffix())).collect();
        let trailing_comma = array.trailing_comma();
        let mut end = array.trailing().as_str().unwrap_or_default().to_string();
        if !trailing_comma && let Some(last) = suffixes.last_mut() {
            // Without a trailing comma the last value's comment is its suffix.
            end = std::mem::take(last) + &end;
        }
        if !prefixes
            .iter()
            .chain(&suffixes)
            .chain([&end])
            .any(|s| s.contains('\n'))
        {
            return None;
        }
        if array.is_empty() {
            return Some(List {
                open: String::new(),
                items: Vec::new(),
                close: end,
                trailing_comma,
            });
        }
        let first = prefixes.first_mut().map(std::mem::take).unwrap_or_default();
        let (open, lead) = split_line(&first);
        let mut leads = vec![lead.to_string()];
        let mut tails = Vec::new();
        for prefix in prefixes.iter().skip(1) {
            let (tail, lead) = split_line(prefix);
            tails.push(tail.to_string());
            leads.push(lead.to_string());
        }
        let (tail, close) = split_line(&end);
        tails.push(tail.to_string());
        let items = array
            .iter()
            .zip(leads)
            .zip(suffixes)
            .zip(tails)
            .map(|(((value, lead), sep), tail)| {
                let mut value = value.clone();
                value.decor_mut().clear();
                Element {
                    lead,
                    value,
                    sep,
                    tail,
                }
            })
            .collect();
        Some(List {
            open: open.to_string(),
            items,
            close: close.to_string(),
            trailing_comma,
        })
    }

    /// Remove the items `gone` picks, each with its own lines; the lines
    /// that stood apart above it stay.
    pub(super) fn remove(&mut self, gone: impl Fn(&Value) -> bool) {
        let mut kept: Vec<Element> = Vec::new();
        let mut carried = String::new();
        for mut e in std::mem::take(&mut self.items) {
            if gone(&e.value) {
                carried.push_str(split_own(&e.lead).0);
            } else {
                e.lead = std::mem::take(&mut carried) + &e.lead;
                kept.push(e);
            }
        }
        self.close = carried + &self.close;
        self.items = kept;
    }

    /// The indentation of the items (after the last line break of a lead).
    fn indent(&self) -> String {
        self.items
            .iter()
            .rev()
            .map(|e| e.lead.rsplit('\n').next().unwrap_or_default())
            .find(|i| !i.is_empty())
            .unwrap_or("  ")
            .to_string()
    }

    /// Put `value` at `index` (the end when past it), on a line of its own.
    pub(super) fn insert(&mut self, index: usize, value: &str) {
        let index = index.min(self.items.len());
        let indent = self.indent();
        let above = match index {
            0 => &self.open,
            i => &self.items[i - 1].tail,
        };
        let own_line = above.ends_with('\n');
        let at_end = index == self.items.len();
        let lead = if own_line {
            indent
        } else {
            format!("{NL}{indent}")
        };
        // The last item's line break comes from the line it replaces.
        let tail = if !at_end || own_line {
            NL.to_string()
        } else {
            String::new()
        };
        self.items.insert(
            index,
            Element {
                lead,
                value: Value::from(value),
                sep: String::new(),
                tail,
            },
        );
    }

    /// Write the items back into `array`.
    pub(super) fn write(self, array: &mut Array) {
        array.clear();
        let mut above = self.open;
        for e in self.items {
            let mut value = e.value;
            value.decor_mut().set_prefix(above + &e.lead);
            value.decor_mut().set_suffix(e.sep);
            array.push_formatted(value);
            above = e.tail;
        }
        array.set_trailing_comma(self.trailing_comma && !array.is_empty());
        array.set_trailing(above + &self.close);
    }
}
