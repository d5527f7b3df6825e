//! The text of a .docx: the paragraphs of `word/document.xml`, one per line.
//! Table rows become one line with cells separated by ` | `, as in the
//! gazette's plain-text copies, so the legal-text parser reads both alike.

use std::io::{Cursor, Read};

use quick_xml::Reader;
use quick_xml::events::Event;

/// Why a .docx could not be read.
#[derive(Debug, thiserror::Error)]
pub enum DocxError {
    #[error("not a .docx file (not a ZIP archive): {0}")]
    NotZip(String),
    #[error("not a .docx file: word/document.xml is missing")]
    NoDocument,
    #[error("word/document.xml is larger than {0} bytes")]
    TooLarge(u64),
    #[error("word/document.xml is not valid XML: {0}")]
    Xml(String),
}

/// The largest document.xml read (uncompressed), against ZIP bombs.
const MAX_XML: u64 = 50 * 1024 * 1024;

/// The document's paragraphs, joined with `\n`.
pub fn docx_text(bytes: &[u8]) -> Result<String, DocxError> {
    let mut archive =
        zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| DocxError::NotZip(e.to_string()))?;
    let file = archive
        .by_name("word/document.xml")
        .map_err(|_| DocxError::NoDocument)?;
    if file.size() > MAX_XML {
        return Err(DocxError::TooLarge(MAX_XML));
    }
    let mut xml = String::new();
    file.take(MAX_XML + 1)
        .read_to_string(&mut xml)
        .map_err(|e| DocxError::Xml(e.to_string()))?;
    paragraphs(&xml)
}

fn paragraphs(xml: &str) -> Result<String, DocxError> {
    let mut reader = Reader::from_str(xml);
    let mut lines: Vec<String> = Vec::new();
    let mut paragraph = String::new();
    let mut in_text = false;
    // Inside tables: the cells of the current row, and the current cell's text.
    let mut table_depth = 0usize;
    let mut row: Vec<String> = Vec::new();
    let mut cell: Vec<String> = Vec::new();
    loop {
        let event = reader
            .read_event()
            .map_err(|e| DocxError::Xml(e.to_string()))?;
        match event {
            Event::Start(e) => match e.local_name().as_ref() {
                b"t" => in_text = true,
                b"tbl" => table_depth += 1,
                b"p" => paragraph.clear(),
                _ => {}
            },
            Event::Empty(e) => match e.local_name().as_ref() {
                b"tab" => paragraph.push('\t'),
                b"br" | b"cr" => paragraph.push('\n'),
                _ => {}
            },
            Event::Text(t) if in_text => {
                let text = t.unescape().map_err(|e| DocxError::Xml(e.to_string()))?;
                paragraph.push_str(&text);
            }
            Event::End(e) => match e.local_name().as_ref() {
                b"t" => in_text = false,
                b"p" => {
                    let text = std::mem::take(&mut paragraph);
                    if table_depth > 0 {
                        cell.push(text.trim().to_string());
                    } else {
                        lines.extend(text.split('\n').map(str::to_string));
                    }
                }
                b"tc" if table_depth > 0 => {
                    let text: Vec<String> = cell.drain(..).filter(|t| !t.is_empty()).collect();
                    row.push(text.join(" "));
                }
                b"tr" if table_depth > 0 => {
                    let line = std::mem::take(&mut row).join(" | ");
                    if !line.replace('|', "").trim().is_empty() {
                        lines.push(line);
                    }
                }
                b"tbl" => table_depth = table_depth.saturating_sub(1),
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(lines.join("\n"))
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use std::io::Write;

    /// A minimal .docx whose body is `body_xml` (inside `<w:body>`).
    pub fn docx(body_xml: &str) -> Vec<u8> {
        let mut buffer = Cursor::new(Vec::new());
        let mut zip = zip::ZipWriter::new(&mut buffer);
        let options = zip::write::SimpleFileOptions::default();
        zip.start_file("[Content_Types].xml", options).unwrap();
        zip.write_all(br#"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>"#).unwrap();
        zip.start_file("word/document.xml", options).unwrap();
        let xml = format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body_xml}</w:body></w:document>"#
        );
        zip.write_all(xml.as_bytes()).unwrap();
        zip.finish().unwrap();
        buffer.into_inner()
    }

    /// A paragraph of runs.
    pub fn p(runs: &[&str]) -> String {
        let runs: String = runs
            .iter()
            .map(|r| format!("<w:r><w:t xml:space=\"preserve\">{r}</w:t></w:r>"))
            .collect();
        format!("<w:p>{runs}</w:p>")
    }

    #[test]
    fn paragraphs_become_lines_and_runs_join() {
        let body = [
            p(&["Điều 1. ", "Phạm vi điều chỉnh"]),
            p(&["1. Quy định này áp dụng cho ", "tổ chức &amp; cá nhân."]),
        ]
        .concat();
        let text = docx_text(&docx(&body)).unwrap();
        assert_eq!(
            text,
            "Điều 1. Phạm vi điều chỉnh\n1. Quy định này áp dụng cho tổ chức & cá nhân."
        );
    }

    #[test]
    fn table_rows_become_pipe_separated_lines() {
        let row = |a: &str, b: &str| {
            format!(
                "<w:tr><w:tc>{}</w:tc><w:tc>{}</w:tc></w:tr>",
                p(&[a]),
                p(&[b])
            )
        };
        let body = format!(
            "{}<w:tbl>{}{}</w:tbl>{}",
            p(&["PHỤ LỤC 01"]),
            row("STT", "Nội dung"),
            row("1", "Đường giao thông"),
            p(&["Hết"])
        );
        let text = docx_text(&docx(&body)).unwrap();
        assert_eq!(
            text,
            "PHỤ LỤC 01\nSTT | Nội dung\n1 | Đường giao thông\nHết"
        );
    }

    #[test]
    fn line_breaks_and_tabs_are_kept() {
        let body = "<w:p><w:r><w:t>a</w:t><w:tab/><w:t>b</w:t><w:br/><w:t>c</w:t></w:r></w:p>";
        assert_eq!(docx_text(&docx(body)).unwrap(), "a\tb\nc");
    }

    #[test]
    fn other_files_are_refused_clearly() {
        assert!(matches!(
            docx_text(b"%PDF-1.7 not a zip"),
            Err(DocxError::NotZip(_))
        ));
        let mut buffer = Cursor::new(Vec::new());
        let mut zip = zip::ZipWriter::new(&mut buffer);
        zip.start_file("content.xml", zip::write::SimpleFileOptions::default())
            .unwrap();
        zip.write_all(b"<x/>").unwrap();
        zip.finish().unwrap();
        assert!(matches!(
            docx_text(&buffer.into_inner()),
            Err(DocxError::NoDocument)
        ));
    }
}
