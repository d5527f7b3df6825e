//! Campaign clustering, the pure part: MinHash signatures over word shingles
//! of folded text, LSH band buckets, and the rule that decides which earlier
//! comment a new one joins. Storage is in `models::cluster`.
//!
//! Every hash here is fixed (FNV-1a and SplitMix64 with constant seeds), so a
//! signature is the same on every machine, run and backend; std's
//! `RandomState` would not be.

use std::collections::BTreeSet;

use super::text::fold;

/// Words per shingle.
pub const SHINGLE_WORDS: usize = 3;
/// Hash functions in a signature.
pub const HASHES: usize = 128;
/// LSH bands; a pair becomes a candidate when one band's rows all agree.
pub const BANDS: usize = 32;
/// Signature rows per band.
pub const ROWS: usize = HASHES / BANDS;
/// A text with fewer distinct shingles is never clustered: an estimate over a
/// handful of shingles is noise, and short texts ("Tôi đồng ý với dự thảo.")
/// coincide without anyone organising a campaign.
pub const MIN_SHINGLES: usize = 12;
/// Estimated Jaccard similarity at or above which two comments are the same
/// campaign's text. Measured on `fixtures/campaign/comments.json` (see
/// `calibration_on_the_labelled_set`): pairs of one campaign's variants
/// estimate 0.32 at the least (5th percentile 0.44, median 0.66), unrelated
/// pairs 0.19 at the most. Pairwise recall is 0.98 from 0.30 to 0.40, 0.96
/// at 0.45 and 0.50, 0.84 at 0.55; precision is 1 throughout. Below 0.45,
/// comments that share one long sentence but give their own reasons start
/// to group (five such groups among the demo's 278 template-built comments
/// at 0.35, none at 0.45), so 0.45: a citizen's own comment is never
/// counted as a campaign's for a little recall.
pub const THRESHOLD: f64 = 0.45;
/// Candidates (those sharing the most band buckets) checked per new comment:
/// bounds the work of an arrival however big a campaign grows.
pub const MAX_CANDIDATES: i64 = 24;
/// A cluster counts as a campaign from this many counted members: two
/// near-identical comments are already one text signed twice.
pub const CAMPAIGN_MIN: i64 = 2;

/// A text's MinHash signature: per hash function, the least hash of its shingles.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signature([u32; HASHES]);

/// Seeds of the hash functions: a SplitMix64 sequence from a fixed start.
const SEEDS: [u64; HASHES] = {
    let mut seeds = [0u64; HASHES];
    let mut state: u64 = 0x6770_795f_6361_6d70; // "gpy_camp"
    let mut i = 0;
    while i < HASHES {
        state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
        seeds[i] = mix(state);
        i += 1;
    }
    seeds
};

/// The SplitMix64 finaliser: a fast, well-spread 64-bit mixer.
const fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// FNV-1a, 64 bits.
fn fnv1a(bytes: impl IntoIterator<Item = u8>) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    hash
}

/// The sentences of a text as lists of words: folded (no diacritics, lower
/// case, đ → d), punctuation dropped. Sentences end at `.`, `!`, `?`, `;` or
/// a line break followed by a space or the end, so "10.000" stays one place.
pub fn sentences(text: &str) -> Vec<Vec<String>> {
    let folded = fold(text);
    let chars: Vec<char> = folded.chars().collect();
    let mut out = Vec::new();
    let mut current = String::new();
    for (i, c) in chars.iter().enumerate() {
        let next_blank = chars.get(i + 1).is_none_or(|n| n.is_whitespace());
        let ends = *c == '\n' || (matches!(c, '.' | '!' | '?' | ';') && next_blank);
        if ends {
            push_sentence(&mut out, &current);
            current.clear();
        } else if c.is_alphanumeric() {
            current.push(*c);
        } else {
            current.push(' ');
        }
    }
    push_sentence(&mut out, &current);
    out
}

fn push_sentence(out: &mut Vec<Vec<String>>, sentence: &str) {
    let words: Vec<String> = sentence.split_whitespace().map(str::to_string).collect();
    if !words.is_empty() {
        out.push(words);
    }
}

