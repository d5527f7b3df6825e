//! Campaign clustering: near-identical comments are grouped as they are
//! published, counted apart from individual comments, shown on their own
//! page, answered once, and rebuilt by `gopy admin recluster`.

use diesel::prelude::*;
use gopy::domain::Role;
use gopy::domain::campaign::PairScore;
use gopy::domain::comment::CommentBody;
use gopy::models::{Comment, NewComment, Version};

use crate::helpers::{Browser, TestApp};

/// The labelled set: campaign variants and genuine comments, in arrival order.
#[derive(serde::Deserialize)]
struct Labelled {
    label: Option<String>,
    body: String,
}

fn labelled_set() -> Vec<Labelled> {
    serde_json::from_str(include_str!("../../fixtures/campaign/comments.json")).unwrap()
}

/// The demo draft of `agency` (its id and slug).
fn draft_of(app: &TestApp, agency: &str) -> (i64, String) {
    let agency = agency.to_string();
    app.db(move |c| {
        use gopy::db::schema::{agencies, drafts};
        Ok(drafts::table
            .inner_join(agencies::table)
            .filter(agencies::short_name.eq(&agency))
            .select((drafts::id, drafts::slug))
            .first(c)?)
    })
}

/// Stores a comment through the model code the comment form and the API
/// use: published at once, or pending until confirmed when `token` is given.
fn insert(
    c: &mut gopy::db::DbConnection,
    draft_id: i64,
    body: &str,
    token: Option<&str>,
) -> anyhow::Result<Comment> {
    let body = CommentBody::parse(body).unwrap();
    let version = Version::latest_published(c, draft_id)?.unwrap();
    Ok(NewComment {
        public_id: uuid::Uuid::new_v4().to_string(),
        draft_id,
        version_number: version.number,
        anchor: None,
        position: 0,
        question_position: None,
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
            "Người góp ý".into(),
            format!("{}@example.vn", uuid::Uuid::new_v4()),
        )),
        attachments: Vec::new(),
    }
    .insert(c, token, None)?)
}

/// The cluster of each comment, as stored.
fn clusters_of(app: &TestApp, ids: &[i64]) -> Vec<Option<i64>> {
    let ids = ids.to_vec();
    app.db(move |c| {
        use gopy::db::schema::comments;
        let rows: Vec<(i64, Option<i64>)> = comments::table
            .filter(comments::id.eq_any(&ids))
            .select((comments::id, comments::cluster_id))
            .load(c)?;
        let map: std::collections::HashMap<i64, Option<i64>> = rows.into_iter().collect();
        Ok(ids.iter().map(|id| map[id]).collect())
    })
}

/// Adds the labelled set to the (comment-free) STC demo draft in its order;
/// every fifth comment comes from someone without an account and is
/// confirmed three comments later, so it is published out of order.
fn add_labelled_set(app: &TestApp) -> (i64, String, Vec<Labelled>, Vec<i64>) {
    let (draft_id, slug) = draft_of(app, "STC");
    let set = labelled_set();
    let bodies: Vec<String> = set.iter().map(|c| c.body.clone()).collect();
    let ids = app.db(move |c| {
        let mut ids = Vec::new();
        let mut pending: Vec<(usize, String)> = Vec::new();
        for (i, body) in bodies.iter().enumerate() {
            let token = (i % 5 == 4).then(|| format!("token-{i}"));
            ids.push(insert(c, draft_id, body, token.as_deref())?.id);
            if let Some(token) = token {
                pending.push((i + 3, token));
            }
            let last = i + 1 == bodies.len();
            let (due, later): (Vec<_>, Vec<_>) =
                pending.into_iter().partition(|(at, _)| *at <= i || last);
            pending = later;
            for (_, token) in due {
                let confirmed = Comment::confirm(c, &token, |_, _| None)?;
                assert!(confirmed.is_some(), "the link works");
            }
        }
        Ok(ids)
    });
    (draft_id, slug, set, ids)
}

