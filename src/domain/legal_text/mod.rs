//! The Vietnamese legal-text parser: plain text of a legal document in,
//! metadata and a tree of provisions with stable anchors out.
//!
//! The structure follows the layout rules for legal documents (Decrees
//! 34/2016 and 154/2020, and the usual gazette layout): Phần → Chương → Mục →
//! Tiểu mục → Điều → Khoản → Điểm, annexes (Phụ lục, Mẫu số) after the
//! signature block, and a regulation issued with a decision ("Quy định ban
//! hành kèm theo Quyết định ...") kept as its own tree. The header and the
//! signature block stay out of the tree, in [`Metadata`]. Wording quoted by an
//! amending text ("Điều 25. ..." inside quotation marks) is content of the
//! provision that quotes it.
//!
//! Input is normalised first: NFC, any line ending, non-breaking spaces and
//! tabs. [`parse`] never fails and never panics; text it cannot place is kept
//! as the text of the nearest provision (or of the preamble).

mod annexes;
mod header;
mod labels;
mod lines;
mod markers;
mod parser;
mod tree;

#[cfg(test)]
mod tests;

use serde::{Deserialize, Serialize};

/// Parses the plain text of a legal document (one paragraph per line).
pub fn parse(text: &str) -> Document {
    parser::parse(text)
}

/// A parsed legal document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Document {
    /// What the header and the signature block say.
    pub metadata: Metadata,
    /// The document's own tree: parts, chapters, sections, articles.
    pub provisions: Vec<Provision>,
    /// A regulation issued with the document, with its own tree.
    pub attached: Option<Attached>,
    /// Annexes and forms after the signature block (kind [`Kind::Annex`]).
    pub annexes: Vec<Provision>,
}

/// A regulation issued with a decision ("QUY ĐỊNH ... (Ban hành kèm theo
/// Quyết định số ...)"); its numbering restarts, its anchors start "quy-dinh/"
/// (or "quy-che/").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Attached {
    /// Its title lines joined by spaces, "(Ban hành kèm theo ...)" included.
    pub title: String,
    /// Its tree.
    pub provisions: Vec<Provision>,
}

/// What the header and the signature block of a document say.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Metadata {
    /// The number and symbol, "31/2011/QĐ-UBND" (from "Số: ...").
    pub number: Option<String>,
    /// Best effort: "Ủy ban nhân dân tỉnh Gia Lai", "Chủ tịch Ủy ban nhân dân
    /// tỉnh Bình Định", "Quốc hội (khóa XV, kỳ họp thứ 9)".
    pub issuing_body: Option<String>,
    /// Where it was signed, "Gia Lai".
    pub place: Option<String>,
    /// When it was signed, YYYY-MM-DD; None when the date is blank (drafts).
    pub date: Option<String>,
    /// The document type as written: "QUYẾT ĐỊNH", "LUẬT", "NGHỊ QUYẾT".
    pub doc_type: Option<String>,
    /// The title lines after the type, joined by spaces.
    pub title: Option<String>,
    /// The preamble: "Căn cứ ...", "Theo đề nghị ...", and any other line
    /// between the title and the first provision ("Quốc hội ban hành ...").
    pub bases: Vec<String>,
    /// The signature block: "Nơi nhận:", recipients, "TM. ỦY BAN NHÂN DÂN",
    /// "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", the name; for a law, the adoption
    /// formula ("Luật này được Quốc hội ... thông qua ...").
    pub signature: Vec<String>,
}

/// The kind of a provision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// Phần.
    Part,
    /// Chương.
    Chapter,
    /// Mục.
    Section,
    /// Tiểu mục.
    Subsection,
    /// Điều.
    Article,
    /// Khoản ("1.", "2a.").
    Clause,
    /// Điểm ("a)", "đ)", "a1)").
    Point,
    /// Phụ lục or Mẫu số.
    Annex,
}

/// One node of a provision tree.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Provision {
    /// What it is.
    pub kind: Kind,
    /// The number as written: "II", "thứ nhất", "5a", "đ", "a1", "01".
    pub number: String,
    /// The full path from the top, unique in the document:
    /// "chuong-2/dieu-5/khoan-2/diem-a", "quy-dinh/chuong-1/dieu-1", "phu-luc-01".
    pub anchor: String,
    /// "Phạm vi điều chỉnh" for "Điều 1. Phạm vi điều chỉnh", a chapter's or an
    /// annex's title; None for "Điều 8." and for an article whose first line is
    /// a sentence.
    pub title: Option<String>,
    /// Its own lines (not its children's), joined by "\n".
    pub text: String,
    /// The provisions under it, in document order.
    pub children: Vec<Provision>,
}

