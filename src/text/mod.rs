//! The text layer: tokens, paragraphs, quotations and sentences.
//!
//! Everything later stages need to know about the shape of the text is
//! computed here once, in linear time, and kept in a [`Doc`].

mod marks;
mod tokens;
mod words;

// Later stages take `Lower` from here with the other text helpers; it
// lives in `crate::case`, below the lexicon, which needs it too.
pub use crate::case::{lower_in, with_low, Lower, LOW_MAX};
pub use marks::RawQuote;
pub use tokens::{Token, TokenKind};
pub use words::Words;

use crate::annotation::Stance;
use crate::at::Ends;
use crate::at::{split_once, At, Part};
use crate::lexicon::{fact, lexicon, CueVerb, Lexicon, Pronoun, Role, Use, Uses, WordClass};
use crate::span::Span;
use std::num::NonZeroU32;
use std::ops::{Index, Range};

/// A paragraph: one non-blank line of the input.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Paragraph {
    /// The end of the line without trailing spaces (all a paragraph's
    /// span was read for; 16 bytes a paragraph, was 40).
    end: u32,
    /// Its tokens, as `u32`s (see [`Paragraph::tokens`]).
    toks: [u32; 2],
    /// True for lines that read as headings: no closing punctuation, most
    /// words capitalized, or very short.
    pub heading: bool,
}

/// A sentence. Quotations never split a sentence: a quote and the words
/// around it ("“...,” she said.") are one sentence.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sentence {
    /// Its tokens, as `u32`s (12 bytes a sentence, was 24; texts are under
    /// 4 GiB).
    tokens: [u32; 2],
    /// The paragraph it belongs to.
    para: u32,
}

const _: () = assert!(std::mem::size_of::<Paragraph>() == 16);

impl Paragraph {
    /// Its tokens.
    pub fn tokens(&self) -> Range<usize> {
        self.toks[0] as usize..self.toks[1] as usize
    }
}

impl Sentence {
    /// The sentence over `tokens`, in paragraph `para`.
    pub fn new(tokens: Range<usize>, para: usize) -> Sentence {
        Sentence {
            tokens: [tokens.start as u32, tokens.end as u32],
            para: para as u32,
        }
    }

    /// Its tokens.
    pub fn tokens(&self) -> Range<usize> {
        self.tokens[0] as usize..self.tokens[1] as usize
    }

    /// The paragraph it belongs to.
    pub fn para(&self) -> usize {
        self.para as usize
    }
}

/// The analysed text.
pub struct Doc<'t> {
    /// The text itself.
    pub text: &'t str,
    /// All tokens in order.
    pub tokens: Vec<Token>,
    /// Non-blank lines.
    pub paras: Vec<Paragraph>,
    /// Sentences in order.
    pub sentences: Vec<Sentence>,
    /// Quotations in order.
    pub quotes: Vec<RawQuote>,
    /// For every token, the quotation it lies in (marks included).
    pub in_quote: Runs<Option<NonZeroU32>>,
    /// For each block of [`RUN_BLOCK`] tokens, the first sentence that ends
    /// after the block's first token: [`Doc::sentence_at`] steps on from it
    /// over the sentences themselves (runs of sentence numbers took 1.1 MB
    /// more of a 10 MiB text).
    sentence_blocks: Vec<u32>,
    /// For every token, the lexicons its lowercase form may be in
    /// ([`crate::lexicon::fact`] bits): worked out once here, so that the
    /// stages look up only words that can be found (one byte a token).
    facts: Vec<u8>,
    /// [`Doc::word_class`] of the last token asked in each slot, chosen by
    /// a hash of the word as written: the stages ask the class of the same
    /// few hundred forms again and again, and a hash and a compare cost a
    /// fraction of a look-up.
    class_memo: Memo<WordClass>,
}

/// [`MEMO_SLOTS`] slots of (token + 1, or 0 for an empty slot; what the
/// look-up gave for the token's word).
type Memo<T> = Vec<std::cell::Cell<(u32, Option<T>)>>;

/// Slots of a [`Memo`].
const MEMO_SLOTS: usize = 256;

/// A hasher for sets of words: the lexicon's word hash (8 bytes a step),
/// much cheaper than the std `HashSet`'s SipHash on the short keys the
/// stages ask about once a token. The sets and maps are only asked about a
/// word, never iterated in their order, so the hash does not change any output.
/// The rules' own maps are [`Words`]; these std maps are the entity
/// stage's and the tagger's.
#[cfg(feature = "entities")]
#[derive(Default)]
pub struct WordHasher(u64);

#[cfg(feature = "entities")]
impl std::hash::Hasher for WordHasher {
    fn write(&mut self, bytes: &[u8]) {
        self.write_u64(u64::from(crate::lexicon::hash(bytes)));
    }

    fn write_u64(&mut self, n: u64) {
        const K: u64 = 0x9e37_79b9_7f4a_7c15;
        self.0 = (self.0.rotate_left(26) ^ n).wrapping_mul(K);
    }

