//! The tagger's features: each one a 64-bit hash of a template number and a
//! value, which the model folds into its table.
//!
//! Changing anything here changes what the shipped weights mean: retrain
//! (`scripts/train-actors.sh`) after any change.

use crate::at::Part;
use crate::lexicon::{fact, lexicon, Use};

/// The features of every token of a sentence, flattened (for training:
/// tagging adds up their weights as they are made, [`Sink`]).
#[derive(Default)]
pub(crate) struct Features {
    hashes: Vec<u64>,
    /// `ends[i]`: one past the last hash of token `i`.
    ends: Vec<usize>,
}

impl Features {
    /// Number of tokens.
    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.ends.len()
    }

    /// The feature hashes of token `i`.
    pub(crate) fn token(&self, i: usize) -> &[u64] {
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        &self.hashes[start..self.ends[i]]
    }
}

/// What [`Scratch`] hands each token's feature hashes to, as they are
/// made, token after token: [`Features`] keeps them (training); the model's
/// decoder adds up their weights at once (tagging: no hash is stored and
/// read back).
pub(crate) trait Sink {
    /// A feature hash of the current token.
    fn feature(&mut self, hash: u64);
    /// A feature hash of the current token that is [`known_hashes`]`()[index]`.
    fn known(&mut self, index: usize, hash: u64) {
        let _ = index;
        self.feature(hash);
    }
    /// The current token is done (`kept`: it has features; a token left
    /// out has none and is outside any name); the next one follows.
    fn end(&mut self, kept: bool);
}

impl Sink for Features {
    fn feature(&mut self, hash: u64) {
        self.hashes.push(hash);
    }

    fn end(&mut self, _kept: bool) {
        self.ends.push(self.hashes.len());
    }
}

// Lexicon and form flags of a token.
const GIVEN: u32 = 1 << 0;
const PLACE: u32 = 1 << 1;
const ORG: u32 = 1 << 2;
const DEMONYM: u32 = 1 << 3;
const ORG_HEAD: u32 = 1 << 4;
const TITLE: u32 = 1 << 5;
const TITLE_START: u32 = 1 << 6;
const CUE: u32 = 1 << 7;
const COMMON: u32 = 1 << 8;
const NOT_NAME: u32 = 1 << 9;
const FUNCTION: u32 = 1 << 10;
const KNOWN_PLACE_B: u32 = 1 << 11;
const KNOWN_PLACE_I: u32 = 1 << 12;
const KNOWN_ORG_B: u32 = 1 << 13;
const KNOWN_ORG_I: u32 = 1 << 14;
const CAP: u32 = 1 << 15;
const ALL_CAPS: u32 = 1 << 16;
const DIGIT: u32 = 1 << 17;
const ROLE: u32 = 1 << 18;
const FLAG_BITS: u32 = 19;

/// Lowercase for features: ASCII and Latin-1 letters folded, others kept.
pub(crate) fn lower(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    lower_into(word, &mut out);
    out
}

/// [`lower`], appended to `out` (no allocation of its own).
fn lower_into(word: &str, out: &mut String) {
    if word.is_ascii() {
        // The same letters folded, without decoding characters.
        let start = out.len();
        out.push_str(word);
        // (`get_mut`: `start` is where `word` begins, a char boundary.)
        if let Some(tail) = out.get_mut(start..) {
            tail.make_ascii_lowercase();
        }
        return;
    }
    out.extend(word.chars().map(|c| match c {
        'A'..='Z' | 'À'..='Ö' | 'Ø'..='Þ' => char::from_u32(c as u32 + 32).unwrap_or(c),
        _ => c,
    }));
}

/// Word shape with repeats collapsed: "Washington" → "Xx", "U.S." → "X.X.",
/// "1990s" → "dx", "al-Qaida" → "x-Xx". The characters, for [`shape_hash`]
/// (which hashes them without building a string) and the tests.
fn shape_chars(word: &str) -> impl Iterator<Item = char> + '_ {
    let mut last = None;
    word.chars().take(24).filter_map(move |c| {
        let k = if crate::letters::is_uppercase(c) {
            'X'
        } else if crate::letters::is_lowercase(c) {
            'x'
        } else if c.is_ascii_digit() {
            'd'
        } else if crate::letters::is_alphabetic(c) {
            'a'
        } else {
            c
        };
        let keep = Some(k) != last || !matches!(k, 'X' | 'x' | 'd' | 'a');
        last = Some(k);
        keep.then_some(k)
    })
}

/// The shape as a string.
#[cfg(test)]
fn shape(word: &str) -> String {
    shape_chars(word).collect()
}

/// `hash_str(&shape(word))` without building the string.
fn shape_hash(word: &str) -> u64 {
    if word.is_ascii() {
        // The same classes by byte, without decoding characters (an ASCII
        // character is alphabetic, upper- or lowercase as its byte is).
        let mut last = None;
        return word.bytes().take(24).fold(FNV_START, |h, b| {
            let k = match b {
                b'A'..=b'Z' => b'X',
                b'a'..=b'z' => b'x',
                b'0'..=b'9' => b'd',
                _ => b,
            };
            let keep = Some(k) != last || !matches!(k, b'X' | b'x' | b'd');
            last = Some(k);
            if keep {
                fnv(h, &[k])
            } else {
                h
            }
        });
    }
    let mut buf = [0u8; 4];
    shape_chars(word).fold(FNV_START, |h, k| fnv(h, k.encode_utf8(&mut buf).as_bytes()))
}

