//! The `draft_events` table: every status change of a draft, for the public
//! timeline — who moved it, for which agency, and when.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::db::schema::draft_events;
use crate::domain::draft::DraftStatus;

/// One status change as stored.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = draft_events)]
pub struct DraftEvent {
    pub id: i64,
    pub draft_id: i64,
    /// The status the draft moved to.
    pub status: String,
    pub agency_id: Option<i64>,
    pub actor_id: Option<i64>,
    pub note: String,
    pub created_at: NaiveDateTime,
}

impl DraftEvent {
    /// Records that `draft_id` moved to `status` (call it in the transaction
    /// that makes the change).
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
            .execute(conn)
            .map(|_| ())
    }

    /// A draft's timeline, oldest first.
    pub fn of(conn: &mut DbConnection, draft_id: i64) -> QueryResult<Vec<DraftEvent>> {
        draft_events::table
            .filter(draft_events::draft_id.eq(draft_id))
            .order(draft_events::id.asc())
            .select(DraftEvent::as_select())
            .load(conn)
    }

    /// The status it moved to.
    pub fn status(&self) -> Option<DraftStatus> {
        self.status.parse().ok()
    }
}
