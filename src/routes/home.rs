//! The home page.

use crate::db::Db;
use crate::error::AppResult;
use crate::i18n::Lang;
use crate::models::Agency;
use crate::views::Page;

/// Shows what the portal is for and the agencies that consult on it.
pub async fn index(db: Db, lang: Lang) -> AppResult<Page> {
    let agencies = db.run(Agency::list).await?;
    Ok(Page::render(
        "home/index",
        lang,
        crate::views::home::HomeView::new(agencies),
    ))
}
