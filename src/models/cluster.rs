//! Campaign clusters: each comment's MinHash signature and LSH band buckets,
//! and the clusters near-identical comments form as they are published (the
//! rules are in `domain::campaign`). A cluster of at least
//! [`CAMPAIGN_MIN`] counted comments is a campaign.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::db::schema::{
    comment_clusters, comment_lsh_bands, comment_signatures, comments, responses,
};
use crate::domain::campaign::{self, CAMPAIGN_MIN, Candidate, Placement, Signature};

use super::comment::{Comment, CommentFilter, status};

/// One cluster as stored.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = comment_clusters)]
pub struct Cluster {
    /// The id of the comment that founded it.
    pub id: i64,
    pub draft_id: i64,
    pub created_at: NaiveDateTime,
}

/// A draft's (or a filtered list's) counted comments, told apart.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct Breakdown {
    /// Every counted comment (published or hidden).
    pub counted: i64,
    /// Those in no campaign.
    pub unique: i64,
    /// Those in a campaign.
    pub in_campaigns: i64,
    /// How many campaigns they belong to.
    pub campaigns: i64,
}

/// A campaign as listed: its representative (earliest counted member), how
/// many counted comments it has, and a few other members.
#[derive(Debug, Clone)]
pub struct Campaign {
    pub id: i64,
    pub size: i64,
    pub representative: Comment,
    pub sample: Vec<Comment>,
}

/// Comments read per band bucket when looking for an arrival's candidates.
const PER_BUCKET: i64 = 16;

/// Members shown next to a campaign's representative.
pub const SAMPLE: i64 = 3;

/// Counted comments per cluster of a draft (the members the triggers keep).
fn sizes(conn: &mut DbConnection, draft_id: i64) -> QueryResult<HashMap<i64, i64>> {
    let rows: Vec<(i64, i64)> = comment_clusters::table
        .filter(comment_clusters::draft_id.eq(draft_id))
        .filter(comment_clusters::members.gt(0))
        .select((comment_clusters::id, comment_clusters::members))
        .load(conn)?;
    Ok(rows.into_iter().collect())
}

impl Cluster {
    /// Places a comment whose text changed: drops its signature and cluster,
    /// then [`Cluster::assign`]s it again. Call inside the edit's transaction.
    pub fn reassign(conn: &mut DbConnection, comment_id: i64) -> QueryResult<Option<i64>> {
        let current: Option<i64> = comments::table
            .find(comment_id)
            .select(comments::cluster_id)
            .first(conn)?;
        Cluster::forget(conn, comment_id, current.is_some())?;
        Cluster::assign(conn, comment_id)
    }

    /// Signs a comment that has just been published and places it: into the
    /// cluster of the most similar earlier comment of its draft, a new
    /// cluster with it, or none. Call inside the transaction that publishes
    /// it (the comment has no signature yet). Returns the comment's cluster.
    pub fn assign(conn: &mut DbConnection, comment_id: i64) -> QueryResult<Option<i64>> {
        let (draft_id, body): (i64, String) = comments::table
            .find(comment_id)
            .select((comments::draft_id, comments::body))
            .first(conn)?;
        let Some(signature) = Signature::of(&body) else {
            return Ok(None);
        };
        let buckets = signature.buckets();
        let ids = Cluster::candidates(conn, draft_id, &buckets)?;
        let rows: Vec<(i64, Option<i64>, String)> = comment_signatures::table
            .inner_join(comments::table.on(comments::id.eq(comment_signatures::comment_id)))
            .filter(comment_signatures::comment_id.eq_any(&ids))
            .filter(comments::status.eq_any(status::COUNTED))
            .select((
                comment_signatures::comment_id,
                comments::cluster_id,
                comment_signatures::minhash,
            ))
            .load(conn)?;
        let candidates: Vec<Candidate> = rows
            .into_iter()
            .filter_map(|(id, cluster, hex)| {
                Some(Candidate {
                    comment_id: id,
                    cluster_id: cluster,
                    signature: Signature::from_hex(&hex)?,
                })
            })
            .collect();
        let cluster = match campaign::place(&signature, &candidates) {
            Placement::Alone => None,
            Placement::Join(cluster) => Some(cluster),
            Placement::Found(founder) => {
                Cluster::create(conn, founder, draft_id)?;
                diesel::update(comments::table.find(founder))
                    .set(comments::cluster_id.eq(founder))
                    .execute(conn)?;
                Some(founder)
            }
        };
        if cluster.is_some() {
            diesel::update(comments::table.find(comment_id))
                .set(comments::cluster_id.eq(cluster))
                .execute(conn)?;
        }
        diesel::insert_into(comment_signatures::table)
            .values((
                comment_signatures::comment_id.eq(comment_id),
                comment_signatures::draft_id.eq(draft_id),
                comment_signatures::minhash.eq(signature.to_hex()),
            ))
            .execute(conn)?;
        let bands: Vec<_> = buckets
            .iter()
            .enumerate()
            .map(|(band, bucket)| {
                (
                    comment_lsh_bands::comment_id.eq(comment_id),
                    comment_lsh_bands::band.eq(band as i32),
                    comment_lsh_bands::draft_id.eq(draft_id),
                    comment_lsh_bands::bucket_hash.eq(*bucket),
                )
            })
            .collect();
        per_backend!(conn, |c| diesel::insert_into(comment_lsh_bands::table)
            .values(&bands)
            .execute(c))?;
        Ok(cluster)
    }

