//! A streaming writer for editable Word documents (.docx, Office Open XML).
//!
//! It produces the synthesis report of comments (bản tổng hợp ý kiến) that
//! the head of the drafting agency signs: a title, headings, body paragraphs
//! and long tables whose rows arrive one by one from the database.
//!
//! The writer never holds the document in memory. [`DocxWriter::new`] writes
//! the small package parts (content types, relationships, styles, settings and
//! core properties) and then opens the `word/document.xml` entry of the ZIP
//! archive; every later call writes its XML into that entry through a buffer,
//! and the ZIP writer compresses the bytes as they come. A report of 100,000
//! table rows therefore costs a buffer of 64 KiB, not the size of the
//! document. [`DocxWriter::finish`] closes the body and the archive.
//!
//! The layout follows Vietnamese administrative documents (Decree
//! 30/2020/ND-CP): A4 portrait, margins of 2 cm top and bottom, 3 cm left and
//! 2 cm right, Times New Roman 13 pt, language vi-VN.
//!
//! All text is escaped for XML, and characters that XML 1.0 forbids (control
//! characters other than tab, line feed and carriage return, and U+FFFE and
//! U+FFFF) are dropped, so the document always stays well-formed. A line feed
//! (`\n`, `\r\n` or a lone `\r`) starts a new paragraph and a tab becomes a
//! Word tab.

use std::io::{self, BufWriter, Seek, Write};

use zip::ZipWriter;
use zip::result::ZipError;
use zip::write::SimpleFileOptions;

/// Page width of A4 portrait, in twentieths of a point (twips).
const PAGE_WIDTH: u32 = 11906;
/// Page height of A4 portrait, in twips.
const PAGE_HEIGHT: u32 = 16838;
/// Left margin: 3 cm in twips.
const MARGIN_LEFT: u32 = 1701;
/// Right margin: 2 cm in twips.
const MARGIN_RIGHT: u32 = 1134;
/// Top and bottom margins: 2 cm in twips.
const MARGIN_VERTICAL: u32 = 1134;
/// Width between the margins, shared by columns whose width is not given.
const TEXT_WIDTH: u32 = PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT;
/// The narrowest column given to a column whose width is not given: 1 cm.
const MIN_COLUMN_WIDTH: u32 = 567;
/// Size of the buffer in front of the compressed document.xml entry.
const BUFFER_SIZE: usize = 64 * 1024;

/// Namespace of WordprocessingML.
const NS_W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
/// Namespace of relationships in WordprocessingML.
const NS_R: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/// Paragraph properties of the title.
const PPR_TITLE: &str = r#"<w:pPr><w:pStyle w:val="Title"/></w:pPr>"#;
/// Paragraph properties of a level 1 heading.
const PPR_HEADING1: &str = r#"<w:pPr><w:pStyle w:val="Heading1"/></w:pPr>"#;
/// Paragraph properties of a level 2 heading.
const PPR_HEADING2: &str = r#"<w:pPr><w:pStyle w:val="Heading2"/></w:pPr>"#;
/// Paragraph properties of a header cell: centred, kept with the next row.
const PPR_HEADER_CELL: &str =
    r#"<w:pPr><w:pStyle w:val="TableText"/><w:keepNext/><w:jc w:val="center"/></w:pPr>"#;
/// Paragraph properties of a group row: kept with the next row.
const PPR_GROUP_CELL: &str = r#"<w:pPr><w:pStyle w:val="TableText"/><w:keepNext/></w:pPr>"#;
/// Paragraph properties of an ordinary cell.
const PPR_CELL: &str = r#"<w:pPr><w:pStyle w:val="TableText"/></w:pPr>"#;
/// Run properties of bold text.
const RPR_BOLD: &str = "<w:rPr><w:b/><w:bCs/></w:rPr>";

/// A streaming writer of one .docx document into `W`.
///
/// Call [`DocxWriter::finish`] at the end: a writer dropped before that
/// leaves an incomplete document behind.
pub struct DocxWriter<W: Write + Seek> {
    /// The open `word/document.xml` entry, behind a buffer.
    out: BufWriter<ZipWriter<W>>,
    /// Widths of the columns of the open table, if a table is open.
    table: Option<Vec<u32>>,
    /// Whether the last block written was a table, which Word needs
    /// separated by a paragraph from a following table or the section end.
    after_table: bool,
}

