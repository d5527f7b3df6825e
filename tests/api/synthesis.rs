//! The synthesis report (page, CSV, DOCX, JSON), publishing it, and the gate
//! before appraisal.

use std::collections::HashMap;

use diesel::prelude::*;
use gopy::domain::Role;
use gopy::domain::comment::CommentBody;
use gopy::domain::response::{Answer, Decision};
use gopy::models::{Comment, NewComment, NewResponse, Response, Version};

use crate::helpers::{Browser, TestApp, location};

/// The placeholder of a hidden comment in the report.
const HIDDEN: &str = "(Ý kiến đã bị ẩn theo quy định kiểm duyệt; ý kiến vẫn được tính.)";

/// The demo's closed draft (agency STC) and a drafter of STC.
struct Fixture {
    slug: String,
    draft_id: i64,
    drafter: Browser,
    drafter_id: i64,
}

/// Seeds the demo and closes a draft of `agency` with its comments: STC's
/// (closed, no comments) or SNNMT's (open, closed here, 300 comments); adds
/// `rounds` × 300 more demo comments; signs in a drafter of the agency.
async fn closed_draft(app: &TestApp, agency: &str, rounds: usize) -> Fixture {
    app.seed_demo();
    let (draft_id, slug): (i64, String) = app.db(|c| {
        use gopy::db::schema::{agencies, drafts};
        let agency_id: i64 = agencies::table
            .filter(agencies::short_name.eq(agency))
            .select(agencies::id)
            .first(c)?;
        let (id, slug, status): (i64, String, String) = drafts::table
            .filter(drafts::agency_id.eq(agency_id))
            .select((drafts::id, drafts::slug, drafts::status))
            .first(c)?;
        if status == "open" {
            use gopy::domain::draft::DraftStatus;
            let closing = (DraftStatus::Open, DraftStatus::Closed);
            gopy::models::DraftEvent::transition(c, id, closing, None, None, "")?;
        }
        Ok((id, slug))
    });
    for _ in 0..rounds {
        app.db(|c| gopy::demo_comments::seed(c, draft_id));
    }
    let email = format!("drafter@{}.gov.vn", agency.to_lowercase());
    let drafter = app.signed_in(&email, Role::Drafter, Some(agency)).await;
    let drafter_id = user_id(app, &email);
    Fixture {
        slug,
        draft_id,
        drafter,
        drafter_id,
    }
}

fn user_id(app: &TestApp, email: &str) -> i64 {
    app.db(|c| {
        let address = gopy::domain::Email::parse(email).unwrap();
        Ok(gopy::models::User::find_by_email(c, &address)?.unwrap().id)
    })
}

/// What a test comment points at.
enum Target<'a> {
    Draft,
    Question(i32),
    /// The provision of this kind, the first of the newest version.
    Kind(&'a str),
}

/// Adds a published comment (pending when `pending`), returning it.
fn add_comment(
    app: &TestApp,
    draft_id: i64,
    body: &str,
    target: Target<'_>,
    pending: bool,
) -> Comment {
    let body = CommentBody::parse(body).unwrap();
    app.db(|c| {
        let version = Version::latest_published(c, draft_id)?.unwrap();
        let (anchor, position, question) = match target {
            Target::Draft => (None, 0, None),
            Target::Question(q) => (None, 0, Some(q)),
            Target::Kind(kind) => {
                let p = Version::provisions(c, version.id)?
                    .into_iter()
                    .find(|p| p.kind == kind)
                    .unwrap();
                (Some(p.anchor), p.position, None)
            }
        };
        let comment = NewComment {
            public_id: uuid::Uuid::new_v4().to_string(),
            draft_id,
            version_number: version.number,
            anchor,
            position,
            question_position: question,
            category: "individual",
            organisation_name: None,
            organisation_reg_no: None,
            on_behalf_of: String::new(),
            body_sha256: body.sha256(),
            body: body.as_str().to_string(),
            late: false,
            show_name: false,
            user_id: None,
            contact: Some((
                "Người thử".into(),
                format!("{}@example.vn", uuid::Uuid::new_v4()),
            )),
            attachments: Vec::new(),
        }
        .insert(c, pending.then_some("a-confirmation-hash"), None)?;
        Ok(comment)
    })
}

