//! A fast reader for catalog files in the plainest layout: `name` and
//! `expires` at the top, then `[tools.ID]`, `[checks.ID]` and `[sources.ID]`
//! tables of `key = value` lines, each value on its line (a basic string, a
//! whole number, `true` or `false`, a date, or a list of strings), with single
//! spaces around `=` and after each comma. An organisation's list of tools
//! is usually written so, and a large one reads several times faster than
//! through a general TOML parser.
//!
//! It accepts only that layout, exactly, with the same rules as the full
//! reader. Anything else (a comment after a value, other spacing, a multi-line
//! or literal string, an inline table, a dotted key, an unknown field, a text
//! too long) returns `None`, and the full TOML reader takes over and reports
//! any error with its place. So the two never disagree: the property tests
//! and a fuzz target check that whatever this accepts, the full reader reads
//! to the same catalog file, spans included.

use std::borrow::Cow;

use toml::Spanned;

use super::{CatalogFile, CheckDef, CheckKind, SourceDef, ToolDef};
use crate::dates;
use crate::serde_util::{FileDate, Limited};
use crate::toml_lines::{Cursor, blank, limited, once};

/// The table the lines below a header go to.
enum Table {
    Top,
    Tool(Spanned<String>, ToolDef),
    Check(Spanned<String>, CheckDef),
    Source(String, Source),
}

/// A source's fields; its title is required, so it is checked at the end.
#[derive(Default)]
struct Source {
    title: Option<Limited<200>>,
    publisher: Option<Limited<200>>,
    date: Option<Limited<40>>,
    file: Option<Limited<200>>,
    url: Option<Limited<400>>,
}

pub(super) fn parse(text: &str) -> Option<CatalogFile> {
    let mut file = CatalogFile::default();
    let mut table = Table::Top;
    let mut offset = 0;
    for line in text.split('\n') {
        offset += line.len() + 1;
        if blank(line)? {
            continue;
        }
        let mut line = Line {
            cursor: Cursor(line),
            end: offset - 1,
        };
        if line.cursor.eat("[") {
            let kind = line.cursor.bare()?;
            if !line.cursor.eat(".") {
                return None;
            }
            let at = line.at();
            let id = line.cursor.bare()?;
            let key = Spanned::new(at..line.at(), id.to_string());
            if line.cursor.0 != "]" {
                return None;
            }
            close(&mut file, std::mem::replace(&mut table, Table::Top))?;
            table = match kind {
                "tools" if !file.tools.contains_key(id) => Table::Tool(key, ToolDef::default()),
                "checks" if !file.checks.contains_key(id) => Table::Check(key, CheckDef::default()),
                "sources" if !file.sources.contains_key(id) => {
                    Table::Source(id.to_string(), Source::default())
                }
                _ => return None,
            };
            continue;
        }
        let name = line.cursor.bare()?;
        if !line.cursor.eat(" = ") {
            return None;
        }
        match &mut table {
            Table::Top => match name {
                "name" => once(&mut file.name, line.text()?)?,
                "expires" => once(&mut file.expires, line.date()?)?,
                _ => return None,
            },
            Table::Tool(_, tool) => match name {
                "name" => once(&mut tool.name, line.text()?)?,
                "kind" => once(&mut tool.kind, line.text()?)?,
                "audience" => once(&mut tool.audience, line.text()?)?,
                "approval" => once(&mut tool.approval, line.text()?)?,
                "access" => once(&mut tool.access, line.text()?)?,
                "discontinued" => once(&mut tool.discontinued, line.boolean()?)?,
                "checks" => once(&mut tool.checks, line.list(Line::spanned_item)?)?,
                "lacks" => once(&mut tool.lacks, line.list(Line::spanned_item)?)?,
                "mfa_methods" => once(&mut tool.mfa_methods, line.list(Line::limited)?)?,
                "naming" => once(&mut tool.naming, line.spanned()?)?,
                "sources" => once(&mut tool.sources, line.list(Line::spanned_item)?)?,
                _ => return None,
            },
            Table::Check(_, check) => match name {
                "title" => once(&mut check.title, line.text()?)?,
                "short" => once(&mut check.short, line.spanned()?)?,
                "kind" => once(&mut check.kind, line.kind()?)?,
                "cadence_days" => once(&mut check.cadence_days, line.integer()?)?,
                "weight" => once(&mut check.weight, line.integer()?)?,
                "action" => once(&mut check.action, line.text()?)?,
                "why" => once(&mut check.why, line.text()?)?,
                "how" => once(&mut check.how, line.text()?)?,
                "sources" => once(&mut check.sources, line.list(Line::spanned_item)?)?,
                _ => return None,
            },
            Table::Source(_, source) => match name {
                "title" => once(&mut source.title, line.text()?)?,
                "publisher" => once(&mut source.publisher, line.text()?)?,
                "date" => once(&mut source.date, line.text()?)?,
                "file" => once(&mut source.file, line.text()?)?,
                "url" => once(&mut source.url, line.text()?)?,
                _ => return None,
            },
        }
    }
    close(&mut file, table)?;
    Some(file)
}