/// The number before `marker` in `html`.
fn number_before(html: &str, marker: &str) -> i64 {
    let end = html
        .find(marker)
        .unwrap_or_else(|| panic!("{marker:?} is shown"));
    let start = html[..end]
        .rfind(|c: char| !c.is_ascii_digit())
        .map(|i| i + 1)
        .unwrap_or(0);
    html[start..end].parse().unwrap()
}

#[tokio::test]
async fn campaign_variants_are_clustered_with_high_precision_and_recall() {
    let app = TestApp::spawn().await;
    app.seed_demo();
    let (_, slug, set, ids) = add_labelled_set(&app);
    let clusters = clusters_of(&app, &ids);
    let items: Vec<(Option<&str>, Option<i64>)> = set
        .iter()
        .zip(&clusters)
        .map(|(c, k)| (c.label.as_deref(), *k))
        .collect();
    let score = PairScore::of(&items);
    println!(
        "campaign clustering on {} comments ({:?}): pairwise precision {:.3}, recall {:.3} ({} true pairs, {} predicted, {} correct)",
        set.len(),
        app.backend(),
        score.precision(),
        score.recall(),
        score.true_pairs,
        score.predicted_pairs,
        score.correct_pairs
    );
    assert!(score.precision() >= 0.95, "{score:?}");
    assert!(score.recall() >= 0.9, "{score:?}");

    // What a visitor reads adds up: unique + campaign comments = the total.
    let html = app
        .browser()
        .get_text(&format!("/drafts/{slug}/comments"), 200)
        .await;
    let total = number_before(&html, " ý kiến được tính");
    let unique = number_before(&html, " riêng lẻ");
    let in_campaigns = number_before(&html, " trong ");
    let campaigns = number_before(&html, " chiến dịch)");
    assert_eq!(total, set.len() as i64);
    assert_eq!(unique + in_campaigns, total);
    let labels: std::collections::HashSet<&str> =
        set.iter().filter_map(|c| c.label.as_deref()).collect();
    assert_eq!(campaigns, labels.len() as i64, "one campaign per label");
    assert!(
        html.contains("Chiến dịch góp ý"),
        "the campaigns are listed"
    );
    let draft = app
        .browser()
        .get_text(&format!("/drafts/{slug}"), 200)
        .await;
    assert!(draft.contains(&format!(
        "{unique} riêng lẻ, {in_campaigns} trong {campaigns} chiến dịch"
    )));
}

#[tokio::test]
async fn short_comments_are_never_grouped() {
    let app = TestApp::spawn().await;
    app.seed_demo();
    let (draft_id, slug) = draft_of(&app, "STC");
    let ids: Vec<i64> = (0..4)
        .map(|_| {
            app.db(|c| insert(c, draft_id, "Tôi đồng ý với dự thảo này.", None))
                .id
        })
        .collect();
    assert_eq!(clusters_of(&app, &ids), vec![None; 4]);
    let html = app
        .browser()
        .get_text(&format!("/drafts/{slug}/comments"), 200)
        .await;
    assert!(
        html.contains("4 ý kiến được tính (4 riêng lẻ, 0 trong 0 chiến dịch)"),
        "{html}"
    );
    assert!(!html.contains("Chiến dịch góp ý"));
}

