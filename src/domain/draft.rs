//! A draft's lifecycle and its consultation window (DESIGN.md §4).

use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, Days, FixedOffset, NaiveDate, NaiveTime, TimeZone, Utc};

/// Where a draft is in the law-making process. Only the transitions of
/// [`DraftStatus::can_become`] are allowed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DraftStatus {
    Preparing,
    Open,
    Closed,
    Synthesising,
    SynthesisPublished,
    InAppraisal,
    Appraised,
    AppraisalAnswered,
    Submitted,
    Adopted,
    Withdrawn,
}

impl DraftStatus {
    /// Every status, in lifecycle order.
    pub const ALL: [DraftStatus; 11] = [
        DraftStatus::Preparing,
        DraftStatus::Open,
        DraftStatus::Closed,
        DraftStatus::Synthesising,
        DraftStatus::SynthesisPublished,
        DraftStatus::InAppraisal,
        DraftStatus::Appraised,
        DraftStatus::AppraisalAnswered,
        DraftStatus::Submitted,
        DraftStatus::Adopted,
        DraftStatus::Withdrawn,
    ];

    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            DraftStatus::Preparing => "preparing",
            DraftStatus::Open => "open",
            DraftStatus::Closed => "closed",
            DraftStatus::Synthesising => "synthesising",
            DraftStatus::SynthesisPublished => "synthesis_published",
            DraftStatus::InAppraisal => "in_appraisal",
            DraftStatus::Appraised => "appraised",
            DraftStatus::AppraisalAnswered => "appraisal_answered",
            DraftStatus::Submitted => "submitted",
            DraftStatus::Adopted => "adopted",
            DraftStatus::Withdrawn => "withdrawn",
        }
    }

    /// Translation key of the status's name.
    pub fn label_key(self) -> String {
        format!("draft-status-{}", self.as_str().replace('_', "-"))
    }

    /// Whether the lifecycle allows going from `self` to `next`.
    pub fn can_become(self, next: DraftStatus) -> bool {
        use DraftStatus::*;
        if next == Withdrawn {
            return !matches!(self, Adopted | Withdrawn);
        }
        matches!(
            (self, next),
            (Preparing, Open)
                | (Open, Closed)
                // A closed consultation may be reopened with a new window.
                | (Closed, Open)
                | (Closed, Synthesising)
                | (Synthesising, SynthesisPublished)
                | (SynthesisPublished, InAppraisal)
                | (InAppraisal, Appraised)
                | (Appraised, AppraisalAnswered)
                // A draft found not yet eligible is appraised again after its answers.
                | (AppraisalAnswered, InAppraisal)
                // The appraiser judged an answer inadequate: a point is open again.
                | (AppraisalAnswered, Appraised)
                | (AppraisalAnswered, Submitted)
                | (Submitted, Adopted)
        )
    }

    /// `next`, if the lifecycle allows it.
    pub fn become_(self, next: DraftStatus) -> Result<DraftStatus, TransitionRefused> {
        if self.can_become(next) {
            Ok(next)
        } else {
            Err(TransitionRefused {
                from: self,
                to: next,
            })
        }
    }

    /// Comments are accepted (subject to the window) only while open.
    pub fn takes_comments(self) -> bool {
        self == DraftStatus::Open
    }
}

/// A status change the lifecycle doesn't allow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("a draft cannot go from {from} to {to}")]
pub struct TransitionRefused {
    pub from: DraftStatus,
    pub to: DraftStatus,
}

impl fmt::Display for DraftStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for DraftStatus {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        DraftStatus::ALL
            .into_iter()
            .find(|d| d.as_str() == s)
            .ok_or_else(|| format!("unknown draft status {s:?}"))
    }
}

/// Vietnam's time zone (Asia/Ho_Chi_Minh): UTC+7 all year, no daylight saving since 1975.
pub fn vietnam() -> FixedOffset {
    FixedOffset::east_opt(7 * 3600).expect("a valid offset")
}

/// The calendar date in Vietnam at `instant`.
pub fn local_date(instant: DateTime<Utc>) -> NaiveDate {
    instant.with_timezone(&vietnam()).date_naive()
}

/// A consultation window: from the day it opens to the last day, inclusive,
/// closing at 23:59:59 Vietnam time on the last day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window {
    pub opens_on: NaiveDate,
    pub closes_on: NaiveDate,
}

/// Why a window can't be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum WindowRefused {
    #[error("the last day comes before the first")]
    Reversed,
    #[error("the window is {days} days; the rule requires at least {min_days} ({legal_basis})")]
    TooShort {
        days: i64,
        min_days: i64,
        legal_basis: String,
    },
}

impl Window {
    /// A window; the last day must not come before the first.
    pub fn new(opens_on: NaiveDate, closes_on: NaiveDate) -> Result<Window, WindowRefused> {
        if closes_on < opens_on {
            return Err(WindowRefused::Reversed);
        }
        Ok(Window {
            opens_on,
            closes_on,
        })
    }

    /// The window's length in days as Vietnamese law counts a period: the
    /// first day is not counted (Civil Code 2015, Art. 147(1)), so a window
    /// opened on 1 March and closing on 31 March lasts 30 days.
    pub fn days(&self) -> i64 {
        (self.closes_on - self.opens_on).num_days()
    }

    /// The shortest window of `min_days` opening on `opens_on`.
    pub fn minimum(opens_on: NaiveDate, min_days: u32) -> Window {
        Window {
            opens_on,
            closes_on: opens_on + Days::new(u64::from(min_days)),
        }
    }

