//! Demo dialogue: feedback on rules in force (one answered, one overdue), a
//! business's thread on the open draft, and a past dialogue session whose
//! minutes answer the question sent before it.

use chrono::{Duration, Utc};

use crate::db::DbConnection;
use crate::domain::Email;
use crate::domain::draft::local_date;
use crate::domain::thread::{AuthorKind, DEFAULT_ANSWER_DAYS, ThreadKind};
use crate::models::thread::Contact;
use crate::models::{Agency, DialogueSession, NewSession, NewThread, Thread, User};

fn user(conn: &mut DbConnection, email: &str) -> anyhow::Result<User> {
    let address = Email::parse(email).map_err(|_| anyhow::anyhow!("bad demo address"))?;
    User::find_by_email(conn, &address)?.ok_or_else(|| anyhow::anyhow!("no demo user {email}"))
}

fn agency(conn: &mut DbConnection, short: &str) -> anyhow::Result<Agency> {
    Agency::find_by_short_name(conn, short)?.ok_or_else(|| anyhow::anyhow!("no agency {short}"))
}

#[allow(clippy::too_many_arguments)]
fn thread(
    kind: ThreadKind,
    author: &User,
    author_kind: AuthorKind,
    agency_id: i64,
    title: &str,
    body: &str,
    regulation: &str,
    proposal: &str,
    field: &str,
) -> NewThread {
    NewThread {
        kind,
        draft_id: None,
        session_id: None,
        agency_id,
        title: title.into(),
        body: body.into(),
        regulation: regulation.into(),
        proposal: proposal.into(),
        provisions: String::new(),
        field: field.into(),
        tags: String::new(),
        author_id: author.id,
        author_kind,
        organisation_name: author.organisation_name.clone(),
        contact: (kind == ThreadKind::Feedback).then(|| Contact {
            full_name: author.display_name.clone(),
            address: "Phường Hội Thương, TP. Pleiku, Gia Lai".into(),
            phone: "0269 382 4567".into(),
        }),
        attachments: Vec::new(),
        received_on: local_date(Utc::now()),
        answer_days: DEFAULT_ANSWER_DAYS,
    }
}

