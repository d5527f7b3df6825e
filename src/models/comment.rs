//! The `comments` table and the personal data kept apart from it.

use std::collections::HashMap;

use chrono::{Duration, NaiveDateTime};
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::db::schema::{comment_contacts, comment_tokens, comment_versions, comments, users};

/// Statuses a comment can be in.
pub mod status {
    pub const PENDING: &str = "pending_confirmation";
    pub const PUBLISHED: &str = "published";
    pub const HIDDEN: &str = "hidden";
    pub const WITHDRAWN: &str = "withdrawn";
    /// The statuses that count in a draft's totals: a hidden comment still counts.
    pub const COUNTED: [&str; 2] = [PUBLISHED, HIDDEN];
}

/// How long a confirmation link works.
pub const CONFIRMATION_LIFETIME: Duration = Duration::hours(48);

/// One comment as stored.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = comments)]
pub struct Comment {
    pub id: i64,
    pub public_id: String,
    pub draft_id: i64,
    pub version_number: i32,
    pub anchor: Option<String>,
    pub question_position: Option<i32>,
    pub category: String,
    pub organisation_name: Option<String>,
    pub organisation_reg_no: Option<String>,
    pub on_behalf_of: String,
    pub body: String,
    pub body_sha256: String,
    pub status: String,
    pub late: bool,
    pub show_name: bool,
    pub user_id: Option<i64>,
    pub consented_at: NaiveDateTime,
    pub created_at: NaiveDateTime,
    pub published_at: Option<NaiveDateTime>,
    pub updated_at: NaiveDateTime,
    /// Set when the agency answers: the author can no longer edit.
    pub locked_at: Option<NaiveDateTime>,
    pub withdrawn_at: Option<NaiveDateTime>,
    pub hidden_reason_code: Option<String>,
    pub hidden_reason_text: Option<String>,
    pub hidden_by: Option<i64>,
    /// A moderator of the drafting agency proposed hiding it; a second must confirm.
    pub hide_proposed_by: Option<i64>,
    pub hide_proposed_code: Option<String>,
    pub hide_proposed_text: Option<String>,
    /// The provision's place in the version commented on (0: the whole draft or a question).
    pub position: i32,
    /// Its campaign cluster, if near-identical comments were found.
    pub cluster_id: Option<i64>,
}

/// An earlier text of an edited comment.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = comment_versions)]
pub struct CommentVersion {
    pub id: i64,
    pub comment_id: i64,
    pub number: i32,
    pub body: String,
    pub body_sha256: String,
    pub created_at: NaiveDateTime,
}

/// The size of a public comment list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct PublicCounts {
    /// Published and hidden comments: both count in the totals.
    pub counted: i64,
    pub withdrawn: i64,
}

/// Why an author's change was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChangeRefused {
    /// Not this person's comment.
    NotAuthor,
    /// Answered: the text is final.
    Locked,
    /// Withdrawn or not published.
    NotPublished,
}

/// A comment to store.
#[derive(Debug, Clone)]
pub struct NewComment {
    /// Chosen before storing, so the e-mail queued with it can link to it.
    pub public_id: String,
    pub draft_id: i64,
    pub version_number: i32,
    pub anchor: Option<String>,
    /// The provision's place in its version (0 without a provision).
    pub position: i32,
    pub question_position: Option<i32>,
    pub category: &'static str,
    pub organisation_name: Option<String>,
    pub organisation_reg_no: Option<String>,
    pub on_behalf_of: String,
    pub body: String,
    pub body_sha256: String,
    pub late: bool,
    pub show_name: bool,
    pub user_id: Option<i64>,
    /// Name and e-mail of a commenter without an account.
    pub contact: Option<(String, String)>,
    /// Files sent with it, already in the file store.
    pub attachments: Vec<super::NewAttachment>,
}

