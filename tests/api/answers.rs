//! Answers: the drafting agency answers every comment — explanation unless
//! accepted, corrections that supersede, group answers, the commenter's
//! e-mail and one rebuttal — and nobody else can.

use diesel::prelude::*;
use gopy::domain::Role;

use crate::helpers::{Browser, TestApp, location};

fn draft_slug(app: &TestApp, status: &str) -> String {
    let wanted = status.to_string();
    app.db(move |c| {
        use gopy::db::schema::drafts::dsl::*;
        Ok(drafts.filter(status.eq(&wanted)).select(slug).first(c)?)
    })
}

/// Public ids of the first `n` published comments of a draft, in id order.
fn comment_ids(app: &TestApp, slug: &str, n: i64) -> Vec<(i64, String)> {
    let slug = slug.to_string();
    app.db(move |c| {
        use gopy::db::schema::{comments, drafts};
        Ok(comments::table
            .inner_join(drafts::table)
            .filter(drafts::slug.eq(&slug))
            .filter(comments::status.eq("published"))
            .order(comments::id)
            .limit(n)
            .select((comments::id, comments::public_id))
            .load(c)?)
    })
}

async fn drafter(app: &TestApp) -> Browser {
    app.signed_in("minh@snnmt.gov.vn", Role::Drafter, Some("SNNMT"))
        .await
}

async fn answer(
    browser: &Browser,
    slug: &str,
    comment: &str,
    fields: &[(&str, &str)],
) -> reqwest::Response {
    browser
        .post_form(
            &format!("/workspace/drafts/{slug}/answers/{comment}"),
            fields,
        )
        .await
}

#[tokio::test]
async fn an_explanation_is_required_unless_the_comment_is_accepted() {
    let app = TestApp::spawn().await;
    app.seed_demo();
    let slug = draft_slug(&app, "open");
    let minh = drafter(&app).await;
    let ids = comment_ids(&app, &slug, 2);
    let list = minh
        .get_text(&format!("/workspace/drafts/{slug}/answers"), 200)
        .await;
    assert!(list.contains("Đã trả lời 0/"), "progress is shown");
    assert_eq!(
        list.matches("<li class=\"comment\"").count(),
        50,
        "a page of unanswered comments"
    );
    assert!(list.contains("rel=\"next\""));

    let refused = answer(
        &minh,
        &slug,
        &ids[0].1,
        &[
            ("decision", "not_accepted"),
            ("explanation", "  "),
            ("action", "publish"),
        ],
    )
    .await;
    assert_eq!(refused.status().as_u16(), 422);
    let page = refused.text().await.unwrap();
    assert!(page.contains("Cần giải trình khi không tiếp thu toàn bộ ý kiến."));
    let comment = app
        .browser()
        .get_text(&format!("/comments/{}", ids[0].1), 200)
        .await;
    assert!(
        !comment.contains("Trả lời của cơ quan soạn thảo"),
        "nothing published"
    );

    let accepted = answer(
        &minh,
        &slug,
        &ids[0].1,
        &[
            ("decision", "accepted"),
            ("explanation", ""),
            ("action", "publish"),
        ],
    )
    .await;
    assert_eq!(accepted.status().as_u16(), 303);
    assert!(
        location(&accepted).contains("/answers/"),
        "on to the next unanswered comment"
    );
    let comment = app
        .browser()
        .get_text(&format!("/comments/{}", ids[0].1), 200)
        .await;
    assert!(comment.contains("Trả lời của cơ quan soạn thảo") && comment.contains("Tiếp thu"));
    let draft = app
        .browser()
        .get_text(&format!("/drafts/{slug}"), 200)
        .await;
    assert!(draft.contains("Đã trả lời 1/"));
    let total = comment_ids(&app, &slug, 10_000).len();
    let workspace = minh.get_text("/workspace", 200).await;
    assert!(workspace.contains(&format!("Đã trả lời 1/{total}")));
    assert!(workspace.contains(&format!("{} ý kiến chưa trả lời", total - 1)));
}

