//! Account inputs, validated on parse: once a value has one of these types,
//! no later code checks it again.

use std::fmt;
use std::str::FromStr;

use unicode_normalization::UnicodeNormalization;

use crate::error::Message;

/// An input that failed validation: which form field, and why (a translation key).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invalid {
    pub field: &'static str,
    pub message: Message,
}

impl Invalid {
    /// A failure of `field` explained by the translation `key`.
    pub fn new(field: &'static str, key: &'static str) -> Self {
        Invalid {
            field,
            message: Message::new(key),
        }
    }
}

/// Trims and NFC-normalises free text typed by a person.
pub fn clean_text(raw: &str) -> String {
    without_nul(raw).trim().nfc().collect()
}

/// `raw` without NUL characters: they mean nothing in a text, and PostgreSQL
/// cannot store them (SQLite can), so both databases keep the same text.
fn without_nul(raw: &str) -> std::borrow::Cow<'_, str> {
    if raw.contains('\0') {
        raw.replace('\0', "").into()
    } else {
        raw.into()
    }
}

/// Line breaks as `\n`, whatever the client sent: `\r\n`, or a lone `\r`
/// (a hand-made request may send `\r\r\n`, which a single replace of
/// `\r\n` would leave as `\r\n`; found by the form-decoding fuzz target).
pub fn unix_newlines(raw: &str) -> String {
    without_nul(raw).replace("\r\n", "\n").replace('\r', "\n")
}

/// A text of several lines as it is stored: `\n` line breaks, trimmed, NFC.
pub fn clean_multiline(raw: &str) -> String {
    clean_text(&unix_newlines(raw))
}

/// An e-mail address, trimmed and lower-cased.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Email(String);

impl Email {
    /// Accepts `local@domain.tld` up to 254 characters, without spaces.
    pub fn parse(raw: &str) -> Result<Email, Invalid> {
        let email = raw.trim().to_lowercase();
        let invalid = || Invalid::new("email", "form-error-email");
        if email.is_empty() {
            return Err(Invalid::new("email", "form-error-required"));
        }
        let (local, domain) = email.split_once('@').ok_or_else(invalid)?;
        let valid = email.chars().count() <= 254
            && !local.is_empty()
            && local.len() <= 64
            && !domain.contains('@')
            && domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && !domain.contains("..")
            && !email
                .chars()
                .any(|c| c.is_whitespace() || c.is_control() || c == '<' || c == '>' || c == ',');
        if valid {
            Ok(Email(email))
        } else {
            Err(invalid())
        }
    }

    /// The address.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Email {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A new password: 10 to 256 characters, not trimmed.
#[derive(Clone, PartialEq, Eq)]
pub struct Password(String);

impl Password {
    /// The shortest password accepted.
    pub const MIN_CHARS: usize = 10;

    /// Checks the length only: long passphrases beat composition rules.
    pub fn parse(raw: &str) -> Result<Password, Invalid> {
        let chars = raw.chars().count();
        if chars < Password::MIN_CHARS {
            return Err(Invalid::new("password", "form-error-password-short"));
        }
        if chars > 256 {
            return Err(Invalid::new("password", "form-error-password-long"));
        }
        Ok(Password(raw.to_string()))
    }

    /// The password itself, for hashing.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Password {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Password(***)")
    }
}

/// A short name typed by a person (a display name, an organisation):
/// trimmed, NFC, 1..=max characters, no control characters.
fn short_text(raw: &str, field: &'static str, max: usize) -> Result<String, Invalid> {
    let text = clean_text(raw);
    if text.is_empty() {
        return Err(Invalid::new(field, "form-error-required"));
    }
    if text.chars().count() > max {
        return Err(Invalid::new(field, "form-error-too-long"));
    }
    if text.chars().any(char::is_control) {
        return Err(Invalid::new(field, "form-error-control-chars"));
    }
    Ok(text)
}

/// The name a person is shown under (only with their consent, later issues).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DisplayName(String);

impl DisplayName {
    /// 1 to 100 characters after trimming.
    pub fn parse(raw: &str) -> Result<DisplayName, Invalid> {
        short_text(raw, "display_name", 100).map(DisplayName)
    }

    /// The name.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The organisation a representative speaks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Organisation {
    pub name: String,
    /// Tax code (mã số thuế) or business registration number: 10 digits,
    /// optionally `-` and 3 digits for a branch.
    pub tax_code: String,
    pub sector: String,
}

impl Organisation {
    /// Validates the three fields.
    pub fn parse(name: &str, tax_code: &str, sector: &str) -> Result<Organisation, Invalid> {
        let name = short_text(name, "organisation_name", 200)?;
        let tax_code = tax_code.trim().to_string();
        let digits = |s: &str, n: usize| s.len() == n && s.chars().all(|c| c.is_ascii_digit());
        let valid_code = match tax_code.split_once('-') {
            Some((main, branch)) => digits(main, 10) && digits(branch, 3),
            None => digits(&tax_code, 10),
        };
        if !valid_code {
            return Err(Invalid::new("organisation_tax_code", "form-error-tax-code"));
        }
        let sector = short_text(sector, "organisation_sector", 100)?;
        Ok(Organisation {
            name,
            tax_code,
            sector,
        })
    }
}

