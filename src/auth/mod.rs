//! Who is asking: sessions, API tokens, CSRF protection, role extractors.

pub mod csrf;
pub mod extract;
pub mod password;
pub mod secret;
pub mod session;

pub use csrf::{CsrfToken, Form, Keys};
pub use extract::{
    Admin, ApiUser, Appraiser, AuthUser, CurrentUser, Drafter, Moderator, SignedIn, Staff, Then,
};
