//! The weights and their file format, and Viterbi decoding.
//!
//! File format (`ner.bin`), all integers little-endian:
//!
//! ```text
//! magic    8 bytes  "NLNER\0\0\x05"
//! bits     u8       the table has 2^bits rows
//! tags     u8       weights per row (Tag::COUNT)
//! levels   128 * i32: the weight of each code 0..=127 (level 0 is 0);
//!          code -k weighs -levels[k]
//! trans    (tags + 1) * tags  i32: from (previous tag, or start) to tag
//! table    the rest: the 2^bits rows of tags i8 codes (-127..=127),
//!          range-coded row after row (`packed.rs`: whether the row is
//!          stored, which of its codes are not zero, then each of those
//!          codes' sign and magnitude, with adaptive probabilities)
//! ```
//!
//! (Version 4 had a bitmap of the stored rows, a 9-bit mask a stored row
//! and the non-zero codes as bytes, for gzip to compress: 107,554 bytes
//! gzipped; version 5 is 93,056 bytes, which gzip leaves as they are.
//! Version 3 stored all 9 codes of every stored row.)
//!
//! Rows not stored are all zero. Each weight is an 8-bit code for one of
//! 127 levels spaced geometrically (a few percent apart, from the smallest
//! weight kept to the largest), so small and large weights both keep their
//! precision in one byte. Decoding adds integers only, so it gives the same
//! tags on every machine.

use super::features::{known_hashes, Sink, KNOWN};
use super::packed;
use super::Tag;
use std::borrow::Cow;

const MAGIC: &[u8; 8] = b"NLNER\0\0\x05";
const TAGS: usize = Tag::COUNT;
/// Row of the transition table for the sentence start.
pub(crate) const START: usize = TAGS;
// The file's masks hold 9 bits a row: a byte and a bit.
const _: () = assert!(TAGS == 9);

/// A trained model: hashed feature weights and tag transitions.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Model {
    bits: u8,
    /// `2^bits * TAGS` weight codes (each `i8` code's byte), row-major:
    /// the shipped model's, on a native build, the table `build.rs`
    /// decoded ([`Model::from_bytes_dense`]).
    weights: Cow<'static, [u8]>,
    /// The weight of each code's magnitude.
    levels: Vec<i32>,
    /// `(TAGS + 1) * TAGS`: from previous tag (or [`START`]) to tag.
    trans: Vec<i32>,
    /// The signed weight of each code, indexed by the code's byte (from
    /// `levels`, computed once; 32 bits, as a token's sums are: at most
    /// [`MAX_LEVEL`] each, they never overflow).
    signed: Box<[i32; 256]>,
    /// `trans` as a table of i64, `[from][to]` (computed once).
    wide: Box<[[i64; TAGS]; TAGS + 1]>,
    /// The weights of each feature numbered by [`known_hashes`], added
    /// up (computed once).
    known: Box<[[i32; TAGS]; KNOWN]>,
}

/// The largest weight level a model may have (training scales the
/// largest to it): a token's features (fewer than 100; 127 at most
/// would do) then add up to less than `i32::MAX` in magnitude, so its
/// sums are added in 32 bits (twice the weights a SIMD add takes as
/// 64-bit sums) with the same results.
pub(crate) const MAX_LEVEL: i32 = 1 << 24;
const _: () = assert!(127 * (MAX_LEVEL as i64) < i32::MAX as i64);

/// [`Model::known`] of the table `weights` of `2^bits` rows.
fn known_sums(bits: u8, weights: &[u8], signed: &[i32; 256]) -> Box<[[i32; TAGS]; KNOWN]> {
    let mut known = Box::new([[0i32; TAGS]; KNOWN]);
    for (sums, hash) in known.iter_mut().zip(known_hashes()) {
        let r = Model::row(bits, hash) * TAGS;
        for (s, &w) in sums.iter_mut().zip(&weights[r..r + TAGS]) {
            *s = signed[usize::from(w)];
        }
    }
    known
}

/// The transitions `trans` as a table of i64, `[from][to]`.
fn wide_trans(trans: &[i32]) -> Box<[[i64; TAGS]; TAGS + 1]> {
    let mut wide = Box::new([[0i64; TAGS]; TAGS + 1]);
    for (row, from) in wide.iter_mut().zip(trans.chunks(TAGS)) {
        for (w, &t) in row.iter_mut().zip(from) {
            *w = i64::from(t);
        }
    }
    wide
}

