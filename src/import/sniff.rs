//! What an uploaded file is, judged by its bytes.

use std::io::{Cursor, Read};

/// The kinds of file gopy accepts as dossier documents.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    Pdf,
    Docx,
    Odt,
}

impl FileKind {
    /// The MIME type served with the file.
    pub fn content_type(self) -> &'static str {
        match self {
            FileKind::Pdf => "application/pdf",
            FileKind::Docx => {
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            }
            FileKind::Odt => "application/vnd.oasis.opendocument.text",
        }
    }

    /// The file name extension.
    pub fn extension(self) -> &'static str {
        match self {
            FileKind::Pdf => "pdf",
            FileKind::Docx => "docx",
            FileKind::Odt => "odt",
        }
    }
}

/// PDF by its `%PDF-` signature; DOCX and ODT by what their ZIP holds. A
/// renamed executable or image is `None`, whatever its name says.
pub fn sniff(bytes: &[u8]) -> Option<FileKind> {
    if bytes.starts_with(b"%PDF-") {
        return Some(FileKind::Pdf);
    }
    if !bytes.starts_with(b"PK\x03\x04") {
        return None;
    }
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).ok()?;
    if archive.by_name("word/document.xml").is_ok() {
        return Some(FileKind::Docx);
    }
    let mut mimetype = String::new();
    archive
        .by_name("mimetype")
        .ok()?
        .take(100)
        .read_to_string(&mut mimetype)
        .ok()?;
    (mimetype.trim() == "application/vnd.oasis.opendocument.text").then_some(FileKind::Odt)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    #[test]
    fn files_are_known_by_content_not_name() {
        assert_eq!(sniff(b"%PDF-1.7\n..."), Some(FileKind::Pdf));
        let docx = crate::import::docx::tests::docx(&crate::import::docx::tests::p(&["x"]));
        assert_eq!(sniff(&docx), Some(FileKind::Docx));
        let mut buffer = Cursor::new(Vec::new());
        let mut zip = zip::ZipWriter::new(&mut buffer);
        zip.start_file("mimetype", zip::write::SimpleFileOptions::default())
            .unwrap();
        zip.write_all(b"application/vnd.oasis.opendocument.text")
            .unwrap();
        zip.finish().unwrap();
        assert_eq!(sniff(&buffer.into_inner()), Some(FileKind::Odt));
        assert_eq!(sniff(b"MZ\x90\x00 an executable named report.pdf"), None);
        assert_eq!(sniff(b"\x89PNG\r\n\x1a\n"), None);
        assert_eq!(sniff(b"PK\x03\x04 broken zip"), None);
        assert_eq!(sniff(b""), None);
    }
}
