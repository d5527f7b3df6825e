//! The walk over the lines: which zone of the document each line belongs to
//! (header, the document's own provisions, signature block, attached
//! regulation, annexes), handing each to the right builder.

use super::annexes::{annex_heading, is_attached_type, mentions_attachment};
use super::header::HeaderBuilder;
use super::labels::label;
use super::lines::{Line, is_table_row, normalise};
use super::markers::{
    adoption_session, is_adoption_formula, is_recipients, is_signer_title, is_signing_mark,
};
use super::tree::TreeBuilder;
use super::{Attached, Document, Kind};
use crate::domain::text::fold;

/// The part of the document a line falls in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Zone {
    Header,
    Body,
    Signature,
    AttachedTitle,
    AttachedBody,
    Annex,
}

/// How many lines after an upper-case "QUY ĐỊNH" line may hold the "(Ban hành
/// kèm theo ...)" line that marks it as the title of an attached regulation.
const ATTACHMENT_LOOKAHEAD: usize = 4;

struct Parser<'a> {
    lines: &'a [Line],
    zone: Zone,
    header: HeaderBuilder,
    signature: Vec<String>,
    own: TreeBuilder,
    attached_title: Vec<String>,
    attached: Option<TreeBuilder>,
    annexes: TreeBuilder,
}

/// Parses normalised lines into a document.
pub(super) fn parse(text: &str) -> Document {
    let lines = normalise(text);
    let mut parser = Parser {
        lines: &lines,
        zone: Zone::Header,
        header: HeaderBuilder::default(),
        signature: Vec::new(),
        own: TreeBuilder::new(),
        attached_title: Vec::new(),
        attached: None,
        annexes: TreeBuilder::new(),
    };
    for i in 0..lines.len() {
        parser.line(i);
    }
    parser.finish()
}

impl Parser<'_> {
    fn line(&mut self, i: usize) {
        let line = &self.lines[i];
        let text = line.text.as_str();
        // Quoted wording and table rows are text wherever they are.
        let plain = !line.quoted && !is_table_row(text);
        match self.zone {
            Zone::Header => {
                if plain && label(text).is_some() {
                    self.zone = Zone::Body;
                    self.body_line(i);
                } else if plain && (is_recipients(text) || is_signing_mark(text)) {
                    self.zone = Zone::Signature;
                    self.signature.push(text.to_string());
                } else if self.header.push(text) {
                    self.zone = Zone::Body;
                }
            }
            Zone::Body | Zone::AttachedBody => self.body_line(i),
            Zone::Signature => {
                if plain && self.leaves_signature(i) {
                    return;
                }
                self.signature.push(text.to_string());
            }
            Zone::AttachedTitle => {
                if plain && self.starts_annex(text) {
                    return;
                }
                if plain && label(text).is_some() {
                    self.zone = Zone::AttachedBody;
                    self.body_line(i);
                    return;
                }
                self.attached_title.push(text.to_string());
            }
            Zone::Annex => {
                if plain && self.starts_annex(text) {
                    return;
                }
                if !(plain && self.annexes.take_title(text)) {
                    self.annexes.text(text);
                }
            }
        }
    }

    /// A line of the document's own provisions or of an attached regulation.
    fn body_line(&mut self, i: usize) {
        let text = self.lines[i].text.as_str();
        let plain = !self.lines[i].quoted && !is_table_row(text);
        let attached = self.zone == Zone::AttachedBody;
        if plain {
            if self.tree(attached).take_title(text) {
                return;
            }
            if self.starts_annex(text) {
                return;
            }
            if !attached && is_attached_type(text) && self.attachment_follows(i) {
                self.zone = Zone::AttachedTitle;
                self.attached_title.push(text.to_string());
                return;
            }
            if is_recipients(text)
                || is_signing_mark(text)
                || is_signer_title(text)
                || is_adoption_formula(text)
            {
                self.zone = Zone::Signature;
                self.signature.push(text.to_string());
                return;
            }
            if let Some(found) = label(text) {
                self.tree(attached).open_label(found);
                return;
            }
        }
        if !self.tree(attached).text(text) {
            // Text before the first provision: the end of the preamble, or
            // the attached regulation's title.
            if attached {
                self.attached_title.push(text.to_string());
            } else {
                self.header.push_preamble(text);
            }
        }
    }

    fn tree(&mut self, attached: bool) -> &mut TreeBuilder {
        if attached {
            self.attached.get_or_insert_with(TreeBuilder::new)
        } else {
            &mut self.own
        }
    }

    /// After the signature block: an annex, the title of an attached
    /// regulation, or (without a title) its first chapter or article.
    fn leaves_signature(&mut self, i: usize) -> bool {
        let text = self.lines[i].text.as_str();
        if self.starts_annex(text) {
            return true;
        }
        if is_attached_type(text) || (text.starts_with('(') && mentions_attachment(text)) {
            self.zone = Zone::AttachedTitle;
            self.attached_title.push(text.to_string());
            return true;
        }
        let structural = label(text).is_some_and(|l| !matches!(l.kind, Kind::Clause | Kind::Point));
        if structural {
            self.zone = Zone::AttachedBody;
            self.body_line(i);
            return true;
        }
        false
    }

    /// Opens an annex or a form when the line is one's heading.
    fn starts_annex(&mut self, text: &str) -> bool {
        let Some(heading) = annex_heading(text) else {
            return false;
        };
        self.zone = Zone::Annex;
        self.annexes
            .open_annex(heading.form, heading.number, heading.title);
        true
    }

    /// Whether a "(Ban hành kèm theo ...)" line follows within a few lines,
    /// before any provision label.
    fn attachment_follows(&self, i: usize) -> bool {
        self.lines
            .iter()
            .skip(i)
            .take(ATTACHMENT_LOOKAHEAD + 1)
            .enumerate()
            .take_while(|(k, l)| *k == 0 || label(&l.text).is_none())
            .any(|(_, l)| mentions_attachment(&l.text))
    }

    fn finish(self) -> Document {
        let session = self
            .lines
            .iter()
            .filter(|l| !l.quoted)
            .find_map(|l| adoption_session(&l.text));
        let metadata = self.header.finish(self.signature, session);
        let attached = match self.attached {
            tree if tree.as_ref().is_some_and(|t| !t.is_empty())
                || !self.attached_title.is_empty() =>
            {
                let tree = tree.unwrap_or_else(TreeBuilder::new);
                let title = self.attached_title.join(" ");
                let prefix = if fold(&title).starts_with("quy che") {
                    "quy-che"
                } else {
                    "quy-dinh"
                };
                Some(Attached {
                    title,
                    provisions: tree.finish(prefix),
                })
            }
            _ => None,
        };
        Document {
            metadata,
            provisions: self.own.finish(""),
            attached,
            annexes: self.annexes.finish(""),
        }
    }
}
