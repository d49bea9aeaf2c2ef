//! FNV-1a, the one hash the core uses: for its id maps (short ids from the
//! user's own files, where `SipHash`'s protection against crafted keys buys
//! nothing) and for the stable short names of its files.

/// Where FNV-1a starts.
pub(crate) const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;

/// `hash` carried on over `bytes`.
pub(crate) fn fnv1a(hash: u64, bytes: &[u8]) -> u64 {
    bytes.iter().fold(hash, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}