    fn write_u8(&mut self, n: u8) {
        self.write_u64(u64::from(n));
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// The hash of every set and map in the engine: [`WordHasher`]. One hasher
/// for all of them keeps SipHash and its random keys out of the `.wasm`.
#[cfg(feature = "entities")]
pub type WordHash = std::hash::BuildHasherDefault<WordHasher>;
/// A set (of words) hashed with [`WordHasher`].
#[cfg(feature = "entities")]
pub type WordSet<T> = std::collections::HashSet<T, WordHash>;
/// A map (of words) hashed with [`WordHasher`].
#[cfg(feature = "entities")]
pub type WordMap<K, V> = std::collections::HashMap<K, V, WordHash>;

/// A flag for every token, one bit each (a `Vec<bool>` takes a byte).
pub struct Bits(Vec<u64>);

impl Bits {
    /// `len` flags, all false.
    pub fn new(len: usize) -> Bits {
        Bits(vec![0; len.div_ceil(64)])
    }

    /// Sets flag `i`.
    pub fn set(&mut self, i: usize) {
        *self.0.at_mut(i / 64) |= 1 << (i % 64);
    }

    /// Flag `i`: `bits[i]` without a panic location at each site (`Index`
    /// is `#[track_caller]`).
    #[inline]
    pub fn get(&self, i: usize) -> bool {
        *self.0.at(i / 64) >> (i % 64) & 1 == 1
    }
}

impl Index<usize> for Bits {
    type Output = bool;

    fn index(&self, i: usize) -> &bool {
        if self.get(i) {
            &true
        } else {
            &false
        }
    }
}

/// A value for every token, indexed like the `Vec` it is built from, but
/// stored as runs of equal values: 12 bytes a run (a sentence, a quotation)
/// instead of 4 bytes a token. On a long text the per-token tables were a
/// third of the engine's peak memory. A lookup starts at the first run that
/// can hold the token's block of [`RUN_BLOCK`] tokens, and steps over the
/// few runs that end inside the block.
pub struct Runs<T> {
    /// The number of tokens.
    len: usize,
    /// First token and one past the last token of each run of values other
    /// than `default`, in order.
    bounds: Vec<(u32, u32)>,
    /// The value of each run.
    values: Vec<T>,
    /// The value of every token outside the runs.
    default: T,
    /// For each block of [`RUN_BLOCK`] tokens, the first run that ends after
    /// the block's first token, with [`NO_RUN`] set when no run reaches into
    /// the block (most blocks of most texts: a look-up there reads no run).
    blocks: Vec<u32>,
}

/// Tokens per entry of [`Runs::blocks`].
const RUN_BLOCK: usize = 32;

/// In [`Runs::blocks`], the bit of a block that no run reaches into (run
/// numbers are below it: fewer than 2^30 tokens).
const NO_RUN: u32 = 1 << 31;

impl<T: Copy + PartialEq> Runs<T> {
    /// Compresses `values` (one per token).
    #[cfg(test)]
    pub(crate) fn new(values: &[T], default: T) -> Runs<T> {
        Runs::from_iter(values.len(), default, values.iter().copied())
    }

    /// Compresses the `len` values of `values` as they come, so no array of
    /// one value a token need exist.
    #[cfg(test)]
    pub(crate) fn from_iter(len: usize, default: T, values: impl Iterator<Item = T>) -> Runs<T> {
        let mut runs = Runs::empty(len, default);
        let mut run = (0, default);
        for (t, v) in values.take(len).chain([default]).enumerate() {
            runs.step(&mut run, t, v);
        }
        runs.index_blocks()
    }

    /// What painting `ranges` of tokens with their values, in order, on an
    /// array of `default`s would leave (the last range covering a token
    /// wins), without the array. The ranges come in order of their starts.
    /// Only the tokens where a range starts or ends are visited.
    pub(crate) fn painted(
        len: usize,
        default: T,
        ranges: impl Iterator<Item = (Range<usize>, T)>,
    ) -> Runs<T> {
        let mut ranges = ranges.peekable();
        // The ranges begun so far that may still be open, the last on top.
        let mut open: Vec<(usize, T)> = Vec::new();
        Runs::stepped(len, default, |t| {
            // (`peek` then `next`, not `next_if`: std's out of line)
            while ranges.peek().is_some_and(|(r, _)| r.start <= t) {
                if let Some((r, v)) = ranges.next() {
                    open.push((r.end, v));
                }
            }
            while open.last().is_some_and(|&(end, _)| end <= t) {
                open.pop();
            }
            // The value holds until the next range starts or the top one ends.
            let next_start = ranges.peek().map_or(len, |(r, _)| r.start);
            let top_end = open.last().map_or(len, |&(end, _)| end);
            let v = open.last().map_or(default, |&(_, v)| v);
            (v, next_start.min(top_end))
        })
    }

    /// The runs `at` gives: `at(t)` is the value of token `t` and the first
    /// token after `t` whose value may differ (the next token asked about;
    /// the tokens between have the same value).
    pub(crate) fn stepped(
        len: usize,
        default: T,
        mut at: impl FnMut(usize) -> (T, usize),
    ) -> Runs<T> {
        let mut runs = Runs::empty(len, default);
        let mut run = (0, default);
        let mut t = 0;
        while t < len {
            let (v, next) = at(t);
            runs.step(&mut run, t, v);
            t = next.min(len).max(t + 1);
        }
        runs.step(&mut run, len, default);
        runs.index_blocks()
    }

    fn empty(len: usize, default: T) -> Runs<T> {
        Runs {
            len,
            bounds: Vec::new(),
            values: Vec::new(),
            default,
            blocks: Vec::with_capacity(len.div_ceil(RUN_BLOCK)),
        }
    }

    /// Token `t` has value `v`: ends the current `run` (its start and
    /// value) if `v` differs, keeping it unless it holds the default.
    fn step(&mut self, run: &mut (usize, T), t: usize, v: T) {
        if v != run.1 {
            if run.1 != self.default {
                self.bounds.push((run.0 as u32, t as u32));
                self.values.push(run.1);
            }
            *run = (t, v);
        }
    }

    /// Shrinks the runs and indexes them by block of tokens.
    fn index_blocks(mut self) -> Runs<T> {
        self.bounds.shrink_to_fit();
        self.values.shrink_to_fit();
        let mut k = 0;
        for block_start in (0..self.len).step_by(RUN_BLOCK) {
            while k < self.bounds.len() && self.bounds.at(k).1 as usize <= block_start {
                k += 1;
            }
            // (run `k` is the only one that can reach into the block)
            let reached = self
                .bounds
                .get(k)
                .is_some_and(|&(start, _)| (start as usize) < block_start + RUN_BLOCK);
            self.blocks
                .push(if reached { k as u32 } else { k as u32 | NO_RUN });
        }
        self
    }
}

impl<T> Runs<T> {
    /// The value of token `t`, or `None` past the last token (as `Vec::get`).
    pub fn get(&self, t: usize) -> Option<&T> {
        (t < self.len).then(|| &self[t])
    }

    /// The first token from `t` on whose value is not the default (the
    /// number of tokens if none): the tokens before it need no look-up.
    pub fn next_set(&self, t: usize) -> usize {
        if t >= self.len {
            return self.len;
        }
        let mut k = (*self.blocks.at(t / RUN_BLOCK) & !NO_RUN) as usize;
        while k < self.bounds.len() && self.bounds.at(k).1 as usize <= t {
            k += 1;
        }
        self.bounds
            .get(k)
            .map_or(self.len, |&(start, _)| (start as usize).max(t))
    }
}

impl<T: Default> Default for Runs<T> {
    fn default() -> Runs<T> {
        Runs {
            len: 0,
            bounds: Vec::new(),
            values: Vec::new(),
            default: T::default(),
            blocks: Vec::new(),
        }
    }
}

impl<T> Index<usize> for Runs<T> {
    type Output = T;

    fn index(&self, t: usize) -> &T {
        crate::work::add(1);
        assert!(t < self.len, "token out of range");
        let block = *self.blocks.at(t / RUN_BLOCK);
        if block & NO_RUN != 0 {
            return &self.default;
        }
        let mut k = block as usize;
        while k < self.bounds.len() && self.bounds.at(k).1 as usize <= t {
            k += 1;
        }
        match self.bounds.get(k) {
            Some(&(start, _)) if start as usize <= t => &self.values[k],
            _ => &self.default,
        }
    }
}

impl<'t> Doc<'t> {
    /// Analyses `text`.
    pub fn new(text: &'t str) -> Doc<'t> {
        let mut tokens = tokens::tokenize(text);
        // Each table is shrunk to its length as soon as it is built (here
        // and in `Runs`): the room a `Vec` grew beyond it (up to half) would
        // stay allocated for the whole annotation, and the freed tails take
        // the next allocations instead of new memory (peak on long texts).
        let mut paras = paragraphs(text, &tokens);
        paras.shrink_to_fit();
        let mut quotes = Vec::new();
        let mut open = marks::Open::default();
        for (i, p) in paras.iter().enumerate() {
            let next_opens = paras.get(i + 1).is_some_and(|n| {
                n.tokens().start < n.tokens().end
                    && marks::opens_paragraph(text, tokens.at(n.tokens().start))
            });
            marks::find_quotes(
                text,
                &tokens,
                p.tokens(),
                p.end as usize,
                next_opens,
                &mut open,
                &mut quotes,
            );
        }
        quotes.shrink_to_fit();
        plural_possessives(text, &mut tokens, &quotes);
        // A quotation's tokens: from its opening mark to the last token
        // starting inside it.
        let in_quote = Runs::painted(
            tokens.len(),
            None,
            quotes.iter().enumerate().map(|(qi, q)| {
                let mut t = q.open_tok();
                while t < tokens.len() && tokens.at(t).span().start < q.span().end {
                    t += 1;
                }
                (q.open_tok()..t, NonZeroU32::new(qi as u32 + 1))
            }),
        );
        let facts = token_facts(text, &tokens);
        let mut doc = Doc {
            text,
            facts,
            tokens,
            paras,
            sentences: Vec::new(),
            quotes,
            in_quote,
            sentence_blocks: Vec::new(),
            class_memo: vec![std::cell::Cell::new((0, None)); MEMO_SLOTS],
        };
        doc.sentences = doc.split_sentences();
        doc.sentences.shrink_to_fit();
        // (Sentences are in order and apart: the first that ends after a
        // token is the one that holds it, if any.)
        let mut k = 0;
        doc.sentence_blocks = Vec::with_capacity(doc.tokens.len().div_ceil(RUN_BLOCK));
        for block_start in (0..doc.tokens.len()).step_by(RUN_BLOCK) {
            while doc
                .sentences
                .get(k)
                .is_some_and(|s| s.tokens[1] as usize <= block_start)
            {
                k += 1;
            }
            doc.sentence_blocks.push(k as u32);
        }
        doc
    }

    /// The quotations, dropping everything else.
    pub fn into_quotes(self) -> Vec<RawQuote> {
        self.quotes
    }

    /// The sentence token `t` lies in (0 outside every sentence).
    pub fn sentence_at(&self, t: usize) -> usize {
        crate::work::add(1);
        assert!(t < self.tokens.len(), "token out of range");
        let mut k = *self.sentence_blocks.at(t / RUN_BLOCK) as usize;
        while self
            .sentences
            .get(k)
            .is_some_and(|s| s.tokens[1] as usize <= t)
        {
            k += 1;
        }
        match self.sentences.get(k) {
            Some(s) if s.tokens[0] as usize <= t => k,
            _ => 0,
        }
    }

    /// The quotation token `t` lies in (marks included), if any.
    #[inline]
    pub fn quote_at(&self, t: usize) -> Option<usize> {
        self.in_quote_at(t).map(|q| q.get() as usize - 1)
    }

    /// The text of `span`, sliced at one call site (as [`Doc::in_quote_at`]:
    /// a `&doc.text[span]` carried a panic location of its own).
    #[inline]
    pub fn str_of(&self, span: Span) -> &'t str {
        self.text.of(span)
    }

    /// `in_quote` at token `t`, read through one call site: `Index::index`
    /// takes its caller's location, so each `doc.in_quote_at(t)` carried one.
    #[inline]
    pub fn in_quote_at(&self, t: usize) -> Option<NonZeroU32> {
        self.in_quote[t]
    }

    /// Token `i`. The rules read tokens through this one indexing site, so
    /// a `.wasm` carries one panic location for all of them, not one a read
    /// (~16 bytes of data and a distinct constant each).
    #[inline]
    pub fn token(&self, i: usize) -> &Token {
        self.tokens.at(i)
    }

    /// Sentence `s`, read through one indexing site (as [`Doc::token`]).
    #[inline]
    pub fn sentence(&self, s: usize) -> &Sentence {
        self.sentences.at(s)
    }

    /// Quotation `q`, read through one indexing site (as [`Doc::token`]).
    #[inline]
    pub fn quote(&self, q: usize) -> &RawQuote {
        self.quotes.at(q)
    }

    /// Paragraph `p`, read through one indexing site (as [`Doc::token`]).
    #[inline]
    pub fn paragraph(&self, p: usize) -> &Paragraph {
        self.paras.at(p)
    }

    /// The text of token `i`.
    pub fn tok(&self, i: usize) -> &'t str {
        crate::work::add(1);
        self.text_of(self.token(i))
    }

    /// The texts of tokens `toks`, pushed onto `out` (the tagger's words:
    /// every token of a document once, sliced without `Part::of`'s checks,
    /// which were a third of the cost).
    #[cfg(feature = "tagger")]
    pub(crate) fn words_into(&self, toks: std::ops::Range<usize>, out: &mut Vec<&'t str>) {
        out.extend(self.tokens.sub(toks).iter().map(|t| self.text_of(t)));
    }

    /// The text of `t`, one of [`Doc::tokens`], sliced without
    /// `Part::of`'s checks (every token read goes through here: they were
    /// a fifth of a read).
    #[inline(always)]
    fn text_of(&self, t: &Token) -> &'t str {
        let s = t.span();
        debug_assert!(
            self.text.get(s.start..s.end).is_some(),
            "a token off its text"
        );
        // SAFETY: `t` is one of `self.tokens` (this function is private
        // and so called), which `Doc::new` cut (`tokens::tokenize`,
        // `plural_possessives`) at char boundaries of `self.text`, inside
        // it; nothing changes them after (the fields are the crate's own).
        unsafe { self.text.get_unchecked(s.start..s.end) }
    }

