//! Naming conventions: templates such as `{first} {last} ({org})` and the check
//! of a display name against them.

use std::fmt;
use std::str::FromStr;

use serde::Deserialize;

/// Who the user is, as the naming templates need it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Identity {
    pub first: Option<String>,
    pub last: Option<String>,
    pub org: Option<String>,
}

/// The most characters a name or organisation may have.
pub const MAX_IDENTITY: usize = 80;

impl Identity {
    /// Whether `value` can stand for `name` (`first`, `last`, `org`): not
    /// blank (an empty name would leave `{first}` unfilled in every
    /// template), at most [`MAX_IDENTITY`] characters, no control or hidden
    /// characters. The config's loader and `init` both ask this.
    pub fn check_field(name: &str, value: &str) -> Result<(), String> {
        if value.trim().is_empty() {
            return Err(format!(
                "`{name}` is empty: give it, or leave the key out until you know it"
            ));
        }
        let count = value.chars().count();
        if count > MAX_IDENTITY {
            return Err(format!(
                "`{name}`: text too long: {count} characters, at most {MAX_IDENTITY} allowed"
            ));
        }
        if value.chars().any(crate::text::is_hidden) {
            return Err(format!(
                "`{name}` holds a control or invisible character (shown here as {}); names are plain text",
                crate::text::visible(value)
            ));
        }
        Ok(())
    }

    fn field(&self, field: Field) -> Option<&str> {
        match field {
            Field::First => self.first.as_deref(),
            Field::Last => self.last.as_deref(),
            Field::Org => self.org.as_deref(),
        }
        .map(str::trim)
        .filter(|s| !s.is_empty())
    }

    pub fn is_empty(&self) -> bool {
        [Field::First, Field::Last, Field::Org]
            .into_iter()
            .all(|f| self.field(f).is_none())
    }

    /// "Alex Black (MOJ)", as far as it is known.
    pub fn describe(&self) -> Option<String> {
        let name = [self.field(Field::First), self.field(Field::Last)]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" ");
        match (name.is_empty(), self.field(Field::Org)) {
            (true, None) => None,
            (true, Some(org)) => Some(org.to_string()),
            (false, None) => Some(name),
            (false, Some(org)) => Some(format!("{name} ({org})")),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    First,
    Last,
    Org,
}

impl Field {
    fn name(self) -> &'static str {
        match self {
            Field::First => "first",
            Field::Last => "last",
            Field::Org => "org",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Part {
    Text(String),
    Field(Field),
}

/// A parsed naming template. `{first}`, `{last}` and `{org}` stand for the
/// identity; `{{` and `}}` are literal braces; everything else is literal text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Template {
    source: String,
    parts: Vec<Part>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TemplateError {
    #[error("the naming template is empty")]
    Empty,
    #[error("unknown placeholder `{{{0}}}` in naming template; use {{first}}, {{last}} or {{org}}")]
    UnknownPlaceholder(String),
    #[error("unclosed `{{` in naming template; write `{{{{` for a literal brace")]
    Unclosed,
    #[error("stray `}}` in naming template; write `}}}}` for a literal brace")]
    Stray,
    #[error("naming template is longer than {MAX_TEMPLATE} characters")]
    TooLong,
}

pub const MAX_TEMPLATE: usize = 200;

impl FromStr for Template {
    type Err = TemplateError;

    fn from_str(source: &str) -> Result<Self, TemplateError> {
        // Values are compared without surrounding spaces, so templates are too.
        let source = source.trim();
        if source.is_empty() {
            return Err(TemplateError::Empty);
        }
        if source.chars().count() > MAX_TEMPLATE {
            return Err(TemplateError::TooLong);
        }
        let mut parts = Vec::new();
        let mut text = String::new();
        let mut chars = source.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '{' if chars.peek() == Some(&'{') => {
                    chars.next();
                    text.push('{');
                }
                '}' if chars.peek() == Some(&'}') => {
                    chars.next();
                    text.push('}');
                }
                '}' => return Err(TemplateError::Stray),
                '{' => {
                    let mut name = String::new();
                    loop {
                        match chars.next() {
                            Some('}') => break,
                            Some('{') | None => return Err(TemplateError::Unclosed),
                            Some(c) => name.push(c),
                        }
                    }
                    let field = match name.as_str() {
                        "first" => Field::First,
                        "last" => Field::Last,
                        "org" => Field::Org,
                        _ => return Err(TemplateError::UnknownPlaceholder(name)),
                    };
                    if !text.is_empty() {
                        parts.push(Part::Text(std::mem::take(&mut text)));
                    }
                    parts.push(Part::Field(field));
                }
                c => text.push(c),
            }
        }
        if !text.is_empty() {
            parts.push(Part::Text(text));
        }
        Ok(Template {
            source: source.to_string(),
            parts,
        })
    }
}

impl fmt::Display for Template {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.source)
    }
}