/// The hashed word shingles of a text, within sentences (so reordering
/// sentences changes nothing); a sentence shorter than a shingle is one.
pub fn shingles(text: &str) -> BTreeSet<u64> {
    let mut set = BTreeSet::new();
    for words in sentences(text) {
        let windows: Vec<&[String]> = if words.len() < SHINGLE_WORDS {
            vec![&words[..]]
        } else {
            words.windows(SHINGLE_WORDS).collect()
        };
        for window in windows {
            let joined = window.join(" ");
            set.insert(fnv1a(joined.bytes()));
        }
    }
    set
}

impl Signature {
    /// The signature of `text`, or `None` when it has too few shingles to be
    /// compared reliably (see [`MIN_SHINGLES`]).
    pub fn of(text: &str) -> Option<Signature> {
        let set = shingles(text);
        if set.len() < MIN_SHINGLES {
            return None;
        }
        let mut mins = [u32::MAX; HASHES];
        for shingle in set {
            for (min, seed) in mins.iter_mut().zip(SEEDS) {
                let value = (mix(shingle ^ seed) >> 32) as u32;
                if value < *min {
                    *min = value;
                }
            }
        }
        Some(Signature(mins))
    }

    /// The estimated Jaccard similarity of the two shingle sets: the share of
    /// hash functions whose minimum agrees.
    pub fn similarity(&self, other: &Signature) -> f64 {
        let same = self
            .0
            .iter()
            .zip(other.0)
            .filter(|(a, b)| **a == *b)
            .count();
        same as f64 / HASHES as f64
    }

    /// The bucket of each band: a hash of the band's number and its rows.
    /// Band numbers are part of the hash, so one index on the bucket serves.
    pub fn buckets(&self) -> [i64; BANDS] {
        let mut buckets = [0i64; BANDS];
        for (band, bucket) in buckets.iter_mut().enumerate() {
            let rows = &self.0[band * ROWS..(band + 1) * ROWS];
            let bytes =
                std::iter::once(band as u8).chain(rows.iter().flat_map(|r| r.to_le_bytes()));
            *bucket = fnv1a(bytes) as i64;
        }
        buckets
    }

    /// The signature as stored: 8 hex digits per hash function.
    pub fn to_hex(&self) -> String {
        self.0.iter().map(|v| format!("{v:08x}")).collect()
    }

    /// Reads [`Signature::to_hex`]'s output; `None` for anything else.
    pub fn from_hex(hex: &str) -> Option<Signature> {
        if hex.len() != HASHES * 8 || !hex.is_ascii() {
            return None;
        }
        let mut mins = [0u32; HASHES];
        for (i, min) in mins.iter_mut().enumerate() {
            *min = u32::from_str_radix(&hex[i * 8..(i + 1) * 8], 16).ok()?;
        }
        Some(Signature(mins))
    }
}

/// An earlier comment that shares a band bucket with a new one.
#[derive(Debug, Clone)]
pub struct Candidate {
    pub comment_id: i64,
    /// Its cluster, if it has joined one.
    pub cluster_id: Option<i64>,
    pub signature: Signature,
}

/// Where a new comment goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Placement {
    /// No earlier comment is similar enough.
    Alone,
    /// Into this existing cluster.
    Join(i64),
    /// Founds a cluster with this earlier comment, which is not in one yet
    /// (the cluster takes that comment's id: its earliest member).
    Found(i64),
}

/// Places a new comment among the candidates: next to the most similar one at
/// or above [`THRESHOLD`] (the earliest on a tie), in its cluster or a new one
/// founded with it. Clusters are never merged, so one borderline text cannot
/// chain two campaigns together.
pub fn place(signature: &Signature, candidates: &[Candidate]) -> Placement {
    place_at(signature, candidates, THRESHOLD)
}

