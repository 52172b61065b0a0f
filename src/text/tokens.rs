//! Splitting text into words, numbers and punctuation, with byte spans.

use crate::at::{At, Part};
use crate::lexicon::lexicon;
use crate::span::Span;

/// What a token is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub enum TokenKind {
    /// Letters, with inner hyphens, apostrophes and abbreviation periods ("don't", "U.S.").
    Word,
    /// Starts with a digit ("2023", "1998-99", "2,000").
    Number,
    /// The possessive ending "'s" / "’s", split from its word.
    Possessive,
    /// Any other single non-space character.
    Punct,
}

/// One token of the text: its start and kind in a `u32` (the start in the
/// low 30 bits: the first [`MAX_START`] bytes of a text are tokenized), its
/// length in one byte (tokens up to [`MAX_TOKEN`] bytes: longer words are
/// split), packed to keep the token array at 5 bytes a token (12 with the
/// padding of `start, end, kind`): it is the engine's largest structure, one
/// entry for every word and mark, alive for the whole annotation (10.3 MB of
/// a 10 MiB text; 12.3 MB at 6 bytes, 16.4 MB at 8).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(C, packed)]
pub struct Token {
    /// The start, and the kind in the two high bits.
    at: u32,
    len: u8,
}

const _: () = assert!(std::mem::size_of::<Token>() == 5);

/// The longest token, in bytes: a longer word (no news word is) is cut
/// into several tokens at character boundaries.
pub const MAX_TOKEN: usize = u8::MAX as usize;

/// Tokens start in the first 1 GiB of a text (the start takes 30 bits of
/// a token): the rest of a longer text is not tokenized.
pub const MAX_START: usize = 1 << KIND_SHIFT;

/// Where the kind sits in [`Token::at`].
const KIND_SHIFT: u32 = 30;

impl Token {
    /// Makes a token over `span`, at most [`MAX_TOKEN`] bytes long, starting
    /// before [`MAX_START`].
    pub fn new(span: Span, kind: TokenKind) -> Token {
        debug_assert!(span.len() <= MAX_TOKEN && span.start < MAX_START);
        Token {
            at: span.start as u32 | (kind as u32) << KIND_SHIFT,
            len: span.len() as u8,
        }
    }

    /// Where it is, in bytes.
    #[inline]
    pub fn span(&self) -> Span {
        let start = (self.at & (MAX_START as u32 - 1)) as usize;
        Span::new(start, start + self.len as usize)
    }

    /// What it is.
    #[inline]
    pub fn kind(&self) -> TokenKind {
        match self.at >> KIND_SHIFT {
            0 => TokenKind::Word,
            1 => TokenKind::Number,
            2 => TokenKind::Possessive,
            _ => TokenKind::Punct,
        }
    }
}

pub(crate) fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '’'
}

/// [`crate::letters::is_alphanumeric`], with the General Punctuation block (U+2000 to
/// U+206F: curly quotation marks, dashes, the ellipsis) answered without the
/// Unicode tables' slow search for a character not ASCII: none of it is a
/// letter or a digit (a test checks every one).
#[inline]
fn is_alnum(c: char) -> bool {
    !matches!(c, '\u{2000}'..='\u{206f}') && crate::letters::is_alphanumeric(c)
}

fn is_hyphen(c: char) -> bool {
    c == '-' || c == '‐' || c == '‑'
}

/// Tokenizes `text` in one pass, reading characters in place (no copy of
/// the text as a character array: that would cost 16 bytes per character).
pub fn tokenize(text: &str) -> Vec<Token> {
    let (at, adv, before) = (|b| at(text, b), |b, k| adv(text, b, k), |b| before(text, b));
    // About one token per 4.7 bytes of prose; an estimate above that avoids
    // a reallocation (and its doubled peak) on long texts.
    let mut tokens = Vec::with_capacity(text.len() / 4 + 16);
    let mut b = 0;
    while let Some(c) = at(b).filter(|_| b < MAX_START) {
        if c.is_whitespace() {
            b += c.len_utf8();
            continue;
        }
        if is_alnum(c) {
            let start = b;
            let digit_start = c.is_ascii_digit();
            b = word_end(text, start, digit_start);
            let kind = if digit_start {
                TokenKind::Number
            } else {
                TokenKind::Word
            };
            push_word(text, &mut tokens, Span::new(start, b), kind);
            continue;
        }
        if is_apostrophe(c)
            && at(adv(b, 1)).is_some_and(|c| c == 's' || c == 'S')
            && !at(adv(b, 2)).is_some_and(crate::letters::is_alphanumeric)
            && before(b).is_some_and(crate::letters::is_alphanumeric)
        {
            let end = adv(b, 2);
            tokens.push(Token::new(Span::new(b, end), TokenKind::Possessive));
            b = end;
            continue;
        }
        // LaTeX-style and wire-style quotation marks: ``...'' and ''...''
        // are one mark each side; three apostrophes after a word close a
        // single quote, then a double ("'no.'''": ' then '').
        let closes_three =
            c == '\'' && at(b + 2) == Some(c) && before(b).is_some_and(|p| !p.is_whitespace());
        let end = if (c == '`' || c == '\'') && at(b + 1) == Some(c) && !closes_three {
            b + 2
        } else {
            b + c.len_utf8()
        };
        tokens.push(Token::new(Span::new(b, end), TokenKind::Punct));
        b = end;
    }
    // Give back what the estimate reserved beyond the tokens (a fifth of the
    // array on prose): it would stay allocated for the whole annotation.
    tokens.shrink_to_fit();
    tokens
}

