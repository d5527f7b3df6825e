//! Dialogue threads (đối thoại), feedback on regulations in force (phản ánh,
//! kiến nghị) and dialogue sessions: kinds, states, what a valid one needs,
//! and the dates that bind the agency.

use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, Days, NaiveDate, Weekday};

use super::account::{Invalid, Role, clean_multiline, clean_text};

/// Days an agency has to answer, unless configured otherwise.
pub const DEFAULT_ANSWER_DAYS: u32 = 20;
/// Working days within which a feedback sent to the wrong agency may be forwarded.
pub const FORWARD_WORKING_DAYS: u32 = 5;

/// What a thread is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ThreadKind {
    /// A discussion on a draft, while it is drafted or consulted.
    Draft,
    /// A problem with a regulation in force (phản ánh, kiến nghị).
    Feedback,
    /// A question sent ahead of a business dialogue session.
    Question,
}

/// A thread's state.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ThreadState {
    Open,
    /// The addressed agency has given an official answer.
    Answered,
    Closed,
}

/// Who opened a thread, as shown next to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum AuthorKind {
    Citizen,
    Organisation,
    Agency,
}

macro_rules! stored_names {
    ($ty:ident, $error:literal, $($variant:ident => $name:literal),+ $(,)?) => {
        impl $ty {
            /// Every value, in the order lists show them.
            pub const ALL: &'static [$ty] = &[$($ty::$variant),+];

            /// The stored name.
            pub fn as_str(self) -> &'static str {
                match self {
                    $($ty::$variant => $name),+
                }
            }
        }

        impl FromStr for $ty {
            type Err = Invalid;

            fn from_str(s: &str) -> Result<Self, Invalid> {
                match s {
                    $($name => Ok($ty::$variant),)+
                    _ => Err(Invalid::new("kind", $error)),
                }
            }
        }

        impl fmt::Display for $ty {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

stored_names!(ThreadKind, "thread-error-kind",
    Draft => "draft", Feedback => "feedback", Question => "question");
stored_names!(ThreadState, "thread-error-state",
    Open => "open", Answered => "answered", Closed => "closed");
stored_names!(AuthorKind, "thread-error-kind",
    Citizen => "citizen", Organisation => "organisation", Agency => "agency");

impl ThreadKind {
    /// Translation key of the kind's name.
    pub fn label_key(self) -> &'static str {
        match self {
            ThreadKind::Draft => "thread-kind-draft",
            ThreadKind::Feedback => "thread-kind-feedback",
            ThreadKind::Question => "thread-kind-question",
        }
    }
}

impl ThreadState {
    /// Translation key of the state's name.
    pub fn label_key(self) -> &'static str {
        match self {
            ThreadState::Open => "thread-state-open",
            ThreadState::Answered => "thread-state-answered",
            ThreadState::Closed => "thread-state-closed",
        }
    }
}

impl AuthorKind {
    /// How someone of `role` speaks in a thread.
    pub fn of(role: Role) -> AuthorKind {
        match role {
            Role::Citizen => AuthorKind::Citizen,
            Role::OrganisationRep => AuthorKind::Organisation,
            _ => AuthorKind::Agency,
        }
    }

    /// Translation key of the kind's name.
    pub fn label_key(self) -> &'static str {
        match self {
            AuthorKind::Citizen => "thread-author-citizen",
            AuthorKind::Organisation => "thread-author-organisation",
            AuthorKind::Agency => "thread-author-agency",
        }
    }
}

/// Trims and normalises `raw`; refuses it when empty (if `required`) or
/// longer than `max` characters, naming `field`.
pub fn text(field: &'static str, raw: &str, max: usize, required: bool) -> Result<String, Invalid> {
    let text = clean_multiline(raw);
    if required && text.is_empty() {
        return Err(Invalid::new(field, "form-error-required"));
    }
    if text.chars().count() > max {
        return Err(Invalid::new(field, "form-error-too-long"));
    }
    Ok(text)
}

/// The longest thread title, reply or body, in characters.
pub const MAX_TITLE: usize = 200;
pub const MAX_BODY: usize = 20_000;

/// A thread title: 5 to 200 characters.
pub fn title(raw: &str) -> Result<String, Invalid> {
    let title = text("title", raw, MAX_TITLE, true)?;
    if title.chars().count() < 5 {
        return Err(Invalid::new("title", "thread-error-title-short"));
    }
    Ok(title)
}

/// A phone number as people write it: digits with spaces, dots, dashes or
/// brackets, an optional leading +, 8 to 15 digits.
pub fn phone(raw: &str) -> Result<String, Invalid> {
    let phone = clean_text(raw);
    if phone.is_empty() {
        return Err(Invalid::new("phone", "form-error-required"));
    }
    let digits = phone.chars().filter(char::is_ascii_digit).count();
    let allowed = phone.chars().enumerate().all(|(i, c)| {
        c.is_ascii_digit() || matches!(c, ' ' | '.' | '-' | '(' | ')') || (c == '+' && i == 0)
    });
    if !allowed || !(8..=15).contains(&digits) {
        return Err(Invalid::new("phone", "thread-error-phone"));
    }
    Ok(phone)
}