/// [`place`] with another threshold (for calibration).
pub fn place_at(signature: &Signature, candidates: &[Candidate], threshold: f64) -> Placement {
    let best = candidates
        .iter()
        .map(|c| (signature.similarity(&c.signature), c))
        .filter(|(s, _)| *s >= threshold)
        .max_by(|(sa, a), (sb, b)| {
            sa.total_cmp(sb)
                .then_with(|| b.comment_id.cmp(&a.comment_id))
        });
    match best {
        None => Placement::Alone,
        Some((_, c)) => match c.cluster_id {
            Some(cluster) => Placement::Join(cluster),
            None => Placement::Found(c.comment_id),
        },
    }
}

/// The whole algorithm in memory, as `models::cluster` runs it on the
/// database: `texts` arrive in order; each is placed among the earlier ones
/// sharing most band buckets with it. Returns each text's cluster as the
/// index of the text that founded it. For measuring and tests.
pub fn cluster_texts(texts: &[&str], threshold: f64) -> Vec<Option<usize>> {
    use std::collections::HashMap;
    let mut index: HashMap<i64, Vec<usize>> = HashMap::new();
    let mut signatures: Vec<Option<Signature>> = Vec::with_capacity(texts.len());
    let mut clusters: Vec<Option<usize>> = vec![None; texts.len()];
    for (i, text) in texts.iter().enumerate() {
        let signature = Signature::of(text);
        if let Some(sig) = &signature {
            let mut shared: HashMap<usize, i64> = HashMap::new();
            for bucket in sig.buckets() {
                for j in index.get(&bucket).into_iter().flatten() {
                    *shared.entry(*j).or_default() += 1;
                }
            }
            let mut ranked: Vec<(usize, i64)> = shared.into_iter().collect();
            ranked.sort_by_key(|(j, n)| (std::cmp::Reverse(*n), *j));
            let candidates: Vec<Candidate> = ranked
                .iter()
                .take(MAX_CANDIDATES as usize)
                .filter_map(|(j, _)| {
                    Some(Candidate {
                        comment_id: *j as i64,
                        cluster_id: clusters[*j].map(|c| c as i64),
                        signature: signatures[*j].clone()?,
                    })
                })
                .collect();
            match place_at(sig, &candidates, threshold) {
                Placement::Alone => {}
                Placement::Join(c) => clusters[i] = Some(c as usize),
                Placement::Found(j) => {
                    clusters[j as usize] = Some(j as usize);
                    clusters[i] = Some(j as usize);
                }
            }
            for bucket in sig.buckets() {
                index.entry(bucket).or_default().push(i);
            }
        }
        signatures.push(signature);
    }
    clusters
}

/// Pairwise precision and recall of a clustering against labels: over every
/// pair of items, "same cluster" against "same label" (`None` = no campaign,
/// never paired with anything).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PairScore {
    pub true_pairs: u64,
    pub predicted_pairs: u64,
    pub correct_pairs: u64,
}

impl PairScore {
    /// Scores `items` as (label, cluster) pairs.
    pub fn of<L: PartialEq, C: PartialEq>(items: &[(Option<L>, Option<C>)]) -> PairScore {
        let mut score = PairScore {
            true_pairs: 0,
            predicted_pairs: 0,
            correct_pairs: 0,
        };
        for (i, (label_a, cluster_a)) in items.iter().enumerate() {
            for (label_b, cluster_b) in &items[i + 1..] {
                let same_label = label_a.is_some() && label_a == label_b;
                let same_cluster = cluster_a.is_some() && cluster_a == cluster_b;
                score.true_pairs += u64::from(same_label);
                score.predicted_pairs += u64::from(same_cluster);
                score.correct_pairs += u64::from(same_label && same_cluster);
            }
        }
        score
    }

    /// Correct pairs among those put together (1 when none were).
    pub fn precision(&self) -> f64 {
        if self.predicted_pairs == 0 {
            return 1.0;
        }
        self.correct_pairs as f64 / self.predicted_pairs as f64
    }

    /// Labelled pairs that were put together (1 when there are none).
    pub fn recall(&self) -> f64 {
        if self.true_pairs == 0 {
            return 1.0;
        }
        self.correct_pairs as f64 / self.true_pairs as f64
    }
}

#[cfg(test)]
mod tests;
