//! `gopy admin generate`: realistic synthetic consultations for benchmarks.
//! Drafts of about 200 provisions built from real legal sentences, open for
//! comment; Vietnamese comments in every author category, on provisions or
//! on the whole draft, a tenth of them campaign variants; a fifth answered.
//! Every published comment and answer gets its ledger entry, so the chain
//! verifies afterwards. Rows go in by multi-row statements, one transaction
//! per batch, so a crash loses at most the batch being written.

use std::time::Instant;

use anyhow::Context;
use chrono::{Duration, NaiveDateTime};
use diesel::QueryResult;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use sha2::{Digest, Sha256};

use crate::db::DbConnection;
use crate::demo_comments::{ACTIONS, OPENINGS, ORGANISATIONS, REASONS};
use crate::domain::comment::Category;
use crate::domain::draft::{Window, local_date};
use crate::domain::response::{Decision, explanation_key};
use crate::domain::{AgencyKind, Email, Role};
use crate::models::bulk::{self, BulkComment, BulkResponse};
use crate::models::ledger::{CommentFacts, Entry, kind};
use crate::models::{Agency, NewAgency, NewDraft, User, Version, WindowRule};

/// Comments written per transaction.
pub const BATCH: usize = 5_000;

/// The short name of the agency that owns generated drafts.
pub const AGENCY: &str = "GEN";

/// What to generate.
#[derive(Debug, Clone, Copy)]
pub struct Spec {
    pub drafts: usize,
    pub comments: u64,
    pub seed: u64,
}

/// What was generated.
#[derive(Debug, Default)]
pub struct Report {
    pub drafts: Vec<String>,
    pub comments: u64,
    pub responses: u64,
    pub seconds: f64,
}

const LEGAL_TEXTS: [&str; 4] = [
    include_str!(
        "../fixtures/legal-texts/02_qd31-2011-ubnd-gialai-quy-dinh-mien-giam-tien-sdd.txt"
    ),
    include_str!("../fixtures/legal-texts/04_luat76-2025-qh15-sua-doi-luat-doanh-nghiep.txt"),
    include_str!("../fixtures/legal-texts/06_qd518-2023-ubnd-binhdinh-phan-bo-von-phu-luc.txt"),
    include_str!("../fixtures/legal-texts/08_qd986-2024-ubnd-tuyenquang-ke-hoach-nam-hoc.txt"),
];

/// Sentences of the real legal texts, long enough to read as provisions.
fn sentences() -> Vec<String> {
    LEGAL_TEXTS
        .iter()
        .flat_map(|t| t.lines())
        .map(|l| l.trim().trim_start_matches(|c: char| !c.is_alphabetic()))
        .filter(|l| l.chars().count() > 40 && !l.starts_with("Điều") && !l.starts_with("Chương"))
        .map(|l| l.trim_end_matches(['.', ';', ':']).to_string())
        .collect()
}

/// A draft's text: 5 chapters of 10 articles with 4 clauses each (about
/// 200 provisions once the parser has read them), its sentences drawn
/// from real legal texts.
pub fn draft_text(rng: &mut StdRng, sentences: &[String]) -> String {
    const ROMAN: [&str; 5] = ["I", "II", "III", "IV", "V"];
    let mut text = String::new();
    let mut article = 0;
    let pick = |rng: &mut StdRng| sentences[rng.gen_range(0..sentences.len())].as_str();
    for roman in ROMAN {
        text.push_str(&format!("Chương {roman}\nQUY ĐỊNH CHUNG PHẦN {roman}\n"));
        for _ in 0..10 {
            article += 1;
            let title: String = pick(rng).chars().take(60).collect();
            text.push_str(&format!("Điều {article}. {}\n", title.trim()));
            for clause in 1..=4 {
                text.push_str(&format!("{clause}. {}.\n", pick(rng)));
            }
        }
    }
    text
}

