//! Appraisal: the justice department records its conclusion, summary,
//! report and points; the drafting agency answers each point; the appraiser
//! judges an answer inadequate, which reopens the point; the public sees the
//! whole exchange. Nobody else can act in it.

use diesel::prelude::*;
use gopy::domain::Role;
use reqwest::multipart::{Form, Part};

use crate::helpers::{Browser, TestApp, location};

const PDF: &[u8] = b"%PDF-1.7\n1 0 obj << /Title (Bao cao tham dinh) >> endobj\n%%EOF\n";
const SUMMARY: &str =
    "Dự thảo cơ bản phù hợp với Luật Đầu tư công 2024; cần làm rõ thẩm quyền phân bổ.";
const POINT_ONE: &str = "Đề nghị làm rõ căn cứ phân bổ vốn cho dự án khởi công mới.";
const POINT_TWO: &str = "Đề nghị rà soát kỹ thuật trình bày Phụ lục 01.";

/// The STC demo draft: closed, with published versions 1 and 2.
fn closed_slug(app: &TestApp) -> String {
    app.db(|c| {
        use gopy::db::schema::drafts::dsl::*;
        Ok(drafts.filter(status.eq("closed")).select(slug).first(c)?)
    })
}

fn set_status(app: &TestApp, slug: &str, to: &str) {
    let (wanted, to) = (slug.to_string(), to.to_string());
    app.db(move |c| {
        use gopy::db::schema::drafts::dsl::*;
        diesel::update(drafts.filter(slug.eq(&wanted)))
            .set(status.eq(&to))
            .execute(c)?;
        Ok(())
    });
}

/// A draft in appraisal, as the gate would leave it.
fn in_appraisal(app: &TestApp) -> String {
    let slug = closed_slug(app);
    set_status(app, &slug, "in_appraisal");
    slug
}

fn status_of(app: &TestApp, slug: &str) -> String {
    let wanted = slug.to_string();
    app.db(move |c| {
        use gopy::db::schema::drafts::dsl::*;
        Ok(drafts.filter(slug.eq(&wanted)).select(status).first(c)?)
    })
}

/// The statuses of the draft's timeline, oldest first.
fn timeline(app: &TestApp, slug: &str) -> Vec<String> {
    let slug = slug.to_string();
    app.db(move |c| {
        use gopy::db::schema::{draft_events, drafts};
        Ok(draft_events::table
            .inner_join(drafts::table.on(drafts::id.eq(draft_events::draft_id)))
            .filter(drafts::slug.eq(&slug))
            .order(draft_events::id)
            .select(draft_events::status)
            .load(c)?)
    })
}

/// The ids of STC's drafts (the demo's SXD draft carries an appraisal of its own).
fn stc_drafts(c: &mut gopy::db::DbConnection) -> diesel::QueryResult<Vec<i64>> {
    use gopy::db::schema::{agencies, drafts};
    drafts::table
        .inner_join(agencies::table)
        .filter(agencies::short_name.eq("STC"))
        .select(drafts::id)
        .load(c)
}

/// The points of appraisals of STC's drafts.
fn stc_points(c: &mut gopy::db::DbConnection) -> diesel::QueryResult<Vec<i64>> {
    use gopy::db::schema::{appraisal_points, appraisals};
    let drafts = stc_drafts(c)?;
    appraisal_points::table
        .inner_join(appraisals::table)
        .filter(appraisals::draft_id.eq_any(drafts))
        .select(appraisal_points::id)
        .load(c)
}

fn appraisal_count(app: &TestApp) -> i64 {
    app.db(|c| {
        use gopy::db::schema::appraisals::dsl::*;
        let drafts = stc_drafts(c)?;
        Ok(appraisals
            .filter(draft_id.eq_any(drafts))
            .count()
            .get_result(c)?)
    })
}

