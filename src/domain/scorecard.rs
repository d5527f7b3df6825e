//! The arithmetic of agency scorecards: when answers are overdue, the
//! median, and percentages that never claim more than the counts say.

use chrono::{NaiveDateTime, TimeDelta};

/// Days after a window closes within which every comment should have its
/// published answer. The law sets no number; this is the portal's policy,
/// the same for every agency, so that scorecards compare like with like.
pub const ANSWER_DUE_DAYS: i64 = 30;

/// Whether a consultation that closed at `closed_at` with `unanswered`
/// comments still waiting is overdue at `now`.
pub fn answers_overdue(closed_at: NaiveDateTime, unanswered: i64, now: NaiveDateTime) -> bool {
    unanswered > 0 && now > closed_at + TimeDelta::days(ANSWER_DUE_DAYS)
}

/// Whole days from `closed_at` to `done_at`; answers finished before the
/// window closed count as zero days.
pub fn days_between(closed_at: NaiveDateTime, done_at: NaiveDateTime) -> i64 {
    (done_at - closed_at).num_days().max(0)
}

/// The median of `values` (the lower middle one for an even count, so it
/// is always a value that occurred); `None` when there are none.
pub fn median(mut values: Vec<i64>) -> Option<i64> {
    if values.is_empty() {
        return None;
    }
    values.sort_unstable();
    Some(values[(values.len() - 1) / 2])
}

/// `part` of `whole` in whole percent, rounded down so that 99.9% is never
/// shown as 100%; `None` when there is nothing to count.
pub fn percent(part: i64, whole: i64) -> Option<i64> {
    (whole > 0).then(|| part * 100 / whole)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn at(day: u32, hour: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, 10, day)
            .unwrap()
            .and_hms_opt(hour, 0, 0)
            .unwrap()
    }

    #[test]
    fn answers_are_overdue_only_after_the_due_days_and_only_when_some_are_missing() {
        let closed = at(1, 17);
        let due = closed + TimeDelta::days(ANSWER_DUE_DAYS);
        assert!(!answers_overdue(closed, 3, due));
        assert!(answers_overdue(closed, 3, due + TimeDelta::seconds(1)));
        assert!(!answers_overdue(closed, 0, due + TimeDelta::days(100)));
    }

    #[test]
    fn days_count_whole_days_and_never_go_negative() {
        assert_eq!(days_between(at(1, 17), at(11, 16)), 9);
        assert_eq!(days_between(at(1, 17), at(11, 17)), 10);
        assert_eq!(days_between(at(11, 17), at(1, 17)), 0);
    }

    #[test]
    fn the_median_is_a_value_that_occurred() {
        assert_eq!(median(vec![]), None);
        assert_eq!(median(vec![7]), Some(7));
        assert_eq!(median(vec![30, 2, 9]), Some(9));
        assert_eq!(median(vec![4, 1, 10, 8]), Some(4));
    }

    #[test]
    fn percentages_round_down_and_need_a_whole() {
        assert_eq!(percent(999, 1000), Some(99));
        assert_eq!(percent(412, 412), Some(100));
        assert_eq!(percent(0, 0), None);
    }
}
