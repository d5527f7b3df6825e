//! Folding Vietnamese text for search and URLs: "Đất đai" → "dat dai".

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Lower-case, without diacritics, đ → d: what search indexes and queries use,
/// identically on both backends.
pub fn fold(text: &str) -> String {
    text.nfd()
        .filter(|c| !is_combining_mark(*c))
        .map(|c| match c {
            'đ' | 'Đ' => 'd',
            c => c,
        })
        .flat_map(char::to_lowercase)
        .collect()
}

/// A URL slug: folded, ASCII letters and digits joined by single hyphens,
/// at most `max` characters, cut at a hyphen.
pub fn slugify(text: &str, max: usize) -> String {
    let folded = fold(text);
    let mut slug = String::new();
    for word in folded
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if !slug.is_empty() && slug.len() + 1 + word.len() > max {
            break;
        }
        if !slug.is_empty() {
            slug.push('-');
        }
        slug.push_str(word);
    }
    slug.truncate(max);
    slug
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_drops_diacritics_and_case() {
        assert_eq!(fold("Đất đai"), "dat dai");
        assert_eq!(fold("ĐƯỜNG PHỐ"), "duong pho");
        assert_eq!(fold("Nghị quyết HĐND"), "nghi quyet hdnd");
        // Decomposed input folds the same as composed input.
        assert_eq!(fold("Nguye\u{302}\u{303}n"), fold("Nguyễn"));
    }

    #[test]
    fn slugs_are_short_ascii_words() {
        assert_eq!(
            slugify("Quy định về miễn, giảm tiền sử dụng đất!", 80),
            "quy-dinh-ve-mien-giam-tien-su-dung-dat"
        );
        assert_eq!(slugify("Quy định về miễn giảm", 12), "quy-dinh-ve");
        assert_eq!(slugify("  ", 80), "");
    }
}
