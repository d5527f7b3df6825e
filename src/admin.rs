//! Administrative operations shared by `gopy admin …`, `gopy demo` and the tests.

use anyhow::{Context, bail};
use diesel::prelude::*;

use crate::auth::{password, secret};
use crate::db::DbConnection;
use crate::domain::{AgencyKind, DisplayName, Email, Password, Role};
use crate::models::{Agency, ApiToken, NewAgency, NewUser, User};

/// Creates an agency; fails when the short name is taken.
pub fn create_agency(
    conn: &mut DbConnection,
    name: &str,
    short_name: &str,
    kind: AgencyKind,
) -> anyhow::Result<Agency> {
    let name = crate::domain::account::clean_text(name);
    let short = crate::domain::account::clean_text(short_name);
    if name.is_empty() || short.is_empty() {
        bail!("the agency needs a name and a short name");
    }
    if Agency::find_by_short_name(conn, &short)?.is_some() {
        bail!("an agency with the short name {short:?} already exists");
    }
    Ok(NewAgency::new(&name, &short, kind).insert(conn)?)
}

/// What a new account needs.
pub struct UserSpec<'a> {
    pub email: &'a str,
    pub display_name: Option<&'a str>,
    pub role: Role,
    /// Short name (or public id) of the agency, for staff.
    pub agency: Option<&'a str>,
    pub password: Option<&'a str>,
}

/// Creates a confirmed account. Staff roles need an agency.
pub fn create_user(conn: &mut DbConnection, spec: UserSpec<'_>) -> anyhow::Result<User> {
    let email = Email::parse(spec.email)
        .map_err(|_| anyhow::anyhow!("{:?} is not an e-mail address", spec.email))?;
    let name = DisplayName::parse(
        spec.display_name
            .unwrap_or_else(|| email.as_str().split('@').next().unwrap_or("user")),
    )
    .map_err(|_| anyhow::anyhow!("the display name must be 1 to 100 characters"))?;
    let agency = match spec.agency {
        Some(key) => Some(
            Agency::find_by_short_name(conn, key)?
                .or(Agency::find(conn, key).optional()?)
                .with_context(|| format!("no agency with the short name {key:?}"))?,
        ),
        None => None,
    };
    if spec.role.needs_agency() && agency.is_none() {
        bail!(
            "a {} must belong to an agency: add --agency SHORT_NAME",
            spec.role
        );
    }
    if !spec.role.is_staff() && agency.is_some() {
        bail!("only staff belong to an agency");
    }
    let hash = match spec.password {
        Some(p) => {
            let p = Password::parse(p)
                .map_err(|_| anyhow::anyhow!("the password must be 10 to 256 characters"))?;
            Some(password::hash(&p)?)
        }
        None => None,
    };
    if User::find_by_email(conn, &email)?.is_some() {
        bail!("{email} already has an account");
    }
    let mut new = NewUser::new(&email, &name, spec.role, hash);
    new.agency_id = agency.map(|a| a.id);
    new.email_verified_at = Some(crate::models::now());
    if spec.role == Role::OrganisationRep {
        new.organisation_name = Some(name.as_str().to_string());
    }
    Ok(new.insert(conn)?)
}

/// Creates an API token for the account at `email` and returns it (shown once).
pub fn create_token(conn: &mut DbConnection, email: &str, name: &str) -> anyhow::Result<String> {
    let email =
        Email::parse(email).map_err(|_| anyhow::anyhow!("{email:?} is not an e-mail address"))?;
    let user =
        User::find_by_email(conn, &email)?.with_context(|| format!("{email} has no account"))?;
    let token = format!("gopy_{}", secret::random_token());
    ApiToken::create(conn, user.id, name, &secret::digest(&token))?;
    Ok(token)
}

/// What `gopy admin recluster` did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reclustered {
    pub drafts: usize,
    pub comments: u64,
    pub campaigns: usize,
}

/// Comments placed per transaction when reclustering.
pub const RECLUSTER_BATCH: i64 = 500;

/// Rebuilds the campaign clusters of one draft (by slug) or of every draft
/// from the comments' current texts; the same texts always give the same
/// clusters, so running it again changes nothing. `start(total)` is called
/// once with the number of comments to place, then `progress(done)` as they are.
pub fn recluster(
    conn: &mut DbConnection,
    slug: Option<&str>,
    start: impl FnOnce(u64),
    mut progress: impl FnMut(u64),
) -> anyhow::Result<Reclustered> {
    use crate::db::schema::drafts;
    use crate::models::{Cluster, Draft};
    let draft_ids: Vec<i64> = match slug {
        Some(slug) => vec![
            Draft::by_slug(conn, slug)
                .optional()?
                .with_context(|| format!("no draft with the slug {slug:?}"))?
                .id,
        ],
        None => drafts::table
            .order(drafts::id)
            .select(drafts::id)
            .load(conn)?,
    };
    start(Cluster::to_rebuild(conn, &draft_ids)? as u64);
    let mut report = Reclustered {
        drafts: draft_ids.len(),
        comments: 0,
        campaigns: 0,
    };
    for id in draft_ids {
        let before = report.comments;
        report.comments += Cluster::rebuild(conn, id, RECLUSTER_BATCH, |n| progress(before + n))?;
        report.campaigns += Cluster::campaign_sizes(conn, id)?.len();
    }
    Ok(report)
}
