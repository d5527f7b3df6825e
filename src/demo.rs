//! Demo data: a province's agencies (later issues add drafts, comments, answers).
//! Seeding is idempotent: running it twice changes nothing the second time.

use diesel::prelude::*;

use crate::admin::{UserSpec, create_user};
use crate::db::DbConnection;
use crate::domain::draft::{DraftStatus, Window, local_date};
use crate::domain::legal_text::parse;
use crate::domain::text::slugify;
use crate::domain::{AgencyKind, Email, Role};
use crate::models::{Agency, Draft, NewAgency, NewDraft, User, Version, WindowRule};

/// The demo province's agencies: name, short name, kind.
const AGENCIES: &[(&str, &str, AgencyKind)] = &[
    (
        "Sở Tư pháp tỉnh Gia Lai",
        "STP",
        AgencyKind::JusticeDepartment,
    ),
    (
        "Sở Nông nghiệp và Môi trường tỉnh Gia Lai",
        "SNNMT",
        AgencyKind::DraftingDepartment,
    ),
    (
        "Sở Tài chính tỉnh Gia Lai",
        "STC",
        AgencyKind::DraftingDepartment,
    ),
    (
        "Sở Xây dựng tỉnh Gia Lai",
        "SXD",
        AgencyKind::DraftingDepartment,
    ),
    (
        "Văn phòng Ủy ban nhân dân tỉnh Gia Lai",
        "VPUBND",
        AgencyKind::PeoplesCommitteeOffice,
    ),
    (
        "Hội đồng nhân dân tỉnh Gia Lai",
        "HDND",
        AgencyKind::PeoplesCouncil,
    ),
];

/// The password of every demo account (demo data only; documented in the README).
pub const DEMO_PASSWORD: &str = "gopy-demo-2026";

/// One demo account per role: e-mail, name, role, agency short name.
pub const USERS: &[(&str, &str, Role, Option<&str>)] = &[
    (
        "congdan@demo.gopy.vn",
        "Nguyễn Thị Lan",
        Role::Citizen,
        None,
    ),
    (
        "doanhnghiep@demo.gopy.vn",
        "Hiệp hội Cà phê Gia Lai",
        Role::OrganisationRep,
        None,
    ),
    (
        "soanthao@demo.gopy.vn",
        "Trần Văn Minh",
        Role::Drafter,
        Some("SNNMT"),
    ),
    (
        "soanthao.stc@demo.gopy.vn",
        "Lê Thu Hà",
        Role::Drafter,
        Some("STC"),
    ),
    (
        "soanthao.sxd@demo.gopy.vn",
        "Nguyễn Hữu Phúc",
        Role::Drafter,
        Some("SXD"),
    ),
    (
        "thamdinh@demo.gopy.vn",
        "Phạm Quốc Bảo",
        Role::Appraiser,
        Some("STP"),
    ),
    (
        "kiemduyet@demo.gopy.vn",
        "Đỗ Mai Anh",
        Role::Moderator,
        Some("VPUBND"),
    ),
    ("quantri@demo.gopy.vn", "Quản trị viên", Role::Admin, None),
];

/// What a seeding run added.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DemoReport {
    pub agencies_added: usize,
    pub users_added: usize,
    pub drafts_added: usize,
    pub comments_added: usize,
    pub threads_added: usize,
}

/// A demo draft: a real text, who drafts it, and where its consultation stands.
struct DemoDraft {
    title: &'static str,
    agency: &'static str,
    doc_type: &'static str,
    field: &'static str,
    summary: &'static str,
    affected_groups: &'static str,
    questions: &'static [&'static str],
    text: &'static str,
    /// Days from today to the window's first day (negative: in the past).
    opens_in: i64,
    /// The window's length in days.
    days: u32,
    /// A second version, made by replacing `.0` with `.1` in the text.
    revision: Option<(&'static str, &'static str)>,
    /// Whether to add demo comments.
    comments: bool,
    /// The drafter whose answers the demo publishes (the closed draft).
    answered_by: Option<&'static str>,
}

