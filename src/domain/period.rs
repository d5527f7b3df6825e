//! The reporting period of the justice department's periodic report: a
//! calendar year (`2026`) or one of its quarters (`2026-Q4`).

use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, NaiveDate};

/// A year, or a quarter of a year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Period {
    Year(i32),
    Quarter(i32, u8),
}

/// Why a period can't be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("a period is a year (2026) or a quarter (2026-Q4), between 2000 and 2100")]
pub struct PeriodRefused;

impl Period {
    /// The quarter that holds `day`.
    pub fn quarter_of(day: NaiveDate) -> Period {
        Period::Quarter(day.year(), (day.month0() / 3 + 1) as u8)
    }

    /// The first day of the period.
    pub fn first_day(self) -> NaiveDate {
        let (year, month) = match self {
            Period::Year(y) => (y, 1),
            Period::Quarter(y, q) => (y, u32::from(q) * 3 - 2),
        };
        NaiveDate::from_ymd_opt(year, month, 1).expect("a valid first day")
    }

    /// The last day of the period, inclusive.
    pub fn last_day(self) -> NaiveDate {
        self.next().first_day().pred_opt().expect("a day before")
    }

    /// The period of the same length just after this one.
    pub fn next(self) -> Period {
        match self {
            Period::Year(y) => Period::Year(y + 1),
            Period::Quarter(y, 4) => Period::Quarter(y + 1, 1),
            Period::Quarter(y, q) => Period::Quarter(y, q + 1),
        }
    }

    /// The period of the same length just before this one.
    pub fn previous(self) -> Period {
        match self {
            Period::Year(y) => Period::Year(y - 1),
            Period::Quarter(y, 1) => Period::Quarter(y - 1, 4),
            Period::Quarter(y, q) => Period::Quarter(y, q - 1),
        }
    }

    /// The year and, for a quarter, its number and its Roman numeral as
    /// Vietnamese reports write it ("IV"): the pieces of the translated label.
    pub fn label_parts(self) -> (i32, Option<(u8, &'static str)>) {
        const ROMAN: [&str; 4] = ["I", "II", "III", "IV"];
        match self {
            Period::Year(y) => (y, None),
            Period::Quarter(y, q) => (y, Some((q, ROMAN[usize::from(q) - 1]))),
        }
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Period::Year(y) => write!(f, "{y}"),
            Period::Quarter(y, q) => write!(f, "{y}-Q{q}"),
        }
    }
}

impl FromStr for Period {
    type Err = PeriodRefused;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let s = s.trim();
        let (year, quarter) = match s.split_once(['-', ' ']) {
            Some((y, q)) => {
                let q = q.strip_prefix(['Q', 'q']).ok_or(PeriodRefused)?;
                let q: u8 = q.parse().map_err(|_| PeriodRefused)?;
                if !(1..=4).contains(&q) {
                    return Err(PeriodRefused);
                }
                (y, Some(q))
            }
            None => (s, None),
        };
        if year.len() != 4 || !year.bytes().all(|b| b.is_ascii_digit()) {
            return Err(PeriodRefused);
        }
        let year: i32 = year.parse().map_err(|_| PeriodRefused)?;
        if !(2000..=2100).contains(&year) {
            return Err(PeriodRefused);
        }
        Ok(match quarter {
            Some(q) => Period::Quarter(year, q),
            None => Period::Year(year),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn a_quarter_runs_from_its_first_to_its_last_day() {
        let q4: Period = "2026-Q4".parse().unwrap();
        assert_eq!(q4, Period::Quarter(2026, 4));
        assert_eq!(
            (q4.first_day(), q4.last_day()),
            (day(2026, 10, 1), day(2026, 12, 31))
        );
        let q1: Period = "2024-q1".parse().unwrap();
        assert_eq!(q1.last_day(), day(2024, 3, 31));
        assert_eq!(Period::Quarter(2025, 2).last_day(), day(2025, 6, 30));
    }

    #[test]
    fn a_year_covers_every_day_of_it() {
        let y: Period = "2025".parse().unwrap();
        assert_eq!(
            (y.first_day(), y.last_day()),
            (day(2025, 1, 1), day(2025, 12, 31))
        );
        assert_eq!(y.to_string(), "2025");
    }

    #[test]
    fn quarters_follow_each_other_across_years() {
        assert_eq!(
            Period::quarter_of(day(2026, 11, 27)),
            Period::Quarter(2026, 4)
        );
        assert_eq!(Period::Quarter(2026, 4).next(), Period::Quarter(2027, 1));
        assert_eq!(
            Period::Quarter(2027, 1).previous(),
            Period::Quarter(2026, 4)
        );
        assert_eq!(Period::Year(2026).previous(), Period::Year(2025));
        assert_eq!(Period::Quarter(2026, 4).to_string(), "2026-Q4");
        assert_eq!(
            Period::Quarter(2026, 4).label_parts(),
            (2026, Some((4, "IV")))
        );
    }

    #[test]
    fn anything_else_is_refused() {
        for bad in [
            "", "26", "2026-Q5", "2026-Q0", "2026-4", "Q4", "1999", "2026-Qx", "20261",
        ] {
            assert_eq!(bad.parse::<Period>(), Err(PeriodRefused), "{bad:?}");
        }
    }
}
