//! The drafter's workspace: where a drafting agency's staff start their work.

use serde::Serialize;

use crate::auth::Drafter;
use crate::db::Db;
use crate::error::AppResult;
use crate::i18n::Lang;
use crate::models::Agency;
use crate::views::Page;

#[derive(Serialize)]
struct WorkspaceView {
    agency_name: String,
    agency_id: String,
}

/// `GET /workspace`: only drafters, and only their own agency's work.
pub async fn show(db: Db, lang: Lang, drafter: Drafter) -> AppResult<Page> {
    let id = drafter.agency_id;
    let agency = db.run(move |c| Agency::by_id(c, id)).await?;
    Ok(Page::render(
        "workspace/show",
        lang,
        WorkspaceView {
            agency_name: agency.name,
            agency_id: agency.public_id,
        },
    ))
}