impl NewComment {
    /// Stores the comment and queues `mail` (the receipt, or the confirmation
    /// link) in the same transaction: published at once for a signed-in
    /// author, pending confirmation otherwise (then `token_hash` is the link's).
    pub fn insert(
        &self,
        conn: &mut DbConnection,
        token_hash: Option<&str>,
        mail: Option<&super::NewMail>,
    ) -> QueryResult<Comment> {
        crate::db::transaction(conn, |conn| {
            let now = super::now();
            let public_id = self.public_id.as_str();
            let pending = token_hash.is_some();
            diesel::insert_into(comments::table)
                .values((
                    comments::public_id.eq(public_id),
                    comments::draft_id.eq(self.draft_id),
                    comments::version_number.eq(self.version_number),
                    comments::anchor.eq(&self.anchor),
                    comments::position.eq(self.position),
                    comments::question_position.eq(self.question_position),
                    comments::category.eq(self.category),
                    comments::organisation_name.eq(&self.organisation_name),
                    comments::organisation_reg_no.eq(&self.organisation_reg_no),
                    comments::on_behalf_of.eq(&self.on_behalf_of),
                    comments::body.eq(&self.body),
                    comments::body_sha256.eq(&self.body_sha256),
                    comments::status.eq(if pending {
                        status::PENDING
                    } else {
                        status::PUBLISHED
                    }),
                    comments::late.eq(self.late),
                    comments::show_name.eq(self.show_name),
                    comments::user_id.eq(self.user_id),
                    comments::consented_at.eq(now),
                    comments::created_at.eq(now),
                    comments::published_at.eq((!pending).then_some(now)),
                    comments::updated_at.eq(now),
                ))
                .execute(conn)?;
            let comment = Comment::find(conn, public_id)?;
            if let Some((name, email)) = &self.contact {
                diesel::insert_into(comment_contacts::table)
                    .values((
                        comment_contacts::comment_id.eq(comment.id),
                        comment_contacts::name.eq(name),
                        comment_contacts::email.eq(email),
                    ))
                    .execute(conn)?;
            }
            super::NewAttachment::insert_all(conn, comment.id, &self.attachments)?;
            if let Some(hash) = token_hash {
                diesel::insert_into(comment_tokens::table)
                    .values((
                        comment_tokens::token_hash.eq(hash),
                        comment_tokens::comment_id.eq(comment.id),
                        comment_tokens::expires_at.eq(now + CONFIRMATION_LIFETIME),
                    ))
                    .execute(conn)?;
            }
            if let Some(mail) = mail {
                mail.enqueue(conn)?;
            }
            if !pending {
                super::ledger::Entry::comment(
                    conn,
                    super::ledger::kind::COMMENT_PUBLISHED,
                    comment.id,
                )?;
                let cluster_id = super::Cluster::assign(conn, comment.id)?;
                super::Search::index_comments(conn, &[(comment.id, &comment.body)])?;
                return Ok(Comment {
                    cluster_id,
                    ..comment
                });
            }
            Ok(comment)
        })
    }
}

impl Comment {
    /// The comment with this public id on draft `draft_id` (not found on another draft).
    pub fn find_in_draft(
        conn: &mut DbConnection,
        draft_id: i64,
        public_id: &str,
    ) -> QueryResult<Comment> {
        comments::table
            .filter(comments::public_id.eq(public_id))
            .filter(comments::draft_id.eq(draft_id))
            .select(Comment::as_select())
            .first(conn)
    }

    /// The comment with this public id.
    pub fn find(conn: &mut DbConnection, public_id: &str) -> QueryResult<Comment> {
        comments::table
            .filter(comments::public_id.eq(public_id))
            .select(Comment::as_select())
            .first(conn)
    }