/// Five variants of one letter, sent by five signed-in citizens through the form.
async fn five_letters(app: &TestApp, slug: &str) -> Vec<String> {
    // Not one of the demo's campaigns: these five make their own.
    let letters = [
        "Kính gửi cơ quan soạn thảo. Chúng tôi kiến nghị bỏ điều kiện phải có đăng ký thường trú tại địa phương nơi có đất mới được xét miễn, giảm tiền sử dụng đất. Luật Cư trú đã bỏ sổ hộ khẩu giấy, việc xác nhận cư trú có thể tra cứu trên cơ sở dữ liệu dân cư. Nhiều người có công đang ở cùng con cháu tại nơi khác nhưng vẫn có đất hợp pháp tại quê.",
        "Tôi đề nghị bỏ điều kiện phải có đăng ký thường trú tại địa phương nơi có đất mới được xét miễn, giảm tiền sử dụng đất. Luật Cư trú đã bỏ sổ hộ khẩu giấy, việc xác nhận cư trú có thể tra cứu trên cơ sở dữ liệu dân cư. Nhiều người có công đang ở cùng con cái tại nơi khác nhưng vẫn có đất hợp pháp tại quê. Trân trọng.",
        "Nhiều người có công đang ở cùng con cháu tại nơi khác nhưng vẫn có đất hợp pháp ở quê. Chúng tôi kiến nghị bỏ điều kiện phải có đăng ký thường trú tại địa phương nơi có đất mới được xét miễn, giảm tiền sử dụng đất. Luật Cư trú đã bỏ sổ hộ khẩu giấy, việc xác nhận cư trú có thể tra cứu trên cơ sở dữ liệu dân cư.",
        "CHUNG TOI KIEN NGHI BO DIEU KIEN PHAI CO DANG KY THUONG TRU TAI DIA PHUONG NOI CO DAT MOI DUOC XET MIEN, GIAM TIEN SU DUNG DAT. LUAT CU TRU DA BO SO HO KHAU GIAY, VIEC XAC NHAN CU TRU CO THE TRA CUU TREN CO SO DU LIEU DAN CU. NHIEU NGUOI CO CONG DANG O CUNG CON CHAU TAI NOI KHAC NHUNG VAN CO DAT HOP PHAP TAI QUE.",
        "Thưa quý cơ quan. Chúng tôi đề xuất bỏ điều kiện phải có đăng ký thường trú tại địa phương nơi có đất mới được xét miễn, giảm tiền sử dụng đất. Luật Cư trú đã bỏ sổ hộ khẩu giấy, việc xác nhận cư trú có thể tra cứu trên cơ sở dữ liệu dân cư. Nhiều người có công đang ở cùng con cháu tại nơi khác nhưng vẫn có đất hợp pháp tại quê nhà. Xin cảm ơn.",
    ];
    let mut ids = Vec::new();
    for (i, letter) in letters.iter().enumerate() {
        ids.push(
            send(app, &format!("dan{i}@example.vn"), slug, letter)
                .await
                .1,
        );
    }
    ids
}

/// A comment on the whole draft by a signed-in citizen, through the form.
async fn send(app: &TestApp, email: &str, slug: &str, text: &str) -> (Browser, String) {
    let citizen = app.signed_in(email, Role::Citizen, None).await;
    let response = citizen
        .post_form(
            &format!("/drafts/{slug}/comments"),
            &[
                ("consent_processing", "1"),
                ("category", "individual"),
                ("body", text),
            ],
        )
        .await;
    assert_eq!(response.status().as_u16(), 303);
    let location = crate::helpers::location(&response);
    let id = location
        .trim_start_matches("/comments/")
        .split(['?', '#'])
        .next()
        .unwrap()
        .to_string();
    (citizen, id)
}

/// The list entry of comment `id` in a comment list page.
fn entry<'a>(html: &'a str, id: &str) -> &'a str {
    let start = html
        .find(&format!("id=\"c-{id}\""))
        .expect("the comment is listed");
    &html[start..start + html[start..].find("</li>").unwrap()]
}

/// The cluster page the badge of comment `id` links to in a comment list.
fn cluster_link(html: &str, id: &str) -> String {
    let item = html
        .find(&format!("id=\"c-{id}\""))
        .expect("the comment is listed");
    let marker = "class=\"tag tag-campaign\" href=\"";
    let start = item + html[item..].find(marker).expect("a badge") + marker.len();
    html[start..start + html[start..].find('"').unwrap()].to_string()
}

