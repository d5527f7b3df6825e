//! Documents gopy writes for people to download: the synthesis report as an
//! editable Word file.

pub mod docx;
