//! The `Db` extractor: runs blocking diesel code off the async workers.

use std::future::{Ready, ready};

use actix_web::{FromRequest, HttpRequest, dev::Payload, web};
use diesel::QueryResult;

use super::{Backend, DbConnection, Pool};
use crate::error::{AppError, AppResult};

/// Access to the database from a handler: `db.run(|c| Model::load(c, …)).await`.
#[derive(Clone)]
pub struct Db {
    pool: Pool,
    backend: Backend,
}

impl Db {
    /// Wraps a pool whose connections speak `backend`.
    pub fn new(pool: Pool, backend: Backend) -> Self {
        Db { pool, backend }
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
