//! The closed demo draft's consultation, answered: a dozen comments from
//! schools, clinics, districts and citizens, each with a published answer
//! (the accepted ones pointing at version 2), so the demo shows the whole
//! record an agency leaves behind.

use crate::db::DbConnection;
use crate::domain::comment::{Category, CommentBody};
use crate::domain::response::Answer;
use crate::models::{NewComment, NewResponse, Response, User, Version};

/// One demo comment and its answer: the article (number) or annex it is on,
/// who sent it, the text, the decision and the explanation.
struct Demo {
    article: Option<&'static str>,
    category: Category,
    organisation: Option<&'static str>,
    body: &'static str,
    decision: &'static str,
    explanation: &'static str,
}

const COMMENTS: &[Demo] = &[
    Demo {
        article: Some("2"),
        category: Category::StateAgency,
        organisation: Some("UBND thị xã An Nhơn"),
        body: "Đề nghị quy định rõ thời hạn các chủ đầu tư báo cáo tiến độ giải ngân, để tránh tình trạng vốn được giao nhưng chậm triển khai.",
        decision: "accepted",
        explanation: "",
    },
    Demo {
        article: Some("2"),
        category: Category::Individual,
        organisation: None,
        body: "Cần công khai tiến độ từng công trình trường học trên cổng thông tin của tỉnh để phụ huynh theo dõi.",
        decision: "partly_accepted",
        explanation: "Tiếp thu việc báo cáo định kỳ kết quả giải ngân (Điều 2 dự thảo lần 2); việc công khai tiến độ từng công trình thực hiện theo quy chế công khai đầu tư công hiện hành, không quy định trong quyết định phân bổ vốn.",
    },
    Demo {
        article: Some("1"),
        category: Category::StateAgency,
        organisation: Some("Trung tâm Y tế huyện Tuy Phước"),
        body: "Đề nghị tăng vốn cho hạng mục sửa chữa trạm y tế xã Phước Hòa vì nhà trạm xuống cấp nghiêm trọng sau bão.",
        decision: "not_accepted",
        explanation: "Tổng mức vốn năm 2023 của Đề án đã được HĐND tỉnh quyết định là 50.000 triệu đồng; trạm y tế xã Phước Hòa đã có trong danh mục năm 2024 tại Quyết định số 3101/QĐ-UBND. Sở Y tế sẽ xem xét bố trí vốn sự nghiệp để sửa chữa khẩn cấp.",
    },
    Demo {
        article: Some("1"),
        category: Category::Association,
        organisation: Some("Hội Khuyến học tỉnh"),
        body: "Danh mục nên ưu tiên các trường mầm non vùng đồng bào dân tộc thiểu số, nơi tỷ lệ phòng học tạm còn cao.",
        decision: "noted",
        explanation: "Ghi nhận; tiêu chí ưu tiên vùng khó khăn đã được áp dụng khi lập danh mục của Đề án giai đoạn 2022–2025 và sẽ tiếp tục áp dụng khi lập kế hoạch năm 2024.",
    },
    Demo {
        article: Some("3"),
        category: Category::Expert,
        organisation: None,
        body: "Điều 3 nên bổ sung Kho bạc Nhà nước tỉnh vào danh sách cơ quan thi hành vì liên quan trực tiếp đến kiểm soát chi.",
        decision: "not_accepted",
        explanation: "Kho bạc Nhà nước tỉnh là cơ quan trung ương đóng trên địa bàn, thực hiện kiểm soát chi theo Luật Ngân sách nhà nước; Quyết định đã gửi Kho bạc Nhà nước tỉnh để phối hợp (mục Nơi nhận) nên không cần nêu tại Điều 3.",
    },
    Demo {
        article: None,
        category: Category::Business,
        organisation: Some("Công ty CP Xây dựng Phú Tài"),
        body: "Đề nghị công bố sớm kế hoạch lựa chọn nhà thầu của các công trình để doanh nghiệp địa phương chuẩn bị hồ sơ dự thầu.",
        decision: "noted",
        explanation: "Ghi nhận; kế hoạch lựa chọn nhà thầu do từng chủ đầu tư phê duyệt và đăng tải trên Hệ thống mạng đấu thầu quốc gia theo Luật Đấu thầu.",
    },
    Demo {
        article: Some("2"),
        category: Category::Individual,
        organisation: None,
        body: "Nên giao cho UBND cấp huyện giám sát chất lượng thi công các trường học trên địa bàn.",
        decision: "partly_accepted",
        explanation: "Tiếp thu trách nhiệm báo cáo về Sở Tài chính (Điều 2 dự thảo lần 2); việc giám sát chất lượng thi công do chủ đầu tư và cơ quan chuyên môn về xây dựng thực hiện theo Nghị định số 06/2021/NĐ-CP.",
    },
    Demo {
        article: Some("1"),
        category: Category::StateAgency,
        organisation: Some("Phòng Giáo dục và Đào tạo huyện Hoài Nhơn"),
        body: "Số liệu vốn của Trường THCS Hoài Thanh tại Phụ lục 01 chưa khớp với đề xuất của huyện (2.000 triệu đồng thay vì 1.500 triệu đồng).",
        decision: "not_accepted",
        explanation: "Mức 1.500 triệu đồng là mức đã được thẩm định nguồn vốn; phần chênh lệch 500 triệu đồng được bố trí từ ngân sách huyện theo cam kết đối ứng tại hồ sơ đề xuất dự án.",
    },
];

