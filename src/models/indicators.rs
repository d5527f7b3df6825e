//! Capture indicators: how an agency's answers fall by who commented — the
//! acceptance rate per author category, and the organisations whose
//! comments were accepted. Counted from the current published answers of
//! counted comments, so they add up to the raw figures.

use diesel::prelude::*;

use crate::db::DbConnection;
use crate::domain::comment::Category;
use crate::domain::response::Decision;

/// The answers given to one author category.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct CategoryRow {
    pub category: &'static str,
    pub label_key: &'static str,
    pub answered: i64,
    pub accepted: i64,
    pub partly_accepted: i64,
    pub not_accepted: i64,
    pub noted: i64,
    /// Accepted or partly accepted, out of the answers that decided
    /// something (noted ones asked for no change); `None` without such answers.
    pub acceptance_percent: Option<i64>,
    /// The rate as shown: "33%", or "—" without answers that decided something.
    pub rate: String,
}

/// The indicators of a set of drafts (one draft, or an agency's).
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct Indicators {
    pub by_category: Vec<CategoryRow>,
    /// Organisations with at least one comment accepted (fully or partly), and how many.
    pub organisations_accepted: Vec<(String, i64)>,
    pub answered: i64,
}

impl Indicators {
    /// The indicators over `draft_ids` (two queries).
    pub fn of(conn: &mut DbConnection, draft_ids: &[i64]) -> QueryResult<Indicators> {
        let rows = super::tally::decisions_by_category(conn, draft_ids)?;
        let mut by_category: Vec<CategoryRow> = Category::ALL
            .into_iter()
            .map(|c| CategoryRow {
                category: c.as_str(),
                label_key: c.label_key(),
                ..CategoryRow::default()
            })
            .collect();
        for (category, decision, n) in rows {
            let Some(row) = by_category.iter_mut().find(|r| r.category == category) else {
                continue;
            };
            row.answered += n;
            match decision.parse::<Decision>() {
                Ok(Decision::Accepted) => row.accepted += n,
                Ok(Decision::PartlyAccepted) => row.partly_accepted += n,
                Ok(Decision::NotAccepted) => row.not_accepted += n,
                _ => row.noted += n,
            }
        }
        for row in &mut by_category {
            let decided = row.accepted + row.partly_accepted + row.not_accepted;
            row.acceptance_percent =
                (decided > 0).then(|| (row.accepted + row.partly_accepted) * 100 / decided);
            row.rate = row
                .acceptance_percent
                .map(|p| format!("{p}%"))
                .unwrap_or_else(|| "—".to_string());
        }
        let answered = by_category.iter().map(|r| r.answered).sum();
        let mut organisations_accepted = super::tally::organisations_accepted(conn, draft_ids)?;
        organisations_accepted.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        Ok(Indicators {
            by_category: by_category.into_iter().filter(|r| r.answered > 0).collect(),
            organisations_accepted,
            answered,
        })
    }
}