    /// The earlier comments sharing the most band buckets with `buckets`:
    /// the latest [`PER_BUCKET`] of each bucket, so the work of an arrival
    /// stays the same however big a campaign grows.
    fn candidates(
        conn: &mut DbConnection,
        draft_id: i64,
        buckets: &[i64],
    ) -> QueryResult<Vec<i64>> {
        let mut shared: HashMap<i64, i64> = HashMap::new();
        for bucket in buckets {
            let ids: Vec<i64> = comment_lsh_bands::table
                .filter(comment_lsh_bands::draft_id.eq(draft_id))
                .filter(comment_lsh_bands::bucket_hash.eq(bucket))
                .select(comment_lsh_bands::comment_id)
                .order(comment_lsh_bands::comment_id.desc())
                .limit(PER_BUCKET)
                .load(conn)?;
            for id in ids {
                *shared.entry(id).or_default() += 1;
            }
        }
        let mut ranked: Vec<(i64, i64)> = shared.into_iter().collect();
        ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        Ok(ranked
            .into_iter()
            .take(campaign::MAX_CANDIDATES as usize)
            .map(|(id, _)| id)
            .collect())
    }

    /// Drops a comment's signature and, when `clustered`, takes it out of its cluster.
    fn forget(conn: &mut DbConnection, comment_id: i64, clustered: bool) -> QueryResult<()> {
        diesel::delete(
            comment_lsh_bands::table.filter(comment_lsh_bands::comment_id.eq(comment_id)),
        )
        .execute(conn)?;
        diesel::delete(comment_signatures::table.find(comment_id)).execute(conn)?;
        if clustered {
            diesel::update(comments::table.find(comment_id))
                .set(comments::cluster_id.eq(None::<i64>))
                .execute(conn)?;
        }
        Ok(())
    }

    /// The cluster `id` founded by that comment, unless it exists (two nodes
    /// may found it at once).
    fn create(conn: &mut DbConnection, id: i64, draft_id: i64) -> QueryResult<()> {
        let now = super::now();
        per_backend!(conn, |c| diesel::insert_into(comment_clusters::table)
            .values((
                comment_clusters::id.eq(id),
                comment_clusters::draft_id.eq(draft_id),
                comment_clusters::created_at.eq(now),
            ))
            .on_conflict(comment_clusters::id)
            .do_nothing()
            .execute(c))?;
        Ok(())
    }

    /// Cluster `id` of draft `draft_id`.
    pub fn find(conn: &mut DbConnection, draft_id: i64, id: i64) -> QueryResult<Cluster> {
        comment_clusters::table
            .find(id)
            .filter(comment_clusters::draft_id.eq(draft_id))
            .select(Cluster::as_select())
            .first(conn)
    }

