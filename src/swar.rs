//! Eight bytes at a time ("SIMD within a register").
//!
//! Each test takes eight bytes of text as one 64-bit word and sets the high bit of every byte
//! of a kind, so a scan passes over eight bytes of none with a few instructions instead of a
//! branch per byte. [`within`] and [`high`] mark exactly; [`equal`] and [`below`] mark the
//! lowest such byte exactly but may also mark a byte above it (the borrow of a subtraction),
//! so a caller reads only the lowest mark ([`first`]) and tests again from the byte after it.

/// 0x01 in every byte.
pub const ONES: u64 = 0x0101_0101_0101_0101;
/// 0x80 in every byte: where the marks are.
pub const HIGH: u64 = 0x8080_8080_8080_8080;

/// The eight bytes at `at` as one word: byte `at` is the lowest.
pub fn load(bytes: &[u8], at: usize) -> u64 {
    u64::from_le_bytes(bytes[at..at + 8].try_into().expect("eight bytes"))
}

/// The bytes of `bytes[at..end]` (at most eight) as one word, the rest filled with `pad`: a
/// scan's last, short word is tested like the others, with a `pad` the test never marks.
pub fn load_padded(bytes: &[u8], at: usize, end: usize, pad: u8) -> u64 {
    if end - at == 8 {
        return load(bytes, at);
    }
    let mut word = [pad; 8];
    word[..end - at].copy_from_slice(&bytes[at..end]);
    u64::from_le_bytes(word)
}

/// Marks the ASCII bytes in `lo..=hi` (`hi` < 0x80). Exact: the additions work on the low
/// seven bits of each byte, so no carry crosses into the next.
pub fn within(word: u64, lo: u8, hi: u8) -> u64 {
    let low = word & !HIGH;
    let at_least_lo = low + ONES * (0x80 - u64::from(lo));
    let above_hi = low + ONES * (0x7F - u64::from(hi));
    at_least_lo & !above_hi & !word & HIGH
}

/// Marks the bytes beyond ASCII. Exact.
pub fn high(word: u64) -> u64 {
    word & HIGH
}

/// Marks the bytes below `n` (`n` <= 0x80); the lowest mark is exact.
pub fn below(word: u64, n: u8) -> u64 {
    word.wrapping_sub(ONES * u64::from(n)) & !word & HIGH
}

/// Marks the bytes equal to `b`; the lowest mark is exact.
pub fn equal(word: u64, b: u8) -> u64 {
    below(word ^ (ONES * u64::from(b)), 1)
}

/// The index in its word of the lowest marked byte (8 when none is).
pub fn first(marks: u64) -> usize {
    marks.trailing_zeros() as usize / 8
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]
        /// Against a byte-by-byte test: `within` and `high` mark every byte exactly; `below`
        /// and `equal` give the right lowest mark.
        #[test]
        fn marks_agree_with_a_byte_by_byte_test(
            bytes in proptest::collection::vec(prop_oneof![
                Just(0u8), Just(0x1f), Just(0x20), Just(b'"'), Just(b','), Just(b'@'),
                Just(b'A'), Just(b'Z'), Just(b'['), Just(b'`'), Just(b'a'), Just(b'z'),
                Just(b'{'), Just(0x7f), Just(0x80), Just(0xc3), Just(0xff), any::<u8>(),
            ], 8),
            lo in 0u8..0x80,
            span in 0u8..0x80,
            n in 0u8..=0x80,
            b in any::<u8>(),
        ) {
            let hi = lo.saturating_add(span).min(0x7f);
            let word = load(&bytes, 0);
            let marked = |m: u64| (0..8).map(|i| m >> (8 * i + 7) & 1 == 1).collect::<Vec<_>>();
            let lowest = |f: &dyn Fn(u8) -> bool| bytes.iter().position(|&x| f(x)).unwrap_or(8);
            prop_assert_eq!(
                marked(within(word, lo, hi)),
                bytes.iter().map(|&x| (lo..=hi).contains(&x)).collect::<Vec<_>>()
            );
            prop_assert_eq!(marked(high(word)), bytes.iter().map(|&x| x >= 0x80).collect::<Vec<_>>());
            prop_assert_eq!(first(below(word, n)), lowest(&|x| x < n));
            prop_assert_eq!(first(equal(word, b)), lowest(&|x| x == b));
        }
    }
}
