//! The justice department's appraisal of a draft (thẩm định): a conclusion,
//! a summary and up to ten points, each optionally tied to a provision; and
//! the note an appraiser writes when an answer is judged inadequate.

use std::fmt;
use std::str::FromStr;

use super::account::{Invalid, clean_multiline};

/// Whether the draft may be submitted for adoption.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Conclusion {
    /// Đủ điều kiện trình.
    Eligible,
    /// Chưa đủ điều kiện trình.
    NotYetEligible,
}

impl Conclusion {
    /// Both conclusions, in the order the form lists them.
    pub const ALL: [Conclusion; 2] = [Conclusion::Eligible, Conclusion::NotYetEligible];

    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Conclusion::Eligible => "eligible",
            Conclusion::NotYetEligible => "not_yet_eligible",
        }
    }

    /// Translation key of the conclusion's name.
    pub fn label_key(self) -> &'static str {
        match self {
            Conclusion::Eligible => "appraisal-conclusion-eligible",
            Conclusion::NotYetEligible => "appraisal-conclusion-not-yet-eligible",
        }
    }
}

impl fmt::Display for Conclusion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Conclusion {
    type Err = Invalid;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Conclusion::ALL
            .into_iter()
            .find(|c| c.as_str() == s)
            .ok_or_else(|| Invalid::new("conclusion", "appraisal-error-conclusion"))
    }
}

/// The most points one appraisal lists (the rows of the form).
pub const MAX_POINTS: usize = 10;
/// The longest summary, in characters.
pub const MAX_SUMMARY_CHARS: usize = 20_000;
/// The longest point, in characters.
pub const MAX_POINT_CHARS: usize = 5_000;
/// The longest challenge note, in characters.
pub const MAX_NOTE_CHARS: usize = 5_000;

/// The field name of row `i` (0-based) of the point rows: `point-1` …
pub const POINT_FIELDS: [&str; MAX_POINTS] = [
    "point-1", "point-2", "point-3", "point-4", "point-5", "point-6", "point-7", "point-8",
    "point-9", "point-10",
];

/// One point as typed: its text and the anchor chosen (empty for none).
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct PointRow {
    pub body: String,
    pub anchor: String,
}

impl PointRow {
    /// A row with neither text nor provision: not a point.
    pub fn is_blank(&self) -> bool {
        self.body.trim().is_empty() && self.anchor.trim().is_empty()
    }
}

/// A checked point.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Point {
    /// Trimmed, NFC, at most [`MAX_POINT_CHARS`].
    pub body: String,
    /// A provision of the appraised version.
    pub anchor: Option<String>,
}

/// A checked appraisal: what the appraiser concluded and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Findings {
    pub conclusion: Conclusion,
    pub summary: String,
    /// In the order typed, blank rows left out.
    pub points: Vec<Point>,
}

fn text(raw: &str) -> String {
    clean_multiline(raw)
}

impl Findings {
    /// Checks the form: a conclusion; a summary; point rows (blank ones
    /// ignored, each kept one needs its text and a provision that
    /// `is_provision` knows); at least one point unless eligible. Returns
    /// every problem found, by field.
    pub fn parse(
        conclusion: &str,
        summary: &str,
        rows: &[PointRow],
        is_provision: impl Fn(&str) -> bool,
    ) -> Result<Findings, Vec<Invalid>> {
        let mut errors = Vec::new();
        let conclusion = conclusion
            .parse::<Conclusion>()
            .map_err(|e| errors.push(e))
            .ok();
        let summary = text(summary);
        if summary.is_empty() {
            errors.push(Invalid::new("summary", "appraisal-error-summary"));
        } else if summary.chars().count() > MAX_SUMMARY_CHARS {
            errors.push(Invalid::new("summary", "form-error-too-long"));
        }
        if rows.len() > MAX_POINTS {
            errors.push(Invalid::new("points", "appraisal-error-too-many"));
        }
        let mut points = Vec::new();
        for (field, row) in POINT_FIELDS.iter().zip(rows) {
            if row.is_blank() {
                continue;
            }
            let body = text(&row.body);
            let anchor = Some(row.anchor.trim().to_string()).filter(|a| !a.is_empty());
            if body.is_empty() {
                errors.push(Invalid::new(field, "appraisal-error-point-text"));
            } else if body.chars().count() > MAX_POINT_CHARS {
                errors.push(Invalid::new(field, "form-error-too-long"));
            } else if anchor.as_deref().is_some_and(|a| !is_provision(a)) {
                errors.push(Invalid::new(field, "appraisal-error-provision"));
            }
            points.push(Point { body, anchor });
        }
        if conclusion == Some(Conclusion::NotYetEligible) && points.is_empty() {
            errors.push(Invalid::new("points", "appraisal-error-no-points"));
        }
        match conclusion {
            Some(conclusion) if errors.is_empty() => Ok(Findings {
                conclusion,
                summary,
                points,
            }),
            _ => Err(errors),
        }
    }
}