/// Adds the comments on version 1 of the draft and their published answers
/// (by the drafter `responder`); returns how many comments.
pub fn seed(conn: &mut DbConnection, draft_id: i64, responder: &str) -> anyhow::Result<usize> {
    let v1 = Version::by_number(conn, draft_id, 1)?;
    let v2 = Version::by_number(conn, draft_id, 2)?;
    let outline1 = Version::provisions(conn, v1.id)?;
    let outline2 = Version::provisions(conn, v2.id)?;
    let article = |outline: &[crate::models::ProvisionRow], n: &str| {
        outline
            .iter()
            .find(|p| p.kind == "article" && p.number == n)
            .map(|p| (p.anchor.clone(), p.position))
    };
    let email = crate::domain::Email::parse(responder).map_err(|e| anyhow::anyhow!("{e:?}"))?;
    let drafter = User::find_by_email(conn, &email)?
        .ok_or_else(|| anyhow::anyhow!("no demo drafter {responder}"))?;
    for (i, demo) in COMMENTS.iter().enumerate() {
        let body = CommentBody::parse(demo.body).map_err(|e| anyhow::anyhow!("{e:?}"))?;
        let target = demo.article.and_then(|n| article(&outline1, n));
        let comment = NewComment {
            public_id: uuid::Uuid::new_v4().to_string(),
            draft_id,
            version_number: 1,
            position: target.as_ref().map(|(_, p)| *p).unwrap_or(0),
            anchor: target.map(|(a, _)| a),
            question_position: None,
            category: demo.category.as_str(),
            organisation_name: demo.organisation.map(str::to_string),
            organisation_reg_no: None,
            on_behalf_of: String::new(),
            body_sha256: body.sha256(),
            body: body.as_str().to_string(),
            late: false,
            show_name: false,
            user_id: None,
            contact: Some((
                format!("Người góp ý {}", i + 1),
                format!("gop.y.von.{i}@demo.gopy.vn"),
            )),
            attachments: Vec::new(),
        }
        .insert(conn, None, None)?;
        let answer = Answer::parse(demo.decision, demo.explanation)
            .map_err(|e| anyhow::anyhow!("demo answer: {e:?}"))?;
        // Accepted changes are carried by Article 2 of version 2.
        let anchors = match (demo.decision, demo.article) {
            ("accepted" | "partly_accepted", Some(n)) => {
                article(&outline2, n).map(|(a, _)| a).into_iter().collect()
            }
            _ => Vec::new(),
        };
        NewResponse {
            draft_id,
            answer,
            anchors,
            version_number: Some(2),
            responder_id: drafter.id,
        }
        .save(conn, &[comment.id])?;
    }
    Response::publish(conn, draft_id, None, |_| None)?;
    close_the_record(conn, draft_id, drafter.id)?;
    Ok(COMMENTS.len())
}