/// Article 2 of version 2 of the draft (the article version 2 changed).
fn v2_article(app: &TestApp, slug: &str) -> String {
    let slug = slug.to_string();
    app.db(move |c| {
        use gopy::db::schema::{drafts, provisions, versions};
        Ok(provisions::table
            .inner_join(versions::table.inner_join(drafts::table))
            .filter(drafts::slug.eq(&slug))
            .filter(versions::number.eq(2))
            .filter(provisions::kind.eq("article"))
            .order(provisions::position)
            .select(provisions::anchor)
            .offset(1)
            .first(c)?)
    })
}

/// Point ids of the draft's current appraisal, in order.
fn point_ids(app: &TestApp) -> Vec<i64> {
    app.db(|c| {
        use gopy::db::schema::{appraisal_points, appraisals};
        let current: i64 = appraisals::table
            .order(appraisals::id.desc())
            .select(appraisals::id)
            .first(c)?;
        Ok(appraisal_points::table
            .filter(appraisal_points::appraisal_id.eq(current))
            .order(appraisal_points::position)
            .select(appraisal_points::id)
            .load(c)?)
    })
}

async fn appraiser(app: &TestApp) -> Browser {
    app.signed_in("bao@stp.gov.vn", Role::Appraiser, Some("STP"))
        .await
}

async fn drafter(app: &TestApp) -> Browser {
    app.signed_in("ha@stc.gov.vn", Role::Drafter, Some("STC"))
        .await
}

/// Sends the appraisal form as the browser does: every field, ten point
/// rows (a text and a provision each, `points` first), and the report.
async fn record(
    browser: &Browser,
    slug: &str,
    fields: &[(&str, &str)],
    points: &[(&str, &str)],
    report: Option<(&str, &[u8])>,
) -> reqwest::Response {
    let page = format!("/appraisal/drafts/{slug}");
    let mut form = Form::new().text("_csrf", browser.csrf_from(&page).await);
    for (k, v) in fields {
        form = form.text(k.to_string(), v.to_string());
    }
    for i in 0..10 {
        let (body, anchor) = points.get(i).copied().unwrap_or_default();
        form = form
            .text("point", body.to_string())
            .text("provision", anchor.to_string());
    }
    let part = match report {
        Some((name, bytes)) => Part::bytes(bytes.to_vec()).file_name(name.to_string()),
        None => Part::bytes(Vec::new()).file_name(""),
    };
    form = form.part("report", part);
    browser
        .client
        .post(format!("{}{page}", browser.address))
        .multipart(form)
        .send()
        .await
        .unwrap()
}

/// Records a not-yet-eligible appraisal of version 2 with two points, the
/// first on an article; returns the article.
async fn record_two_points(app: &TestApp, bao: &Browser, slug: &str) -> String {
    let article = v2_article(app, slug);
    let response = record(
        bao,
        slug,
        &[
            ("version", "2"),
            ("conclusion", "not_yet_eligible"),
            ("summary", SUMMARY),
        ],
        &[(POINT_ONE, &article), (POINT_TWO, "")],
        Some(("báo cáo thẩm định.pdf", PDF)),
    )
    .await;
    assert_eq!(response.status().as_u16(), 303);
    article
}

async fn answer(
    browser: &Browser,
    slug: &str,
    point: i64,
    decision: &str,
    explanation: &str,
) -> reqwest::Response {
    browser
        .post_form(
            &format!("/workspace/drafts/{slug}/appraisal/points/{point}"),
            &[("decision", decision), ("explanation", explanation)],
        )
        .await
}

