//! Finding quotations: which marks open and close, paragraph by paragraph.
//!
//! Marks are paired with a stack so a quote inside a quote stays part of the
//! outer one. A quotation still open at the end of its paragraph runs to that
//! end when the next paragraph reopens a quote (the newspaper convention for
//! quotes continued over paragraphs) or when it reads as a whole quoted
//! passage; a stray mark opens nothing.

use super::tokens::{Token, TokenKind};
use crate::at::Ends;
use crate::at::{At, Part};
use crate::lexicon::{lexicon, Use, WordClass};
use crate::span::Span;

/// One quotation found in the text. Byte offsets and the marks' tokens
/// are `u32` (24 bytes, was 56: one for each quotation is alive for the
/// whole annotation; texts are under 4 GiB, as [`Token`] already assumes).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RawQuote {
    /// Index of the opening mark's token.
    open_tok: u32,
    /// Opening mark through closing mark (or the end of the paragraph).
    span: [u32; 2],
    /// The words inside the marks, trimmed of spaces.
    content: [u32; 2],
    /// Index of the closing mark's token, if the quote is closed
    /// ([`NOT_CLOSED`] if not).
    close_tok: u32,
}

/// [`RawQuote::close_tok`] of a quotation left open.
const NOT_CLOSED: u32 = u32::MAX;

impl RawQuote {
    /// A quotation over `span` with `content`, its marks at tokens
    /// `open_tok` and `close_tok`.
    pub fn new(span: Span, content: Span, open_tok: usize, close_tok: Option<usize>) -> RawQuote {
        RawQuote {
            open_tok: open_tok as u32,
            span: span.pack(),
            content: content.pack(),
            close_tok: close_tok.map_or(NOT_CLOSED, |t| t as u32),
        }
    }

    /// Index of the opening mark's token.
    pub fn open_tok(&self) -> usize {
        self.open_tok as usize
    }

    /// Opening mark through closing mark (or the end of the paragraph).
    pub fn span(&self) -> Span {
        Span::unpack(self.span)
    }

    /// The words inside the marks, trimmed of spaces.
    pub fn content(&self) -> Span {
        Span::unpack(self.content)
    }

    /// Index of the closing mark's token, if the quote is closed.
    pub fn close_tok(&self) -> Option<usize> {
        (self.close_tok != NOT_CLOSED).then_some(self.close_tok as usize)
    }
}

