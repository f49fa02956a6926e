//! Vietnamese-looking place names for generated thôn and xã.
//!
//! Every syllable is written precomposed (NFC): decomposed diacritics break search and sorting.

use rand::Rng;
use rand::seq::SliceRandom;

/// Syllables common in central-Vietnamese place names.
const SYLLABLES: [&str; 38] = [
    "An", "Bình", "Hòa", "Phước", "Thạnh", "Tân", "Long", "Phú", "Lộc", "Thọ", "Đức", "Nghĩa",
    "Tịnh", "Hành", "Sơn", "Trà", "Minh", "Xuân", "Đông", "Tây", "Nam", "Bắc", "Trung", "Mỹ",
    "Thiện", "Hiệp", "Thuận", "Quang", "Khánh", "Phổ", "Ba", "Hưng", "Thắng", "Lợi", "Thành",
    "Vinh", "Hải", "Châu",
];

/// `count` distinct names "`prefix` Xxx Yyy" in random order; numbered once the pairs run out.
pub(crate) fn distinct_names(prefix: &str, count: usize, rng: &mut impl Rng) -> Vec<String> {
    let mut pairs: Vec<(usize, usize)> = (0..SYLLABLES.len())
        .flat_map(|a| (0..SYLLABLES.len()).map(move |b| (a, b)))
        .filter(|(a, b)| a != b)
        .collect();
    pairs.shuffle(rng);
    let named = pairs
        .into_iter()
        .map(|(a, b)| format!("{prefix} {} {}", SYLLABLES[a], SYLLABLES[b]));
    // Past ~1,400 names the pairs are used up; numbers keep the names distinct.
    let numbered = (1..).map(|n| format!("{prefix} {n:03}"));
    named.chain(numbered).take(count).collect()
}

/// Does `s` contain a combining diacritic (U+0300–U+036F), i.e. is it not in NFC for Vietnamese?
#[cfg(test)]
pub(crate) fn has_combining_marks(s: &str) -> bool {
    s.chars().any(|c| ('\u{300}'..='\u{36f}').contains(&c))
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;
    use rand_chacha::ChaCha8Rng;
    use std::collections::HashSet;

    #[test]
    fn names_are_distinct_even_past_the_syllable_pairs() {
        let names = distinct_names("Xã", 1500, &mut ChaCha8Rng::seed_from_u64(1));
        let unique: HashSet<_> = names.iter().collect();
        assert_eq!(unique.len(), 1500);
        assert!(names.iter().all(|n| n.starts_with("Xã ")));
    }

    #[test]
    fn syllables_are_precomposed() {
        assert!(SYLLABLES.iter().all(|s| !has_combining_marks(s)));
        assert!(has_combining_marks("Hoa\u{300}"));
    }
}
