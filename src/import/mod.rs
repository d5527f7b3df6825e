//! Reading what drafters upload: the text of a .docx, and what kind of file
//! an upload really is (by content, never by its name).

mod docx;
mod sniff;

pub use docx::{DocxError, docx_text};
pub use sniff::{FileKind, sniff};

/// Why an uploaded text can't be imported.
#[derive(Debug, thiserror::Error)]
pub enum SourceError {
    #[error(transparent)]
    Docx(#[from] DocxError),
    #[error("only .docx files and plain UTF-8 text can be imported")]
    Unsupported,
}

/// The text of an uploaded draft: a .docx's paragraphs, or UTF-8 text (a
/// byte-order mark is dropped).
pub fn source_text(bytes: &[u8]) -> Result<String, SourceError> {
    match sniff(bytes) {
        Some(FileKind::Docx) => Ok(docx_text(bytes)?),
        Some(_) => Err(SourceError::Unsupported),
        None => {
            let text = std::str::from_utf8(bytes).map_err(|_| SourceError::Unsupported)?;
            if text.contains('\0') {
                return Err(SourceError::Unsupported);
            }
            Ok(text.trim_start_matches('\u{feff}').to_string())
        }
    }
}
