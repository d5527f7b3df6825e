//! The command line: `gopy serve`, `gopy migrate`, `gopy demo`.
//! Operators' output is in English; the portal itself is translated.

use std::net::SocketAddr;
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};
use figment::Figment;

use crate::config::{Config, SETTINGS};
use crate::domain::{AgencyKind, Role};
use crate::startup::{self, Application};
use crate::{admin, db, demo, telemetry};

/// gopy — public consultation portal for draft regulations.
#[derive(Debug, Parser)]
#[command(name = "gopy", version, about, long_about = None)]
pub struct Cli {
    /// Configuration file (default: gopy.toml in the current folder, if present).
    #[arg(long, global = true, value_name = "FILE")]
    config: Option<PathBuf>,

    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Run the web portal; pending migrations are applied first.
    #[command(after_help = settings_help())]
    Serve(ServeArgs),
    /// Apply pending database migrations and exit.
    #[command(after_help = settings_help())]
    Migrate(DatabaseArgs),
    /// Add the demo data that is missing (safe to run again).
    #[command(after_help = settings_help())]
    Demo(DatabaseArgs),
    /// Administration: agencies, users, API tokens.
    #[command(subcommand)]
    Admin(AdminCommand),
    /// The public ledger.
    #[command(subcommand)]
    Ledger(LedgerCommand),
}

#[derive(Debug, Subcommand)]
enum LedgerCommand {
    /// Check the hash chain: in the database, or of a portal given by --url.
    /// Exits with status 1 and names the first broken entry if it is broken.
    Verify {
        /// A portal's address (e.g. https://gopy.example.vn): check its public API instead.
        #[arg(long)]
        url: Option<String>,
        #[command(flatten)]
        database: DatabaseArgs,
    },
}

#[derive(Debug, Subcommand)]
#[allow(clippy::enum_variant_names)] // the names are the commands: create-agency, …
enum AdminCommand {
    /// Create an agency.
    CreateAgency {
        /// Full name, e.g. "Sở Tư pháp tỉnh Gia Lai".
        #[arg(long)]
        name: String,
        /// Short name, unique, e.g. STP.
        #[arg(long)]
        short_name: String,
        /// drafting_department, justice_department, peoples_committee_office, peoples_council or other.
        #[arg(long)]
        kind: AgencyKind,
        #[command(flatten)]
        database: DatabaseArgs,
    },
    /// Create a confirmed account. Without --password-stdin the person sets a
    /// password through "Forgot your password".
    CreateUser {
        #[arg(long)]
        email: String,
        /// citizen, organisation_rep, drafter, appraiser, moderator or admin.
        #[arg(long)]
        role: Role,
        /// The display name (default: the part of the e-mail before @).
        #[arg(long)]
        name: Option<String>,
        /// Short name of the agency (required for drafter, appraiser, moderator).
        #[arg(long)]
        agency: Option<String>,
        /// Read the password from the first line of standard input.
        #[arg(long)]
        password_stdin: bool,
        #[command(flatten)]
        database: DatabaseArgs,
    },
    /// Import a draft from a .docx or text file (unpublished, for the agency to
    /// check); with --dry-run, only show how the text parses.
    ImportDraft {
        /// The .docx or UTF-8 text file.
        file: PathBuf,
        /// Short name of the drafting agency.
        #[arg(long, required_unless_present = "dry_run")]
        agency: Option<String>,
        /// Title (default: the title found in the text).
        #[arg(long)]
        title: Option<String>,
        /// hdnd_resolution, ubnd_decision, chairman_decision, or another type in the rule table.
        #[arg(long, default_value = "ubnd_decision")]
        doc_type: String,
        /// Parse only; import nothing.
        #[arg(long)]
        dry_run: bool,
        /// With --dry-run: print the provision tree as JSON.
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        database: DatabaseArgs,
    },
    /// Rebuild the campaign clusters (signatures, LSH bands, clusters) from the
    /// comments' texts, for every draft or one; safe to run again.
    Recluster {
        /// Only the draft with this slug.
        #[arg(long, value_name = "SLUG")]
        draft: Option<String>,
        #[command(flatten)]
        database: DatabaseArgs,
    },
    /// Create an API token for an account and print it (it is shown only once).
    CreateToken {
        #[arg(long)]
        email: String,
        /// A name to recognise the token by.
        #[arg(long, default_value = "cli")]
        name: String,
        #[command(flatten)]
        database: DatabaseArgs,
    },
    /// Copy the database to FILE while the portal runs (SQLite: VACUUM INTO;
    /// PostgreSQL: pg_dump --format=custom). Never overwrites.
    Backup {
        file: PathBuf,
        #[command(flatten)]
        database: DatabaseArgs,
    },
    /// Replace the database with the backup FILE (stop the portal first), then
    /// verify the restored ledger.
    Restore {
        file: PathBuf,
        #[command(flatten)]
        database: DatabaseArgs,
    },
    /// Generate synthetic consultations for benchmarks: open drafts of about
    /// 200 provisions and Vietnamese comments (a tenth campaign letters, a
    /// fifth answered), each with its ledger entry.
    Generate {
        /// How many drafts; the comments are shared among them.
        #[arg(long, default_value_t = 1)]
        drafts: usize,
        /// How many comments in all.
        #[arg(long, default_value_t = 5_000)]
        comments: u64,
        /// The same seed gives the same texts.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        #[command(flatten)]
        database: DatabaseArgs,
    },
}