impl<W: Write + Seek> DocxWriter<W> {
    /// Starts the document: writes `[Content_Types].xml`, `_rels/.rels`,
    /// `word/_rels/document.xml.rels`, `word/styles.xml`,
    /// `word/settings.xml` and `docProps/core.xml` (whose title is `title`),
    /// then opens `word/document.xml` for the body.
    pub fn new(out: W, title: &str) -> io::Result<Self> {
        let mut zip = ZipWriter::new(out);
        write_entry(&mut zip, "[Content_Types].xml", CONTENT_TYPES)?;
        write_entry(&mut zip, "_rels/.rels", PACKAGE_RELS)?;
        write_entry(&mut zip, "word/_rels/document.xml.rels", DOCUMENT_RELS)?;
        write_entry(&mut zip, "word/styles.xml", &styles_xml())?;
        write_entry(&mut zip, "word/settings.xml", SETTINGS)?;
        write_entry(&mut zip, "docProps/core.xml", &core_xml(title))?;
        zip.start_file("word/document.xml", entry_options())
            .map_err(zip_error)?;
        let mut out = BufWriter::with_capacity(BUFFER_SIZE, zip);
        write!(
            out,
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#
        )?;
        write!(
            out,
            r#"<w:document xmlns:w="{NS_W}" xmlns:r="{NS_R}"><w:body>"#
        )?;
        Ok(DocxWriter {
            out,
            table: None,
            after_table: false,
        })
    }

    /// Writes the document's title, e.g. the report's name: centred and bold
    /// (style "Title"). A `'\n'` starts a new title paragraph.
    pub fn title(&mut self, text: &str) -> io::Result<()> {
        self.block_paragraphs(PPR_TITLE, text)
    }

    /// Writes a heading of `level` 1 or 2 (styles "Heading1" and
    /// "Heading2"); a level of 0 counts as 1 and a level above 2 as 2.
    /// A `'\n'` starts a new heading paragraph.
    pub fn heading(&mut self, text: &str, level: u8) -> io::Result<()> {
        let properties = if level <= 1 {
            PPR_HEADING1
        } else {
            PPR_HEADING2
        };
        self.block_paragraphs(properties, text)
    }

    /// Writes a body paragraph (style "Normal", justified); a `'\n'` in
    /// `text` starts a new paragraph.
    pub fn paragraph(&mut self, text: &str) -> io::Result<()> {
        self.block_paragraphs("", text)
    }

    /// Opens a table with full borders, a fixed layout and a bold header row
    /// that Word repeats at the top of every page (`w:tblHeader`).
    ///
    /// `widths` are the column widths in twips (twentieths of a point; the
    /// text width of the page is 9071). The table has as many columns as
    /// `headers`, or as `widths` if `headers` is empty (then no header row
    /// is written), and at least one. Missing widths share what is left of
    /// the text width; extra widths are ignored. A table still open is
    /// closed first.
    pub fn start_table(&mut self, headers: &[&str], widths: &[u32]) -> io::Result<()> {
        self.end_table()?;
        self.separate_from_table()?;
        let count = column_count(headers.len(), widths.len());
        let widths = column_widths(count, widths);
        write_table_start(&mut self.out, &widths)?;
        if !headers.is_empty() {
            write!(
                self.out,
                "<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>"
            )?;
            write_cells(&mut self.out, &widths, headers, PPR_HEADER_CELL, RPR_BOLD)?;
            write!(self.out, "</w:tr>")?;
        }
        self.table = Some(widths);
        Ok(())
    }

    /// Writes one table row; a `'\n'` in a cell starts a new paragraph
    /// inside the cell. Missing cells are written empty and extra cells are
    /// ignored. Fails with [`io::ErrorKind::InvalidInput`] when no table is
    /// open.
    pub fn row(&mut self, cells: &[&str]) -> io::Result<()> {
        let widths = open_table(&self.table)?;
        write!(self.out, "<w:tr>")?;
        write_cells(&mut self.out, widths, cells, PPR_CELL, "")?;
        write!(self.out, "</w:tr>")
    }

