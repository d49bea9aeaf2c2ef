//! The library's errors. Each one renders as a single line for the person:
//! the file (with line and column where there is one), what was wrong and what
//! was expected or what to do.

use std::fmt;
use std::fmt::Write as _;
use std::io;
use std::path::{Path, PathBuf};

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A file did not parse, or parsed into something invalid at a known place.
    #[error("{}:{line}:{column}: {message}", path.display())]
    Parse {
        path: PathBuf,
        line: usize,
        column: usize,
        message: String,
    },

    /// A file is wrong as a whole (no single place to point at).
    #[error("{}: {message}", path.display())]
    Invalid { path: PathBuf, message: String },

    #[error("cannot {action} {}: {}", path.display(), IoCause(source))]
    Io {
        action: &'static str,
        path: PathBuf,
        #[source]
        source: io::Error,
    },

    #[error(
        "{} is locked by another hygiene process (lock file {}); try again in a moment",
        path.display(),
        lock.display()
    )]
    Locked { path: PathBuf, lock: PathBuf },

    /// A file that a change must not replace is there (a config that
    /// `init` without `--force` would write). Each face words what to do.
    #[error("{} already exists", path.display())]
    Exists { path: PathBuf },

    /// The keyring refused or failed: the message says why and what to do.
    /// (A note that is not text is not kept as the source: it is the note.)
    #[error("{message}")]
    Keyring {
        message: String,
        #[source]
        source: Option<keyring_core::Error>,
    },

    /// The terminal could not be set up, read or written.
    #[error("cannot {action} the terminal: {}", IoCause(source))]
    Terminal {
        action: &'static str,
        #[source]
        source: io::Error,
    },

    /// Standard output could not be written (a full disk, `> /dev/full`).
    #[error("cannot write the output: {}", IoCause(.0))]
    Output(#[source] io::Error),

    /// Bad input on the command line or in a dashboard field.
    #[error("{0}")]
    Input(String),

    /// A rule of the core refused the change: the facts, which each face
    /// words in its own terms.
    #[error("{0}")]
    Refused(crate::refusal::Refusal),

    /// An untrack with purge stopped part-way, at `step`; the tools stay
    /// tracked, so running it again finishes it. Each face words how.
    #[error("{source}")]
    PurgeInterrupted {
        ids: Vec<String>,
        step: PurgeStep,
        #[source]
        source: Box<Error>,
    },

    /// A private note is in the keyring, but the state could not record
    /// that it is: half of one operation happened, and saying "not saved"
    /// would be false.
    #[error(
        "the private note for {tool} is in the keyring, but the state could not record it: {source}"
    )]
    NoteNotRecorded {
        tool: String,
        #[source]
        source: Box<Error>,
    },
}

/// How far an interrupted purge got before the step that failed; running
/// the same untrack again finishes it (the tools stay tracked until then).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PurgeStep {
    /// The history was deleted; the private note of this tool was not.
    Notes(String),
    /// The history and notes were deleted; the state's note flags were not.
    NoteFlags,
    /// The history and notes were deleted; the config still tracks them.
    Config,
}

impl From<crate::refusal::Refusal> for Error {
    fn from(refusal: crate::refusal::Refusal) -> Self {
        Error::Refused(refusal)
    }
}

impl Error {
    pub fn io(action: &'static str, path: impl Into<PathBuf>, source: io::Error) -> Self {
        Error::Io {
            action,
            path: path.into(),
            source,
        }
    }

    pub fn invalid(path: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Error::Invalid {
            path: path.into(),
            message: message.into(),
        }
    }

    /// An error at a byte span of a file's text.
    pub fn at(
        path: &Path,
        text: &str,
        span: Option<std::ops::Range<usize>>,
        message: &str,
    ) -> Self {
        let message = one_line(message);
        match span {
            Some(span) => {
                let (line, column) = line_column(text, span.start);
                Error::Parse {
                    path: path.to_path_buf(),
                    line,
                    column,
                    message,
                }
            }
            None => Error::Invalid {
                path: path.to_path_buf(),
                message,
            },
        }
    }

    pub(crate) fn from_toml(path: &Path, text: &str, err: &toml::de::Error) -> Self {
        // The parser gives no place when it stops on a key nested too
        // deeply (`a.a.a...` or `[a.a.a...]`); find it.
        match (err.span(), deep_place(text)) {
            (None, Some(at)) => Error::at(
                path,
                text,
                Some(at..at),
                "nested too deeply: expected keys and values at most 64 levels deep",
            ),
            (span, _) => Error::at(path, text, span, err.message()),
        }
    }

    pub fn input(message: impl Into<String>) -> Self {
        Error::Input(message.into())
    }
}

/// `io::Error`'s own text, without the "(os error N)" suffix, lower-cased first letter.
struct IoCause<'a>(&'a io::Error);

