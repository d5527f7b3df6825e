//! What the home page shows.

use serde::Serialize;

use crate::models::{Agency, Draft};
use crate::views::draft::DraftItem;

/// The home page's data.
#[derive(Debug, Serialize)]
pub struct HomeView {
    pub agencies: Vec<AgencyItem>,
    /// Drafts open for comment, closing soonest first.
    pub open_drafts: Vec<DraftItem>,
}

/// One agency in a list.
#[derive(Debug, Serialize)]
pub struct AgencyItem {
    pub name: String,
    pub short_name: String,
    /// Translation key of the kind.
    pub kind_key: &'static str,
}

impl HomeView {
    /// Builds the view from the stored agencies.
    pub fn new(agencies: Vec<Agency>, open: &[Draft]) -> Self {
        let name = |id: i64| {
            agencies
                .iter()
                .find(|a| a.id == id)
                .map(|a| a.name.clone())
                .unwrap_or_default()
        };
        let open_drafts = open
            .iter()
            .map(|d| DraftItem::new(d, &name(d.agency_id)))
            .collect();
        HomeView {
            open_drafts,
            agencies: agencies
                .into_iter()
                .map(|a| AgencyItem {
                    kind_key: a.kind().label_key(),
                    name: a.name,
                    short_name: a.short_name,
                })
                .collect(),
        }
    }
}