    /// Writes a row whose single bold cell spans all columns (`w:gridSpan`),
    /// such as an article heading inside the table ("Điều 5. ..."). The row
    /// is kept on the same page as the next one. Fails with
    /// [`io::ErrorKind::InvalidInput`] when no table is open.
    pub fn group_row(&mut self, text: &str) -> io::Result<()> {
        let widths = open_table(&self.table)?;
        let total = total_width(widths);
        write!(self.out, "<w:tr><w:trPr><w:cantSplit/></w:trPr>")?;
        write!(
            self.out,
            r#"<w:tc><w:tcPr><w:tcW w:w="{total}" w:type="dxa"/><w:gridSpan w:val="{}"/></w:tcPr>"#,
            widths.len()
        )?;
        write_paragraphs(&mut self.out, PPR_GROUP_CELL, RPR_BOLD, text)?;
        write!(self.out, "</w:tc></w:tr>")
    }

    /// Closes the open table; does nothing when no table is open.
    pub fn end_table(&mut self) -> io::Result<()> {
        if self.table.take().is_some() {
            write!(self.out, "</w:tbl>")?;
            self.after_table = true;
        }
        Ok(())
    }

    /// Closes `word/document.xml` with the section properties (A4 portrait,
    /// 11906 x 16838 twips; margins 2 cm top and bottom, 3 cm left, 2 cm
    /// right) and finishes the ZIP archive. A table still open is closed
    /// first. Returns the underlying writer.
    pub fn finish(mut self) -> io::Result<W> {
        self.end_table()?;
        self.separate_from_table()?;
        write_section(&mut self.out)?;
        write!(self.out, "</w:body></w:document>")?;
        let zip = self.out.into_inner().map_err(|e| e.into_error())?;
        zip.finish().map_err(zip_error)
    }

    /// Writes paragraphs outside tables, closing a table still open.
    fn block_paragraphs(&mut self, properties: &str, text: &str) -> io::Result<()> {
        self.end_table()?;
        self.after_table = false;
        write_paragraphs(&mut self.out, properties, "", text)
    }

    /// Writes an empty paragraph if the last block was a table, so that two
    /// tables do not merge and the body does not end with a table.
    fn separate_from_table(&mut self) -> io::Result<()> {
        if self.after_table {
            self.after_table = false;
            write!(self.out, "<w:p/>")?;
        }
        Ok(())
    }
}

/// The column widths of the open table, or an error if no table is open.
fn open_table(table: &Option<Vec<u32>>) -> io::Result<&[u32]> {
    table.as_deref().ok_or_else(|| {
        io::Error::new(
            io::ErrorKind::InvalidInput,
            "docx: a table row was written outside a table",
        )
    })
}

/// The number of columns of a table with `headers` headers and `widths`
/// widths: the headers decide, then the widths, and there is at least one.
fn column_count(headers: usize, widths: usize) -> usize {
    if headers > 0 { headers } else { widths.max(1) }
}

/// `count` column widths: the given ones, then equal shares of what is left
/// of the text width (at least 1 cm each).
fn column_widths(count: usize, given: &[u32]) -> Vec<u32> {
    let mut widths: Vec<u32> = given.iter().take(count).copied().collect();
    let missing = count - widths.len();
    if missing > 0 {
        let missing_count = u32::try_from(missing).unwrap_or(u32::MAX);
        let share = TEXT_WIDTH.saturating_sub(total_width(&widths)) / missing_count;
        widths.resize(count, share.max(MIN_COLUMN_WIDTH));
    }
    widths
}

/// The sum of `widths`, saturating instead of overflowing.
fn total_width(widths: &[u32]) -> u32 {
    widths
        .iter()
        .fold(0, |total: u32, width| total.saturating_add(*width))
}