    /// True when token `t`'s lowercase form may be in the lexicons of
    /// `bits` ([`crate::lexicon::fact`]); false when it is in none of them.
    #[inline]
    pub fn may_be(&self, t: usize, bits: u8) -> bool {
        *self.facts.at(t) & bits != 0
    }

    /// The [`fact`] bits of tokens `toks` (the tagger skips look-ups by them).
    #[cfg(feature = "tagger")]
    pub(crate) fn facts(&self, toks: std::ops::Range<usize>) -> &[u8] {
        &self.facts[toks]
    }

    /// `look_up` of token `t`'s text, or `None` without asking when its
    /// facts rule out the lexicon of `bit`.
    fn ask<T>(&self, t: usize, bit: u8, look_up: fn(&Lexicon, &str) -> Option<T>) -> Option<T> {
        if self.may_be(t, bit) {
            look_up(lexicon(), self.tok(t))
        } else {
            None
        }
    }

    /// [`Lexicon::word_class`](crate::lexicon::Lexicon::word_class) of token `t`.
    pub fn word_class(&self, t: usize) -> Option<WordClass> {
        self.remembered(&self.class_memo, t, fact::GRAMMAR, Lexicon::word_class)
    }

    /// A lowercase word of no grammar class at token `t` (a noun, verb or
    /// adjective, for all the lexicon's closed classes can tell).
    pub fn plain_word(&self, t: usize) -> bool {
        self.token(t).kind() == TokenKind::Word
            && self.tok(t).first_is(crate::letters::is_lowercase)
            && self.word_class(t).is_none()
    }

