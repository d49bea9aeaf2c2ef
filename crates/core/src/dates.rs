//! Dates as people type them, and the range of dates the files accept.

use jiff::civil::Date;

use crate::error::{Error, Result};

/// The earliest date a file or command accepts.
pub const MIN: Date = Date::constant(1970, 1, 1);
/// The latest date a file or command accepts.
pub const MAX: Date = Date::constant(9999, 12, 31);

pub const EXPECTED: &str =
    "expected a date as YYYY-MM-DD, `today`, `yesterday`, `tomorrow` or a count like -3d, +2w, +1m";

/// The variable that stands in for the clock in the harness that changes
/// the date under an open dashboard: it names a file that holds a date. Its
/// name says it is for tests, so nobody sets it by accident.
pub const TEST_CLOCK_ENV: &str = "HYGIENE_TEST_ONLY_CLOCK_FILE";

/// Today's date on this machine's clock, in its time zone.
pub fn system_today() -> Date {
    if let Some(date) = test_clock() {
        return date;
    }
    jiff::Timestamp::now()
        .to_zoned_datetime(local_time_zone())
        .date()
}

/// The day the harness's clock file holds, where it stands in for the clock.
pub fn test_clock() -> Option<Date> {
    let path = std::env::var_os(TEST_CLOCK_ENV)?;
    let text = std::fs::read_to_string(path).ok()?;
    parse_iso(text.trim())
}

/// When `day` begins and ends in the local time zone, in seconds since the
/// Unix epoch: the instants during which the clock says it is that day.
pub fn local_day_bounds(day: Date) -> Option<(i64, i64)> {
    let tz = local_time_zone();
    let midnight = |d: Date| tz.to_timestamp(d.to_datetime(jiff::civil::Time::midnight()));
    let start = midnight(day).ok()?.as_second();
    let end = midnight(day.tomorrow().ok()?).ok()?.as_second();
    Some((start, end))
}

/// The largest time zone file read; real ones are a few kilobytes.
const MAX_ZONE_FILE: u64 = 1 << 20;

/// A time zone file: only a regular file, and only so much of it, so that
/// `TZ=/dev/zero` or a pipe can neither hang the program nor fill its memory.
fn zone_file(path: &std::path::Path) -> Option<jiff::tz::TimeZone> {
    use std::io::Read;
    let file = std::fs::File::open(path).ok()?;
    let meta = file.metadata().ok()?;
    if !meta.is_file() || meta.len() > MAX_ZONE_FILE {
        return None;
    }
    let mut data = Vec::new();
    file.take(MAX_ZONE_FILE).read_to_end(&mut data).ok()?;
    jiff::tz::TimeZone::tzif("Local", &data).ok()
}

/// The local time zone, read directly: `TZ` (a zone name, a file or a POSIX
/// rule) or /etc/localtime. jiff's own lookup indexes the whole zoneinfo
/// folder first, which costs more than the rest of a small `status`. A `TZ`
/// that names nothing usable counts as UTC ([`time_zone_warning`] says so).
fn local_time_zone() -> jiff::tz::TimeZone {
    checked_time_zone().unwrap_or(jiff::tz::TimeZone::UTC)
}

/// The local time zone, or the `TZ` that names none.
fn checked_time_zone() -> Result<jiff::tz::TimeZone, String> {
    use jiff::tz::TimeZone;
    #[cfg(unix)]
    {
        // A `std::fs::File::open` of a FIFO would wait for a writer: look first.
        let plain = |path: &std::path::Path| {
            std::fs::metadata(path).is_ok_and(|m| m.is_file()) && !path.ends_with("..")
        };
        match std::env::var("TZ") {
            Ok(tz) if !tz.is_empty() => {
                let name = tz.strip_prefix(':').unwrap_or(&tz);
                let path = std::path::Path::new(name);
                let path = if path.is_absolute() {
                    Some(path.to_path_buf())
                } else if !name.contains("..") {
                    Some(std::path::Path::new("/usr/share/zoneinfo").join(name))
                } else {
                    None
                };
                let found = path.filter(|p| plain(p)).and_then(|p| zone_file(&p));
                return found.or_else(|| TimeZone::posix(name).ok()).ok_or(tz);
            }
            Ok(_) => return Ok(TimeZone::UTC),
            Err(_) => {
                let local = std::path::Path::new("/etc/localtime");
                if plain(local)
                    && let Some(zone) = zone_file(local)
                {
                    return Ok(zone);
                }
            }
        }
    }
    Ok(TimeZone::system())
}