/// Writes the start of a table: its properties (full single borders, fixed
/// layout) and its grid.
fn write_table_start(out: &mut impl Write, widths: &[u32]) -> io::Result<()> {
    let total = total_width(widths);
    write!(
        out,
        r#"<w:tbl><w:tblPr><w:tblW w:w="{total}" w:type="dxa"/><w:tblBorders>"#
    )?;
    for side in ["top", "left", "bottom", "right", "insideH", "insideV"] {
        write!(
            out,
            r#"<w:{side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>"#
        )?;
    }
    write!(
        out,
        r#"</w:tblBorders><w:tblLayout w:type="fixed"/><w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" w:noHBand="1" w:noVBand="1"/></w:tblPr><w:tblGrid>"#
    )?;
    for width in widths {
        write!(out, r#"<w:gridCol w:w="{width}"/>"#)?;
    }
    write!(out, "</w:tblGrid>")
}

/// Writes one cell per width: the text of `cells`, padded with empty cells.
fn write_cells(
    out: &mut impl Write,
    widths: &[u32],
    cells: &[&str],
    paragraph: &str,
    run: &str,
) -> io::Result<()> {
    for (index, width) in widths.iter().enumerate() {
        let text = cells.get(index).copied().unwrap_or("");
        write!(
            out,
            r#"<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/></w:tcPr>"#
        )?;
        write_paragraphs(out, paragraph, run, text)?;
        write!(out, "</w:tc>")?;
    }
    Ok(())
}

/// Writes one paragraph per line of `text` (at least one, possibly empty),
/// each with the paragraph properties `paragraph` and its text in one run
/// with the run properties `run`.
fn write_paragraphs(
    out: &mut impl Write,
    paragraph: &str,
    run: &str,
    text: &str,
) -> io::Result<()> {
    for line in lines(text) {
        write!(out, "<w:p>{paragraph}")?;
        if !line.is_empty() {
            write!(out, "<w:r>{run}")?;
            write_run_text(out, line)?;
            write!(out, "</w:r>")?;
        }
        write!(out, "</w:p>")?;
    }
    Ok(())
}

/// The lines of `text`, split at `\n`, `\r\n` and a lone `\r`.
fn lines(text: &str) -> impl Iterator<Item = &str> {
    text.split('\n')
        .flat_map(|line| line.strip_suffix('\r').unwrap_or(line).split('\r'))
}

/// Writes the content of a run: the text between tabs in `w:t` elements that
/// keep their spaces, and each tab as `w:tab`.
fn write_run_text(out: &mut impl Write, line: &str) -> io::Result<()> {
    for (index, piece) in line.split('\t').enumerate() {
        if index > 0 {
            write!(out, "<w:tab/>")?;
        }
        if !piece.is_empty() {
            write!(out, r#"<w:t xml:space="preserve">"#)?;
            write_escaped(out, piece)?;
            write!(out, "</w:t>")?;
        }
    }
    Ok(())
}

/// Writes `text` escaped for XML, dropping the characters XML 1.0 forbids.
/// Text without such characters is written in one piece.
fn write_escaped(out: &mut impl Write, text: &str) -> io::Result<()> {
    let mut start = 0;
    for (index, c) in text.char_indices() {
        let replacement = match c {
            '&' => "&amp;",
            '<' => "&lt;",
            '>' => "&gt;",
            '"' => "&quot;",
            '\'' => "&apos;",
            c if is_xml_char(c) => continue,
            _ => "",
        };
        out.write_all(&text.as_bytes()[start..index])?;
        out.write_all(replacement.as_bytes())?;
        start = index + c.len_utf8();
    }
    out.write_all(&text.as_bytes()[start..])
}

/// Whether XML 1.0 allows `c` in a document (surrogates cannot occur in a
/// Rust string).
fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r') || (c >= ' ' && c != '\u{FFFE}' && c != '\u{FFFF}')
}

/// `text` escaped for XML, without the characters XML 1.0 forbids; for the
/// small parts written before the body.
fn escaped(text: &str) -> String {
    let mut bytes = Vec::with_capacity(text.len());
    // Writing into a Vec cannot fail.
    let _ = write_escaped(&mut bytes, text);
    String::from_utf8_lossy(&bytes).into_owned()
}

/// Writes the section properties: A4 portrait and the margins of Vietnamese
/// administrative documents.
fn write_section(out: &mut impl Write) -> io::Result<()> {
    write!(
        out,
        r#"<w:sectPr><w:pgSz w:w="{PAGE_WIDTH}" w:h="{PAGE_HEIGHT}"/><w:pgMar w:top="{MARGIN_VERTICAL}" w:right="{MARGIN_RIGHT}" w:bottom="{MARGIN_VERTICAL}" w:left="{MARGIN_LEFT}" w:header="567" w:footer="567" w:gutter="0"/><w:cols w:space="720"/><w:docGrid w:linePitch="360"/></w:sectPr>"#
    )
}

/// Options of every ZIP entry: deflate compression.
fn entry_options() -> SimpleFileOptions {
    SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated)
}

