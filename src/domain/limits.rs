//! Rate limits: how many tries a person or an address gets in a window.

use chrono::Duration;

/// A fixed-window limit.
#[derive(Debug, Clone, Copy)]
pub struct Limit {
    pub max: i32,
    pub window: Duration,
}

/// Failed sign-ins per account.
pub const LOGIN_PER_ACCOUNT: Limit = Limit {
    max: 5,
    window: Duration::minutes(15),
};
/// Failed sign-ins per IP address (a shared office or a café counts as one).
pub const LOGIN_PER_IP: Limit = Limit {
    max: 30,
    window: Duration::minutes(15),
};
/// E-mails triggered (registration, reset, resend) per IP address.
pub const MAIL_PER_IP: Limit = Limit {
    max: 20,
    window: Duration::hours(1),
};
/// E-mails triggered per address, so nobody floods someone's mailbox.
pub const MAIL_PER_ADDRESS: Limit = Limit {
    max: 5,
    window: Duration::hours(1),
};
/// Comments sent from one IP address (generous: an office shares one address).
pub const COMMENT_PER_IP: Limit = Limit {
    max: 120,
    window: Duration::minutes(10),
};
/// Comments sent by one account or e-mail address.
pub const COMMENT_PER_AUTHOR: Limit = Limit {
    max: 20,
    window: Duration::minutes(10),
};
/// Reports sent from one IP address.
pub const REPORT_PER_IP: Limit = Limit {
    max: 30,
    window: Duration::hours(1),
};
