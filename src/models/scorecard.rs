//! Agency scorecards: for the drafts past consultation in a scope, how many
//! comments came, how many have their published answer, how long the agency
//! took to answer them all, which consultations are overdue, and how the
//! justice department's appraisals went. Built on [`Monitored::within`] plus
//! three queries, however many drafts and comments there are.

use std::collections::HashMap;

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::db::schema::{comments, responses};
use crate::domain::appraisal::Conclusion;
use crate::domain::scorecard::{self, answers_overdue, days_between, percent};

use super::comment::status;
use super::{Agency, Monitored, Scope};

/// A consultation whose answers are overdue.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Overdue {
    pub slug: String,
    pub title: String,
    pub closes_on: Option<NaiveDate>,
    pub days_since_close: i64,
    pub unanswered: i64,
}

/// One agency's figures over the drafts in a scope.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct Scorecard {
    pub agency_slug: String,
    pub agency_name: String,
    /// Drafts whose consultation has closed.
    pub drafts: i64,
    /// Comments that count: published, and hidden ones (they still count).
    pub comments: i64,
    /// Published comments, each of which needs a published answer.
    pub to_answer: i64,
    pub answered: i64,
    pub answered_percent: Option<i64>,
    /// Drafts whose every comment has its answer, and the median number of
    /// days between their window closing and the last first answer.
    pub drafts_fully_answered: i64,
    pub median_days_to_answer: Option<i64>,
    pub overdue: Vec<Overdue>,
    pub overdue_count: usize,
    /// Drafts by the conclusion of their current appraisal.
    pub eligible: i64,
    pub not_yet_eligible: i64,
    /// Points of the current appraisals, and those answered (not challenged).
    pub points: i64,
    pub points_answered: i64,
    /// Threads and feedback addressed to the agency, open past their due day.
    pub overdue_threads: i64,
    /// The days behind `median_days_to_answer`, for totals over agencies.
    #[serde(skip)]
    days_to_answer: Vec<i64>,
}

impl Scorecard {
    /// A scorecard for every agency with drafts past consultation in
    /// `scope`, in the order of their names.
    pub fn per_agency(
        conn: &mut DbConnection,
        scope: &Scope,
        now: NaiveDateTime,
    ) -> QueryResult<Vec<Scorecard>> {
        let monitored = Monitored::within(conn, scope)?;
        let ids: Vec<i64> = monitored.iter().map(|m| m.draft.id).collect();
        let counted: HashMap<i64, i64> = comments::table
            .filter(comments::draft_id.eq_any(ids.clone()))
            .filter(comments::status.eq_any(status::COUNTED))
            .group_by(comments::draft_id)
            .select((comments::draft_id, diesel::dsl::count_star()))
            .load::<(i64, i64)>(conn)?
            .into_iter()
            .collect();
        let finished = last_first_answers(conn, &ids)?;
        let agencies: HashMap<i64, Agency> =
            Agency::list(conn)?.into_iter().map(|a| (a.id, a)).collect();

        let mut cards: HashMap<i64, Scorecard> = HashMap::new();
        for m in monitored {
            let draft = &m.draft;
            let card = cards.entry(draft.agency_id).or_insert_with(|| {
                let agency = agencies.get(&draft.agency_id);
                Scorecard {
                    agency_slug: agency.map(Agency::slug).unwrap_or_default(),
                    agency_name: m.agency_name.clone(),
                    ..Scorecard::default()
                }
            });
            card.drafts += 1;
            card.comments += counted.get(&draft.id).copied().unwrap_or(0);
            card.to_answer += m.progress.to_answer;
            card.answered += m.progress.answered;
            let unanswered = m.progress.unanswered();
            if let Some(closed_at) = draft.closes_at {
                if m.progress.to_answer > 0 && unanswered == 0 {
                    if let Some(done) = finished.get(&draft.id) {
                        card.drafts_fully_answered += 1;
                        card.days_to_answer.push(days_between(closed_at, *done));
                    }
                }
                if answers_overdue(closed_at, unanswered, now) {
                    card.overdue.push(Overdue {
                        slug: draft.slug.clone(),
                        title: draft.title.clone(),
                        closes_on: draft.closes_on,
                        days_since_close: days_between(closed_at, now),
                        unanswered,
                    });
                }
            }
            if let Some((appraisal, points, open)) = &m.appraisal {
                match appraisal.conclusion.as_str() {
                    c if c == Conclusion::Eligible.as_str() => card.eligible += 1,
                    _ => card.not_yet_eligible += 1,
                }
                card.points += *points as i64;
                card.points_answered += (*points - *open) as i64;
            }
        }
        // Threads overdue now: counted when the scope has no period or its
        // period holds today (a past quarter's report doesn't change later).
        let today = crate::domain::draft::local_date(now.and_utc());
        let current = scope
            .closed_between
            .is_none_or(|(first, last)| first <= today && today <= last);
        let overdue_threads = if current {
            super::Thread::overdue_by_agency(conn, today)?
        } else {
            Vec::new()
        };
        for (agency_id, n) in overdue_threads {
            if scope.agency_id.is_some_and(|id| id != agency_id) {
                continue;
            }
            let Some(agency) = agencies.get(&agency_id) else {
                continue;
            };
            cards
                .entry(agency_id)
                .or_insert_with(|| Scorecard {
                    agency_slug: agency.slug(),
                    agency_name: agency.name.clone(),
                    ..Scorecard::default()
                })
                .overdue_threads = n;
        }
        let mut cards: Vec<Scorecard> = cards.into_values().map(Scorecard::finish).collect();
        cards.sort_by(|a, b| a.agency_name.cmp(&b.agency_name));
        Ok(cards)
    }

