//! Splitting text into words, numbers and punctuation, with byte spans.

use crate::lexicon::lexicon;
use crate::span::Span;

/// What a token is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
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

/// One token of the text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    /// Where it is.
    pub span: Span,
    /// What it is.
    pub kind: TokenKind,
}

pub(crate) fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '’'
}

fn is_hyphen(c: char) -> bool {
    c == '-' || c == '‐' || c == '‑'
}

/// Tokenizes `text` in one pass.
pub fn tokenize(text: &str) -> Vec<Token> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let at = |i: usize| chars.get(i).map(|&(_, c)| c);
    let pos = |i: usize| chars.get(i).map_or(text.len(), |&(b, _)| b);
    let mut tokens = Vec::with_capacity(text.len() / 5);
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i].1;
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        if c.is_alphanumeric() {
            let start = i;
            let mut seg_len = 0; // letters since the last period, for "U.S."
            let mut has_period = false;
            loop {
                match at(i) {
                    Some(c) if c.is_alphanumeric() => {
                        i += 1;
                        seg_len += 1;
                    }
                    Some(h) if is_hyphen(h) && at(i + 1).is_some_and(char::is_alphanumeric) => {
                        i += 1;
                        seg_len = 0;
                    }
                    Some(',')
                        if at(start).is_some_and(|c| c.is_ascii_digit())
                            && (1..=3).all(|k| at(i + k).is_some_and(|c| c.is_ascii_digit()))
                            && !at(i + 4).is_some_and(|c| c.is_ascii_digit()) =>
                    {
                        i += 4; // thousands separator: "2,000"
                    }
                    Some('.')
                        if at(start).is_some_and(|c| c.is_ascii_digit())
                            && at(i + 1).is_some_and(|c| c.is_ascii_digit()) =>
                    {
                        i += 1; // decimal point: "3.5"
                    }
                    Some(a) if is_apostrophe(a) && at(i + 1).is_some_and(char::is_alphabetic) => {
                        // "Serbia's" splits; "don't", "O'Brien" stay whole.
                        let s_end = at(i + 1).is_some_and(|c| c == 's' || c == 'S')
                            && !at(i + 2).is_some_and(char::is_alphanumeric);
                        if s_end {
                            break;
                        }
                        i += 1;
                        seg_len = 0;
                    }
                    Some('&')
                        if at(i - 1).is_some_and(char::is_uppercase)
                            && at(i + 1).is_some_and(char::is_uppercase) =>
                    {
                        i += 1; // "AT&T"
                    }
                    Some('.') if seg_len == 1 && at(i - 1).is_some_and(char::is_alphabetic) => {
                        // Initials and dotted abbreviations: "U.S.", "a.m.", "J."
                        let next_is_seg =
                            at(i + 1).is_some_and(char::is_alphabetic) && at(i + 2) == Some('.');
                        if next_is_seg || has_period {
                            i += 1;
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
            let kind = if chars[start].1.is_ascii_digit() {
                TokenKind::Number
            } else {
                TokenKind::Word
            };
            push_word(text, &mut tokens, Span::new(pos(start), pos(i)), kind);
            continue;
        }
        if is_apostrophe(c)
            && at(i + 1).is_some_and(|c| c == 's' || c == 'S')
            && !at(i + 2).is_some_and(char::is_alphanumeric)
            && i > 0
            && chars[i - 1].1.is_alphanumeric()
        {
            tokens.push(Token {
                span: Span::new(pos(i), pos(i + 2)),
                kind: TokenKind::Possessive,
            });
            i += 2;
            continue;
        }
        tokens.push(Token {
            span: Span::new(pos(i), pos(i + 1)),
            kind: TokenKind::Punct,
        });
        i += 1;
    }
    tokens
}

/// Pushes a word, splitting a boilerplate label glued to the next word
/// ("RelatedKosovo" → "Related" + "Kosovo").
fn push_word(text: &str, tokens: &mut Vec<Token>, span: Span, kind: TokenKind) {
    if kind == TokenKind::Word {
        let word = &text[span];
        let mut prev_lower = false;
        for (i, c) in word.char_indices() {
            if prev_lower && c.is_uppercase() {
                let head = &word[..i];
                if lexicon().is_label(head) && head.chars().next().is_some_and(char::is_uppercase) {
                    tokens.push(Token {
                        span: Span::new(span.start, span.start + i),
                        kind,
                    });
                    tokens.push(Token {
                        span: Span::new(span.start + i, span.end),
                        kind,
                    });
                    return;
                }
            }
            prev_lower = c.is_lowercase();
        }
    }
    tokens.push(Token { span, kind });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        tokenize(text).iter().map(|t| &text[t.span]).collect()
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
}