    /// The same text by the same person on the same draft within the last
    /// minute: a second click, not a second comment.
    pub fn recent_duplicate(
        conn: &mut DbConnection,
        draft_id: i64,
        author: Author<'_>,
        body_sha256: &str,
    ) -> QueryResult<Option<Comment>> {
        let since = super::now() - Duration::minutes(1);
        let recent = comments::table
            .filter(comments::draft_id.eq(draft_id))
            .filter(comments::body_sha256.eq(body_sha256))
            .filter(comments::created_at.gt(since))
            .select(Comment::as_select())
            .into_boxed();
        match author {
            Author::User(id) => recent
                .filter(comments::user_id.eq(id))
                .first(conn)
                .optional(),
            Author::Guest(email) => recent
                .filter(
                    comments::id.eq_any(
                        comment_contacts::table
                            .filter(comment_contacts::email.eq(email.to_string()))
                            .select(comment_contacts::comment_id),
                    ),
                )
                .first(conn)
                .optional(),
        }
    }

    /// Uses a confirmation link: the comment is published (once; the link
    /// then stops working) and `receipt(comment)` is queued in the same
    /// transaction (given the comment and the address to write to). `None`
    /// for an unknown, used or expired link.
    pub fn confirm(
        conn: &mut DbConnection,
        token_hash: &str,
        receipt: impl FnOnce(&Comment, &str) -> Option<super::NewMail>,
    ) -> QueryResult<Option<Comment>> {
        crate::db::transaction(conn, |conn| {
            let now = super::now();
            let used = diesel::update(
                comment_tokens::table
                    .filter(comment_tokens::token_hash.eq(token_hash))
                    .filter(comment_tokens::used_at.is_null())
                    .filter(comment_tokens::expires_at.gt(now)),
            )
            .set(comment_tokens::used_at.eq(now))
            .execute(conn)?;
            if used == 0 {
                return Ok(None);
            }
            let id: i64 = comment_tokens::table
                .filter(comment_tokens::token_hash.eq(token_hash))
                .select(comment_tokens::comment_id)
                .first(conn)?;
            diesel::update(
                comments::table
                    .find(id)
                    .filter(comments::status.eq(status::PENDING)),
            )
            .set((
                comments::status.eq(status::PUBLISHED),
                comments::published_at.eq(now),
                comments::updated_at.eq(now),
            ))
            .execute(conn)?;
            super::ledger::Entry::comment(conn, super::ledger::kind::COMMENT_PUBLISHED, id)?;
            super::Cluster::assign(conn, id)?;
            super::Search::index_comment(conn, id)?;
            let comment = comments::table
                .find(id)
                .select(Comment::as_select())
                .first(conn)?;
            let email = Comment::contact_email(conn, &comment)?;
            if let Some(mail) = email.and_then(|to| receipt(&comment, &to)) {
                mail.enqueue(conn)?;
            }
            Ok(Some(comment))
        })
    }

    /// Counted comments per provision of a draft (`None`: on the whole draft).
    pub fn counts_by_anchor(
        conn: &mut DbConnection,
        draft_id: i64,
    ) -> QueryResult<HashMap<Option<String>, i64>> {
        super::tally::counted_by_anchor(conn, draft_id)
    }

