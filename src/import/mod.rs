//! Reading what drafters upload: the text of a .docx, and what kind of file
//! an upload really is (by content, never by its name).

mod docx;
mod sniff;

pub use docx::{DocxError, docx_text};
pub use sniff::{FileKind, sniff};
