//! Uploaded files on disk, named by the SHA-256 of their content, so a file
//! stored twice is kept once and a stored file can be checked against its name.

use std::io::Write;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

/// The folder files are kept in (`DATA_DIR/files`).
#[derive(Debug, Clone)]
pub struct Storage {
    root: PathBuf,
    /// The largest file accepted, in bytes.
    pub limit: usize,
}

impl Storage {
    /// Storage under `data_dir/files`, accepting files up to `limit` bytes.
    pub fn new(data_dir: &Path, limit: usize) -> Storage {
        Storage {
            root: data_dir.join("files"),
            limit,
        }
    }

    /// The hex SHA-256 of `bytes`.
    pub fn hash(bytes: &[u8]) -> String {
        Sha256::digest(bytes)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect()
    }

    fn path(&self, sha256: &str) -> PathBuf {
        self.root.join(&sha256[..2.min(sha256.len())]).join(sha256)
    }

    /// Stores `bytes` (written to a temporary file, synced, then renamed, so
    /// a crash never leaves half a file under the final name); returns the hash.
    pub fn put(&self, bytes: &[u8]) -> std::io::Result<String> {
        let hash = Storage::hash(bytes);
        let path = self.path(&hash);
        if path.exists() {
            return Ok(hash);
        }
        let dir = path.parent().expect("a file path has a parent");
        std::fs::create_dir_all(dir)?;
        let mut tmp = tempfile::NamedTempFile::new_in(dir)?;
        tmp.write_all(bytes)?;
        tmp.as_file().sync_all()?;
        tmp.persist(&path).map_err(|e| e.error)?;
        Ok(hash)
    }

    /// The stored file with this hash.
    pub fn get(&self, sha256: &str) -> std::io::Result<Vec<u8>> {
        if sha256.len() != 64 || !sha256.chars().all(|c| c.is_ascii_hexdigit()) {
            return Err(std::io::Error::new(
                std::io::ErrorKind::InvalidInput,
                "not a SHA-256",
            ));
        }
        std::fs::read(self.path(sha256))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_are_stored_once_under_their_hash() {
        let dir = tempfile::tempdir().unwrap();
        let storage = Storage::new(dir.path(), 1024);
        let a = storage.put(b"%PDF-1.7 memo").unwrap();
        let b = storage.put(b"%PDF-1.7 memo").unwrap();
        assert_eq!(a, b);
        assert_eq!(storage.get(&a).unwrap(), b"%PDF-1.7 memo");
        assert!(dir.path().join("files").join(&a[..2]).join(&a).exists());
        assert!(storage.get("../../etc/passwd").is_err());
    }
}