impl fmt::Display for IoCause<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = match self.0.kind() {
            io::ErrorKind::NotFound => "no such file or folder".to_string(),
            io::ErrorKind::PermissionDenied => "permission denied".to_string(),
            io::ErrorKind::StorageFull => "no space left on the device".to_string(),
            io::ErrorKind::FileTooLarge => {
                "the file would be larger than this process may write (ulimit -f)".to_string()
            }
            io::ErrorKind::ReadOnlyFilesystem => "the file system is read-only".to_string(),
            io::ErrorKind::IsADirectory => "it is a folder, not a file".to_string(),
            _ => {
                let full = self.0.to_string();
                match full.find(" (os error") {
                    Some(i) => full[..i].to_string(),
                    None => full,
                }
            }
        };
        let mut chars = text.chars();
        match chars.next() {
            Some(c) => write!(f, "{}{}", c.to_lowercase(), chars.as_str()),
            None => Ok(()),
        }
    }
}

/// The first place where keys or values nest deeper than any real file
/// does: a dotted key or table header of many parts, or many open brackets.
fn deep_place(text: &str) -> Option<usize> {
    const DEEP: usize = 64;
    let (mut depth, mut dots) = (0usize, 0usize);
    let mut quote: Option<char> = None;
    let mut chars = text.char_indices();
    while let Some((at, c)) = chars.next() {
        match (quote, c) {
            (Some('"'), '\\') => {
                chars.next();
            }
            (Some(q), c) if c == q => quote = None,
            (None, '"' | '\'') => quote = Some(c),
            (None, '#') => {
                for (_, c) in chars.by_ref() {
                    if c == '\n' {
                        break;
                    }
                }
                dots = 0;
            }
            (None, '\n') => dots = 0,
            (None, '.') => dots += 1,
            (None, '[' | '{') => depth += 1,
            (None, ']' | '}') => depth = depth.saturating_sub(1),
            _ => {}
        }
        if depth > DEEP || dots > DEEP {
            return Some(at);
        }
    }
    None
}

/// 1-based line and column (in characters) of a byte offset.
pub(crate) fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.bytes().filter(|&b| b == b'\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    (line, column)
}

/// Collapse a message to one line, so every error prints as exactly one line.
pub fn one_line(message: &str) -> String {
    let mut out = String::with_capacity(message.len());
    for part in message.lines().map(str::trim).filter(|l| !l.is_empty()) {
        if out.ends_with(':') {
            out.push(' ');
        } else if !out.is_empty() {
            out.push_str("; ");
        }
        out.push_str(part);
    }
    out
}

/// The closest of `candidates` to `wanted`, when it is close enough to be a likely typo.
pub(crate) fn closest<'a>(
    wanted: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|c| (strsim::damerau_levenshtein(wanted, c), c))
        .filter(|(d, c)| *d <= 2.max(c.len() / 3) && *d < c.len())
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

/// "a, b, c", or "a, b and 5 more" past `shown`: a list fit for one line.
pub(crate) fn some_of(ids: &[&str], shown: usize) -> String {
    let mut text = ids
        .iter()
        .take(shown)
        .copied()
        .collect::<Vec<_>>()
        .join(", ");
    if ids.len() > shown {
        let _ = write!(text, " and {} more", ids.len() - shown);
    }
    text
}

/// "unknown tool `slak`; did you mean `slack`?" or "...; known tools: a, b, c".
pub fn unknown_id<'a>(
    what: &str,
    wanted: &str,
    candidates: impl IntoIterator<Item = &'a str> + Clone,
) -> String {
    // An id is short; anything long is quoted only in part, to keep one line.
    let cut: String;
    let wanted = if wanted.chars().count() > 60 {
        cut = format!("{}…", wanted.chars().take(60).collect::<String>());
        cut.as_str()
    } else {
        wanted
    };
    if let Some(best) = closest(wanted, candidates.clone()) {
        format!("unknown {what} `{wanted}`; did you mean `{best}`?")
    } else {
        let all: Vec<&str> = candidates.into_iter().collect();
        if all.is_empty() {
            format!("unknown {what} `{wanted}`")
        } else {
            format!("unknown {what} `{wanted}`; known: {}", some_of(&all, 20))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_column_counts_characters() {
        let text = "a = 1\nbé = x\n";
        assert_eq!(line_column(text, 0), (1, 1));
        assert_eq!(line_column(text, 6), (2, 1));
        // 'x' is after "bé = ": 5 characters, 6 bytes.
        assert_eq!(line_column(text, 12), (2, 6));
        assert_eq!(line_column(text, 999), (3, 1));
    }

    #[test]
    fn closest_finds_typos_only() {
        let ids = ["whatsapp", "slack", "teams", "zoom"];
        assert_eq!(closest("slak", ids), Some("slack"));
        assert_eq!(closest("whatsap", ids), Some("whatsapp"));
        assert_eq!(closest("gitlab", ids), None);
        assert_eq!(
            unknown_id("tool", "gitlab", ids),
            "unknown tool `gitlab`; known: whatsapp, slack, teams, zoom"
        );
    }

    #[test]
    fn messages_fold_to_one_line() {
        assert_eq!(one_line("a\n\n  b  \nc"), "a; b; c");
        assert_eq!(
            one_line("not provided:\n  <CHECK>"),
            "not provided: <CHECK>"
        );
    }
}
