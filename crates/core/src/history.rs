//! The score over time: one record per day on which something changed, kept
//! in the state file's `[scores]` table with the same locked, atomic save:
//!
//! ```toml
//! [scores]
//! 2026-10-24 = { score = 84, reviewed = 38, total = 40, overdue = 1, failing = 1, unreviewed = 2 }
//! ```
//!
//! Bounded: the newest [`DAILY_RECORDS`] records are kept as they are;
//! before them, only the last record of each month; and never more than
//! [`MAX_RECORDS`]. The bounds count records, not days, so no date (a wrong
//! clock, a day far ahead) can thin the history. Years of monthly use stay a
//! few dozen lines.

use std::collections::BTreeMap;

use jiff::civil::Date;

/// The newest records, kept one for each day (400 days of daily use).
pub const DAILY_RECORDS: usize = 400;
/// The most records kept.
pub const MAX_RECORDS: usize = 1_000;

/// One day's overall score and counts, after the day's last change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct DayScore {
    /// None while nothing was reviewed.
    pub score: Option<u8>,
    pub reviewed: u32,
    pub total: u32,
    pub overdue: u32,
    pub failing: u32,
    pub unreviewed: u32,
    /// When the record was written (UTC): of two devices' records for one
    /// day, a merge keeps the one written later.
    pub changed: Option<jiff::Timestamp>,
}

impl DayScore {
    /// The same counts, whenever written.
    pub fn same_counts(&self, other: &DayScore) -> bool {
        DayScore {
            changed: None,
            ..*self
        } == DayScore {
            changed: None,
            ..*other
        }
    }
}

/// Record `day` in `scores`, replacing that day's earlier record, and drop
/// what the bounds do not keep.
pub fn record(scores: &mut BTreeMap<Date, DayScore>, day: Date, score: DayScore) {
    scores.insert(day, score);
    // Before the newest records, keep the last record of each month.
    let Some(&cutoff) = scores.keys().rev().nth(DAILY_RECORDS - 1) else {
        return;
    };
    let old: Vec<Date> = scores.range(..cutoff).map(|(d, _)| *d).collect();
    for pair in old.windows(2) {
        if (pair[0].year(), pair[0].month()) == (pair[1].year(), pair[1].month()) {
            scores.remove(&pair[0]);
        }
    }
    while scores.len() > MAX_RECORDS {
        scores.pop_first();
    }
}

/// The record of the last day before `day` (the previous review), if any.
pub fn previous(scores: &BTreeMap<Date, DayScore>, day: Date) -> Option<(Date, DayScore)> {
    scores.range(..day).next_back().map(|(d, s)| (*d, *s))
}

/// The last record of each of the last `months` months up to `today`, oldest
/// first, None for a month without one: the points of the dashboard's trend.
pub fn monthly(scores: &BTreeMap<Date, DayScore>, today: Date, months: u32) -> Vec<Option<u8>> {
    let index = |d: Date| i32::from(d.year()) * 12 + i32::from(d.month()) - 1;
    let last = index(today);
    let first = last - i32::try_from(months).unwrap_or(12) + 1;
    let mut points = vec![None; months as usize];
    for (d, s) in scores.range(..=today) {
        let i = index(*d);
        if i >= first {
            points[(i - first) as usize] = s.score.or(points[(i - first) as usize]);
        }
    }
    points
}

/// Eight levels of a sparkline: `▁` for 0 up to `█` for 100, a space for none.
pub fn sparkline(points: &[Option<u8>]) -> String {
    const BARS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
    points
        .iter()
        .map(|p| match p {
            Some(s) => BARS[(usize::from(*s.min(&100)) * 7 + 50) / 100],
            None => ' ',
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dates;
    use jiff::civil::date;

    fn day(score: u8) -> DayScore {
        DayScore {
            score: Some(score),
            ..DayScore::default()
        }
    }

    #[test]
    fn one_record_a_day_daily_for_a_while_then_monthly() {
        let mut scores = BTreeMap::new();
        let start = date(2020, 1, 1);
        // Five years of daily changes.
        for i in 0..(5 * 365) {
            record(&mut scores, dates::add_days(start, i), day((i % 100) as u8));
        }
        let last = dates::add_days(start, 5 * 365 - 1);
        assert_eq!(scores.len(), 400 + 47, "400 days daily, then one a month");
        assert!(scores.len() <= MAX_RECORDS);
        assert_eq!(scores.last_key_value().unwrap().0, &last);
        // The same day twice: the later record wins.
        record(&mut scores, last, day(7));
        assert_eq!(scores[&last].score, Some(7));
        assert_eq!(
            previous(&scores, last).unwrap().0,
            dates::add_days(last, -1)
        );
    }

    #[test]
    fn a_day_far_ahead_never_thins_the_history_it_lands_on() {
        let mut scores = BTreeMap::new();
        let start = date(2025, 11, 11);
        for i in 0..380 {
            record(&mut scores, dates::add_days(start, i), day(50));
        }
        assert_eq!(scores.len(), 380);
        // A wrong clock, or a date given for the run.
        record(&mut scores, date(2030, 1, 1), day(90));
        assert_eq!(scores.len(), 381, "every daily record kept");
        record(&mut scores, date(2030, 1, 2), day(90));
        assert_eq!(scores.len(), 382);
    }

    #[test]
    fn years_of_monthly_reviews_stay_small() {
        let mut scores = BTreeMap::new();
        for month in 0..120 {
            let d = date(2020 + (month / 12) as i16, (month % 12) as i8 + 1, 15);
            record(&mut scores, d, day(80));
        }
        assert_eq!(scores.len(), 120, "ten years of monthly reviews: 120 lines");
    }

    #[test]
    fn the_trend_is_the_last_score_of_each_month() {
        let mut scores = BTreeMap::new();
        record(&mut scores, date(2026, 9, 10), day(40));
        record(&mut scores, date(2026, 9, 20), day(60));
        record(&mut scores, date(2026, 11, 2), day(100));
        let points = monthly(&scores, date(2026, 11, 25), 4);
        assert_eq!(points, [None, Some(60), None, Some(100)]);
        assert_eq!(sparkline(&points), " ▅ █");
        assert_eq!(sparkline(&[Some(0), Some(50), Some(100)]), "▁▅█");
    }
}
