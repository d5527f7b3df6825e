//! `gopy admin generate`: synthetic consultations for benchmarks that look
//! like real ones and keep the ledger intact.

use diesel::prelude::*;
use gopy::db::schema::{comments, drafts, provisions, responses, versions};
use gopy::generate::{Spec, run};
use gopy::models::ledger::Entry;

use crate::helpers::TestApp;

#[tokio::test]
async fn generated_consultations_are_complete_and_the_ledger_verifies() {
    let app = TestApp::spawn().await;
    let mut seen = Vec::new();
    let report = app.db(|c| {
        run(
            c,
            Spec {
                drafts: 2,
                comments: 6_001,
                seed: 9,
            },
            |n| seen.push(n),
        )
    });
    assert_eq!(report.comments, 6_001);
    assert_eq!(report.drafts.len(), 2);
    assert_eq!(seen.last(), Some(&6_001), "progress reaches the total");

    let (stored, categories, answered, provisions_of_first) = app.db(|c| {
        let stored: i64 = comments::table
            .filter(comments::status.eq("published"))
            .count()
            .get_result(c)?;
        let categories: Vec<String> = comments::table
            .select(comments::category)
            .distinct()
            .load(c)?;
        let answered: i64 = responses::table
            .filter(responses::published_at.is_not_null())
            .count()
            .get_result(c)?;
        let provisions_of_first: i64 = provisions::table
            .inner_join(versions::table.inner_join(drafts::table))
            .filter(drafts::slug.eq(&report.drafts[0]))
            .count()
            .get_result(c)?;
        Ok((stored, categories, answered, provisions_of_first))
    });
    assert_eq!(stored, 6_001);
    assert_eq!(answered as u64, report.responses);
    // About a fifth answered, every category present, drafts of ~200 provisions.
    assert!((900..1_500).contains(&answered), "{answered}");
    assert!(categories.len() >= 5, "{categories:?}");
    assert!(provisions_of_first >= 150, "{provisions_of_first}");

    // Every comment and answer is in the chain, and the chain holds.
    let (entries, broken) = app.db(|c| Ok(Entry::verify(c, |_| {})?));
    assert_eq!(broken, None);
    assert!(entries >= 6_001 + answered);
    assert!(app.db(|c| Ok(Entry::drift(c)?)).is_empty());

    // The drafts are open and read like any other.
    let page = app
        .browser()
        .get_text(&format!("/drafts/{}", report.drafts[0]), 200)
        .await;
    assert!(page.contains("Điều 1."));
    let list = app
        .browser()
        .get_text(&format!("/drafts/{}/comments", report.drafts[1]), 200)
        .await;
    assert!(list.contains("3000") || list.contains("3.000") || list.contains("3,000"));
}
