//! Queries, one file per table or aggregate. No web types here.

mod agency;

pub use agency::{Agency, NewAgency};
