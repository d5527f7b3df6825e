//! `GET /feed.atom`: drafts opened for comment, newest first, as an Atom feed.

use actix_web::{HttpResponse, web};
use quick_xml::escape::escape;

use crate::db::Db;
use crate::error::AppResult;
use crate::i18n::Lang;
use crate::middleware::WebSettings;
use crate::models::{Agency, Draft, DraftFilter};

/// Entries in the feed.
const ENTRIES: i64 = 50;

/// The feed of public drafts (opened for comment at least once).
pub async fn drafts(
    db: Db,
    lang: Lang,
    settings: web::Data<WebSettings>,
) -> AppResult<HttpResponse> {
    let (drafts, agencies, head) = db
        .run(|c| {
            Ok((
                Draft::public_page(c, &DraftFilter::default(), None, ENTRIES)?,
                Agency::list(c)?,
                crate::models::ledger::Entry::head(c)?,
            ))
        })
        .await?;
    let base = &settings.base_url;
    let updated = drafts
        .iter()
        .map(|d| d.updated_at)
        .max()
        .map(|t| t.and_utc().to_rfc3339())
        .unwrap_or_else(|| "1970-01-01T00:00:00+00:00".into());
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xmlns:gopy=\"https://gopy.vn/ns/ledger\">\n",
    );
    // The ledger's head when the feed was made: a reader can check it later.
    xml.push_str(&format!(
        "  <gopy:ledger seq=\"{}\" hash=\"{}\"/>\n  <link rel=\"related\" href=\"{}/ledger/{}\"/>\n",
        head.seq,
        escape(&head.hash),
        escape(base.as_str()),
        head.seq
    ));
    xml.push_str(&format!(
        "  <title>{}</title>\n",
        escape(lang.text("feed-title").as_str())
    ));
    xml.push_str(&format!("  <id>{}/feed.atom</id>\n", escape(base.as_str())));
    xml.push_str(&format!(
        "  <link rel=\"self\" href=\"{}/feed.atom\"/>\n",
        escape(base.as_str())
    ));
    xml.push_str(&format!(
        "  <link rel=\"alternate\" href=\"{}/drafts\"/>\n",
        escape(base.as_str())
    ));
    xml.push_str(&format!("  <updated>{updated}</updated>\n"));
    for draft in &drafts {
        let agency = agencies
            .iter()
            .find(|a| a.id == draft.agency_id)
            .map(|a| a.name.as_str())
            .unwrap_or("");
        let link = format!("{base}/drafts/{}", draft.slug);
        xml.push_str("  <entry>\n");
        xml.push_str(&format!("    <id>urn:uuid:{}</id>\n", draft.public_id));
        xml.push_str(&format!(
            "    <title>{}</title>\n",
            escape(draft.title.as_str())
        ));
        xml.push_str(&format!("    <link href=\"{}\"/>\n", escape(link.as_str())));
        xml.push_str(&format!(
            "    <updated>{}</updated>\n",
            draft.updated_at.and_utc().to_rfc3339()
        ));
        if let Some(opens) = draft.opens_on {
            xml.push_str(&format!(
                "    <published>{opens}T00:00:00+07:00</published>\n"
            ));
        }
        xml.push_str(&format!(
            "    <author><name>{}</name></author>\n",
            escape(agency)
        ));
        let mut summary = draft.summary.clone();
        if let (Some(from), Some(to)) = (draft.opens_on, draft.closes_on) {
            let args = [
                ("from".into(), from.format("%d/%m/%Y").to_string().into()),
                ("to".into(), to.format("%d/%m/%Y").to_string().into()),
            ]
            .into_iter()
            .collect();
            summary = format!("{summary}\n{}", lang.text_with("feed-window", &args));
        }
        xml.push_str(&format!(
            "    <summary>{}</summary>\n",
            escape(summary.trim())
        ));
        xml.push_str("  </entry>\n");
    }
    xml.push_str("</feed>\n");
    Ok(HttpResponse::Ok()
        .insert_header(("Content-Type", "application/atom+xml; charset=utf-8"))
        .insert_header(("Cache-Control", "public, max-age=300"))
        .body(xml))
}
