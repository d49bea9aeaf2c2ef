//! The JSON of `status --json` and `export --format json`, written by hand:
//! ten thousand items go out in a few milliseconds, with the catalog's text
//! escaped once rather than once per item.
//!
//! The shape (documented in the README, and a contract):
//! `{"as_of", "score", "summary": {...}, "items": [{"tool", "check", "state",
//! "due", "days", "action", "title", "weight", "urgency", "verified", and
//! where set "value", "reason", and in exports "note", "history"}], "tools":
//! [{"tool", "name", "score", "summary"}], "expired": [{"catalog",
//! "expires"}], "warnings": [...]}`.

use std::borrow::Cow;
use std::io::{self, Write};

use jiff::civil::Date;

use super::Context;
use crate::catalog::{Catalog, CheckKind};
use crate::engine::{self, Review, Summary};
use crate::state::Status;

/// Write the report; `full` adds notes and archive histories (exports);
/// `pretty` indents it for a person.
pub(super) fn write(
    ctx: &Context<'_>,
    review: &Review,
    full: bool,
    pretty: bool,
    out: &mut impl Write,
) -> io::Result<()> {
    if pretty {
        let mut compact = Vec::new();
        write_compact(ctx, review, full, &mut compact)?;
        let value: serde_json::Value =
            serde_json::from_slice(&compact).map_err(io::Error::other)?;
        serde_json::to_writer_pretty(&mut *out, &value).map_err(io::Error::other)?;
        out.write_all(b"\n")
    } else {
        write_compact(ctx, review, full, out)?;
        out.write_all(b"\n")
    }
}

fn write_compact(
    ctx: &Context<'_>,
    review: &Review,
    full: bool,
    out: &mut impl Write,
) -> io::Result<()> {
    let encoded = Encoded::new(ctx.catalog);
    out.write_all(b"{\"as_of\":")?;
    date(out, review.as_of)?;
    write!(out, ",\"score\":{},\"summary\":", review.score)?;
    summary(out, &review.summary)?;

    out.write_all(b",\"items\":[")?;
    // One tool's entries found once per row, not once per item.
    let entries: Vec<_> = review
        .rows
        .iter()
        .map(|row| ctx.state.tools.get(&ctx.catalog.tools[row.tool].id))
        .collect();
    let row_of = {
        let mut row_of = vec![0; review.items.len()];
        for (r, row) in review.rows.iter().enumerate() {
            row_of[row.items.clone()].fill(r);
        }
        row_of
    };
    let mut item_text = Vec::with_capacity(512);
    for (n, &i) in engine::worst_first(review).iter().enumerate() {
        let it = &review.items[i];
        let c = &ctx.catalog.checks[it.check];
        let entry = entries[row_of[i]].and_then(|checks| checks.get(&c.id));
        let buf = &mut item_text;
        buf.clear();
        if n > 0 {
            buf.push(b',');
        }
        buf.extend_from_slice(b"{\"tool\":");
        buf.extend_from_slice(&encoded.tools[it.tool]);
        buf.extend_from_slice(b",\"check\":");
        buf.extend_from_slice(&encoded.checks[it.check]);
        buf.extend_from_slice(b",\"state\":\"");
        buf.extend_from_slice(it.standing.name().as_bytes());
        buf.extend_from_slice(b"\",\"due\":");
        optional_date(buf, it.standing.due())?;
        buf.extend_from_slice(b",\"days\":");
        match it.days(review.as_of) {
            Some(d) => buf.extend_from_slice(itoa::Buffer::new().format(d).as_bytes()),
            None => buf.extend_from_slice(b"null"),
        }
        buf.extend_from_slice(b",\"action\":");
        match engine::action(ctx.catalog, ctx.settings, ctx.state, it) {
            // The check's own action, as most are: already encoded.
            Cow::Borrowed(text) if std::ptr::eq(text, c.action.as_str()) => {
                buf.extend_from_slice(&encoded.actions[it.check]);
            }
            text => string(buf, &text)?,
        }
        buf.extend_from_slice(b",\"title\":");
        buf.extend_from_slice(&encoded.titles[it.check]);
        buf.extend_from_slice(b",\"weight\":");
        buf.extend_from_slice(itoa::Buffer::new().format(c.weight).as_bytes());
        buf.extend_from_slice(b",\"urgency\":");
        float(buf, (it.urgency * 100.0).round() / 100.0)?;
        buf.extend_from_slice(b",\"verified\":");
        optional_date(buf, entry.and_then(|e| e.verified))?;
        if let Some(value) = entry.and_then(|e| e.value.as_deref()) {
            buf.extend_from_slice(b",\"value\":");
            string(buf, value)?;
        }
        if full && let Some(note) = entry.and_then(|e| e.note.as_deref()) {
            buf.extend_from_slice(b",\"note\":");
            string(buf, note)?;
        }
        if let Some(Status::Accepted { reason }) = entry.map(|e| &e.status) {
            buf.extend_from_slice(b",\"reason\":");
            string(buf, reason)?;
        }
        if full
            && c.kind == CheckKind::Dated
            && let Some(e) = entry
            && !e.history.is_empty()
        {
            buf.extend_from_slice(b",\"history\":[");
            for (k, d) in e.history.iter().enumerate() {
                if k > 0 {
                    buf.push(b',');
                }
                date(buf, *d)?;
            }
            buf.push(b']');
        }
        buf.push(b'}');
        out.write_all(buf)?;
    }

    out.write_all(b"],\"tools\":[")?;
    for (n, row) in review.rows.iter().enumerate() {
        let t = &ctx.catalog.tools[row.tool];
        if n > 0 {
            out.write_all(b",")?;
        }
        out.write_all(b"{\"tool\":")?;
        out.write_all(&encoded.tools[row.tool])?;
        out.write_all(b",\"name\":")?;
        string(out, &t.name)?;
        write!(out, ",\"score\":{},\"summary\":", row.score)?;
        summary(out, &row.summary)?;
        out.write_all(b"}")?;
    }
    out.write_all(b"],\"expired\":[")?;
    for (n, (name, expires)) in review.expired.iter().enumerate() {
        if n > 0 {
            out.write_all(b",")?;
        }
        out.write_all(b"{\"catalog\":")?;
        string(out, name)?;
        out.write_all(b",\"expires\":")?;
        date(out, *expires)?;
        out.write_all(b"}")?;
    }
    out.write_all(b"],\"warnings\":[")?;
    for (n, warning) in review.warnings.iter().enumerate() {
        if n > 0 {
            out.write_all(b",")?;
        }
        string(out, warning)?;
    }
    out.write_all(b"]}")
}