    /// [`Doc::ask`] through `memo`: what the look-up gave for the last
    /// token of the same word in its slot, else the look-up, remembered.
    fn remembered<T: Copy>(
        &self,
        memo: &Memo<T>,
        t: usize,
        bit: u8,
        look_up: fn(&Lexicon, &str) -> Option<T>,
    ) -> Option<T> {
        if !self.may_be(t, bit) {
            return None;
        }
        let w = self.tok(t);
        let slot = memo.at(crate::lexicon::hash(w.as_bytes()) as usize % MEMO_SLOTS);
        let (seen, found) = slot.get();
        if seen != 0 && self.tok(seen as usize - 1) == w {
            return found;
        }
        let found = look_up(lexicon(), w);
        slot.set((t as u32 + 1, found));
        found
    }

    /// [`Lexicon::cue_verb`](crate::lexicon::Lexicon::cue_verb) of token `t`.
    pub fn cue_verb(&self, t: usize) -> Option<CueVerb> {
        self.ask(t, fact::CUE_VERB, Lexicon::cue_verb)
    }

    /// [`Lexicon::cue_noun`](crate::lexicon::Lexicon::cue_noun) of token `t`.
    pub fn cue_noun(&self, t: usize) -> Option<Stance> {
        self.ask(t, fact::CUE_NOUN, Lexicon::cue_noun)
    }

    /// [`Lexicon::pronoun`](crate::lexicon::Lexicon::pronoun) of token `t`.
    pub fn pronoun(&self, t: usize) -> Option<Pronoun> {
        self.ask(t, fact::PRONOUN, Lexicon::pronoun)
    }

    /// [`Lexicon::role`](crate::lexicon::Lexicon::role) of token `t`.
    pub fn role(&self, t: usize) -> Option<Role> {
        self.ask(t, fact::ROLE, Lexicon::role)
    }

    /// [`Lexicon::is`](crate::lexicon::Lexicon::is): token `t`, as written, has use `u`.
    pub fn is(&self, t: usize, u: Use) -> bool {
        self.may_be(t, fact::USES) && lexicon().is(self.tok(t), u)
    }

    /// [`Lexicon::uses_lower`](crate::lexicon::Lexicon::uses_lower) of token `t`.
    pub fn uses_lower(&self, t: usize) -> Uses {
        if self.may_be(t, fact::USES) {
            lexicon().uses_lower(self.tok(t))
        } else {
            Uses::default()
        }
    }

    /// False when token `i` starts with an ASCII byte that is no capital
    /// letter (most tokens): then it is no [`Doc::is_cap`] word, and a scan
    /// for capitalized words can pass it without a call.
    #[inline]
    pub fn may_be_cap(&self, i: usize) -> bool {
        let b = *self.text.as_bytes().at(self.token(i).span().start);
        b >= 0x80 || b.is_ascii_uppercase()
    }

    /// True when token `i` is a word starting with a capital letter.
    pub fn is_cap(&self, i: usize) -> bool {
        let tok = self.token(i);
        // ASCII first letters (nearly all) without decoding a character.
        tok.kind() == TokenKind::Word
            && match *self.text.as_bytes().at(tok.span().start) {
                b if b < 0x80 => b.is_ascii_uppercase(),
                _ => self.tok(i).first_is(crate::letters::is_uppercase),
            }
    }

