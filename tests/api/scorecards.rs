//! Agency scorecards, the `/stats` page and the justice department's
//! periodic report: their figures add up to the raw counts in the database.

use std::io::Read;

use chrono::{Duration, NaiveDateTime, Utc};
use diesel::prelude::*;
use gopy::db::schema::{agencies, comments, drafts, responses};
use gopy::domain::period::Period;
use gopy::models::Scope;
use gopy::models::scorecard::Scorecard;

use crate::helpers::TestApp;

/// The demo draft of `short_name`'s agency: (id, slug, title).
fn draft_of(app: &TestApp, short_name: &'static str) -> (i64, String, String) {
    app.db(move |c| {
        Ok(drafts::table
            .inner_join(agencies::table)
            .filter(agencies::short_name.eq(short_name))
            .filter(drafts::status.ne("open"))
            .select((drafts::id, drafts::slug, drafts::title))
            .first(c)?)
    })
}

/// Moves a draft's close `days` back from now, as if time had passed.
fn close_days_ago(app: &TestApp, draft_id: i64, days: i64) -> NaiveDateTime {
    let closed = (Utc::now() - Duration::days(days)).naive_utc();
    app.db(move |c| {
        diesel::update(drafts::table.find(draft_id))
            .set((
                drafts::closes_at.eq(closed),
                drafts::closes_on.eq(closed.date()),
            ))
            .execute(c)?;
        Ok(())
    });
    closed
}

/// The raw counts of an agency's drafts past consultation:
/// (counted comments, published comments, published comments with an answer).
fn raw_counts(app: &TestApp, agency: &'static str) -> (i64, i64, i64) {
    app.db(move |c| {
        let past: Vec<i64> = drafts::table
            .inner_join(agencies::table)
            .filter(agencies::short_name.eq(agency))
            .filter(drafts::status.ne_all(["preparing", "open", "withdrawn"]))
            .select(drafts::id)
            .load(c)?;
        let counted = comments::table
            .filter(comments::draft_id.eq_any(&past))
            .filter(comments::status.eq_any(["published", "hidden"]))
            .count()
            .get_result(c)?;
        let published = comments::table
            .filter(comments::draft_id.eq_any(&past))
            .filter(comments::status.eq("published"))
            .count()
            .get_result(c)?;
        let answered: i64 = comments::table
            .filter(comments::draft_id.eq_any(&past))
            .filter(comments::status.eq("published"))
            .filter(diesel::dsl::exists(
                responses::table
                    .filter(responses::comment_id.eq(comments::id))
                    .filter(responses::published_at.is_not_null()),
            ))
            .count()
            .get_result(c)?;
        Ok((counted, published, answered))
    })
}

#[tokio::test]
async fn scorecards_add_up_to_the_raw_counts_and_flag_overdue_answers() {
    let app = TestApp::spawn().await;
    app.seed_demo();
    // The demo's open draft, its 300 comments unanswered, as if its window
    // had closed forty days ago: its answers are overdue.
    let (nnmt_draft, nnmt_slug, nnmt_title): (i64, String, String) = app.db(|c| {
        Ok(drafts::table
            .filter(drafts::status.eq("open"))
            .select((drafts::id, drafts::slug, drafts::title))
            .first(c)?)
    });
    app.db(move |c| {
        diesel::update(drafts::table.find(nnmt_draft))
            .set(drafts::status.eq("closed"))
            .execute(c)?;
        Ok(())
    });
    close_days_ago(&app, nnmt_draft, 40);

    let now = Utc::now().naive_utc();
    let cards = app.db(move |c| Ok(Scorecard::per_agency(c, &Scope::default(), now)?));
    for (short, name) in [
        ("SNNMT", "Sở Nông nghiệp và Môi trường tỉnh Gia Lai"),
        ("STC", "Sở Tài chính tỉnh Gia Lai"),
        ("SXD", "Sở Xây dựng tỉnh Gia Lai"),
    ] {
        let card = cards.iter().find(|c| c.agency_name == name).unwrap();
        let (counted, published, answered) = raw_counts(&app, short);
        assert_eq!(
            (card.comments, card.to_answer, card.answered),
            (counted, published, answered),
            "{name}"
        );
    }
    let total = Scorecard::total(&cards);
    assert_eq!(
        total.comments,
        cards.iter().map(|c| c.comments).sum::<i64>()
    );

    let nnmt = cards
        .iter()
        .find(|c| c.agency_name == "Sở Nông nghiệp và Môi trường tỉnh Gia Lai")
        .unwrap();
    assert!(
        nnmt.to_answer > nnmt.answered,
        "the demo leaves these unanswered"
    );
    assert_eq!(nnmt.overdue.len(), 1);
    assert_eq!(nnmt.overdue[0].slug, nnmt_slug);
    assert_eq!(nnmt.overdue[0].days_since_close, 40);
    assert_eq!(nnmt.overdue[0].unanswered, nnmt.to_answer - nnmt.answered);

    // What a reader sees on the agency page, reached by its short name.
    let page = app.browser().get_text("/agencies/snnmt", 200).await;
    assert!(page.contains("Bảng đánh giá việc lấy ý kiến"), "{page}");
    assert!(page.contains(&nnmt_title));
    assert!(page.contains(&format!(
        "{} ý kiến chưa trả lời, 40 ngày sau khi hết hạn góp ý",
        nnmt.to_answer - nnmt.answered
    )));
    let sxd = app.browser().get_text("/agencies/sxd", 200).await;
    let (_, sxd_published, _) = raw_counts(&app, "SXD");
    assert!(sxd.contains(&format!("{sxd_published}/{sxd_published} (100%)")));
    assert!(sxd.contains("Không có dự thảo nào chậm trả lời ý kiến."));
    assert!(sxd.contains("1 đủ điều kiện") || sxd.contains("1 chưa đủ điều kiện"));
    // An agency that has consulted on nothing says so; an unknown one is a 404.
    let stp = app.browser().get_text("/agencies/stp", 200).await;
    assert!(stp.contains("Chưa có dự thảo nào hết hạn góp ý."));
    app.browser().get_text("/agencies/khong-co", 404).await;
}

