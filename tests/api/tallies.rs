//! The tallies the database keeps with triggers (what the draft page reads)
//! equal a count of the rows after every kind of change: demo activity,
//! bulk generation, hiding, withdrawing, moving and deleting comments,
//! answers corrected and removed, clusters rebuilt.

use std::collections::{BTreeMap, BTreeSet};

use diesel::prelude::*;
use diesel::sql_types::Text;
use gopy::db::DbConnection;
use gopy::domain::campaign::CAMPAIGN_MIN;
use gopy::domain::response::BOILERPLATE_MIN;
use gopy::generate::{Spec, run};
use gopy::models::cluster::Cluster;

use crate::helpers::TestApp;

#[derive(QueryableByName)]
struct Line {
    #[diesel(sql_type = Text)]
    line: String,
}

fn lines(conn: &mut DbConnection, sql: &str) -> BTreeSet<String> {
    diesel::sql_query(sql)
        .load::<Line>(conn)
        .unwrap_or_else(|e| panic!("{e}: {sql}"))
        .into_iter()
        .map(|l| l.line)
        .collect()
}

const CURRENT: &str = "r.published_at IS NOT NULL AND r.superseded_at IS NULL";
const COUNTED: &str = "('published', 'hidden')";

/// Every tally against the same figure counted from the rows.
fn assert_tallies_match(conn: &mut DbConnection, after: &str) {
    let counted = lines(
        conn,
        &format!(
            "SELECT CAST(c.draft_id AS TEXT) || '|' || COALESCE(c.anchor, '') || '|' || c.status
                    || '|' || c.category || '|' || COALESCE(r.decision, '') || '|' || CAST(COUNT(*) AS TEXT) AS line
             FROM comments c LEFT JOIN responses r ON r.comment_id = c.id AND {CURRENT}
             GROUP BY c.draft_id, COALESCE(c.anchor, ''), c.status, c.category, COALESCE(r.decision, '')"
        ),
    );
    let kept = lines(
        conn,
        "SELECT CAST(draft_id AS TEXT) || '|' || anchor || '|' || status || '|' || category
                || '|' || decision || '|' || CAST(n AS TEXT) AS line
         FROM comment_tallies WHERE n <> 0",
    );
    assert_eq!(kept, counted, "comment tallies after {after}");

    let counted = lines(
        conn,
        &format!(
            "SELECT CAST(c.draft_id AS TEXT) || '|' || c.organisation_name || '|' || CAST(COUNT(*) AS TEXT) AS line
             FROM comments c JOIN responses r ON r.comment_id = c.id AND {CURRENT}
             WHERE c.organisation_name IS NOT NULL AND c.status IN {COUNTED}
               AND r.decision IN ('accepted', 'partly_accepted')
             GROUP BY c.draft_id, c.organisation_name"
        ),
    );
    let kept = lines(
        conn,
        "SELECT CAST(draft_id AS TEXT) || '|' || organisation_name || '|' || CAST(n AS TEXT) AS line
         FROM organisation_tallies WHERE n <> 0",
    );
    assert_eq!(kept, counted, "organisation tallies after {after}");

    let members = lines(
        conn,
        &format!(
            "SELECT CAST(k.id AS TEXT) || '|' || CAST(COUNT(c.id) AS TEXT) AS line
             FROM comment_clusters k LEFT JOIN comments c ON c.cluster_id = k.id AND c.status IN {COUNTED}
             GROUP BY k.id"
        ),
    );
    let kept = lines(
        conn,
        "SELECT CAST(id AS TEXT) || '|' || CAST(members AS TEXT) AS line FROM comment_clusters",
    );
    assert_eq!(kept, members, "cluster members after {after}");

    // The per-draft figures, counted here from the rows.
    let mut expected: BTreeMap<i64, [i64; 4]> =
        lines(conn, "SELECT CAST(id AS TEXT) AS line FROM drafts")
            .into_iter()
            .map(|id| (id.parse().unwrap(), [0; 4]))
            .collect();
    let explanations = lines(
        conn,
        &format!(
            "SELECT CAST(r.draft_id AS TEXT) || '|' || CAST(COUNT(*) AS TEXT) || '|' || r.explanation_key AS line
             FROM responses r WHERE {CURRENT} GROUP BY r.draft_id, r.explanation_key"
        ),
    );
    for line in explanations {
        let mut parts = line.splitn(3, '|');
        let draft: i64 = parts.next().unwrap().parse().unwrap();
        let n: i64 = parts.next().unwrap().parse().unwrap();
        let key = parts.next().unwrap();
        let figures = expected.get_mut(&draft).unwrap();
        figures[0] += n;
        if !key.is_empty() && n >= BOILERPLATE_MIN {
            figures[1] += n;
        }
    }
    for line in members {
        let (cluster, n) = line.split_once('|').unwrap();
        let n: i64 = n.parse().unwrap();
        let draft: i64 = lines(
            conn,
            &format!(
                "SELECT CAST(draft_id AS TEXT) AS line FROM comment_clusters WHERE id = {cluster}"
            ),
        )
        .pop_first()
        .unwrap()
        .parse()
        .unwrap();
        if n >= CAMPAIGN_MIN {
            let figures = expected.get_mut(&draft).unwrap();
            figures[2] += 1;
            figures[3] += n;
        }
    }
    let kept: BTreeMap<i64, [i64; 4]> = lines(
        conn,
        "SELECT CAST(draft_id AS TEXT) || '|' || CAST(answers AS TEXT) || '|' || CAST(reused_answers AS TEXT)
                || '|' || CAST(campaigns AS TEXT) || '|' || CAST(in_campaigns AS TEXT) AS line
         FROM draft_tallies",
    )
    .into_iter()
    .map(|line| {
        let v: Vec<i64> = line.split('|').map(|x| x.parse().unwrap()).collect();
        (v[0], [v[1], v[2], v[3], v[4]])
    })
    .collect();
    assert_eq!(
        kept, expected,
        "draft tallies (answers, reused, campaigns, in campaigns) after {after}"
    );
}