    /// True when an age in commas starts at token `i`: ", 34," ("Tomasz, 34,
    /// a nurse, said").
    pub fn age_at(&self, i: usize) -> bool {
        i + 2 < self.tokens.len()
            && self.tok(i) == ","
            && self.token(i + 1).kind() == TokenKind::Number
            && self.tok(i + 1).len() <= 3
            && self.tok(i + 2) == ","
    }

    /// Span covering tokens `a..b`; empty (at token `a`) when `b <= a`.
    pub fn span_of(&self, a: usize, b: usize) -> Span {
        let start = self
            .tokens
            .get(a)
            .map_or(self.text.len(), |t| t.span().start);
        if b <= a {
            return Span::new(start, start);
        }
        Span::new(start, self.token(b - 1).span().end.max(start))
    }

    /// The text of tokens `a..b` (`str_of(span_of(a, b))`), sliced without
    /// `Part::of`'s checks, as [`Doc::tok`] is.
    pub fn text_of_toks(&self, a: usize, b: usize) -> &'t str {
        let s = self.span_of(a, b);
        debug_assert!(
            self.text.get(s.start..s.end).is_some(),
            "tokens off their text"
        );
        // SAFETY: `span_of` starts at a token's start or at the text's end
        // and ends at a token's end or at that start, each a char boundary
        // of `self.text` inside it (`Doc::text_of`).
        unsafe { self.text.get_unchecked(s.start..s.end) }
    }

    /// The paragraph of token `i`.
    pub fn para_of(&self, i: usize) -> usize {
        self.sentences.at(self.sentence_at(i)).para()
    }

    fn ends_sentence(&self, t: usize, end: usize) -> bool {
        let s = self.tok(t);
        if self.token(t).kind() != TokenKind::Punct || !matches!(s, "." | "!" | "?" | "…") {
            // A dotted abbreviation at the end of a sentence ("... in the U.S. The")
            return self.token(t).kind() == TokenKind::Word
                && s.ends_with('.')
                && t + 1 < end
                && self.is_cap(t + 1)
                && !lexicon().is_abbreviation(s)
                && s.len() > 4;
        }
        if s == "." && t > 0 && self.token(t - 1).span().end == self.token(t).span().start {
            let prev = self.tok(t - 1);
            let single_initial =
                prev.first_is(crate::letters::is_uppercase) && prev.chars().nth(1).is_none();
            // "No. My father ...": an abbreviation that is no title ends
            // a sentence before a capitalized function word ("No. 10"
            // and "Sen. Doe" go on).
            let function_word_next = t + 1 < end
                && self.is_cap(t + 1)
                && self.word_class(t + 1).is_some()
                && !lexicon().starts_title(prev);
            if self.token(t - 1).kind() == TokenKind::Word
                && (lexicon().is_abbreviation(prev) || single_initial)
                && (!function_word_next || single_initial)
            {
                return false;
            }
        }
        // The next token must look like a sentence start.
        match (t + 1..end).next() {
            None => true,
            Some(n) => {
                let ns = self.tok(n);
                ns.first_is(|c| crate::letters::is_uppercase(c) || c.is_ascii_digit())
                    || marks::is_quote_char(ns.chars().next().unwrap_or(' '))
                    || ns.first_is(|c| matches!(c, '(' | '['))
            }
        }
    }

    fn split_sentences(&self) -> Vec<Sentence> {
        let mut out = Vec::new();
        for (pi, p) in self.paras.iter().enumerate() {
            let mut start = p.tokens().start;
            let end = p.tokens().end;
            let mut t = start;
            while t < end {
                // Only a mark (or a quotation's closing mark) or a word with
                // a final period ends a sentence: skip the rest unasked.
                let tok = self.token(t);
                if tok.kind() != TokenKind::Punct
                    && *self.text.as_bytes().at(tok.span().end - 1) != b'.'
                {
                    t += 1;
                    continue;
                }
                let boundary = match self.quote_at(t) {
                    None => self.ends_sentence(t, end),
                    Some(q) => {
                        // After a closed quote that ends in . ! ? and is followed
                        // by a new sentence ("“We won.” The crowd cheered.").
                        let rq = self.quotes.at(q);
                        rq.close_tok() == Some(t)
                            && self
                                .text
                                .of(rq.content())
                                .last_is(|c| matches!(c, '.' | '!' | '?'))
                            && t + 1 < end
                            && (self.is_cap(t + 1)
                                || marks::opens_by_itself(self.text, self.token(t + 1)))
                            && !starts_bare_attribution(self, t + 1, end)
                    }
                };
                if boundary {
                    // Keep closing brackets with the sentence they close.
                    while t + 1 < end && matches!(self.tok(t + 1), ")" | "]") {
                        t += 1;
                    }
                    out.push(Sentence::new(start..t + 1, pi));
                    start = t + 1;
                }
                t += 1;
            }
            if start < end {
                out.push(Sentence::new(start..end, pi));
            }
        }
        out
    }
}

/// "The nurses' union": an apostrophe glued to a word ending in "s", before
/// a word, that marks no quotation is a possessive like "'s" (the
/// tokenizer cannot tell it from a closing single quote; the marks can).
fn plural_possessives(text: &str, tokens: &mut [Token], quotes: &[RawQuote]) {
    let bytes = text.as_bytes();
    // (a loop, not `flat_map(..).flatten()`: std's `Flatten` for this one
    // call in the `.wasm`)
    let mut marks: Vec<usize> = Vec::new();
    for q in quotes {
        marks.push(q.open_tok());
        marks.extend(q.close_tok());
    }
    crate::order::sort_by(&mut marks, |a, b| a.cmp(b));
    for t in 1..tokens.len().saturating_sub(1) {
        let (prev, tok, next) = (*tokens.at(t - 1), *tokens.at(t), *tokens.at(t + 1));
        let s = tok.span();
        let glued = prev.span().end == s.start && matches!(*bytes.at(s.start - 1), b's' | b'S');
        if tok.kind() == TokenKind::Punct
            && matches!(text.of(s), "'" | "’")
            && glued
            && prev.kind() == TokenKind::Word
            && next.kind() == TokenKind::Word
            && next.span().start == s.end + 1
            && marks.binary_search(&t).is_err()
        {
            *tokens.at_mut(t) = Token::new(s, TokenKind::Possessive);
        }
    }
}

