//! The handlebars registry: every `templates/**/*.hbs` under its path without
//! the extension (`drafts/show`), plus the `t` (translate) and `asset` helpers.

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::Arc;

use fluent_templates::fluent_bundle::FluentValue;
use handlebars::{
    Context, Handlebars, Helper, HelperDef, HelperResult, Output, RenderContext, RenderErrorReason,
};
use rust_embed::RustEmbed;
use serde_json::Value;

use super::assets::Asset;
use crate::i18n::Lang;

#[derive(RustEmbed)]
#[folder = "templates/"]
struct TemplateFiles;

/// The compiled templates, shared by all workers: HTML-escaping for pages and
/// HTML e-mail, and a plain registry for e-mail subjects and text bodies.
#[derive(Clone)]
pub struct Templates {
    html: Arc<Handlebars<'static>>,
    text: Arc<Handlebars<'static>>,
}

impl Templates {
    /// Compiles every template; fails on the first syntax error.
    pub fn load() -> anyhow::Result<Templates> {
        let mut html = Handlebars::new();
        html.register_escape_fn(escape_html);
        html.register_helper("t", Box::new(Translate { escape: true }));
        html.register_helper("asset", Box::new(AssetUrl));
        let mut text = Handlebars::new();
        text.register_escape_fn(handlebars::no_escape);
        text.register_helper("t", Box::new(Translate { escape: false }));
        for path in TemplateFiles::iter().filter(|p| p.ends_with(".hbs")) {
            let file = TemplateFiles::get(&path).expect("listed template exists");
            let source = std::str::from_utf8(&file.data)
                .map_err(|e| anyhow::anyhow!("template {path} is not UTF-8: {e}"))?;
            let name = path.trim_end_matches(".hbs");
            let plain = name.starts_with("email/")
                && (name.ends_with("/subject") || name.ends_with(".txt"));
            let registry = if plain { &mut text } else { &mut html };
            registry
                .register_template_string(name, source)
                .map_err(|e| anyhow::anyhow!("template {path}: {e}"))?;
        }
        Ok(Templates {
            html: Arc::new(html),
            text: Arc::new(text),
        })
    }

    /// Renders the HTML template `name` with `data`.
    pub fn render(&self, name: &str, data: &Value) -> Result<String, handlebars::RenderError> {
        self.html.render(name, data)
    }

    /// Renders the plain-text template `name` (an e-mail subject or text body).
    pub fn render_text(&self, name: &str, data: &Value) -> Result<String, handlebars::RenderError> {
        self.text.render(name, data)
    }

    /// The names of all templates, for tests.
    pub fn names(&self) -> Vec<String> {
        self.html
            .get_templates()
            .keys()
            .chain(self.text.get_templates().keys())
            .cloned()
            .collect()
    }
}

/// `{{t "key" name=value}}`: the translation of a key (literal or variable) in
/// the language of the root context's `lang`, HTML-escaped unless for text.
struct Translate {
    escape: bool,
}

impl HelperDef for Translate {
    fn call<'reg: 'rc, 'rc>(
        &self,
        h: &Helper<'rc>,
        _: &'reg Handlebars<'reg>,
        ctx: &'rc Context,
        _: &mut RenderContext<'reg, 'rc>,
        out: &mut dyn Output,
    ) -> HelperResult {
        let key = h
            .param(0)
            .and_then(|p| p.value().as_str())
            .ok_or(RenderErrorReason::ParamNotFoundForIndex("t", 0))?;
        let lang = ctx
            .data()
            .get("lang")
            .and_then(Value::as_str)
            .and_then(Lang::from_code)
            .unwrap_or_default();
        let args: HashMap<Cow<'static, str>, FluentValue> = h
            .hash()
            .iter()
            .map(|(name, value)| (Cow::Owned(name.to_string()), fluent_value(value.value())))
            .collect();
        let text = lang.text_with(key, &args);
        out.write(&if self.escape {
            escape_html(&text)
        } else {
            text
        })?;
        Ok(())
    }
}

/// Escapes what could end an element's text or a quoted attribute value.
/// (handlebars' default also escapes `=` and backticks, which mangles URLs
/// in the HTML source without making anything safer in quoted attributes.)
pub fn escape_html(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    for c in raw.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

fn fluent_value(value: &Value) -> FluentValue<'static> {
    match value {
        Value::Number(n) => n
            .as_f64()
            .map(FluentValue::from)
            .unwrap_or(FluentValue::None),
        Value::String(s) => FluentValue::from(s.clone()),
        Value::Bool(b) => FluentValue::from(b.to_string()),
        Value::Null => FluentValue::None,
        other => FluentValue::from(other.to_string()),
    }
}

/// `{{asset "css/app.css"}}`: the versioned URL of a static file.
struct AssetUrl;

impl HelperDef for AssetUrl {
    fn call<'reg: 'rc, 'rc>(
        &self,
        h: &Helper<'rc>,
        _: &'reg Handlebars<'reg>,
        _: &'rc Context,
        _: &mut RenderContext<'reg, 'rc>,
        out: &mut dyn Output,
    ) -> HelperResult {
        let path = h
            .param(0)
            .and_then(|p| p.value().as_str())
            .ok_or(RenderErrorReason::ParamNotFoundForIndex("asset", 0))?;
        let url = Asset::url(path)
            .ok_or_else(|| RenderErrorReason::Other(format!("no static file {path}")))?;
        out.write(&escape_html(&url))?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_template_compiles() {
        let templates = Templates::load().unwrap();
        let names = templates.names();
        for expected in ["layouts/base", "home/index", "errors/show"] {
            assert!(
                names.iter().any(|n| n == expected),
                "{expected} missing: {names:?}"
            );
        }
    }

    /// Every `{{t "…"}}` key used by a template exists in both languages.
    #[test]
    fn every_translation_key_in_templates_exists() {
        let mut checked = 0;
        for path in TemplateFiles::iter().filter(|p| p.ends_with(".hbs")) {
            let file = TemplateFiles::get(&path).unwrap();
            let source = String::from_utf8_lossy(&file.data).into_owned();
            for piece in source.split("{{t \"").skip(1) {
                let key = piece.split('"').next().unwrap();
                for lang in Lang::ALL {
                    assert!(lang.has(key), "{path}: {key} missing in {}", lang.code());
                }
                checked += 1;
            }
        }
        assert!(checked > 10, "only {checked} keys found in templates");
    }

    #[test]
    fn escaping_covers_markup_and_quotes_but_keeps_urls_readable() {
        assert_eq!(
            escape_html(r#"<a href="x" onclick='y'>&</a>"#),
            "&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;&lt;/a&gt;"
        );
        assert_eq!(escape_html("/?lang=en&page=2"), "/?lang=en&amp;page=2");
    }

    #[test]
    fn translation_output_is_escaped() {
        let templates = Templates::load().unwrap();
        let mut hb = (*templates.html).clone();
        hb.register_template_string("probe", "{{t \"error-request-id\" id=x}}")
            .unwrap();
        let html = hb
            .render("probe", &serde_json::json!({"lang": "en", "x": "<b>"}))
            .unwrap();
        assert!(html.contains("&lt;b&gt;"), "{html}");
    }
}
