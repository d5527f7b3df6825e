//! Pure types and rules: no I/O, no web or database types.

mod agency;

pub use agency::AgencyKind;
