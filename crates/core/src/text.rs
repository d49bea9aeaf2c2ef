//! Text from a file, an argument or the environment, made safe to show.
//!
//! A note, a catalog name or a path may hold characters a terminal acts on
//! (ESC starts a command, BEL rings, CR returns to the start of the line, the
//! C1 range holds one-byte commands) or that change what a reader sees
//! without showing themselves (bidi overrides reorder the text, zero-width
//! characters hide inside words). Both faces show such text only through
//! [`visible`] or [`visible_lines`], which replace each of them with a mark:
//! the control pictures for C0 (`␛` for ESC, `␇` for BEL, `␍` for CR) and
//! DEL, and `<U+202E>` for the rest.

use std::borrow::Cow;
use std::fmt::Write as _;

/// Whether `c` is a character a terminal would act on or a reader would
/// not see: C0 and C1 controls, DEL, bidi controls, zero-width characters,
/// and the line and paragraph separators.
pub fn is_hidden(c: char) -> bool {
    matches!(c,
        '\u{0}'..='\u{1f}'
        | '\u{7f}'..='\u{9f}'
        | '\u{ad}'
        | '\u{61c}'
        | '\u{180e}'
        | '\u{200b}'..='\u{200f}'
        | '\u{2028}'..='\u{202e}'
        | '\u{2060}'..='\u{2064}'
        | '\u{2066}'..='\u{206f}'
        | '\u{feff}'
        | '\u{fff9}'..='\u{fffb}')
}

fn mark(out: &mut String, c: char) {
    match c {
        '\u{0}'..='\u{1f}' => out.push(char::from_u32(0x2400 + c as u32).unwrap_or('?')),
        '\u{7f}' => out.push('\u{2421}'),
        _ => {
            let _ = write!(out, "<U+{:04X}>", c as u32);
        }
    }
}

fn escape(text: &str, keep: impl Fn(char, Option<char>) -> bool) -> Cow<'_, str> {
    if !text.chars().any(is_hidden) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if is_hidden(c) && !keep(c, chars.peek().copied()) {
            mark(&mut out, c);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// One line of text with every hidden character made visible, line breaks
/// and tabs included.
pub fn visible(text: &str) -> Cow<'_, str> {
    escape(text, |_, _| false)
}

/// Text of several lines: the same, but line feeds, a CR that ends a line
/// (`\r\n`) and tabs are kept.
pub fn visible_lines(text: &str) -> Cow<'_, str> {
    escape(text, |c, next| {
        c == '\n' || c == '\t' || (c == '\r' && next == Some('\n'))
    })
}

/// Output of the program's own making, whose colour codes (`ESC [ … m`) are
/// kept while every other hidden character is made visible, lines kept.
/// Text from files is passed through [`visible`] before it is painted, so
/// the only colour codes left are the program's.
pub fn visible_keeping_colour(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_hidden) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    let mut rest = text;
    while let Some(at) = rest.find('\x1b') {
        out.push_str(&visible_lines(&rest[..at]));
        let after = &rest[at + 1..];
        let sgr_len = after.strip_prefix('[').and_then(|s| {
            let params = s.bytes().take_while(|b| b.is_ascii_digit() || *b == b';');
            let n = params.count();
            (s.as_bytes().get(n) == Some(&b'm')).then_some(n + 2)
        });
        if let Some(n) = sgr_len {
            out.push('\x1b');
            out.push_str(&after[..n]);
            rest = &after[n..];
        } else {
            mark(&mut out, '\x1b');
            rest = after;
        }
    }
    out.push_str(&visible_lines(rest));
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hidden_characters_become_marks() {
        assert_eq!(visible("plain é 日本"), "plain é 日本");
        assert!(matches!(visible("plain"), Cow::Borrowed(_)));
        assert_eq!(visible("a\x1b[2Jb\x07c\rd"), "a␛[2Jb␇c␍d");
        assert_eq!(visible("x\u{9b}31m"), "x<U+009B>31m");
        assert_eq!(visible("abc\u{202e}fed"), "abc<U+202E>fed");
        assert_eq!(visible("a\u{200b}b\u{feff}"), "a<U+200B>b<U+FEFF>");
        assert_eq!(visible("one\ntwo\tthree"), "one␊two␉three");
        assert_eq!(visible("\x7f"), "␡");
    }

    #[test]
    fn lines_keep_their_breaks_only() {
        assert_eq!(visible_lines("a\r\nb\nc\td"), "a\r\nb\nc\td");
        assert_eq!(visible_lines("a\rb\x1bc"), "a␍b␛c");
    }

    #[test]
    fn only_colour_codes_survive() {
        assert_eq!(
            visible_keeping_colour("\x1b[1;31mred\x1b[0m \x1b]0;title\x07 \x1b[2J\n"),
            "\x1b[1;31mred\x1b[0m ␛]0;title␇ ␛[2J\n"
        );
        assert_eq!(visible_keeping_colour("end\x1b"), "end␛");
        assert_eq!(visible_keeping_colour("\x1b[31"), "␛[31");
    }
}