/// Writes a whole small entry `name` into the archive.
fn write_entry<W: Write + Seek>(
    zip: &mut ZipWriter<W>,
    name: &str,
    content: &str,
) -> io::Result<()> {
    zip.start_file(name, entry_options()).map_err(zip_error)?;
    zip.write_all(content.as_bytes())
}

/// A ZIP error as an I/O error, keeping the original I/O error if there is
/// one.
fn zip_error(error: ZipError) -> io::Error {
    match error {
        ZipError::Io(error) => error,
        other => io::Error::other(other),
    }
}

/// `docProps/core.xml`, whose title is `title`.
fn core_xml(title: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>{}</dc:title><dc:language>vi-VN</dc:language></cp:coreProperties>"#,
        escaped(title)
    )
}

/// `word/styles.xml`: Times New Roman 13 pt and language vi-VN by default,
/// and the styles Normal, Title, Heading1, Heading2 and TableText.
fn styles_xml() -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:styles xmlns:w="{NS_W}"><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="Times New Roman" w:cs="Times New Roman"/><w:sz w:val="26"/><w:szCs w:val="26"/><w:lang w:val="vi-VN" w:eastAsia="vi-VN" w:bidi="ar-SA"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:before="0" w:after="120" w:line="264" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>{STYLES}</w:styles>"#
    )
}

/// The style definitions of `word/styles.xml`.
const STYLES: &str = concat!(
    r#"<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/><w:pPr><w:jc w:val="both"/></w:pPr></w:style>"#,
    r#"<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:keepNext/><w:spacing w:before="240" w:after="240"/><w:jc w:val="center"/></w:pPr><w:rPr><w:b/><w:bCs/><w:sz w:val="28"/><w:szCs w:val="28"/></w:rPr></w:style>"#,
    r#"<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:keepNext/><w:keepLines/><w:spacing w:before="240" w:after="120"/><w:jc w:val="left"/><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:b/><w:bCs/></w:rPr></w:style>"#,
    r#"<w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:keepNext/><w:keepLines/><w:spacing w:before="120" w:after="120"/><w:jc w:val="left"/><w:outlineLvl w:val="1"/></w:pPr><w:rPr><w:b/><w:bCs/><w:i/><w:iCs/></w:rPr></w:style>"#,
    r#"<w:style w:type="paragraph" w:customStyle="1" w:styleId="TableText"><w:name w:val="Table Text"/><w:basedOn w:val="Normal"/><w:qFormat/><w:pPr><w:spacing w:before="40" w:after="40" w:line="240" w:lineRule="auto"/><w:jc w:val="left"/></w:pPr></w:style>"#,
    r#"<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>"#,
);

/// `[Content_Types].xml`.
const CONTENT_TYPES: &str = concat!(
    r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
    r#"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">"#,
    r#"<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>"#,
    r#"<Default Extension="xml" ContentType="application/xml"/>"#,
    r#"<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>"#,
    r#"<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>"#,
    r#"<Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/>"#,
    r#"<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>"#,
    r#"</Types>"#,
);

/// `_rels/.rels`: the package's main document and core properties.
const PACKAGE_RELS: &str = concat!(
    r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
    r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#,
    r#"<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>"#,
    r#"<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>"#,
    r#"</Relationships>"#,
);

/// `word/_rels/document.xml.rels`: the document's styles and settings.
const DOCUMENT_RELS: &str = concat!(
    r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
    r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#,
    r#"<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>"#,
    r#"<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/>"#,
    r#"</Relationships>"#,
);

