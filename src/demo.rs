//! Demo data: a province's agencies (later issues add drafts, comments, answers).
//! Seeding is idempotent: running it twice changes nothing the second time.

use diesel::prelude::*;

use crate::admin::{UserSpec, create_user};
use crate::db::DbConnection;
use crate::domain::{AgencyKind, Email, Role};
use crate::models::{Agency, NewAgency, User};

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
}

/// Adds whatever demo data is missing, in one transaction.
pub fn seed(conn: &mut DbConnection) -> anyhow::Result<DemoReport> {
    conn.transaction(|conn| {
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
        Ok(report)
    })
}

/// True when the database holds no data yet (so `serve --demo` seeds it).
pub fn is_empty(conn: &mut DbConnection) -> QueryResult<bool> {
    Ok(Agency::count(conn)? == 0)
}
