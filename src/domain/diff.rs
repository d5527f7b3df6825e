//! The per-provision difference between two versions: provisions are matched
//! by anchor, and a changed provision gets a word-level diff.

use std::collections::HashMap;

use similar::{ChangeTag, TextDiff};

/// What happened to a provision between two versions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Change {
    Added,
    Removed,
    Changed,
    Unchanged,
}

/// A run of words in a changed provision.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Segment {
    /// `equal`, `insert` or `delete`.
    pub op: &'static str,
    pub text: String,
}

/// One provision's fate.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct ProvisionDiff {
    pub anchor: String,
    pub change: Change,
    /// The words, old and new interleaved (for added or removed provisions,
    /// one segment of the whole text).
    pub segments: Vec<Segment>,
}

/// A provision's comparable content: its anchor and its text (title and body).
pub struct Side<'a> {
    pub anchor: &'a str,
    pub text: &'a str,
}

fn words(old: &str, new: &str) -> Vec<Segment> {
    let diff = TextDiff::from_words(old, new);
    let mut segments: Vec<Segment> = Vec::new();
    for change in diff.iter_all_changes() {
        let op = match change.tag() {
            ChangeTag::Equal => "equal",
            ChangeTag::Insert => "insert",
            ChangeTag::Delete => "delete",
        };
        match segments.last_mut() {
            Some(last) if last.op == op => last.text.push_str(change.value()),
            _ => segments.push(Segment {
                op,
                text: change.value().to_string(),
            }),
        }
    }
    segments
}

/// Compares two versions in the new version's order; a removed provision is
/// placed after the provision that preceded it in the old version.
pub fn diff(old: &[Side<'_>], new: &[Side<'_>]) -> Vec<ProvisionDiff> {
    let old_by_anchor: HashMap<&str, &str> = old.iter().map(|s| (s.anchor, s.text)).collect();
    let new_anchors: HashMap<&str, ()> = new.iter().map(|s| (s.anchor, ())).collect();
    let mut out = Vec::with_capacity(new.len());
    // Removed provisions, keyed by the anchor they followed in the old version.
    let mut removed_after: HashMap<Option<&str>, Vec<&Side<'_>>> = HashMap::new();
    let mut previous: Option<&str> = None;
    for side in old {
        if !new_anchors.contains_key(side.anchor) {
            removed_after.entry(previous).or_default().push(side);
        } else {
            previous = Some(side.anchor);
        }
    }
    let removed = |side: &Side<'_>| ProvisionDiff {
        anchor: side.anchor.to_string(),
        change: Change::Removed,
        segments: vec![Segment {
            op: "delete",
            text: side.text.to_string(),
        }],
    };
    for side in removed_after.remove(&None).unwrap_or_default() {
        out.push(removed(side));
    }
    for side in new {
        let entry = match old_by_anchor.get(side.anchor) {
            None => ProvisionDiff {
                anchor: side.anchor.to_string(),
                change: Change::Added,
                segments: vec![Segment {
                    op: "insert",
                    text: side.text.to_string(),
                }],
            },
            Some(before) if *before == side.text => ProvisionDiff {
                anchor: side.anchor.to_string(),
                change: Change::Unchanged,
                segments: vec![Segment {
                    op: "equal",
                    text: side.text.to_string(),
                }],
            },
            Some(before) => ProvisionDiff {
                anchor: side.anchor.to_string(),
                change: Change::Changed,
                segments: words(before, side.text),
            },
        };
        out.push(entry);
        for gone in removed_after.remove(&Some(side.anchor)).unwrap_or_default() {
            out.push(removed(gone));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sides<'a>(pairs: &'a [(&'a str, &'a str)]) -> Vec<Side<'a>> {
        pairs
            .iter()
            .map(|(anchor, text)| Side { anchor, text })
            .collect()
    }

    #[test]
    fn provisions_are_matched_by_anchor() {
        let old = [
            ("dieu-1", "Phạm vi"),
            ("dieu-2", "Đối tượng áp dụng"),
            ("dieu-3", "Hiệu lực"),
        ];
        let new = [
            ("dieu-1", "Phạm vi"),
            ("dieu-2", "Đối tượng được áp dụng"),
            ("dieu-2a", "Giải thích từ ngữ"),
        ];
        let result = diff(&sides(&old), &sides(&new));
        let changes: Vec<(&str, Change)> = result
            .iter()
            .map(|d| (d.anchor.as_str(), d.change))
            .collect();
        assert_eq!(
            changes,
            vec![
                ("dieu-1", Change::Unchanged),
                ("dieu-2", Change::Changed),
                ("dieu-3", Change::Removed),
                ("dieu-2a", Change::Added),
            ]
        );
    }

    #[test]
    fn a_changed_provision_gets_word_level_highlights() {
        let old = [("dieu-2", "trong thời hạn 15 ngày làm việc")];
        let new = [("dieu-2", "trong thời hạn 10 ngày làm việc")];
        let result = diff(&sides(&old), &sides(&new));
        let segments = &result[0].segments;
        assert!(
            segments
                .iter()
                .any(|s| s.op == "delete" && s.text.contains("15"))
        );
        assert!(
            segments
                .iter()
                .any(|s| s.op == "insert" && s.text.contains("10"))
        );
        assert!(
            segments
                .iter()
                .any(|s| s.op == "equal" && s.text.contains("ngày làm việc"))
        );
    }

    #[test]
    fn a_provision_removed_at_the_start_comes_first() {
        let old = [("dieu-1", "a"), ("dieu-2", "b")];
        let new = [("dieu-2", "b")];
        let result = diff(&sides(&old), &sides(&new));
        assert_eq!(result[0].anchor, "dieu-1");
        assert_eq!(result[0].change, Change::Removed);
    }
}