#[tokio::test]
async fn time_to_answer_runs_from_the_close_to_the_last_first_answer() {
    let app = TestApp::spawn().await;
    app.seed_demo();
    let (draft_id, _, _) = draft_of(&app, "SXD");
    let closed = close_days_ago(&app, draft_id, 60);
    // Every answer two days after the close, the last one nine days after.
    let ids: Vec<i64> = app.db(move |c| {
        Ok(responses::table
            .filter(responses::draft_id.eq(draft_id))
            .order(responses::id)
            .select(responses::id)
            .load(c)?)
    });
    assert!(ids.len() >= 3);
    let (first, second) = (ids[0], ids[1]);
    app.db(move |c| {
        diesel::update(responses::table.filter(responses::draft_id.eq(draft_id)))
            .set(responses::published_at.eq(closed + Duration::days(2)))
            .execute(c)?;
        diesel::update(responses::table.find(second))
            .set(responses::published_at.eq(closed + Duration::days(9)))
            .execute(c)?;
        Ok(())
    });
    let agency_card = |app: &TestApp| {
        let now = Utc::now().naive_utc();
        app.db(move |c| {
            let agency = gopy::models::Agency::find_by_slug(c, "sxd")?;
            Ok(Scorecard::of_agency(c, &agency, now)?)
        })
    };
    let card = agency_card(&app);
    assert_eq!(card.drafts_fully_answered, 1);
    assert_eq!(card.median_days_to_answer, Some(9));

    // A correction published today does not make the agency 60 days slow.
    let comment_id: i64 = app.db(move |c| {
        Ok(responses::table
            .find(first)
            .select(responses::comment_id)
            .first(c)?)
    });
    let responder: i64 = app.db(move |c| {
        Ok(responses::table
            .find(first)
            .select(responses::responder_id)
            .first(c)?)
    });
    app.db(move |c| {
        gopy::models::NewResponse {
            draft_id,
            answer: gopy::domain::response::Answer::parse(
                "not_accepted",
                "Đính chính: nội dung này đã được quy định tại văn bản khác.",
            )
            .unwrap(),
            anchors: vec![],
            version_number: None,
            responder_id: responder,
        }
        .save(c, &[comment_id])?;
        gopy::models::Response::publish(c, draft_id, Some(&[comment_id]), |_| None)?;
        Ok(())
    });
    let superseded: i64 = app.db(move |c| {
        Ok(responses::table
            .filter(responses::comment_id.eq(comment_id))
            .filter(responses::superseded_at.is_not_null())
            .count()
            .get_result(c)?)
    });
    assert_eq!(superseded, 1, "the correction superseded the first answer");
    assert_eq!(agency_card(&app).median_days_to_answer, Some(9));
    let page = app.browser().get_text("/agencies/sxd", 200).await;
    assert!(page.contains("9 ngày"), "{page}");
}

