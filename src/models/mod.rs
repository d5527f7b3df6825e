//! Queries, one file per table or aggregate. No web types here.

/// Runs the same diesel code against the concrete connection of either
/// backend, for the few statements the multi-backend type can't express
/// (upserts, row locks). The only place backends are told apart.
macro_rules! per_backend {
    ($conn:expr, |$c:ident| $body:expr) => {
        match $conn {
            $crate::db::DbConnection::Pg($c) => $body,
            $crate::db::DbConnection::Sqlite($c) => $body,
        }
    };
}

pub mod account;
mod agency;
mod api_token;
pub mod appraisal;
mod appraisal_monitor;
mod attachment;
pub mod bulk;
pub mod cluster;
pub mod comment;
pub mod dialogue;
mod dossier;
mod draft;
mod draft_event;
mod email_token;
pub mod follow;
pub mod indicators;
pub mod interest;
pub mod ledger;
pub mod moderation;
pub mod open_data;
mod outbox;
mod rate_limit;
mod rebuttal;
pub mod response;
mod rule;
pub mod scorecard;
mod search;
mod server_key;
mod session;
pub mod statistics;
pub mod synthesis;
pub mod tally;
pub mod thread;
mod user;
mod version;

pub use agency::{Agency, NewAgency};
pub use api_token::ApiToken;
pub use appraisal::{
    Answered, Appraisal, AppraisalAnswer, AppraisalPoint, Challenged, Exchange, NewAppraisal,
    PointHistory, ReportFile,
};
pub use appraisal_monitor::{Monitored, PAST_CONSULTATION, Scope};
pub use attachment::{Attachment, MAX_ATTACHMENTS, NewAttachment};
pub use cluster::Cluster;
pub use comment::{Author, Comment, CommentFilter, NewComment};
pub use dialogue::{DialogueSession, NewSession, Registration};
pub use dossier::{DOSSIER_KINDS, DossierDocument, NewDossierDocument};
pub use draft::{CommentTiming, Draft, DraftFilter, DraftPage, NewDraft, import};
pub use draft_event::DraftEvent;
pub use email_token::{EmailToken, TokenPurpose};
pub use follow::{Follow, Notice, Recipient};
pub use moderation::Moderation;
pub use outbox::{NewMail, OutboxMail};
pub use rate_limit::RateLimit;
pub use rebuttal::Rebuttal;
pub use response::{NewResponse, Progress, Response};
pub use rule::WindowRule;
pub use search::{CommentHit, Hit, Search};
pub use server_key::ServerKey;
pub use session::Session;
pub use synthesis::{ReportRow, Synthesis, Totals};
pub use thread::{NewThread, Thread, ThreadFilter, ThreadPage};
pub use user::{NewUser, User};
pub use version::{ProvisionMemo, ProvisionRow, Version};

/// The current time as stored: naive UTC, to the microsecond.
pub fn now() -> chrono::NaiveDateTime {
    let now = chrono::Utc::now().naive_utc();
    // PostgreSQL keeps microseconds; trim so values compare equal after a round trip.
    now.with_nanosecond(now.nanosecond() / 1000 * 1000)
        .unwrap_or(now)
}

use chrono::Timelike;
