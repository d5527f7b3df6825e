//! What a comment is made of, validated on parse.

use std::fmt;
use std::str::FromStr;

use super::account::{Invalid, clean_multiline, clean_text};

/// A comment's text: trimmed, NFC-normalised, 1 to 20,000 characters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommentBody(String);

impl CommentBody {
    /// The longest comment, in characters.
    pub const MAX_CHARS: usize = 20_000;

    /// Accepts text with at least one visible character and at most 20,000 characters.
    pub fn parse(raw: &str) -> Result<CommentBody, Invalid> {
        let text = clean_multiline(raw);
        if text.is_empty() {
            return Err(Invalid::new("body", "comment-error-empty"));
        }
        if text.chars().count() > CommentBody::MAX_CHARS {
            return Err(Invalid::new("body", "comment-error-too-long"));
        }
        Ok(CommentBody(text))
    }

    /// The text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The receipt's fingerprint: hex SHA-256 of the text as stored (UTF-8, NFC),
    /// which anyone can recompute from the published text.
    pub fn sha256(&self) -> String {
        use sha2::{Digest, Sha256};
        Sha256::digest(self.0.as_bytes())
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect()
    }
}

/// Who the commenter is, as they declare it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    Individual,
    Business,
    Association,
    StateAgency,
    Expert,
    Other,
}

impl Category {
    /// Every category, in the order forms list them.
    pub const ALL: [Category; 6] = [
        Category::Individual,
        Category::Business,
        Category::Association,
        Category::StateAgency,
        Category::Expert,
        Category::Other,
    ];

    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Category::Individual => "individual",
            Category::Business => "business",
            Category::Association => "association",
            Category::StateAgency => "state_agency",
            Category::Expert => "expert",
            Category::Other => "other",
        }
    }

    /// Translation key of the category's name.
    pub fn label_key(self) -> &'static str {
        match self {
            Category::Individual => "comment-category-individual",
            Category::Business => "comment-category-business",
            Category::Association => "comment-category-association",
            Category::StateAgency => "comment-category-state-agency",
            Category::Expert => "comment-category-expert",
            Category::Other => "comment-category-other",
        }
    }

    /// Organisations speak under their own name, always shown.
    pub fn is_organisation(self) -> bool {
        matches!(
            self,
            Category::Business | Category::Association | Category::StateAgency
        )
    }
}

impl FromStr for Category {
    type Err = Invalid;

    fn from_str(s: &str) -> Result<Category, Invalid> {
        Category::ALL
            .into_iter()
            .find(|c| c.as_str() == s)
            .ok_or_else(|| Invalid::new("category", "comment-error-category"))
    }
}

impl fmt::Display for Category {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The organisation a comment speaks for: required for businesses,
/// associations and state agencies.
pub fn organisation(
    category: Category,
    name: &str,
    reg_no: &str,
) -> Result<Option<(String, Option<String>)>, Invalid> {
    let name = clean_text(name);
    let reg_no = clean_text(reg_no);
    if !category.is_organisation() {
        return Ok(None);
    }
    if name.is_empty() {
        return Err(Invalid::new(
            "organisation_name",
            "comment-error-organisation",
        ));
    }
    if name.chars().count() > 200 || reg_no.chars().count() > 50 {
        return Err(Invalid::new("organisation_name", "form-error-too-long"));
    }
    Ok(Some((name, Some(reg_no).filter(|r| !r.is_empty()))))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bodies_are_trimmed_normalised_and_bounded() {
        assert_eq!(
            CommentBody::parse("  Đề nghị sửa khoản 2.  ")
                .unwrap()
                .as_str(),
            "Đề nghị sửa khoản 2."
        );
        assert_eq!(
            CommentBody::parse("   \n ").unwrap_err().message.key,
            "comment-error-empty"
        );
        assert!(
            CommentBody::parse(&"ạ".repeat(20_000)).is_ok(),
            "20,000 Vietnamese letters are allowed"
        );
        assert!(CommentBody::parse(&"a".repeat(20_001)).is_err());
        let nfd = CommentBody::parse("Nguye\u{302}\u{303}n").unwrap();
        assert_eq!(nfd.as_str(), "Nguyễn");
    }

    #[test]
    fn the_fingerprint_is_the_sha256_of_the_stored_text() {
        let body = CommentBody::parse("abc").unwrap();
        assert_eq!(
            body.sha256(),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn organisations_must_name_themselves() {
        assert_eq!(organisation(Category::Individual, "x", "").unwrap(), None);
        assert!(organisation(Category::Business, " ", "").is_err());
        assert_eq!(
            organisation(Category::Business, "Công ty Sông Ba", "5900123456").unwrap(),
            Some(("Công ty Sông Ba".into(), Some("5900123456".into())))
        );
        assert!("robot".parse::<Category>().is_err());
    }
}
