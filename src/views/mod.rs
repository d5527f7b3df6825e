//! What templates and the API receive, and how pages are rendered.

pub mod api_schema;
pub mod appraisal;
pub mod assets;
pub mod chart;
pub mod comment;
pub mod draft;
pub mod flash;
pub mod form;
pub mod home;
pub mod ledger_head;
mod page;
pub mod page_cache;
pub mod response;
pub mod synthesis;
mod templates;
pub mod thread;

pub use page::Page;
pub use templates::Templates;