/// The decision each comment gets, and its explanation (unique per comment,
/// so the files can be checked row by row).
fn decision_for(id: i64) -> Decision {
    Decision::ALL[(id % 4) as usize]
}

fn explanation_for(id: i64) -> String {
    format!("Giải trình cho ý kiến số {id}.")
}

/// Answers and publishes an answer for every published comment still without one.
fn answer_all(app: &TestApp, draft_id: i64, responder_id: i64) -> usize {
    app.db(|c| {
        use gopy::db::schema::comments;
        let ids: Vec<i64> = comments::table
            .filter(comments::draft_id.eq(draft_id))
            .filter(comments::status.eq("published"))
            .select(comments::id)
            .load(c)?;
        let answered: HashMap<i64, Vec<Response>> = Response::of(c, &ids)?;
        for id in ids.iter().filter(|id| !answered.contains_key(id)) {
            let answer = Answer::parse(decision_for(*id).as_str(), &explanation_for(*id))
                .map_err(|e| anyhow::anyhow!("{e:?}"))?;
            NewResponse {
                draft_id,
                answer,
                anchors: Vec::new(),
                version_number: None,
                responder_id,
            }
            .save(c, &[*id])?;
        }
        Ok(Response::publish(c, draft_id, None, |_| None)?)
    })
}

/// How many comments of the draft count (published or hidden).
fn counted(app: &TestApp, draft_id: i64) -> usize {
    app.db(|c| {
        use gopy::db::schema::comments;
        let n: i64 = comments::table
            .filter(comments::draft_id.eq(draft_id))
            .filter(comments::status.eq_any(["published", "hidden"]))
            .count()
            .get_result(c)?;
        Ok(n as usize)
    })
}

fn draft_status(app: &TestApp, draft_id: i64) -> String {
    app.db(|c| Ok(gopy::models::Draft::by_id(c, draft_id)?.status))
}

fn vi_label(decision: Decision) -> &'static str {
    match decision {
        Decision::Accepted => "Tiếp thu",
        Decision::PartlyAccepted => "Tiếp thu một phần",
        Decision::NotAccepted => "Không tiếp thu",
        Decision::Noted => "Ghi nhận",
    }
}

#[tokio::test]
async fn the_report_is_private_until_published_except_to_the_drafting_agency() {
    let app = TestApp::spawn().await;
    let f = closed_draft(&app, "STC", 0).await;
    add_comment(&app, f.draft_id, "Đề nghị làm rõ.", Target::Draft, false);
    let slug = &f.slug;
    for path in [
        format!("/drafts/{slug}/synthesis"),
        format!("/drafts/{slug}/synthesis.csv"),
        format!("/drafts/{slug}/synthesis.docx"),
        format!("/api/v1/drafts/{slug}/synthesis"),
    ] {
        assert_eq!(
            app.browser().get(&path).await.status().as_u16(),
            404,
            "{path}"
        );
    }
    let draft_page = app
        .browser()
        .get_text(&format!("/drafts/{slug}"), 200)
        .await;
    assert!(!draft_page.contains(&format!("/drafts/{slug}/synthesis")));
    let other = app
        .signed_in("minh@snnmt.gov.vn", Role::Drafter, Some("SNNMT"))
        .await;
    let citizen = app.signed_in("lan@example.vn", Role::Citizen, None).await;
    for browser in [&other, &citizen] {
        let response = browser.get(&format!("/drafts/{slug}/synthesis")).await;
        assert_eq!(response.status().as_u16(), 404);
    }

    let preview = f
        .drafter
        .get_text(&format!("/drafts/{slug}/synthesis"), 200)
        .await;
    assert!(
        preview.contains("BẢN XEM TRƯỚC — CHƯA CÔNG BỐ"),
        "{preview}"
    );
    assert!(preview.contains("Đề nghị làm rõ."));
    let docx = f
        .drafter
        .get(&format!("/drafts/{slug}/synthesis.docx"))
        .await;
    assert_eq!(docx.status().as_u16(), 200);
    let text = gopy::import::docx_text(&docx.bytes().await.unwrap()).unwrap();
    assert!(text.contains("BẢN XEM TRƯỚC — CHƯA CÔNG BỐ"));
    // The JSON API shows published reports only.
    let api = f
        .drafter
        .get(&format!("/api/v1/drafts/{slug}/synthesis"))
        .await;
    assert_eq!(api.status().as_u16(), 404);
}

