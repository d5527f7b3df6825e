//! An agency's answer to a comment (or to an appraisal point): a decision,
//! and an explanation that is required unless the comment was accepted.

use std::fmt;
use std::str::FromStr;

use super::account::{Invalid, clean_multiline};
use super::text::fold;

/// What the agency decided about a comment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Decision {
    Accepted,
    PartlyAccepted,
    NotAccepted,
    /// Taken note of: a comment that asks for nothing to change.
    Noted,
}

impl Decision {
    /// Every decision, in the order forms and reports list them.
    pub const ALL: [Decision; 4] = [
        Decision::Accepted,
        Decision::PartlyAccepted,
        Decision::NotAccepted,
        Decision::Noted,
    ];

    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Decision::Accepted => "accepted",
            Decision::PartlyAccepted => "partly_accepted",
            Decision::NotAccepted => "not_accepted",
            Decision::Noted => "noted",
        }
    }

    /// Translation key of the decision's name.
    pub fn label_key(self) -> &'static str {
        match self {
            Decision::Accepted => "decision-accepted",
            Decision::PartlyAccepted => "decision-partly-accepted",
            Decision::NotAccepted => "decision-not-accepted",
            Decision::Noted => "decision-noted",
        }
    }

    /// Whether the decision must be explained: all but a full acceptance.
    pub fn needs_explanation(self) -> bool {
        self != Decision::Accepted
    }
}

impl fmt::Display for Decision {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Decision {
    type Err = Invalid;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Decision::ALL
            .into_iter()
            .find(|d| d.as_str() == s)
            .ok_or_else(|| Invalid::new("decision", "response-error-decision"))
    }
}

/// A decision with its explanation, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answer {
    pub decision: Decision,
    /// Trimmed, NFC; empty only for an acceptance.
    pub explanation: String,
}

impl Answer {
    /// The longest explanation, in characters.
    pub const MAX_CHARS: usize = 10_000;

    /// Checks a decision and its explanation.
    pub fn parse(decision: &str, explanation: &str) -> Result<Answer, Invalid> {
        let decision: Decision = decision.parse()?;
        let explanation = clean_multiline(explanation);
        if explanation.is_empty() && decision.needs_explanation() {
            return Err(Invalid::new(
                "explanation",
                "response-error-explanation-required",
            ));
        }
        if explanation.chars().count() > Answer::MAX_CHARS {
            return Err(Invalid::new("explanation", "form-error-too-long"));
        }
        Ok(Answer {
            decision,
            explanation,
        })
    }

    /// The explanation reduced to its words (no case, diacritics, punctuation
    /// or spacing), so the same boilerplate is recognised however it is typed.
    pub fn explanation_key(&self) -> String {
        explanation_key(&self.explanation)
    }
}

/// See [`Answer::explanation_key`].
pub fn explanation_key(text: &str) -> String {
    fold(text)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The share of answers whose explanation is boilerplate: the same text
/// given to at least `BOILERPLATE_MIN` distinct comments.
pub const BOILERPLATE_MIN: i64 = 5;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_explanation_is_required_unless_accepted() {
        assert!(Answer::parse("accepted", "  ").is_ok());
        for d in ["partly_accepted", "not_accepted", "noted"] {
            let err = Answer::parse(d, " \n ").unwrap_err();
            assert_eq!(err.field, "explanation");
            assert_eq!(err.message.key, "response-error-explanation-required");
        }
        let answer = Answer::parse("not_accepted", "  Trái với Luật Đất đai 2024. ").unwrap();
        assert_eq!(answer.explanation, "Trái với Luật Đất đai 2024.");
        assert_eq!(Answer::parse("maybe", "x").unwrap_err().field, "decision");
        let long = "a".repeat(Answer::MAX_CHARS + 1);
        assert_eq!(
            Answer::parse("noted", &long).unwrap_err().message.key,
            "form-error-too-long"
        );
    }

    #[test]
    fn boilerplate_is_recognised_however_it_is_typed() {
        assert_eq!(
            explanation_key("Tiếp thu,  chỉnh sửa tại Điều 5."),
            explanation_key("tiep thu chinh sua tai dieu 5")
        );
        assert_ne!(
            explanation_key("Tiếp thu tại Điều 5"),
            explanation_key("Tiếp thu tại Điều 6")
        );
    }
}