/// The [`fact`] bits of every token. Words repeat (a few hundred
/// forms make most of a text), so the facts of the last word seen in each
/// slot of a small direct-mapped memo, chosen by a hash of the word as
/// written, are reused when the word comes again: one hash and a compare
/// instead of lowercasing and a probe into eight sets. Marks and numbers
/// are looked up as words are (a comma, a dash: in no set, so the scans
/// that ask every token pass them without a look-up; a curly quotation
/// mark is not ASCII and keeps [`fact::ALL`]).
fn token_facts(text: &str, tokens: &[Token]) -> Vec<u8> {
    let lex = lexicon();
    let slots = (tokens.len() / 4).next_power_of_two().clamp(64, 4096);
    // (token + 1, or 0 for an empty slot; its facts)
    let mut memo = vec![(0u32, 0u8); slots];
    let mut facts = Vec::with_capacity(tokens.len());
    for (t, tok) in tokens.iter().enumerate() {
        let w = text.of(tok.span());
        let slot = crate::lexicon::hash(w.as_bytes()) as usize & (slots - 1);
        let (seen, f) = *memo.at(slot);
        if seen != 0 && text.of(tokens.at(seen as usize - 1).span()) == w {
            facts.push(f);
            continue;
        }
        let f = lex.facts(w);
        *memo.at_mut(slot) = (t as u32 + 1, f);
        facts.push(f);
    }
    facts
}

/// After the verb of a bare attribution the clause ends within a few words
/// ("said on Monday."); "She also said, without evidence, that “...”" is a
/// sentence of its own.
fn attribution_ends_soon(doc: &Doc, from: usize, end: usize) -> bool {
    for t in from..end.min(from + 10) {
        let s = doc.tok(t);
        if matches!(s, "." | "!" | "?" | "…") {
            return true;
        }
        // "Smith said, adding that ...": the attribution goes on in a
        // participle clause.
        if doc.cue_verb(t).is_some_and(|v| v.gerund) {
            return true;
        }
        if (s.is_ascii() && doc.uses_lower(t).has(Use::Complementizer)) || s == ":" {
            return false;
        }
        // "Smith said, “and we will win again.”" goes on; "she said, “We
        // will...”" starts its own quotation.
        if let Some(q) = doc.quote_at(t).filter(|&q| doc.quote(q).open_tok() == t) {
            return doc
                .str_of(doc.quote(q).content())
                .first_is(crate::letters::is_lowercase);
        }
    }
    true
}

/// "That is how ...", "That was all ...", "This is what ...": words
/// `from..end` open a sentence that points back at what came before.
pub(crate) fn that_frame(doc: &Doc, from: usize, end: usize) -> bool {
    let w = |k: usize| if k < end { doc.tok(k) } else { "" };
    matches!(w(from), "That" | "This")
        && matches!(w(from + 1), "is" | "was" | "’s" | "'s")
        && matches!(w(from + 2), "how" | "what" | "all")
}

/// "Smith said." / "said the minister." right after a quote: the words
/// that attribute it, which belong to the quote's sentence.
fn starts_bare_attribution(doc: &Doc, from: usize, end: usize) -> bool {
    let lex = lexicon();
    // "And then she went on, saying ..." starts a new sentence, and so
    // does "That was all Doe would say." (its own frame).
    if from < end && doc.word_class(from) == Some(crate::lexicon::WordClass::Conj)
        || that_frame(doc, from, end)
    {
        return false;
    }
    let mut n = 0;
    for t in from..end {
        let s = doc.tok(t);
        if doc.token(t).kind() == TokenKind::Punct {
            // "Jane Doe, a retired nurse, said.": appositive commas are fine.
            if matches!(s, "," | "(" | ")" | "-" | "—") {
                continue;
            }
            // "Rep. Jane Doe, R-Ohio, said": the period of an abbreviation.
            let glued = t > from && doc.token(t - 1).span().end == doc.token(t).span().start;
            if s == "." && glued && {
                let prev = doc.tok(t - 1);
                lex.is_abbreviation(prev)
                    || char_count(prev) == 1
                    || (prev.contains('-') && t + 1 < end && doc.tok(t + 1) == ",")
            } {
                continue;
            }
            return false;
        }
        if let Some(v) = doc.cue_verb(t).filter(|v| v.frames.quote && !v.gerund) {
            // "“It was a bog.” Jane Doe disagreed.": after a full stop, a
            // verb of agreeing or disagreeing answers the words; it does
            // not report them.
            return !matches!(v.stance, Stance::Deny | Stance::Confirm)
                && attribution_ends_soon(doc, t + 1, end);
        }
        n += 1;
        if n > 12 {
            return false;
        }
    }
    false
}

fn paragraphs(text: &str, tokens: &[Token]) -> Vec<Paragraph> {
    let wrapped = hard_wrapped(text);
    let mut out: Vec<Paragraph> = Vec::new();
    let mut t = 0;
    let mut line_start = 0;
    // Whether the line before was joined to by a single newline.
    let mut joins = false;
    for line in text.split_inclusive('\n') {
        let line_end = line_start + line.len();
        let trimmed = line.trim();
        if trimmed.is_empty() {
            joins = false;
        } else {
            let lead = line.len() - line.trim_start().len();
            let span = Span::new(line_start + lead, line_start + lead + trimmed.len());
            while t < tokens.len() && tokens.at(t).span().start < span.start {
                t += 1;
            }
            let first = t;
            while t < tokens.len() && tokens.at(t).span().start < span.end {
                t += 1;
            }
            match out.last_mut() {
                Some(p) if joins && first < t && !starts_item(trimmed) => {
                    p.end = span.end as u32;
                    p.toks[1] = t as u32;
                }
                _ if first < t => out.push(Paragraph {
                    end: span.end as u32,
                    toks: [first as u32, t as u32],
                    heading: false,
                }),
                _ => {}
            }
            joins = wrapped && wraps(trimmed);
        }
        line_start = line_end;
    }
    for i in 0..out.len() {
        let p = &out[i];
        let toks = tokens.sub(p.toks[0] as usize..p.toks[1] as usize);
        // ("Transport Secretary Jane Doe:" over a quotation: a speaker's
        // label, whose name a heading's would not be)
        let label = toks.last().is_some_and(|t| text.of(t.span()) == ":")
            && out
                .get(i + 1)
                .is_some_and(|n| marks::opens_paragraph(text, tokens.at(n.toks[0] as usize)));
        out[i].heading = !label && is_heading(text, toks);
    }
    out
}