#[tokio::test]
async fn the_gate_lists_the_unanswered_comments_then_lets_the_draft_through() {
    let app = TestApp::spawn().await;
    let f = closed_draft(&app, "STC", 1).await;
    let slug = &f.slug;
    let manage = f
        .drafter
        .get_text(&format!("/workspace/drafts/{slug}"), 200)
        .await;
    assert!(manage.contains(&format!("/workspace/drafts/{slug}/synthesis/publish")));
    assert!(manage.contains("còn 300 ý kiến chưa trả lời"), "{manage}");

    // Nothing answered, nothing published: the gate names both and lists 50 comments.
    let refused = f
        .drafter
        .post_form(&format!("/workspace/drafts/{slug}/appraisal-request"), &[])
        .await;
    assert_eq!(refused.status().as_u16(), 409);
    let html = refused.text().await.unwrap();
    assert!(html.contains("Còn 300 ý kiến góp ý đã công bố chưa có nội dung tiếp thu"));
    assert!(html.contains("Bản tổng hợp, tiếp thu, giải trình ý kiến góp ý chưa được công bố."));
    assert!(html.contains(&format!("/workspace/drafts/{slug}#synthesis")));
    assert_eq!(html.matches("href=\"/comments/").count(), 50);
    assert!(html.contains("Ngoài ra còn 250 ý kiến khác chưa được trả lời."));
    let first: String = app.db(|c| Ok(Response::unanswered(c, f.draft_id, 1)?.remove(0).public_id));
    assert!(html.contains(&format!("href=\"/comments/{first}\"")));

    let refused = f
        .drafter
        .post_form(&format!("/workspace/drafts/{slug}/synthesis/publish"), &[])
        .await;
    assert_eq!(refused.status().as_u16(), 409);
    assert!(
        refused
            .text()
            .await
            .unwrap()
            .contains(&format!("href=\"/comments/{first}\""))
    );
    assert_eq!(draft_status(&app, f.draft_id), "closed");

    // Every comment answered: the report can be published, not yet appraised.
    assert_eq!(answer_all(&app, f.draft_id, f.drafter_id), 300);
    let still = f
        .drafter
        .post_form(&format!("/workspace/drafts/{slug}/appraisal-request"), &[])
        .await;
    assert_eq!(still.status().as_u16(), 409);
    let html = still.text().await.unwrap();
    assert!(html.contains("chưa được công bố"));
    assert!(!html.contains("href=\"/comments/"));

    let published = f
        .drafter
        .post_form(&format!("/workspace/drafts/{slug}/synthesis/publish"), &[])
        .await;
    assert_eq!(published.status().as_u16(), 303);
    assert_eq!(location(&published), format!("/drafts/{slug}/synthesis"));
    assert_eq!(draft_status(&app, f.draft_id), "synthesis_published");
    let public = app
        .browser()
        .get_text(&format!("/drafts/{slug}/synthesis"), 200)
        .await;
    assert!(!public.contains("BẢN XEM TRƯỚC"));
    let draft_page = app
        .browser()
        .get_text(&format!("/drafts/{slug}"), 200)
        .await;
    assert!(draft_page.contains(&format!("href=\"/drafts/{slug}/synthesis\"")));

    let sent = f
        .drafter
        .post_form(&format!("/workspace/drafts/{slug}/appraisal-request"), &[])
        .await;
    assert_eq!(sent.status().as_u16(), 303);
    assert_eq!(draft_status(&app, f.draft_id), "in_appraisal");
    let timeline: Vec<String> = app.db(|c| {
        Ok(gopy::models::DraftEvent::of(c, f.draft_id)?
            .into_iter()
            .map(|(event, _)| event.status)
            .collect())
    });
    assert_eq!(
        timeline[timeline.len() - 3..],
        ["synthesising", "synthesis_published", "in_appraisal"]
    );
}

