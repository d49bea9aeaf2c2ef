//! The small reader of one-line TOML that the fast readers of the state
//! (`state/fast.rs`) and of catalogs (`catalog/fast.rs`) share: bare and
//! quoted keys, basic strings, dates. Each step returns `None` on anything it
//! does not know, and the caller then leaves the file to the full reader.

use std::borrow::Cow;

use jiff::civil::Date;

use crate::dates;

/// Whether a line holds nothing to read: empty, or a comment. `None` for a
/// comment with a control character in it, which TOML does not allow.
pub(crate) fn blank(line: &str) -> Option<bool> {
    match line.strip_prefix('#') {
        Some(comment) => (!comment.chars().any(|c| c != '\t' && c.is_control())).then_some(true),
        None => Some(line.is_empty()),
    }
}

/// Set a field that must not be given twice.
pub(crate) fn once<T>(slot: &mut Option<T>, value: T) -> Option<()> {
    slot.is_none().then(|| *slot = Some(value))
}

/// `text` if it has at most `max` characters.
pub(crate) fn limited(text: String, max: usize) -> Option<String> {
    (text.len() <= max || text.chars().count() <= max).then_some(text)
}

/// What is left of the line.
pub(crate) struct Cursor<'a>(pub(crate) &'a str);

impl<'a> Cursor<'a> {
    pub(crate) fn eat(&mut self, token: &str) -> bool {
        match self.0.strip_prefix(token) {
            Some(rest) => {
                self.0 = rest;
                true
            }
            None => false,
        }
    }

    /// A bare key: ASCII letters, digits, `-` and `_`.
    pub(crate) fn bare(&mut self) -> Option<&'a str> {
        let end = self
            .0
            .bytes()
            .position(|b| !(b.is_ascii_alphanumeric() || b == b'-' || b == b'_'))
            .unwrap_or(self.0.len());
        (end > 0).then(|| {
            let (key, rest) = self.0.split_at(end);
            self.0 = rest;
            key
        })
    }

    /// A decimal integer as TOML writes it: digits, no sign, no leading zero.
    pub(crate) fn number(&mut self) -> Option<u64> {
        let end = self
            .0
            .bytes()
            .position(|b| !b.is_ascii_digit())
            .unwrap_or(self.0.len());
        let digits = &self.0[..end];
        if digits.is_empty() || (digits.len() > 1 && digits.starts_with('0')) {
            return None;
        }
        let n = digits.parse().ok()?;
        self.0 = &self.0[end..];
        Some(n)
    }

    /// A bare or a quoted key.
    pub(crate) fn key(&mut self) -> Option<String> {
        if self.0.starts_with('"') {
            self.string().map(Cow::into_owned)
        } else {
            self.bare().map(str::to_string)
        }
    }

    /// A basic string, with the escapes hygiene writes; borrowed when it has none.
    pub(crate) fn string(&mut self) -> Option<Cow<'a, str>> {
        let body = self.0.strip_prefix('"')?;
        // Most strings have nothing to unescape: find the closing quote at once.
        let stop = body
            .bytes()
            .position(|b| b == b'"' || b == b'\\' || (b < 0x20 && b != b'\t') || b == 0x7f)?;
        if body.as_bytes()[stop] == b'"' {
            let text = &body[..stop];
            // TOML allows the C1 controls in a string, but hygiene escapes them:
            // leave such a file to the full reader.
            if !text.is_ascii() && text.chars().any(char::is_control) {
                return None;
            }
            self.0 = &body[stop + 1..];
            return Some(Cow::Borrowed(text));
        }
        let mut out = String::new();
        let mut chars = body.char_indices();
        while let Some((i, c)) = chars.next() {
            match c {
                '"' => {
                    self.0 = &body[i + 1..];
                    return Some(Cow::Owned(out));
                }
                '\\' => {
                    let (_, e) = chars.next()?;
                    match e {
                        '"' => out.push('"'),
                        '\\' => out.push('\\'),
                        'n' => out.push('\n'),
                        't' => out.push('\t'),
                        'r' => out.push('\r'),
                        'b' => out.push('\u{8}'),
                        'f' => out.push('\u{c}'),
                        'u' | 'U' => {
                            let digits = if e == 'u' { 4 } else { 8 };
                            let mut code = 0u32;
                            for _ in 0..digits {
                                let (_, d) = chars.next()?;
                                code = code * 16 + d.to_digit(16)?;
                            }
                            out.push(char::from_u32(code)?);
                        }
                        _ => return None,
                    }
                }
                // TOML allows a tab, and no other control character, in a basic string.
                c if c.is_control() && c != '\t' => return None,
                c => out.push(c),
            }
        }
        None
    }

    /// A plain date, followed by what may follow a value here.
    /// An instant in UTC as hygiene writes it: `2026-12-03T17:12:05Z`.
    pub(crate) fn timestamp(&mut self) -> Option<jiff::Timestamp> {
        let end = self.0.find([',', ' ', ']']).unwrap_or(self.0.len());
        let text = &self.0[..end];
        if !text.ends_with('Z') {
            return None;
        }
        let at = text.parse().ok()?;
        self.0 = &self.0[end..];
        Some(at)
    }

    pub(crate) fn date(&mut self) -> Option<Date> {
        let (text, rest) = (self.0.get(..10)?, &self.0[10..]);
        if !(rest.is_empty()
            || rest.starts_with(", ")
            || rest.starts_with(" }")
            || rest.starts_with(']'))
        {
            return None;
        }
        let date = dates::parse_iso(text)?;
        self.0 = rest;
        Some(date)
    }
}