    /// A draft's public comments (published, hidden and withdrawn ones show,
    /// the last two as placeholders) matching `filter`.
    fn public<'a>(
        draft_id: i64,
        filter: &CommentFilter,
    ) -> comments::BoxedQuery<
        'a,
        crate::db::DbBackend,
        diesel::dsl::SqlTypeOf<diesel::dsl::AsSelect<Comment, crate::db::DbBackend>>,
    > {
        let mut query = comments::table
            .filter(comments::draft_id.eq(draft_id))
            .filter(comments::status.ne(status::PENDING))
            .select(Comment::as_select())
            .into_boxed();
        if let Some(anchor) = &filter.anchor {
            // The provision and everything inside it.
            query = query.filter(
                comments::anchor
                    .eq(anchor.clone())
                    .or(comments::anchor.like(format!("{anchor}/%"))),
            );
        }
        if let Some(category) = filter.category {
            query = query.filter(comments::category.eq(category));
        }
        query
    }

    /// A page of public comments, newest first, before `before_id`.
    pub fn page(
        conn: &mut DbConnection,
        draft_id: i64,
        filter: &CommentFilter,
        before_id: Option<i64>,
        limit: i64,
    ) -> QueryResult<Vec<Comment>> {
        let mut query = Comment::public(draft_id, filter)
            .order(comments::id.desc())
            .limit(limit);
        if let Some(before) = before_id {
            query = query.filter(comments::id.lt(before));
        }
        query.load(conn)
    }

    /// A page of public comments in the order of the draft (the whole draft
    /// and questions first, then provision by provision, oldest first within
    /// one), after the cursor `(position, id)`.
    pub fn by_provision(
        conn: &mut DbConnection,
        draft_id: i64,
        filter: &CommentFilter,
        after: Option<(i32, i64)>,
        limit: i64,
    ) -> QueryResult<Vec<Comment>> {
        let mut query = Comment::public(draft_id, filter)
            .order((comments::position.asc(), comments::id.asc()))
            .limit(limit);
        if let Some((position, id)) = after {
            query = query.filter(
                comments::position
                    .gt(position)
                    .or(comments::position.eq(position).and(comments::id.gt(id))),
            );
        }
        query.load(conn)
    }

    /// How many public comments match `filter`: those that count (published
    /// or hidden) and those withdrawn. The list and the export show exactly these.
    pub fn public_counts(
        conn: &mut DbConnection,
        draft_id: i64,
        filter: &CommentFilter,
    ) -> QueryResult<PublicCounts> {
        let mut counts = PublicCounts::default();
        let rows =
            super::tally::by_status(conn, draft_id, filter.anchor.as_deref(), filter.category)?;
        for (status, n) in rows {
            if status::COUNTED.contains(&status.as_str()) {
                counts.counted += n;
            } else if status == status::WITHDRAWN {
                counts.withdrawn += n;
            }
        }
        Ok(counts)
    }

    /// Public comments oldest first after the cursor `after_id` (for exports
    /// and the API: following the cursor reaches every comment).
    pub fn after(
        conn: &mut DbConnection,
        draft_id: i64,
        filter: &CommentFilter,
        after_id: Option<i64>,
        limit: i64,
    ) -> QueryResult<Vec<Comment>> {
        let mut query = Comment::public(draft_id, filter)
            .order(comments::id.asc())
            .limit(limit);
        if let Some(after) = after_id {
            query = query.filter(comments::id.gt(after));
        }
        query.load(conn)
    }

    /// The names of the people behind `comments` who agreed to show them:
    /// account names and the names given without an account, by comment id.
    pub fn consented_names(
        conn: &mut DbConnection,
        list: &[Comment],
    ) -> QueryResult<HashMap<i64, String>> {
        let shown: Vec<&Comment> = list.iter().filter(|c| c.show_name).collect();
        let user_ids: Vec<i64> = shown.iter().filter_map(|c| c.user_id).collect();
        let guest_ids: Vec<i64> = shown
            .iter()
            .filter(|c| c.user_id.is_none())
            .map(|c| c.id)
            .collect();
        let user_names: HashMap<i64, String> = users::table
            .filter(users::id.eq_any(user_ids))
            .select((users::id, users::display_name))
            .load::<(i64, String)>(conn)?
            .into_iter()
            .collect();
        let mut names: HashMap<i64, String> = comment_contacts::table
            .filter(comment_contacts::comment_id.eq_any(guest_ids))
            .select((comment_contacts::comment_id, comment_contacts::name))
            .load::<(i64, String)>(conn)?
            .into_iter()
            .collect();
        for c in shown {
            if let Some(name) = c.user_id.and_then(|u| user_names.get(&u)) {
                names.insert(c.id, name.clone());
            }
        }
        Ok(names)
    }

    /// A user's comments, newest first.
    pub fn for_user(conn: &mut DbConnection, user_id: i64) -> QueryResult<Vec<Comment>> {
        comments::table
            .filter(comments::user_id.eq(user_id))
            .order(comments::id.desc())
            .select(Comment::as_select())
            .load(conn)
    }

    /// Whether `user_id` may still change this comment.
    pub fn changeable_by(&self, user_id: i64) -> Result<(), ChangeRefused> {
        if self.user_id != Some(user_id) {
            return Err(ChangeRefused::NotAuthor);
        }
        if self.status != status::PUBLISHED {
            return Err(ChangeRefused::NotPublished);
        }
        if self.locked_at.is_some() {
            return Err(ChangeRefused::Locked);
        }
        Ok(())
    }

    /// Replaces the text, keeping the previous one as a numbered version.
    /// The update re-checks the lock, so an answer that lands first wins.
    pub fn edit(
        conn: &mut DbConnection,
        id: i64,
        body: &str,
        body_sha256: &str,
    ) -> QueryResult<bool> {
        crate::db::transaction(conn, |conn| {
            let current = comments::table
                .find(id)
                .select(Comment::as_select())
                .first(conn)?;
            let now = super::now();
            let changed = diesel::update(
                comments::table
                    .find(id)
                    .filter(comments::locked_at.is_null())
                    .filter(comments::status.eq(status::PUBLISHED)),
            )
            .set((
                comments::body.eq(body),
                comments::body_sha256.eq(body_sha256),
                comments::updated_at.eq(now),
            ))
            .execute(conn)?;
            if changed == 0 {
                return Ok(false);
            }
            let number: i64 = comment_versions::table
                .filter(comment_versions::comment_id.eq(id))
                .count()
                .get_result(conn)?;
            diesel::insert_into(comment_versions::table)
                .values((
                    comment_versions::comment_id.eq(id),
                    comment_versions::number.eq(number as i32 + 1),
                    comment_versions::body.eq(&current.body),
                    comment_versions::body_sha256.eq(&current.body_sha256),
                    comment_versions::created_at.eq(current.updated_at),
                ))
                .execute(conn)?;
            super::ledger::Entry::comment(conn, super::ledger::kind::COMMENT_EDITED, id)?;
            // The new text may belong elsewhere: place it again.
            super::Cluster::reassign(conn, id)?;
            super::Search::index_comment(conn, id)?;
            Ok(true)
        })
    }

    /// Withdraws the comment: it no longer counts and its text leaves public view.
    pub fn withdraw(conn: &mut DbConnection, id: i64) -> QueryResult<bool> {
        crate::db::transaction(conn, |conn| {
            let now = super::now();
            let changed = diesel::update(
                comments::table
                    .find(id)
                    .filter(comments::status.eq(status::PUBLISHED)),
            )
            .set((
                comments::status.eq(status::WITHDRAWN),
                comments::withdrawn_at.eq(now),
                comments::updated_at.eq(now),
            ))
            .execute(conn)?;
            if changed == 1 {
                super::ledger::Entry::comment(conn, super::ledger::kind::COMMENT_WITHDRAWN, id)?;
            }
            Ok(changed == 1)
        })
    }

    /// The earlier texts of a comment, oldest first.
    pub fn versions(conn: &mut DbConnection, id: i64) -> QueryResult<Vec<CommentVersion>> {
        comment_versions::table
            .filter(comment_versions::comment_id.eq(id))
            .order(comment_versions::number.asc())
            .select(CommentVersion::as_select())
            .load(conn)
    }

    /// The e-mail a receipt goes to: the account's or the one given.
    pub fn contact_email(
        conn: &mut DbConnection,
        comment: &Comment,
    ) -> QueryResult<Option<String>> {
        match comment.user_id {
            Some(id) => users::table
                .find(id)
                .select(users::email)
                .first(conn)
                .optional(),
            None => comment_contacts::table
                .find(comment.id)
                .select(comment_contacts::email)
                .first(conn)
                .optional(),
        }
    }
}

/// Who is commenting, for duplicate detection.
#[derive(Debug, Clone, Copy)]
pub enum Author<'a> {
    User(i64),
    Guest(&'a str),
}

/// What a comment list may be narrowed to.
#[derive(Debug, Clone, Default)]
pub struct CommentFilter {
    pub anchor: Option<String>,
    pub category: Option<&'static str>,
}