#[tokio::test]
async fn a_comment_published_after_the_report_closes_the_gate_again() {
    let app = TestApp::spawn().await;
    let f = closed_draft(&app, "STC", 0).await;
    let slug = &f.slug;
    add_comment(&app, f.draft_id, "Ý kiến thứ nhất.", Target::Draft, false);
    answer_all(&app, f.draft_id, f.drafter_id);
    let published = f
        .drafter
        .post_form(&format!("/workspace/drafts/{slug}/synthesis/publish"), &[])
        .await;
    assert_eq!(published.status().as_u16(), 303);
    // A comment that counts again (a hidden one restored on appeal) needs an answer.
    let late = add_comment(
        &app,
        f.draft_id,
        "Ý kiến được khôi phục.",
        Target::Draft,
        false,
    );
    let refused = f
        .drafter
        .post_form(&format!("/workspace/drafts/{slug}/appraisal-request"), &[])
        .await;
    assert_eq!(refused.status().as_u16(), 409);
    let html = refused.text().await.unwrap();
    assert!(html.contains(&format!("href=\"/comments/{}\"", late.public_id)));
    assert!(
        !html.contains("chưa được công bố."),
        "the report is published"
    );
    assert_eq!(draft_status(&app, f.draft_id), "synthesis_published");
}

#[tokio::test]
async fn only_drafters_of_the_drafting_agency_publish_or_request_appraisal() {
    let app = TestApp::spawn().await;
    let f = closed_draft(&app, "STC", 0).await;
    add_comment(&app, f.draft_id, "Đề nghị làm rõ.", Target::Draft, false);
    answer_all(&app, f.draft_id, f.drafter_id);
    let other = app
        .signed_in("minh@snnmt.gov.vn", Role::Drafter, Some("SNNMT"))
        .await;
    let citizen = app.signed_in("lan@example.vn", Role::Citizen, None).await;
    for browser in [&other, &citizen] {
        for step in ["synthesis/publish", "appraisal-request"] {
            let response = browser
                .post_form(&format!("/workspace/drafts/{}/{step}", f.slug), &[])
                .await;
            assert_eq!(response.status().as_u16(), 403, "{step}");
        }
    }
    let visitor = app.browser();
    let response = visitor
        .post_form(
            &format!("/workspace/drafts/{}/synthesis/publish", f.slug),
            &[],
        )
        .await;
    assert_eq!(
        response.status().as_u16(),
        303,
        "a visitor is sent to sign in"
    );
    assert!(location(&response).starts_with("/login"));
    assert_eq!(draft_status(&app, f.draft_id), "closed");
    let published: Option<chrono::NaiveDateTime> =
        app.db(|c| Ok(gopy::models::Draft::by_id(c, f.draft_id)?.synthesis_published_at));
    assert!(published.is_none());
}

/// The counted comments, each with its expected row: body (or the
/// placeholder), decision label and explanation.
struct Expected {
    rows: HashMap<String, (String, String, String)>,
    hidden_body: String,
    withdrawn_id: String,
    pending_id: String,
}

