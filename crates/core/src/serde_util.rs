//! Small deserialisation helpers shared by the file formats: a date that must be
//! a plain TOML date, strings with a length limit, and the `version` guard.
//! Errors raised here carry the value's place in the file, because the TOML
//! deserialiser attaches the span of the value being read.

use std::fmt;

use jiff::civil::Date;
use serde::Deserialize;
use serde::de::{self, Deserializer, Visitor};

use crate::dates;

/// A date in a file: a TOML local date (`2026-11-01`) or the same as a string,
/// within [`dates::MIN`]..=[`dates::MAX`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct FileDate(pub Date);

impl<'de> Deserialize<'de> for FileDate {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Raw {
            Date(toml::value::Datetime),
            Text(String),
        }
        let expected = || {
            de::Error::custom(format!(
                "expected a date as YYYY-MM-DD from {} to {}",
                dates::MIN,
                dates::MAX
            ))
        };
        match Raw::deserialize(deserializer).map_err(|_: D::Error| expected())? {
            Raw::Date(dt) => match (dt.date, dt.time, dt.offset) {
                (Some(d), None, None) => Date::new(d.year as i16, d.month as i8, d.day as i8)
                    .ok()
                    .filter(|d| dates::in_range(*d))
                    .map(FileDate)
                    .ok_or_else(expected),
                _ => Err(de::Error::custom(
                    "expected a date without a time, as YYYY-MM-DD",
                )),
            },
            Raw::Text(s) => dates::parse_iso(&s).map(FileDate).ok_or_else(expected),
        }
    }
}

/// An instant with its offset, as TOML writes it: `2026-12-03T17:12:05Z`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct FileTimestamp(pub(crate) jiff::Timestamp);

impl<'de> Deserialize<'de> for FileTimestamp {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let expected =
            || de::Error::custom("expected a time with its offset, such as 2026-12-03T17:12:05Z");
        let dt =
            toml::value::Datetime::deserialize(deserializer).map_err(|_: D::Error| expected())?;
        if dt.date.is_none() || dt.time.is_none() || dt.offset.is_none() {
            return Err(expected());
        }
        dt.to_string()
            .parse()
            .map(FileTimestamp)
            .map_err(|_| expected())
    }
}

/// A string of at most `N` characters.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Limited<const N: usize>(pub String);

impl<'de, const N: usize> Deserialize<'de> for Limited<N> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V<const N: usize>;
        impl<'de, const N: usize> Visitor<'de> for V<N> {
            type Value = Limited<N>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "a string of at most {N} characters")
            }
            fn visit_map<A: de::MapAccess<'de>>(self, _: A) -> Result<Self::Value, A::Error> {
                Err(de::Error::custom(format!(
                    "expected text in quotes (at most {N} characters), not a date or a table"
                )))
            }

            fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
                if v.len() > N && v.chars().count() > N {
                    Err(E::custom(format!(
                        "text too long: {} characters, at most {N} allowed",
                        v.chars().count()
                    )))
                } else {
                    Ok(Limited(v.to_string()))
                }
            }
        }
        deserializer.deserialize_str(V::<N>)
    }
}

/// The `version = 1` line of the user's files.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Version;

impl<'de> Deserialize<'de> for Version {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        match i64::deserialize(deserializer) {
            Ok(1) => Ok(Version),
            Ok(n) => Err(de::Error::custom(format!(
                "unknown version {n}: this hygiene reads version 1; a newer hygiene may have written this file"
            ))),
            Err(_) => Err(de::Error::custom("expected `version = 1`")),
        }
    }
}
