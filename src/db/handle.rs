//! The `Db` extractor: runs blocking diesel code off the async workers.

use std::future::{Ready, ready};

use actix_web::{FromRequest, HttpRequest, dev::Payload, web};
use diesel::QueryResult;

use super::{Backend, DbConnection, Pool};
use crate::error::{AppError, AppResult};
use crate::models::ProvisionMemo;

/// Access to the database from a handler: `db.run(|c| Model::load(c, …)).await`,
/// or `db.write(…)` for the hot paths that write.
#[derive(Clone)]
pub struct Db {
    pool: Pool,
    backend: Backend,
    /// On SQLite, the writer thread that commits concurrent writes together
    /// (see [`super::group_commit`]).
    writer: Option<super::group_commit::Writer>,
    /// Published provisions read on every draft request (see [`ProvisionMemo`]).
    provisions: ProvisionMemo,
}

impl Db {
    /// Wraps a pool whose connections speak `backend`.
    pub fn new(pool: Pool, backend: Backend) -> Self {
        Db {
            backend,
            writer: (backend == Backend::Sqlite)
                .then(|| super::group_commit::Writer::start(pool.clone())),
            provisions: ProvisionMemo::default(),
            pool,
        }
    }

    /// The published provisions kept for this database.
    pub fn provisions(&self) -> ProvisionMemo {
        self.provisions.clone()
    }

    /// The backend behind the pool.
    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// Runs `f` with a pooled connection on the blocking thread pool.
    pub async fn run<T, F>(&self, f: F) -> AppResult<T>
    where
        F: FnOnce(&mut DbConnection) -> QueryResult<T> + Send + 'static,
        T: Send + 'static,
    {
        let pool = self.pool.clone();
        web::block(move || {
            let mut conn = pool.get().map_err(AppError::from)?;
            f(&mut conn).map_err(AppError::from)
        })
        .await
        .map_err(|e| AppError::internal(anyhow::anyhow!("blocking task failed: {e}")))?
    }

    /// [`Db::run`] for a frequent write, in a transaction of its own: on
    /// SQLite it joins the next group commit (PostgreSQL locks rows, not the
    /// database, so there it runs at once). Comment submission and
    /// confirmation, rate-limit hits and the outbox use it; a write that
    /// holds the group for long (an import, a recluster) must not.
    pub async fn write<T, F>(&self, f: F) -> AppResult<T>
    where
        F: FnOnce(&mut DbConnection) -> QueryResult<T> + Send + 'static,
        T: Send + 'static,
    {
        use diesel::Connection;
        let Some(writer) = &self.writer else {
            return self.run(move |c| c.transaction(f)).await;
        };
        match writer.submit(f).await {
            Ok(Ok(value)) => Ok(value),
            Ok(Err(super::group_commit::WriteError::Query(e))) => Err(AppError::from(e)),
            Ok(Err(e)) => Err(AppError::internal(anyhow::anyhow!(e))),
            Err(_) => Err(AppError::internal(anyhow::anyhow!(
                "the writer stopped before the write was done"
            ))),
        }
    }
}

impl FromRequest for Db {
    type Error = AppError;
    type Future = Ready<Result<Db, AppError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        ready(
            req.app_data::<web::Data<Db>>()
                .map(|db| db.get_ref().clone())
                .ok_or_else(|| AppError::internal(anyhow::anyhow!("no database in app data"))),
        )
    }
}