/// The demo's draft with 300 comments, closed, and, besides, comments on the
/// whole draft, a question and a clause, a formula, a hidden one (left
/// unanswered), a withdrawn one and a pending one; the rest answered and the
/// report published.
async fn published_report(app: &TestApp) -> (Fixture, Expected) {
    let f = closed_draft(app, "SNNMT", 0).await;
    let id = f.draft_id;
    add_comment(app, id, "Góp ý cho toàn bộ dự thảo.", Target::Draft, false);
    add_comment(app, id, "Trả lời câu hỏi số 1.", Target::Question(1), false);
    add_comment(
        app,
        id,
        "Khoản này cần rõ hơn.\nDòng thứ hai.",
        Target::Kind("clause"),
        false,
    );
    add_comment(
        app,
        id,
        "=HYPERLINK(\"http://x.example\",\"bấm\")",
        Target::Draft,
        false,
    );
    let hidden = add_comment(
        app,
        id,
        "Nội dung vi phạm sẽ bị ẩn.",
        Target::Kind("article"),
        false,
    );
    let withdrawn = add_comment(app, id, "Ý kiến sẽ được rút.", Target::Draft, false);
    let pending = add_comment(app, id, "Ý kiến chưa xác nhận.", Target::Draft, true);
    app.db(|c| {
        use gopy::db::schema::comments;
        diesel::update(comments::table.find(hidden.id))
            .set((
                comments::status.eq("hidden"),
                comments::hidden_reason_code.eq("abuse"),
            ))
            .execute(c)?;
        Comment::withdraw(c, withdrawn.id)?;
        Ok(())
    });
    answer_all(app, id, f.drafter_id);
    let response = f
        .drafter
        .post_form(
            &format!("/workspace/drafts/{}/synthesis/publish", f.slug),
            &[],
        )
        .await;
    assert_eq!(response.status().as_u16(), 303);
    let rows = app.db(|c| {
        use gopy::db::schema::comments;
        let list: Vec<Comment> = comments::table
            .filter(comments::draft_id.eq(id))
            .filter(comments::status.eq_any(["published", "hidden"]))
            .select(Comment::as_select())
            .load(c)?;
        Ok(list
            .into_iter()
            .map(|c| {
                let expected = if c.status == "hidden" {
                    (
                        HIDDEN.to_string(),
                        "Chưa trả lời".to_string(),
                        String::new(),
                    )
                } else {
                    (
                        c.body.clone(),
                        vi_label(decision_for(c.id)).to_string(),
                        explanation_for(c.id),
                    )
                };
                (c.public_id, expected)
            })
            .collect::<HashMap<_, _>>())
    });
    assert_eq!(rows.len(), 305);
    let expected = Expected {
        rows,
        hidden_body: hidden.body,
        withdrawn_id: withdrawn.public_id,
        pending_id: pending.public_id,
    };
    (f, expected)
}

#[tokio::test]
async fn the_page_shows_every_counted_comment_with_its_answer() {
    let app = TestApp::spawn().await;
    let (f, expected) = published_report(&app).await;
    let html = app
        .browser()
        .get_text(&format!("/drafts/{}/synthesis", f.slug), 200)
        .await;
    assert_eq!(html.matches("id=\"y-kien-").count(), expected.rows.len());
    for (id, (_, decision, explanation)) in &expected.rows {
        let at = html
            .find(&format!("id=\"y-kien-{id}\""))
            .unwrap_or_else(|| panic!("{id} is missing"));
        let row = &html[at..at + html[at..].find("</tr>").unwrap()];
        assert!(row.contains(decision.as_str()), "{row}");
        assert!(row.contains(explanation.as_str()), "{row}");
    }
    assert!(!html.contains(&expected.withdrawn_id));
    assert!(!html.contains(&expected.pending_id));
    assert!(!html.contains(&expected.hidden_body));
    assert!(html.contains(HIDDEN));
    assert!(html.contains("Góp ý chung"));
    assert!(html.contains("Vấn đề cần xin ý kiến số 1"));
    assert!(
        html.contains("Khoản 1 Điều"),
        "clauses are cited as documents do"
    );
    assert!(html.contains("Tổng số ý kiến góp ý được tính: 305"));
    assert!(html.contains("THỦ TRƯỞNG CƠ QUAN CHỦ TRÌ SOẠN THẢO"));
    assert!(!html.contains("BẢN XEM TRƯỚC"));
}

#[tokio::test]
async fn the_csv_holds_every_counted_comment_with_its_answer() {
    let app = TestApp::spawn().await;
    let (f, expected) = published_report(&app).await;
    let response = app
        .browser()
        .get(&format!("/drafts/{}/synthesis.csv", f.slug))
        .await;
    assert_eq!(response.status().as_u16(), 200);
    assert!(
        response.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .starts_with("attachment")
    );
    let bytes = response.bytes().await.unwrap();
    assert!(bytes.starts_with(b"\xef\xbb\xbf"), "a UTF-8 BOM first");
    let mut reader = csv::Reader::from_reader(&bytes[3..]);
    assert_eq!(&reader.headers().unwrap()[0], "STT");
    let records: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(records.len(), expected.rows.len());
    for (i, record) in records.iter().enumerate() {
        assert_eq!(record[0], (i + 1).to_string(), "rows are numbered in order");
        let (body, decision, explanation) = &expected.rows[&record[8]];
        let shown = if body.starts_with('=') {
            format!("'{body}")
        } else {
            body.clone()
        };
        assert_eq!(&record[5], shown.as_str());
        assert_eq!(&record[6], decision.as_str());
        assert_eq!(&record[7], explanation.as_str());
    }
    assert!(
        records.iter().any(|r| r[5].starts_with("'=HYPERLINK")),
        "formulas are defused"
    );
    assert_eq!(&records[0][1], "Góp ý chung", "general comments come first");
    let text = String::from_utf8_lossy(&bytes);
    assert!(!text.contains(&expected.withdrawn_id));
    assert!(!text.contains(&expected.pending_id));
    assert!(!text.contains(&expected.hidden_body));
}

