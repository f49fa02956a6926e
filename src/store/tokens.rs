//! API tokens: making them, hashing them, and the `phusong_tokens` table of hashes.
//!
//! Only SHA-256 hashes are stored, so a copy of the GeoPackage (it opens in QGIS, and gets
//! shared) gives no one a working token. Tokens are base64url and hashes are hex, so a raw
//! token passed by mistake to [`super::Store::add_token`] is refused rather than stored.

use rand::RngCore;
use rusqlite::{Connection, OptionalExtension, params};
use sha2::{Digest, Sha256};

use super::error::{StoreError, sql};
use super::schema::TOKENS;

/// Bytes of randomness in a token: 256 bits, beyond any guessing.
const TOKEN_BYTES: usize = 32;
/// base64url alphabet (RFC 4648 §5).
const BASE64URL: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// What a token allows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TokenRole {
    /// Everything, including replacing the whole dataset.
    Admin,
    /// Changing the sites and fiber of this operator only.
    Operator(String),
}

/// A new token: 32 bytes from the thread-local CSPRNG (ChaCha seeded by the OS), as 43
/// base64url characters without padding.
pub fn new_token() -> String {
    let mut bytes = [0u8; TOKEN_BYTES];
    rand::rng().fill_bytes(&mut bytes);
    base64url(&bytes)
}

/// The SHA-256 of a token as 64 lowercase hex digits: what the store keeps.
pub fn hash_token(token: &str) -> String {
    Sha256::digest(token.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// base64url without padding.
fn base64url(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, b)| n | u32::from(*b) << (16 - 8 * i));
        // A chunk of k bytes gives k + 1 characters.
        for i in 0..=chunk.len() {
            out.push(char::from(BASE64URL[(n >> (18 - 6 * i)) as usize & 63]));
        }
    }
    out
}

/// Whether `hash` looks like [`hash_token`]'s output.
fn is_sha256_hex(hash: &str) -> bool {
    hash.len() == 64
        && hash
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

/// Stores a token hash with its role; a hash already stored is an error.
pub(super) fn add(
    conn: &Connection,
    hash: &str,
    role: &TokenRole,
    at: &str,
) -> Result<(), StoreError> {
    if !is_sha256_hex(hash) {
        return Err(StoreError::BadTokenHash);
    }
    if find(conn, hash)?.is_some() {
        return Err(StoreError::TokenExists);
    }
    let (role, operator) = match role {
        TokenRole::Admin => ("admin", None),
        TokenRole::Operator(name) => ("operator", Some(name.as_str())),
    };
    conn.execute(
        "INSERT INTO phusong_tokens (hash, role, operator, created_at) VALUES (?1, ?2, ?3, ?4)",
        params![hash, role, operator, at],
    )
    .map_err(sql("storing a token"))?;
    super::contents::touch(conn, TOKENS, at)
}

/// The role of a stored token hash.
pub(super) fn find(conn: &Connection, hash: &str) -> Result<Option<TokenRole>, StoreError> {
    let row: Option<(i64, String, Option<String>)> = conn
        .query_row(
            "SELECT id, role, operator FROM phusong_tokens WHERE hash = ?1",
            [hash],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()
        .map_err(sql("looking up a token"))?;
    let Some((id, role, operator)) = row else {
        return Ok(None);
    };
    match (role.as_str(), operator) {
        ("admin", _) => Ok(Some(TokenRole::Admin)),
        ("operator", Some(name)) => Ok(Some(TokenRole::Operator(name))),
        _ => Err(StoreError::Field {
            table: TOKENS,
            fid: id,
            column: "role",
            reason: format!("role {role:?} without a valid operator"),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hash_is_sha256_hex() {
        assert_eq!(
            hash_token("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn new_tokens_are_43_base64url_chars_and_differ() {
        let (a, b) = (new_token(), new_token());
        assert_eq!(a.len(), 43);
        assert!(a.bytes().all(|c| BASE64URL.contains(&c)), "{a}");
        assert_ne!(a, b);
    }

    #[test]
    fn base64url_matches_rfc4648_vectors() {
        assert_eq!(base64url(b"f"), "Zg");
        assert_eq!(base64url(b"fo"), "Zm8");
        assert_eq!(base64url(b"foo"), "Zm9v");
        assert_eq!(base64url(b"foobar"), "Zm9vYmFy");
        assert_eq!(base64url(&[0xfb, 0xff]), "-_8");
    }

    #[test]
    fn raw_token_is_not_a_hash() {
        assert!(!is_sha256_hex(&new_token()));
        assert!(is_sha256_hex(&hash_token("x")));
    }
}
