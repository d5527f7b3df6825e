//! Demo data: a province's agencies (later issues add drafts, comments, answers).
//! Seeding is idempotent: running it twice changes nothing the second time.

use diesel::prelude::*;

use crate::db::DbConnection;
use crate::domain::AgencyKind;
use crate::models::{Agency, NewAgency};

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

/// What a seeding run added.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DemoReport {
    pub agencies_added: usize,
}

/// Adds whatever demo data is missing, in one transaction.
pub fn seed(conn: &mut DbConnection) -> QueryResult<DemoReport> {
    conn.transaction(|conn| {
        let mut report = DemoReport::default();
        for (name, short, kind) in AGENCIES {
            if NewAgency::new(name, short, *kind).insert_if_missing(conn)? {
                report.agencies_added += 1;
            }
        }
        Ok(report)
    })
}

/// True when the database holds no data yet (so `serve --demo` seeds it).
pub fn is_empty(conn: &mut DbConnection) -> QueryResult<bool> {
    Ok(Agency::count(conn)? == 0)
}
