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
//!
//! It is also the one place that measures text for a screen: [`width`],
//! [`cut`], [`pad`] and [`wrap`] count display columns a grapheme at a time
//! (CJK and emoji take two, a joined emoji sequence is one grapheme and is
//! never split), the way the dashboard's drawing library does.

use std::borrow::Cow;
use std::fmt::Write as _;

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

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

/// Text for XML or Pango markup (a property list, waybar, i3status-rust):
/// `&`, `<`, `>` and both quotes as entities.
pub fn markup(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\'' => out.push_str("&#39;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
    out
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

/// The columns `text` takes on a terminal.
pub fn width(text: &str) -> usize {
    if text.is_ascii() {
        return text.len();
    }
    text.graphemes(true).map(UnicodeWidthStr::width).sum()
}

/// `text` cut to `width` columns with "…" where it was cut; unchanged when
/// it fits. A wide character or a joined sequence is never split.
pub fn cut(text: &str, width: usize) -> Cow<'_, str> {
    if self::width(text) <= width {
        return Cow::Borrowed(text);
    }
    let mut out = String::new();
    let mut used = 0;
    for g in text.graphemes(true) {
        let w = g.width();
        if used + w + 1 > width {
            break;
        }
        out.push_str(g);
        used += w;
    }
    if width > 0 {
        out.push('…');
    }
    Cow::Owned(out)
}

/// `text` and spaces to `width` columns (longer text is left as it is).
pub fn pad(text: &str, width: usize) -> String {
    let len = self::width(text);
    let mut out = String::with_capacity(text.len() + width.saturating_sub(len));
    out.push_str(text);
    out.extend(std::iter::repeat_n(' ', width.saturating_sub(len)));
    out
}

/// `text` in lines of at most `width` columns, broken between words; a word
/// wider than a line is cut with "…". Always at least one line.
pub fn wrap_words(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    let mut used = 0;
    for word in text.split_whitespace() {
        let word = cut(word, width);
        let w = self::width(&word);
        if !line.is_empty() && used + 1 + w > width {
            lines.push(std::mem::take(&mut line));
            used = 0;
        }
        if !line.is_empty() {
            line.push(' ');
            used += 1;
        }
        line.push_str(&word);
        used += w;
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// Reflow `text` to `width` columns, each line starting with `indent` and
/// ending in a line break. Paragraphs (split by a blank line) stay apart. A
/// word wider than a line (an address) is broken across lines, not cut, so
/// nothing of it is lost.
pub fn wrap(text: &str, width: usize, indent: &str) -> String {
    let room = width.saturating_sub(self::width(indent)).max(1);
    let mut out = String::new();
    for (i, paragraph) in text.split("\n\n").enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let pieces = paragraph
            .split_whitespace()
            .flat_map(|word| pieces(word, room));
        let mut line = String::new();
        let mut used = 0;
        for piece in pieces {
            let w = self::width(piece);
            if !line.is_empty() && used + 1 + w > room {
                out.push_str(indent);
                out.push_str(&line);
                out.push('\n');
                line.clear();
                used = 0;
            }
            if !line.is_empty() {
                line.push(' ');
                used += 1;
            }
            line.push_str(piece);
            used += w;
        }
        if !line.is_empty() {
            out.push_str(indent);
            out.push_str(&line);
            out.push('\n');
        }
    }
    out
}

/// `word` in pieces of at most `room` columns (one piece when it fits).
fn pieces(word: &str, room: usize) -> Vec<&str> {
    if self::width(word) <= room {
        return vec![word];
    }
    let mut out = Vec::new();
    let (mut start, mut used) = (0, 0);
    for (at, g) in word.grapheme_indices(true) {
        let w = g.width();
        if used + w > room && at > start {
            out.push(&word[start..at]);
            start = at;
            used = 0;
        }
        used += w;
    }
    out.push(&word[start..]);
    out
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
    fn widths_cuts_and_wraps_count_columns_not_characters() {
        assert_eq!(width("abc"), 3);
        assert_eq!(width("日本語"), 6);
        // A family emoji: one grapheme of four people and three joiners.
        let family = "\u{1f468}\u{200d}\u{1f469}\u{200d}\u{1f467}";
        assert_eq!(width(family), 2);
        assert_eq!(cut("日本語です", 7), "日本語…");
        assert_eq!(cut("short", 5), "short");
        assert_eq!(cut(&format!("{family}{family}x"), 4), format!("{family}…"));
        assert_eq!(pad("日本", 6), "日本  ");
        assert_eq!(
            wrap_words("日本語 の テキスト です", 10),
            ["日本語 の", "テキスト", "です"]
        );
        assert_eq!(wrap("a b\n\nc", 20, "  "), "  a b\n\n  c\n");
        let text = "one two three\nfour five\n\nsix";
        assert_eq!(wrap(text, 30, "  "), "  one two three four five\n\n  six\n");
        assert_eq!(
            wrap("aaa bbb ccc", 4, ""),
            "aaa\nbbb\nccc\n",
            "the width is kept"
        );
        assert_eq!(
            wrap(&"word ".repeat(10), 22, "> "),
            "> word word word word\n> word word word word\n> word word\n"
        );
        assert_eq!(
            wrap("see https://example.org/long/path", 12, ""),
            "see\nhttps://exam\nple.org/long\n/path\n"
        );
        for line in wrap("設定 > アカウント > 二段階認証 を オン に する", 12, "  ").lines()
        {
            assert!(width(line) <= 12, "{line}");
        }
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
