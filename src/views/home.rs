//! What the home page shows.

use serde::Serialize;

use crate::models::Agency;

/// The home page's data.
#[derive(Debug, Serialize)]
pub struct HomeView {
    pub agencies: Vec<AgencyItem>,
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
    pub fn new(agencies: Vec<Agency>) -> Self {
        HomeView {
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