pub(crate) fn is_cap(word: &str) -> bool {
    // An ASCII first letter (nearly all) without decoding a character.
    match word.as_bytes().first() {
        Some(&b) if b < 0x80 => b.is_ascii_uppercase(),
        _ => word
            .chars()
            .next()
            .is_some_and(crate::letters::is_uppercase),
    }
}

/// For an ASCII word: whether it has a capital letter, and whether all its
/// letters after the first are lowercase (as [`has_upper`] and
/// `crate::letters::is_lowercase` say); `None` for any other word.
fn ascii_case(b: &[u8]) -> Option<(bool, bool)> {
    let (&first, rest) = b.split_first()?;
    // (most words: the rest in lowercase letters, one test a byte)
    if rest.iter().all(u8::is_ascii_lowercase) {
        return (first < 0x80).then_some((first.is_ascii_uppercase(), true));
    }
    let (mut high, mut upper, mut lower) = (first, first.is_ascii_uppercase(), true);
    for &c in rest {
        high |= c;
        upper |= c.is_ascii_uppercase();
        lower &= c.is_ascii_lowercase();
    }
    (high < 0x80).then_some((upper, lower))
}

/// Whether `t` has a capital letter, and whether all its characters after
/// the first are lowercase ([`ascii_case`], for any word).
#[inline(always)]
fn word_case(t: &str) -> (bool, bool) {
    match ascii_case(t.as_bytes()) {
        Some(c) => c,
        None => (
            has_upper(t),
            t.chars().skip(1).all(crate::letters::is_lowercase),
        ),
    }
}

/// True when the word `t` with [`fact`] bits `f` has a capital letter and
/// is a capitalized function word ("The", "But"), as [`Scratch::sparse`]
/// tells them (`buf`: room for its lowercase form).
fn function_cap(t: &str, f: u8, buf: &mut String) -> bool {
    let (upper, rest_lower) = word_case(t);
    upper && function_word(t, rest_lower, f, buf)
}

/// True when the word `t` (`rest_lower`: all its characters after the
/// first are lowercase; [`fact`] bits `f`) is a function word written with
/// or without its capital ("The", "but").
#[inline(always)]
fn function_word(t: &str, rest_lower: bool, f: u8, buf: &mut String) -> bool {
    rest_lower
        && f & fact::GRAMMAR != 0
        && settled(t, f, fact::GRAMMAR).unwrap_or_else(|| {
            buf.clear();
            lower_into(t, buf);
            lexicon().word_class(buf).is_some()
        })
}

/// True when `word` has a capital letter anywhere (an ASCII word's bytes
/// read without decoding characters).
fn has_upper(word: &str) -> bool {
    if word.is_ascii() {
        word.bytes().any(|b| b.is_ascii_uppercase())
    } else {
        word.chars().any(crate::letters::is_uppercase)
    }
}

/// Whether the lowercase form of a word whose [`fact`] bits are `facts` is
/// in the lexicon of `bit`, when the facts settle it; `None`: ask. They
/// do for any token but one with [`fact::ALL`] (one longer than 32 bytes,
/// one not ASCII that lowercasing changes, or facts not given):
/// `Lexicon::facts` looked its lowercase form, the form [`lower_into`] makes
/// of it, up
/// in the sets themselves (`word_class`'s test for an acronym aside: a
/// word opening with a period is asked).
fn settled(word: &str, facts: u8, bit: u8) -> Option<bool> {
    (facts != fact::ALL && word.as_bytes().first() != Some(&b'.')).then_some(facts & bit != 0)
}

/// The flags of `word` (`lower`: its lowercase form; `facts`: the
/// [`fact`] bits of the word, which rule out the look-ups of the lexicons
/// it cannot be in, or settle them ([`settled`]): [`fact::ALL`] asks them all).
fn flags(word: &str, lower: &str, facts: u8) -> u32 {
    let lex = lexicon();
    let mut f = 0;
    let cap = is_cap(word);
    if cap {
        f |= CAP;
        // (ASCII: its letters are its alphabetic characters, its lowercase
        // letters its lowercase ones; read by byte)
        let all_caps = if word.is_ascii() {
            word.bytes().filter(u8::is_ascii_alphabetic).count() > 1
                && !word.bytes().any(|b| b.is_ascii_lowercase())
        } else {
            word.chars()
                .filter(|c| crate::letters::is_alphabetic(*c))
                .count()
                > 1
                && !word.chars().any(crate::letters::is_lowercase)
        };
        if all_caps {
            f |= ALL_CAPS;
        }
        // (the word hashed once for the five sets)
        let kinds = lex.name_kinds(word);
        if kinds.given {
            f |= GIVEN;
        }
        if let Some(is_place) = kinds.known {
            f |= if is_place { PLACE } else { ORG };
        }
        if kinds.demonym {
            f |= DEMONYM;
        }
        if kinds.org_head {
            f |= ORG_HEAD;
        }
        if kinds.not_name {
            f |= NOT_NAME;
        }
    }
    if word.bytes().any(|b| b.is_ascii_digit()) {
        f |= DIGIT;
    }
    // (an ASCII word's lowercase form asked as it is: the common words'
    // and the titles' look-ups lowercased it again, each)
    let (title, starts_title, common) = if lower.is_ascii() {
        lex.lower_ascii_kinds(lower)
    } else {
        let (title, starts) = lex.title_kinds(lower);
        (title, starts, lex.is_common_word(lower))
    };
    if title {
        f |= TITLE;
    }
    if starts_title {
        f |= TITLE_START;
    }
    // (a verb of seeing reports only in some frames, "back" is mostly no
    // verb: no cue to the tagger)
    // (a set the facts settle is not asked; `Lexicon::is` asks of the
    // lowercase form as written, which the uses' fact rules out, not in)
    let is = |bit: u8, ask: &dyn Fn() -> bool| {
        facts & bit != 0 && settled(word, facts, bit).unwrap_or_else(ask)
    };
    let has_use = |u: Use| facts & fact::USES != 0 && lex.is(lower, u);
    if is(fact::CUE_VERB, &|| lex.cue_verb(lower).is_some())
        && !has_use(Use::SeesAs)
        && !has_use(Use::TaggerSkips)
    {
        f |= CUE;
    }
    if common {
        f |= COMMON;
    }
    if is(fact::GRAMMAR, &|| lex.word_class(lower).is_some()) {
        f |= FUNCTION;
    }
    if is(fact::ROLE, &|| lex.role(lower).is_some()) && !has_use(Use::TaggerSkips) {
        f |= ROLE;
    }
    f
}