#[tokio::test]
async fn the_commenter_is_emailed_with_a_link_to_the_changed_provision_and_may_reply_once() {
    let app = TestApp::spawn().await;
    app.seed_demo();
    // The closed demo draft (STC) has a second version.
    let slug = draft_slug(&app, "closed");
    let lan = app.signed_in("lan@example.vn", Role::Citizen, None).await;
    let (comment_id, public_id, article) = {
        let slug = slug.clone();
        app.db(move |c| {
            use gopy::db::schema::{drafts, provisions, users, versions};
            let (draft_id, v1_anchor): (i64, String) = provisions::table
                .inner_join(versions::table.inner_join(drafts::table))
                .filter(drafts::slug.eq(&slug))
                .filter(versions::number.eq(1))
                .filter(provisions::kind.eq("article"))
                .order(provisions::position)
                .select((drafts::id, provisions::anchor))
                .first(c)?;
            let v2_article: String = provisions::table
                .inner_join(versions::table.inner_join(drafts::table))
                .filter(drafts::slug.eq(&slug))
                .filter(versions::number.eq(2))
                .filter(provisions::kind.eq("article"))
                .order(provisions::position)
                .select(provisions::anchor)
                .first(c)?;
            let user: i64 = users::table
                .filter(users::email.eq("lan@example.vn"))
                .select(users::id)
                .first(c)?;
            let body = gopy::domain::comment::CommentBody::parse(
                "Đề nghị bổ sung vốn cho đường liên xã Ia Băng.",
            )
            .unwrap();
            let comment = gopy::models::NewComment {
                public_id: uuid::Uuid::new_v4().to_string(),
                draft_id,
                version_number: 1,
                anchor: Some(v1_anchor),
                position: 1,
                question_position: None,
                category: "individual",
                organisation_name: None,
                organisation_reg_no: None,
                on_behalf_of: String::new(),
                body_sha256: body.sha256(),
                body: body.as_str().to_string(),
                late: false,
                show_name: false,
                user_id: Some(user),
                contact: None,
                attachments: Vec::new(),
            }
            .insert(c, None, None)?;
            Ok((comment.id, comment.public_id, v2_article))
        })
    };
    let ha = app
        .signed_in("ha@stc.gov.vn", Role::Drafter, Some("STC"))
        .await;
    let form = ha
        .get_text(
            &format!("/workspace/drafts/{slug}/answers/{public_id}"),
            200,
        )
        .await;
    assert!(
        form.contains(&format!("value=\"{article}\"")),
        "v2's outline is offered"
    );
    let response = answer(
        &ha,
        &slug,
        &public_id,
        &[
            ("decision", "partly_accepted"),
            (
                "explanation",
                "Tiếp thu bổ sung 2 tỷ đồng cho đường Ia Băng; các tuyến khác giữ nguyên.",
            ),
            ("anchors", &article),
            ("action", "publish"),
        ],
    )
    .await;
    assert_eq!(response.status().as_u16(), 303);

    let mail = app
        .smtp
        .with_subject(
            "lan@example.vn",
            "Cơ quan soạn thảo đã trả lời ý kiến góp ý của bạn",
        )
        .await;
    let text = mail.text();
    assert!(text.contains("Tiếp thu một phần") && text.contains("các tuyến khác giữ nguyên"));
    let diff = mail.link(&format!("/drafts/{slug}/diff?from=1&to=2#{article}"));
    assert!(diff.starts_with("http"));
    mail.link(&format!("/comments/{public_id}"));
    let page = lan.get_text(&format!("/comments/{public_id}"), 200).await;
    assert!(page.contains("Tiếp thu một phần") && page.contains(&format!("#{article}")));
    assert!(
        app.db(move |c| {
            use gopy::db::schema::comments::dsl::*;
            Ok(comments
                .find(comment_id)
                .select(locked_at)
                .first::<Option<chrono::NaiveDateTime>>(c)?)
        })
        .is_some(),
        "the answer locks the comment"
    );
    let edit = lan
        .post_form(
            &format!("/comments/{public_id}/edit"),
            &[("body", "Sửa lại.")],
        )
        .await;
    assert_eq!(edit.status().as_u16(), 409);

    // One rebuttal, answered by the agency.
    let rebuttal = lan
        .post_form(
            &format!("/comments/{public_id}/rebuttal"),
            &[("body", "Tuyến Ia Tôr cũng cần được bổ sung.")],
        )
        .await;
    assert_eq!(rebuttal.status().as_u16(), 303);
    let again = lan
        .post_form(
            &format!("/comments/{public_id}/rebuttal"),
            &[("body", "Lần hai.")],
        )
        .await;
    assert_eq!(again.status().as_u16(), 409);
    assert!(
        again
            .text()
            .await
            .unwrap()
            .contains("chỉ được phản hồi câu trả lời một lần")
    );
    let other = app.signed_in("binh@example.vn", Role::Citizen, None).await;
    let stranger = other
        .post_form(
            &format!("/comments/{public_id}/rebuttal"),
            &[("body", "Không phải của tôi.")],
        )
        .await;
    assert_eq!(stranger.status().as_u16(), 403);
    let answered = ha
        .post_form(
            &format!("/workspace/drafts/{slug}/answers/{public_id}/rebuttal"),
            &[(
                "body",
                "Tuyến Ia Tôr đã có vốn từ chương trình nông thôn mới.",
            )],
        )
        .await;
    assert_eq!(answered.status().as_u16(), 303);
    let page = app
        .browser()
        .get_text(&format!("/comments/{public_id}"), 200)
        .await;
    assert!(
        page.contains("Tuyến Ia Tôr cũng cần được bổ sung.")
            && page.contains("đã có vốn từ chương trình nông thôn mới")
    );
}

