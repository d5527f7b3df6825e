//! Drafting-team declarations of interest: each drafter on a draft says
//! whether they have an interest in it, and which; shown on the draft page.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::db::schema::{interest_declarations, users};

/// One drafter's declaration, with their name.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Declaration {
    pub name: String,
    /// Empty: no interest to declare.
    pub declaration: String,
    #[serde(skip)]
    pub declared_at: NaiveDateTime,
}

/// Stores (or replaces) `user_id`'s declaration on a draft, and records it
/// on the ledger.
pub fn declare(
    conn: &mut DbConnection,
    draft_id: i64,
    user_id: i64,
    declaration: &str,
) -> QueryResult<()> {
    crate::db::transaction(conn, |conn| {
        diesel::delete(
            interest_declarations::table
                .filter(interest_declarations::draft_id.eq(draft_id))
                .filter(interest_declarations::user_id.eq(user_id)),
        )
        .execute(conn)?;
        diesel::insert_into(interest_declarations::table)
            .values((
                interest_declarations::draft_id.eq(draft_id),
                interest_declarations::user_id.eq(user_id),
                interest_declarations::declaration.eq(declaration),
                interest_declarations::declared_at.eq(super::now()),
            ))
            .execute(conn)?;
        let public_id: String = users::table
            .find(user_id)
            .select(users::public_id)
            .first(conn)?;
        super::ledger::Entry::draft_change(
            conn,
            super::ledger::kind::INTEREST_DECLARED,
            draft_id,
            &format!("/team/{public_id}"),
            serde_json::json!({
                "drafter": public_id,
                "none": declaration.is_empty(),
                "declaration_sha256": crate::storage::Storage::hash(declaration.as_bytes()),
            }),
        )?;
        Ok(())
    })
}

/// The declarations on a draft, oldest first.
pub fn of(conn: &mut DbConnection, draft_id: i64) -> QueryResult<Vec<Declaration>> {
    let rows: Vec<(String, String, NaiveDateTime)> = interest_declarations::table
        .inner_join(users::table)
        .filter(interest_declarations::draft_id.eq(draft_id))
        .order(interest_declarations::declared_at)
        .select((
            users::display_name,
            interest_declarations::declaration,
            interest_declarations::declared_at,
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(name, declaration, declared_at)| Declaration {
            name,
            declaration,
            declared_at,
        })
        .collect())
}
