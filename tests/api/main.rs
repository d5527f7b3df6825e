//! The integration suite: the real app on a random port, over HTTP, against a
//! fresh SQLite file — or a fresh PostgreSQL database when `TEST_DATABASE_URL`
//! is set.

mod cli;
mod demo;
mod health;
mod helpers;
mod migrations;
mod pages;