#[tokio::test]
async fn the_periodic_report_covers_a_quarter_as_a_page_a_csv_and_a_docx() {
    let app = TestApp::spawn().await;
    app.seed_demo();
    let (draft_id, _, _) = draft_of(&app, "SXD");
    let closes_on = app.db(move |c| {
        Ok(drafts::table
            .find(draft_id)
            .select(drafts::closes_on.assume_not_null())
            .first::<chrono::NaiveDate>(c)?)
    });
    let period = Period::quarter_of(closes_on).to_string();
    let (counted, published, answered) = raw_counts(&app, "SXD");

    let page = app
        .browser()
        .get_text(&format!("/reports?period={period}"), 200)
        .await;
    assert!(page.contains("Báo cáo tình hình lấy ý kiến"));
    assert!(page.contains("Sở Xây dựng tỉnh Gia Lai"));
    assert!(page.contains(&format!("{answered}/{published}")));

    let csv = app
        .browser()
        .get(&format!("/reports.csv?period={period}"))
        .await;
    assert_eq!(csv.status(), 200);
    assert!(
        csv.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/csv")
    );
    let body = csv.text().await.unwrap();
    let mut reader = csv::Reader::from_reader(body.trim_start_matches('\u{feff}').as_bytes());
    let header = reader.headers().unwrap().clone();
    assert_eq!(&header[0], "Cơ quan");
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let sxd = rows
        .iter()
        .find(|r| &r[0] == "Sở Xây dựng tỉnh Gia Lai")
        .unwrap();
    assert_eq!(
        (&sxd[2], &sxd[3], &sxd[4]),
        (
            counted.to_string().as_str(),
            published.to_string().as_str(),
            answered.to_string().as_str()
        )
    );
    let total = rows.last().unwrap();
    assert_eq!(&total[0], "Tổng cộng");
    let sum: i64 = rows[..rows.len() - 1]
        .iter()
        .map(|r| r[2].parse::<i64>().unwrap())
        .sum();
    assert_eq!(total[2].parse::<i64>().unwrap(), sum);

    let docx = app
        .browser()
        .get(&format!("/reports.docx?period={period}"))
        .await;
    assert_eq!(docx.status(), 200);
    let bytes = docx.bytes().await.unwrap();
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes.to_vec())).unwrap();
    let mut xml = String::new();
    archive
        .by_name("word/document.xml")
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    assert!(xml.contains("Sở Xây dựng tỉnh Gia Lai") && xml.contains("Tổng cộng"));

    // The year holds the quarter; a period long before holds nothing.
    let year = &period[..4];
    let page = app
        .browser()
        .get_text(&format!("/reports?period={year}"), 200)
        .await;
    assert!(page.contains("Sở Xây dựng tỉnh Gia Lai"));
    let empty = app.browser().get_text("/reports?period=2001-Q1", 200).await;
    assert!(empty.contains("Không có dự thảo nào hết hạn góp ý trong kỳ này."));
    // A period nobody can read gets a message that says how to write one.
    let bad = app.browser().get_text("/reports?period=2026-Q7", 400).await;
    assert!(bad.contains("hãy ghi năm (ví dụ 2026) hoặc quý (ví dụ 2026-Q4)"));
    let bad = app
        .browser()
        .get_text("/reports.csv?period=abc&lang=en", 400)
        .await;
    assert!(bad.contains("write a year (e.g. 2026) or a quarter"));
}

#[tokio::test]
async fn the_statistics_page_draws_named_charts_with_their_tables() {
    let app = TestApp::spawn().await;
    app.seed_demo();
    let (counted_all, business): (i64, i64) = app.db(|c| {
        let counted = comments::table
            .filter(comments::status.eq_any(["published", "hidden"]))
            .count()
            .get_result(c)?;
        let business = comments::table
            .filter(comments::status.eq_any(["published", "hidden"]))
            .filter(comments::category.eq("business"))
            .count()
            .get_result(c)?;
        Ok((counted, business))
    });
    assert!(business > 0);
    let page = app.browser().get_text("/stats", 200).await;
    assert_eq!(page.matches("<svg").count(), 3, "three charts");
    assert_eq!(page.matches(r#"role="img""#).count(), 3);
    assert!(page.contains(r#"<title id="per-category-title">Ý kiến theo đối tượng góp ý</title>"#));
    assert!(page.contains(&format!("tổng cộng {counted_all} ý kiến")));
    assert!(page.contains(&format!(
        "<tr><th scope=\"row\">Doanh nghiệp</th><td>{business}</td></tr>"
    )));
    assert!(page.contains("<a href=\"/agencies/sxd\">Sở Xây dựng tỉnh Gia Lai</a>"));
    // No script is needed to read any of it.
    assert!(!page.contains("<script"));
    let english = app.browser().get_text("/stats?lang=en", 200).await;
    assert!(english.contains("Comments by author category"));
    assert!(english.contains(&format!("{counted_all} comments in all")));
}
