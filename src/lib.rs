//! gopy: a public consultation portal for draft regulations.
//!
//! Layers, from the outside in: [`cli`] and [`startup`] build the server;
//! [`routes`] hold the handlers; [`views`] what pages and the API receive;
//! [`models`] the queries; [`domain`] pure types and rules; [`db`] the
//! connection to SQLite or PostgreSQL.

pub mod admin;
pub mod auth;
pub mod backup;
pub mod cli;
pub mod config;
pub mod db;
pub mod demo;
pub mod demo_answers;
pub mod demo_comments;
mod demo_threads;
pub mod domain;
pub mod drafts_worker;
pub mod error;
pub mod export;
pub mod generate;
pub mod i18n;
pub mod import;
pub mod ledger_cli;
pub mod mail;
pub mod middleware;
pub mod models;
pub mod notices_worker;
pub mod routes;
pub mod startup;
pub mod storage;
pub mod telemetry;
pub mod views;