/// Where the word or number starting at `start` ends: letters and digits,
/// with inner hyphens and apostrophes, thousands separators and decimal
/// points in numbers, "AT&T", and the periods of "U.S." and "J.".
fn word_end(text: &str, start: usize, digit_start: bool) -> usize {
    let (at, adv, before) = (|b| at(text, b), |b, k| adv(text, b, k), |b| before(text, b));
    let bytes = text.as_bytes();
    let mut b = start;
    let mut seg_len = 0; // letters since the last period, for "U.S."
    let mut has_period = false;
    loop {
        match at(b) {
            Some(c) if crate::letters::is_alphanumeric(c) => {
                b += c.len_utf8();
                seg_len += 1;
                // The rest of an ASCII run at once (most of a word).
                while b < bytes.len() && bytes[b].is_ascii_alphanumeric() {
                    b += 1;
                    seg_len += 1;
                }
                // An ASCII byte no arm below takes (a space, most often)
                // ends the word without the arms' tests.
                if bytes
                    .get(b)
                    .is_some_and(|&x| x < 0x80 && !matches!(x, b'-' | b',' | b'.' | b'\'' | b'&'))
                {
                    break;
                }
            }
            Some(h)
                if is_hyphen(h) && at(adv(b, 1)).is_some_and(crate::letters::is_alphanumeric) =>
            {
                b = adv(b, 1);
                seg_len = 0;
            }
            Some(',')
                if digit_start
                    && (1..=3).all(|k| at(adv(b, k)).is_some_and(|c| c.is_ascii_digit()))
                    && !at(adv(b, 4)).is_some_and(|c| c.is_ascii_digit()) =>
            {
                b = adv(b, 4); // thousands separator: "2,000"
            }
            // (between digits after a letter too: "N4.2bn", "Rs4.5")
            Some('.')
                if (digit_start || before(b).is_some_and(|c| c.is_ascii_digit()))
                    && at(b + 1).is_some_and(|c| c.is_ascii_digit()) =>
            {
                b += 1; // decimal point: "3.5"
            }
            Some(a)
                if is_apostrophe(a) && at(adv(b, 1)).is_some_and(crate::letters::is_alphabetic) =>
            {
                // "Serbia's" splits; "don't", "O'Brien" stay whole.
                let s_end = at(adv(b, 1)).is_some_and(|c| c == 's' || c == 'S')
                    && !at(adv(b, 2)).is_some_and(crate::letters::is_alphanumeric);
                if s_end {
                    break;
                }
                b = adv(b, 1);
                seg_len = 0;
            }
            Some('&')
                if before(b).is_some_and(crate::letters::is_uppercase)
                    && at(b + 1).is_some_and(crate::letters::is_uppercase) =>
            {
                b += 1; // "AT&T"
            }
            Some('.') if seg_len == 1 && before(b).is_some_and(crate::letters::is_alphabetic) => {
                // Initials and dotted abbreviations: "U.S.", "a.m.", "J."
                let next_is_seg = at(b + 1).is_some_and(crate::letters::is_alphabetic)
                    && at(adv(b + 1, 1)) == Some('.');
                if next_is_seg || has_period {
                    b += 1;
                    has_period = true;
                    seg_len = 0;
                    if !next_is_seg {
                        break;
                    }
                } else {
                    break;
                }
            }
            _ => break,
        }
    }
    b
}

/// The character at byte `b` (a character boundary), if any.
#[inline]
fn at(text: &str, b: usize) -> Option<char> {
    // ASCII (most of the text) without the boundary check and decoding.
    match text.as_bytes().get(b) {
        Some(&x) if x < 0x80 => Some(char::from(x)),
        Some(_) => text.get(b..).and_then(|s| s.chars().next()),
        None => None,
    }
}

/// The byte `k` characters after `b` (no further than the end).
fn adv(text: &str, b: usize, k: usize) -> usize {
    let mut b = b;
    for _ in 0..k {
        b += at(text, b).map_or(0, char::len_utf8);
    }
    b
}