#[tokio::test]
async fn an_appraiser_records_an_appraisal_with_a_report_and_points() {
    let app = TestApp::spawn().await;
    app.seed_demo();
    let slug = in_appraisal(&app);
    let bao = appraiser(&app).await;
    let form = bao
        .get_text(&format!("/appraisal/drafts/{slug}"), 200)
        .await;
    assert!(form.contains("enctype=\"multipart/form-data\""));
    assert!(
        form.contains("<option value=\"2\" selected>"),
        "the newest version by default"
    );
    let article = v2_article(&app, &slug);
    assert!(form.contains(&format!("<option value=\"{article}\">")));

    let response = record(
        &bao,
        &slug,
        &[
            ("version", "2"),
            ("conclusion", "not_yet_eligible"),
            ("summary", SUMMARY),
        ],
        &[(POINT_ONE, &article), ("", ""), (POINT_TWO, "")],
        Some(("../báo cáo thẩm định.exe.pdf", PDF)),
    )
    .await;
    assert_eq!(response.status().as_u16(), 303);
    assert_eq!(location(&response), format!("/appraisal/drafts/{slug}"));
    assert_eq!(status_of(&app, &slug), "appraised");
    assert_eq!(
        timeline(&app, &slug).last().map(String::as_str),
        Some("appraised")
    );
    let (actor, agency): (String, String) = app.db(|c| {
        use gopy::db::schema::{agencies, draft_events, users};
        Ok(draft_events::table
            .inner_join(agencies::table.on(draft_events::agency_id.eq(agencies::id.nullable())))
            .inner_join(users::table.on(draft_events::actor_id.eq(users::id.nullable())))
            .order(draft_events::id.desc())
            .select((users::email, agencies::short_name))
            .first(c)?)
    });
    assert_eq!((actor.as_str(), agency.as_str()), ("bao@stp.gov.vn", "STP"));

    let public = app
        .browser()
        .get_text(&format!("/drafts/{slug}/appraisal"), 200)
        .await;
    assert!(public.contains("Chưa đủ điều kiện trình"));
    assert!(public.contains("Sở Tư pháp tỉnh Gia Lai"));
    assert!(public.contains(SUMMARY));
    assert!(public.contains("Dự thảo lần 2"));
    let one = public.find(POINT_ONE).expect("point 1");
    let two = public
        .find(POINT_TWO)
        .expect("point 2, the blank row skipped");
    assert!(one < two);
    assert!(public.contains(&format!("href=\"/drafts/{slug}/provisions/{article}\"")));
    assert!(public.contains("Còn 2/2 ý kiến chưa được giải trình"));
    assert!(public.contains("báo cáo thẩm định.exe.pdf"), "{public}");

    let report = app
        .browser()
        .get(&format!("/drafts/{slug}/appraisal/report"))
        .await;
    assert_eq!(report.status().as_u16(), 200);
    assert_eq!(report.headers()["content-type"], "application/pdf");
    assert!(
        report.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .ends_with(".pdf")
    );
    assert_eq!(report.bytes().await.unwrap().as_ref(), PDF);

    let draft = app
        .browser()
        .get_text(&format!("/drafts/{slug}"), 200)
        .await;
    assert!(draft.contains(&format!("href=\"/drafts/{slug}/appraisal\"")));

    let json: serde_json::Value = app
        .get(&format!("/api/v1/drafts/{slug}/appraisal"))
        .await
        .json()
        .await
        .unwrap();
    let appraisal = &json["appraisal"];
    assert_eq!(appraisal["conclusion"], "not_yet_eligible");
    assert_eq!(appraisal["version"], 2);
    assert_eq!(appraisal["report"]["size"], PDF.len());
    assert_eq!(appraisal["points"].as_array().unwrap().len(), 2);
    assert_eq!(appraisal["points"][0]["provisions"][0]["anchor"], article);
    assert_eq!(appraisal["points"][1]["body"], POINT_TWO);
    assert_eq!(appraisal["points"][1]["open"], true);
}

