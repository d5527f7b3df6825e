//! Rebuilds the crate when embedded files change: translations are compiled
//! in by `static_loader!`, migrations by `embed_migrations!`, and templates
//! and static files by rust-embed in release builds.

fn main() {
    for dir in ["locales", "migrations", "templates", "static", "fixtures"] {
        println!("cargo:rerun-if-changed={dir}");
    }
}