const DRAFTS: &[DemoDraft] = &[
    DemoDraft {
        title: "Quy định trình tự, thủ tục giải quyết chế độ miễn, giảm tiền sử dụng đất đối với người có công với cách mạng",
        agency: "SNNMT",
        doc_type: "ubnd_decision",
        field: "Đất đai",
        summary: "Dự thảo quy định trình tự, thủ tục, hồ sơ và thời hạn giải quyết việc miễn, giảm tiền sử dụng đất khi Nhà nước giao đất ở, chuyển mục đích sử dụng đất hoặc công nhận quyền sử dụng đất cho người có công với cách mạng trên địa bàn tỉnh.",
        affected_groups: "Người có công với cách mạng và thân nhân; Ủy ban nhân dân cấp huyện, cấp xã; cơ quan thuế, tài nguyên và môi trường.",
        questions: &[
            "Thời hạn giải quyết hồ sơ tại Điều 7 của Quy định có phù hợp với thực tế không?",
            "Thành phần hồ sơ tại Điều 5 có cần bổ sung hoặc lược bỏ giấy tờ nào không?",
        ],
        text: include_str!(
            "../fixtures/legal-texts/02_qd31-2011-ubnd-gialai-quy-dinh-mien-giam-tien-sdd.txt"
        ),
        opens_in: 0,
        days: 30,
        revision: None,
        comments: true,
        answered_by: None,
    },
    DemoDraft {
        title: "Phân bổ chi tiết kế hoạch vốn đầu tư công nguồn ngân sách tỉnh",
        agency: "STC",
        doc_type: "chairman_decision",
        field: "Tài chính, đầu tư công",
        summary: "Dự thảo phân bổ chi tiết kế hoạch vốn đầu tư công nguồn ngân sách tỉnh cho các dự án chuyển tiếp và khởi công mới.",
        affected_groups: "Các chủ đầu tư, Ủy ban nhân dân cấp huyện, nhà thầu thi công.",
        questions: &["Danh mục dự án tại Phụ lục 01 có dự án nào cần ưu tiên hơn không?"],
        text: include_str!(
            "../fixtures/legal-texts/06_qd518-2023-ubnd-binhdinh-phan-bo-von-phu-luc.txt"
        ),
        opens_in: -40,
        days: 10,
        revision: Some((
            "theo đúng quy định hiện hành của Nhà nước.",
            "theo đúng quy định hiện hành của Nhà nước; báo cáo kết quả giải ngân hằng quý về Sở Tài chính.",
        )),
        comments: false,
        answered_by: None,
    },
    DemoDraft {
        title: "Phân bổ vốn năm 2023 đầu tư cơ sở vật chất trường học và trạm y tế cơ sở",
        agency: "SXD",
        doc_type: "chairman_decision",
        field: "Xây dựng, đầu tư công",
        summary: "Dự thảo phân bổ chi tiết danh mục và kế hoạch vốn năm 2023 cho các công trình trường học và trạm y tế cơ sở; đã lấy ý kiến, tổng hợp, giải trình và được Sở Tư pháp thẩm định.",
        affected_groups: "Các trường học, trung tâm y tế, UBND cấp huyện, nhà thầu xây dựng.",
        questions: &[],
        text: include_str!(
            "../fixtures/legal-texts/06_qd518-2023-ubnd-binhdinh-phan-bo-von-phu-luc.txt"
        ),
        opens_in: -60,
        days: 10,
        revision: Some((
            "theo đúng quy định hiện hành của Nhà nước.",
            "theo đúng quy định hiện hành của Nhà nước; báo cáo kết quả giải ngân hằng quý về Sở Tài chính.",
        )),
        comments: false,
        answered_by: Some("soanthao.sxd@demo.gopy.vn"),
    },
];

/// Adds a demo draft with its versions and window, unless it exists; returns its id.
fn seed_draft(conn: &mut DbConnection, demo: &DemoDraft) -> anyhow::Result<Option<i64>> {
    if Draft::by_slug(conn, &slugify(demo.title, 60))
        .optional()?
        .is_some()
    {
        return Ok(None);
    }
    let agency = Agency::find_by_short_name(conn, demo.agency)?
        .ok_or_else(|| anyhow::anyhow!("no agency {}", demo.agency))?;
    let new = NewDraft {
        agency_id: agency.id,
        title: demo.title.to_string(),
        doc_type: demo.doc_type.to_string(),
        field: demo.field.to_string(),
        summary: demo.summary.to_string(),
        affected_groups: demo.affected_groups.to_string(),
        questions: demo.questions.iter().map(|q| q.to_string()).collect(),
        created_by: None,
    };
    let (draft, version) = crate::models::import(conn, &new, demo.text)?;
    Version::publish(conn, version.id)?;
    let rule = WindowRule::for_type(conn, demo.doc_type)?;
    let today = local_date(chrono::Utc::now());
    let opens_on = today
        .checked_add_signed(chrono::Duration::days(demo.opens_in))
        .unwrap_or(today);
    let window = Window::minimum(opens_on, demo.days);
    Draft::open_for_comment(conn, draft.id, window, &rule, None)?;
    if let Some((from, to)) = demo.revision {
        let text = demo.text.replacen(from, to, 1);
        let second = Version::create(conn, draft.id, &text, &parse(&text))?;
        Version::publish(conn, second.id)?;
    }
    if window.closes_at() <= chrono::Utc::now() {
        crate::models::DraftEvent::transition(
            conn,
            draft.id,
            (DraftStatus::Open, DraftStatus::Closed),
            Some(draft.agency_id),
            None,
            "",
        )?;
    }
    Ok(Some(draft.id))
}

/// Adds whatever demo data is missing, in one transaction.
pub fn seed(conn: &mut DbConnection) -> anyhow::Result<DemoReport> {
    crate::db::transaction(conn, |conn| {
        let mut report = DemoReport::default();
        for (name, short, kind) in AGENCIES {
            if NewAgency::new(name, short, *kind).insert_if_missing(conn)? {
                report.agencies_added += 1;
            }
        }
        for (email, name, role, agency) in USERS {
            let address = Email::parse(email).expect("demo addresses are valid");
            if User::find_by_email(conn, &address)?.is_some() {
                continue;
            }
            let spec = UserSpec {
                email,
                display_name: Some(name),
                role: *role,
                agency: *agency,
                password: Some(DEMO_PASSWORD),
            };
            create_user(conn, spec)?;
            report.users_added += 1;
        }
        for draft in DRAFTS {
            if let Some(id) = seed_draft(conn, draft)? {
                report.drafts_added += 1;
                if draft.comments {
                    report.comments_added += crate::demo_comments::seed(conn, id)?;
                }
                if let Some(drafter) = draft.answered_by {
                    report.comments_added += crate::demo_answers::seed(conn, id, drafter)?;
                }
            }
        }
        let open = crate::models::follow::OpenDraft::all(conn)?
            .first()
            .map(|d| d.id);
        report.threads_added = crate::demo_threads::seed(conn, open)?;
        Ok(report)
    })
}

/// True when the database holds no data yet (so `serve --demo` seeds it).
pub fn is_empty(conn: &mut DbConnection) -> QueryResult<bool> {
    Ok(Agency::count(conn)? == 0)
}
