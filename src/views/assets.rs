//! Static files (CSS, a little JS, images), embedded in the binary in release
//! builds and read from `static/` in debug builds.

use rust_embed::RustEmbed;

/// The files under `static/`.
#[derive(RustEmbed)]
#[folder = "static/"]
pub struct Assets;

/// One static file with its content hash.
pub struct Asset {
    pub data: std::borrow::Cow<'static, [u8]>,
    pub mime: String,
    /// The first 16 hex digits of the SHA-256 of the content.
    pub version: String,
}

impl Asset {
    /// The file at `path` (relative to `static/`), if it exists.
    pub fn get(path: &str) -> Option<Asset> {
        let file = Assets::get(path)?;
        let hash = file.metadata.sha256_hash();
        let version: String = hash[..8].iter().map(|b| format!("{b:02x}")).collect();
        Some(Asset {
            mime: file.metadata.mimetype().to_string(),
            data: file.data,
            version,
        })
    }

    /// The URL of `path` carrying its version, so it can be cached for a year.
    pub fn url(path: &str) -> Option<String> {
        Asset::get(path).map(|a| format!("/static/{path}?v={}", a.version))
    }
}