/// The signed weight of each code byte.
fn signed_levels(levels: &[i32]) -> Box<[i32; 256]> {
    let mut signed = Box::new([0i32; 256]);
    for (c, v) in signed.iter_mut().enumerate() {
        let code = c as u8 as i8;
        let level = levels[usize::from(code.unsigned_abs()).min(LEVELS - 1)];
        *v = if code < 0 { -level } else { level };
    }
    signed
}

/// Number of levels of a weight code's magnitude (0 included).
pub(crate) const LEVELS: usize = 128;

/// Why weights could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ModelError(pub String);

impl std::fmt::Display for ModelError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "invalid tagger model: {}", self.0)
    }
}

impl std::error::Error for ModelError {}

impl Model {
    /// A model from its parts (`weights`: `2^bits * Tag::COUNT`,
    /// `levels`: [`LEVELS`], `trans`: `(Tag::COUNT + 1) * Tag::COUNT`).
    pub(crate) fn from_parts(
        bits: u8,
        weights: Vec<i8>,
        levels: Vec<i32>,
        trans: Vec<i32>,
    ) -> Model {
        assert_eq!(weights.len(), TAGS << bits);
        assert_eq!(levels.len(), LEVELS);
        assert!(levels.iter().all(|l| (0..=MAX_LEVEL).contains(l)));
        assert_eq!(trans.len(), (TAGS + 1) * TAGS);
        let weights: Vec<u8> = weights.into_iter().map(|w| w as u8).collect();
        Model::with_table(bits, Cow::Owned(weights), levels, trans)
    }

    /// The table has `2^bits` rows.
    pub fn bits(&self) -> u8 {
        self.bits
    }

    /// Number of rows with a non-zero weight.
    pub fn rows_used(&self) -> usize {
        self.weights
            .chunks(TAGS)
            .filter(|r| r.iter().any(|&w| w != 0))
            .count()
    }

    /// The row of a feature hash.
    pub(crate) fn row(bits: u8, hash: u64) -> usize {
        (hash >> (64 - u32::from(bits))) as usize
    }

    /// The weights in the file format described in this module.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::new();
        out.extend_from_slice(MAGIC);
        out.push(self.bits);
        out.push(TAGS as u8);
        for l in &self.levels {
            out.extend_from_slice(&l.to_le_bytes());
        }
        for t in &self.trans {
            out.extend_from_slice(&t.to_le_bytes());
        }
        out.extend(packed::encode(&self.levels, &self.weights));
        out
    }

    /// [`Model::from_bytes`] of a file whose weight table `dense` was
    /// decoded by `build.rs` (the shipped file, on a native build): only
    /// the file's head is read (decoding the table is ~30 M
    /// instructions a process). A table of the wrong size (`build.rs`
    /// found no valid file) decodes the file.
    #[cfg(not(target_arch = "wasm32"))]
    pub(crate) fn from_bytes_dense(
        bytes: &[u8],
        dense: &'static [u8],
    ) -> Result<Model, ModelError> {
        let (bits, levels, trans, _) = head(bytes)?;
        if dense.len() != TAGS << bits {
            return Model::from_bytes(bytes);
        }
        Ok(Model::with_table(bits, Cow::Borrowed(dense), levels, trans))
    }

    /// A model of its table and the rest, the sums worked out.
    fn with_table(
        bits: u8,
        weights: Cow<'static, [u8]>,
        levels: Vec<i32>,
        trans: Vec<i32>,
    ) -> Model {
        let signed = signed_levels(&levels);
        let wide = wide_trans(&trans);
        let known = known_sums(bits, &weights, &signed);
        Model {
            bits,
            weights,
            levels,
            trans,
            signed,
            wide,
            known,
        }
    }

    /// Reads weights written by [`Model::to_bytes`].
    pub fn from_bytes(bytes: &[u8]) -> Result<Model, ModelError> {
        let (bits, levels, trans, pos) = head(bytes)?;
        let weights =
            packed::decode(bits, &levels, &bytes[pos..]).map_err(|m| ModelError(m.to_string()))?;
        Ok(Model::with_table(bits, Cow::Owned(weights), levels, trans))
    }
}

/// Reads a weights file from its start, a slice at a time.
struct Cursor<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Cursor<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], ModelError> {
        let s = self
            .bytes
            .get(self.pos..self.pos + n)
            .ok_or_else(|| ModelError("the file ends too early".to_string()))?;
        self.pos += n;
        Ok(s)
    }
}