    /// How the counted comments matching `filter` split into unique ones and
    /// campaign ones (a campaign: a cluster of at least [`CAMPAIGN_MIN`]
    /// counted comments of the whole draft).
    pub fn breakdown(
        conn: &mut DbConnection,
        draft_id: i64,
        filter: &CommentFilter,
    ) -> QueryResult<Breakdown> {
        if filter.anchor.is_none() && filter.category.is_none() {
            let counted = super::tally::counted_by_anchor(conn, draft_id)?
                .values()
                .sum::<i64>();
            let tally = super::tally::of_draft(conn, draft_id)?;
            return Ok(Breakdown {
                counted,
                unique: counted - tally.in_campaigns,
                in_campaigns: tally.in_campaigns,
                campaigns: tally.campaigns,
            });
        }
        let campaigns: HashSet<i64> = sizes(conn, draft_id)?
            .into_iter()
            .filter(|(_, n)| *n >= CAMPAIGN_MIN)
            .map(|(id, _)| id)
            .collect();
        // The filter of `Comment::public`, on a query grouped before boxing.
        let mut query = comments::table
            .filter(comments::draft_id.eq(draft_id))
            .filter(comments::status.eq_any(status::COUNTED))
            .group_by(comments::cluster_id)
            .select((comments::cluster_id, diesel::dsl::count_star()))
            .into_boxed();
        if let Some(anchor) = &filter.anchor {
            query = query.filter(
                comments::anchor
                    .eq(anchor.clone())
                    .or(comments::anchor.like(format!("{anchor}/%"))),
            );
        }
        if let Some(category) = filter.category {
            query = query.filter(comments::category.eq(category));
        }
        let rows: Vec<(Option<i64>, i64)> = query.load(conn)?;
        let mut breakdown = Breakdown::default();
        for (cluster, n) in rows {
            breakdown.counted += n;
            if cluster.is_some_and(|c| campaigns.contains(&c)) {
                breakdown.in_campaigns += n;
                breakdown.campaigns += 1;
            }
        }
        breakdown.unique = breakdown.counted - breakdown.in_campaigns;
        Ok(breakdown)
    }

    /// The counted size of each campaign among `cluster_ids` (clusters too
    /// small to be campaigns are left out).
    pub fn campaign_sizes(
        conn: &mut DbConnection,
        draft_id: i64,
    ) -> QueryResult<HashMap<i64, i64>> {
        Ok(sizes(conn, draft_id)?
            .into_iter()
            .filter(|(_, n)| *n >= CAMPAIGN_MIN)
            .collect())
    }

    /// A draft's campaigns, biggest first (at most `limit`), each with its
    /// representative and a sample of other members.
    pub fn campaigns(
        conn: &mut DbConnection,
        draft_id: i64,
        limit: usize,
    ) -> QueryResult<Vec<Campaign>> {
        let mut list: Vec<(i64, i64)> = Cluster::campaign_sizes(conn, draft_id)?
            .into_iter()
            .collect();
        list.sort_by_key(|(id, n)| (std::cmp::Reverse(*n), *id));
        list.truncate(limit);
        let mut out = Vec::with_capacity(list.len());
        for (id, size) in list {
            let mut members = Cluster::members(conn, id, true, None, SAMPLE + 1)?;
            if members.is_empty() {
                continue;
            }
            let representative = members.remove(0);
            out.push(Campaign {
                id,
                size,
                representative,
                sample: members,
            });
        }
        Ok(out)
    }

    /// Members of cluster `id` in the order they arrived (by id), after the
    /// cursor `after_id`; only counted ones when `counted_only`, otherwise
    /// every public one (withdrawn ones show as placeholders).
    pub fn members(
        conn: &mut DbConnection,
        id: i64,
        counted_only: bool,
        after_id: Option<i64>,
        limit: i64,
    ) -> QueryResult<Vec<Comment>> {
        let mut query = comments::table
            .filter(comments::cluster_id.eq(id))
            .filter(comments::status.ne(status::PENDING))
            .order(comments::id.asc())
            .limit(limit)
            .select(Comment::as_select())
            .into_boxed();
        if counted_only {
            query = query.filter(comments::status.eq_any(status::COUNTED));
        }
        if let Some(after) = after_id {
            query = query.filter(comments::id.gt(after));
        }
        query.load(conn)
    }

    /// Published members of cluster `id` without a published answer, in the
    /// order of the draft, after the cursor `(position, id)`: the answer
    /// workspace filtered by cluster.
    pub fn unanswered_members(
        conn: &mut DbConnection,
        id: i64,
        after: Option<(i32, i64)>,
        limit: i64,
    ) -> QueryResult<Vec<Comment>> {
        let mut query = comments::table
            .filter(comments::cluster_id.eq(id))
            .filter(comments::status.eq(status::PUBLISHED))
            .filter(diesel::dsl::not(diesel::dsl::exists(
                responses::table
                    .filter(responses::comment_id.eq(comments::id))
                    .filter(responses::published_at.is_not_null()),
            )))
            .order((comments::position, comments::id))
            .limit(limit)
            .select(Comment::as_select())
            .into_boxed();
        if let Some((position, id)) = after {
            query = query.filter(
                comments::position
                    .gt(position)
                    .or(comments::position.eq(position).and(comments::id.gt(id))),
            );
        }
        query.load(conn)
    }