    /// Refuses a window shorter than a rule's minimum, naming the rule.
    pub fn check(&self, min_days: i64, legal_basis: &str) -> Result<(), WindowRefused> {
        if self.days() < min_days {
            return Err(WindowRefused::TooShort {
                days: self.days(),
                min_days,
                legal_basis: legal_basis.to_string(),
            });
        }
        Ok(())
    }

    /// The first instant after the window: midnight Vietnam time after the last day.
    pub fn closes_at(&self) -> DateTime<Utc> {
        let next_day = self.closes_on + Days::new(1);
        vietnam()
            .from_local_datetime(&next_day.and_time(NaiveTime::MIN))
            .single()
            .expect("a fixed offset has no gaps")
            .with_timezone(&Utc)
    }

    /// The first instant of the window: midnight Vietnam time on the first day.
    pub fn opens_at(&self) -> DateTime<Utc> {
        vietnam()
            .from_local_datetime(&self.opens_on.and_time(NaiveTime::MIN))
            .single()
            .expect("a fixed offset has no gaps")
            .with_timezone(&Utc)
    }

    /// Whether a comment arriving at `instant` is on time.
    pub fn is_open_at(&self, instant: DateTime<Utc>) -> bool {
        instant >= self.opens_at() && instant < self.closes_at()
    }

    /// Whole days left at `instant` counting today (0 once closed): on the last
    /// day this is 1.
    pub fn days_left(&self, instant: DateTime<Utc>) -> i64 {
        if instant >= self.closes_at() {
            return 0;
        }
        (self.closes_on - local_date(instant).max(self.opens_on)).num_days() + 1
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn utc(s: &str) -> DateTime<Utc> {
        s.parse().unwrap()
    }

    #[test]
    fn the_window_closes_at_midnight_vietnam_time_after_the_last_day() {
        let window = Window::new(date("2026-03-01"), date("2026-03-31")).unwrap();
        // 23:59:59 on 31 March in Hà Nội is 16:59:59 UTC.
        assert!(window.is_open_at(utc("2026-03-31T16:59:59Z")));
        assert!(!window.is_open_at(utc("2026-03-31T17:00:00Z")));
        assert_eq!(window.closes_at(), utc("2026-03-31T17:00:00Z"));
    }

    #[test]
    fn the_window_opens_at_midnight_vietnam_time_on_the_first_day() {
        let window = Window::new(date("2026-03-01"), date("2026-03-31")).unwrap();
        // 28 February 17:00 UTC is already 1 March in Vietnam.
        assert!(!window.is_open_at(utc("2026-02-28T16:59:59Z")));
        assert!(window.is_open_at(utc("2026-02-28T17:00:00Z")));
    }

    #[test]
    fn length_does_not_count_the_first_day() {
        let window = Window::new(date("2026-03-01"), date("2026-03-31")).unwrap();
        assert_eq!(window.days(), 30);
        assert_eq!(Window::minimum(date("2026-03-01"), 30), window);
        assert_eq!(
            Window::minimum(date("2026-12-25"), 10).closes_on,
            date("2027-01-04")
        );
    }

    #[test]
    fn a_window_shorter_than_the_rule_is_refused_naming_the_rule() {
        let window = Window::new(date("2026-03-01"), date("2026-03-20")).unwrap();
        let refused = window
            .check(30, "Luật Ban hành văn bản QPPL 2015, Điều 120")
            .unwrap_err();
        assert_eq!(
            refused.to_string(),
            "the window is 19 days; the rule requires at least 30 (Luật Ban hành văn bản QPPL 2015, Điều 120)"
        );
        assert!(window.check(19, "x").is_ok());
        assert_eq!(
            Window::new(date("2026-03-02"), date("2026-03-01")),
            Err(WindowRefused::Reversed)
        );
    }

    #[test]
    fn days_left_counts_today_in_vietnam() {
        let window = Window::new(date("2026-03-01"), date("2026-03-31")).unwrap();
        assert_eq!(window.days_left(utc("2026-03-31T10:00:00Z")), 1);
        // 30 March 18:00 UTC is already 31 March in Vietnam.
        assert_eq!(window.days_left(utc("2026-03-30T18:00:00Z")), 1);
        assert_eq!(window.days_left(utc("2026-03-30T16:00:00Z")), 2);
        assert_eq!(window.days_left(utc("2026-03-31T17:00:00Z")), 0);
        assert_eq!(
            window.days_left(utc("2026-01-01T00:00:00Z")),
            31,
            "before opening: the whole window"
        );
    }

    #[test]
    fn only_lifecycle_transitions_are_allowed() {
        use DraftStatus::*;
        assert!(Preparing.can_become(Open));
        assert!(Open.can_become(Closed));
        assert!(Closed.can_become(Synthesising));
        assert!(SynthesisPublished.can_become(InAppraisal));
        assert!(Submitted.can_become(Adopted));
        assert!(
            AppraisalAnswered.can_become(Appraised),
            "an answer judged inadequate reopens a point"
        );
        assert!(!Submitted.can_become(Appraised), "the exchange is over");
        assert!(Open.can_become(Withdrawn));
        assert!(!Preparing.can_become(Closed), "never opened");
        assert!(
            !Open.can_become(InAppraisal),
            "the gate comes after the synthesis"
        );
        assert!(!Adopted.can_become(Withdrawn));
        assert!(!Withdrawn.can_become(Open));
        assert_eq!(
            Open.become_(Synthesising),
            Err(TransitionRefused {
                from: Open,
                to: Synthesising
            })
        );
        for status in DraftStatus::ALL {
            assert_eq!(status.as_str().parse::<DraftStatus>(), Ok(status));
            assert!(!status.can_become(status), "{status} to itself");
        }
    }
}
