//! Open data files: the datasets the portal publishes, their fields, and how a
//! batch of records becomes a piece of a CSV or JSON Lines file.
//!
//! Field names are the same in both formats and do not depend on the
//! language, so scripts keep working; `/open-data` explains them in
//! Vietnamese and English.

use serde::Serialize;
use serde_json::Value;

use super::csv::CsvChunk;

/// A dataset published at `/open-data/{name}.{csv,jsonl}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dataset {
    Drafts,
    Provisions,
    Comments,
    Responses,
    Appraisals,
    AppraisalPoints,
    Ledger,
}

/// A file format of the exports.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Csv,
    JsonLines,
}

/// The fields shared by every record that has an entry in the ledger.
const LEDGER: [&str; 2] = ["ledger_seq", "ledger_hash"];

impl Dataset {
    /// Every dataset, in the order the page lists them.
    pub const ALL: [Dataset; 7] = [
        Dataset::Drafts,
        Dataset::Provisions,
        Dataset::Comments,
        Dataset::Responses,
        Dataset::Appraisals,
        Dataset::AppraisalPoints,
        Dataset::Ledger,
    ];

    /// The name in URLs and file names.
    pub fn name(self) -> &'static str {
        match self {
            Dataset::Drafts => "drafts",
            Dataset::Provisions => "provisions",
            Dataset::Comments => "comments",
            Dataset::Responses => "responses",
            Dataset::Appraisals => "appraisals",
            Dataset::AppraisalPoints => "appraisal-points",
            Dataset::Ledger => "ledger",
        }
    }

    /// The dataset called `name`, if any.
    pub fn parse(name: &str) -> Option<Dataset> {
        Dataset::ALL.into_iter().find(|d| d.name() == name)
    }

    /// The fields of each record, in file order (CSV columns, JSON keys).
    pub fn fields(self) -> Vec<&'static str> {
        let own: &[&str] = match self {
            Dataset::Drafts => &[
                "id",
                "slug",
                "title",
                "agency_id",
                "agency",
                "doc_type",
                "field",
                "status",
                "summary",
                "affected_groups",
                "opens_on",
                "closes_on",
                "closes_at",
                "rule_min_days",
                "rule_legal_basis",
                "allow_late",
                "created_at",
                "synthesis_published_at",
            ],
            Dataset::Provisions => &[
                "draft",
                "version",
                "version_published_at",
                "position",
                "depth",
                "kind",
                "number",
                "anchor",
                "short_anchor",
                "parent_anchor",
                "title",
                "text",
            ],
            Dataset::Comments => &[
                "id",
                "draft",
                "version",
                "anchor",
                "question",
                "category",
                "author",
                "organisation",
                "on_behalf_of",
                "status",
                "late",
                "published_at",
                "withdrawn_at",
                "hidden_reason",
                "text",
                "sha256",
            ],
            Dataset::Responses => &[
                "id",
                "comment",
                "draft",
                "decision",
                "explanation",
                "version",
                "anchors",
                "group",
                "published_at",
                "superseded_at",
                "superseded_by",
            ],
            Dataset::Appraisals => &[
                "id",
                "draft",
                "version",
                "conclusion",
                "summary",
                "agency",
                "points",
                "report_file_name",
                "report_sha256",
                "created_at",
            ],
            Dataset::AppraisalPoints => &[
                "appraisal",
                "draft",
                "version",
                "position",
                "text",
                "anchors",
                "answers",
                "answer_decision",
                "answer_explanation",
                "answered_at",
                "challenged_at",
                "challenge_note",
            ],
            Dataset::Ledger => {
                return vec![
                    "seq",
                    "time",
                    "kind",
                    "subject",
                    "payload",
                    "prev_hash",
                    "hash",
                ];
            }
        };
        own.iter().chain(LEDGER.iter()).copied().collect()
    }

    /// The translation key of what `field` means in this dataset: its own
    /// key where the meaning is particular to it, else the shared one.
    pub fn field_keys(self, field: &str) -> [String; 2] {
        let field = field.replace('_', "-");
        [
            format!("opendata-field-{}-{field}", self.name()),
            format!("opendata-common-{field}"),
        ]
    }
}

impl Format {
    /// The format of a file name's extension (`csv`, `jsonl`).
    pub fn from_extension(extension: &str) -> Option<Format> {
        match extension {
            "csv" => Some(Format::Csv),
            "jsonl" => Some(Format::JsonLines),
            _ => None,
        }
    }