/// Shortest line that a hard wrap leaves (wrapping is at 60 to 80
/// characters; a headline or a byline is shorter).
const WRAPPED_LINE: usize = 40;

/// A long line that stops without closing a sentence: a hard wrap.
fn wraps(line: &str) -> bool {
    line.len() >= WRAPPED_LINE
        && !line.last_is(|c| matches!(c, '.' | '!' | '?' | ':' | '"' | '”' | '’' | ')' | '»'))
}

/// A text wrapped at a fixed width (e-mail, wire feeds, PDF copies): a
/// third or more of its long lines with a line right after, and at least
/// two, stop mid-sentence before a lowercase word (a headline before its
/// standfirst is no wrap). Its single newlines join lines into
/// paragraphs; blank lines still part them.
fn hard_wrapped(text: &str) -> bool {
    let (mut long, mut open) = (0, 0);
    let mut lines = text.lines().map(str::trim).peekable();
    while let Some(line) = lines.next() {
        let Some(next) = lines.peek().filter(|n| !n.is_empty()) else {
            continue;
        };
        if line.len() >= WRAPPED_LINE {
            long += 1;
            open += usize::from(wraps(line) && next.first_is(crate::letters::is_lowercase));
        }
    }
    open >= 2 && open * 3 >= long
}

/// A line that opens a list item ("- ", "* ", "• ", "1. "): never joined.
fn starts_item(line: &str) -> bool {
    line.first_is(|c| matches!(c, '-' | '*' | '•' | '–' | '—'))
        || split_once(line, ". ")
            .is_some_and(|(n, _)| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}

/// Headlines, section labels, subheadings and captions-without-periods.
fn is_heading(text: &str, toks: &[Token]) -> bool {
    let last = toks.last().map(|t| text.of(t.span())).unwrap_or("");
    let closed = matches!(
        last,
        "." | "!" | "?" | "”" | "\"" | "’" | "»" | "''" | ":" | ")"
    );
    // Counted in place: no list of the line's words.
    let words = toks
        .iter()
        .filter(|t| t.kind() == TokenKind::Word)
        .map(|t| text.of(t.span()));
    if !closed && words.clone().nth(4).is_none() {
        return true;
    }
    let (mut long, mut caps) = (0, 0);
    for w in words.clone().filter(|w| char_count(w) > 3) {
        long += 1;
        caps += usize::from(w.first_is(crate::letters::is_uppercase));
    }
    // "Mayor Says Bridge Will Close, Calls Delay ‘Absurd.’": a line in
    // title case is a headline, whatever closes it (its words in
    // lowercase, if any, grammar: "met" makes a sentence).
    if closed {
        return long >= 4
            && caps == long
            && words.clone().all(|w| {
                !w.first_is(crate::letters::is_lowercase) || lexicon().word_class(w).is_some()
            });
    }
    long == 0 || caps * 10 >= long * 7
}

/// `s.chars().count()`: the bytes that start a character (not `10xxxxxx`).
/// std's count is a word-at-a-time loop, more code than the short words
/// the rules count need (66 bytes of the gzipped `.wasm`: "Download size,
/// session 17" in BENCHMARKS.md).
pub(crate) fn char_count(s: &str) -> usize {
    s.bytes().filter(|&b| (b as i8) >= -0x40).count()
}

/// `words` joined by single spaces: what `[S]::join(" ")` gives, without
/// its generic copy loop (two instances of it were ~1 KB of `.wasm`).
pub(crate) fn spaced<S: AsRef<str>>(words: &[S]) -> String {
    let mut out = String::new();
    for (i, w) in words.iter().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        out.push_str(w.as_ref());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quotes(text: &str) -> Vec<&str> {
        let doc = Doc::new(text);
        doc.quotes.iter().map(|q| &text[q.content()]).collect()
    }

    fn sentences(text: &str) -> Vec<&str> {
        let doc = Doc::new(text);
        doc.sentences
            .iter()
            .map(|s| &text[doc.span_of(s.tokens().start, s.tokens().end)])
            .collect()
    }

    #[test]
    fn pairs_curly_and_straight_quotes() {
        assert_eq!(
            quotes("“We won,” she said. He said \"no\" twice."),
            ["We won,", "no"]
        );
    }

    #[test]
    fn nested_quote_stays_inside_outer() {
        assert_eq!(
            quotes("“He told me ‘never’ again,” she said."),
            ["He told me ‘never’ again,"]
        );
    }

    #[test]
    fn apostrophes_are_not_quotes() {
        assert!(quotes("Serbia's army didn't move in the '90s.").is_empty());
    }

    #[test]
    fn british_single_quotes() {
        assert_eq!(quotes("‘We won’t stop,’ she said."), ["We won’t stop,"]);
        assert_eq!(quotes("'It is over,' he said."), ["It is over,"]);
    }

    #[test]
    fn two_apostrophes_are_double_marks() {
        assert_eq!(
            quotes("''The roof leaks,'' she said, ''and nobody comes.''"),
            ["The roof leaks,", "and nobody comes."]
        );
        // A single quote inside, closed with three apostrophes.
        assert_eq!(
            quotes("''He told me, 'Not this year.''' Then he left."),
            ["He told me, 'Not this year.'"]
        );
        // A plural possessive inside the quote is not its end.
        assert_eq!(
            quotes("''The drivers'' union will not sign,'' she said."),
            ["The drivers'' union will not sign,"]
        );
        // A lone pair of apostrophes opens nothing.
        assert!(quotes("The drivers'' union will not sign, she said.").is_empty());
        assert!(quotes("She said ''maybe next year and left.\n\nThen rain.").is_empty());
        // Continued over paragraphs.
        assert_eq!(
            quotes("''The first part of what I said.\n\n''And the rest,'' he said."),
            ["The first part of what I said.", "And the rest,"]
        );
    }

    #[test]
    fn guillemets() {
        assert_eq!(quotes("Il a dit « non » hier."), ["non"]);
    }

    #[test]
    fn open_quote_continued_in_next_paragraph() {
        let text = "“This is the first part of it.\n\n“And this is the rest,” he said.";
        assert_eq!(
            quotes(text),
            ["This is the first part of it.", "And this is the rest,"]
        );
    }

    #[test]
    fn stray_mark_opens_nothing() {
        assert!(quotes("He is 6\" tall and\nnothing else").is_empty());
    }

    #[test]
    fn sentences_keep_quotes_whole() {
        assert_eq!(
            sentences("“We won. It is over,” she said. Mr. Smith left."),
            ["“We won. It is over,” she said.", "Mr. Smith left."]
        );
    }

    #[test]
    fn runs_index_like_the_vec() {
        let mut values = vec![0u32, 0, 3, 3, 1, 0, 0, 2, 2, 2];
        // Long and short runs across block boundaries, and long gaps.
        for i in 0..500u32 {
            let len = [1, 2, 31, 32, 33, 70][i as usize % 6];
            let v = if i % 4 == 0 { 0 } else { i };
            values.extend(std::iter::repeat_n(v, len));
        }
        let runs = Runs::new(&values, 0);
        for (t, v) in values.iter().enumerate() {
            assert_eq!(runs[t], *v, "token {t}");
        }
        let text = "“We won,” she said. He said “no” twice.\n\n“Again.”";
        let doc = Doc::new(text);
        let quoted: Vec<bool> = (0..doc.tokens.len())
            .map(|t| doc.in_quote[t].is_some())
            .collect();
        let words: Vec<&str> = (0..doc.tokens.len())
            .filter(|&t| quoted[t])
            .map(|t| doc.tok(t))
            .collect();
        assert_eq!(
            words,
            ["“", "We", "won", ",", "”", "“", "no", "”", "“", "Again", ".", "”"]
        );
        assert_eq!(
            doc.sentence_at(doc.tokens.len() - 1),
            doc.sentences.len() - 1
        );
    }

    #[test]
    fn sentence_at_finds_each_tokens_sentence() {
        // Sentences across blocks of tokens, short and long, in paragraphs.
        let mut text = String::new();
        for i in 0..60 {
            let words = "word ".repeat([1, 3, 31, 33, 70][i % 5]);
            text.push_str(&format!("Then {words}ended."));
            text.push_str(if i % 7 == 0 { "\n\n" } else { " " });
        }
        let doc = Doc::new(&text);
        assert!(doc.sentences.len() > 50);
        let mut want = vec![0; doc.tokens.len()];
        for (si, s) in doc.sentences.iter().enumerate() {
            want[s.tokens()].fill(si);
        }
        for (t, &si) in want.iter().enumerate() {
            assert_eq!(doc.sentence_at(t), si, "token {t}");
        }
    }

    #[test]
    fn painted_runs_match_painting_an_array() {
        // Nested, overlapping, empty and out-of-range ranges, in order of start.
        let ranges = [
            (0..3, 1u32),
            (2..9, 2),
            (3..5, 3),
            (4..4, 4),
            (4..12, 5),
            (6..7, 6),
            (15..15, 7),
            (20..40, 8),
            (25..30, 0),
            (45..60, 9),
        ];
        let len = 50;
        let runs = Runs::painted(len, 0, ranges.iter().cloned());
        // The same painting, token by token, with the stack of open ranges.
        let mut open: Vec<(usize, u32)> = Vec::new();
        let mut next = ranges.iter().peekable();
        for t in 0..len {
            while let Some((r, v)) = next.next_if(|(r, _)| r.start <= t) {
                open.push((r.end, *v));
            }
            while open.last().is_some_and(|&(end, _)| end <= t) {
                open.pop();
            }
            let want = open.last().map_or(0, |&(_, v)| v);
            assert_eq!(runs[t], want, "token {t}");
        }
        assert_eq!(runs.get(len), None);
        // The next token with a value other than the default.
        for t in 0..=len + 1 {
            let want = (t..len).find(|&u| runs[u] != 0).unwrap_or(len);
            assert_eq!(runs.next_set(t), want, "from token {t}");
        }
    }

    #[test]
    #[should_panic(expected = "out of range")]
    fn runs_refuse_tokens_past_the_end() {
        let _ = Runs::new(&[1u32, 2], 0)[2];
    }

    #[test]
    fn headings_are_detected() {
        let doc = Doc::new("Claims rejected\n\nThe minister spoke on Monday.");
        assert!(doc.paras[0].heading);
        assert!(!doc.paras[1].heading);
    }

    /// The text of each paragraph.
    fn paras(text: &str) -> Vec<&str> {
        let doc = Doc::new(text);
        doc.paras
            .iter()
            .map(|p| &text[doc.span_of(p.tokens().start, p.tokens().end)])
            .collect()
    }

    #[test]
    fn a_hard_wrapped_text_joins_its_lines() {
        let text = "The council said on Monday that the old bridge would\n\
                    close in May. Its leader told reporters that repairs would\n\
                    cost more than a new one.\n\n\
                    The council will pay for three things in full\n- a list item stays apart";
        assert_eq!(
            paras(text),
            [
                "The council said on Monday that the old bridge would\nclose in May. Its \
                 leader told reporters that repairs would\ncost more than a new one.",
                "The council will pay for three things in full",
                "- a list item stays apart"
            ]
        );
    }

    #[test]
    fn lines_are_paragraphs_unless_they_wrap_mid_sentence() {
        // A headline and its standfirst, then lines that each end a sentence.
        let text = "Council to close the old bridge over the river in May\n\
                    Repairs would cost more than a new one, its leader says\n\
                    The council said on Monday that the old bridge would close.\n\
                    Its leader told reporters that repairs would cost more.";
        assert_eq!(paras(text).len(), 4);
    }
}
