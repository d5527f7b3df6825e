//! HTTP handlers, one file per resource. No diesel code here.

pub mod assets;
pub mod errors;
pub mod health;
pub mod home;

use actix_web::web;

/// Registers every route of the portal.
pub fn configure(cfg: &mut web::ServiceConfig) {
    // Resources (not bare routes) so that a wrong method gets 405, not 404.
    cfg.service(web::resource("/").get(home::index))
        .service(web::resource("/healthz").get(health::check))
        .service(web::resource("/static/{path:.*}").get(assets::serve));
}
