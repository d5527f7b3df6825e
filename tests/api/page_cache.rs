//! Visitors' pages come from memory, and never a page older than the data.

use diesel::prelude::*;
use gopy::domain::Role;

use crate::helpers::{TestApp, location};

const POINT: &str = "quy-dinh/chuong-1/dieu-2/khoan-1/diem-b";

fn open_draft(app: &TestApp) -> (i64, String) {
    app.db(|c| {
        use gopy::db::schema::drafts::dsl::*;
        Ok(drafts
            .filter(status.eq("open"))
            .select((id, slug))
            .first(c)?)
    })
}

/// The page and whether it came from memory.
async fn visit(app: &TestApp, path: &str) -> (String, String) {
    let response = reqwest::Client::new()
        .get(format!("{}{path}", app.address))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 200, "GET {path}");
    let cache = response
        .headers()
        .get("x-page-cache")
        .map(|v| v.to_str().unwrap().to_string())
        .unwrap_or_default();
    (response.text().await.unwrap(), cache)
}

#[tokio::test]
async fn a_visitor_gets_the_kept_page_until_a_comment_changes_it() {
    let app = TestApp::spawn().await;
    app.seed_demo();
    let (_, slug) = open_draft(&app);
    let page = format!("/drafts/{slug}");
    let (first, cache) = visit(&app, &page).await;
    assert_eq!(cache, "miss");
    let (second, cache) = visit(&app, &page).await;
    assert_eq!(cache, "hit", "the second visitor gets the kept page");
    assert_eq!(first, second);

    let (english, cache) = visit(&app, &format!("{page}?lang=en")).await;
    assert_eq!(cache, "miss", "each language is kept apart");
    assert!(english.contains("lang=\"en\""));

    let lan = app.signed_in("lan@example.vn", Role::Citizen, None).await;
    let own = lan.get(&page).await;
    assert!(
        own.headers().get("x-page-cache").is_none(),
        "a signed-in reader never gets a visitor's page"
    );
    let body = "Đề nghị bổ sung thời hạn trả lời bằng văn bản cho doanh nghiệp.";
    let sent = lan
        .post_form(
            &format!("{page}/comments"),
            &[
                ("anchor", POINT),
                ("body", body),
                ("category", "individual"),
                ("consent_processing", "1"),
            ],
        )
        .await;
    assert_eq!(sent.status().as_u16(), 303, "{}", location(&sent));

    let (after, cache) = visit(&app, &page).await;
    assert_eq!(cache, "miss", "a comment sent makes the page again");
    assert_ne!(after, first);
    let (comments, _) = visit(&app, &format!("{page}/comments")).await;
    assert!(comments.contains(body), "the new comment is listed at once");
}

#[tokio::test]
async fn a_change_made_by_another_node_shows_within_a_second() {
    let app = TestApp::spawn().await;
    app.seed_demo();
    let (draft_id, slug) = open_draft(&app);
    let page = format!("/drafts/{slug}");
    visit(&app, &page).await;
    let (_, cache) = visit(&app, &page).await;
    assert_eq!(cache, "hit");

    // Another node renames the draft: no request passes through this one,
    // only the ledger entry every public change appends.
    let title = "Quyết định đã được đổi tên ở nút khác";
    app.db_elsewhere(|c| {
        use gopy::db::schema::drafts;
        diesel::update(drafts::table.find(draft_id))
            .set(drafts::title.eq(title))
            .execute(c)?;
        gopy::models::ledger::Entry::append(
            c,
            "draft.renamed",
            &slug,
            Some(draft_id),
            serde_json::json!({"title": title}),
        )?;
        Ok(())
    });
    tokio::time::sleep(std::time::Duration::from_millis(1_200)).await;
    let (html, cache) = visit(&app, &page).await;
    assert_eq!(cache, "miss");
    assert!(
        html.contains(title),
        "the page shows the other node's change"
    );
}

#[tokio::test]
async fn kept_pages_stay_compressed_and_private_pages_are_never_kept() {
    let app = TestApp::spawn().await;
    app.seed_demo();
    let (_, slug) = open_draft(&app);
    let client = reqwest::Client::new();
    let get = |path: String| {
        client
            .get(format!("{}{path}", app.address))
            .header("accept-encoding", "br")
            .send()
    };
    let made = get(format!("/drafts/{slug}")).await.unwrap();
    let made_body = made.bytes().await.unwrap();
    let kept = get(format!("/drafts/{slug}")).await.unwrap();
    assert_eq!(kept.headers()["x-page-cache"], "hit");
    assert_eq!(kept.headers()["content-encoding"], "br");
    assert_eq!(kept.headers()["content-type"], "text/html; charset=utf-8");
    assert!(kept.headers().contains_key("content-security-policy"));
    assert_eq!(kept.bytes().await.unwrap(), made_body);

    let login = get("/login".to_string()).await.unwrap();
    assert!(
        login.headers().get("x-page-cache").is_none(),
        "a page with a form token is made for each visitor"
    );
    let missing = get(format!("/drafts/{slug}-khong-co")).await.unwrap();
    assert_eq!(missing.status().as_u16(), 404);
    assert!(missing.headers().get("x-page-cache").is_none());
}

#[tokio::test]
async fn many_visitors_at_once_cost_one_rendering() {
    let app = TestApp::spawn().await;
    app.seed_demo();
    let (_, slug) = open_draft(&app);
    let page = format!("/drafts/{slug}");
    let visits: Vec<_> = (0..20).map(|_| visit(&app, &page)).collect();
    let answers = futures_util::future::join_all(visits).await;
    let made = answers.iter().filter(|(_, cache)| cache == "miss").count();
    assert_eq!(
        made, 1,
        "one visitor made the page, the others waited for it"
    );
    assert!(answers.iter().all(|(html, _)| *html == answers[0].0));
}