impl Document {
    /// What the parser promises for any input, checked by the tests and the
    /// fuzz target: anchors are lower-case ASCII paths, unique, extend their
    /// parent's anchor, and resolve to their own provision. `None` when all
    /// hold, else the first broken promise.
    pub fn anchor_problem(&self) -> Option<String> {
        let mut seen = std::collections::HashSet::new();
        for provision in self.all_provisions() {
            let anchor = &provision.anchor;
            if !seen.insert(anchor.as_str()) {
                return Some(format!("duplicate anchor {anchor}"));
            }
            let ascii = anchor
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'/');
            if anchor.is_empty() || !ascii {
                return Some(format!("malformed anchor {anchor:?}"));
            }
            if let Some(child) = provision
                .children
                .iter()
                .find(|c| !c.anchor.starts_with(&format!("{anchor}/")))
            {
                return Some(format!("{} is not under {anchor}", child.anchor));
            }
            if self.resolve(anchor).map(|p| &p.anchor) != Some(anchor) {
                return Some(format!("{anchor} does not resolve to itself"));
            }
        }
        None
    }

    /// Finds a provision by its full anchor or, when the article number is
    /// unique in its tree, by a short anchor that starts at the article:
    /// "dieu-5/khoan-2" in the document's own tree, "quy-dinh/dieu-2" in the
    /// attached regulation's.
    pub fn resolve(&self, anchor: &str) -> Option<&Provision> {
        let all = self.trees().into_iter().flatten();
        if let Some(found) = all.flat_map(Provision::walk).find(|p| p.anchor == anchor) {
            return Some(found);
        }
        let (tree, short) = match (&self.attached, anchor.split_once('/')) {
            (Some(attached), Some((prefix, rest))) if Some(prefix) == attached_prefix(attached) => {
                (attached.provisions.as_slice(), rest)
            }
            _ => (self.provisions.as_slice(), anchor),
        };
        let mut segments = short.split('/');
        let first = segments.next().filter(|s| s.starts_with("dieu-"))?;
        let mut matches = tree
            .iter()
            .flat_map(Provision::walk)
            .filter(|p| p.kind == Kind::Article && last_segment(&p.anchor) == first);
        let article = matches.next()?;
        if matches.next().is_some() {
            return None;
        }
        segments.try_fold(article, |node, segment| {
            node.children
                .iter()
                .find(|c| last_segment(&c.anchor) == segment)
        })
    }

    /// Every article in document order: the document's own, then the attached
    /// regulation's.
    pub fn articles(&self) -> Vec<&Provision> {
        self.provisions
            .iter()
            .chain(self.attached.iter().flat_map(|a| a.provisions.iter()))
            .flat_map(Provision::walk)
            .filter(|p| p.kind == Kind::Article)
            .collect()
    }

    /// The three trees: own provisions, attached, annexes.
    fn trees(&self) -> [&[Provision]; 3] {
        let attached = self
            .attached
            .as_ref()
            .map_or(&[][..], |a| a.provisions.as_slice());
        [
            self.provisions.as_slice(),
            attached,
            self.annexes.as_slice(),
        ]
    }

    /// Every provision in the document, depth first: own, attached, annexes.
    pub fn all_provisions(&self) -> Vec<&Provision> {
        self.trees()
            .into_iter()
            .flatten()
            .flat_map(Provision::walk)
            .collect()
    }
}

impl Provision {
    /// This provision and all its descendants, depth first in document order.
    pub fn walk(&self) -> Vec<&Provision> {
        let mut out = vec![self];
        for child in &self.children {
            out.extend(child.walk());
        }
        out
    }
}

/// "quy-dinh" for anchors "quy-dinh/...".
fn attached_prefix(attached: &Attached) -> Option<&str> {
    attached
        .provisions
        .first()
        .and_then(|p| p.anchor.split_once('/'))
        .map(|(prefix, _)| prefix)
}

fn last_segment(anchor: &str) -> &str {
    anchor.rsplit('/').next().unwrap_or(anchor)
}
