//! The JSON API (`/api/v1`), authenticated by personal tokens.

use actix_web::HttpResponse;
use serde_json::json;

use crate::auth::ApiUser;
use crate::db::Db;
use crate::error::AppResult;
use crate::models::Agency;

/// `GET /api/v1/me`: the token's user.
#[utoipa::path(get, path = "/api/v1/me", tag = "account", operation_id = "me",
    summary = "The token's user and agency", security(("token" = [])),
    responses((status = 200, description = "The user", body = crate::views::api_schema::Me), (status = 401, description = "No valid token", body = crate::views::api_schema::ErrorBody)))]
pub async fn me(db: Db, ApiUser(user): ApiUser) -> AppResult<HttpResponse> {
    let agency = match user.agency_id {
        Some(id) => Some(db.run(move |c| Agency::by_id(c, id)).await?),
        None => None,
    };
    Ok(HttpResponse::Ok().json(json!({
        "id": user.public_id,
        "email": user.email,
        "display_name": user.display_name,
        "role": user.role,
        "agency": agency.map(|a| json!({"id": a.public_id, "name": a.name, "short_name": a.short_name, "kind": a.kind})),
    })))
}
