//! CSV as spreadsheet programs read it: a UTF-8 byte-order mark first (or
//! Vietnamese letters come out garbled), and cells that a spreadsheet would
//! run as a formula (starting with `=`, `+`, `-`, `@`, a tab or a carriage
//! return) prefixed with an apostrophe.

use std::borrow::Cow;

/// The UTF-8 byte-order mark that starts every export.
pub const BOM: &[u8] = b"\xef\xbb\xbf";

/// `cell`, made safe to open in a spreadsheet.
pub fn safe_cell(cell: &str) -> Cow<'_, str> {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => Cow::Owned(format!("'{cell}")),
        _ => Cow::Borrowed(cell),
    }
}

/// Rows written into a buffer that the caller sends in pieces.
pub struct CsvChunk {
    writer: csv::Writer<Vec<u8>>,
}

impl CsvChunk {
    /// An empty chunk; `with_bom` for the first chunk of a file.
    pub fn new(with_bom: bool) -> CsvChunk {
        let buffer = if with_bom { BOM.to_vec() } else { Vec::new() };
        CsvChunk {
            writer: csv::WriterBuilder::new()
                .terminator(csv::Terminator::CRLF)
                .from_writer(buffer),
        }
    }

    /// Appends one row, every cell made safe.
    pub fn row<'a>(&mut self, cells: impl IntoIterator<Item = &'a str>) -> csv::Result<()> {
        for cell in cells {
            self.writer.write_field(safe_cell(cell).as_bytes())?;
        }
        self.writer.write_record(None::<&[u8]>)
    }

    /// The bytes written so far.
    pub fn into_bytes(self) -> csv::Result<Vec<u8>> {
        self.writer
            .into_inner()
            .map_err(|e| csv::Error::from(e.into_error()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_defused_and_text_is_kept() {
        assert_eq!(safe_cell("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(safe_cell("+84 912"), "'+84 912");
        assert_eq!(safe_cell("-1"), "'-1");
        assert_eq!(safe_cell("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(safe_cell("Điều 5"), "Điều 5");
        assert_eq!(safe_cell(""), "");
    }

    #[test]
    fn a_file_starts_with_a_bom_and_reads_back() {
        let mut chunk = CsvChunk::new(true);
        chunk.row(["mã", "nội dung"]).unwrap();
        chunk
            .row(["1", "Dòng một\nDòng hai, có dấu phẩy và \"ngoặc\""])
            .unwrap();
        chunk.row(["2", "=1+1"]).unwrap();
        let bytes = chunk.into_bytes().unwrap();
        assert!(bytes.starts_with(BOM));
        let mut reader = csv::Reader::from_reader(&bytes[BOM.len()..]);
        let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
        assert_eq!(rows.len(), 2);
        assert_eq!(&rows[0][1], "Dòng một\nDòng hai, có dấu phẩy và \"ngoặc\"");
        assert_eq!(&rows[1][1], "'=1+1");
        let next = CsvChunk::new(false).into_bytes().unwrap();
        assert!(next.is_empty(), "only the first chunk has the mark");
    }
}