#[tokio::test]
async fn bad_appraisal_input_gets_a_readable_422_and_nothing_is_stored() {
    let app = TestApp::spawn().await;
    app.seed_demo();
    let slug = in_appraisal(&app);
    let bao = appraiser(&app).await;
    for path in [
        format!("/drafts/{slug}/appraisal"),
        format!("/drafts/{slug}/appraisal/report"),
    ] {
        app.get_text(&path, 404).await;
    }
    let api = app.get(&format!("/api/v1/drafts/{slug}/appraisal")).await;
    assert_eq!(api.status().as_u16(), 404);
    let draft = app.get_text(&format!("/drafts/{slug}"), 200).await;
    assert!(!draft.contains(&format!("/drafts/{slug}/appraisal\"")));

    let no_points = record(
        &bao,
        &slug,
        &[
            ("version", "2"),
            ("conclusion", "not_yet_eligible"),
            ("summary", SUMMARY),
        ],
        &[],
        None,
    )
    .await;
    assert_eq!(no_points.status().as_u16(), 422);
    let page = no_points.text().await.unwrap();
    assert!(
        page.contains(
            "Khi kết luận chưa đủ điều kiện trình, cần nêu ít nhất một ý kiến thẩm định."
        )
    );
    assert!(page.contains(SUMMARY), "the summary is kept");
    assert!(page.contains("value=\"not_yet_eligible\" checked"));

    let executable = record(
        &bao,
        &slug,
        &[
            ("version", "1"),
            ("conclusion", "eligible"),
            ("summary", ""),
        ],
        &[(POINT_ONE, "")],
        Some(("báo cáo.pdf", b"MZ\x90\x00 not a report")),
    )
    .await;
    assert_eq!(executable.status().as_u16(), 422);
    let page = executable.text().await.unwrap();
    assert!(page.contains("Chỉ nhận tệp PDF, DOCX hoặc ODT"));
    assert!(page.contains("Vui lòng nhập tóm tắt nội dung thẩm định."));
    assert!(page.contains(POINT_ONE), "the point is kept");
    assert!(page.contains("<option value=\"1\" selected>"));

    let unknown = record(
        &bao,
        &slug,
        &[("version", "9"), ("conclusion", ""), ("summary", SUMMARY)],
        &[("", "dieu-1/khoan-1")],
        None,
    )
    .await;
    assert_eq!(unknown.status().as_u16(), 422);
    let page = unknown.text().await.unwrap();
    assert!(page.contains("Vui lòng chọn kết luận"));
    assert!(page.contains("Vui lòng chọn một lần dự thảo đã công bố."));
    assert!(page.contains("Vui lòng nhập nội dung ý kiến cho điều khoản đã chọn."));

    assert_eq!(appraisal_count(&app), 0);
    assert_eq!(status_of(&app, &slug), "in_appraisal");
    app.get_text(&format!("/drafts/{slug}/appraisal"), 404)
        .await;
}

#[tokio::test]
async fn an_appraisal_is_recorded_only_while_the_draft_is_in_appraisal() {
    let app = TestApp::spawn().await;
    app.seed_demo();
    let slug = closed_slug(&app);
    let bao = appraiser(&app).await;
    let page = bao
        .get_text(&format!("/appraisal/drafts/{slug}"), 200)
        .await;
    assert!(page.contains("Dự thảo chưa được chuyển đến bước thẩm định."));
    assert!(!page.contains("name=\"summary\""));
    let refused = record(
        &bao,
        &slug,
        &[
            ("version", "2"),
            ("conclusion", "eligible"),
            ("summary", SUMMARY),
        ],
        &[],
        None,
    )
    .await;
    assert_eq!(refused.status().as_u16(), 409);
    assert!(
        refused
            .text()
            .await
            .unwrap()
            .contains("Chỉ ghi nhận kết quả thẩm định khi dự thảo đang ở bước thẩm định.")
    );
    assert_eq!(appraisal_count(&app), 0);
}

#[tokio::test]
async fn an_eligible_appraisal_without_points_leaves_nothing_to_answer() {
    let app = TestApp::spawn().await;
    app.seed_demo();
    let slug = in_appraisal(&app);
    let bao = appraiser(&app).await;
    let response = record(
        &bao,
        &slug,
        &[
            ("version", "2"),
            ("conclusion", "eligible"),
            (
                "summary",
                "Dự thảo đủ điều kiện trình Chủ tịch Ủy ban nhân dân tỉnh.",
            ),
        ],
        &[],
        None,
    )
    .await;
    assert_eq!(response.status().as_u16(), 303);
    assert_eq!(status_of(&app, &slug), "appraisal_answered");
    let events = timeline(&app, &slug);
    assert_eq!(
        events[events.len() - 2..],
        ["appraised", "appraisal_answered"]
    );
    let public = app
        .get_text(&format!("/drafts/{slug}/appraisal"), 200)
        .await;
    assert!(public.contains("Đủ điều kiện trình"));
    assert!(public.contains("Kết quả thẩm định không nêu ý kiến cần giải trình."));
    app.get_text(&format!("/drafts/{slug}/appraisal/report"), 404)
        .await;
}