    /// Every member of cluster `id` in the order of the draft, after the
    /// cursor `(position, id)` (the workspace's "all" view of a cluster).
    pub fn members_by_provision(
        conn: &mut DbConnection,
        id: i64,
        after: Option<(i32, i64)>,
        limit: i64,
    ) -> QueryResult<Vec<Comment>> {
        let mut query = comments::table
            .filter(comments::cluster_id.eq(id))
            .filter(comments::status.ne(status::PENDING))
            .order((comments::position, comments::id))
            .limit(limit)
            .select(Comment::as_select())
            .into_boxed();
        if let Some((position, id)) = after {
            query = query.filter(
                comments::position
                    .gt(position)
                    .or(comments::position.eq(position).and(comments::id.gt(id))),
            );
        }
        query.load(conn)
    }

    /// The ids of every published member of cluster `id` still without a
    /// published answer: what "answer the whole cluster" answers.
    pub fn unanswered_ids(conn: &mut DbConnection, id: i64) -> QueryResult<Vec<i64>> {
        comments::table
            .filter(comments::cluster_id.eq(id))
            .filter(comments::status.eq(status::PUBLISHED))
            .filter(diesel::dsl::not(diesel::dsl::exists(
                responses::table
                    .filter(responses::comment_id.eq(comments::id))
                    .filter(responses::published_at.is_not_null()),
            )))
            .order(comments::id)
            .select(comments::id)
            .load(conn)
    }

    /// Rebuilds every signature, band and cluster of a draft from scratch,
    /// placing its counted comments in the order they were published, in
    /// batches of `batch` comments (one transaction each, constant memory).
    /// Calls `progress` with how many comments are done. The same comments
    /// always give the same clusters, ids included.
    pub fn rebuild(
        conn: &mut DbConnection,
        draft_id: i64,
        batch: i64,
        mut progress: impl FnMut(u64),
    ) -> QueryResult<u64> {
        crate::db::transaction(conn, |conn| {
            diesel::update(comments::table.filter(comments::draft_id.eq(draft_id)))
                .set(comments::cluster_id.eq(None::<i64>))
                .execute(conn)?;
            diesel::delete(
                comment_lsh_bands::table.filter(comment_lsh_bands::draft_id.eq(draft_id)),
            )
            .execute(conn)?;
            diesel::delete(
                comment_signatures::table.filter(comment_signatures::draft_id.eq(draft_id)),
            )
            .execute(conn)?;
            diesel::delete(comment_clusters::table.filter(comment_clusters::draft_id.eq(draft_id)))
                .execute(conn)?;
            Ok::<_, diesel::result::Error>(())
        })?;
        let mut done = 0u64;
        let mut after: Option<(NaiveDateTime, i64)> = None;
        loop {
            let mut query = comments::table
                .filter(comments::draft_id.eq(draft_id))
                .filter(comments::status.eq_any(status::COUNTED))
                .filter(comments::published_at.is_not_null())
                .order((comments::published_at.asc(), comments::id.asc()))
                .limit(batch)
                .select((comments::id, comments::published_at))
                .into_boxed();
            if let Some((at, id)) = after {
                query = query.filter(
                    comments::published_at
                        .gt(at)
                        .or(comments::published_at.eq(at).and(comments::id.gt(id))),
                );
            }
            let rows: Vec<(i64, Option<NaiveDateTime>)> = query.load(conn)?;
            let Some((last_id, Some(last_at))) = rows.last().copied() else {
                break;
            };
            crate::db::transaction(conn, |conn| {
                for (id, _) in &rows {
                    Cluster::assign(conn, *id)?;
                }
                Ok::<_, diesel::result::Error>(())
            })?;
            done += rows.len() as u64;
            progress(done);
            after = Some((last_at, last_id));
        }
        Ok(done)
    }

    /// How many comments [`Cluster::rebuild`] places for these drafts.
    pub fn to_rebuild(conn: &mut DbConnection, draft_ids: &[i64]) -> QueryResult<i64> {
        comments::table
            .filter(comments::draft_id.eq_any(draft_ids))
            .filter(comments::status.eq_any(status::COUNTED))
            .filter(comments::published_at.is_not_null())
            .count()
            .get_result(conn)
    }
}