#[derive(Debug, Args)]
struct DatabaseArgs {
    /// Database URL; overrides GOPY_DATABASE_URL.
    #[arg(long, value_name = "URL")]
    database_url: Option<String>,
}

#[derive(Debug, Args)]
struct ServeArgs {
    /// Address to listen on; overrides GOPY_BIND.
    #[arg(long, value_name = "ADDR")]
    bind: Option<SocketAddr>,

    #[command(flatten)]
    database: DatabaseArgs,

    /// Seed the demo data first when the database is empty.
    #[arg(long)]
    demo: bool,
}

/// A spinner with the elapsed time, for work that has no count.
fn spinner(message: &str) -> indicatif::ProgressBar {
    let bar = indicatif::ProgressBar::new_spinner();
    bar.set_style(
        indicatif::ProgressStyle::with_template("{spinner} {msg} ({elapsed})")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner()),
    );
    bar.set_message(message.to_string());
    bar.enable_steady_tick(std::time::Duration::from_millis(200));
    bar
}

/// The configuration table shown under each command's help.
fn settings_help() -> String {
    let mut text =
        String::from("Configuration (defaults, then gopy.toml, then environment, then flags):\n");
    for s in SETTINGS {
        text.push_str(&format!(
            "  {:<18} {}\n  {:<18} default: {}\n",
            s.env, s.help, "", s.default
        ));
    }
    text
}

/// Parses the command line and runs the command.
pub fn run() -> anyhow::Result<()> {
    let cli = Cli::parse();
    let figment = Config::figment(cli.config.as_deref());
    match cli.command {
        Command::Serve(args) => serve(args, figment),
        Command::Migrate(args) => migrate(load(figment, &args)?),
        Command::Demo(args) => seed_demo(load(figment, &args)?),
        Command::Admin(command) => run_admin(command, figment),
        Command::Ledger(LedgerCommand::Verify { url, database }) => {
            let verified = match url {
                Some(url) => crate::ledger_cli::verify_remote(&url)?,
                None => {
                    let config = load(figment, &database)?;
                    startup::with_connection(&config, crate::ledger_cli::verify_local)?
                }
            };
            println!("{}", verified.report());
            if !verified.ok() {
                std::process::exit(1);
            }
            Ok(())
        }
    }
}