#[tokio::test]
async fn the_drafting_agency_answers_each_point_with_an_explanation_unless_accepted() {
    let app = TestApp::spawn().await;
    app.seed_demo();
    let slug = in_appraisal(&app);
    let bao = appraiser(&app).await;
    record_two_points(&app, &bao, &slug).await;
    let points = point_ids(&app);
    let ha = drafter(&app).await;
    let workspace = format!("/workspace/drafts/{slug}/appraisal");
    let manage = ha.get_text(&format!("/workspace/drafts/{slug}"), 200).await;
    assert!(manage.contains(&format!("href=\"{workspace}\"")));
    let page = ha.get_text(&workspace, 200).await;
    assert!(page.contains("Còn 2 ý kiến thẩm định cần giải trình."));
    for id in &points {
        assert!(page.contains(&format!("action=\"{workspace}/points/{id}\"")));
    }

    let refused = answer(&ha, &slug, points[0], "not_accepted", "  ").await;
    assert_eq!(refused.status().as_u16(), 422);
    let page = refused.text().await.unwrap();
    assert!(page.contains("Cần giải trình khi không tiếp thu toàn bộ ý kiến."));
    assert!(
        page.contains("value=\"not_accepted\" checked"),
        "the choice is kept"
    );
    let stored: i64 = app.db(|c| {
        use gopy::db::schema::appraisal_answers::dsl::*;
        let points = stc_points(c)?;
        Ok(appraisal_answers
            .filter(point_id.eq_any(points))
            .count()
            .get_result(c)?)
    });
    assert_eq!(stored, 0);

    let first = answer(&ha, &slug, points[0], "accepted", "").await;
    assert_eq!(first.status().as_u16(), 303);
    assert_eq!(status_of(&app, &slug), "appraised", "one point still open");
    let second = answer(
        &ha,
        &slug,
        points[1],
        "partly_accepted",
        "Đã chỉnh lý Phụ lục 01 theo mẫu; giữ nguyên cách đánh số.",
    )
    .await;
    assert_eq!(second.status().as_u16(), 303);
    assert_eq!(status_of(&app, &slug), "appraisal_answered");
    assert_eq!(
        timeline(&app, &slug).last().map(String::as_str),
        Some("appraisal_answered")
    );
    let again = answer(&ha, &slug, points[1], "accepted", "").await;
    assert_eq!(again.status().as_u16(), 409);
    assert!(
        again
            .text()
            .await
            .unwrap()
            .contains("Ý kiến thẩm định này đã được giải trình.")
    );

    let page = ha.get_text(&workspace, 200).await;
    assert!(page.contains("Các ý kiến thẩm định đều đã được giải trình."));
    assert!(!page.contains("name=\"explanation\""));
    let public = app
        .get_text(&format!("/drafts/{slug}/appraisal"), 200)
        .await;
    assert!(public.contains("Tiếp thu một phần"));
    assert!(public.contains("giữ nguyên cách đánh số"));
    assert!(public.contains("Còn 0/2 ý kiến chưa được giải trình"));
}