const _: () = assert!(std::mem::size_of::<RawQuote>() == 24);

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Family {
    Double,
    Single,
    Guillemet,
    SingleGuillemet,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Role {
    Open(Family),
    Close(Family),
    /// Straight marks: the context decides.
    Either(Family),
}

fn role(c: char) -> Option<Role> {
    use Family::*;
    Some(match c {
        // (‟, ⹂, the CJK 〝 and 〟, the reversed prime ‶: rarer openers.)
        '“' | '„' | '‟' | '⹂' | '〝' | '〟' | '‶' => Role::Open(Double),
        '”' | '〞' | '″' => Role::Close(Double),
        '"' | '＂' => Role::Either(Double),
        '«' => Role::Open(Guillemet),
        '»' => Role::Close(Guillemet),
        '‹' => Role::Open(SingleGuillemet),
        '›' => Role::Close(SingleGuillemet),
        '‘' | '‚' | '‛' | '‵' => Role::Open(Single),
        '′' => Role::Close(Single),
        // (´ closes a LaTeX-style `...´ typed with an accent.)
        '’' | '\'' | '´' => Role::Either(Single),
        '`' => Role::Open(Single), // LaTeX-style `...'
        _ => return None,
    })
}

/// The role of a quotation-mark token: its character's, but LaTeX-style
/// ``...'' and the wire style ''...'' (two apostrophes, one token each
/// side) are double marks; '' opens or closes like a straight ".
fn token_role(s: &str) -> Option<Role> {
    match s {
        "``" => Some(Role::Open(Family::Double)),
        "''" => Some(Role::Either(Family::Double)),
        _ => role(s.chars().next()?),
    }
}

/// True when `c` can be a quotation mark.
pub fn is_quote_char(c: char) -> bool {
    role(c).is_some()
}

/// Finds the quotations of one paragraph, given its token range, and adds
/// them to `out`. `next_opens` says whether the next paragraph starts with
/// an opening mark. `stack` is room for the marks left open, kept from one
/// paragraph to the next (emptied here): no allocation a paragraph.
pub fn find_quotes(
    text: &str,
    tokens: &[Token],
    range: std::ops::Range<usize>,
    para_end: usize,
    next_opens: bool,
    stack: &mut Open,
    out: &mut Vec<RawQuote>,
) {
    stack.clear();
    for t in range.clone() {
        let tok = *tokens.at(t);
        if tok.kind() != TokenKind::Punct {
            continue;
        }
        let Some(c) = text.of(tok.span()).chars().next() else {
            continue;
        };
        let Some(r) = token_role(text.of(tok.span())) else {
            continue;
        };
        let mark = Mark::new(text, tokens, t, c);
        let resolved = match r {
            Role::Either(Family::Single) => mark.single(stack, range.end),
            // "the players'' union" inside a ''...'' quote: an apostrophe
            // when the marks after it in the paragraph are left odd.
            Role::Either(_)
                if c == '\'' && mark.plural_possessive() && {
                    let n = (t + 1..range.end.min(t + 200))
                        .filter(|&u| text.of(tokens.at(u).span()) == "''");
                    n.count() % 2 == 1
                } =>
            {
                None
            }
            // "'Go home," she said.": a straight double mark that can only
            // close, none open, closes a straight single one left open
            // (mismatched marks; not 12" after a digit).
            Role::Either(Family::Double)
                if c == '"'
                    && !stack.has(Family::Double)
                    && !mark.space_before
                    && mark.space_after
                    && !mark.before.is_some_and(|b| b.is_ascii_digit())
                    && stack.marks.last().is_some_and(|&(f, o, _)| {
                        f == Family::Single && text.of(tokens.at(o).span()) == "'"
                    }) =>
            {
                Some(Role::Close(Family::Single))
            }
            Role::Either(f) => mark.straight(stack, f),
            other => mark.curly(stack, other),
        };
        match resolved {
            Some(Role::Open(f)) => stack.push(f, t, c == '„'),
            Some(Role::Close(f)) => {
                if let Some(open_tok) = stack.close(f) {
                    if stack.marks.is_empty() {
                        out.push(make(
                            text,
                            tokens,
                            open_tok,
                            Some(t),
                            tokens.at(t).span().end,
                        ));
                    }
                }
            }
            _ => {}
        }
    }
    if let Some(&(_, open_tok, _)) = stack.marks.first() {
        // "“We were never asked, Jane Doe said.": the mark left open ends
        // at the comma before a closing reporting clause.
        // ("said." or "said Jane Doe", not "said it again".)
        let tok = |t: usize| text.of(tokens.at(t).span());
        let said = |t: usize| {
            lexicon().is(tok(t), Use::Say)
                && tok(t) != "say"
                && (t + 1 >= range.end
                    || tok(t + 1) == "the"
                    || !tok(t + 1).first_is(crate::letters::is_lowercase))
        };
        let tail = (open_tok + 2..range.end)
            .filter(|&t| said(t))
            .find_map(|s| (s.saturating_sub(4).max(open_tok + 2)..s).rfind(|&c| tok(c) == ","))
            // (", and they said" goes on with the quote.)
            .filter(|&c| lexicon().word_class(tok(c + 1)) != Some(WordClass::Conj));
        let q = make(
            text,
            tokens,
            open_tok,
            tail,
            tail.map_or(para_end, |c| tokens.at(c).span().end),
        );
        if tail.is_some() || runs_to_paragraph_end(text, tokens, &q, range.start, next_opens) {
            out.push(q);
        }
    }
}

/// The marks open so far, with a count of each family, so that asking
/// whether one is open costs nothing (a look down the stack for each mark
/// was quadratic on a text of opening marks).
#[derive(Default)]
pub struct Open {
    /// (family, token index, is it a German „?) of each open mark, the
    /// last on top.
    marks: Vec<(Family, usize, bool)>,
    /// How many of each family are open (indexed by `Family as usize`).
    count: [usize; 4],
    /// How many of the open double marks are the German „.
    low_double: usize,
}

impl Open {
    /// Nothing open.
    fn clear(&mut self) {
        self.marks.clear();
        self.count = [0; 4];
        self.low_double = 0;
    }

    fn push(&mut self, f: Family, t: usize, low: bool) {
        let low = low && f == Family::Double;
        self.marks.push((f, t, low));
        self.count[f as usize] += 1;
        self.low_double += usize::from(low);
    }

    fn has(&self, f: Family) -> bool {
        self.count[f as usize] > 0
    }

    /// Closes the innermost open mark of family `f` and every mark opened
    /// after it; gives its token. (Each mark is popped once: linear.)
    fn close(&mut self, f: Family) -> Option<usize> {
        if !self.has(f) {
            return None;
        }
        loop {
            let (g, t, low) = self.marks.pop()?;
            self.count[g as usize] -= 1;
            self.low_double -= usize::from(low);
            if g == f {
                return Some(t);
            }
        }
    }
}

/// A quotation mark token and the characters around it, which decide what
/// a mark that can open or close does.
struct Mark<'a> {
    text: &'a str,
    tokens: &'a [Token],
    /// Its token.
    t: usize,
    /// The mark.
    c: char,
    before: Option<char>,
    after: Option<char>,
    /// Nothing, a space, an opening bracket or a dash before it.
    space_before: bool,
    /// Nothing, a space, punctuation or a closing bracket after it.
    space_after: bool,
}

