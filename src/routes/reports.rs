//! The justice department's periodic report: for a quarter or a year, every
//! agency's consultations that closed in it — drafts, comments, answers,
//! how long answering took, appraisal conclusions, overdue work — as a page,
//! a CSV file and an editable DOCX. Public, like the figures it sums.

use std::collections::HashMap;
use std::io::Cursor;

use actix_web::http::header;
use actix_web::{HttpResponse, web};
use chrono::Utc;
use serde::{Deserialize, Serialize};

use crate::db::Db;
use crate::domain::draft::local_date;
use crate::domain::period::Period;
use crate::domain::scorecard::ANSWER_DUE_DAYS;
use crate::error::{AppError, AppResult, Message};
use crate::export::csv::CsvChunk;
use crate::export::docx::DocxWriter;
use crate::i18n::Lang;
use crate::models::Scope;
use crate::models::scorecard::Scorecard;
use crate::views::Page;

/// What the report's address may say.
#[derive(Debug, Deserialize)]
pub struct ReportQuery {
    period: Option<String>,
}

/// The period asked for (the current quarter when none is), or a 400 that
/// says how to write one.
fn period_of(query: &ReportQuery) -> AppResult<Period> {
    match query.period.as_deref().map(str::trim) {
        None | Some("") => Ok(Period::quarter_of(local_date(Utc::now()))),
        Some(text) => text
            .parse()
            .map_err(|_| AppError::bad_request(Message::new("periodic-period-invalid"))),
    }
}

/// The period as a reader says it: "Quý IV năm 2026", "Năm 2026".
fn period_label(lang: Lang, period: Period) -> String {
    let (year, quarter) = period.label_parts();
    let mut args = HashMap::new();
    args.insert("year".into(), year.to_string().into());
    match quarter {
        Some((number, roman)) => {
            args.insert("quarter".into(), roman.into());
            args.insert("n".into(), number.to_string().into());
            lang.text_with("periodic-period-quarter", &args)
        }
        None => lang.text_with("periodic-period-year", &args),
    }
}

/// The agencies' scorecards over the consultations that closed in `period`.
async fn load(db: &Db, period: Period) -> AppResult<Vec<Scorecard>> {
    let scope = Scope {
        agency_id: None,
        closed_between: Some((period.first_day(), period.last_day())),
    };
    let now = Utc::now().naive_utc();
    db.run(move |c| Scorecard::per_agency(c, &scope, now)).await
}

/// A link to another period.
#[derive(Serialize)]
struct PeriodLink {
    code: String,
    label: String,
}

#[derive(Serialize)]
struct ReportView {
    period: String,
    label: String,
    first_day: String,
    last_day: String,
    agencies: Vec<Scorecard>,
    total: Scorecard,
    previous: PeriodLink,
    next: PeriodLink,
    year: Option<PeriodLink>,
    answer_due_days: i64,
}

/// `GET /reports?period=2026-Q4`.
pub async fn show(db: Db, lang: Lang, query: web::Query<ReportQuery>) -> AppResult<Page> {
    let period = period_of(&query)?;
    let agencies = load(&db, period).await?;
    let link = |p: Period| PeriodLink {
        code: p.to_string(),
        label: period_label(lang, p),
    };
    let view = ReportView {
        period: period.to_string(),
        label: period_label(lang, period),
        first_day: period.first_day().format("%d/%m/%Y").to_string(),
        last_day: period.last_day().format("%d/%m/%Y").to_string(),
        total: Scorecard::total(&agencies),
        agencies,
        previous: link(period.previous()),
        next: link(period.next()),
        year: match period {
            Period::Quarter(y, _) => Some(link(Period::Year(y))),
            Period::Year(_) => None,
        },
        answer_due_days: ANSWER_DUE_DAYS,
    };
    Ok(Page::render("reports/show", lang, view))
}

/// The translation keys of the report's columns, in order.
const COLUMNS: [&str; 11] = [
    "stats-agency",
    "scorecard-drafts",
    "scorecard-comments",
    "periodic-col-to-answer",
    "periodic-col-answered",
    "periodic-col-percent",
    "scorecard-median-days",
    "periodic-col-eligible",
    "periodic-col-not-yet-eligible",
    "scorecard-overdue-count",
    "periodic-col-overdue-threads",
];

/// The cells of one row, in the order of [`COLUMNS`] (points answered come
/// in the CSV as two extra columns).
fn cells(name: &str, card: &Scorecard) -> Vec<String> {
    let optional = |v: Option<i64>| v.map(|v| v.to_string()).unwrap_or_default();
    vec![
        name.to_string(),
        card.drafts.to_string(),
        card.comments.to_string(),
        card.to_answer.to_string(),
        card.answered.to_string(),
        optional(card.answered_percent),
        optional(card.median_days_to_answer),
        card.eligible.to_string(),
        card.not_yet_eligible.to_string(),
        card.overdue.len().to_string(),
        card.overdue_threads.to_string(),
    ]
}

