//! The `dossier_documents` table: the explanatory memo, impact assessment,
//! comparison table and other files published with a draft.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::db::schema::dossier_documents;

/// One document as stored (its bytes are in [`crate::storage::Storage`]).
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = dossier_documents)]
pub struct DossierDocument {
    pub id: i64,
    pub public_id: String,
    pub draft_id: i64,
    pub kind: String,
    pub title: String,
    pub filename: String,
    pub content_type: String,
    pub size: i64,
    pub sha256: String,
    pub created_at: NaiveDateTime,
}

/// The kinds of dossier document, as stored.
pub const DOSSIER_KINDS: [&str; 4] = [
    "explanatory_memo",
    "impact_assessment",
    "comparison_table",
    "other",
];

/// A document to record.
pub struct NewDossierDocument<'a> {
    pub draft_id: i64,
    pub kind: &'a str,
    pub title: &'a str,
    pub filename: &'a str,
    pub content_type: &'a str,
    pub size: i64,
    pub sha256: &'a str,
}

impl NewDossierDocument<'_> {
    /// Records the document.
    pub fn insert(&self, conn: &mut DbConnection) -> QueryResult<()> {
        diesel::insert_into(dossier_documents::table)
            .values((
                dossier_documents::public_id.eq(uuid::Uuid::new_v4().to_string()),
                dossier_documents::draft_id.eq(self.draft_id),
                dossier_documents::kind.eq(self.kind),
                dossier_documents::title.eq(self.title),
                dossier_documents::filename.eq(self.filename),
                dossier_documents::content_type.eq(self.content_type),
                dossier_documents::size.eq(self.size),
                dossier_documents::sha256.eq(self.sha256),
                dossier_documents::created_at.eq(super::now()),
            ))
            .execute(conn)
            .map(|_| ())
    }
}

impl DossierDocument {
    /// A draft's documents, oldest first.
    pub fn list_for(conn: &mut DbConnection, draft_id: i64) -> QueryResult<Vec<DossierDocument>> {
        dossier_documents::table
            .filter(dossier_documents::draft_id.eq(draft_id))
            .order(dossier_documents::id.asc())
            .select(DossierDocument::as_select())
            .load(conn)
    }

    /// The document `public_id` of draft `draft_id`.
    pub fn find(
        conn: &mut DbConnection,
        draft_id: i64,
        public_id: &str,
    ) -> QueryResult<DossierDocument> {
        dossier_documents::table
            .filter(dossier_documents::draft_id.eq(draft_id))
            .filter(dossier_documents::public_id.eq(public_id))
            .select(DossierDocument::as_select())
            .first(conn)
    }
}