/// What a user may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Citizen,
    OrganisationRep,
    Drafter,
    Appraiser,
    Moderator,
    Admin,
}

impl Role {
    /// Every role, from the public to the administrator.
    pub const ALL: [Role; 6] = [
        Role::Citizen,
        Role::OrganisationRep,
        Role::Drafter,
        Role::Appraiser,
        Role::Moderator,
        Role::Admin,
    ];

    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Citizen => "citizen",
            Role::OrganisationRep => "organisation_rep",
            Role::Drafter => "drafter",
            Role::Appraiser => "appraiser",
            Role::Moderator => "moderator",
            Role::Admin => "admin",
        }
    }

    /// Staff work for an agency; the public doesn't.
    pub fn is_staff(self) -> bool {
        !matches!(self, Role::Citizen | Role::OrganisationRep)
    }

    /// Staff roles that must belong to an agency (an admin may not).
    pub fn needs_agency(self) -> bool {
        matches!(self, Role::Drafter | Role::Appraiser | Role::Moderator)
    }

    /// Translation key of the role's name.
    pub fn label_key(self) -> &'static str {
        match self {
            Role::Citizen => "role-citizen",
            Role::OrganisationRep => "role-organisation-rep",
            Role::Drafter => "role-drafter",
            Role::Appraiser => "role-appraiser",
            Role::Moderator => "role-moderator",
            Role::Admin => "role-admin",
        }
    }
}

/// A string that names no role.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "unknown role {0:?}; expected citizen, organisation_rep, drafter, appraiser, moderator or admin"
)]
pub struct UnknownRole(pub String);

impl FromStr for Role {
    type Err = UnknownRole;

    fn from_str(s: &str) -> Result<Role, UnknownRole> {
        let wanted = s.trim().to_ascii_lowercase().replace('-', "_");
        Role::ALL
            .into_iter()
            .find(|r| r.as_str() == wanted)
            .ok_or_else(|| UnknownRole(s.to_string()))
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_of_line_break_is_stored_as_one_newline() {
        assert_eq!(clean_multiline(" a\r\nb\rc\r\r\nd\n "), "a\nb\nc\n\nd");
        assert!(!clean_multiline("4\r\r\n0").contains('\r'));
    }

    #[test]
    fn nul_characters_are_dropped_from_texts() {
        assert_eq!(clean_text("\0 Lệ phí\0 chợ "), "Lệ phí chợ");
        assert_eq!(unix_newlines("a\0\r\nb"), "a\nb");
    }

    #[test]
    fn emails_are_trimmed_and_lowercased() {
        assert_eq!(
            Email::parse("  Lan.Nguyen@Example.VN ").unwrap().as_str(),
            "lan.nguyen@example.vn"
        );
    }

    #[test]
    fn malformed_emails_are_refused() {
        for raw in [
            "",
            "lan",
            "lan@",
            "@example.vn",
            "lan@example",
            "lan@@example.vn",
            "lan @example.vn",
            "lan@example..vn",
            "a@b.vn, c@d.vn",
        ] {
            assert!(Email::parse(raw).is_err(), "{raw:?} accepted");
        }
    }

    #[test]
    fn passwords_count_characters_not_bytes() {
        // Ten Vietnamese letters are 20+ bytes but ten characters: accepted.
        assert!(Password::parse("đường phố ").is_ok());
        assert_eq!(
            Password::parse("ngắn").unwrap_err().message.key,
            "form-error-password-short"
        );
        assert!(Password::parse(&"x".repeat(257)).is_err());
    }

    #[test]
    fn display_names_are_normalised() {
        // "Nguyễn" typed with combining marks (NFD) becomes the composed form.
        let nfd = "Nguye\u{302}\u{303}n Lan";
        assert_eq!(DisplayName::parse(nfd).unwrap().as_str(), "Nguyễn Lan");
        assert!(DisplayName::parse("   ").is_err());
        assert!(DisplayName::parse(&"a".repeat(101)).is_err());
        assert!(DisplayName::parse("a\u{0007}b").is_err());
    }

    #[test]
    fn tax_codes_are_ten_digits_with_an_optional_branch() {
        assert!(Organisation::parse("Hiệp hội Cà phê", "5900123456", "Nông nghiệp").is_ok());
        assert!(Organisation::parse("Chi nhánh", "5900123456-001", "Xây dựng").is_ok());
        for code in ["590012345", "59001234567", "5900123456-01", "abcdefghij"] {
            let err = Organisation::parse("X", code, "Y").unwrap_err();
            assert_eq!(err.field, "organisation_tax_code", "{code}");
        }
    }

    #[test]
    fn roles_round_trip_and_staff_roles_need_agencies() {
        for role in Role::ALL {
            assert_eq!(role.as_str().parse::<Role>(), Ok(role));
        }
        assert!(Role::Drafter.needs_agency() && Role::Drafter.is_staff());
        assert!(!Role::Admin.needs_agency() && Role::Admin.is_staff());
        assert!(!Role::Citizen.is_staff());
    }
}