fn attachment(body: Vec<u8>, content_type: &str, name: &str) -> HttpResponse {
    HttpResponse::Ok()
        .insert_header((header::CONTENT_TYPE, content_type.to_string()))
        .insert_header((
            header::CONTENT_DISPOSITION,
            format!("attachment; filename=\"{name}\""),
        ))
        .body(body)
}

/// `GET /reports.csv?period=2026-Q4`: one row per agency and a total.
pub async fn csv(db: Db, lang: Lang, query: web::Query<ReportQuery>) -> AppResult<HttpResponse> {
    let period = period_of(&query)?;
    let agencies = load(&db, period).await?;
    let total = Scorecard::total(&agencies);
    let mut out = CsvChunk::new(true);
    let mut header: Vec<String> = COLUMNS.iter().map(|k| lang.text(k)).collect();
    header.push(lang.text("periodic-col-points"));
    header.push(lang.text("periodic-col-points-answered"));
    let write = |out: &mut CsvChunk, row: Vec<String>| {
        out.row(row.iter().map(String::as_str))
            .map_err(AppError::internal)
    };
    write(&mut out, header)?;
    let total_name = lang.text("periodic-total");
    for (name, card) in agencies
        .iter()
        .map(|c| (c.agency_name.as_str(), c))
        .chain([(total_name.as_str(), &total)])
    {
        let mut row = cells(name, card);
        row.push(card.points.to_string());
        row.push(card.points_answered.to_string());
        write(&mut out, row)?;
    }
    let body = out.into_bytes().map_err(AppError::internal)?;
    Ok(attachment(
        body,
        "text/csv; charset=utf-8",
        &format!("gopy-report-{period}.csv"),
    ))
}

/// `GET /reports.docx?period=2026-Q4`: the same table in an editable
/// document, for the department to sign and file.
pub async fn docx(db: Db, lang: Lang, query: web::Query<ReportQuery>) -> AppResult<HttpResponse> {
    let period = period_of(&query)?;
    let agencies = load(&db, period).await?;
    let total = Scorecard::total(&agencies);
    let title = format!(
        "{} — {}",
        lang.text("periodic-title"),
        period_label(lang, period)
    );
    let write = || -> std::io::Result<Vec<u8>> {
        let mut doc = DocxWriter::new(Cursor::new(Vec::new()), &title)?;
        doc.title(&title)?;
        let mut args = HashMap::new();
        args.insert(
            "first".into(),
            period.first_day().format("%d/%m/%Y").to_string().into(),
        );
        args.insert(
            "last".into(),
            period.last_day().format("%d/%m/%Y").to_string().into(),
        );
        doc.paragraph(&lang.text_with("periodic-scope", &args))?;
        let headers: Vec<String> = COLUMNS.iter().map(|k| lang.text(k)).collect();
        let headers: Vec<&str> = headers.iter().map(String::as_str).collect();
        // The page's text width is 9071 twips: the agency takes the most.
        let widths = [1871, 800, 800, 800, 800, 700, 800, 800, 900, 800];
        doc.start_table(&headers, &widths)?;
        for card in &agencies {
            let row = cells(&card.agency_name, card);
            doc.row(&row.iter().map(String::as_str).collect::<Vec<_>>())?;
        }
        let row = cells(&lang.text("periodic-total"), &total);
        doc.row(&row.iter().map(String::as_str).collect::<Vec<_>>())?;
        doc.end_table()?;
        let mut args = HashMap::new();
        args.insert("answered".into(), total.points_answered.into());
        args.insert("points".into(), total.points.into());
        doc.paragraph(&lang.text_with("periodic-points-line", &args))?;
        let mut args = HashMap::new();
        args.insert("days".into(), ANSWER_DUE_DAYS.into());
        doc.paragraph(&lang.text_with("scorecard-overdue-hint", &args))?;
        for item in &total.overdue {
            let mut args = HashMap::new();
            args.insert("unanswered".into(), item.unanswered.into());
            args.insert("days".into(), item.days_since_close.into());
            doc.paragraph(&format!(
                "• {} — {}",
                item.title,
                lang.text_with("scorecard-overdue-line", &args)
            ))?;
        }
        Ok(doc.finish()?.into_inner())
    };
    let body = write().map_err(AppError::internal)?;
    Ok(attachment(
        body,
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        &format!("gopy-report-{period}.docx"),
    ))
}
