//! Files gopy writes for people to download: CSV that spreadsheet programs
//! open safely, and the synthesis report as an editable Word file.

pub mod csv;
pub mod docx;
pub mod open_data;