fn exec(conn: &mut DbConnection, sql: &str) -> usize {
    diesel::sql_query(sql)
        .execute(conn)
        .unwrap_or_else(|e| panic!("{e}: {sql}"))
}

#[tokio::test]
async fn the_kept_tallies_equal_a_count_of_the_rows_after_every_kind_of_change() {
    let app = TestApp::spawn().await;
    app.seed_demo();
    app.db(|c| {
        assert_tallies_match(c, "the demo");
        run(
            c,
            Spec {
                drafts: 1,
                comments: 600,
                seed: 4,
            },
            |_| {},
        )?;
        assert_tallies_match(c, "generating");

        // Organisations' accepted comments hidden, then one withdrawn.
        let hidden = exec(
            c,
            "UPDATE comments SET status = 'hidden' WHERE id IN (
                 SELECT c.id FROM comments c JOIN responses r ON r.comment_id = c.id
                 WHERE c.organisation_name IS NOT NULL AND r.decision IN ('accepted', 'partly_accepted')
                 ORDER BY c.id LIMIT 3)",
        );
        assert!(hidden > 0, "the data has accepted organisations' comments");
        assert_tallies_match(c, "hiding");
        exec(
            c,
            "UPDATE comments SET status = 'withdrawn' WHERE id = (SELECT MIN(id) FROM comments WHERE status = 'published')",
        );
        assert_tallies_match(c, "withdrawing");

        // Moved to the whole draft, and re-categorised.
        exec(
            c,
            "UPDATE comments SET anchor = NULL, category = 'expert' WHERE id IN (
                 SELECT id FROM comments WHERE anchor IS NOT NULL ORDER BY id DESC LIMIT 5)",
        );
        assert_tallies_match(c, "moving");

        // Answers: a decision changed, one superseded, one removed.
        exec(
            c,
            "UPDATE responses SET decision = 'not_accepted' WHERE id IN (
                 SELECT id FROM responses WHERE decision = 'accepted' AND published_at IS NOT NULL
                   AND superseded_at IS NULL ORDER BY id LIMIT 2)",
        );
        assert_tallies_match(c, "changing decisions");
        exec(
            c,
            "UPDATE responses SET superseded_at = CURRENT_TIMESTAMP WHERE id = (
                 SELECT MIN(id) FROM responses WHERE published_at IS NOT NULL AND superseded_at IS NULL)",
        );
        assert_tallies_match(c, "superseding");
        exec(
            c,
            "DELETE FROM responses WHERE id = (
                 SELECT MAX(id) FROM responses WHERE superseded_by IS NULL
                   AND id NOT IN (SELECT superseded_by FROM responses WHERE superseded_by IS NOT NULL))",
        );
        assert_tallies_match(c, "removing an answer");

        // Clusters rebuilt from scratch, then a campaign member deleted.
        let drafts: Vec<i64> = gopy::db::schema::drafts::table
            .select(gopy::db::schema::drafts::id)
            .load(c)?;
        for draft in &drafts {
            Cluster::rebuild(c, *draft, 100, |_| {})?;
        }
        assert_tallies_match(c, "reclustering");
        let in_campaign = exec(
            c,
            "DELETE FROM comments WHERE id = (
                 SELECT MAX(c.id) FROM comments c
                 WHERE c.cluster_id IS NOT NULL AND c.status = 'published'
                   AND NOT EXISTS (SELECT 1 FROM responses r WHERE r.comment_id = c.id)
                   AND NOT EXISTS (SELECT 1 FROM comment_versions v WHERE v.comment_id = c.id)
                   AND NOT EXISTS (SELECT 1 FROM comment_clusters k WHERE k.id = c.id))",
        );
        assert_eq!(in_campaign, 1, "a campaign member was deleted");
        assert_tallies_match(c, "deleting a comment");
        Ok(())
    });
}