fn summary(out: &mut impl Write, s: &Summary) -> io::Result<()> {
    let fields = [
        ("{\"ok\":", s.get("ok")),
        (",\"due_soon\":", s.get("due_soon")),
        (",\"overdue\":", s.get("overdue")),
        (",\"failing\":", s.get("failing")),
        (",\"unsupported\":", s.get("unsupported")),
        (",\"not_applicable\":", s.get("not_applicable")),
        (",\"snoozed\":", s.get("snoozed")),
        (",\"accepted\":", s.get("accepted")),
        (",\"total\":", s.total()),
    ];
    let mut digits = itoa::Buffer::new();
    for (key, n) in fields {
        out.write_all(key.as_bytes())?;
        out.write_all(digits.format(n).as_bytes())?;
    }
    out.write_all(b"}")
}

/// The catalog's ids and text, each escaped for JSON once.
struct Encoded {
    tools: Vec<Vec<u8>>,
    checks: Vec<Vec<u8>>,
    titles: Vec<Vec<u8>>,
    actions: Vec<Vec<u8>>,
}

impl Encoded {
    fn new(catalog: &Catalog) -> Encoded {
        let encode = |s: &str| {
            let mut out = Vec::with_capacity(s.len() + 2);
            string(&mut out, s).expect("a Vec takes every byte");
            out
        };
        Encoded {
            tools: catalog.tools.iter().map(|t| encode(&t.id)).collect(),
            checks: catalog.checks.iter().map(|c| encode(&c.id)).collect(),
            titles: catalog.checks.iter().map(|c| encode(&c.title)).collect(),
            actions: catalog.checks.iter().map(|c| encode(&c.action)).collect(),
        }
    }
}

/// A JSON string: quotes, backslashes and control characters escaped, the
/// rest as it is (UTF-8).
fn string(out: &mut impl Write, s: &str) -> io::Result<()> {
    let bytes = s.as_bytes();
    // Most text has nothing to escape.
    if !bytes.iter().any(|&b| b < 0x20 || b == b'"' || b == b'\\') {
        out.write_all(b"\"")?;
        out.write_all(bytes)?;
        return out.write_all(b"\"");
    }
    out.write_all(b"\"")?;
    let mut start = 0;
    for (i, &b) in bytes.iter().enumerate() {
        let escape: &[u8] = match b {
            b'"' => b"\\\"",
            b'\\' => b"\\\\",
            b'\n' => b"\\n",
            b'\r' => b"\\r",
            b'\t' => b"\\t",
            0x08 => b"\\b",
            0x0c => b"\\f",
            0x00..=0x1f => {
                out.write_all(&bytes[start..i])?;
                write!(out, "\\u{:04x}", b)?;
                start = i + 1;
                continue;
            }
            _ => continue,
        };
        out.write_all(&bytes[start..i])?;
        out.write_all(escape)?;
        start = i + 1;
    }
    out.write_all(&bytes[start..])?;
    out.write_all(b"\"")
}

fn date(out: &mut impl Write, d: Date) -> io::Result<()> {
    out.write_all(b"\"")?;
    out.write_all(&crate::dates::iso_bytes(d))?;
    out.write_all(b"\"")
}

fn optional_date(out: &mut impl Write, d: Option<Date>) -> io::Result<()> {
    match d {
        Some(d) => date(out, d),
        None => out.write_all(b"null"),
    }
}

/// A number as serde_json writes it: the shortest form that reads back the same.
fn float(out: &mut impl Write, f: f64) -> io::Result<()> {
    serde_json::to_writer(out, &f).map_err(io::Error::other)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(f: impl FnOnce(&mut Vec<u8>) -> io::Result<()>) -> String {
        let mut out = Vec::new();
        f(&mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn strings_are_escaped_as_serde_json_does() {
        for s in [
            "plain",
            "say \"hi\"",
            "back\\slash",
            "tab\tnew\nline\r",
            "\u{1}\u{1f}\u{7f}",
            "é “x” 🦀",
            "",
        ] {
            assert_eq!(
                text(|o| string(o, s)),
                serde_json::to_string(s).unwrap(),
                "{s:?}"
            );
        }
    }

    #[test]
    fn dates_and_numbers() {
        assert_eq!(
            text(|o| date(o, Date::constant(2026, 3, 7))),
            "\"2026-03-07\""
        );
        assert_eq!(text(|o| optional_date(o, None)), "null");
        assert_eq!(text(|o| float(o, 3.0)), "3.0");
        assert_eq!(text(|o| float(o, 4.57)), "4.57");
    }
}
