use std::collections::HashMap;

use super::*;

const LETTER: &str = "Tôi đề nghị rút ngắn thời hạn giải quyết hồ sơ miễn, giảm tiền sử dụng đất tại Điều 7 từ 30 ngày xuống còn 10 ngày làm việc. Người có công phần lớn đã cao tuổi, sức khỏe yếu, không thể chờ đợi lâu. Quá thời hạn mà không giải quyết thì cơ quan tiếp nhận phải trả lời bằng văn bản.";

#[test]
fn sentences_are_folded_words_without_punctuation() {
    assert_eq!(
        sentences("Đất đai, NHÀ Ở! Giá 10.000 đồng; hết"),
        vec![
            vec!["dat", "dai", "nha", "o"],
            vec!["gia", "10", "000", "dong"],
            vec!["het"],
        ]
    );
}

#[test]
fn signatures_are_stable_across_runs_and_machines() {
    // Fixed hashes and seeds: this value must never change, or every stored
    // signature would need a `gopy admin recluster`.
    let signature = Signature::of(LETTER).unwrap();
    assert_eq!(
        &signature.to_hex()[..32],
        "02d0035713cce096047351c803cc1dd9"
    );
    assert_eq!(signature.buckets()[0], -5_383_858_357_121_376_289);
}

#[test]
fn hex_round_trips_and_rejects_garbage() {
    let signature = Signature::of(LETTER).unwrap();
    assert_eq!(Signature::from_hex(&signature.to_hex()), Some(signature));
    assert_eq!(Signature::from_hex("abc"), None);
    assert_eq!(Signature::from_hex(&"zz".repeat(HASHES * 4)), None);
}

#[test]
fn case_diacritics_and_sentence_order_do_not_matter() {
    let original = Signature::of(LETTER).unwrap();
    let shouted = Signature::of(&LETTER.to_uppercase()).unwrap();
    let plain = Signature::of(&fold(LETTER)).unwrap();
    let mut parts: Vec<&str> = LETTER.split(". ").collect();
    parts.reverse();
    let reordered = Signature::of(&parts.join(". ")).unwrap();
    assert_eq!(original.similarity(&shouted), 1.0);
    assert_eq!(original.similarity(&plain), 1.0);
    assert_eq!(original.similarity(&reordered), 1.0);
}

#[test]
fn a_greeting_and_a_changed_word_keep_the_texts_close() {
    let original = Signature::of(LETTER).unwrap();
    let variant = format!(
        "Kính gửi cơ quan soạn thảo. {} Trân trọng cảm ơn.",
        LETTER.replace("cao tuổi", "lớn tuổi")
    );
    let similarity = original.similarity(&Signature::of(&variant).unwrap());
    assert!(similarity >= THRESHOLD, "{similarity}");
}

#[test]
fn unrelated_comments_on_the_same_topic_are_far_apart() {
    let other = "Điều 7 quy định thời hạn 30 ngày là quá dài. Bố tôi nộp hồ sơ từ tháng 3 đến tháng 6 mới có kết quả, đi lại mấy lần lên huyện.";
    let similarity = Signature::of(LETTER)
        .unwrap()
        .similarity(&Signature::of(other).unwrap());
    assert!(similarity < 0.1, "{similarity}");
}

#[test]
fn short_texts_get_no_signature() {
    assert_eq!(Signature::of("Tôi đồng ý với dự thảo."), None);
    assert_eq!(Signature::of("Đồng ý. Đồng ý. Đồng ý. Đồng ý."), None);
    assert_eq!(Signature::of(""), None);
    // Exactly at the limit it is compared.
    let words: Vec<String> = (0..MIN_SHINGLES + SHINGLE_WORDS - 1)
        .map(|i| format!("w{i}"))
        .collect();
    assert!(Signature::of(&words.join(" ")).is_some());
    assert!(Signature::of(&words[1..].join(" ")).is_none());
}

fn candidate(id: i64, cluster: Option<i64>, text: &str) -> Candidate {
    Candidate {
        comment_id: id,
        cluster_id: cluster,
        signature: Signature::of(text).unwrap(),
    }
}