fn run_admin(command: AdminCommand, figment: Figment) -> anyhow::Result<()> {
    match command {
        AdminCommand::CreateAgency {
            name,
            short_name,
            kind,
            database,
        } => {
            let config = load(figment, &database)?;
            let agency = startup::with_connection(&config, |c| {
                db::run_migrations(c)?;
                admin::create_agency(c, &name, &short_name, kind)
            })?;
            println!(
                "created agency {} ({}) id {}",
                agency.name, agency.short_name, agency.public_id
            );
        }
        AdminCommand::CreateUser {
            email,
            role,
            name,
            agency,
            password_stdin,
            database,
        } => {
            let config = load(figment, &database)?;
            let password = if password_stdin {
                let mut line = String::new();
                std::io::stdin().read_line(&mut line)?;
                Some(line.trim_end_matches(['\r', '\n']).to_string())
            } else {
                None
            };
            let user = startup::with_connection(&config, |c| {
                db::run_migrations(c)?;
                admin::create_user(
                    c,
                    admin::UserSpec {
                        email: &email,
                        display_name: name.as_deref(),
                        role,
                        agency: agency.as_deref(),
                        password: password.as_deref(),
                    },
                )
            })?;
            println!("created {} {} id {}", user.role, user.email, user.public_id);
            if password.is_none() {
                println!(
                    "no password set: the person can set one through \"Forgot your password\""
                );
            }
        }
        AdminCommand::ImportDraft {
            file,
            agency,
            title,
            doc_type,
            dry_run,
            json,
            database,
        } => {
            let bytes = std::fs::read(&file)
                .map_err(|e| anyhow::anyhow!("could not read {}: {e}", file.display()))?;
            let text = crate::import::source_text(&bytes)
                .map_err(|e| anyhow::anyhow!("{}: {e}", file.display()))?;
            let document = crate::domain::legal_text::parse(&text);
            if dry_run {
                if json {
                    println!("{}", serde_json::to_string_pretty(&document)?);
                } else {
                    print_outline(&document);
                }
                return Ok(());
            }
            let config = load(figment, &database)?;
            let agency = agency.expect("clap requires --agency without --dry-run");
            let draft = startup::with_connection(&config, |c| {
                db::run_migrations(c)?;
                let agency = crate::models::Agency::find_by_short_name(c, &agency)?
                    .ok_or_else(|| anyhow::anyhow!("no agency with the short name {agency:?}"))?;
                crate::models::WindowRule::for_type(c, &doc_type)
                    .map_err(|_| anyhow::anyhow!("no rule for the document type {doc_type:?}"))?;
                let title = title
                    .or_else(|| document.metadata.title.clone())
                    .ok_or_else(|| anyhow::anyhow!("no title found in the text: add --title"))?;
                let new = crate::models::NewDraft {
                    agency_id: agency.id,
                    title,
                    doc_type,
                    field: String::new(),
                    summary: String::new(),
                    affected_groups: String::new(),
                    questions: Vec::new(),
                    created_by: None,
                };
                Ok(crate::models::import(c, &new, &text)?.0)
            })?;
            println!(
                "imported {} articles as draft {} (not published): /workspace/drafts/{}",
                document.articles().len(),
                draft.public_id,
                draft.slug
            );
        }
        AdminCommand::Recluster { draft, database } => {
            let config = load(figment, &database)?;
            let bar = std::cell::OnceCell::new();
            let done = startup::with_connection(&config, |c| {
                db::run_migrations(c)?;
                admin::recluster(
                    c,
                    draft.as_deref(),
                    |total| {
                        let _ = bar.set(progress_bar(total, "comments"));
                    },
                    |n| {
                        if let Some(bar) = bar.get() {
                            bar.set_position(n);
                        }
                    },
                )
            })?;
            if let Some(bar) = bar.get() {
                bar.finish_and_clear();
            }
            println!(
                "reclustered {} comments in {} drafts: {} campaigns",
                done.comments, done.drafts, done.campaigns
            );
        }
        AdminCommand::CreateToken {
            email,
            name,
            database,
        } => {
            let config = load(figment, &database)?;
            let token = startup::with_connection(&config, |c| {
                db::run_migrations(c)?;
                admin::create_token(c, &email, &name)
            })?;
            println!("{token}");
        }
        AdminCommand::Backup { file, database } => {
            let config = load(figment, &database)?;
            let spinner = spinner(&format!("backing up to {}", file.display()));
            let done = crate::backup::backup(&config, &file)?;
            spinner.finish_and_clear();
            println!(
                "{}: backed up to {} ({} bytes, ledger at entry {})",
                config.database,
                done.file.display(),
                done.bytes,
                done.ledger_seq
            );
        }
        AdminCommand::Restore { file, database } => {
            let config = load(figment, &database)?;
            let spinner = spinner(&format!("restoring {}", file.display()));
            let verified = crate::backup::restore(&config, &file)?;
            spinner.finish_and_clear();
            println!("{}: restored from {}", config.database, file.display());
            println!("{}", verified.report());
            if !verified.ok() {
                anyhow::bail!("the restored ledger does not verify");
            }
        }
        AdminCommand::Generate {
            drafts,
            comments,
            seed,
            database,
        } => {
            let config = load(figment, &database)?;
            let spec = crate::generate::Spec {
                drafts,
                comments,
                seed,
            };
            let report = startup::with_connection(&config, |c| {
                db::run_migrations(c)?;
                let bar = indicatif::ProgressBar::new(comments);
                bar.set_style(
                    indicatif::ProgressStyle::with_template(
                        "{bar:40} {pos}/{len} comments ({per_sec}, {eta})",
                    )
                    .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
                );
                let report = crate::generate::run(c, spec, |n| bar.set_position(n))?;
                bar.finish_and_clear();
                Ok(report)
            })?;
            println!(
                "generated {} comments ({} answered) on {} drafts in {:.1} s ({:.0} comments/s)",
                report.comments,
                report.responses,
                report.drafts.len(),
                report.seconds,
                report.comments as f64 / report.seconds.max(1e-9)
            );
            for slug in &report.drafts {
                println!("  /drafts/{slug}");
            }
        }
    }
    Ok(())
}

