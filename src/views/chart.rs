//! Charts drawn on the server as inline SVG: readable without JavaScript,
//! scaled by the browser, and announced by screen readers through their
//! `<title>` and `<desc>`. Every chart also goes out as a data table in the
//! page, so no figure exists only as a picture.
//!
//! Hand-written because the few shapes needed (columns, bars, stacked bars)
//! are short, and the charting crates emit SVG without the title, description
//! and role that make it accessible.

use std::fmt::Write;

use quick_xml::escape::escape;

/// The fills of successive series, each at least 3:1 against white
/// (WCAG 2.1 non-text contrast) and told apart by lightness as well as hue.
pub const PALETTE: [&str; 5] = ["#0b57a4", "#a3161a", "#2f6b2f", "#6b4f00", "#5a5a5a"];

/// One labelled value.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Point {
    pub label: String,
    pub value: i64,
}

/// A chart ready for a template: the SVG markup (already escaped) and what
/// the data table under it shows.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Chart {
    pub id: String,
    pub title: String,
    pub svg: String,
}

fn open(out: &mut String, id: &str, title: &str, description: &str, width: u32, height: u32) {
    let _ = write!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" viewBox="0 0 {width} {height}" aria-labelledby="{id}-title {id}-desc" font-size="13"><title id="{id}-title">{}</title><desc id="{id}-desc">{}</desc>"#,
        escape(title),
        escape(description)
    );
}

/// The top of a value axis: a round number at or above `max` (a multiple
/// of half its power of ten).
fn axis_top(max: i64) -> i64 {
    if max <= 5 {
        return 5;
    }
    let magnitude = 10_i64.pow(max.ilog10());
    let step = (magnitude / 2).max(1);
    (max + step - 1) / step * step
}

/// Vertical columns, one per point, labelled at the first and the last
/// (for a run of days).
pub fn columns(id: &str, title: &str, description: &str, points: &[Point]) -> Chart {
    const WIDTH: u32 = 640;
    const HEIGHT: u32 = 220;
    const LEFT: f64 = 44.0;
    const BOTTOM: f64 = 190.0;
    const TOP: f64 = 12.0;
    let mut svg = String::new();
    open(&mut svg, id, title, description, WIDTH, HEIGHT);
    let top = axis_top(points.iter().map(|p| p.value).max().unwrap_or(0));
    let plot = f64::from(WIDTH) - LEFT - 8.0;
    let slot = plot / points.len().max(1) as f64;
    let _ = write!(
        svg,
        r##"<g fill="#4a5561"><text x="{x}" y="{TOP}" text-anchor="end" dominant-baseline="middle">{top}</text><text x="{x}" y="{BOTTOM}" text-anchor="end" dominant-baseline="middle">0</text></g><line x1="{LEFT}" y1="{BOTTOM}" x2="{right}" y2="{BOTTOM}" stroke="#4a5561"/>"##,
        x = LEFT - 6.0,
        right = f64::from(WIDTH) - 8.0,
    );
    for (i, p) in points.iter().enumerate() {
        let h = (BOTTOM - TOP) * p.value as f64 / top as f64;
        let x = LEFT + slot * i as f64 + slot * 0.15;
        let _ = write!(
            svg,
            r#"<rect x="{x:.1}" y="{y:.1}" width="{w:.1}" height="{h:.1}" fill="{fill}"><title>{label}: {value}</title></rect>"#,
            y = BOTTOM - h,
            w = slot * 0.7,
            fill = PALETTE[0],
            label = escape(&p.label),
            value = p.value,
        );
    }
    if let (Some(first), Some(last)) = (points.first(), points.last()) {
        let _ = write!(
            svg,
            r##"<g fill="#4a5561"><text x="{LEFT}" y="{y}">{}</text><text x="{right}" y="{y}" text-anchor="end">{}</text></g>"##,
            escape(&first.label),
            escape(&last.label),
            y = BOTTOM + 20.0,
            right = f64::from(WIDTH) - 8.0,
        );
    }
    svg.push_str("</svg>");
    Chart {
        id: id.to_string(),
        title: title.to_string(),
        svg,
    }
}