/// How a value stands against a template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NameCheck {
    /// The value is exactly what the template gives for this identity.
    Matches,
    /// The value differs from what the template gives; `look_alike` is the
    /// value with the characters that only look like the expected ones
    /// shown as `<U+00A0>`, when there are any ([`look_alikes`]).
    Differs {
        expected: String,
        look_alike: Option<String>,
    },
    /// The identity is incomplete; the value has the template's shape.
    ShapeMatches,
    /// The identity is incomplete; even the template's shape is not met.
    ShapeDiffers,
}

impl NameCheck {
    pub fn is_ok(&self) -> bool {
        matches!(self, NameCheck::Matches | NameCheck::ShapeMatches)
    }
}

/// `value` written so that a person can tell it from `expected`: each
/// character that `expected` does not have and that is not plain ASCII
/// (a no-break space, a Cyrillic "а", a zero-width space) becomes
/// `<U+00A0>`. None when there is none: the difference is there to see.
pub fn look_alikes(value: &str, expected: &str) -> Option<String> {
    let odd = |c: char| !(c.is_ascii_graphic() || c == ' ' || expected.contains(c));
    if !value.chars().any(odd) {
        return None;
    }
    let mut out = String::with_capacity(value.len() + 8);
    for c in value.chars() {
        if odd(c) {
            let _ = std::fmt::Write::write_fmt(&mut out, format_args!("<U+{:04X}>", c as u32));
        } else {
            out.push(c);
        }
    }
    Some(out)
}

/// The words for a name that only looks like the expected one.
pub fn look_alike_words(marked: &str) -> String {
    format!(
        "the recorded name \u{201c}{marked}\u{201d} has a character that only looks like the convention's"
    )
}

impl Template {
    /// The name this template gives for `identity`, if every field it uses is known.
    pub fn expected(&self, identity: &Identity) -> Option<String> {
        let mut out = String::new();
        for part in &self.parts {
            match part {
                Part::Text(t) => out.push_str(t),
                Part::Field(f) => out.push_str(identity.field(*f)?),
            }
        }
        Some(out)
    }

    /// The template with the known fields filled in and the rest left as
    /// placeholders: "Alex Black ({org})".
    pub fn partly_filled(&self, identity: &Identity) -> String {
        let mut out = String::new();
        for part in &self.parts {
            match part {
                Part::Text(t) => out.push_str(t),
                Part::Field(f) => {
                    if let Some(v) = identity.field(*f) {
                        out.push_str(v);
                    } else {
                        out.push('{');
                        out.push_str(f.name());
                        out.push('}');
                    }
                }
            }
        }
        out
    }

    /// Check `value` (surrounding spaces ignored) against the template.
    pub fn check(&self, value: &str, identity: &Identity) -> NameCheck {
        let value = value.trim();
        match self.expected(identity) {
            Some(expected) if expected == value => NameCheck::Matches,
            Some(expected) => NameCheck::Differs {
                look_alike: look_alikes(value, &expected),
                expected,
            },
            None if self.shape_matches(value, identity) => NameCheck::ShapeMatches,
            None => NameCheck::ShapeDiffers,
        }
    }

    /// Whether `value` can be read as the template with each unknown field
    /// standing for some non-empty text (known fields must match exactly).
    fn shape_matches(&self, value: &str, identity: &Identity) -> bool {
        // Known fields become literal text, so only unknown ones are wildcards.
        let mut pieces: Vec<Option<String>> = Vec::new();
        for part in &self.parts {
            let literal = match part {
                Part::Text(t) => Some(t.as_str()),
                Part::Field(f) => identity.field(*f),
            };
            match (literal, pieces.last_mut()) {
                (Some(t), Some(Some(prev))) => prev.push_str(t),
                (Some(t), _) => pieces.push(Some(t.to_string())),
                (None, _) => pieces.push(None),
            }
        }
        glob(&pieces, value)
    }
}

/// Match literal pieces and non-empty wildcards (`None`) against `value`,
/// memoised on (piece, position) so that no template can make it slow.
fn glob(pieces: &[Option<String>], value: &str) -> bool {
    let width = value.len() + 1;
    let mut memo = vec![None; (pieces.len() + 1) * width];
    glob_from(pieces, value, 0, 0, &mut memo)
}