impl<'a> Mark<'a> {
    fn new(text: &'a str, tokens: &'a [Token], t: usize, c: char) -> Mark<'a> {
        let before = text.part(..tokens.at(t).span().start).chars().next_back();
        let after = text.part(tokens.at(t).span().end..).chars().next();
        Mark {
            text,
            tokens,
            t,
            c,
            before,
            after,
            space_before: before.is_none_or(|c| {
                c.is_whitespace() || matches!(c, '(' | '[' | '{' | '—' | '–' | '-' | '/')
            }),
            space_after: after.is_none_or(|c| {
                c.is_whitespace()
                    || matches!(
                        c,
                        ',' | '.' | ';' | ':' | '!' | '?' | ')' | ']' | '}' | '—' | '–' | '-'
                    )
            }),
        }
    }

    /// A straight single mark or ’: closes an open single quote, opens one
    /// before a word, else it is an apostrophe.
    fn single(&self, stack: &Open, para_end_tok: usize) -> Option<Role> {
        let (text, t, after) = (self.text, self.t, self.after);
        let open_single = stack.has(Family::Single);
        if open_single
            && !self.space_before
            && (self.space_after || after.is_some_and(is_quote_char))
        {
            // A possessive plural ("the players’ union") inside a
            // single-quoted passage: close only if no later mark could.
            let possessive = self.plural_possessive();
            let look = t + 1..para_end_tok.min(t + 200);
            if possessive && later_close_exists(text, self.tokens, look) {
                None
            } else {
                Some(Role::Close(Family::Single))
            }
        } else if self.space_before
            && after.is_some_and(|c| crate::letters::is_alphabetic(c) || c == '“' || c == '"')
            && !is_elision(text, self.tokens.at(t).span().end)
        {
            Some(Role::Open(Family::Single))
        } else {
            None // an apostrophe
        }
    }

    /// "the players’ union": after an s, before a space and a small letter.
    fn plural_possessive(&self) -> bool {
        let end = self.tokens.at(self.t).span().end;
        self.before == Some('s')
            && self.after == Some(' ')
            && self
                .text
                .part(end..)
                .chars()
                .nth(1)
                .is_some_and(crate::letters::is_lowercase)
    }

    /// A straight double mark: closes an open one of its family when glued
    /// to the word before, else opens.
    fn straight(&self, stack: &Open, f: Family) -> Option<Role> {
        let open = stack.has(f);
        if open && (!self.space_before || self.space_after) {
            Some(Role::Close(f))
        } else if self.space_before || !self.space_after {
            Some(Role::Open(f))
        } else if open {
            Some(Role::Close(f))
        } else {
            None
        }
    }

    /// A curly mark or guillemet: what it says, but for elisions ("‘90s"),
    /// German usage (»...«, „...“) and a typo'd closing “.
    fn curly(&self, stack: &Open, role: Role) -> Option<Role> {
        let (space_before, space_after) = (self.space_before, self.space_after);
        match role {
            Role::Open(Family::Single) if self.after.is_some_and(|c| c.is_ascii_digit()) => None, // ‘90s
            // Primes after a digit are feet and inches (6′2″), no marks.
            Role::Close(_)
                if matches!(self.c, '′' | '″')
                    && self.before.is_some_and(|c| c.is_ascii_digit()) =>
            {
                None
            }
            // A ‘ glued to the word before, a space after, while a single
            // quote is open closes it (German ‚...‘, or a typo).
            Role::Open(Family::Single)
                if self.c == '‘' && !space_before && space_after && stack.has(Family::Single) =>
            {
                Some(Role::Close(Family::Single))
            }
            Role::Close(Family::Guillemet)
                if space_before && !space_after && stack.marks.is_empty() =>
            {
                Some(Role::Open(Family::Guillemet)) // German »...«
            }
            Role::Open(Family::Double) if self.c == '“' && stack.low_double > 0 => {
                Some(Role::Close(Family::Double)) // German „...“
            }
            // A typo'd closing mark: "here,“ said" (glued to the word before,
            // a space after) while a double quote is open.
            Role::Open(Family::Double)
                if !space_before && space_after && stack.has(Family::Double) =>
            {
                Some(Role::Close(Family::Double))
            }
            other => Some(other),
        }
    }
}