/// Publishes the synthesis, sends the draft to appraisal, records the
/// justice department's appraisal of version 2 with two points, and answers
/// both: the demo shows the whole exchange.
fn close_the_record(conn: &mut DbConnection, draft_id: i64, drafter: i64) -> anyhow::Result<()> {
    use crate::domain::appraisal::{Conclusion, Findings, Point};
    use crate::models::appraisal::{AppraisalAnswer, Exchange, NewAppraisal};
    use crate::models::synthesis::{Actor, Synthesis};
    let draft = crate::models::Draft::by_id(conn, draft_id)?;
    let actor = Actor {
        agency_id: draft.agency_id,
        user_id: drafter,
    };
    Synthesis::publish(conn, draft_id, actor)?
        .map_err(|missing| anyhow::anyhow!("demo synthesis refused: {missing:?}"))?;
    Synthesis::request_appraisal(conn, draft_id, actor)?
        .map_err(|missing| anyhow::anyhow!("demo appraisal request refused: {missing:?}"))?;
    let email = crate::domain::Email::parse("thamdinh@demo.gopy.vn")
        .map_err(|e| anyhow::anyhow!("{e:?}"))?;
    let appraiser =
        User::find_by_email(conn, &email)?.ok_or_else(|| anyhow::anyhow!("no demo appraiser"))?;
    let v2 = Version::by_number(conn, draft_id, 2)?;
    let article_2 = Version::provisions(conn, v2.id)?
        .into_iter()
        .find(|p| p.kind == "article" && p.number == "2")
        .map(|p| p.anchor);
    let points = vec![
        Point {
            body: "Đề nghị nêu rõ căn cứ Nghị quyết của HĐND tỉnh về kế hoạch đầu tư công năm 2023 tại phần căn cứ ban hành.".into(),
            anchor: None,
        },
        Point {
            body: "Điều 2 cần quy định thời hạn báo cáo kết quả giải ngân cụ thể (ví dụ trước ngày 10 của tháng đầu quý sau).".into(),
            anchor: article_2,
        },
    ];
    let recorded = NewAppraisal {
        draft_id,
        version_number: 2,
        findings: Findings {
            conclusion: Conclusion::Eligible,
            summary: "Dự thảo phù hợp với Luật Đầu tư công và Nghị định số 40/2020/NĐ-CP; đủ điều kiện trình sau khi tiếp thu các ý kiến dưới đây.".into(),
            points,
        },
        report: None,
        appraiser_id: appraiser.id,
        agency_id: appraiser.agency_id.unwrap_or(draft.agency_id),
    }
    .record(conn)?
    .ok_or_else(|| anyhow::anyhow!("the demo draft was not in appraisal"))?;
    let exchange = Exchange::of_draft(conn, draft_id)?
        .into_iter()
        .find(|e| e.appraisal.id == recorded.id)
        .ok_or_else(|| anyhow::anyhow!("the demo appraisal was not stored"))?;
    let answers = [
        ("accepted", ""),
        (
            "partly_accepted",
            "Tiếp thu việc báo cáo hằng quý về Sở Tài chính (Điều 2 dự thảo lần 2); thời hạn cụ thể theo Thông tư số 15/2021/TT-BTC nên không nhắc lại.",
        ),
    ];
    for (history, (decision, explanation)) in exchange.points.iter().zip(answers) {
        let answer = Answer::parse(decision, explanation).map_err(|e| anyhow::anyhow!("{e:?}"))?;
        AppraisalAnswer::add(
            conn,
            draft_id,
            history.point.id,
            &answer,
            drafter,
            draft.agency_id,
        )?;
    }
    Ok(())
}