#[tokio::test]
async fn an_inadequate_explanation_reopens_the_point_and_the_history_keeps_both_answers() {
    let app = TestApp::spawn().await;
    app.seed_demo();
    let slug = in_appraisal(&app);
    let bao = appraiser(&app).await;
    let response = record(
        &bao,
        &slug,
        &[
            ("version", "2"),
            ("conclusion", "not_yet_eligible"),
            ("summary", SUMMARY),
        ],
        &[(POINT_ONE, "")],
        None,
    )
    .await;
    assert_eq!(response.status().as_u16(), 303);
    let point = point_ids(&app)[0];
    let ha = drafter(&app).await;
    let first_explanation = "Căn cứ đã nêu tại Tờ trình.";
    answer(&ha, &slug, point, "not_accepted", first_explanation).await;
    assert_eq!(status_of(&app, &slug), "appraisal_answered");

    let page = bao
        .get_text(&format!("/appraisal/drafts/{slug}"), 200)
        .await;
    let challenge = format!("/appraisal/points/{point}/challenge");
    assert!(page.contains(&format!("action=\"{challenge}\"")));
    let empty = bao.post_form(&challenge, &[("note", " ")]).await;
    assert_eq!(empty.status().as_u16(), 422);
    assert!(
        empty
            .text()
            .await
            .unwrap()
            .contains("Vui lòng nêu lý do giải trình chưa thỏa đáng.")
    );
    let note = "Tờ trình không nêu căn cứ pháp lý cụ thể cho dự án khởi công mới.";
    let judged = bao.post_form(&challenge, &[("note", note)]).await;
    assert_eq!(judged.status().as_u16(), 303);
    assert_eq!(
        status_of(&app, &slug),
        "appraised",
        "no longer fully answered"
    );
    let twice = bao.post_form(&challenge, &[("note", note)]).await;
    assert_eq!(
        twice.status().as_u16(),
        409,
        "nothing standing to challenge"
    );
    let (explanation, challenged_at, challenge_note): (
        String,
        Option<chrono::NaiveDateTime>,
        String,
    ) = app.db(|c| {
        use gopy::db::schema::appraisal_answers::dsl::*;
        let points = stc_points(c)?;
        Ok(appraisal_answers
            .filter(point_id.eq_any(points))
            .order(id)
            .select((explanation, challenged_at, challenge_note))
            .first(c)?)
    });
    assert_eq!(
        explanation, first_explanation,
        "the answer is not rewritten"
    );
    assert!(challenged_at.is_some());
    assert_eq!(challenge_note, note);

    let workspace = ha
        .get_text(&format!("/workspace/drafts/{slug}/appraisal"), 200)
        .await;
    assert!(workspace.contains("Cần giải trình lại"));
    assert!(workspace.contains(&format!("appraisal/points/{point}\"")));
    let second_explanation =
        "Bổ sung căn cứ: khoản 3 Điều 52 Luật Đầu tư công 2024 và Nghị quyết của HĐND tỉnh.";
    let again = answer(&ha, &slug, point, "not_accepted", second_explanation).await;
    assert_eq!(again.status().as_u16(), 303);
    assert_eq!(status_of(&app, &slug), "appraisal_answered");
    let events = timeline(&app, &slug);
    assert_eq!(
        events[events.len() - 4..],
        [
            "appraised",
            "appraisal_answered",
            "appraised",
            "appraisal_answered"
        ]
    );

    let public = app
        .get_text(&format!("/drafts/{slug}/appraisal"), 200)
        .await;
    let first = public.find(first_explanation).expect("the first answer");
    let judged = public
        .find("Cơ quan thẩm định đánh giá giải trình chưa thỏa đáng")
        .expect("marked inadequate");
    let reason = public.find(note).expect("the note");
    let second = public.find(second_explanation).expect("the new answer");
    assert!(first < judged && judged < reason && reason < second);

    let json: serde_json::Value = app
        .get(&format!("/api/v1/drafts/{slug}/appraisal"))
        .await
        .json()
        .await
        .unwrap();
    let answers = json["appraisal"]["points"][0]["answers"]
        .as_array()
        .unwrap();
    assert_eq!(answers.len(), 2);
    assert_eq!(answers[0]["challenge_note"], note);
    assert!(answers[1]["challenged_at"].is_null());
    assert_eq!(json["appraisal"]["points"][0]["open"], false);
}