/// A row of labelled segments (one per series) for each of `rows`; a
/// single series gives plain horizontal bars. The legend names the series.
pub fn stacked_bars(
    id: &str,
    title: &str,
    description: &str,
    series: &[String],
    rows: &[(String, Vec<i64>)],
) -> Chart {
    const WIDTH: u32 = 640;
    const LABEL: f64 = 230.0;
    const ROW: f64 = 30.0;
    let legend_height = if series.len() > 1 { 28.0 } else { 0.0 };
    let height = (legend_height + ROW * rows.len().max(1) as f64 + 8.0).ceil() as u32;
    let mut svg = String::new();
    open(&mut svg, id, title, description, WIDTH, height);
    if series.len() > 1 {
        let mut x = 0.0;
        for (i, name) in series.iter().enumerate() {
            let _ = write!(
                svg,
                r##"<rect x="{x}" y="4" width="14" height="14" fill="{}"/><text x="{tx}" y="16" fill="#1b1f24">{}</text>"##,
                PALETTE[i % PALETTE.len()],
                escape(name),
                tx = x + 19.0,
            );
            x += 24.0 + 7.5 * name.chars().count() as f64;
        }
    }
    let max = rows
        .iter()
        .map(|(_, v)| v.iter().sum::<i64>())
        .max()
        .unwrap_or(0)
        .max(1);
    let plot = f64::from(WIDTH) - LABEL - 60.0;
    for (r, (label, values)) in rows.iter().enumerate() {
        let y = legend_height + ROW * r as f64;
        let short: String = label.chars().take(32).collect();
        let _ = write!(
            svg,
            r##"<text x="{x}" y="{ty}" text-anchor="end" fill="#1b1f24">{}</text>"##,
            escape(&short),
            x = LABEL - 8.0,
            ty = y + 19.0,
        );
        let mut x = LABEL;
        for (i, value) in values.iter().enumerate() {
            let w = plot * *value as f64 / max as f64;
            if *value > 0 {
                let name = series.get(i).map(String::as_str).unwrap_or_default();
                let _ = write!(
                    svg,
                    r#"<rect x="{x:.1}" y="{ry}" width="{w:.1}" height="22" fill="{fill}"><title>{label} — {name}: {value}</title></rect>"#,
                    ry = y + 4.0,
                    fill = PALETTE[i % PALETTE.len()],
                    label = escape(label),
                    name = escape(name),
                );
            }
            x += w;
        }
        let _ = write!(
            svg,
            r##"<text x="{tx:.1}" y="{ty}" fill="#1b1f24">{}</text>"##,
            values.iter().sum::<i64>(),
            tx = x + 6.0,
            ty = y + 19.0,
        );
    }
    svg.push_str("</svg>");
    Chart {
        id: id.to_string(),
        title: title.to_string(),
        svg,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_axis_ends_on_a_round_number_at_or_above_the_largest_value() {
        assert_eq!(axis_top(0), 5);
        assert_eq!(axis_top(3), 5);
        assert_eq!(axis_top(7), 7);
        assert_eq!(axis_top(10), 10);
        assert_eq!(axis_top(37), 40);
        assert_eq!(axis_top(120), 150);
        assert_eq!(axis_top(1000), 1000);
    }

    #[test]
    fn a_chart_is_named_for_screen_readers_and_escapes_its_labels() {
        let chart = columns(
            "per-day",
            "Góp ý mỗi ngày",
            "30 ngày <gần nhất>",
            &[
                Point {
                    label: "01/11".into(),
                    value: 4,
                },
                Point {
                    label: "<b>".into(),
                    value: 2,
                },
            ],
        );
        assert!(chart.svg.contains(r#"role="img""#));
        assert!(
            chart
                .svg
                .contains(r#"aria-labelledby="per-day-title per-day-desc""#)
        );
        assert!(
            chart
                .svg
                .contains("<title id=\"per-day-title\">Góp ý mỗi ngày</title>")
        );
        assert!(chart.svg.contains("30 ngày &lt;gần nhất&gt;"));
        assert!(!chart.svg.contains("<b>"));
        assert_eq!(chart.svg.matches("<rect").count(), 2);
    }

    #[test]
    fn stacked_bars_draw_one_segment_per_nonzero_value_and_state_the_total() {
        let chart = stacked_bars(
            "decisions",
            "Quyết định",
            "theo cơ quan",
            &["Tiếp thu".into(), "Không tiếp thu".into()],
            &[
                ("Sở Xây dựng".into(), vec![3, 0]),
                ("Sở Tài chính".into(), vec![1, 2]),
            ],
        );
        // Two legend swatches and three segments.
        assert_eq!(chart.svg.matches("<rect").count(), 5);
        assert!(chart.svg.contains("Sở Tài chính — Không tiếp thu: 2"));
        assert!(chart.svg.contains(">3</text>"));
    }
}
