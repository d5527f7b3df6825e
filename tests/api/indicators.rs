//! Capture indicators: acceptance by author category and the organisations
//! whose comments were accepted, on the draft and the agency pages.

use diesel::prelude::*;
use gopy::models::indicators::Indicators;

use crate::helpers::TestApp;

#[tokio::test]
async fn acceptance_by_category_adds_up_to_the_answers() {
    let app = TestApp::spawn().await;
    app.seed_demo();
    // The demo's SXD draft: eight comments, every one answered.
    let (draft_id, slug, agency): (i64, String, String) = app.db(|c| {
        use gopy::db::schema::{agencies, drafts};
        Ok(drafts::table
            .inner_join(agencies::table)
            .filter(drafts::status.eq("appraisal_answered"))
            .select((drafts::id, drafts::slug, agencies::public_id))
            .first(c)?)
    });
    let indicators = app.db(move |c| Ok(Indicators::of(c, &[draft_id])?));
    let progress = app.db(move |c| Ok(gopy::models::Response::progress(c, draft_id)?));
    assert_eq!(indicators.answered, progress.answered);
    for row in &indicators.by_category {
        assert_eq!(
            row.answered,
            row.accepted + row.partly_accepted + row.not_accepted + row.noted
        );
    }
    let state = indicators
        .by_category
        .iter()
        .find(|r| r.category == "state_agency")
        .unwrap();
    // One accepted, two not accepted (see src/demo_answers.rs).
    assert_eq!(
        (state.answered, state.accepted, state.not_accepted),
        (3, 1, 2)
    );
    assert_eq!(state.rate, "33%");
    let expert = indicators
        .by_category
        .iter()
        .find(|r| r.category == "expert")
        .unwrap();
    assert_eq!(expert.rate, "0%", "a zero rate is shown as 0%, not hidden");
    assert_eq!(
        indicators.organisations_accepted,
        [("UBND thị xã An Nhơn".to_string(), 1)]
    );

    let page = app
        .browser()
        .get_text(&format!("/drafts/{slug}"), 200)
        .await;
    assert!(page.contains("Chỉ số tiếp thu theo đối tượng góp ý"));
    assert!(page.contains("<td>33%</td>") && page.contains("UBND thị xã An Nhơn (1)"));
    let agency_page = app
        .browser()
        .get_text(&format!("/agencies/{agency}"), 200)
        .await;
    assert!(agency_page.contains("<td>33%</td>"));
}