/// Marks tokens inside multiword known places and organizations (2 to 4
/// tokens, longest first, left to right). `uppers`: the tokens with a
/// capital letter, in order, or more (a name starts at a capitalized word:
/// the others are passed over without a look).
fn known_spans<S: AsRef<str>>(tokens: &[S], uppers: &[u32], flags: &mut [u32], name: &mut String) {
    let lex = lexicon();
    // The first token a name may start at (none inside a name found).
    let mut next = 0;
    for i in uppers.iter().map(|&i| i as usize) {
        if i < next {
            continue;
        }
        if is_cap(tokens[i].as_ref()) {
            for len in (2..=4).rev() {
                // A known name ends in a capitalized word.
                if i + len > tokens.len() || !is_cap(tokens[i + len - 1].as_ref()) {
                    continue;
                }
                name.clear();
                for (k, t) in tokens[i..i + len].iter().enumerate() {
                    if k > 0 {
                        name.push(' ');
                    }
                    name.push_str(t.as_ref());
                }
                if let Some(k) = lex.known(name) {
                    let (b, inner) = if k.is_place {
                        (KNOWN_PLACE_B, KNOWN_PLACE_I)
                    } else {
                        (KNOWN_ORG_B, KNOWN_ORG_I)
                    };
                    flags[i] |= b;
                    for f in &mut flags[i + 1..i + len] {
                        *f |= inner;
                    }
                    next = i + len;
                    break;
                }
            }
        }
    }
}

/// What the rest of a document says about its words' case: words seen in
/// lowercase, and words seen capitalized where a capital is not required
/// (not opening a sentence). A capitalized word also seen in lowercase is
/// less likely a name; one seen capitalized mid-sentence more likely.
#[derive(Default)]
pub(crate) struct DocContext {
    lower: Hashes,
    capital: Hashes,
    /// What [`Word`] says of each word seen so far (by [`word_key`] of
    /// the word as written): most words repeat in an article, and the
    /// flags take a dozen lexicon look-ups.
    words: std::cell::RefCell<crate::text::WordMap<u64, Word>>,
}

/// A word's lexicon flags and the hashes of its lowercase form and its
/// shape, computed once a document.
#[derive(Clone, Copy)]
struct Word {
    flags: u32,
    lower: u64,
    shape: u64,
}

impl Word {
    /// The word `w` (`buf`: room for its lowercase form; `facts`: as
    /// [`flags`] takes them).
    fn of(w: &str, buf: &mut String, facts: u8) -> Word {
        buf.clear();
        lower_into(w, buf);
        Word {
            flags: flags(w, buf, facts),
            lower: hash_str(buf),
            shape: shape_hash(w),
        }
    }
}

/// The key of a word as written in [`DocContext::words`]: a 64-bit hash
/// read 8 bytes a step (FNV-1a, a byte a step, was a good part of a
/// look-up, made at each token a kept token reads). Two words share a
/// key, as with FNV-1a, only by a 64-bit collision.
fn word_key(w: &str) -> u64 {
    const K: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut chunks = w.as_bytes().chunks_exact(8);
    let mut h = (w.len() as u64).wrapping_mul(K);
    for c in &mut chunks {
        let mut b = [0u8; 8];
        b.copy_from_slice(c);
        h = (h ^ u64::from_le_bytes(b)).wrapping_mul(K).rotate_left(29);
    }
    let rest = chunks.remainder();
    let mut b = [0u8; 8];
    b[..rest.len()].copy_from_slice(rest);
    h = (h ^ u64::from_le_bytes(b)).wrapping_mul(K);
    h ^ (h >> 32)
}

/// A set of 64-bit word hashes (FNV-1a): open addressing, linear probing,
/// at most half full. An article puts ~900 words into these sets, and a
/// `HashSet` insert cost several times this one's probe.
#[derive(Default)]
pub(crate) struct Hashes {
    /// The hashes, 0 in an empty slot (a length that is a power of two).
    slots: Vec<u64>,
    len: usize,
    /// Whether the hash 0 is in the set (it has no slot).
    zero: bool,
}

