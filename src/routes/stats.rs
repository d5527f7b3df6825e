//! `/stats`: the portal's figures for everyone — comments per day, per
//! author category, answers per agency by decision, and every agency's
//! scorecard — drawn on the server as SVG, each with its data table.

use chrono::{Duration, NaiveTime, Utc};
use serde::Serialize;

use crate::db::Db;
use crate::domain::comment::Category;
use crate::domain::draft::{local_date, vietnam};
use crate::domain::response::Decision;
use crate::domain::scorecard::ANSWER_DUE_DAYS;
use crate::error::AppResult;
use crate::i18n::Lang;
use crate::models::Scope;
use crate::models::scorecard::Scorecard;
use crate::models::statistics;
use crate::views::Page;
use crate::views::chart::{self, Chart, Point};

/// The days the comments-per-day chart covers, today included.
const DAYS: i64 = 30;

#[derive(Serialize)]
struct StatsView {
    total: Scorecard,
    agencies: Vec<Scorecard>,
    per_day: Chart,
    per_day_rows: Vec<Point>,
    per_category: Chart,
    per_category_rows: Vec<Point>,
    decisions: Chart,
    decision_names: Vec<String>,
    decision_rows: Vec<(String, Vec<i64>)>,
    answer_due_days: i64,
}

/// `GET /stats`.
pub async fn show(db: Db, lang: Lang) -> AppResult<Page> {
    let now = Utc::now();
    let today = local_date(now);
    let first_day = today - Duration::days(DAYS - 1);
    let since = first_day
        .and_time(NaiveTime::MIN)
        .and_local_timezone(vietnam())
        .single()
        .map(|t| t.naive_utc())
        .unwrap_or_else(|| first_day.and_time(NaiveTime::MIN));
    let (per_day, per_category, decisions, agencies) = db
        .run(move |c| {
            Ok((
                statistics::comments_per_day(c, since)?,
                statistics::comments_per_category(c)?,
                statistics::decisions_per_agency(c)?,
                Scorecard::per_agency(c, &Scope::default(), now.naive_utc())?,
            ))
        })
        .await?;

    let per_day_rows: Vec<Point> = (0..DAYS)
        .map(|i| {
            let day = first_day + Duration::days(i);
            Point {
                label: day.format("%d/%m").to_string(),
                value: per_day.get(&day).copied().unwrap_or(0),
            }
        })
        .collect();
    let per_category_rows: Vec<Point> = Category::ALL
        .into_iter()
        .map(|category| Point {
            label: lang.text(category.label_key()),
            value: per_category
                .iter()
                .find(|(c, _)| c == category.as_str())
                .map_or(0, |(_, n)| *n),
        })
        .collect();
    let decision_names: Vec<String> = Decision::ALL
        .into_iter()
        .map(|d| lang.text(d.label_key()))
        .collect();
    let mut decision_rows: Vec<(String, Vec<i64>)> = Vec::new();
    for (agency, decision, n) in decisions {
        let Some(column) = Decision::ALL.iter().position(|d| d.as_str() == decision) else {
            continue;
        };
        let row = match decision_rows.iter().position(|(a, _)| *a == agency) {
            Some(i) => &mut decision_rows[i],
            None => {
                decision_rows.push((agency, vec![0; Decision::ALL.len()]));
                decision_rows.last_mut().expect("just pushed")
            }
        };
        row.1[column] += n;
    }
    decision_rows.sort_by(|a, b| a.0.cmp(&b.0));

    let view = StatsView {
        per_day: chart::columns(
            "per-day",
            &lang.text("stats-per-day-title"),
            &describe(lang, "stats-per-day-desc", &per_day_rows),
            &per_day_rows,
        ),
        per_category: chart::stacked_bars(
            "per-category",
            &lang.text("stats-per-category-title"),
            &describe(lang, "stats-per-category-desc", &per_category_rows),
            &[lang.text("stats-comments")],
            &per_category_rows
                .iter()
                .map(|p| (p.label.clone(), vec![p.value]))
                .collect::<Vec<_>>(),
        ),
        decisions: chart::stacked_bars(
            "decisions",
            &lang.text("stats-decisions-title"),
            &lang.text("stats-decisions-desc"),
            &decision_names,
            &decision_rows,
        ),
        total: Scorecard::total(&agencies),
        agencies,
        per_day_rows,
        per_category_rows,
        decision_names,
        decision_rows,
        answer_due_days: ANSWER_DUE_DAYS,
    };
    Ok(Page::render("stats/show", lang, view))
}

/// A chart's description for screen readers: its total and its largest value.
fn describe(lang: Lang, key: &str, points: &[Point]) -> String {
    let total: i64 = points.iter().map(|p| p.value).sum();
    let top = points.iter().max_by_key(|p| p.value);
    let mut args = std::collections::HashMap::new();
    args.insert("total".into(), total.into());
    args.insert(
        "top".into(),
        top.map(|p| p.label.clone()).unwrap_or_default().into(),
    );
    args.insert("top_value".into(), top.map_or(0, |p| p.value).into());
    lang.text_with(key, &args)
}