    /// The file name's extension.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Csv => "csv",
            Format::JsonLines => "jsonl",
        }
    }

    /// The `Content-Type` of a file.
    pub fn content_type(self) -> &'static str {
        match self {
            Format::Csv => "text/csv; charset=utf-8",
            Format::JsonLines => "application/x-ndjson",
        }
    }
}

/// Why a batch could not be written.
#[derive(Debug, thiserror::Error)]
pub enum EncodeError {
    #[error("csv: {0}")]
    Csv(#[from] csv::Error),
    #[error("json: {0}")]
    Json(#[from] serde_json::Error),
}

/// One record's value of a field as a CSV cell: empty for null, `true` or
/// `false`, numbers and text as they are.
fn cell(value: &Value) -> String {
    match value {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        Value::Bool(b) => b.to_string(),
        other => other.to_string(),
    }
}

/// `records` as the next piece of a `dataset` file in `format`. The first
/// piece of a CSV file carries the byte-order mark and the header row.
pub fn encode<R: Serialize>(
    dataset: Dataset,
    format: Format,
    first: bool,
    records: &[R],
) -> Result<Vec<u8>, EncodeError> {
    match format {
        Format::JsonLines => {
            let mut out = Vec::with_capacity(records.len() * 512);
            for record in records {
                serde_json::to_writer(&mut out, record)?;
                out.push(b'\n');
            }
            Ok(out)
        }
        Format::Csv => {
            let fields = dataset.fields();
            let mut chunk = CsvChunk::new(first);
            if first {
                chunk.row(fields.iter().copied())?;
            }
            for record in records {
                let value = serde_json::to_value(record)?;
                let cells: Vec<String> = fields.iter().map(|f| cell(&value[*f])).collect();
                chunk.row(cells.iter().map(String::as_str))?;
            }
            Ok(chunk.into_bytes()?)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Serialize)]
    struct Sample {
        seq: i64,
        time: String,
        kind: String,
        subject: Option<String>,
        payload: String,
        prev_hash: bool,
        hash: String,
    }

    fn sample(kind: &str) -> Sample {
        Sample {
            seq: 7,
            time: "2026-01-02T03:04:05Z".into(),
            kind: kind.into(),
            subject: None,
            payload: "{\"a\":1}".into(),
            prev_hash: true,
            hash: "ab".into(),
        }
    }

    #[test]
    fn names_round_trip_and_unknown_names_are_refused() {
        for dataset in Dataset::ALL {
            assert_eq!(Dataset::parse(dataset.name()), Some(dataset));
        }
        assert_eq!(Dataset::parse("users"), None);
        assert_eq!(Format::from_extension("jsonl"), Some(Format::JsonLines));
        assert_eq!(Format::from_extension("json"), None);
    }

    #[test]
    fn every_dataset_but_the_ledger_ends_with_its_ledger_entry() {
        for dataset in Dataset::ALL {
            let fields = dataset.fields();
            let mut unique = fields.clone();
            unique.sort_unstable();
            unique.dedup();
            assert_eq!(unique.len(), fields.len(), "{dataset:?} repeats a field");
            let ends = fields.ends_with(&LEDGER);
            assert_eq!(ends, dataset != Dataset::Ledger, "{dataset:?}");
        }
    }

    #[test]
    fn csv_has_a_header_once_and_defuses_formulas() {
        let first = encode(Dataset::Ledger, Format::Csv, true, &[sample("=cmd")]).unwrap();
        let next = encode(Dataset::Ledger, Format::Csv, false, &[sample("x")]).unwrap();
        assert!(first.starts_with(super::super::csv::BOM));
        assert!(!next.starts_with(super::super::csv::BOM));
        let mut all = first[3..].to_vec();
        all.extend_from_slice(&next);
        let mut reader = csv::Reader::from_reader(all.as_slice());
        let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
        assert_eq!(header, Dataset::Ledger.fields());
        let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
        assert_eq!(rows.len(), 2);
        assert_eq!(&rows[0][2], "'=cmd");
        assert_eq!(&rows[0][3], "", "null is an empty cell");
        assert_eq!(&rows[0][5], "true");
        assert_eq!(&rows[1][4], "{\"a\":1}");
    }

    #[test]
    fn json_lines_are_one_object_per_line_in_field_order() {
        let bytes = encode(
            Dataset::Ledger,
            Format::JsonLines,
            true,
            &[sample("a\nb"), sample("c")],
        )
        .unwrap();
        let text = String::from_utf8(bytes).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 2, "a newline in a value stays escaped");
        let value: Value = serde_json::from_str(lines[0]).unwrap();
        assert_eq!(value["kind"], "a\nb");
        assert!(lines[0].starts_with("{\"seq\":7,\"time\""));
        assert!(text.ends_with('\n'));
    }
}
