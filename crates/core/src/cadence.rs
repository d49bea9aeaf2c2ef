//! How often a check is due, in calendar terms: `"1 month"`, `"3 months"`,
//! `"1 year"`, or a number of days (`cadence_days`, read as before).
//!
//! A month is a calendar month: done on the 15th, due on the 15th of the next
//! month (the 31st becomes the last day of a shorter month). So a person who
//! reviews on about the same day each month stays on the same day, instead of
//! drifting by a day or two each time as 30-day intervals do.
//!
//! Around the due date the rule gives room, scaled to the interval:
//! - **due soon** starts a quarter of the interval before the due date (at most
//!   `due_soon_days`, the config's setting): a week for a monthly check;
//! - **grace**: after the due date the check stays due (in good standing) for
//!   about half the interval, at most 30 days: 17 days for a monthly check,
//!   30 for quarterly and longer ones, 3 for a weekly one. Only after that is it
//!   overdue. So a review within a week either side of the same date each
//!   month never shows a monthly check overdue (two reviews are then at most a
//!   month and two weeks apart, plus up to three days when the date is the
//!   31st and a month is shorter), while a skipped month does: the same date
//!   two months on is well past the grace.

use std::fmt;

use jiff::civil::Date;

use crate::dates;

/// The longest interval, in days: a step taken once (closing an account).
pub const ONCE_DAYS: u32 = 36_500;
/// The most months an interval may span (100 years).
pub const MAX_MONTHS: u32 = 1_200;
/// The longest grace after a due date, in days.
pub const MAX_GRACE: u32 = 30;

/// An interval between two reviews.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Every {
    /// A number of days (`cadence_days`, or `"2 weeks"`).
    Days(u32),
    /// A number of calendar months (`"3 months"`, `"1 year"`).
    Months(u32),
}

impl Every {
    /// A step taken once: the interval is so long it never comes round.
    pub fn is_once(self) -> bool {
        self.approx_days() >= ONCE_DAYS
    }

    /// The date one interval after `date`; None when it lies beyond the
    /// last date hygiene counts ([`dates::MAX`]), never clamped to it.
    pub fn after_within(self, date: Date) -> Option<Date> {
        match self {
            Every::Days(n) => {
                let day = dates::epoch_day(date) + i64::from(n);
                (day <= dates::epoch_day(dates::MAX)).then(|| dates::from_epoch_day(day))
            }
            Every::Months(n) => dates::add_months(date, i64::from(n)),
        }
    }

    /// The date one interval after `date`, at most the last date hygiene
    /// counts (for a snooze's end, which is a choice, not a finding).
    pub fn after(self, date: Date) -> Date {
        match self {
            Every::Days(n) => dates::add_days(date, i64::from(n)),
            Every::Months(n) => add_months(date, n),
        }
    }

    /// The interval's length in days, near enough for the windows around it.
    pub fn approx_days(self) -> u32 {
        match self {
            Every::Days(n) => n,
            // 365.25 / 12 days a month.
            Every::Months(n) => u32::try_from(u64::from(n) * 1461 / 48).unwrap_or(u32::MAX),
        }
    }

    /// Days after the due date during which the check is still only due:
    /// about half the interval, at most [`MAX_GRACE`]; 17 days a month.
    pub fn grace_days(self) -> u32 {
        match self {
            Every::Days(n) => n / 2,
            Every::Months(n) => n.saturating_mul(17),
        }
        .min(MAX_GRACE)
    }

    /// Days before the due date from which the check is due soon.
    pub fn due_soon_days(self, at_most: u32) -> u32 {
        (self.approx_days() / 4).min(at_most)
    }

