//! Pure types and rules: no I/O, no web or database types.

pub mod account;
mod agency;
pub mod appraisal;
pub mod campaign;
pub mod comment;
pub mod diff;
pub mod draft;
pub mod ledger;
pub mod legal_text;
pub mod limits;
pub mod period;
pub mod response;
pub mod scorecard;
pub mod synthesis;
pub mod text;
pub mod thread;

pub use account::{DisplayName, Email, Invalid, Organisation, Password, Role};
pub use agency::AgencyKind;