/// A comment body: an opening, a proposal, a reason, and a sentence of the
/// law it is about, so that bodies vary as real ones do.
fn comment_body(rng: &mut StdRng, sentences: &[String]) -> String {
    let pick = |rng: &mut StdRng, items: &[&'static str]| items[rng.gen_range(0..items.len())];
    format!(
        "{} {}. {} Cụ thể, nội dung \"{}\" cần được làm rõ.",
        pick(rng, OPENINGS),
        pick(rng, ACTIONS),
        pick(rng, REASONS),
        sentences[rng.gen_range(0..sentences.len())]
    )
}

/// Campaign letters: a few fixed texts that many people send, each copy
/// with its own greeting, sign-off and a word or two changed.
const CAMPAIGNS: [&str; 5] = [
    "Chúng tôi, các hộ kinh doanh trên địa bàn, đề nghị giữ nguyên mức thu phí hiện hành vì thu nhập của người dân còn thấp và chi phí sinh hoạt tăng cao trong những năm gần đây.",
    "Đề nghị cơ quan soạn thảo bỏ quy định bắt buộc nộp bản sao có chứng thực, cho phép nộp bản điện tử qua Cổng dịch vụ công để giảm thời gian và chi phí đi lại của người dân.",
    "Tôi phản đối việc thu hẹp diện tích đất nông nghiệp tại xã để chuyển sang mục đích thương mại dịch vụ, vì bà con sống chủ yếu bằng nghề trồng cà phê và hồ tiêu.",
    "Kính đề nghị tăng mức hỗ trợ cho giáo viên vùng đặc biệt khó khăn và bố trí nhà công vụ để giáo viên yên tâm công tác lâu dài tại các điểm trường lẻ.",
    "Hiệp hội đề nghị kéo dài thời hạn chuyển tiếp lên 24 tháng để doanh nghiệp có đủ thời gian chuẩn bị hồ sơ, đào tạo nhân lực và điều chỉnh quy trình sản xuất.",
];
const GREETINGS: [&str; 4] = [
    "",
    "Kính gửi Sở, ",
    "Xin chào, ",
    "Kính thưa cơ quan soạn thảo, ",
];
const SIGN_OFFS: [&str; 4] = [
    "",
    " Trân trọng cảm ơn.",
    " Xin cảm ơn.",
    " Rất mong được xem xét.",
];

fn campaign_body(rng: &mut StdRng) -> String {
    let text = CAMPAIGNS[rng.gen_range(0..CAMPAIGNS.len())];
    let mut words: Vec<&str> = text.split(' ').collect();
    let swaps = [("đề nghị", "kiến nghị"), ("người dân", "bà con")];
    let mut body = words.join(" ");
    if rng.gen_bool(0.5) {
        let (from, to) = swaps[rng.gen_range(0..swaps.len())];
        body = body.replacen(from, to, 1);
    } else {
        words.truncate(words.len().saturating_sub(rng.gen_range(0..3)));
        body = words.join(" ");
    }
    format!(
        "{}{}{}",
        GREETINGS[rng.gen_range(0..GREETINGS.len())],
        body,
        SIGN_OFFS[rng.gen_range(0..SIGN_OFFS.len())]
    )
}

/// The owning agency and a drafter who signs the generated answers.
fn owner(conn: &mut DbConnection) -> anyhow::Result<(Agency, i64)> {
    NewAgency::new(
        "Sở Khoa học và Công nghệ tỉnh Gia Lai (dữ liệu sinh tự động)",
        AGENCY,
        AgencyKind::DraftingDepartment,
    )
    .insert_if_missing(conn)?;
    let agency = Agency::find_by_short_name(conn, AGENCY)?.context("the generator's agency")?;
    let email = Email::parse("generator@gopy.invalid").expect("a valid address");
    let user = match User::find_by_email(conn, &email)? {
        Some(user) => user,
        None => crate::admin::create_user(
            conn,
            crate::admin::UserSpec {
                email: email.as_str(),
                display_name: Some("Cán bộ soạn thảo (dữ liệu sinh)"),
                role: Role::Drafter,
                agency: Some(AGENCY),
                password: None,
            },
        )?,
    };
    Ok((agency, user.id))
}

/// One generated draft: its id, slug, version and commentable provisions.
struct Target {
    id: i64,
    slug: String,
    version: i32,
    anchors: Vec<(String, i32)>,
}

fn create_draft(
    conn: &mut DbConnection,
    agency: &Agency,
    number: usize,
    spec: &Spec,
    rng: &mut StdRng,
    sentences: &[String],
) -> anyhow::Result<Target> {
    let stamp = chrono::Utc::now().format("%Y%m%d%H%M%S");
    let new = NewDraft {
        agency_id: agency.id,
        title: format!(
            "Dự thảo thử nghiệm {} số {} (hạt giống {}, {stamp})",
            AGENCY,
            number + 1,
            spec.seed
        ),
        doc_type: "ubnd_decision".to_string(),
        field: "Dữ liệu thử nghiệm".to_string(),
        summary: "Dự thảo sinh tự động để đo hiệu năng; nội dung lấy từ các văn bản thật."
            .to_string(),
        affected_groups: "Người dân, doanh nghiệp.".to_string(),
        questions: vec!["Quy định này có khả thi không?".to_string()],
        created_by: None,
    };
    let text = draft_text(rng, sentences);
    let (draft, version) = crate::models::import(conn, &new, &text)?;
    Version::publish(conn, version.id)?;
    let rule = WindowRule::for_type(conn, &new.doc_type)?;
    let today = local_date(chrono::Utc::now());
    let window = Window::minimum(today - Duration::days(29), 60);
    crate::models::Draft::open_for_comment(conn, draft.id, window, &rule, None)?;
    let anchors = Version::provisions(conn, version.id)?
        .into_iter()
        .filter(|p| matches!(p.kind.as_str(), "article" | "clause" | "point"))
        .map(|p| (p.anchor, p.position))
        .collect();
    Ok(Target {
        id: draft.id,
        slug: draft.slug,
        version: version.number,
        anchors,
    })
}

/// A comment about to be written.
struct Row {
    public_id: String,
    anchor: Option<(String, i32)>,
    category: &'static str,
    organisation: Option<&'static str>,
    body: String,
    sha256: String,
    published_at: NaiveDateTime,
    answer: Option<Decision>,
}

fn random_uuid(rng: &mut StdRng) -> String {
    uuid::Builder::from_random_bytes(rng.r#gen())
        .into_uuid()
        .to_string()
}

fn make_row(rng: &mut StdRng, target: &Target, sentences: &[String], now: NaiveDateTime) -> Row {
    let roll: f64 = rng.r#gen();
    let (category, organisation) = if roll < 0.55 {
        (Category::Individual, None)
    } else if roll < 0.85 {
        let (name, category) = ORGANISATIONS[rng.gen_range(0..ORGANISATIONS.len())];
        (category, Some(name))
    } else if roll < 0.95 {
        (Category::Expert, None)
    } else {
        (Category::Other, None)
    };
    let body = if rng.gen_bool(0.1) {
        campaign_body(rng)
    } else {
        comment_body(rng, sentences)
    };
    let anchor = (rng.gen_bool(0.85) && !target.anchors.is_empty())
        .then(|| target.anchors[rng.gen_range(0..target.anchors.len())].clone());
    let answer = rng
        .gen_bool(0.2)
        .then(|| Decision::ALL[rng.gen_range(0..Decision::ALL.len())]);
    Row {
        public_id: random_uuid(rng),
        anchor,
        category: category.as_str(),
        organisation,
        sha256: hex(&Sha256::digest(body.as_bytes())),
        body,
        published_at: now - Duration::seconds(rng.gen_range(0..29 * 86_400)),
        answer,
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Writes one batch of comments with their ledger entries and answers, in
/// one transaction; returns how many answers were written.
fn write_batch(
    conn: &mut DbConnection,
    target: &Target,
    rows: &[Row],
    responder: i64,
    now: NaiveDateTime,
) -> QueryResult<u64> {
    crate::db::transaction(conn, |conn| {
        let published = crate::models::comment::status::PUBLISHED;
        let values: Vec<BulkComment<'_>> = rows
            .iter()
            .map(|r| BulkComment {
                public_id: &r.public_id,
                draft_id: target.id,
                version_number: target.version,
                anchor: r.anchor.as_ref().map(|(a, _)| a.as_str()),
                position: r.anchor.as_ref().map_or(0, |(_, p)| *p),
                category: r.category,
                organisation_name: r.organisation,
                on_behalf_of: "",
                body: &r.body,
                body_sha256: &r.sha256,
                status: published,
                late: false,
                show_name: false,
                consented_at: r.published_at,
                created_at: r.published_at,
                published_at: Some(r.published_at),
                updated_at: r.published_at,
                locked_at: r.answer.map(|_| now),
            })
            .collect();
        bulk::insert_comments(conn, &values)?;
        let ids = bulk::comment_ids(conn, target.id, rows.iter().map(|r| r.public_id.as_str()))?;
        let texts: Vec<(i64, &str)> = rows
            .iter()
            .filter_map(|r| Some((*ids.get(&r.public_id)?, r.body.as_str())))
            .collect();
        crate::models::Search::index_comments(conn, &texts)?;
        let mut head = Entry::lock_head(conn)?;
        let mut entries = Vec::with_capacity(rows.len() * 2);
        let mut answers = Vec::new();
        for r in rows {
            let facts = CommentFacts {
                draft: &target.slug,
                version: target.version,
                anchor: r.anchor.as_ref().map(|(a, _)| a.as_str()),
                question: None,
                category: r.category,
                status: published,
                late: false,
                sha256: &r.sha256,
                hidden_reason: None,
            };
            let entry = Entry::chained(
                &head,
                now,
                kind::COMMENT_PUBLISHED,
                &r.public_id,
                Some(target.id),
                facts.payload(),
            );
            head.seq = entry.seq;
            head.hash = entry.hash.clone();
            entries.push(entry);
            if let Some(decision) = r.answer {
                answers.push((r, decision));
            }
        }
        let explanation = |d: Decision| match d {
            Decision::Accepted => String::new(),
            Decision::PartlyAccepted => {
                "Tiếp thu phần đề nghị làm rõ; phần còn lại đã được quy định tại văn bản khác."
                    .into()
            }
            Decision::NotAccepted => {
                "Không tiếp thu vì nội dung này thuộc thẩm quyền của Trung ương.".into()
            }
            Decision::Noted => "Ghi nhận ý kiến đồng tình với dự thảo.".to_string(),
        };
        let mut texts = Vec::with_capacity(answers.len());
        for (r, decision) in &answers {
            let public_id = uuid::Uuid::new_v4().to_string();
            let text = explanation(*decision);
            let payload = serde_json::json!({
                "draft": target.slug,
                "comment": r.public_id,
                "decision": decision.as_str(),
                "explanation_sha256": crate::storage::Storage::hash(text.as_bytes()),
                "version": serde_json::Value::Null,
                "anchors": Vec::<String>::new(),
                "supersedes": serde_json::Value::Null,
            });
            let entry = Entry::chained(
                &head,
                now,
                kind::RESPONSE_PUBLISHED,
                &public_id,
                Some(target.id),
                payload,
            );
            head.seq = entry.seq;
            head.hash = entry.hash.clone();
            entries.push(entry);
            let key = explanation_key(&text);
            texts.push((public_id, ids[&r.public_id], *decision, text, key));
        }
        let response_rows: Vec<BulkResponse<'_>> = texts
            .iter()
            .map(
                |(public_id, comment_id, decision, text, key)| BulkResponse {
                    public_id,
                    draft_id: target.id,
                    comment_id: *comment_id,
                    decision: decision.as_str(),
                    explanation: text,
                    explanation_key: key,
                    anchors: "",
                    responder_id: responder,
                    created_at: now,
                    updated_at: now,
                    published_at: Some(now),
                },
            )
            .collect();
        bulk::insert_responses(conn, &response_rows)?;
        Entry::insert_all(conn, &entries)?;
        Ok(answers.len() as u64)
    })
}

/// Generates `spec`, calling `progress` with the number of comments
/// written so far after each batch.
pub fn run(
    conn: &mut DbConnection,
    spec: Spec,
    mut progress: impl FnMut(u64),
) -> anyhow::Result<Report> {
    let started = Instant::now();
    if let DbConnection::Sqlite(c) = conn {
        // Bulk writing: keep the indexes' pages in memory (256 MB) and fold
        // the log into the database less often (every 64 MB, not 4 MB),
        // so hot pages are not written again for every batch.
        use diesel::RunQueryDsl;
        diesel::sql_query("PRAGMA cache_size = -262144").execute(c)?;
        diesel::sql_query("PRAGMA wal_autocheckpoint = 16384").execute(c)?;
    }
    let mut rng = StdRng::seed_from_u64(spec.seed);
    let sentences = sentences();
    let (agency, responder) = crate::db::transaction(conn, owner)?;
    let mut report = Report::default();
    let mut targets = Vec::with_capacity(spec.drafts);
    for number in 0..spec.drafts.max(1) {
        let target = crate::db::transaction(conn, |c| {
            create_draft(c, &agency, number, &spec, &mut rng, &sentences)
        })?;
        report.drafts.push(target.slug.clone());
        targets.push(target);
    }
    let per_draft = spec.comments / targets.len() as u64;
    let now = crate::models::now();
    for (i, target) in targets.iter().enumerate() {
        let mut left = per_draft
            + if i == 0 {
                spec.comments % targets.len() as u64
            } else {
                0
            };
        while left > 0 {
            let n = left.min(BATCH as u64) as usize;
            let rows: Vec<Row> = (0..n)
                .map(|_| make_row(&mut rng, target, &sentences, now))
                .collect();
            report.responses += write_batch(conn, target, &rows, responder, now)?;
            report.comments += n as u64;
            left -= n as u64;
            progress(report.comments);
        }
    }
    crate::models::bulk::refresh_statistics(conn)?;
    report.seconds = started.elapsed().as_secs_f64();
    Ok(report)
}