/// The character before byte `b`, if any.
fn before(text: &str, b: usize) -> Option<char> {
    match b.checked_sub(1).map(|p| *text.as_bytes().at(p)) {
        Some(x) if x < 0x80 => Some(char::from(x)),
        _ => text.part(..b).chars().next_back(),
    }
}

/// Pushes a word, splitting a boilerplate label glued to the next word
/// ("RelatedKosovo" → "Related" + "Kosovo").
fn push_word(text: &str, tokens: &mut Vec<Token>, span: Span, kind: TokenKind) {
    let word = text.of(span);
    // An ASCII word with no capital after a small letter has nothing to split.
    // (the capital asked first: most letters are small)
    let b = word.as_bytes();
    let may_be_glued = !word.is_ascii()
        || (1..b.len()).any(|i| b[i].is_ascii_uppercase() && b[i - 1].is_ascii_lowercase());
    if kind == TokenKind::Word && may_be_glued {
        let mut prev_lower = false;
        for (i, c) in word.char_indices() {
            if prev_lower && crate::letters::is_uppercase(c) {
                let head = word.part(..i);
                if lexicon().is_label(head)
                    && head
                        .chars()
                        .next()
                        .is_some_and(crate::letters::is_uppercase)
                {
                    push_split(text, tokens, Span::new(span.start, span.start + i), kind);
                    push_split(text, tokens, Span::new(span.start + i, span.end), kind);
                    return;
                }
            }
            prev_lower = crate::letters::is_lowercase(c);
        }
    }
    push_split(text, tokens, span, kind);
}

/// Pushes a word as tokens of at most [`MAX_TOKEN`] bytes, cut at character
/// boundaries (only a word longer than 255 bytes is cut).
fn push_split(text: &str, tokens: &mut Vec<Token>, mut span: Span, kind: TokenKind) {
    while span.len() > MAX_TOKEN {
        let mut cut = span.start + MAX_TOKEN;
        while !text.is_char_boundary(cut) {
            cut -= 1;
        }
        tokens.push(Token::new(Span::new(span.start, cut), kind));
        span.start = cut;
    }
    tokens.push(Token::new(span, kind));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        tokenize(text).iter().map(|t| &text[t.span()]).collect()
    }

    #[test]
    fn general_punctuation_is_no_letter_or_digit() {
        for c in '\u{2000}'..='\u{206f}' {
            assert!(
                !crate::letters::is_alphanumeric(c),
                "{c:?} U+{:04X}",
                c as u32
            );
            assert!(!is_alnum(c));
        }
        assert!(is_alnum('é') && is_alnum('7') && is_alnum('\u{2070}'));
    }

    #[test]
    fn splits_possessive_but_keeps_contractions() {
        assert_eq!(
            words("Serbia's army don't"),
            ["Serbia", "'s", "army", "don't"]
        );
        assert_eq!(words("Serbia’s"), ["Serbia", "’s"]);
    }

    #[test]
    fn two_apostrophes_are_one_mark() {
        assert_eq!(
            words("''Go,'' he said, 'no.''' Then"),
            ["''", "Go", ",", "''", "he", "said", ",", "'", "no", ".", "'", "''", "Then"]
        );
        assert_eq!(words("'''Sir"), ["''", "'", "Sir"]);
    }

    #[test]
    fn keeps_dotted_abbreviations() {
        assert_eq!(words("the U.S. said"), ["the", "U.S.", "said"]);
        assert_eq!(words("John F. Smith"), ["John", "F", ".", "Smith"]);
    }

    #[test]
    fn keeps_numbers_and_hyphens() {
        assert_eq!(
            words("2,000 troops in 1998-99, 3.5%"),
            ["2,000", "troops", "in", "1998-99", ",", "3.5", "%"]
        );
        assert_eq!(words("build-up"), ["build-up"]);
    }

    #[test]
    fn splits_glued_boilerplate_label() {
        assert_eq!(words("RelatedFrance wins"), ["Related", "France", "wins"]);
        assert_eq!(words("McDonald"), ["McDonald"]);
    }

    #[test]
    fn splits_words_longer_than_a_token_holds() {
        // 2-byte letters, so the cut falls inside one and moves back.
        let word = "é".repeat(MAX_TOKEN / 2 + 7);
        let text = format!("{word} end");
        let toks = tokenize(&text);
        let spans: Vec<Span> = toks.iter().map(Token::span).collect();
        assert_eq!(spans[0], Span::new(0, MAX_TOKEN - 1));
        assert_eq!(spans[1], Span::new(MAX_TOKEN - 1, word.len()));
        assert_eq!(&text[spans[2].start..spans[2].end], "end");
        assert!(toks[..2].iter().all(|t| t.kind() == TokenKind::Word));
    }
}