/// The head of a file written by [`Model::to_bytes`]: its `bits`, levels
/// and transitions, and where the map of stored rows starts.
fn head(bytes: &[u8]) -> Result<(u8, Vec<i32>, Vec<i32>, usize), ModelError> {
    let err = |m: &str| ModelError(m.to_string());
    let mut cursor = Cursor { bytes, pos: 0 };
    if cursor.take(8)? != MAGIC {
        return Err(err("wrong magic number or version"));
    }
    let head = cursor.take(2)?;
    let (bits, tags) = (head[0], head[1]);
    if !(8..=24).contains(&bits) || usize::from(tags) != TAGS {
        return Err(err("unsupported table size or tag count"));
    }
    let mut int = || -> Result<i32, ModelError> {
        let b = cursor.take(4)?;
        Ok(i32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    };
    let levels = (0..LEVELS).map(|_| int()).collect::<Result<Vec<_>, _>>()?;
    let trans = (0..(TAGS + 1) * TAGS)
        .map(|_| int())
        .collect::<Result<Vec<_>, _>>()?;
    if levels[0] != 0 || levels.iter().any(|&l| !(0..=MAX_LEVEL).contains(&l)) {
        return Err(err("bad weight levels"));
    }
    Ok((bits, levels, trans, cursor.pos))
}

impl Model {
    /// The best valid tag sequence for a sentence whose `kept` tokens'
    /// features went to `buf`'s [`DecodeBuf::sink`] (`buf`: buffers kept
    /// from one sentence to the next), written to `out`, the sentence's
    /// tags, all O before.
    pub(crate) fn decode_kept(&self, kept: &[bool], buf: &mut DecodeBuf, out: &mut [Tag]) {
        let n = kept.len();
        // A token left out is O, so the best sequence is O there whatever
        // comes around it: decode each run of kept tokens on its own, from
        // O (or the start) into O (or the end). The kept tokens' sums are
        // in order, run after run.
        let trans = |p: usize, t: usize| self.wide[p][t];
        let (mut i, mut sums) = (0, 0);
        while i < n {
            if !kept[i] {
                i += 1;
                continue;
            }
            let mut j = i;
            while j < n && kept[j] {
                j += 1;
            }
            let from = if i == 0 { START } else { Tag::O.index() };
            let into = (j < n).then(|| Tag::O.index());
            viterbi_between(
                &buf.emit[sums * TAGS..(sums + j - i) * TAGS],
                from,
                into,
                trans,
                &mut buf.score,
                &mut buf.back,
                &mut out[i..j],
            );
            sums += j - i;
            i = j;
        }
    }
}

/// The buffers of [`Model::decode_kept`].
#[derive(Default)]
pub(crate) struct DecodeBuf {
    /// Each kept token's score for every tag.
    emit: Vec<i64>,
    score: Vec<i64>,
    back: Vec<u8>,
}

impl DecodeBuf {
    /// Buffers with room for sentences of up to `n` tokens (as
    /// `Scratch::with_room`).
    pub(crate) fn with_room(n: usize) -> DecodeBuf {
        DecodeBuf {
            emit: Vec::with_capacity(n * TAGS),
            score: Vec::with_capacity(n * TAGS),
            back: Vec::with_capacity(n * TAGS),
        }
    }

    /// Where a sentence's features go, to be added up into the weights
    /// of each tag of each kept token.
    pub(crate) fn sink<'a>(&'a mut self, model: &'a Model) -> Emit<'a> {
        self.emit.clear();
        Emit {
            model,
            sums: &mut self.emit,
            token: [0; TAGS],
        }
    }
}

/// The [`Sink`] of [`DecodeBuf::sink`].
pub(crate) struct Emit<'a> {
    model: &'a Model,
    sums: &'a mut Vec<i64>,
    /// The current token's sums.
    token: [i32; TAGS],
}

impl Sink for Emit<'_> {
    #[inline(always)]
    fn feature(&mut self, hash: u64) {
        let m = self.model;
        let r = Model::row(m.bits, hash) * TAGS;
        let row: &[u8; TAGS] = m.weights[r..r + TAGS].try_into().expect("a row");
        for (acc, &w) in self.token.iter_mut().zip(row) {
            *acc += m.signed[usize::from(w)];
        }
    }

    #[inline(always)]
    fn known(&mut self, index: usize, _hash: u64) {
        // (integers: the same sums as the row's weights added one by one)
        for (acc, &w) in self.token.iter_mut().zip(&self.model.known[index]) {
            *acc += w;
        }
    }

    fn end(&mut self, kept: bool) {
        if kept {
            self.sums.extend(self.token.map(i64::from));
            self.token = [0; TAGS];
        }
    }
}

