//! What an uploaded file is, judged by its bytes.

use std::io::{Cursor, Read};

/// The kinds of file gopy accepts: documents (dossier and attachments) and
/// images (attachments only).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    Pdf,
    Docx,
    Odt,
    Png,
    Jpeg,
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
            FileKind::Png => "image/png",
            FileKind::Jpeg => "image/jpeg",
        }
    }

    /// Whether this is a text document (a dossier takes only these).
    pub fn is_document(self) -> bool {
        matches!(self, FileKind::Pdf | FileKind::Docx | FileKind::Odt)
    }

    /// A safe download name: the stem of the name it was uploaded under
    /// (without folders, quotes or control characters, at most 120
    /// characters; `fallback` when nothing is left) and this kind's extension,
    /// whatever extension it came with.
    pub fn file_name(self, given: &str, fallback: &str) -> String {
        let base = given.rsplit(['/', '\\']).next().unwrap_or(given);
        let stem = base.rsplit_once('.').map(|(s, _)| s).unwrap_or(base);
        let stem: String = stem
            .chars()
            .filter(|c| !c.is_control() && !matches!(c, '"' | '\\' | '/'))
            .take(120)
            .collect();
        let stem = stem.trim().trim_start_matches('.');
        format!(
            "{}.{}",
            if stem.is_empty() { fallback } else { stem },
            self.extension()
        )
    }

    /// The file name extension.
    pub fn extension(self) -> &'static str {
        match self {
            FileKind::Pdf => "pdf",
            FileKind::Docx => "docx",
            FileKind::Odt => "odt",
            FileKind::Png => "png",
            FileKind::Jpeg => "jpg",
        }
    }
}

/// PDF, PNG and JPEG by their signatures; DOCX and ODT by what their ZIP
/// holds. A renamed executable is `None`, whatever its name says.
pub fn sniff(bytes: &[u8]) -> Option<FileKind> {
    if bytes.starts_with(b"%PDF-") {
        return Some(FileKind::Pdf);
    }
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        return Some(FileKind::Png);
    }
    if bytes.starts_with(b"\xff\xd8\xff") {
        return Some(FileKind::Jpeg);
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
        assert_eq!(sniff(b"\x89PNG\r\n\x1a\n...."), Some(FileKind::Png));
        assert_eq!(sniff(b"\xff\xd8\xff\xe0..JFIF"), Some(FileKind::Jpeg));
        assert_eq!(sniff(b"GIF89a"), None);
        assert_eq!(sniff(b"<html><script>alert(1)</script>"), None);
        assert_eq!(sniff(b"PK\x03\x04 broken zip"), None);
        assert_eq!(sniff(b""), None);
    }

    #[test]
    fn download_names_keep_the_stem_and_take_the_real_extension() {
        assert_eq!(FileKind::Pdf.file_name("Góp ý.exe", "x"), "Góp ý.pdf");
        assert_eq!(
            FileKind::Png.file_name("../../etc/passwd", "x"),
            "passwd.png"
        );
        assert_eq!(
            FileKind::Jpeg.file_name("C:\\Users\\a\\ảnh.jpeg", "x"),
            "ảnh.jpg"
        );
        assert_eq!(FileKind::Docx.file_name("\"\u{7}.docx", "tep"), "tep.docx");
        assert_eq!(FileKind::Odt.file_name("", "tep"), "tep.odt");
        assert!(FileKind::Pdf.is_document() && !FileKind::Png.is_document());
    }
}