impl Hashes {
    /// The slot a probe for `h` starts at (`slots` not empty): the top
    /// bits of a multiplication, which mixes FNV's low bits in.
    fn start(&self, h: u64) -> usize {
        let bits = self.slots.len().trailing_zeros();
        (h.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> (64 - bits)) as usize
    }

    /// Room for `n` hashes without growing.
    pub(crate) fn reserve(&mut self, n: usize) {
        let want = (2 * (self.len + n)).next_power_of_two().max(16);
        if want > self.slots.len() {
            self.grow(want);
        }
    }

    fn grow(&mut self, size: usize) {
        let old = std::mem::replace(&mut self.slots, vec![0; size]);
        self.len = 0;
        for h in old.into_iter().filter(|&h| h != 0) {
            self.insert(h);
        }
    }

    pub(crate) fn insert(&mut self, h: u64) {
        if h == 0 {
            self.zero = true;
            return;
        }
        if 2 * (self.len + 1) > self.slots.len() {
            self.grow((2 * self.slots.len()).max(16));
        }
        let mask = self.slots.len() - 1;
        let mut i = self.start(h);
        loop {
            match self.slots[i] {
                0 => {
                    self.slots[i] = h;
                    self.len += 1;
                    return;
                }
                s if s == h => return,
                _ => i = (i + 1) & mask,
            }
        }
    }

    pub(crate) fn contains(&self, h: u64) -> bool {
        if h == 0 {
            return self.zero;
        }
        if self.slots.is_empty() {
            return false;
        }
        let mask = self.slots.len() - 1;
        let mut i = self.start(h);
        loop {
            match self.slots[i] {
                0 => return false,
                s if s == h => return true,
                _ => i = (i + 1) & mask,
            }
        }
    }
}

impl DocContext {
    /// The context of a document's sentences.
    pub(crate) fn new<S: AsRef<str>>(sentences: &[&[S]]) -> DocContext {
        let mut ctx = DocContext::default();
        for s in sentences {
            ctx.add(s);
        }
        ctx
    }

    /// Room for the words of a document of `n` words seen in lowercase,
    /// hashed only as [`DocContext::add_lower`] with marks keeps them.
    pub(crate) fn reserve(&mut self, n: usize) {
        // (those that may be a capitalized word's lowercase form: about a
        // tenth of the lowercase words an article has, an eighth of its
        // distinct ones)
        self.lower.reserve(n / 8);
        // (an article's distinct words that name tokens read, and its
        // capitalized words: a quarter and an eighth of that, about)
        self.words.get_mut().reserve(n / 4);
        self.capital.reserve(n / 8);
    }

    /// Adds one sentence of the document.
    pub(crate) fn add<S: AsRef<str>>(&mut self, sentence: &[S]) {
        self.add_capitals(sentence, &[], &mut LowerMarks::default());
        self.add_lower(sentence, None);
    }

    /// [`DocContext::add`]'s words seen capitalized, of one sentence
    /// (`facts`: as [`Scratch::sparse`] takes them). Each capitalized
    /// word [`Scratch::sparse`] may keep is marked in `marks` (the
    /// lowercase words that matter: [`DocContext::add_lower`]).
    pub(crate) fn add_capitals<S: AsRef<str>>(
        &mut self,
        sentence: &[S],
        facts: &[u8],
        marks: &mut LowerMarks,
    ) {
        let mut buf = String::new();
        let n = sentence.len();
        for (i, w) in sentence.iter().enumerate() {
            let w = w.as_ref();
            let Some((_, upper)) = first_case(w) else {
                continue;
            };
            if !upper {
                continue;
            }
            // A capitalized function word is kept only between two words
            // with a capital letter (as `Scratch::build` keeps tokens):
            // any other is not marked.
            let f = facts.get(i).copied().unwrap_or(fact::ALL);
            if !function_cap(w, f, &mut buf)
                || (i > 0
                    && i + 1 < n
                    && has_upper(sentence[i - 1].as_ref())
                    && has_upper(sentence[i + 1].as_ref()))
            {
                marks.mark(w, &mut buf);
            }
            if i > 0
                && match w.is_ascii() {
                    // (an ASCII word's lowercase letters by byte)
                    true => w.bytes().any(|b| b.is_ascii_lowercase()),
                    false => w.chars().any(crate::letters::is_lowercase),
                }
            {
                // (an ASCII word's lowercase form hashed as it is read)
                let h = if w.is_ascii() {
                    crate::hash::lower_hash(w)
                } else {
                    buf.clear();
                    lower_into(w, &mut buf);
                    hash_str(&buf)
                };
                self.capital.insert(h);
            }
        }
    }

    /// [`DocContext::add`]'s words seen in lowercase, of any sentences one
    /// after another: with `marks`, only those that may be the lowercase
    /// form of a word marked (the set is asked only of the lowercase forms
    /// of capitalized words: a word of another length or first byte is
    /// none of them, and is not hashed).
    pub(crate) fn add_lower<S: AsRef<str>>(&mut self, words: &[S], marks: Option<&LowerMarks>) {
        for w in words {
            let w = w.as_ref();
            if first_case(w).is_some_and(|(lower, _)| lower)
                && marks.is_none_or(|m| m.may_be(w.as_bytes()))
            {
                self.lower.insert(hash_str(w));
            }
        }
    }
}