#[tokio::test]
async fn the_docx_holds_every_counted_comment_with_its_answer_and_a_signature() {
    let app = TestApp::spawn().await;
    let (f, expected) = published_report(&app).await;
    let response = app
        .browser()
        .get(&format!("/drafts/{}/synthesis.docx", f.slug))
        .await;
    assert_eq!(response.status().as_u16(), 200);
    assert!(
        response.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .starts_with("attachment; filename=")
    );
    let bytes = response.bytes().await.unwrap();
    let text = gopy::import::docx_text(&bytes).unwrap();
    // Rows read back as "n | place | author | comment | answer".
    let rows: Vec<Vec<&str>> = text
        .lines()
        .map(|l| l.split(" | ").collect::<Vec<_>>())
        .filter(|cells| cells.len() == 5 && cells[0].parse::<usize>().is_ok())
        .collect();
    assert_eq!(rows.len(), expected.rows.len());
    let mut by_body: HashMap<String, usize> = HashMap::new();
    for (i, cells) in rows.iter().enumerate() {
        assert_eq!(cells[0], (i + 1).to_string());
        *by_body.entry(cells[3].to_string()).or_default() += 1;
    }
    // Every answer is on the row of its comment (a cell's paragraphs join with a space).
    for (body, decision, explanation) in expected.rows.values() {
        let body = body.replace('\n', " ");
        let answer = if explanation.is_empty() {
            decision.clone()
        } else {
            format!("{decision} {explanation}")
        };
        assert!(
            rows.iter()
                .any(|cells| cells[3] == body && cells[4] == answer),
            "no row for {body} / {answer}"
        );
    }
    let answered = expected.rows.values().filter(|r| !r.2.is_empty()).count();
    assert_eq!(
        answered,
        expected.rows.len() - 1,
        "the hidden one is unanswered"
    );
    assert!(text.contains("Góp ý chung"));
    assert!(text.contains("THỦ TRƯỞNG CƠ QUAN CHỦ TRÌ SOẠN THẢO"));
    assert!(text.contains("Tổng số ý kiến góp ý được tính: 305"));
    assert!(!text.contains(&expected.hidden_body));
    assert!(!text.contains("Ý kiến sẽ được rút."));
    assert!(!text.contains("Ý kiến chưa xác nhận."));
}

#[tokio::test]
async fn the_api_pages_through_every_row_and_the_counts_add_up() {
    let app = TestApp::spawn().await;
    let (f, expected) = published_report(&app).await;
    let mut rows: Vec<serde_json::Value> = Vec::new();
    let mut after = String::new();
    let totals = loop {
        let page: serde_json::Value = app
            .browser()
            .get(&format!(
                "/api/v1/drafts/{}/synthesis?after={after}",
                f.slug
            ))
            .await
            .json()
            .await
            .unwrap();
        rows.extend(page["rows"].as_array().unwrap().iter().cloned());
        match page["next"].as_str() {
            Some(next) => after = next.to_string(),
            None => break page["totals"].clone(),
        }
    };
    assert_eq!(rows.len(), expected.rows.len());
    for (i, row) in rows.iter().enumerate() {
        assert_eq!(row["n"], i as i64 + 1);
        let (_, _, explanation) = &expected.rows[row["comment_id"].as_str().unwrap()];
        assert_eq!(row["explanation"], explanation.as_str());
    }
    assert_eq!(totals["comments"], 305);
    assert_eq!(totals["hidden"], 1);
    let by_decision: i64 = totals["by_decision"]
        .as_object()
        .unwrap()
        .values()
        .map(|v| v.as_i64().unwrap())
        .sum();
    assert_eq!(by_decision, totals["answered"].as_i64().unwrap());
    assert_eq!(by_decision, 304);
    assert_eq!(totals["unanswered"], 1);
    let by_category: i64 = totals["by_category"]
        .as_object()
        .unwrap()
        .values()
        .map(|v| v.as_i64().unwrap())
        .sum();
    assert_eq!(by_category, 305);
    assert!(totals["organisations"].as_i64().unwrap() > 0);
    assert!(totals["people"].as_i64().unwrap() > 0);
    let bad = app
        .browser()
        .get(&format!("/api/v1/drafts/{}/synthesis?after=x", f.slug))
        .await;
    assert_eq!(bad.status().as_u16(), 400);
}

