//! The command line: `gopy serve`, `gopy migrate`, `gopy demo`.
//! Operators' output is in English; the portal itself is translated.

use std::net::SocketAddr;
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};
use figment::Figment;

use crate::config::{Config, SETTINGS};
use crate::startup::{self, Application};
use crate::{db, demo, telemetry};

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
    }
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
                Some(r) => tracing::info!(agencies = r.agencies_added, "seeded demo data"),
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
        Ok(demo::seed(conn)?)
    })?;
    println!(
        "{}: demo data added: {} agencies{}",
        config.database,
        report.agencies_added,
        if report.agencies_added == 0 {
            " (already present)"
        } else {
            ""
        }
    );
    Ok(())
}
