//! The integration suite: the real app on a random port, over HTTP, against a
//! fresh SQLite file — or a fresh PostgreSQL database when `TEST_DATABASE_URL`
//! is set.

mod accounts;
mod admin;
mod answers;
mod api_drafts;
mod appraisal;
mod attachments;
mod authz;
mod authz_matrix;
mod backup;
mod cli;
mod clusters;
mod comments;
mod crash;
mod csrf;
mod demo;
mod drafts;
mod generate;
mod group_commit;
mod health;
mod helpers;
mod hostile;
mod indicators;
mod ledger;
mod migrations;
mod moderation;
mod open_data;
mod openapi;
mod outbox;
mod page_cache;
mod pages;
mod process;
mod scorecards;
mod search;
mod sessions;
mod smtp;
mod synthesis;
mod tallies;
mod threads;
mod tokens;
mod two_nodes;