/// Why the appraiser judges an answer inadequate: required, trimmed, NFC.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChallengeNote(String);

impl ChallengeNote {
    /// Checks the note.
    pub fn parse(raw: &str) -> Result<ChallengeNote, Invalid> {
        let note = text(raw);
        if note.is_empty() {
            return Err(Invalid::new("note", "appraisal-error-note"));
        }
        if note.chars().count() > MAX_NOTE_CHARS {
            return Err(Invalid::new("note", "form-error-too-long"));
        }
        Ok(ChallengeNote(note))
    }

    /// The note.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(body: &str, anchor: &str) -> PointRow {
        PointRow {
            body: body.into(),
            anchor: anchor.into(),
        }
    }

    fn keys(errors: &[Invalid]) -> Vec<(&str, &str)> {
        errors.iter().map(|e| (e.field, e.message.key)).collect()
    }

    #[test]
    fn a_draft_not_yet_eligible_needs_a_point_and_blank_rows_do_not_count() {
        let known = |a: &str| a == "dieu-5/khoan-2";
        let err =
            Findings::parse("not_yet_eligible", "Chưa đủ.", &[row(" ", "")], known).unwrap_err();
        assert_eq!(keys(&err), [("points", "appraisal-error-no-points")]);
        let eligible = Findings::parse("eligible", "Đủ điều kiện.", &[row("", "")], known).unwrap();
        assert!(eligible.points.is_empty());
        let found = Findings::parse(
            "not_yet_eligible",
            " Chưa đủ. ",
            &[
                row("", ""),
                row(" Làm rõ thẩm quyền. ", "dieu-5/khoan-2"),
                row("Bổ sung căn cứ.", ""),
            ],
            known,
        )
        .unwrap();
        assert_eq!(found.summary, "Chưa đủ.");
        assert_eq!(
            found.points,
            [
                Point {
                    body: "Làm rõ thẩm quyền.".into(),
                    anchor: Some("dieu-5/khoan-2".into())
                },
                Point {
                    body: "Bổ sung căn cứ.".into(),
                    anchor: None
                },
            ]
        );
    }

    #[test]
    fn every_problem_is_named_by_its_field() {
        let err = Findings::parse(
            "maybe",
            "",
            &[
                row("", "dieu-5"),
                row("x", "dieu-9"),
                row(&"a".repeat(5001), ""),
            ],
            |a| a == "dieu-5",
        )
        .unwrap_err();
        assert_eq!(
            keys(&err),
            [
                ("conclusion", "appraisal-error-conclusion"),
                ("summary", "appraisal-error-summary"),
                ("point-1", "appraisal-error-point-text"),
                ("point-2", "appraisal-error-provision"),
                ("point-3", "form-error-too-long"),
            ]
        );
        let many = vec![row("x", ""); MAX_POINTS + 1];
        let err = Findings::parse("eligible", "s", &many, |_| true).unwrap_err();
        assert_eq!(keys(&err), [("points", "appraisal-error-too-many")]);
    }

    #[test]
    fn a_challenge_needs_a_note() {
        assert_eq!(
            ChallengeNote::parse(" \r\n ").unwrap_err().message.key,
            "appraisal-error-note"
        );
        assert_eq!(
            ChallengeNote::parse(" Chưa nêu căn cứ. ").unwrap().as_str(),
            "Chưa nêu căn cứ."
        );
        for c in Conclusion::ALL {
            assert_eq!(c.as_str().parse::<Conclusion>().unwrap(), c);
        }
    }
}