/// Whether a word's first character is lowercase and whether it is
/// uppercase (`None`: an empty word).
#[inline]
fn first_case(w: &str) -> Option<(bool, bool)> {
    // An ASCII first letter (nearly all) without decoding a character.
    match w.as_bytes().first() {
        None => None,
        Some(&b) if b < 0x80 => Some((b.is_ascii_lowercase(), b.is_ascii_uppercase())),
        _ => Some(w.chars().next().map_or((false, false), |c| {
            (
                crate::letters::is_lowercase(c),
                crate::letters::is_uppercase(c),
            )
        })),
    }
}

/// The lowercase forms ([`lower_into`]) of a document's capitalized words
/// by their length in bytes and first and last bytes, as bits of a
/// 2048-bit set: a lowercase word whose bit is clear is none of them.
#[derive(Default)]
pub(crate) struct LowerMarks([u64; 32]);

impl LowerMarks {
    /// The bit of a word of `len` bytes whose first byte is `first` and
    /// last byte `last`.
    #[inline]
    fn bit(len: usize, first: u8, last: u8) -> usize {
        let k = (len as u32) << 16 | u32::from(first) << 8 | u32::from(last);
        (k.wrapping_mul(0x9e37_79b9) >> 21) as usize
    }

    /// Marks the lowercase form ([`lower_into`]) of the capitalized word
    /// `w` (`buf`: room for it).
    fn mark(&mut self, w: &str, buf: &mut String) {
        // (an ASCII word's lowercase form is its bytes lowercased; any
        // other's is made)
        let b = if w.is_ascii() {
            w.as_bytes()
        } else {
            buf.clear();
            lower_into(w, buf);
            buf.as_bytes()
        };
        if let (Some(&first), Some(&last)) = (b.first(), b.last()) {
            let k = Self::bit(
                b.len(),
                first.to_ascii_lowercase(),
                last.to_ascii_lowercase(),
            );
            self.0[k / 64] |= 1 << (k % 64);
        }
    }

    /// True when the word of bytes `w` (not empty) may be a lowercase form
    /// marked.
    #[inline]
    fn may_be(&self, w: &[u8]) -> bool {
        let k = Self::bit(w.len(), w[0], w[w.len() - 1]);
        self.0[k / 64] >> (k % 64) & 1 != 0
    }
}

pub(crate) use crate::hash::{fnv, hash_str, FNV_START};

// The features whose values come from a small set, numbered: the weights
// of each are added up once a model (`Model::known`), not looked up at
// every token (half of a kept token's features). Template 0 (the bias);
// 22-24 (a flag's bit, 20 each); 28 (characters, 0-12); 29 (run length
// 1-6 by place 0-5); 38 (0-3); 39 (0-3 by 0-1).
const BIAS: usize = 0;
const BITS: usize = 1;
const CHARS: usize = BITS + 3 * (FLAG_BITS as usize + 1);
const RUN: usize = CHARS + 13;
const CUE_BEFORE: usize = RUN + 7 * 6;
const SEEN: usize = CUE_BEFORE + 4;
// And those whose value is a token's flags under a mask (with whether it
// opens a sentence, for 21 and 27): numbered by the bits kept, packed.
const NEAR: u32 = CUE | TITLE | CAP | FUNCTION | (1 << FLAG_BITS);
const MASKED: [(u8, u32, bool); 8] = [
    (21, COMMON | CAP | FUNCTION, true),
    (25, NEAR, false),
    (26, NEAR, false),
    (27, CAP | ALL_CAPS | GIVEN, true),
    (34, CUE | COMMON | FUNCTION, false),
    (35, TITLE | CUE | ROLE | FUNCTION, false),
    (36, ORG_HEAD | PLACE | ORG | GIVEN, false),
    (37, GIVEN | TITLE | PLACE | ORG | DEMONYM, false),
];
/// Where the features of `MASKED[m]` start.
const fn masked_start(m: usize) -> usize {
    let mut at = SEEN + 8;
    let mut k = 0;
    while k < m {
        let (_, mask, first) = MASKED[k];
        at += (1 << mask.count_ones()) * if first { 2 } else { 1 };
        k += 1;
    }
    at
}
/// How many features are [`known_hashes`].
pub(crate) const KNOWN: usize = masked_start(MASKED.len());

/// The bits of `v` under `mask`, packed low (a constant mask: a shift and
/// an `and` a bit).
#[inline(always)]
fn pack(v: u32, mask: u32) -> usize {
    let (mut out, mut m, mut i) = (0, mask, 0);
    while m != 0 {
        out |= ((v >> m.trailing_zeros()) & 1) << i;
        i += 1;
        m &= m - 1;
    }
    out as usize
}

/// The value under `mask` whose bits [`pack`] to `j`.
fn unpack(j: usize, mask: u32) -> u32 {
    let (mut out, mut m, mut i) = (0, mask, 0);
    while m != 0 {
        out |= ((j as u32 >> i) & 1) << m.trailing_zeros();
        i += 1;
        m &= m - 1;
    }
    out
}

