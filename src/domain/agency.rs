//! Kinds of agency.

use std::fmt;
use std::str::FromStr;

/// What an agency does in the law-making process.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AgencyKind {
    /// A department that drafts regulations (Sở, Ban).
    DraftingDepartment,
    /// The Department of Justice, which appraises drafts (Sở Tư pháp).
    JusticeDepartment,
    /// The office of the provincial People's Committee (Văn phòng UBND).
    PeoplesCommitteeOffice,
    /// The provincial People's Council (HĐND).
    PeoplesCouncil,
    /// Any other body (a commune, an association acting as drafter).
    Other,
}

impl AgencyKind {
    /// Every kind, in the order forms list them.
    pub const ALL: [AgencyKind; 5] = [
        AgencyKind::DraftingDepartment,
        AgencyKind::JusticeDepartment,
        AgencyKind::PeoplesCommitteeOffice,
        AgencyKind::PeoplesCouncil,
        AgencyKind::Other,
    ];

    /// The value stored in the database and used on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            AgencyKind::DraftingDepartment => "drafting_department",
            AgencyKind::JusticeDepartment => "justice_department",
            AgencyKind::PeoplesCommitteeOffice => "peoples_committee_office",
            AgencyKind::PeoplesCouncil => "peoples_council",
            AgencyKind::Other => "other",
        }
    }

    /// The translation key of the kind's name.
    pub fn label_key(self) -> &'static str {
        match self {
            AgencyKind::DraftingDepartment => "agency-kind-drafting-department",
            AgencyKind::JusticeDepartment => "agency-kind-justice-department",
            AgencyKind::PeoplesCommitteeOffice => "agency-kind-peoples-committee-office",
            AgencyKind::PeoplesCouncil => "agency-kind-peoples-council",
            AgencyKind::Other => "agency-kind-other",
        }
    }
}

/// A string that names no agency kind.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "unknown agency kind {0:?}; expected one of drafting_department, justice_department, peoples_committee_office, peoples_council, other"
)]
pub struct UnknownAgencyKind(pub String);

impl FromStr for AgencyKind {
    type Err = UnknownAgencyKind;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let wanted = s.trim().to_ascii_lowercase().replace('-', "_");
        AgencyKind::ALL
            .into_iter()
            .find(|k| k.as_str() == wanted)
            .ok_or_else(|| UnknownAgencyKind(s.to_string()))
    }
}

impl fmt::Display for AgencyKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_round_trip_through_their_names() {
        for kind in AgencyKind::ALL {
            assert_eq!(kind.as_str().parse::<AgencyKind>(), Ok(kind));
        }
        assert_eq!(
            "Justice-Department".parse(),
            Ok(AgencyKind::JusticeDepartment)
        );
        assert!("ministry".parse::<AgencyKind>().is_err());
    }
}
