//! Files sent with a comment. The bytes live in the file store; a row names
//! them by their SHA-256.

use std::collections::HashMap;

use diesel::prelude::*;

use crate::db::DbConnection;
use crate::db::schema::comment_attachments;

/// The most files one comment may carry.
pub const MAX_ATTACHMENTS: usize = 5;

/// One stored attachment.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = comment_attachments)]
pub struct Attachment {
    pub id: i64,
    pub comment_id: i64,
    /// 1 to 5, in the order they were sent.
    pub position: i32,
    pub file_name: String,
    pub content_type: String,
    pub size_bytes: i64,
    pub sha256: String,
}

/// An attachment to store with a new comment (its file already in the store).
#[derive(Debug, Clone)]
pub struct NewAttachment {
    pub file_name: String,
    pub content_type: &'static str,
    pub size_bytes: i64,
    pub sha256: String,
}

impl NewAttachment {
    /// Stores `list` as the attachments of `comment_id`, numbered from 1.
    pub fn insert_all(
        conn: &mut DbConnection,
        comment_id: i64,
        list: &[NewAttachment],
    ) -> QueryResult<()> {
        for (i, a) in list.iter().enumerate() {
            diesel::insert_into(comment_attachments::table)
                .values((
                    comment_attachments::comment_id.eq(comment_id),
                    comment_attachments::position.eq(i as i32 + 1),
                    comment_attachments::file_name.eq(&a.file_name),
                    comment_attachments::content_type.eq(a.content_type),
                    comment_attachments::size_bytes.eq(a.size_bytes),
                    comment_attachments::sha256.eq(&a.sha256),
                ))
                .execute(conn)?;
        }
        Ok(())
    }
}

impl Attachment {
    /// The attachments of each of `comment_ids` (one query), in order.
    pub fn of(
        conn: &mut DbConnection,
        comment_ids: &[i64],
    ) -> QueryResult<HashMap<i64, Vec<Attachment>>> {
        let rows: Vec<Attachment> = comment_attachments::table
            .filter(comment_attachments::comment_id.eq_any(comment_ids))
            .order((
                comment_attachments::comment_id,
                comment_attachments::position,
            ))
            .select(Attachment::as_select())
            .load(conn)?;
        let mut map: HashMap<i64, Vec<Attachment>> = HashMap::new();
        for row in rows {
            map.entry(row.comment_id).or_default().push(row);
        }
        Ok(map)
    }

    /// Attachment number `position` of a comment.
    pub fn get(conn: &mut DbConnection, comment_id: i64, position: i32) -> QueryResult<Attachment> {
        comment_attachments::table
            .filter(comment_attachments::comment_id.eq(comment_id))
            .filter(comment_attachments::position.eq(position))
            .select(Attachment::as_select())
            .first(conn)
    }
}