/// Put a finished table into the file.
fn close(file: &mut CatalogFile, table: Table) -> Option<()> {
    match table {
        Table::Top => {}
        Table::Tool(key, tool) => {
            file.tools.insert(key, tool);
        }
        Table::Check(key, check) => {
            file.checks.insert(key, check);
        }
        Table::Source(key, source) => {
            let source = SourceDef {
                title: source.title?,
                publisher: source.publisher,
                date: source.date,
                file: source.file,
                url: source.url,
            };
            file.sources.insert(key, source);
        }
    }
    Some(())
}

/// One line being read, and where it ends in the file (for spans).
struct Line<'a> {
    cursor: Cursor<'a>,
    end: usize,
}

impl Line<'_> {
    /// Where the cursor is, in the whole file.
    fn at(&self) -> usize {
        self.end - self.cursor.0.len()
    }

    /// The value is the rest of the line.
    fn end<T>(&self, value: T) -> Option<T> {
        self.cursor.0.is_empty().then_some(value)
    }

    /// A string, with the span of its quotes.
    fn spanned_item(&mut self) -> Option<Spanned<String>> {
        let from = self.at();
        let text = self.cursor.string()?.into_owned();
        Some(Spanned::new(from..self.at(), text))
    }

    fn spanned(&mut self) -> Option<Spanned<String>> {
        let text = self.spanned_item()?;
        self.end(text)
    }

    fn limited<const N: usize>(&mut self) -> Option<Limited<N>> {
        let text = self.cursor.string()?.into_owned();
        limited(text, N).map(Limited)
    }

    fn text<const N: usize>(&mut self) -> Option<Limited<N>> {
        let text = self.limited()?;
        self.end(text)
    }

    /// A list of strings on one line: `["a", "b"]` or `[]`.
    fn list<T>(&mut self, item: impl Fn(&mut Self) -> Option<T>) -> Option<Vec<T>> {
        let mut items = Vec::new();
        if !self.cursor.eat("[") {
            return None;
        }
        if !self.cursor.eat("]") {
            loop {
                items.push(item(self)?);
                if self.cursor.eat("]") {
                    break;
                }
                if !self.cursor.eat(", ") {
                    return None;
                }
            }
        }
        self.end(items)
    }

    fn boolean(&mut self) -> Option<bool> {
        match self.cursor.0 {
            "true" => Some(true),
            "false" => Some(false),
            _ => None,
        }
    }

    /// A whole number in plain decimal: `0`, `30`, `-1` (no `+`, `_`, leading
    /// zeros or other bases: those go to the full reader).
    fn integer(&mut self) -> Option<Spanned<i64>> {
        let from = self.at();
        let text = self.cursor.0;
        let digits = text.strip_prefix('-').unwrap_or(text);
        if digits.is_empty()
            || digits.len() > 18
            || !digits.bytes().all(|b| b.is_ascii_digit())
            || (digits.len() > 1 && digits.starts_with('0'))
        {
            return None;
        }
        let value = text.parse().ok()?;
        Some(Spanned::new(from..from + text.len(), value))
    }

    /// A plain date (`2020-12-31`), or one in quotes, as the full reader takes.
    fn date(&mut self) -> Option<FileDate> {
        let text = if self.cursor.0.starts_with('"') {
            self.cursor.string()?
        } else {
            Cow::Borrowed(std::mem::take(&mut self.cursor.0))
        };
        let date = dates::parse_iso(&text)?;
        self.end(FileDate(date))
    }

    fn kind(&mut self) -> Option<CheckKind> {
        let kind = match self.cursor.string()?.as_ref() {
            "yesno" => CheckKind::YesNo,
            "naming" => CheckKind::Naming,
            "dated" => CheckKind::Dated,
            _ => return None,
        };
        self.end(kind)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    /// The fast reading and the full one, as text (spans included).
    fn both(text: &str) -> (Option<String>, String) {
        let full = toml::from_str::<CatalogFile>(text)
            .map(|f| format!("{f:?}"))
            .unwrap_or_else(|e| format!("error: {e}"));
        (parse(text).map(|f| format!("{f:?}")), full)
    }

    #[test]
    fn reads_the_plain_layout_as_the_full_reader_does() {
        let text = "# An organisation's catalog\nname = \"Org \\\"policy\\\"\"\nexpires = 2020-12-31\n\n\
                    [tools.tool-1]\nname = \"Tool 1\"\ndiscontinued = true\n\
                    checks = [\"mfa\", \"password\"]\nlacks = []\nmfa_methods = [\"SMS\"]\n\
                    naming = \"{first} {last} ({org})\"\nsources = [\"org\"]\n\n\
                    [checks.badge]\ntitle = \"Badge\"\nkind = \"yesno\"\ncadence_days = 30\nweight = -1\n\
                    short = \"B\"\nwhy = \"Why \\u00e9\"\n\n\
                    [sources.org]\ntitle = \"Org policy\"\nurl = \"https://example.org\"\n";
        let (fast, full) = both(text);
        assert_eq!(fast.as_deref(), Some(full.as_str()));
    }

    #[test]
    fn a_generated_catalog_is_read_fast() {
        let set = crate::sample::generate(30, jiff::civil::Date::constant(2026, 11, 25), 3);
        let (fast, full) = both(&set.catalog);
        assert_eq!(fast.as_deref(), Some(full.as_str()));
        // And the whole path takes it.
        assert!(super::super::parse_file(Path::new("org.toml"), &set.catalog).is_ok());
    }

    #[test]
    fn anything_else_goes_to_the_full_reader() {
        for text in [
            "name = \"a\" # later\n",                      // a comment after a value
            "name=\"a\"\n",                                // other spacing
            "name = 'a'\n",                                // a literal string
            "name = \"\"\"a\"\"\"\n",                      // a multi-line string
            "name = \"a\"\nname = \"b\"\n",                // twice
            "title = \"a\"\n",                             // unknown at the top
            "[tools.a]\nnaming = \"x\"\nnaming = \"y\"\n", // a field twice
            "[tools.a]\n[tools.a]\n",                      // a table twice
            "[tools.a]\ncadence = { mfa = 3 }\n",          // an inline table
            "[tools.a]\ncadence.mfa = 3\n",                // a dotted key
            "[tools.a.cadence]\nmfa = 3\n",                // a sub-table
            "[tools.\"a b\"]\n",                           // a quoted key
            "[tools.a]\nchecks = [\"a\",\"b\"]\n",         // other spacing in a list
            "[tools.a]\nchecks = [\"a\", ]\n",             // a trailing comma
            "[tools.a]\nsurprise = 1\n",                   // an unknown field
            "[checks.a]\nweight = +1\n",                   // a sign
            "[checks.a]\nweight = 01\n",                   // a leading zero
            "[checks.a]\nweight = 1_000\n",                // an underscore
            "[checks.a]\nkind = \"other\"\n",              // an unknown kind
            "[sources.a]\nurl = \"x\"\n",                  // a source without a title
            "expires = 2020-13-01\n",                      // not a date
            "expires = 2020-12-31T10:00:00\n",             // a time
            "[tools.a]\nname = \"a\"\r\n",                 // CRLF
            "[other.a]\n",                                 // another table
            "[tools]\n",                                   // the table itself
            " name = \"a\"\n",                             // indented
        ] {
            assert!(parse(text).is_none(), "{text:?}");
        }
        let long = format!("[tools.a]\nname = \"{}\"\n", "x".repeat(81));
        assert!(parse(&long).is_none(), "a name over 80 characters");
    }
}