    /// Read `"1 month"`, `"3 months"`, `"2 weeks"`, `"1 year"`, `"10 days"`.
    pub fn parse(text: &str) -> Result<Every, String> {
        let expected = || {
            format!(
                "expected an interval such as \"1 month\", \"3 months\", \"1 year\" or \"2 weeks\", got {text:?}"
            )
        };
        let mut words = text.split_whitespace();
        let (Some(count), Some(unit), None) = (words.next(), words.next(), words.next()) else {
            return Err(expected());
        };
        let count: u32 = count.parse().map_err(|_| expected())?;
        let every = match unit.trim_end_matches('s') {
            "day" => Every::Days(count),
            "week" => Every::Days(count.saturating_mul(7)),
            "month" => Every::Months(count),
            "year" => Every::Months(count.saturating_mul(12)),
            _ => return Err(expected()),
        };
        let in_range = match every {
            Every::Days(n) => (1..=ONCE_DAYS).contains(&n),
            Every::Months(n) => (1..=MAX_MONTHS).contains(&n),
        };
        if in_range {
            Ok(every)
        } else {
            Err(format!(
                "an interval must be from 1 day to 100 years, got {text:?}"
            ))
        }
    }
}

impl fmt::Display for Every {
    /// "1 month", "3 months", "1 year", "30 days"; "once" for a step taken once.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (n, unit) = match *self {
            _ if self.is_once() => return f.write_str("once"),
            Every::Months(n) if n % 12 == 0 => (n / 12, "year"),
            Every::Months(n) => (n, "month"),
            Every::Days(n) if n % 7 == 0 && n < 365 => (n / 7, "week"),
            Every::Days(n) => (n, "day"),
        };
        write!(f, "{n} {unit}{}", if n == 1 { "" } else { "s" })
    }
}

/// `date` plus `months` calendar months (31 January + 1 month = 28 or 29
/// February); the last date hygiene accepts when that is later.
fn add_months(date: Date, months: u32) -> Date {
    dates::add_months(date, i64::from(months)).unwrap_or(dates::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn months_are_calendar_months() {
        let month = Every::Months(1);
        assert_eq!(month.after(date(2026, 1, 15)), date(2026, 2, 15));
        assert_eq!(month.after(date(2026, 1, 31)), date(2026, 2, 28));
        assert_eq!(
            month.after(date(2028, 1, 31)),
            date(2028, 2, 29),
            "leap year"
        );
        assert_eq!(month.after(date(2026, 12, 31)), date(2027, 1, 31));
        assert_eq!(
            Every::Months(12).after(date(2028, 2, 29)),
            date(2029, 2, 28)
        );
        assert_eq!(
            Every::Months(3).after(date(2026, 11, 30)),
            date(2027, 2, 28)
        );
        assert_eq!(Every::Days(30).after(date(2026, 1, 31)), date(2026, 3, 2));
        // Beyond the calendar: said, not clamped.
        assert_eq!(month.after_within(date(9999, 12, 31)), None);
        assert_eq!(Every::Days(1).after_within(date(9999, 12, 31)), None);
        assert_eq!(
            Every::Days(1).after_within(date(9999, 12, 30)),
            Some(date(9999, 12, 31))
        );
    }

    #[test]
    fn windows_scale_with_the_interval() {
        let cases = [
            (Every::Days(7), 3, 1),
            (Every::Months(1), 17, 7),
            (Every::Months(3), 30, 14),
            (Every::Months(12), 30, 14),
        ];
        for (every, grace, soon) in cases {
            assert_eq!(every.grace_days(), grace, "{every}");
            assert_eq!(every.due_soon_days(14), soon, "{every}");
        }
    }

    #[test]
    fn reads_and_writes_calendar_words() {
        for (text, every, shown) in [
            ("1 month", Every::Months(1), "1 month"),
            ("3 months", Every::Months(3), "3 months"),
            ("1 year", Every::Months(12), "1 year"),
            ("2 years", Every::Months(24), "2 years"),
            ("2 weeks", Every::Days(14), "2 weeks"),
            ("10 days", Every::Days(10), "10 days"),
            ("  6   months ", Every::Months(6), "6 months"),
        ] {
            assert_eq!(Every::parse(text), Ok(every), "{text}");
            assert_eq!(every.to_string(), shown);
        }
        assert_eq!(Every::Days(ONCE_DAYS).to_string(), "once");
        for bad in [
            "month",
            "1 fortnight",
            "0 months",
            "-1 month",
            "1 month ago",
            "101 years",
        ] {
            assert!(Every::parse(bad).is_err(), "{bad}");
        }
    }
}
