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

#[tokio::test]
async fn drafters_declare_their_interests_and_the_draft_page_shows_them() {
    use gopy::domain::Role;
    let app = TestApp::spawn().await;
    app.seed_demo();
    let slug: String = app.db(|c| {
        use gopy::db::schema::drafts::dsl::*;
        Ok(drafts.filter(status.eq("open")).select(slug).first(c)?)
    });
    let path = format!("/workspace/drafts/{slug}/interest");
    let minh = app
        .signed_in("minh@snnmt.gov.vn", Role::Drafter, Some("SNNMT"))
        .await;
    let form = minh
        .get_text(&format!("/workspace/drafts/{slug}"), 200)
        .await;
    assert!(form.contains("name=\"choice\" value=\"none\"") && !form.contains(" checked>"));
    let empty = minh
        .post_form(&path, &[("choice", "some"), ("declaration", " ")])
        .await;
    assert_eq!(empty.status().as_u16(), 422);
    assert!(
        empty
            .text()
            .await
            .unwrap()
            .contains("Hãy ghi rõ lợi ích cần kê khai")
    );
    let declared = minh
        .post_form(
            &path,
            &[
                ("choice", "some"),
                (
                    "declaration",
                    "Vợ tôi có đất ở thuộc diện được giảm tiền sử dụng đất.",
                ),
            ],
        )
        .await;
    assert_eq!(declared.status().as_u16(), 303);
    let other = app
        .signed_in("ha@stc.gov.vn", Role::Drafter, Some("STC"))
        .await;
    assert_eq!(
        other
            .post_form(&path, &[("choice", "none")])
            .await
            .status()
            .as_u16(),
        403
    );
    let page = app
        .browser()
        .get_text(&format!("/drafts/{slug}"), 200)
        .await;
    assert!(page.contains("Kê khai xung đột lợi ích của tổ soạn thảo"));
    assert!(page.contains("Vợ tôi có đất ở thuộc diện được giảm tiền sử dụng đất."));
    // A new declaration replaces the last; it is on the ledger either way.
    minh.post_form(&path, &[("choice", "none")]).await;
    let page = app
        .browser()
        .get_text(&format!("/drafts/{slug}"), 200)
        .await;
    assert!(page.contains("không có lợi ích cần kê khai"));
    assert!(!page.contains("Vợ tôi có đất ở"));
    let entries: i64 = app.db(|c| {
        use gopy::db::schema::ledger::dsl::*;
        Ok(ledger
            .filter(kind.eq("interest.declared"))
            .count()
            .get_result(c)?)
    });
    assert_eq!(entries, 2);
}