/// Adds the demo threads and session; returns how many threads it added.
pub fn seed(conn: &mut DbConnection, open_draft: Option<i64>) -> anyhow::Result<usize> {
    if !Thread::list(conn, &Default::default(), None, 1)?.is_empty() {
        return Ok(0);
    }
    let none = |_: &crate::models::Recipient| None;
    let citizen = user(conn, "congdan@demo.gopy.vn")?;
    let business = user(conn, "doanhnghiep@demo.gopy.vn")?;
    let drafter = user(conn, "soanthao@demo.gopy.vn")?;
    let snnmt = agency(conn, "SNNMT")?;
    let stc = agency(conn, "STC")?;
    let now = Utc::now().naive_utc();

    // Answered feedback from a business, sent twelve days ago.
    let answered = thread(
        ThreadKind::Feedback,
        &business,
        AuthorKind::Organisation,
        snnmt.id,
        "Thủ tục gia hạn giấy phép khai thác nước dưới đất quá dài",
        "Khi gia hạn giấy phép khai thác nước dưới đất, doanh nghiệp phải nộp lại toàn bộ hồ sơ như cấp mới, kể cả báo cáo thăm dò đã nộp trước đây; thời gian giải quyết kéo dài hơn 45 ngày.",
        "Quyết định số 12/2024/QĐ-UBND tỉnh Gia Lai về quản lý tài nguyên nước",
        "Cho phép gia hạn chỉ với báo cáo tình hình khai thác và kết quả quan trắc; rút ngắn thời gian giải quyết xuống 20 ngày.",
        "Tài nguyên nước",
    )
    .insert(conn)?;
    Thread::backdate(
        conn,
        answered.id,
        now - Duration::days(12),
        DEFAULT_ANSWER_DAYS,
    )?;
    Thread::reply(
        conn,
        answered.id,
        drafter.id,
        None,
        "Sở Nông nghiệp và Môi trường ghi nhận kiến nghị. Theo Nghị định 54/2024/NĐ-CP, hồ sơ gia hạn chỉ gồm đơn, báo cáo tình hình khai thác và kết quả quan trắc; Sở sẽ đề xuất sửa Quyết định 12/2024/QĐ-UBND cho phù hợp trong quý tới và đã hướng dẫn bộ phận một cửa không yêu cầu nộp lại báo cáo thăm dò.",
        Some(snnmt.id),
        &none,
    )?;

    // Overdue feedback from a citizen, sent thirty days ago.
    let overdue = thread(
        ThreadKind::Feedback,
        &citizen,
        AuthorKind::Citizen,
        stc.id,
        "Lệ phí trước bạ xe điện chưa được giảm như công bố",
        "Tôi mua xe máy điện tháng trước nhưng vẫn phải nộp lệ phí trước bạ 2%, trong khi báo chí đưa tin tỉnh đã giảm lệ phí cho xe điện.",
        "Nghị quyết của HĐND tỉnh về lệ phí trước bạ",
        "Đề nghị công bố rõ văn bản áp dụng và hoàn lại phần chênh lệch nếu đã thu sai.",
        "Tài chính",
    )
    .insert(conn)?;
    Thread::backdate(
        conn,
        overdue.id,
        now - Duration::days(30),
        DEFAULT_ANSWER_DAYS,
    )?;

    let mut added = 2;
    if let Some(draft_id) = open_draft {
        let draft = crate::models::Draft::by_id(conn, draft_id)?;
        let mut on_draft = thread(
            ThreadKind::Draft,
            &business,
            AuthorKind::Organisation,
            draft.agency_id,
            "Đề nghị đối thoại về lộ trình áp dụng cho hợp tác xã",
            "Hiệp hội đề nghị cơ quan soạn thảo tổ chức đối thoại với các hợp tác xã trước khi trình, vì nhiều quy định mới cần thời gian chuẩn bị.",
            "",
            "",
            &draft.field,
        );
        on_draft.draft_id = Some(draft.id);
        on_draft.insert(conn)?;
        added += 1;
    }

    // A dialogue session held last week, with its minutes.
    let session = NewSession {
        agency_id: snnmt.id,
        title: "Hội nghị đối thoại với doanh nghiệp ngành nông nghiệp năm 2026".into(),
        starts_at: now - Duration::days(7),
        place: "Hội trường Sở Nông nghiệp và Môi trường, 05 Hùng Vương, Pleiku".into(),
        online_url: String::new(),
        agenda: "1. Tình hình cấp mã số vùng trồng\n2. Thủ tục về tài nguyên nước\n3. Hỏi đáp"
            .into(),
        capacity: Some(120),
        created_by: drafter.id,
    }
    .insert(conn)?;
    let mut question = thread(
        ThreadKind::Question,
        &business,
        AuthorKind::Organisation,
        snnmt.id,
        "Thời gian cấp mã số vùng trồng cà phê xuất khẩu",
        "Hồ sơ cấp mã số vùng trồng hiện mất khoảng 30 ngày; Sở có thể rút ngắn không?",
        "",
        "",
        "Nông nghiệp",
    );
    question.session_id = Some(session.id);
    let question = question.insert(conn)?;
    Thread::backdate(
        conn,
        question.id,
        now - Duration::days(14),
        DEFAULT_ANSWER_DAYS,
    )?;
    DialogueSession::register(conn, &session, business.id, "Hiệp hội Cà phê Gia Lai")?;
    DialogueSession::publish_minutes(
        conn,
        session.id,
        drafter.id,
        "Hội nghị có 86 đại biểu doanh nghiệp và hợp tác xã. Sở cam kết rút ngắn thời gian cấp mã số vùng trồng xuống 10 ngày làm việc từ quý I/2027, tiếp nhận hồ sơ trực tuyến; hướng dẫn gia hạn giấy phép khai thác nước theo Nghị định 54/2024/NĐ-CP.",
        std::slice::from_ref(&question.public_id),
    )?;
    Ok(added + 1)
}
