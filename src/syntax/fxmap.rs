//! Hash maps keyed by small integers the parser makes itself (heading
//! indices, numbering styles) or by short strings of the draft (unit names),
//! with the Fx hash of rustc: SipHash's resistance to crafted keys buys
//! nothing for such keys (a draft that collides them only slows its own
//! parse), and hashing them with it cost about 3 % of the whole analysis.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// A `HashMap` with [`FxHasher`].
pub(crate) type FxHashMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;

/// rustc's Fx hash: per word, rotate, xor and multiply.
#[derive(Clone, Copy, Default)]
pub(crate) struct FxHasher {
    hash: u64,
}

const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl FxHasher {
    fn add(&mut self, word: u64) {
        self.hash = (self.hash.rotate_left(5) ^ word).wrapping_mul(SEED);
    }
}

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        // Whole words read directly: copying each chunk into a buffer
        // called memcpy per word.
        let mut words = bytes.chunks_exact(8);
        for word in &mut words {
            self.add(u64::from_le_bytes(word.try_into().expect("eight bytes")));
        }
        let tail = words.remainder();
        if !tail.is_empty() {
            // A key of eight bytes or more ends with its last eight, read at
            // once (overlapping the last whole word): the byte loop cost more
            // than the rest of hashing a unit name.
            let last = match bytes.last_chunk::<8>() {
                Some(last) => u64::from_le_bytes(*last),
                None => tail.iter().rev().fold(0, |acc, &b| (acc << 8) | u64::from(b)),
            };
            self.add(last);
        }
    }

    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }

    fn write_u32(&mut self, i: u32) {
        self.add(u64::from(i));
    }

    fn write_u64(&mut self, i: u64) {
        self.add(i);
    }

    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }

    fn finish(&self) -> u64 {
        self.hash
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_stay_apart() {
        let mut m: FxHashMap<(usize, bool), usize> = FxHashMap::default();
        for i in 0..1000 {
            m.insert((i, i % 3 == 0), i);
        }
        assert_eq!(m.len(), 1000);
        assert!((0..1000).all(|i| m[&(i, i % 3 == 0)] == i));
    }

    #[test]
    fn string_keys_of_every_length_stay_apart() {
        // Names that differ only in their tail, or are prefixes of one another.
        let names: Vec<String> =
            (0..40).map(|n| "市发改委".repeat(3)[..(n % 13) * 3].to_string() + &n.to_string()).collect();
        let mut m: FxHashMap<&str, usize> = FxHashMap::default();
        for (i, n) in names.iter().enumerate() {
            m.insert(n, i);
        }
        assert_eq!(m.len(), names.len());
        assert!(names.iter().enumerate().all(|(i, n)| m[n.as_str()] == i));
    }
}