#[tokio::test]
async fn a_drafter_answers_a_five_member_campaign_once() {
    let app = TestApp::spawn().await;
    app.seed_demo();
    let (_, slug) = draft_of(&app, "SNNMT");
    let letters = five_letters(&app, &slug).await;

    // Visitors see the campaign: a badge on each letter, a page listing all five.
    let list = app
        .browser()
        .get_text(&format!("/drafts/{slug}/comments"), 200)
        .await;
    assert!(
        list.contains("Chiến dịch · 5 ý kiến cùng nội dung"),
        "{list}"
    );
    let href = cluster_link(&list, &letters[0]);
    let page = app.browser().get_text(&href, 200).await;
    for id in &letters {
        assert!(
            page.contains(&format!("id=\"c-{id}\"")),
            "member {id} listed"
        );
    }
    assert!(page.contains("Ý kiến đại diện (gửi sớm nhất)"));
    let cluster: i64 = href.rsplit('/').next().unwrap().parse().unwrap();

    // The drafter filters the workspace by the campaign and answers it once.
    let minh: Browser = app
        .signed_in("minh@snnmt.gov.vn", Role::Drafter, Some("SNNMT"))
        .await;
    let workspace = minh
        .get_text(
            &format!("/workspace/drafts/{slug}/answers?cluster={cluster}"),
            200,
        )
        .await;
    assert_eq!(
        workspace.matches("<li class=\"comment\"").count(),
        5,
        "only the campaign's comments"
    );
    assert!(workspace.contains("Lưu và công bố cho 5 ý kiến"));
    let explanation = "Tiếp thu việc tra cứu cư trú trên cơ sở dữ liệu dân cư thay cho giấy tờ; giữ điều kiện đất ở hợp pháp tại địa phương theo Luật Đất đai.";
    let response = minh
        .post_form(
            &format!("/workspace/drafts/{slug}/clusters/{cluster}/answer"),
            &[
                ("decision", "partly_accepted"),
                ("explanation", explanation),
                ("action", "publish"),
            ],
        )
        .await;
    assert_eq!(response.status().as_u16(), 303);

    // Every member's page shows the one answer.
    for id in &letters {
        let page = app
            .browser()
            .get_text(&format!("/comments/{id}"), 200)
            .await;
        assert!(page.contains(explanation), "the answer shows on {id}");
        assert!(page.contains("Tiếp thu một phần"));
    }
    let groups: Vec<Option<String>> = app.db(move |c| {
        use gopy::db::schema::{comments, responses};
        Ok(responses::table
            .inner_join(comments::table)
            .filter(comments::cluster_id.eq(cluster))
            .select(responses::group_id)
            .load(c)?)
    });
    assert_eq!(groups.len(), 5);
    assert!(groups[0].is_some() && groups.iter().all(|g| g == &groups[0]));

    // Nothing is left to answer in the campaign.
    let workspace = minh
        .get_text(
            &format!("/workspace/drafts/{slug}/answers?cluster={cluster}"),
            200,
        )
        .await;
    assert!(!workspace.contains("Lưu và công bố cho"));
    let again = minh
        .post_form(
            &format!("/workspace/drafts/{slug}/clusters/{cluster}/answer"),
            &[("decision", "accepted"), ("action", "publish")],
        )
        .await;
    assert_eq!(again.status().as_u16(), 422);
}

#[tokio::test]
async fn the_demo_draft_shows_two_campaigns() {
    let app = TestApp::spawn().await;
    app.seed_demo();
    let (_, slug) = draft_of(&app, "SNNMT");
    let draft = app
        .browser()
        .get_text(&format!("/drafts/{slug}"), 200)
        .await;
    assert!(
        draft.contains("300 ý kiến được tính</a> (278 riêng lẻ, 22 trong 2 chiến dịch)"),
        "{draft}"
    );
    let list = app
        .browser()
        .get_text(&format!("/drafts/{slug}/comments"), 200)
        .await;
    assert!(list.contains("Chiến dịch · 14 ý kiến cùng nội dung"));
    assert!(list.contains("Chiến dịch · 8 ý kiến cùng nội dung"));
}