#[tokio::test]
async fn only_appraisers_record_and_challenge_and_only_the_drafting_agency_answers() {
    let app = TestApp::spawn().await;
    app.seed_demo();
    let slug = in_appraisal(&app);
    let show = format!("/appraisal/drafts/{slug}");
    let workspace = format!("/workspace/drafts/{slug}/appraisal");
    for path in ["/appraisal", show.as_str(), workspace.as_str()] {
        let visitor = app.browser().get(path).await;
        assert_eq!(visitor.status().as_u16(), 303, "{path}");
        assert!(location(&visitor).starts_with("/login?next="));
    }
    let lan = app.signed_in("lan@example.vn", Role::Citizen, None).await;
    let ha = drafter(&app).await;
    let minh = app
        .signed_in("minh@snnmt.gov.vn", Role::Drafter, Some("SNNMT"))
        .await;
    for browser in [&lan, &ha, &minh] {
        browser.get_text("/appraisal", 403).await;
        browser.get_text(&show, 403).await;
    }
    for browser in [&lan, &ha] {
        let csrf = browser.csrf().await;
        let form = Form::new()
            .text("_csrf", csrf)
            .text("version", "2")
            .text("conclusion", "eligible")
            .text("summary", SUMMARY);
        let refused = browser
            .client
            .post(format!("{}{show}", browser.address))
            .multipart(form)
            .send()
            .await
            .unwrap();
        assert_eq!(refused.status().as_u16(), 403);
    }
    assert_eq!(appraisal_count(&app), 0);

    let bao = appraiser(&app).await;
    record_two_points(&app, &bao, &slug).await;
    let point = point_ids(&app)[0];
    minh.get_text(&workspace, 403).await;
    bao.get_text(&workspace, 403).await;
    lan.get_text(&workspace, 403).await;
    for browser in [&minh, &bao, &lan] {
        let refused = answer(browser, &slug, point, "accepted", "").await;
        assert_eq!(refused.status().as_u16(), 403);
    }
    let challenge = format!("/appraisal/points/{point}/challenge");
    answer(&ha, &slug, point, "noted", "Ghi nhận.").await;
    for browser in [&ha, &lan] {
        let refused = browser
            .post_form(&challenge, &[("note", "Chưa đạt.")])
            .await;
        assert_eq!(refused.status().as_u16(), 403);
    }
    // Another justice department's appraiser does not judge this appraisal.
    let other = app.create_agency("STP2", gopy::domain::AgencyKind::JusticeDepartment);
    let stranger = app
        .signed_in("an@stp2.gov.vn", Role::Appraiser, Some(&other.short_name))
        .await;
    let refused = stranger
        .post_form(&challenge, &[("note", "Chưa đạt.")])
        .await;
    assert_eq!(refused.status().as_u16(), 403);
    let answers: i64 = app.db(|c| {
        use gopy::db::schema::appraisal_answers::dsl::*;
        Ok(appraisal_answers
            .filter(challenged_at.is_not_null())
            .count()
            .get_result(c)?)
    });
    assert_eq!(answers, 0);
}