/// The hash of each feature numbered above (slots no feature takes, a run
/// of length 0, hash what they would be).
pub(crate) fn known_hashes() -> [u64; KNOWN] {
    let mut out = [0; KNOWN];
    out[BIAS] = mix(0, 0, 0);
    for t in 0..3u8 {
        for bit in 0..=FLAG_BITS {
            out[BITS + usize::from(t) * (FLAG_BITS as usize + 1) + bit as usize] =
                mix(22 + t, u64::from(bit), 0);
        }
    }
    for c in 0..13 {
        out[CHARS + c] = mix(28, c as u64, 0);
    }
    for len in 0..7 {
        for at in 0..6 {
            out[RUN + len * 6 + at] = mix(29, len as u64, at as u64);
        }
    }
    for c in 0..4 {
        out[CUE_BEFORE + c] = mix(38, c as u64, 0);
    }
    for seen in 0..4 {
        for first in 0..2 {
            out[SEEN + seen * 2 + first] = mix(39, seen as u64, first as u64);
        }
    }
    for (m, &(t, mask, with_first)) in MASKED.iter().enumerate() {
        let values = 1 << mask.count_ones();
        for first in 0..if with_first { 2 } else { 1 } {
            for j in 0..values {
                let v = u64::from(unpack(j, mask));
                out[masked_start(m) + first * values + j] = if with_first {
                    mix(t, first as u64, v)
                } else {
                    mix(t, v, 0)
                };
            }
        }
    }
    out
}