#[tokio::test]
async fn recluster_rebuilds_the_same_clusters() {
    let app = TestApp::spawn().await;
    app.seed_demo();
    let (draft_id, slug, _, ids) = add_labelled_set(&app);
    let before = clusters_of(&app, &ids);
    assert!(before.iter().any(Option::is_some));

    // Lose every band, signature and cluster of the draft, then rebuild.
    app.db(move |c| {
        use gopy::db::schema::{comment_clusters, comment_lsh_bands, comment_signatures, comments};
        diesel::update(comments::table.filter(comments::draft_id.eq(draft_id)))
            .set(comments::cluster_id.eq(None::<i64>))
            .execute(c)?;
        diesel::delete(comment_lsh_bands::table).execute(c)?;
        diesel::delete(comment_signatures::table).execute(c)?;
        diesel::delete(comment_clusters::table.filter(comment_clusters::draft_id.eq(draft_id)))
            .execute(c)?;
        Ok(())
    });
    assert!(clusters_of(&app, &ids).iter().all(Option::is_none));
    let mut seen = Vec::new();
    let report = app.db(|c| gopy::admin::recluster(c, Some(&slug), |_| {}, |n| seen.push(n)));
    assert_eq!(report.comments, ids.len() as u64);
    assert_eq!(
        seen.last(),
        Some(&(ids.len() as u64)),
        "progress reaches the end"
    );
    let rebuilt = clusters_of(&app, &ids);
    assert_eq!(rebuilt, before, "the same clusters, ids included");

    // Again: nothing changes.
    app.db(|c| gopy::admin::recluster(c, Some(&slug), |_| {}, |_| {}));
    assert_eq!(clusters_of(&app, &ids), before);
    let missing =
        app.db(|c| Ok(gopy::admin::recluster(c, Some("no-such-draft"), |_| {}, |_| {}).is_err()));
    assert!(missing);
}

#[tokio::test]
async fn an_edited_comment_leaves_its_campaign() {
    let app = TestApp::spawn().await;
    app.seed_demo();
    let (_, slug) = draft_of(&app, "SNNMT");
    let letter = "Đề nghị bổ sung vào Điều 2 trường hợp thân nhân liệt sỹ có hộ khẩu ở tỉnh khác nhưng được giao đất ở tại Gia Lai cũng được miễn, giảm tiền sử dụng đất. Sở Lao động - Thương binh và Xã hội nên chủ động phối hợp với tỉnh nơi quản lý hồ sơ gốc để xác nhận.";
    let (_, first) = send(&app, "an@example.vn", &slug, letter).await;
    let (binh, second) = send(
        &app,
        "binh@example.vn",
        &slug,
        &format!("Kính gửi cơ quan soạn thảo. {letter}"),
    )
    .await;
    let list = app
        .browser()
        .get_text(&format!("/drafts/{slug}/comments"), 200)
        .await;
    assert!(entry(&list, &second).contains("Chiến dịch · 2 ý kiến cùng nội dung"));
    let href = cluster_link(&list, &first);

    let response = binh
        .post_form(
            &format!("/comments/{second}/edit"),
            &[("body", "Tôi đã đọc lại dự thảo và xin sửa ý kiến: nên quy định rõ thời hạn Chi cục Thuế ra thông báo miễn, giảm sau khi nhận hồ sơ từ Văn phòng đăng ký đất đai.")],
        )
        .await;
    assert_eq!(response.status().as_u16(), 303);
    let list = app
        .browser()
        .get_text(&format!("/drafts/{slug}/comments"), 200)
        .await;
    assert!(!entry(&list, &second).contains("tag-campaign"));
    assert!(!entry(&list, &first).contains("tag-campaign"));
    let page = app.browser().get_text(&href, 200).await;
    assert!(page.contains("không còn là chiến dịch"), "{page}");
}