fn glob_from(
    pieces: &[Option<String>],
    value: &str,
    piece: usize,
    pos: usize,
    memo: &mut [Option<bool>],
) -> bool {
    let key = piece * (value.len() + 1) + pos;
    if let Some(known) = memo[key] {
        return known;
    }
    let rest = &value[pos..];
    let result = match pieces.get(piece) {
        None => rest.is_empty(),
        Some(Some(lit)) => {
            rest.starts_with(lit.as_str())
                && glob_from(pieces, value, piece + 1, pos + lit.len(), memo)
        }
        Some(None) => rest
            .char_indices()
            .skip(1)
            .map(|(i, _)| i)
            .chain((!rest.is_empty()).then_some(rest.len()))
            .any(|i| glob_from(pieces, value, piece + 1, pos + i, memo)),
    };
    memo[key] = Some(result);
    result
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    fn alex() -> Identity {
        Identity {
            first: Some("Alex".into()),
            last: Some("Black".into()),
            org: Some("MOJ".into()),
        }
    }

    #[rstest]
    #[case("{first} {last} ({org})", "Alex Black (MOJ)")]
    #[case("{first}{last}{org}", "AlexBlackMOJ")]
    #[case("{{{org}}} {last}", "{MOJ} Black")]
    fn expands_with_the_identity(#[case] template: &str, #[case] expected: &str) {
        let t: Template = template.parse().unwrap();
        assert_eq!(t.expected(&alex()).as_deref(), Some(expected));
        assert_eq!(t.check(expected, &alex()), NameCheck::Matches);
        assert_eq!(t.to_string(), template);
    }

    #[test]
    fn a_different_name_says_what_was_expected() {
        let t: Template = "{first} {last} ({org})".parse().unwrap();
        assert_eq!(
            t.check("Alex Black", &alex()),
            NameCheck::Differs {
                expected: "Alex Black (MOJ)".into(),
                look_alike: None,
            }
        );
        assert_eq!(t.check("  Alex Black (MOJ) ", &alex()), NameCheck::Matches);
    }

    #[test]
    fn look_alike_characters_are_shown_for_what_they_are() {
        let expected = "Alex Black (MOJ)";
        for (value, shown) in [
            ("Alex\u{a0}Black (MOJ)", "Alex<U+00A0>Black (MOJ)"),
            ("Alex Bl\u{430}ck (MOJ)", "Alex Bl<U+0430>ck (MOJ)"),
            ("Alex\u{200b} Black (MOJ)", "Alex<U+200B> Black (MOJ)"),
            ("Alex Black\u{2009}(MOJ)", "Alex Black<U+2009>(MOJ)"),
        ] {
            assert_eq!(
                look_alikes(value, expected).as_deref(),
                Some(shown),
                "{value:?}"
            );
        }
        // A plain difference, or letters the convention has too, are there to see.
        assert_eq!(look_alikes("Alex B", expected), None);
        assert_eq!(look_alikes("José Black", "José Black (MOJ)"), None);
    }

    #[test]
    fn without_identity_only_the_shape_is_checked() {
        let t: Template = "{first} {last} ({org})".parse().unwrap();
        let nobody = Identity::default();
        assert_eq!(t.check("Sam Lee (HMRC)", &nobody), NameCheck::ShapeMatches);
        assert!(!t.check("Sam Lee", &nobody).is_ok());
        assert!(!t.check(" () ", &nobody).is_ok());
        let org_only = Identity {
            org: Some("MOJ".into()),
            ..Identity::default()
        };
        assert!(t.check("Sam Lee (MOJ)", &org_only).is_ok());
        assert!(!t.check("Sam Lee (HMRC)", &org_only).is_ok());
        assert_eq!(t.partly_filled(&org_only), "{first} {last} (MOJ)");
    }

    #[rstest]
    #[case("", TemplateError::Empty)]
    #[case("{first", TemplateError::Unclosed)]
    #[case("{first {last}", TemplateError::Unclosed)]
    #[case("first}", TemplateError::Stray)]
    #[case("{name}", TemplateError::UnknownPlaceholder("name".into()))]
    fn bad_templates_say_why(#[case] template: &str, #[case] expected: TemplateError) {
        assert_eq!(template.parse::<Template>().unwrap_err(), expected);
    }

    #[test]
    fn many_placeholders_stay_fast() {
        let t: Template = "{first}".repeat(28).parse().unwrap();
        let value = "a".repeat(300);
        assert!(t.check(&value, &Identity::default()).is_ok());
        assert!(!t.check(&"a".repeat(27), &Identity::default()).is_ok());
    }

    #[test]
    fn describes_the_identity() {
        assert_eq!(alex().describe().as_deref(), Some("Alex Black (MOJ)"));
        assert_eq!(Identity::default().describe(), None);
        assert!(Identity::default().is_empty());
    }
}