/// A feature: template number and up to two values, mixed (splitmix64's
/// finalizer) so that the model's top bits are well spread.
fn mix(template: u8, a: u64, b: u64) -> u64 {
    let mut z = a
        ^ b.rotate_left(23).wrapping_mul(0x9E37_79B9_7F4A_7C15)
        ^ u64::from(template).wrapping_mul(0xD6E8_FEB8_6659_FD93);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// The features of each token of a sentence (tokens as written).
pub(crate) fn sentence<S: AsRef<str>>(tokens: &[S], doc: &DocContext) -> Features {
    let mut feats = Features::default();
    Scratch::default().build(tokens, &[], doc, false, &mut feats);
    feats
}

/// The buffers of [`Scratch::sparse`], kept from one sentence to the next (a
/// document's sentences then allocate nothing once the longest is seen).
#[derive(Default)]
pub(crate) struct Scratch {
    /// The tokens that have features: all of them ([`sentence`]) or those
    /// that may be part of a name ([`Scratch::sparse`]; the others are
    /// outside any name).
    active: Vec<bool>,
    /// Each token's [`Word`] ([`Word::default`] for one no kept token reads).
    words: Vec<Word>,
    /// Tokens with a capital letter, other than a capitalized function word.
    caps: Vec<bool>,
    /// The tokens with a capital letter anywhere, in order (all tokens
    /// for [`sentence`]): the only ones a name or a capitalized run starts at.
    uppers: Vec<u32>,
    needed: Vec<bool>,
    /// Each token's flags, with those of the known names it is in.
    flag: Vec<u32>,
    /// The first and one-past-the-last token of the capitalized run of each
    /// token in one; (0, 0) for a token in none (its run is itself).
    runs: Vec<(usize, usize)>,
    buf: String,
}

impl Default for Word {
    /// A word no kept token reads (as the empty word, when a run's edge
    /// reaches it).
    fn default() -> Word {
        Word {
            flags: 0,
            lower: FNV_START,
            shape: 0,
        }
    }
}

impl Scratch {
    /// Buffers with room for sentences of up to `n` tokens (a document's
    /// longest: they grow no more, where they grew several times a
    /// document from nothing).
    pub(crate) fn with_room(n: usize) -> Scratch {
        Scratch {
            active: Vec::with_capacity(n),
            words: Vec::with_capacity(n),
            caps: Vec::with_capacity(n),
            uppers: Vec::with_capacity(n),
            needed: Vec::with_capacity(n),
            flag: Vec::with_capacity(n),
            runs: Vec::with_capacity(n),
            buf: String::new(),
        }
    }

    /// The features of the tokens of a sentence that may be part of a name: a
    /// word with a capital letter (other than a capitalized function word), or
    /// a word between two of them ("Bank of England"). The other tokens get none and are outside any name (a name
    /// in lowercase letters only is not looked for). The features of the
    /// tokens kept are those [`sentence`] gives them (their neighbours' values
    /// are computed too), so the same weights serve both.
    ///
    /// `facts`: the [`fact`] bits of each token, or none (they only spare
    /// look-ups).
    /// The features go to `sink`; the tokens kept (that have features) come back.
    // (forced inline, as `build`: left out of line, the caller's loop
    // lost ~1 M instructions in 30 articles)
    #[inline(always)]
    pub(crate) fn sparse<S: AsRef<str>>(
        &mut self,
        tokens: &[S],
        facts: &[u8],
        doc: &DocContext,
        sink: &mut impl Sink,
    ) -> &[bool] {
        self.build(tokens, facts, doc, true, sink);
        &self.active
    }

    /// The tokens with a capital letter anywhere of the sentence
    /// [`Scratch::sparse`] saw last, in order.
    pub(crate) fn uppers(&self) -> impl Iterator<Item = u32> + '_ {
        self.uppers.iter().copied()
    }

    #[inline(always)]
    fn build<S: AsRef<str>>(
        &mut self,
        tokens: &[S],
        facts: &[u8],
        doc: &DocContext,
        sparse: bool,
        sink: &mut impl Sink,
    ) {
        let n = tokens.len();
        let word = |k: usize| tokens[k].as_ref();
        let Scratch {
            active,
            words,
            caps,
            uppers,
            needed,
            flag,
            runs,
            buf,
        } = self;
        let mut cache = doc.words.borrow_mut();
        // The facts of token `k`, when given.
        let fact_of = |k: usize| facts.get(k).copied().unwrap_or(fact::ALL);
        let mut lookup = |w: &str, buf: &mut String, f: u8| {
            *cache
                .entry(word_key(w))
                .or_insert_with(|| Word::of(w, buf, f))
        };
        words.clear();
        words.resize(n, Word::default());
        active.clear();
        needed.clear();
        uppers.clear();
        if sparse {
            // A capitalized function word ("The", "But") opening a sentence
            // is no name by itself.
            // (whether a capitalized word is a function word is asked
            // alone, as `flags` asks it: its other look-ups wait until a
            // kept token reads the word)
            caps.clear();
            let mut any = false;
            for k in 0..n {
                let t = word(k);
                // (an ASCII word's case read in one pass over its bytes: this
                // runs on every token of the document)
                let (upper, rest_lower) = word_case(t);
                let f = fact_of(k);
                let cap = upper && !function_word(t, rest_lower, f, buf);
                any |= cap;
                caps.push(cap);
                if upper {
                    uppers.push(k as u32);
                }
            }
            if !any {
                // No token may be part of a name ("The vote was close."):
                // none has features, nothing else is needed.
                for _ in 0..n {
                    sink.end(false);
                }
                return;
            }
            active.extend(
                (0..n).map(|i| caps[i] || (i > 0 && i + 1 < n && caps[i - 1] && caps[i + 1])),
            );
            // The tokens whose values the kept tokens read (within two of one):
            // marked from the kept tokens, which are few.
            needed.resize(n, false);
            for i in (0..n).filter(|&i| active[i]) {
                needed[i.saturating_sub(2)..(i + 3).min(n)].fill(true);
            }
        } else {
            active.resize(n, true);
            needed.resize(n, true);
            uppers.extend(0..n as u32);
        }
        for k in (0..n).filter(|&k| needed[k]) {
            words[k] = lookup(word(k), buf, fact_of(k));
        }
        drop(cache);
        flag.clear();
        flag.extend(words.iter().map(|w| w.flags));
        known_spans(tokens, uppers, flag, buf);
        // "of", "the", ... in lowercase: the words are compared without
        // their case (ASCII: the Latin-1 letters lower_into folds fold to
        // no ASCII letter).
        let is = |k: usize, ws: &[&str]| ws.iter().any(|x| word(k).eq_ignore_ascii_case(x));
        // Runs of capitalized words (with "of", "the", "and", "for", "de" inside).
        // (A run starts at a capitalized token, one of `uppers`: only they
        // are looked at.)
        runs.clear();
        runs.resize(n, (0, 0));
        let mut next = 0;
        for i in uppers.iter().map(|&i| i as usize) {
            if i < next || flag[i] & CAP == 0 {
                continue;
            }
            let mut j = i + 1;
            loop {
                if j < n && flag[j] & CAP != 0 {
                    j += 1;
                } else if j + 1 < n
                    && needed[j]
                    && is(j, &["of", "the", "for", "de", "and", "&"])
                    && flag[j + 1] & CAP != 0
                {
                    j += 2;
                } else {
                    break;
                }
            }
            for r in &mut runs[i..j] {
                *r = (i, j);
            }
            next = j;
        }

        // (each table as a slice of the sentence's length: the reads below,
        // tested against `n`, then need no test of their own)
        let (words, flag, runs, active) = (&words[..n], &flag[..n], &runs[..n], &active[..n]);
        const EDGE: u64 = 0x5bd1_e995_0000_0001;
        let hl = |k: isize| -> u64 {
            if k < 0 || k as usize >= n {
                EDGE
            } else {
                words[k as usize].lower
            }
        };
        let hs = |k: isize| -> u64 {
            if k < 0 || k as usize >= n {
                EDGE
            } else {
                words[k as usize].shape
            }
        };
        let fl = |k: isize| -> u32 {
            if k < 0 || k as usize >= n {
                1 << FLAG_BITS
            } else {
                flag[k as usize]
            }
        };

        for i in 0..n {
            if !active[i] {
                sink.end(false);
                continue;
            }
            let k = i as isize;
            // (`known`: the feature's number when it has one)
            let mut feat = |t: u8, a: u64, b: u64, known: Option<usize>| match known {
                Some(index) => sink.known(index, mix(t, a, b)),
                None => sink.feature(mix(t, a, b)),
            };
            feat(0, 0, 0, Some(BIAS));
            feat(1, hl(k), 0, None);
            feat(3, hl(k - 1), 0, None);
            feat(4, hl(k + 1), 0, None);
            feat(5, hl(k - 2), 0, None);
            feat(6, hl(k + 2), 0, None);
            feat(7, hs(k), 0, None);
            feat(8, hs(k - 1), 0, None);
            feat(9, hs(k + 1), 0, None);
            feat(10, hs(k - 1), hs(k), None);
            feat(11, hs(k), hs(k + 1), None);
            // Suffixes of 1-4 characters (shorter than the word); no prefixes
            // (they cost a hash each and added nothing held out).
            let w = word(i);
            let chars = if w.is_ascii() {
                // (a byte a character: each suffix's lowercase form hashed
                // as its bytes are read, from the word's bytes, which are
                // all characters: no slice of the word is made and tested)
                let b = w.as_bytes();
                for len in 0..b.len().saturating_sub(1).min(4) {
                    let suffix = &b[b.len() - len - 1..];
                    let h = suffix.iter().fold(FNV_START, |h, &c| {
                        crate::hash::step(h, c.to_ascii_lowercase())
                    });
                    feat(15 + len as u8, h, 0, None);
                }
                b.len()
            } else {
                buf.clear();
                lower_into(w, buf);
                let l = buf.as_str();
                let chars = l.chars().count();
                for (len, (b, _)) in l.char_indices().rev().enumerate().take(4) {
                    if chars > len + 1 {
                        feat(15 + len as u8, hash_str(l.part(b..)), 0, None);
                    }
                }
                chars
            };
            feat(19, hl(k - 1), hl(k), None);
            feat(20, hl(k), hl(k + 1), None);
            let first = i == 0 || matches!(word(i - 1), "``" | "\"" | "'" | "(" | "-" | "--" | ":");
            // A flag value under mask `MASKED[m]` (after `first`, when it
            // goes with one).
            let masked = |m: usize, v: u32, first: bool| {
                let (_, mask, with_first) = MASKED[m];
                let index = pack(v, mask) + usize::from(first) * (1 << mask.count_ones());
                debug_assert!(with_first || !first);
                masked_start(m) + index
            };
            feat(
                21,
                u64::from(first),
                u64::from(flag[i] & (COMMON | CAP | FUNCTION)),
                Some(masked(0, flag[i], first)),
            );
            for (template, mut f) in [(22u8, fl(k)), (23, fl(k - 1)), (24, fl(k + 1))] {
                // Each set bit, lowest first.
                let at = BITS + usize::from(template - 22) * (FLAG_BITS as usize + 1);
                while f != 0 {
                    let bit = f.trailing_zeros();
                    feat(template, u64::from(bit), 0, Some(at + bit as usize));
                    f &= f - 1;
                }
            }
            let (before, after) = (fl(k - 2), fl(k + 2));
            feat(
                25,
                u64::from(before & NEAR),
                0,
                Some(masked(1, before, false)),
            );
            feat(
                26,
                u64::from(after & NEAR),
                0,
                Some(masked(2, after, false)),
            );
            feat(
                27,
                u64::from(first),
                u64::from(fl(k) & (CAP | ALL_CAPS | GIVEN)),
                Some(masked(3, fl(k), first)),
            );
            feat(28, chars.min(12) as u64, 0, Some(CHARS + chars.min(12)));
            if flag[i] & CAP != 0 {
                let seen = |set: &Hashes| u64::from(set.contains(words[i].lower));
                let s = seen(&doc.lower) + 2 * seen(&doc.capital);
                let f = u64::from(first);
                feat(39, s, f, Some(SEEN + (s * 2 + f) as usize));
            }
            // The capitalized run around the token.
            let (rs, re) = match runs[i] {
                (_, 0) => (i, i + 1),
                r => r,
            };
            if re - rs > 1 || flag[i] & CAP != 0 {
                let (rs, re) = (rs as isize, re as isize);
                let (len, at) = ((re - rs).min(6) as u64, (k - rs).min(5) as u64);
                feat(29, len, at, Some(RUN + (len * 6 + at) as usize));
                feat(30, hl(re - 1), 0, None);
                feat(31, hl(re), 0, None);
                feat(32, hl(rs - 1), 0, None);
                feat(33, hl(rs - 1), hl(re), None);
                let (end, last, before, start) = (fl(re), fl(re - 1), fl(rs - 1), fl(rs));
                feat(
                    34,
                    u64::from(end & (CUE | COMMON | FUNCTION)),
                    0,
                    Some(masked(4, end, false)),
                );
                feat(
                    35,
                    u64::from(before & (TITLE | CUE | ROLE | FUNCTION)),
                    0,
                    Some(masked(5, before, false)),
                );
                feat(
                    36,
                    u64::from(last & (ORG_HEAD | PLACE | ORG | GIVEN)),
                    0,
                    Some(masked(6, last, false)),
                );
                feat(
                    37,
                    u64::from(start & (GIVEN | TITLE | PLACE | ORG | DEMONYM)),
                    0,
                    Some(masked(7, start, false)),
                );
                // "said X" (a cue right before the run, or before a title there).
                let cue = |f: u32| u64::from(f & CUE != 0);
                let c = cue(fl(rs - 1)) + 2 * cue(fl(rs - 2));
                feat(38, c, 0, Some(CUE_BEFORE + c as usize));
            }
            sink.end(true);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes() {
        assert_eq!(shape("Washington"), "Xx");
        assert_eq!(shape("U.S."), "X.X.");
        assert_eq!(shape("1990s"), "dx");
        assert_eq!(shape("al-Qaida"), "x-Xx");
    }

    #[test]
    fn shape_hash_is_the_hash_of_the_shape() {
        for w in [
            "Washington",
            "U.S.",
            "1990s",
            "al-Qaida",
            "Zoë",
            "",
            "ÉCOLE",
            "COVID-19",
            "McDonald's",
            "a1b22--..",
            "A-ZZ9\u{0}\u{0}",
            "twenty-five-characters-long",
        ] {
            assert_eq!(shape_hash(w), hash_str(&shape(w)), "{w}");
        }
    }

    #[test]
    fn features_are_stable() {
        let s = ["Jane", "Doe", "said", "."];
        let ctx = DocContext::new(&[&s[..]]);
        let a = sentence(&s, &ctx);
        let b = sentence(&s, &ctx);
        assert_eq!(a.len(), 4);
        assert_eq!(a.hashes, b.hashes);
        assert_eq!(a.ends, b.ends);
    }
}