    /// One agency's scorecard over all its drafts past consultation; zeros
    /// when it has none.
    pub fn of_agency(
        conn: &mut DbConnection,
        agency: &Agency,
        now: NaiveDateTime,
    ) -> QueryResult<Scorecard> {
        let scope = Scope {
            agency_id: Some(agency.id),
            ..Scope::default()
        };
        let card = Scorecard::per_agency(conn, &scope, now)?.pop();
        Ok(card.unwrap_or_else(|| Scorecard {
            agency_slug: agency.slug(),
            agency_name: agency.name.clone(),
            ..Scorecard::default()
        }))
    }

    /// The figures of all `cards` together (the median over all their drafts).
    pub fn total(cards: &[Scorecard]) -> Scorecard {
        let mut total = Scorecard::default();
        for card in cards {
            total.drafts += card.drafts;
            total.comments += card.comments;
            total.to_answer += card.to_answer;
            total.answered += card.answered;
            total.drafts_fully_answered += card.drafts_fully_answered;
            total.overdue.extend(card.overdue.iter().cloned());
            total.eligible += card.eligible;
            total.not_yet_eligible += card.not_yet_eligible;
            total.points += card.points;
            total.points_answered += card.points_answered;
            total.overdue_threads += card.overdue_threads;
            total.days_to_answer.extend(&card.days_to_answer);
        }
        total.finish()
    }

    fn finish(mut self) -> Scorecard {
        self.answered_percent = percent(self.answered, self.to_answer);
        self.overdue_count = self.overdue.len();
        self.median_days_to_answer = scorecard::median(self.days_to_answer.clone());
        self
    }
}

/// For each of `draft_ids`, when the last comment received its first
/// published answer: the latest publication among answers that correct no
/// earlier one (a correction later on does not make the agency slower).
fn last_first_answers(
    conn: &mut DbConnection,
    draft_ids: &[i64],
) -> QueryResult<HashMap<i64, NaiveDateTime>> {
    let earlier = diesel::alias!(responses as earlier);
    let rows: Vec<(i64, Option<NaiveDateTime>)> = responses::table
        .filter(responses::draft_id.eq_any(draft_ids.to_vec()))
        .filter(responses::published_at.is_not_null())
        .filter(diesel::dsl::not(diesel::dsl::exists(
            earlier
                .filter(
                    earlier
                        .field(responses::superseded_by)
                        .eq(responses::id.nullable()),
                )
                .select(earlier.field(responses::id)),
        )))
        .group_by(responses::draft_id)
        .select((
            responses::draft_id,
            diesel::dsl::max(responses::published_at),
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .filter_map(|(id, at)| at.map(|at| (id, at)))
        .collect())
}
