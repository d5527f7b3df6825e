use crate::helpers::TestApp;

#[tokio::test]
async fn demo_seeding_is_idempotent() {
    let app = TestApp::spawn().await;
    let first = app.seed_demo();
    assert!(first.agencies_added >= 5, "{first:?}");
    let second = app.seed_demo();
    assert_eq!(second.agencies_added, 0, "a second run adds nothing");
    let html = app.get_text("/", 200).await;
    assert_eq!(
        html.matches("Sở Tư pháp tỉnh Gia Lai").count(),
        1,
        "each agency is listed once"
    );
}

#[tokio::test]
async fn the_closed_demo_draft_has_every_comment_answered() {
    let app = TestApp::spawn().await;
    app.seed_demo();
    let (slug, draft_id): (String, i64) = app.db(|c| {
        use diesel::prelude::*;
        use gopy::db::schema::drafts::dsl::*;
        Ok(drafts
            .filter(status.eq("appraisal_answered"))
            .select((slug, id))
            .first(c)?)
    });
    let progress = app.db(move |c| Ok(gopy::models::Response::progress(c, draft_id)?));
    assert!(progress.to_answer >= 8, "{progress:?}");
    assert_eq!(progress.unanswered(), 0);
    let list = app
        .browser()
        .get_text(&format!("/drafts/{slug}"), 200)
        .await;
    assert!(list.contains(&format!("Đã trả lời {0}/{0}", progress.to_answer)));
    let comments = app
        .browser()
        .get_text(&format!("/api/v1/drafts/{slug}/comments"), 200)
        .await;
    let json: serde_json::Value = serde_json::from_str(&comments).unwrap();
    let all = json["comments"].as_array().unwrap();
    assert!(all.iter().all(|c| c["answer"]["decision"].is_string()));
    let carried = all
        .iter()
        .find(|c| {
            c["answer"]["anchors"]
                .as_array()
                .is_some_and(|a| !a.is_empty())
        })
        .expect("an accepted comment points at version 2");
    let page = app
        .browser()
        .get_text(
            &format!("/comments/{}", carried["id"].as_str().unwrap()),
            200,
        )
        .await;
    assert!(page.contains(&format!("/drafts/{slug}/diff?from=1&amp;to=2#")));
}
