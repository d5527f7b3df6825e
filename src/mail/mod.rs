//! E-mail: composing messages from templates, the transport, and the outbox
//! worker that sends what handlers queued.

pub mod worker;

use std::sync::Arc;
use std::time::Duration;

use lettre::message::{Mailbox, MultiPart};
use lettre::{AsyncFileTransport, AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use serde::Serialize;
use serde_json::{Value, json};
use tokio::sync::Notify;

use crate::config::{Config, MailTransport};
use crate::i18n::Lang;
use crate::models::{NewMail, OutboxMail};
use crate::views::Templates;

/// Sends one message through the configured transport.
pub struct Mailer {
    transport: Transport,
    from: Mailbox,
    /// Domain for Message-IDs, so a resend of the same outbox row is recognisable.
    domain: String,
}

enum Transport {
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
    Files(AsyncFileTransport<Tokio1Executor>),
}

impl Mailer {
    /// The transport the configuration names (the mail folder is created).
    pub fn new(config: &Config) -> anyhow::Result<Mailer> {
        let transport = match &config.mail {
            MailTransport::Smtp(url) => Transport::Smtp(
                AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
                    .map_err(|e| anyhow::anyhow!("GOPY_MAIL_URL: {e}"))?
                    .timeout(Some(Duration::from_secs(10)))
                    .build(),
            ),
            MailTransport::Files(dir) => {
                std::fs::create_dir_all(dir).map_err(|e| {
                    anyhow::anyhow!("could not create the mail folder {}: {e}", dir.display())
                })?;
                Transport::Files(AsyncFileTransport::<Tokio1Executor>::new(dir))
            }
        };
        Ok(Mailer {
            transport,
            from: config.mail_from.clone(),
            domain: config
                .base_url
                .host_str()
                .unwrap_or("localhost")
                .to_string(),
        })
    }

    /// Sends a queued e-mail as a text + HTML message.
    pub async fn send(&self, mail: &OutboxMail) -> anyhow::Result<()> {
        let message = Message::builder()
            .from(self.from.clone())
            .to(mail.to_address.parse()?)
            .subject(&mail.subject)
            .message_id(Some(format!("<outbox-{}@{}>", mail.id, self.domain)))
            .multipart(MultiPart::alternative_plain_html(
                mail.body_text.clone(),
                mail.body_html.clone(),
            ))?;
        match &self.transport {
            Transport::Smtp(t) => t.send(message).await.map(|_| ())?,
            Transport::Files(t) => t.send(message).await.map(|_| ())?,
        }
        Ok(())
    }
}

/// Composes e-mails and wakes the worker after they are queued. Shared by
/// every handler that sends mail.
#[derive(Clone)]
pub struct Postman {
    templates: Templates,
    wake: Arc<Notify>,
    base_url: String,
    /// Signs the unsubscribe links (a server key every node shares).
    unsubscribe_key: Arc<Vec<u8>>,
}

impl Postman {
    /// A postman rendering with `templates` and linking to `base_url`.
    pub fn new(templates: Templates, base_url: &url::Url) -> Self {
        Postman {
            templates,
            wake: Arc::new(Notify::new()),
            base_url: base_url.as_str().trim_end_matches('/').to_string(),
            unsubscribe_key: Arc::default(),
        }
    }

    /// The same postman, signing unsubscribe links with `key`.
    pub fn with_unsubscribe_key(mut self, key: Vec<u8>) -> Self {
        self.unsubscribe_key = Arc::new(key);
        self
    }

    fn unsubscribe_signature(&self, follow_id: i64) -> String {
        crate::auth::secret::sign(&self.unsubscribe_key, &format!("unsubscribe:{follow_id}"))
    }

    /// A link that ends the follow `follow_id` without signing in; only the
    /// server can make one.
    pub fn unsubscribe_link(&self, follow_id: i64) -> String {
        self.link(&format!(
            "/unsubscribe?f={follow_id}&s={}",
            self.unsubscribe_signature(follow_id)
        ))
    }

    /// Whether `signature` is the one [`Postman::unsubscribe_link`] made.
    pub fn unsubscribe_valid(&self, follow_id: i64, signature: &str) -> bool {
        !self.unsubscribe_key.is_empty()
            && crate::auth::secret::same(&self.unsubscribe_signature(follow_id), signature)
    }

    /// The worker waits on this.
    pub fn wake_handle(&self) -> Arc<Notify> {
        self.wake.clone()
    }

    /// Tells the worker there is mail (call after the transaction commits).
    pub fn wake(&self) {
        self.wake.notify_one();
    }

    /// An absolute link to `path`.
    pub fn link(&self, path: &str) -> String {
        format!("{}{path}", self.base_url)
    }

    /// Renders `templates/email/<name>/{subject,body.txt,body.html}.hbs` in `lang`.
    pub fn compose(
        &self,
        name: &str,
        lang: Lang,
        to: &str,
        data: impl Serialize,
    ) -> anyhow::Result<NewMail> {
        let mut context = match serde_json::to_value(data)? {
            Value::Object(map) => map,
            _ => serde_json::Map::new(),
        };
        context.insert("lang".into(), json!(lang.code()));
        context.insert("base_url".into(), json!(self.base_url));
        let context = Value::Object(context);
        let subject = self
            .templates
            .render_text(&format!("email/{name}/subject"), &context)?;
        Ok(NewMail {
            to: to.to_string(),
            subject: subject.trim().replace(['\r', '\n'], " "),
            text: self
                .templates
                .render_text(&format!("email/{name}/body.txt"), &context)?,
            html: self
                .templates
                .render(&format!("email/{name}/body.html"), &context)?,
        })
    }
}