#[tokio::test]
async fn a_correction_supersedes_and_both_answers_stay_with_their_times() {
    let app = TestApp::spawn().await;
    app.seed_demo();
    let slug = draft_slug(&app, "open");
    let minh = drafter(&app).await;
    let (_, id) = comment_ids(&app, &slug, 1).remove(0);
    answer(
        &minh,
        &slug,
        &id,
        &[
            ("decision", "not_accepted"),
            ("explanation", "Trái với Luật Đất đai."),
            ("action", "publish"),
        ],
    )
    .await;
    // The commenter reads English: the correction's e-mail is in English.
    let email = "en.reader@example.vn";
    let wanted = id.clone();
    app.create_user(email, Role::Citizen, None);
    app.db(move |c| {
        use gopy::db::schema::{comments, users};
        let user: i64 = users::table
            .filter(users::email.eq(email))
            .select(users::id)
            .first(c)?;
        diesel::update(users::table.find(user))
            .set(users::lang.eq("en"))
            .execute(c)?;
        diesel::update(comments::table.filter(comments::public_id.eq(&wanted)))
            .set(comments::user_id.eq(user))
            .execute(c)?;
        Ok(())
    });
    let fix = answer(
        &minh,
        &slug,
        &id,
        &[
            ("decision", "accepted"),
            ("explanation", "Đính chính: tiếp thu toàn bộ."),
            ("action", "publish"),
        ],
    )
    .await;
    assert_eq!(fix.status().as_u16(), 303);
    let mail = app
        .smtp
        .with_subject(email, "The answer to your comment was corrected")
        .await;
    assert!(mail.text().contains("Đính chính: tiếp thu toàn bộ."));
    let page = app
        .browser()
        .get_text(&format!("/comments/{id}"), 200)
        .await;
    let current = page
        .find("Đính chính: tiếp thu toàn bộ.")
        .expect("the correction");
    let earlier = page
        .find("Trái với Luật Đất đai.")
        .expect("the earlier answer stays");
    assert!(current < earlier, "the current answer first");
    assert!(page.contains("được thay thế lúc"));
    let wanted = id.clone();
    let rows: Vec<(Option<chrono::NaiveDateTime>, Option<chrono::NaiveDateTime>)> =
        app.db(move |c| {
            use gopy::db::schema::{comments, responses};
            Ok(responses::table
                .inner_join(comments::table)
                .filter(comments::public_id.eq(&wanted))
                .order(responses::id)
                .select((responses::published_at, responses::superseded_at))
                .load(c)?)
        });
    assert_eq!(rows.len(), 2);
    assert!(rows[0].1.is_some() && rows[1].1.is_none());
    assert!(rows.iter().all(|r| r.0.is_some()));

    // The API gives both, the current one as the comment's answer.
    let json: serde_json::Value = app
        .browser()
        .get(&format!("/api/v1/comments/{id}"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(json["answer"]["decision"], "accepted");
    let answers = json["answers"].as_array().unwrap();
    assert_eq!(answers.len(), 2);
    assert_eq!(answers[0]["decision"], "not_accepted");
    assert!(answers[0]["superseded_at"].is_string() && answers[1]["superseded_at"].is_null());
    let mut listed = None;
    let mut cursor = String::new();
    while listed.is_none() {
        let page: serde_json::Value = app
            .browser()
            .get(&format!("/api/v1/drafts/{slug}/comments{cursor}"))
            .await
            .json()
            .await
            .unwrap();
        listed = page["comments"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["id"] == id.as_str())
            .cloned();
        cursor = format!("?after={}", page["next"]);
    }
    assert_eq!(
        listed.unwrap()["answer"]["explanation"],
        "Đính chính: tiếp thu toàn bộ."
    );
}

#[tokio::test]
async fn a_group_answer_reaches_every_member_and_boilerplate_is_flagged() {
    let app = TestApp::spawn().await;
    app.seed_demo();
    let slug = draft_slug(&app, "open");
    let minh = drafter(&app).await;
    let ids = comment_ids(&app, &slug, 6);
    let mut fields: Vec<(&str, String)> = ids.iter().map(|(i, _)| ("ids", i.to_string())).collect();
    fields.push(("decision", "not_accepted".into()));
    fields.push((
        "explanation",
        "Nội dung này đã được quy định tại Luật Đất đai năm 2024.".into(),
    ));
    fields.push(("action", "group".into()));
    let borrowed: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let saved = minh
        .post_form(&format!("/workspace/drafts/{slug}/answers"), &borrowed)
        .await;
    assert_eq!(saved.status().as_u16(), 303);
    let list = minh
        .get_text(&format!("/workspace/drafts/{slug}/answers"), 200)
        .await;
    assert!(list.contains("6 câu trả lời đang lưu nháp"));
    assert!(
        list.contains("Dùng cho 6 ý kiến"),
        "the boilerplate warning"
    );
    for (_, id) in &ids {
        let page = app
            .browser()
            .get_text(&format!("/comments/{id}"), 200)
            .await;
        assert!(
            !page.contains("đã được quy định tại Luật Đất đai"),
            "not yet published"
        );
    }
    let published = minh
        .post_form(
            &format!("/workspace/drafts/{slug}/answers"),
            &[("action", "publish-all")],
        )
        .await;
    assert_eq!(published.status().as_u16(), 303);
    for (_, id) in &ids {
        let page = app
            .browser()
            .get_text(&format!("/comments/{id}"), 200)
            .await;
        assert!(page.contains("đã được quy định tại Luật Đất đai"));
        assert!(page.contains("trả lời chung cho nhóm ý kiến"));
    }
    let draft = app
        .browser()
        .get_text(&format!("/drafts/{slug}"), 200)
        .await;
    assert!(draft.contains("Đã trả lời 6/"));
    assert!(draft.contains("100% câu trả lời dùng lại cùng một nội dung giải trình"));
}

#[tokio::test]
async fn only_the_drafting_agency_answers() {
    let app = TestApp::spawn().await;
    app.seed_demo();
    let slug = draft_slug(&app, "open");
    let (_, id) = comment_ids(&app, &slug, 1).remove(0);
    let list = format!("/workspace/drafts/{slug}/answers");
    let one = format!("{list}/{id}");
    let visitor = app.browser().get(&list).await;
    assert_eq!(
        visitor.status().as_u16(),
        303,
        "visitors are sent to sign in"
    );
    let citizen = app.signed_in("lan@example.vn", Role::Citizen, None).await;
    let ha = app
        .signed_in("ha@stc.gov.vn", Role::Drafter, Some("STC"))
        .await;
    let appraiser = app
        .signed_in("bao@stp.gov.vn", Role::Appraiser, Some("STP"))
        .await;
    for browser in [&citizen, &ha, &appraiser] {
        assert_eq!(browser.get(&list).await.status().as_u16(), 403);
        assert_eq!(browser.get(&one).await.status().as_u16(), 403);
        let post = answer(
            browser,
            &slug,
            &id,
            &[("decision", "accepted"), ("action", "publish")],
        )
        .await;
        assert_eq!(post.status().as_u16(), 403);
    }
    let page = app
        .browser()
        .get_text(&format!("/comments/{id}"), 200)
        .await;
    assert!(!page.contains("Trả lời của cơ quan soạn thảo"));
}
