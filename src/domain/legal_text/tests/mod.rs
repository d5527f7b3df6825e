//! Tests of the legal-text parser: the real texts in `shared/data`, small
//! synthetic texts (one behaviour each), and properties on arbitrary input.

mod corpus;
mod props;
mod synthetic;

use super::{Document, Kind, Provision};

/// Provisions of `kind` in the document's own and attached trees.
fn count(doc: &Document, kind: Kind) -> usize {
    doc.provisions
        .iter()
        .chain(doc.attached.iter().flat_map(|a| a.provisions.iter()))
        .flat_map(Provision::walk)
        .filter(|p| p.kind == kind)
        .count()
}

/// The clauses of an article and the points of those clauses.
fn clauses_and_points(article: &Provision) -> (usize, usize) {
    let clauses: Vec<&Provision> = article
        .children
        .iter()
        .filter(|c| c.kind == Kind::Clause)
        .collect();
    let points = clauses
        .iter()
        .flat_map(|c| &c.children)
        .filter(|p| p.kind == Kind::Point)
        .count();
    (clauses.len(), points)
}

/// The anchors of every provision, in document order.
fn anchors(doc: &Document) -> Vec<&str> {
    doc.all_provisions()
        .into_iter()
        .map(|p| p.anchor.as_str())
        .collect()
}
