//! The `gopy` binary run as an operator runs it: one-off commands, and
//! `gopy serve` processes configured through `GOPY_*` variables.

use std::path::Path;
use std::process::{Child, Command, Output, Stdio};
use std::time::Duration;

/// Runs `gopy args…` against `database` and waits for it to finish.
pub fn gopy(database: &str, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_gopy"))
        .args(args)
        .env("GOPY_DATABASE_URL", database)
        .output()
        .expect("gopy runs")
}

/// A `gopy serve` process; killed when dropped, so that a failing test
/// leaves no server behind.
pub struct Server {
    /// Where it listens, e.g. `http://127.0.0.1:40123`.
    pub base: String,
    child: Child,
}

impl Server {
    /// Starts `gopy serve` on 127.0.0.1:`port` against `database`, sending
    /// mail to the SMTP server on `smtp` (a claimed e-mail is another node's
    /// to send after `mail_lease`) and keeping files in `data`.
    pub fn start(
        database: &str,
        port: u16,
        smtp: u16,
        mail_lease: Duration,
        data: &Path,
    ) -> Server {
        let base = format!("http://127.0.0.1:{port}");
        let child = Command::new(env!("CARGO_BIN_EXE_gopy"))
            .arg("serve")
            .env("GOPY_DATABASE_URL", database)
            .env("GOPY_BIND", format!("127.0.0.1:{port}"))
            .env("GOPY_BASE_URL", &base)
            .env("GOPY_MAIL_URL", format!("smtp://127.0.0.1:{smtp}"))
            .env("GOPY_MAIL_RETRY_SECONDS", "1")
            .env("GOPY_MAIL_LEASE_SECONDS", mail_lease.as_secs().to_string())
            .env("GOPY_DATA_DIR", data)
            .env("GOPY_COMMENT_LIMITS", "false")
            .env("GOPY_LOG", "warn")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("gopy serve starts");
        Server { base, child }
    }

    /// Waits until `/healthz` answers (at most 10 s).
    pub async fn ready(&self, client: &reqwest::Client) {
        for _ in 0..200 {
            if let Ok(r) = client.get(format!("{}/healthz", self.base)).send().await
                && r.status().is_success()
            {
                return;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("gopy serve did not come up at {}", self.base);
    }

    /// Kills the process (SIGKILL, no chance to finish anything) and waits
    /// for it to end.
    pub fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.kill();
    }
}
