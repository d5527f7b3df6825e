//! A draft's status changes, each with its time and the agency that made it:
//! the public lifecycle timeline.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::db::schema::{agencies, draft_events, drafts};
use crate::domain::draft::DraftStatus;

/// One status change.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = draft_events)]
pub struct DraftEvent {
    pub id: i64,
    pub draft_id: i64,
    pub status: String,
    pub agency_id: Option<i64>,
    pub actor_id: Option<i64>,
    pub note: String,
    pub created_at: NaiveDateTime,
}

impl DraftEvent {
    /// Records that the draft reached `status`.
    pub fn record(
        conn: &mut DbConnection,
        draft_id: i64,
        status: DraftStatus,
        agency_id: Option<i64>,
        actor_id: Option<i64>,
        note: &str,
    ) -> QueryResult<()> {
        diesel::insert_into(draft_events::table)
            .values((
                draft_events::draft_id.eq(draft_id),
                draft_events::status.eq(status.as_str()),
                draft_events::agency_id.eq(agency_id),
                draft_events::actor_id.eq(actor_id),
                draft_events::note.eq(note),
                draft_events::created_at.eq(super::now()),
            ))
            .execute(conn)?;
        super::ledger::Entry::draft_status(conn, draft_id, status.as_str(), note).map(|_| ())
    }

    /// Moves the draft from `from` to `to` if it is still at `from` (and the
    /// lifecycle allows it), recording the change with `note`; `false` otherwise.
    pub fn transition(
        conn: &mut DbConnection,
        draft_id: i64,
        (from, to): (DraftStatus, DraftStatus),
        agency_id: Option<i64>,
        actor_id: Option<i64>,
        note: &str,
    ) -> QueryResult<bool> {
        if !from.can_become(to) {
            return Ok(false);
        }
        crate::db::transaction(conn, |conn| {
            let changed = diesel::update(
                drafts::table
                    .find(draft_id)
                    .filter(drafts::status.eq(from.as_str())),
            )
            .set((
                drafts::status.eq(to.as_str()),
                drafts::updated_at.eq(super::now()),
            ))
            .execute(conn)?;
            if changed == 1 {
                DraftEvent::record(conn, draft_id, to, agency_id, actor_id, note)?;
            }
            Ok(changed == 1)
        })
    }

    /// A draft's timeline, oldest first, with the name of each acting agency.
    pub fn of(
        conn: &mut DbConnection,
        draft_id: i64,
    ) -> QueryResult<Vec<(DraftEvent, Option<String>)>> {
        draft_events::table
            .left_join(agencies::table)
            .filter(draft_events::draft_id.eq(draft_id))
            .order(draft_events::id)
            .select((DraftEvent::as_select(), agencies::name.nullable()))
            .load(conn)
    }
}
