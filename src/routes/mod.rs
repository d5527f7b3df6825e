//! HTTP handlers, one file per resource. No diesel code here.

pub mod account;
pub mod accounts;
pub mod admin;
pub mod agencies;
pub mod answers;
pub mod api;
pub mod api_comments;
pub mod api_doc;
pub mod api_drafts;
pub mod api_synthesis;
pub mod api_threads;
pub mod appraisal;
pub mod appraisal_answers;
pub mod appraisal_public;
pub mod appraisal_record;
pub mod assets;
pub mod attachments;
pub mod clusters;
pub mod comments;
#[cfg(test)]
mod decoding_props;
pub mod dialogues;
pub mod drafts;
pub mod errors;
pub mod exports;
pub mod feed;
pub mod follows;
pub mod health;
pub mod home;
pub mod ledger;
pub mod moderation;
pub mod open_data;
pub mod reports;
pub mod search;
pub mod stats;
pub mod synthesis;
pub mod synthesis_files;
pub mod threads;
pub mod throttle;
pub mod workspace;

use actix_web::web;

/// Registers every route of the portal. Resources (not bare routes), so that
/// a wrong method gets 405, not 404.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(web::resource("/").get(home::index))
        .service(web::resource("/healthz").get(health::check))
        .service(web::resource("/static/{path:.*}").get(assets::serve))
        // Accounts
        .service(
            web::resource("/register")
                .get(accounts::register_form)
                .post(accounts::register),
        )
        .service(web::resource("/register/sent").get(accounts::register_sent))
        .service(web::resource("/verify-email").get(accounts::verify_email))
        .service(
            web::resource("/verify-email/resend")
                .get(accounts::resend_form)
                .post(accounts::resend),
        )
        .service(
            web::resource("/login")
                .get(accounts::login_form)
                .post(accounts::login),
        )
        .service(web::resource("/logout").post(accounts::logout))
        .service(
            web::resource("/password/forgot")
                .get(accounts::forgot_form)
                .post(accounts::forgot),
        )
        .service(
            web::resource("/password/reset")
                .get(accounts::reset_form)
                .post(accounts::reset),
        )
        .service(
            web::resource("/account")
                .get(account::show)
                .post(account::update),
        )
        .service(
            web::resource("/account/password")
                .get(account::password_form)
                .post(account::change_password),
        )
        .service(web::resource("/account/sessions/end-all").post(account::end_all_sessions))
        .service(web::resource("/account/tokens").post(account::create_token))
        .service(web::resource("/account/tokens/{id}/revoke").post(account::revoke_token))
        // Drafts
        .service(web::resource("/drafts").get(drafts::index))
        .service(web::resource("/drafts/{slug}").get(drafts::show))
        .service(web::resource("/drafts/{slug}/versions/{n}").get(drafts::version))
        .service(web::resource("/drafts/{slug}/diff").get(drafts::diff))
        .service(web::resource("/drafts/{slug}/comment").get(comments::new))
        .service(
            web::resource("/drafts/{slug}/comments")
                .get(comments::index)
                .post(comments::create),
        )
        .service(web::resource("/drafts/{slug}/comments.csv").get(exports::comments_csv))
        .service(web::resource("/drafts/{slug}/clusters/{id}").get(clusters::show))
        .service(
            web::resource("/workspace/drafts/{slug}/clusters/{id}/answer").post(clusters::answer),
        )
        // The synthesis report and the gate before appraisal
        .service(web::resource("/drafts/{slug}/synthesis").get(synthesis::show))
        .service(web::resource("/drafts/{slug}/synthesis.csv").get(synthesis_files::csv))
        .service(web::resource("/drafts/{slug}/synthesis.docx").get(synthesis_files::docx))
        .service(
            web::resource("/workspace/drafts/{slug}/synthesis/publish").post(synthesis::publish),
        )
        .service(
            web::resource("/workspace/drafts/{slug}/appraisal-request")
                .post(synthesis::request_appraisal),
        )
        .service(web::resource("/api/v1/drafts/{slug}/synthesis").get(api_synthesis::show))
        .service(web::resource("/ledger").get(ledger::index))
        .service(web::resource("/ledger/{seq}").get(ledger::show))
        .service(web::resource("/api/v1/ledger").get(ledger::api_index))
        .service(web::resource("/comments/confirm").get(comments::confirm))
        .service(web::resource("/comments/{id}").get(comments::show))
        .service(web::resource("/comments/{id}/attachments/{n}").get(attachments::show))
        .service(
            web::resource("/comments/{id}/edit")
                .get(comments::edit)
                .post(comments::update),
        )
        .service(web::resource("/comments/{id}/withdraw").post(comments::withdraw))
        .service(web::resource("/comments/{id}/rebuttal").post(answers::rebut))
        .service(web::resource("/comments/{id}/report").post(moderation::report))
        .service(web::resource("/moderation").get(moderation::queue))
        .service(web::resource("/moderation/comments/{id}/hide").post(moderation::hide))
        .service(web::resource("/moderation/appeals/{id}").post(moderation::decide))
        .service(
            web::resource("/moderation/comments/{id}/confirm-hide").post(moderation::confirm_hide),
        )
        .service(web::resource("/comments/{id}/appeal").post(moderation::appeal))
        .service(web::resource("/drafts/{slug}/moderation").get(moderation::log))
        .service(web::resource("/account/comments").get(comments::mine))
        .service(web::resource("/drafts/{slug}/documents/{id}").get(drafts::document))
        .service(web::resource("/drafts/{slug}/provisions/{anchor:.*}").get(drafts::provision))
        // Appraisal
        .service(web::resource("/drafts/{slug}/appraisal").get(appraisal_public::show))
        .service(web::resource("/drafts/{slug}/appraisal/report").get(appraisal_public::report))
        .service(web::resource("/appraisal").get(appraisal::overview))
        .service(
            web::resource("/appraisal/drafts/{slug}")
                .get(appraisal::show)
                .post(appraisal_record::record),
        )
        .service(web::resource("/appraisal/points/{id}/challenge").post(appraisal::challenge))
        .service(web::resource("/workspace/drafts/{slug}/appraisal").get(appraisal_answers::index))
        .service(
            web::resource("/workspace/drafts/{slug}/appraisal/points/{id}")
                .post(appraisal_answers::answer),
        )
        .service(web::resource("/search").get(search::page))
        // Dialogue threads, feedback on regulations in force, dialogue sessions
        .service(
            web::resource("/threads")
                .get(threads::index)
                .post(threads::create),
        )
        .service(web::resource("/threads/feed.atom").get(threads::feed))
        .service(web::resource("/threads/new").get(threads::new))
        .service(web::resource("/threads/{id}").get(threads::show))
        .service(web::resource("/threads/{id}/attachments/{n}").get(threads::attachment))
        .service(web::resource("/threads/{id}/replies").post(threads::reply))
        .service(web::resource("/threads/{id}/forward").post(threads::forward))
        .service(web::resource("/threads/{id}/close").post(threads::close))
        .service(web::resource("/threads/{id}/reopen").post(threads::reopen))
        .service(web::resource("/threads/{id}/hide").post(threads::hide))
        .service(web::resource("/threads/{id}/report").post(threads::report))
        .service(web::resource("/threads/{id}/appeal").post(threads::appeal))
        .service(web::resource("/moderation/thread-appeals/{id}").post(threads::decide_appeal))
        .service(web::resource("/dialogues").get(dialogues::index))
        .service(web::resource("/dialogues/{id}").get(dialogues::show))
        .service(web::resource("/dialogues/{id}/register").post(dialogues::register))
        .service(web::resource("/workspace/dialogues/new").get(dialogues::new))
        .service(web::resource("/workspace/dialogues").post(dialogues::create))
        .service(web::resource("/workspace/dialogues/{id}/minutes").post(dialogues::minutes))
        // Following and notices
        .service(web::resource("/follow").post(follows::follow))
        .service(web::resource("/unfollow").post(follows::unfollow))
        .service(web::resource("/account/follows").get(follows::mine))
        .service(
            web::resource("/unsubscribe")
                .get(follows::unsubscribe_page)
                .post(follows::unsubscribe),
        )
        // Scorecards, statistics and the periodic report
        .service(web::resource("/stats").get(stats::show))
        .service(web::resource("/reports").get(reports::show))
        .service(web::resource("/reports.csv").get(reports::csv))
        .service(web::resource("/reports.docx").get(reports::docx))
        .service(web::resource("/feed.atom").get(feed::drafts))
        // Open data
        .service(web::resource("/open-data").get(open_data::index))
        .service(web::resource("/open-data/{file}").get(open_data::download))
        // Agencies
        .service(web::resource("/agencies/{id}").get(agencies::show))
        .service(
            web::resource("/agencies/{id}/edit")
                .get(agencies::edit)
                .post(agencies::update),
        )
        .service(web::resource("/workspace").get(workspace::show))
        .service(web::resource("/workspace/drafts/new").get(workspace::new))
        .service(web::resource("/workspace/drafts").post(workspace::create))
        .service(web::resource("/workspace/drafts/{slug}").get(workspace::manage))
        .service(web::resource("/workspace/drafts/{slug}/text").post(workspace::update_text))
        .service(web::resource("/workspace/drafts/{slug}/publish").post(workspace::publish))
        .service(web::resource("/workspace/drafts/{slug}/versions").post(workspace::new_version))
        .service(
            web::resource("/workspace/drafts/{slug}/documents").post(workspace::upload_document),
        )
        .service(web::resource("/workspace/drafts/{slug}/open").post(workspace::open))
        .service(web::resource("/workspace/drafts/{slug}/late").post(workspace::late))
        .service(web::resource("/workspace/drafts/{slug}/stage").post(workspace::record_stage))
        .service(
            web::resource("/workspace/drafts/{slug}/interest").post(workspace::declare_interest),
        )
        .service(
            web::resource("/workspace/drafts/{slug}/answers")
                .get(answers::index)
                .post(answers::bulk),
        )
        .service(
            web::resource("/workspace/drafts/{slug}/answers/{comment}")
                .get(answers::edit)
                .post(answers::save),
        )
        .service(
            web::resource("/workspace/drafts/{slug}/answers/{comment}/rebuttal")
                .post(answers::answer_rebuttal),
        )
        // Administration
        .service(
            web::resource("/admin/agencies")
                .get(admin::agencies)
                .post(admin::create_agency),
        )
        .service(web::resource("/admin/users").get(admin::users))
        .service(web::resource("/admin/rules").get(admin::rules))
        .service(web::resource("/admin/rules/{id}").post(admin::update_rule))
        .service(
            web::resource("/admin/users/{id}")
                .get(admin::edit_user)
                .post(admin::update_user),
        )
        // JSON API
        .service(web::resource("/api").get(api_doc::page))
        .service(web::resource("/api/v1/openapi.json").get(api_doc::openapi_json))
        .service(web::resource("/api/v1/me").get(api::me))
        .service(web::resource("/api/v1/search").get(search::api))
        .service(
            web::resource("/api/v1/drafts")
                .get(api_drafts::index)
                .post(api_drafts::create),
        )
        .service(web::resource("/api/v1/drafts/{slug}").get(api_drafts::show))
        .service(web::resource("/api/v1/drafts/{slug}/appraisal").get(appraisal_public::api))
        .service(web::resource("/api/v1/drafts/{slug}/versions").post(api_drafts::create_version))
        .service(web::resource("/api/v1/drafts/{slug}/versions/{n}").get(api_drafts::version))
        .service(
            web::resource("/api/v1/drafts/{slug}/versions/{n}/publish").post(api_drafts::publish),
        )
        .service(web::resource("/api/v1/drafts/{slug}/open").post(api_drafts::open))
        .service(
            web::resource("/api/v1/drafts/{slug}/comments")
                .get(api_comments::index)
                .post(api_comments::create),
        )
        .service(web::resource("/api/v1/comments/{id}").get(api_comments::show))
        .service(
            web::resource("/api/v1/threads")
                .get(api_threads::index)
                .post(api_threads::create),
        )
        .service(web::resource("/api/v1/threads/{id}").get(api_threads::show));
}