/// `ALLOWED[p][t]`: tag index `t` may follow tag index `p` (or [`START`])
/// in valid BIO, as [`Tag::may_follow`] says (a table built once, not a
/// run of tokens at a time): an `I-X` only after `B-X` or `I-X`.
pub(crate) const ALLOWED: [[bool; TAGS]; TAGS + 1] = {
    let mut ok = [[true; TAGS]; TAGS + 1];
    let mut p = 0;
    while p <= TAGS {
        let mut t = 2;
        while t < TAGS {
            // `t` is I of type (t - 2) / 2; B and I of that type are t - 1, t.
            ok[p][t] = p == t - 1 || p == t;
            t += 2;
        }
        p += 1;
    }
    ok
};

/// Viterbi over `n` tokens with emission scores `emit[i * TAGS + tag]` and
/// transition scores `trans(prev or START, tag)`; invalid BIO transitions
/// are never taken. Ties go to the lower tag index, so decoding is
/// deterministic.
pub(crate) fn viterbi(n: usize, emit: &[i64], trans: impl Fn(usize, usize) -> i64) -> Vec<Tag> {
    let mut out = vec![Tag::O; n];
    viterbi_between(
        &emit[..n * TAGS],
        START,
        None,
        trans,
        &mut Vec::new(),
        &mut Vec::new(),
        &mut out,
    );
    out
}

/// [`viterbi`] over the `out.len()` tokens of `emit`, which follow tag
/// `from` (or [`START`]) and, when `into` is given, are followed by that tag
/// (its transition counts); the tags are written to `out`.
fn viterbi_between(
    emit: &[i64],
    from: usize,
    into: Option<usize>,
    trans: impl Fn(usize, usize) -> i64,
    score: &mut Vec<i64>,
    back: &mut Vec<u8>,
    out: &mut [Tag],
) {
    let n = out.len();
    if n == 0 {
        return;
    }
    const NONE: i64 = i64::MIN / 4;
    let allowed = |p: usize, t: usize| ALLOWED[p][t];
    score.clear();
    score.resize(n * TAGS, NONE);
    back.clear();
    back.resize(n * TAGS, 0);
    for t in 0..TAGS {
        if allowed(from, t) {
            score[t] = emit[t] + trans(from, t);
        }
    }
    for i in 1..n {
        // (each step's rows as arrays: no bounds test in the inner loop)
        let (before, rest) = score.split_at_mut(i * TAGS);
        let prev: &[i64; TAGS] = before[(i - 1) * TAGS..].try_into().expect("a row");
        let row: &mut [i64; TAGS] = (&mut rest[..TAGS]).try_into().expect("a row");
        let e: &[i64; TAGS] = emit[i * TAGS..(i + 1) * TAGS].try_into().expect("a row");
        let arg_row: &mut [u8; TAGS] = (&mut back[i * TAGS..(i + 1) * TAGS])
            .try_into()
            .expect("a row");
        for t in 0..TAGS {
            let mut best = NONE;
            let mut arg = 0;
            // Only the tags `t` may follow (`ALLOWED`), lowest first: any
            // tag before O or a B, the B and I of its type before an I
            // (the other seven were tested and skipped at every step).
            let from = if t >= 2 && t % 2 == 0 {
                t - 1..t + 1
            } else {
                0..TAGS
            };
            // (a tag no path reaches, NONE, is not skipped: from the
            // second token on, each tag has a predecessor some path reaches,
            // a B or O of the first token, and NONE plus a transition is
            // far below any score of those, so it is never the best)
            for p in from {
                let v = prev[p] + trans(p, t);
                if v > best {
                    best = v;
                    arg = p;
                }
            }
            row[t] = best + e[t];
            arg_row[t] = arg as u8;
        }
    }
    // Each last tag's score (with the step into `into`), worked out once.
    let last: [i64; TAGS] = std::array::from_fn(|t| {
        let s = score[(n - 1) * TAGS + t];
        match into {
            Some(x) if s != NONE => {
                if allowed(t, x) {
                    s + trans(t, x)
                } else {
                    NONE
                }
            }
            _ => s,
        }
    });
    // The best, the lowest tag of a tie.
    let mut t = 0;
    for k in 1..TAGS {
        if last[k] > last[t] {
            t = k;
        }
    }
    for i in (0..n).rev() {
        out[i] = Tag::from_index(t);
        t = usize::from(back[i * TAGS + t]);
    }
}