#[test]
fn a_new_comment_joins_the_most_similar_cluster_or_founds_one() {
    let new = Signature::of(LETTER).unwrap();
    let unrelated = candidate(
        1,
        Some(1),
        "Nên cho phép nộp hồ sơ qua bưu điện vì nhiều xã cách huyện cả trăm cây số, đi lại rất vất vả và tốn kém cho các cụ.",
    );
    assert_eq!(
        place(&new, std::slice::from_ref(&unrelated)),
        Placement::Alone
    );
    let twin = candidate(7, None, LETTER);
    assert_eq!(
        place(&new, &[unrelated.clone(), twin.clone()]),
        Placement::Found(7)
    );
    let member = candidate(9, Some(3), &format!("{LETTER} Trân trọng."));
    assert_eq!(
        place(&new, &[unrelated, member.clone(), twin.clone()]),
        Placement::Found(7),
        "the most similar wins"
    );
    let earlier_twin = candidate(5, Some(5), LETTER);
    assert_eq!(
        place(&new, &[twin, earlier_twin]),
        Placement::Join(5),
        "the earliest wins a tie"
    );
}

#[test]
fn pair_scores_count_pairs() {
    // Labels a a a b -, clusters 1 1 2 2 2.
    let items = [
        (Some("a"), Some(1)),
        (Some("a"), Some(1)),
        (Some("a"), Some(2)),
        (Some("b"), Some(2)),
        (None, Some(2)),
    ];
    let score = PairScore::of(&items);
    assert_eq!(score.true_pairs, 3);
    assert_eq!(score.predicted_pairs, 4);
    assert_eq!(score.correct_pairs, 1);
    assert_eq!(score.precision(), 0.25);
    let none: [(Option<&str>, Option<i32>); 2] = [(None, None), (None, None)];
    assert_eq!(PairScore::of(&none).precision(), 1.0);
}

#[derive(serde::Deserialize)]
struct Labelled {
    label: Option<String>,
    body: String,
}

fn fixture() -> Vec<Labelled> {
    serde_json::from_str(include_str!("../../../fixtures/campaign/comments.json")).unwrap()
}

fn score_at(set: &[Labelled], threshold: f64) -> PairScore {
    let texts: Vec<&str> = set.iter().map(|c| c.body.as_str()).collect();
    let clusters = cluster_texts(&texts, threshold);
    let items: Vec<(Option<&str>, Option<usize>)> = set
        .iter()
        .zip(clusters)
        .map(|(c, k)| (c.label.as_deref(), k))
        .collect();
    PairScore::of(&items)
}

/// How the threshold was chosen: the spread of true similarities of
/// labelled pairs and of unrelated pairs, and the scores around it
/// (`cargo test calibration -- --nocapture` prints them).
#[test]
fn calibration_on_the_labelled_set() {
    let set = fixture();
    let signatures: Vec<Option<Signature>> = set.iter().map(|c| Signature::of(&c.body)).collect();
    let (mut same, mut other) = (Vec::new(), Vec::new());
    for i in 0..set.len() {
        for j in i + 1..set.len() {
            if let (Some(a), Some(b)) = (&signatures[i], &signatures[j]) {
                let s = a.similarity(b);
                match (&set[i].label, &set[j].label) {
                    (Some(x), Some(y)) if x == y => same.push(s),
                    _ => other.push(s),
                }
            }
        }
    }
    same.sort_by(f64::total_cmp);
    other.sort_by(f64::total_cmp);
    let pct = |v: &[f64], p: f64| v[((v.len() - 1) as f64 * p) as usize];
    println!(
        "same campaign: min {:.3} p5 {:.3} median {:.3}; unrelated: max {:.3} p99.9 {:.3}",
        same[0],
        pct(&same, 0.05),
        pct(&same, 0.5),
        other[other.len() - 1],
        pct(&other, 0.999)
    );
    for threshold in [0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.7] {
        let s = score_at(&set, threshold);
        println!(
            "threshold {threshold:.2}: precision {:.3} recall {:.3}",
            s.precision(),
            s.recall()
        );
    }
    let unshingled = signatures.iter().filter(|s| s.is_none()).count();
    println!("{unshingled} of {} texts too short to compare", set.len());
    let at = score_at(&set, THRESHOLD);
    assert!(at.precision() >= 0.95, "{at:?}");
    assert!(at.recall() >= 0.9, "{at:?}");
}

#[test]
fn the_labelled_set_is_big_enough_to_mean_something() {
    let set = fixture();
    let mut sizes: HashMap<&str, usize> = HashMap::new();
    for c in &set {
        if let Some(label) = &c.label {
            *sizes.entry(label).or_default() += 1;
        }
    }
    assert!(sizes.len() >= 10, "{sizes:?}");
    assert!(sizes.values().all(|n| (8..=15).contains(n)), "{sizes:?}");
    assert!(set.iter().filter(|c| c.label.is_none()).count() >= 100);
}