#[tokio::test]
async fn the_page_of_a_large_report_is_paged_and_every_row_is_reached() {
    let app = TestApp::spawn().await;
    let f = closed_draft(&app, "STC", 2).await;
    let mut path = format!("/drafts/{}/synthesis", f.slug);
    let mut seen = Vec::new();
    let mut pages = 0;
    loop {
        let html = f.drafter.get_text(&path, 200).await;
        pages += 1;
        assert!(
            html.contains("500 ý kiến mỗi trang"),
            "the page says it is paged"
        );
        for piece in html.split("id=\"y-kien-").skip(1) {
            seen.push(piece[..piece.find('"').unwrap()].to_string());
        }
        let Some(at) = html.find("rel=\"next\"") else {
            break;
        };
        let start = html[..at].rfind("href=\"").unwrap() + 6;
        let end = start + html[start..].find('"').unwrap();
        path = html[start..end].replace("&amp;", "&");
    }
    let counted = counted(&app, f.draft_id);
    assert!(counted > 500);
    assert_eq!(pages, counted.div_ceil(500));
    assert_eq!(seen.len(), counted);
    seen.sort();
    seen.dedup();
    assert_eq!(seen.len(), counted, "no row twice");
}

#[tokio::test]
async fn a_corrected_answer_replaces_the_old_one_in_the_report() {
    let app = TestApp::spawn().await;
    let f = closed_draft(&app, "STC", 0).await;
    let comment = add_comment(&app, f.draft_id, "Đề nghị sửa.", Target::Draft, false);
    add_comment(&app, f.draft_id, "Đề nghị khác.", Target::Draft, false);
    answer_all(&app, f.draft_id, f.drafter_id);
    app.db(|c| {
        let answer = Answer::parse("not_accepted", "Giải trình đã đính chính.")
            .map_err(|e| anyhow::anyhow!("{e:?}"))?;
        NewResponse {
            draft_id: f.draft_id,
            answer,
            anchors: Vec::new(),
            version_number: None,
            responder_id: f.drafter_id,
        }
        .save(c, &[comment.id])?;
        Ok(Response::publish(
            c,
            f.draft_id,
            Some(&[comment.id]),
            |_| None,
        )?)
    });
    let response = f
        .drafter
        .post_form(
            &format!("/workspace/drafts/{}/synthesis/publish", f.slug),
            &[],
        )
        .await;
    assert_eq!(response.status().as_u16(), 303);
    let page: serde_json::Value = app
        .browser()
        .get(&format!("/api/v1/drafts/{}/synthesis", f.slug))
        .await
        .json()
        .await
        .unwrap();
    let rows = page["rows"].as_array().unwrap();
    assert_eq!(page["totals"]["comments"], rows.len());
    let mine: Vec<&serde_json::Value> = rows
        .iter()
        .filter(|r| r["comment_id"] == comment.public_id.as_str())
        .collect();
    assert_eq!(mine.len(), 1, "one row per comment, not per answer");
    let row = mine[0];
    assert_eq!(row["decision"], "not_accepted");
    assert_eq!(row["explanation"], "Giải trình đã đính chính.");
    assert_eq!(page["totals"]["answered"], page["totals"]["comments"]);
    let csv = app
        .browser()
        .get(&format!("/drafts/{}/synthesis.csv", f.slug))
        .await
        .text()
        .await
        .unwrap();
    assert!(csv.contains("Giải trình đã đính chính."));
    assert!(
        !csv.contains(&explanation_for(comment.id)),
        "the old answer is gone"
    );
}