/// A quote still open at the end of its paragraph runs to that end when the
/// next paragraph reopens a quote, or when it opens the paragraph (or a
/// sentence, or follows a colon, comma or dash) and has at least four
/// words: a closing mark forgotten at the paragraph's end.
fn runs_to_paragraph_end(
    text: &str,
    tokens: &[Token],
    q: &RawQuote,
    para_start: usize,
    next_opens: bool,
) -> bool {
    let open_tok = q.open_tok();
    let at_start = open_tok == para_start
        || text
            .of(tokens.at(open_tok - 1).span())
            .last_is(|c| matches!(c, ':' | ',' | '—' | '–' | '.' | '?' | '!'));
    let words = text.of(q.content()).split_whitespace().count();
    next_opens || (at_start && words >= 4)
}

fn later_close_exists(text: &str, tokens: &[Token], range: std::ops::Range<usize>) -> bool {
    range.into_iter().any(|t| {
        let s = text.of(tokens.at(t).span());
        (s == "’" || s == "'")
            && text
                .part(tokens.at(t).span().end..)
                .chars()
                .next()
                .is_none_or(|c| !crate::letters::is_alphanumeric(c))
    })
}

/// "'90s", "'em", "'til", "'twas": an apostrophe that starts a word.
fn is_elision(text: &str, after: usize) -> bool {
    let rest = text.part(after..);
    // (its letters and digits)
    let mut end = 0;
    for c in rest.chars() {
        if !crate::letters::is_alphanumeric(c) {
            break;
        }
        end += c.len_utf8();
    }
    let word = rest.part(..end);
    // ('twas, 'Tis: any case)
    word.first_is(|c| c.is_ascii_digit()) || lexicon().is_any_case(word, Use::Elision)
}

fn make(text: &str, tokens: &[Token], open: usize, close: Option<usize>, end: usize) -> RawQuote {
    let inner_start = tokens.at(open).span().end;
    let inner_end = close
        .map_or(end, |c| tokens.at(c).span().start)
        .max(inner_start);
    let inner = text.part(inner_start..inner_end);
    let lead = inner.len() - inner.trim_start().len();
    let trail = inner.len() - inner.trim_end().len();
    let content = if lead + trail >= inner.len() {
        Span::new(inner_start, inner_start)
    } else {
        Span::new(inner_start + lead, inner_end - trail)
    };
    RawQuote::new(
        Span::new(tokens.at(open).span().start, end.max(inner_end)),
        content,
        open,
        close,
    )
}

/// True when the token is an opening quotation mark by its character alone,
/// or two apostrophes before a word (''We).
pub fn opens_by_itself(text: &str, tok: &Token) -> bool {
    tok.kind() == TokenKind::Punct
        && (text
            .of(tok.span())
            .chars()
            .next()
            .is_some_and(|c| matches!(role(c), Some(Role::Open(_))) || matches!(c, '"' | '＂'))
            || (text.of(tok.span()) == "''"
                && text
                    .part(tok.span().end..)
                    .chars()
                    .next()
                    .is_some_and(crate::letters::is_alphanumeric)))
}

/// True when a paragraph starting with this token opens a quote: a mark
/// that opens by itself, or a straight single mark before a word that is
/// not an elision ("'We will fight" in British style, not "'90s").
pub fn opens_paragraph(text: &str, tok: &Token) -> bool {
    opens_by_itself(text, tok)
        || (tok.kind() == TokenKind::Punct
            && text.of(tok.span()) == "'"
            && text
                .part(tok.span().end..)
                .chars()
                .next()
                .is_some_and(crate::letters::is_alphabetic)
            && !is_elision(text, tok.span().end))
}