/// The day an answer is due: `days` calendar days after the day (in
/// Vietnam) the agency received the thread.
pub fn due_on(received_on: NaiveDate, days: u32) -> NaiveDate {
    received_on + Days::new(u64::from(days))
}

/// The last day a thread received on `received_on` may be forwarded:
/// [`FORWARD_WORKING_DAYS`] working days (Monday to Friday) later.
pub fn forward_deadline(received_on: NaiveDate) -> NaiveDate {
    let mut day = received_on;
    let mut left = FORWARD_WORKING_DAYS;
    while left > 0 {
        day = day.succ_opt().unwrap_or(day);
        if !matches!(day.weekday(), Weekday::Sat | Weekday::Sun) {
            left -= 1;
        }
    }
    day
}

/// Whether a thread is past its due date without an official answer.
pub fn is_overdue(state: ThreadState, due_on: NaiveDate, today: NaiveDate) -> bool {
    state == ThreadState::Open && today > due_on
}

/// What can be followed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FollowKind {
    Thread,
    Draft,
    Agency,
    Field,
}

stored_names!(FollowKind, "follow-error-kind",
    Thread => "thread", Draft => "draft", Agency => "agency", Field => "field");

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn an_answer_is_due_twenty_days_after_receipt_by_default() {
        assert_eq!(
            due_on(day(2026, 11, 2), DEFAULT_ANSWER_DAYS),
            day(2026, 11, 22)
        );
        assert_eq!(due_on(day(2026, 12, 25), 10), day(2027, 1, 4));
    }

    #[test]
    fn forwarding_counts_working_days_only() {
        // Monday → the next Monday.
        assert_eq!(forward_deadline(day(2026, 11, 23)), day(2026, 11, 30));
        // Friday → the next Friday (the weekend does not count).
        assert_eq!(forward_deadline(day(2026, 11, 27)), day(2026, 12, 4));
        // Saturday → the next Friday.
        assert_eq!(forward_deadline(day(2026, 11, 28)), day(2026, 12, 4));
    }

    #[test]
    fn only_an_unanswered_thread_past_its_day_is_overdue() {
        let due = day(2026, 11, 20);
        assert!(!is_overdue(ThreadState::Open, due, due));
        assert!(is_overdue(ThreadState::Open, due, day(2026, 11, 21)));
        assert!(!is_overdue(ThreadState::Answered, due, day(2026, 12, 21)));
        assert!(!is_overdue(ThreadState::Closed, due, day(2026, 12, 21)));
    }

    #[test]
    fn phone_numbers_are_checked_loosely() {
        assert!(phone("0912 345 678").is_ok());
        assert!(phone("+84 (24) 3825-1234").is_ok());
        assert_eq!(phone("").unwrap_err().message.key, "form-error-required");
        assert_eq!(
            phone("12345").unwrap_err().message.key,
            "thread-error-phone"
        );
        assert_eq!(
            phone("09x2345678").unwrap_err().message.key,
            "thread-error-phone"
        );
        assert_eq!(
            phone("84+912345678").unwrap_err().message.key,
            "thread-error-phone"
        );
    }

    #[test]
    fn titles_and_texts_are_bounded() {
        assert_eq!(
            title("abc").unwrap_err().message.key,
            "thread-error-title-short"
        );
        assert_eq!(title("  Thủ tục cấp phép  ").unwrap(), "Thủ tục cấp phép");
        assert!(title(&"a".repeat(MAX_TITLE + 1)).is_err());
        assert_eq!(
            text("body", "   ", 10, true).unwrap_err().message.key,
            "form-error-required"
        );
        assert_eq!(text("body", "   ", 10, false).unwrap(), "");
        assert_eq!(
            text("body", "xxxxxxxxxxx", 10, false)
                .unwrap_err()
                .message
                .key,
            "form-error-too-long"
        );
    }

    #[test]
    fn stored_names_round_trip() {
        for kind in ThreadKind::ALL {
            assert_eq!(kind.as_str().parse::<ThreadKind>().unwrap(), *kind);
        }
        for state in ThreadState::ALL {
            assert_eq!(state.as_str().parse::<ThreadState>().unwrap(), *state);
        }
        assert!("other".parse::<ThreadKind>().is_err());
        assert_eq!(
            AuthorKind::of(Role::OrganisationRep),
            AuthorKind::Organisation
        );
        assert_eq!(AuthorKind::of(Role::Drafter), AuthorKind::Agency);
    }
}
