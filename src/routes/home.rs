//! The home page.

use crate::db::Db;
use crate::error::AppResult;
use crate::i18n::Lang;
use crate::models::{Agency, Draft};
use crate::views::Page;
use crate::views::home::HomeView;

/// Shows what the portal is for, the drafts open for comment and the agencies.
pub async fn index(db: Db, lang: Lang) -> AppResult<Page> {
    let (agencies, open) = db
        .run(|c| Ok((Agency::list(c)?, Draft::open(c, 20)?)))
        .await?;
    Ok(Page::render(
        "home/index",
        lang,
        HomeView::new(agencies, &open),
    ))
}