#[tokio::test]
async fn the_overview_lists_every_agencys_drafts_past_consultation() {
    let app = TestApp::spawn().await;
    app.seed_demo();
    let closed = closed_slug(&app);
    let (closed_title, open_title, closes_on): (String, String, chrono::NaiveDate) = app.db(|c| {
        use gopy::db::schema::drafts::dsl::*;
        let (t, d): (String, Option<chrono::NaiveDate>) = drafts
            .filter(status.eq("closed"))
            .select((title, closes_on))
            .first(c)?;
        let o: String = drafts.filter(status.eq("open")).select(title).first(c)?;
        Ok((t, o, d.unwrap()))
    });
    let bao = appraiser(&app).await;
    let page = bao.get_text("/appraisal", 200).await;
    assert!(page.contains(&closed_title));
    assert!(page.contains(&format!("href=\"/appraisal/drafts/{closed}\"")));
    assert!(!page.contains(&open_title), "still open: not yet monitored");
    assert!(page.contains("Sở Tài chính tỉnh Gia Lai"));
    assert!(page.contains("Đã hết hạn góp ý"));
    let today = gopy::domain::draft::local_date(chrono::Utc::now());
    let days = (today - closes_on).num_days();
    assert!(page.contains(&format!("{days} ngày")), "days since closing");
    let (to_answer, answered): (i64, i64) = app.db(|c| {
        let id = gopy::models::Draft::by_slug(c, &closed)?.id;
        let progress = gopy::models::Response::progress(c, id)?;
        Ok((progress.to_answer, progress.answered))
    });
    assert!(
        page.contains(&format!("<td>{answered}/{to_answer}")),
        "comments answered"
    );
    assert!(page.contains("Chưa có"));
    assert!(page.contains("href=\"/appraisal\""), "the appraiser's menu");

    set_status(&app, &closed, "in_appraisal");
    record_two_points(&app, &bao, &closed).await;
    let page = bao.get_text("/appraisal", 200).await;
    assert!(page.contains("Chưa đủ điều kiện trình"));
    assert!(page.contains("Còn 2/2 ý kiến chưa được giải trình"));
}

#[tokio::test]
async fn a_second_appraisal_becomes_current_and_the_first_stays_public() {
    let app = TestApp::spawn().await;
    app.seed_demo();
    let slug = in_appraisal(&app);
    let bao = appraiser(&app).await;
    record_two_points(&app, &bao, &slug).await;
    let first = point_ids(&app);
    let ha = drafter(&app).await;
    for id in &first {
        answer(&ha, &slug, *id, "accepted", "").await;
    }
    assert_eq!(status_of(&app, &slug), "appraisal_answered");
    // Sent back to the justice department after the answers.
    set_status(&app, &slug, "in_appraisal");
    let form = bao
        .get_text(&format!("/appraisal/drafts/{slug}"), 200)
        .await;
    assert!(
        form.contains("name=\"summary\""),
        "the form for the new appraisal"
    );
    assert!(form.contains(POINT_ONE), "the first appraisal below it");
    assert!(
        !form.contains("/challenge\""),
        "nothing to challenge meanwhile"
    );
    let second = record(
        &bao,
        &slug,
        &[
            ("version", "2"),
            ("conclusion", "eligible"),
            ("summary", "Dự thảo đã được chỉnh lý, đủ điều kiện trình."),
        ],
        &[],
        None,
    )
    .await;
    assert_eq!(second.status().as_u16(), 303);
    assert_eq!(status_of(&app, &slug), "appraisal_answered");

    let public = app
        .get_text(&format!("/drafts/{slug}/appraisal"), 200)
        .await;
    let newer = public.find("Kết quả thẩm định lần 2").expect("round 2");
    let older = public.find("Kết quả thẩm định lần 1").expect("round 1");
    assert!(newer < older, "the current appraisal first");
    assert!(public.contains("đã được thay thế bằng lần thẩm định sau"));
    let earlier_report = crate::helpers::extract_value(
        &public,
        &format!("href=\"/drafts/{slug}/appraisal/report?appraisal="),
    )
    .expect("the first round's report");
    let report = app
        .get(&format!(
            "/drafts/{slug}/appraisal/report?appraisal={earlier_report}"
        ))
        .await;
    assert_eq!(report.bytes().await.unwrap().as_ref(), PDF);
    app.get_text(&format!("/drafts/{slug}/appraisal/report"), 404)
        .await;
    let late = answer(&ha, &slug, first[0], "noted", "Ghi nhận thêm.").await;
    assert_eq!(
        late.status().as_u16(),
        404,
        "not a point of the current appraisal"
    );

    let json: serde_json::Value = app
        .get(&format!("/api/v1/drafts/{slug}/appraisal"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(json["appraisal"]["conclusion"], "eligible");
    assert_eq!(json["earlier"][0]["points"].as_array().unwrap().len(), 2);
}