/// `word/settings.xml`: the current compatibility mode (so Word does not
/// open the document in compatibility mode) and the document language.
const SETTINGS: &str = concat!(
    r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
    r#"<w:settings xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">"#,
    r#"<w:defaultTabStop w:val="720"/><w:characterSpacingControl w:val="doNotCompress"/>"#,
    r#"<w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>"#,
    r#"<w:themeFontLang w:val="vi-VN"/>"#,
    r#"</w:settings>"#,
);

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{BufReader, Cursor, Read};

    use quick_xml::Reader;
    use quick_xml::events::Event;

    /// The text of every paragraph of word/document.xml, in order (table
    /// cell paragraphs included, tabs as '\t').
    fn paragraphs(bytes: &[u8]) -> Vec<String> {
        let xml = entry(bytes, "word/document.xml");
        let mut reader = Reader::from_str(&xml);
        let mut result = Vec::new();
        let mut current = String::new();
        let mut in_text = false;
        loop {
            match reader.read_event().expect("well-formed document.xml") {
                Event::Start(e) if e.name().as_ref() == b"w:p" => current.clear(),
                Event::Start(e) if e.name().as_ref() == b"w:t" => in_text = true,
                Event::End(e) if e.name().as_ref() == b"w:t" => in_text = false,
                Event::End(e) if e.name().as_ref() == b"w:p" => {
                    result.push(std::mem::take(&mut current));
                }
                Event::Empty(e) if e.name().as_ref() == b"w:p" => result.push(String::new()),
                Event::Empty(e) if e.name().as_ref() == b"w:tab" => current.push('\t'),
                Event::Text(t) if in_text => current.push_str(&t.unescape().expect("text")),
                Event::Eof => break,
                _ => {}
            }
        }
        result
    }

    /// The text of the ZIP entry `name`.
    fn entry(bytes: &[u8], name: &str) -> String {
        let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).expect("a zip archive");
        let mut text = String::new();
        archive
            .by_name(name)
            .expect("entry present")
            .read_to_string(&mut text)
            .expect("UTF-8 entry");
        text
    }

    /// Parses `xml` to the end, failing on malformed XML.
    fn assert_well_formed(xml: &str) {
        let mut reader = Reader::from_str(xml);
        reader.config_mut().check_end_names = true;
        loop {
            match reader.read_event() {
                Ok(Event::Eof) => break,
                Ok(_) => {}
                Err(e) => panic!("malformed XML at {}: {e}", reader.buffer_position()),
            }
        }
    }

    /// A small synthesis report, as bytes.
    fn sample_report() -> Vec<u8> {
        let mut docx = DocxWriter::new(Cursor::new(Vec::new()), "Bản tổng hợp ý kiến").unwrap();
        docx.title("BẢN TỔNG HỢP Ý KIẾN").unwrap();
        docx.heading("I. Tình hình lấy ý kiến", 1).unwrap();
        docx.paragraph("Dự thảo nhận được 3 ý kiến & <góp ý>.\nĐoạn thứ hai.")
            .unwrap();
        docx.start_table(&["STT", "Ý kiến", "Giải trình"], &[700, 4500, 3871])
            .unwrap();
        docx.group_row("Điều 5. Phạm vi điều chỉnh").unwrap();
        docx.row(&["1", "Đề nghị bổ sung \"tổ chức\" & 'cá nhân'", "Tiếp thu"])
            .unwrap();
        docx.row(&["2", "a < b > c\nDòng hai"]).unwrap();
        docx.row(&["3", "Giữ nguyên", "Không tiếp thu", "thừa"])
            .unwrap();
        docx.end_table().unwrap();
        docx.heading("II. Kết luận", 2).unwrap();
        docx.finish().unwrap().into_inner()
    }

    #[test]
    fn report_reads_back_every_text_in_order() {
        let bytes = sample_report();
        for part in [
            "[Content_Types].xml",
            "_rels/.rels",
            "word/_rels/document.xml.rels",
            "word/styles.xml",
            "word/settings.xml",
            "docProps/core.xml",
        ] {
            assert_well_formed(&entry(&bytes, part));
        }
        assert!(
            entry(&bytes, "docProps/core.xml").contains("<dc:title>Bản tổng hợp ý kiến</dc:title>")
        );
        let texts: Vec<String> = paragraphs(&bytes)
            .into_iter()
            .filter(|p| !p.is_empty())
            .collect();
        let expected = [
            "BẢN TỔNG HỢP Ý KIẾN",
            "I. Tình hình lấy ý kiến",
            "Dự thảo nhận được 3 ý kiến & <góp ý>.",
            "Đoạn thứ hai.",
            "STT",
            "Ý kiến",
            "Giải trình",
            "Điều 5. Phạm vi điều chỉnh",
            "1",
            "Đề nghị bổ sung \"tổ chức\" & 'cá nhân'",
            "Tiếp thu",
            "2",
            "a < b > c",
            "Dòng hai",
            "3",
            "Giữ nguyên",
            "Không tiếp thu",
            "II. Kết luận",
        ];
        assert_eq!(texts, expected);
    }

    #[test]
    fn rows_are_padded_and_extra_cells_ignored() {
        let xml = entry(&sample_report(), "word/document.xml");
        // Header, group row and three rows; each ordinary row has three cells.
        assert_eq!(xml.matches("<w:tr>").count(), 5);
        assert_eq!(xml.matches("<w:tc>").count(), 3 + 1 + 3 * 3);
        assert!(!xml.contains("thừa"));
        assert!(xml.contains(r#"<w:gridSpan w:val="3"/>"#));
    }

    #[test]
    fn page_is_a4_with_administrative_margins_and_times_new_roman() {
        let bytes = sample_report();
        let xml = entry(&bytes, "word/document.xml");
        let section = &xml[xml.find("<w:sectPr>").expect("sectPr")..];
        assert!(section.contains(r#"<w:pgSz w:w="11906" w:h="16838"/>"#));
        assert!(section.contains(r#"w:top="1134" w:right="1134" w:bottom="1134" w:left="1701""#));
        assert!(xml.ends_with("</w:sectPr></w:body></w:document>"));
        let styles = entry(&bytes, "word/styles.xml");
        let defaults = &styles[..styles.find("</w:docDefaults>").expect("docDefaults")];
        for font in ["ascii", "hAnsi", "eastAsia", "cs"] {
            assert!(defaults.contains(&format!(r#"w:{font}="Times New Roman""#)));
        }
        assert!(defaults.contains(r#"<w:sz w:val="26"/>"#));
        assert!(defaults.contains(r#"<w:lang w:val="vi-VN""#));
        for style in ["Title", "Heading1", "Heading2"] {
            assert!(styles.contains(&format!(r#"w:styleId="{style}""#)));
        }
    }

    #[test]
    fn header_row_repeats_on_every_page() {
        let xml = entry(&sample_report(), "word/document.xml");
        let first_row = &xml[xml.find("<w:tr>").expect("a row")..];
        assert!(first_row.starts_with("<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>"));
        assert_eq!(xml.matches("<w:tblHeader/>").count(), 1);
        assert_eq!(xml.matches(r#"<w:gridCol w:w=""#).count(), 3);
        assert!(xml.contains(r#"<w:insideH w:val="single""#));
        assert!(xml.contains(r#"<w:insideV w:val="single""#));
    }

    #[test]
    fn control_characters_are_dropped_and_xml_stays_well_formed() {
        let mut docx = DocxWriter::new(Cursor::new(Vec::new()), "a\u{0}b\u{1b}").unwrap();
        docx.paragraph("Bell\u{7} form\u{c}feed \u{FFFF}end\ttab  two spaces")
            .unwrap();
        docx.start_table(&["A\u{1}"], &[]).unwrap();
        docx.row(&["x\u{8}y\r\nz\rw"]).unwrap();
        docx.group_row("\u{0}").unwrap();
        let bytes = docx.finish().unwrap().into_inner();
        let xml = entry(&bytes, "word/document.xml");
        assert_well_formed(&xml);
        assert_well_formed(&entry(&bytes, "docProps/core.xml"));
        assert!(entry(&bytes, "docProps/core.xml").contains("<dc:title>ab</dc:title>"));
        assert!(!xml.chars().any(|c| c < ' ' || c == '\u{FFFF}'));
        let texts = paragraphs(&bytes);
        assert_eq!(
            texts,
            [
                "Bell formfeed end\ttab  two spaces",
                "A",
                "xy",
                "z",
                "w",
                "",
                ""
            ]
        );
    }

    #[test]
    fn misuse_does_not_corrupt_the_document() {
        let mut docx = DocxWriter::new(Cursor::new(Vec::new()), "t").unwrap();
        let error = docx.row(&["outside"]).unwrap_err();
        assert_eq!(error.kind(), io::ErrorKind::InvalidInput);
        assert!(docx.group_row("outside").is_err());
        docx.end_table().unwrap();
        docx.start_table(&[], &[]).unwrap();
        docx.row(&[]).unwrap();
        docx.start_table(&["a", "b"], &[3000]).unwrap();
        docx.row(&["1", "2"]).unwrap();
        docx.paragraph("after").unwrap();
        docx.start_table(&["c"], &[2000]).unwrap();
        let bytes = docx.finish().unwrap().into_inner();
        let xml = entry(&bytes, "word/document.xml");
        assert_well_formed(&xml);
        assert_eq!(xml.matches("<w:tbl>").count(), 3);
        assert_eq!(xml.matches("</w:tbl>").count(), 3);
        // Adjacent tables are separated, and the body ends with a paragraph.
        assert!(!xml.contains("</w:tbl><w:tbl>"));
        assert!(xml.contains("</w:tbl><w:p/><w:sectPr>"));
        // The missing second width takes the rest of the text width.
        assert!(xml.contains(r#"<w:gridCol w:w="3000"/><w:gridCol w:w="6071"/>"#));
        assert!(!xml.contains("outside"));
    }

    #[test]
    fn huge_widths_do_not_overflow() {
        let mut docx = DocxWriter::new(Cursor::new(Vec::new()), "t").unwrap();
        docx.start_table(&["a", "b", "c"], &[u32::MAX, u32::MAX])
            .unwrap();
        docx.group_row("g").unwrap();
        let xml = entry(&docx.finish().unwrap().into_inner(), "word/document.xml");
        assert!(xml.contains(&format!(r#"<w:tblW w:w="{}""#, u32::MAX)));
        assert!(xml.contains(r#"<w:gridCol w:w="567"/>"#));
    }

    #[test]
    fn hundred_thousand_rows_stream_into_a_file() {
        const ROWS: usize = 100_000;
        let file = tempfile::tempfile().unwrap();
        let started = std::time::Instant::now();
        let mut docx = DocxWriter::new(file, "Bản tổng hợp").unwrap();
        docx.title("BẢN TỔNG HỢP Ý KIẾN").unwrap();
        docx.start_table(&["STT", "Ý kiến", "Giải trình"], &[700, 4500, 3871])
            .unwrap();
        for index in 0..ROWS {
            if index % 1000 == 0 {
                docx.group_row(&format!("Điều {}. Phạm vi điều chỉnh", index / 1000 + 1))
                    .unwrap();
            }
            let number = (index + 1).to_string();
            docx.row(&[
                &number,
                "Đề nghị làm rõ khái niệm \"cơ quan\" & <đơn vị>",
                "Tiếp thu",
            ])
            .unwrap();
        }
        docx.end_table().unwrap();
        let mut file = docx.finish().unwrap();
        let written = started.elapsed();
        file.rewind().unwrap();
        let mut archive = zip::ZipArchive::new(BufReader::new(file)).unwrap();
        let document = archive.by_name("word/document.xml").unwrap();
        let mut reader = Reader::from_reader(BufReader::new(document));
        let (mut rows, mut headers) = (0usize, 0usize);
        let mut buffer = Vec::new();
        loop {
            match reader.read_event_into(&mut buffer).unwrap() {
                Event::Start(e) if e.name().as_ref() == b"w:tr" => rows += 1,
                Event::Empty(e) if e.name().as_ref() == b"w:tblHeader" => headers += 1,
                Event::Eof => break,
                _ => {}
            }
            buffer.clear();
        }
        assert_eq!(rows, 1 + ROWS / 1000 + ROWS);
        assert_eq!(headers, 1);
        eprintln!(
            "100,000 rows: written in {written:?}, total {:?}",
            started.elapsed()
        );
    }

    #[test]
    fn escaping_keeps_plain_text_and_replaces_markup() {
        assert_eq!(escaped("Điều 5. Phạm vi"), "Điều 5. Phạm vi");
        assert_eq!(
            escaped(r#"<a href="x">&'"#),
            "&lt;a href=&quot;x&quot;&gt;&amp;&apos;"
        );
        assert_eq!(escaped("a\u{0}\u{1f}\u{fffe}b\u{10000}"), "ab\u{10000}");
    }
}