/// A progress bar on standard error, hidden when that is not a terminal
/// (logs and pipes get the final line only).
fn progress_bar(total: u64, unit: &str) -> indicatif::ProgressBar {
    use std::io::IsTerminal;
    if !std::io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new(total);
    bar.set_style(
        indicatif::ProgressStyle::with_template(&format!(
            "{{bar:40}} {{pos}}/{{len}} {unit} ({{per_sec}}, {{eta}})"
        ))
        .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    bar
}

fn load(figment: Figment, args: &DatabaseArgs) -> anyhow::Result<Config> {
    let figment = match &args.database_url {
        Some(url) => figment.merge(("database_url", url)),
        None => figment,
    };
    let config = Config::from_figment(figment)?;
    telemetry::init(&config.log, config.log_format);
    Ok(config)
}

fn serve(args: ServeArgs, figment: Figment) -> anyhow::Result<()> {
    let figment = match args.bind {
        Some(bind) => figment.merge(("bind", bind.to_string())),
        None => figment,
    };
    let config = load(figment, &args.database)?;
    actix_web::rt::System::new().block_on(async move {
        if args.demo {
            let pool = startup::open_database(&config).await?;
            let report = actix_web::rt::task::spawn_blocking(move || {
                let mut conn = pool.get()?;
                if demo::is_empty(&mut conn)? {
                    Ok::<_, anyhow::Error>(Some(demo::seed(&mut conn)?))
                } else {
                    Ok(None)
                }
            })
            .await??;
            match report {
                Some(r) => tracing::info!(
                    agencies = r.agencies_added,
                    users = r.users_added,
                    "seeded demo data"
                ),
                None => tracing::info!("database not empty; demo data left as it is"),
            }
        }
        let app = Application::build(config.clone()).await?;
        tracing::info!(
            address = %format!("http://{}:{}", config.bind.ip(), app.port()),
            database = %config.database,
            "gopy is serving"
        );
        app.run_until_stopped().await?;
        Ok(())
    })
}

/// A readable outline: one line per provision down to clauses.
fn print_outline(document: &crate::domain::legal_text::Document) {
    use crate::domain::legal_text::Kind;
    let meta = &document.metadata;
    println!("number: {}", meta.number.as_deref().unwrap_or("-"));
    println!("date: {}", meta.date.as_deref().unwrap_or("-"));
    println!(
        "issuing body: {}",
        meta.issuing_body.as_deref().unwrap_or("-")
    );
    println!("title: {}", meta.title.as_deref().unwrap_or("-"));
    for p in document.all_provisions() {
        if matches!(p.kind, Kind::Point) {
            continue;
        }
        println!("  {:<40} {}", p.anchor, p.title.as_deref().unwrap_or(""));
    }
    println!(
        "{} articles, {} annexes",
        document.articles().len(),
        document.annexes.len()
    );
}

fn migrate(config: Config) -> anyhow::Result<()> {
    let report = startup::with_connection(&config, db::run_migrations)?;
    if report.applied.is_empty() {
        println!("{}: up to date", config.database);
    } else {
        println!(
            "{}: applied {} migration(s):",
            config.database,
            report.applied.len()
        );
        for version in report.applied {
            println!("  {version}");
        }
    }
    Ok(())
}

fn seed_demo(config: Config) -> anyhow::Result<()> {
    let report = startup::with_connection(&config, |conn| {
        db::run_migrations(conn)?;
        demo::seed(conn)
    })?;
    let nothing = report == demo::DemoReport::default();
    println!(
        "{}: demo data added: {} agencies, {} users, {} drafts, {} comments, {} threads{}",
        config.database,
        report.agencies_added,
        report.users_added,
        report.drafts_added,
        report.comments_added,
        report.threads_added,
        if nothing { " (already present)" } else { "" }
    );
    if report.users_added > 0 {
        println!("demo accounts (password {}):", demo::DEMO_PASSWORD);
        for (email, _, role, _) in demo::USERS {
            println!("  {:<17} {email}", role.as_str());
        }
    }
    Ok(())
}