/// The warning for a `TZ` that names no usable time zone (which counts as
/// UTC), for the faces to show once when they load.
pub fn time_zone_warning() -> Option<crate::warning::Warning> {
    checked_time_zone()
        .err()
        .map(|tz| crate::warning::Warning::UnusableTz { tz })
}

/// Strict `YYYY-MM-DD`, within [`MIN`]..=[`MAX`].
pub fn parse_iso(input: &str) -> Option<Date> {
    let b = input.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let num = |r: std::ops::Range<usize>| -> Option<i32> {
        b[r].iter().try_fold(0i32, |acc, &c| {
            c.is_ascii_digit().then(|| acc * 10 + i32::from(c - b'0'))
        })
    };
    let (y, m, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
    let date = Date::new(y as i16, m as i8, d as i8).ok()?;
    in_range(date).then_some(date)
}

pub fn in_range(date: Date) -> bool {
    (MIN..=MAX).contains(&date)
}

/// A date as a person types it: `2026-11-25`, `today`, `yesterday`, `tomorrow`,
/// or days/weeks from `today` such as `-3d`, `+7d`, `2w`.
pub fn parse(input: &str, today: Date) -> Result<Date> {
    let text = input.trim();
    let bad = || Error::input(format!("{EXPECTED}, got `{input}`"));
    if let Some(date) = parse_iso(text) {
        return Ok(date);
    }
    let lower = text.to_ascii_lowercase();
    let outside = || {
        Error::input(format!(
            "`{}` falls outside the dates hygiene accepts, {MIN} to {MAX}",
            input.trim()
        ))
    };
    // Calendar months: +1m is the same day next month (or its last day).
    if let Some(number) = lower.strip_suffix('m') {
        let n = signed_count(number).ok_or_else(bad)?;
        return add_months(today, n).ok_or_else(outside);
    }
    let offset_days: i64 = match lower.as_str() {
        "today" => 0,
        "yesterday" => -1,
        "tomorrow" => 1,
        lower => {
            let (number, per) = if let Some(n) = lower.strip_suffix('d') {
                (n, 1)
            } else if let Some(n) = lower.strip_suffix('w') {
                (n, 7)
            } else {
                return Err(bad());
            };
            signed_count(number).ok_or_else(bad)? * per
        }
    };
    // Checked before any clamping: a date out of range is an error, never
    // silently the first or last day.
    let day = epoch_day(today).saturating_add(offset_days);
    if (epoch_day(MIN)..=epoch_day(MAX)).contains(&day) {
        Ok(from_epoch_day(day))
    } else {
        Err(outside())
    }
}

/// "+12", "-3", "7" → the signed count; None for anything else. Too many
/// digits for any date is a count out of range, not a malformed one.
fn signed_count(number: &str) -> Option<i64> {
    let digits = number.strip_prefix(['+', '-']).unwrap_or(number);
    if digits.is_empty() || !digits.bytes().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let n: i64 = digits.parse().unwrap_or(i64::MAX / 8);
    Some(if number.starts_with('-') { -n } else { n })
}

/// `date` plus `months` calendar months (negative: back), the day kept where
/// the month has it and else the month's last day; None outside MIN..=MAX.
pub fn add_months(date: Date, months: i64) -> Option<Date> {
    let index = i64::from(date.year())
        .checked_mul(12)?
        .checked_add(i64::from(date.month() - 1))?
        .checked_add(months)?;
    let (year, month) = (index.div_euclid(12), index.rem_euclid(12) + 1);
    let first = Date::new(i16::try_from(year).ok()?, month as i8, 1).ok()?;
    let day = date.day().min(first.days_in_month());
    first.with().day(day).build().ok().filter(|d| in_range(*d))
}

/// "YYYY-MM-DD", without the formatting machinery.
pub(crate) fn iso(date: Date) -> String {
    iso_bytes(date).iter().map(|&b| char::from(b)).collect()
}

/// "YYYY-MM-DD" as bytes, for writers that need no `String`.
pub(crate) fn iso_bytes(date: Date) -> [u8; 10] {
    let mut buf = *b"0000-00-00";
    let mut put = |at: usize, width: usize, n: i32| {
        let mut n = n;
        for k in (at..at + width).rev() {
            buf[k] = b'0' + (n % 10) as u8;
            n /= 10;
        }
    };
    put(0, 4, i32::from(date.year()));
    put(5, 2, i32::from(date.month()));
    put(8, 2, i32::from(date.day()));
    buf
}

/// `date` plus `days` (which may be negative), clamped to [`MIN`]..=[`MAX`].
pub fn add_days(date: Date, days: i64) -> Date {
    // Whole days are plain integer arithmetic on the day number: this runs
    // for every item of every review.
    let day = epoch_day(date).saturating_add(days.clamp(-4_000_000, 4_000_000));
    from_epoch_day(day.clamp(epoch_day(MIN), epoch_day(MAX)))
}

/// The date of a day number (days since 1970-01-01), by Howard Hinnant's
/// `civil_from_days`; the inverse of [`epoch_day`].
pub(crate) fn from_epoch_day(day: i64) -> Date {
    let z = day + 719_468;
    let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    Date::new(y as i16, m as i8, d as i8).unwrap_or(MAX)
}

/// Whole days from `from` to `to`: positive when `to` is later.
pub(crate) fn days_between(from: Date, to: Date) -> i64 {
    epoch_day(to) - epoch_day(from)
}

/// Days since 1970-01-01 (proleptic Gregorian), by Howard Hinnant's `days_from_civil`:
/// a few integer operations, so the engine can afford it for every item.
pub(crate) fn epoch_day(date: Date) -> i64 {
    let (y, m, d) = (
        i64::from(date.year()),
        i64::from(date.month()),
        i64::from(date.day()),
    );
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;
    use rstest::rstest;

    const TODAY: Date = Date::constant(2026, 11, 25);

    #[rstest]
    #[case("2026-11-01", date(2026, 11, 1))]
    #[case("today", TODAY)]
    #[case("Today", TODAY)]
    #[case(" yesterday ", date(2026, 11, 24))]
    #[case("tomorrow", date(2026, 11, 26))]
    #[case("-3d", date(2026, 11, 22))]
    #[case("+7d", date(2026, 12, 2))]
    #[case("7d", date(2026, 12, 2))]
    #[case("2w", date(2026, 12, 9))]
    #[case("-0d", TODAY)]
    fn parses_what_people_type(#[case] input: &str, #[case] expected: Date) {
        assert_eq!(parse(input, TODAY).unwrap(), expected);
    }

    #[rstest]
    #[case("2026-13-01")]
    #[case("2026-02-30")]
    #[case("26-11-01")]
    #[case("2026/11/01")]
    #[case("1969-12-31")]
    #[case("")]
    #[case("d")]
    #[case("-d")]
    #[case("3x")]
    #[case("--3d")]
    #[case("9999999d")]
    #[case("2026-11-01T10:00")]
    #[case("٣d")]
    #[case("3é")]
    fn rejects_the_rest_with_the_expected_form(#[case] input: &str) {
        let err = parse(input, TODAY).unwrap_err().to_string();
        assert!(
            err.contains("YYYY-MM-DD") || err.contains("falls outside"),
            "{err}"
        );
    }

    #[test]
    fn epoch_days_agree_with_jiff() {
        for d in [MIN, date(2000, 2, 29), date(2026, 11, 25), MAX] {
            let jiff_days = d.since(MIN).unwrap().get_days();
            assert_eq!(epoch_day(d), i64::from(jiff_days), "{d}");
        }
        assert_eq!(days_between(TODAY, date(2026, 12, 9)), 14);
        assert_eq!(days_between(date(2026, 12, 9), TODAY), -14);
    }

    #[test]
    fn day_numbers_round_trip_across_the_whole_range() {
        let mut d = MIN;
        let mut n = epoch_day(MIN);
        while d < MAX {
            assert_eq!(from_epoch_day(n), d);
            assert_eq!(epoch_day(d), n);
            d = d.tomorrow().unwrap();
            n += 1;
        }
        assert_eq!(add_days(date(2024, 2, 28), 1), date(2024, 2, 29));
        assert_eq!(add_days(date(2100, 2, 28), 1), date(2100, 3, 1));
        assert_eq!(add_days(date(2000, 3, 1), -1), date(2000, 2, 29));
    }

    #[test]
    fn iso_is_what_display_writes() {
        for d in [MIN, date(2026, 3, 7), MAX] {
            assert_eq!(iso(d), d.to_string());
        }
    }

    #[test]
    fn adding_days_saturates_at_the_range() {
        assert_eq!(add_days(MAX, 400), MAX);
        assert_eq!(add_days(MIN, -1), MIN);
        assert_eq!(add_days(TODAY, 6), date(2026, 12, 1));
    }

    #[test]
    fn months_from_today_are_calendar_months() {
        let today = date(2026, 1, 31);
        assert_eq!(parse("+1m", today).unwrap(), date(2026, 2, 28));
        assert_eq!(parse("-2m", today).unwrap(), date(2025, 11, 30));
        assert_eq!(parse("+12m", date(2028, 2, 29)).unwrap(), date(2029, 2, 28));
        assert!(parse("+m", today).is_err());
        assert!(parse("+1mm", today).is_err());
        assert!(parse("+99999999m", today).is_err());
    }
}
