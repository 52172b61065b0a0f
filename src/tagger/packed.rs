//! The weight table's coding in `ner.bin` (format version 5, the file's
//! head is in `model.rs`): an adaptive binary range coder (LZMA's, with
//! 12-bit probabilities) over each row of the table in turn. `build.rs`
//! includes this file too (a native build's table is decoded there).
//!
//! For each of the `2^bits` rows, in increasing row number:
//!
//! ```text
//! stored   one bit: the row has a non-zero code
//! mask     (stored rows) 9 bits, tag 0 first: the tag's code is not zero;
//!          each bit's context is the bits before it (a binary tree of 511
//!          nodes), so the masks' joint frequencies are learned
//! codes    (each non-zero code, in tag order) its sign, then its magnitude
//!          (1..=127): one bit "magnitude 1", and when not, the magnitude
//!          less one in 7 bits, highest first (a tree of 127 nodes)
//! ```
//!
//! The training's updates add to one tag of a row what they take from
//! another, so a row's weights add up to about zero: a sign's context is
//! its tag, the sign of the row's sum so far (the levels of the codes
//! before it) and whether it is the row's last non-zero code. The last
//! code of a row, when its sign is against the sum so far, has the
//! magnitude's contexts of the code nearest that sum (`nearest`); other
//! magnitudes', the tag, the row's count of non-zero codes (up to 4) and
//! whether it is the last.
//!
//! Session 28: the shipped table is 92,174 bytes coded (the whole file
//! 93,056), where `gzip -9` took version 4's file (a bitmap of the stored
//! rows, the masks and the non-zero codes as bytes) to 107,554: gzip's
//! matches on such bytes cost more than they save, and it knows nothing
//! of the rows' sums. Range-coding only the codes, the bitmap and masks
//! left to gzip as in version 4: 97,031 gzipped, for 15% less decoding
//! work. Decoding is ~30 M instructions natively (version 4: ~2.5 M),
//! once a process, in the `.wasm` only (a native build has the table
//! `build.rs` decoded).
//!
//! The decoder checks that the stream ends where the file does, that the
//! coder's last state is the encoder's (a damaged byte changes it), that
//! every stored row has a non-zero code and every magnitude is in range.

/// Weights in a row (`Tag::COUNT`).
const TAGS: usize = 9;
/// Probabilities are in 1/4096ths.
const BITS: u32 = 12;
const ONE: u16 = 1 << BITS;
/// A probability moves 1/32nd of the way to each bit coded.
const MOVE: u32 = 5;
/// The range is kept at least 2^24.
const TOP: u32 = 1 << 24;

// The contexts (a probability each) in one table.
const STORED: usize = 0;
/// Mask tree: nodes 1..512.
const MASK: usize = STORED + 1;
/// Sign: tag * 6 + (sum's sign + 1) * 2 + last.
const SIGN: usize = MASK + 512;
/// "Magnitude 1": a last weight against the sum, by its predicted code
/// (up to 12); else tag * 8 + (non-zero count, up to 4, less one) * 2 + last.
const MAG1: usize = SIGN + TAGS * 6;
const MAG1_OTHER: usize = MAG1 + 13;
/// Magnitude trees: the predicted weights' (nodes 1..128), the others'.
const TREE: usize = MAG1_OTHER + TAGS * 8;
const CONTEXTS: usize = TREE + 2 * 128;

/// The code whose level is nearest `v` (`levels`: 128, ascending in
/// a valid model; encoder and decoder ask the same, so any levels give
/// the same answer to both).
fn nearest(levels: &[i32], v: i64) -> usize {
    let i = levels[1..].partition_point(|&l| i64::from(l) < v) + 1;
    if i == levels.len() || (i > 1 && v - i64::from(levels[i - 1]) <= i64::from(levels[i]) - v) {
        i - 1
    } else {
        i
    }
}

/// Walks the coded weights of one row: `bit(context, value)` codes or
/// decodes each bit in order (the same walk for both, so they agree).
/// `row`: the row's codes, written as they are decoded.
#[inline(always)]
fn walk_row(
    levels: &[i32],
    row: &mut [u8],
    mask: u32,
    mut bit: impl FnMut(usize, u32) -> u32,
) -> Result<(), &'static str> {
    let count = mask.count_ones() as usize;
    let (mut sum, mut k) = (0i64, 0usize);
    for (t, slot) in row.iter_mut().enumerate() {
        if mask >> t & 1 == 0 {
            continue;
        }
        k += 1;
        let last = usize::from(k == count);
        let code = *slot as i8;
        let sum_sign = (sum.signum() + 1) as usize;
        let negative = bit(SIGN + t * 6 + sum_sign * 2 + last, u32::from(code < 0));
        let pred = (last == 1 && count > 1 && sum != 0 && (sum > 0) == (negative == 0))
            .then(|| nearest(levels, sum.abs()));
        let (mag1, tree) = match pred {
            Some(p) => (MAG1 + p.min(12), TREE),
            None => (
                MAG1_OTHER + t * 8 + (count.min(4) - 1) * 2 + last,
                TREE + 128,
            ),
        };
        let magnitude = u32::from(code.unsigned_abs());
        let mut m = 1;
        if bit(mag1, u32::from(magnitude != 1)) == 1 {
            let mut node = 1;
            for i in (0..7).rev() {
                let b = bit(tree + node, magnitude.wrapping_sub(1) >> i & 1);
                node = node * 2 + b as usize;
            }
            m = node as u32 - 128 + 1;
            if !(2..=127).contains(&m) {
                return Err("a weight code out of range");
            }
        }
        let signed = if negative == 1 { -(m as i32) } else { m as i32 };
        *slot = signed as i8 as u8;
        let level = i64::from(levels[(m as usize).min(levels.len() - 1)]);
        sum += if negative == 1 { -level } else { level };
    }
    Ok(())
}

/// The coded table `table` (`2^bits * 9` code bytes, row-major; codes
/// -127..=127) with the weight levels `levels`.
pub(crate) fn encode(levels: &[i32], table: &[u8]) -> Vec<u8> {
    let mut enc = Encoder {
        low: 0,
        range: u32::MAX,
        cache: 0,
        pending: 1,
        out: Vec::new(),
    };
    let mut probs = vec![ONE / 2; CONTEXTS];
    for row in table.chunks(TAGS) {
        let mask = row
            .iter()
            .enumerate()
            .filter(|(_, &c)| c != 0)
            .fold(0u32, |m, (t, _)| m | 1 << t);
        enc.bit(&mut probs[STORED], u32::from(mask != 0));
        if mask == 0 {
            continue;
        }
        let mut node = 1;
        for t in 0..TAGS {
            let b = mask >> t & 1;
            enc.bit(&mut probs[MASK + node], b);
            node = node * 2 + b as usize;
        }
        let mut copy = row.to_vec();
        let walked = walk_row(levels, &mut copy, mask, |c, b| {
            enc.bit(&mut probs[c], b);
            b
        });
        assert!(walked.is_ok() && copy == row, "codes -127..=127");
    }
    for _ in 0..5 {
        enc.shift_low();
    }
    enc.out
}

/// The table (`2^bits * 9` code bytes) of the coded `bytes`, whose
/// weight levels are `levels`; an error says what is wrong with them.
pub(crate) fn decode(bits: u8, levels: &[i32], bytes: &[u8]) -> Result<Vec<u8>, &'static str> {
    let size = 1usize << bits;
    let mut table = vec![0u8; size * TAGS];
    let mut probs = vec![ONE / 2; CONTEXTS];
    let mut dec = Decoder {
        code: 0,
        range: u32::MAX,
        bytes,
        pos: 0,
    };
    if dec.next() != 0 {
        return Err("bad start of the weights");
    }
    for _ in 0..4 {
        dec.code = dec.code << 8 | dec.next();
    }
    for row in table.chunks_exact_mut(TAGS) {
        if dec.bit(&mut probs[STORED]) == 0 {
            continue;
        }
        let (mut node, mut mask) = (1, 0);
        for t in 0..TAGS {
            let b = dec.bit(&mut probs[MASK + node]);
            node = node * 2 + b as usize;
            mask |= b << t;
        }
        if mask == 0 {
            return Err("a stored row with no weight");
        }
        walk_row(levels, row, mask, |c, _| dec.bit(&mut probs[c]))?;
    }
    if dec.pos > bytes.len() {
        return Err("the file ends too early");
    }
    if dec.pos < bytes.len() {
        return Err("trailing bytes");
    }
    if dec.code != 0 {
        return Err("damaged weights");
    }
    Ok(table)
}

struct Encoder {
    low: u64,
    range: u32,
    cache: u8,
    pending: u64,
    out: Vec<u8>,
}

impl Encoder {
    fn bit(&mut self, p: &mut u16, b: u32) {
        let bound = (self.range >> BITS) * u32::from(*p);
        if b == 0 {
            self.range = bound;
            *p += (ONE - *p) >> MOVE;
        } else {
            self.low += u64::from(bound);
            self.range -= bound;
            *p -= *p >> MOVE;
        }
        while self.range < TOP {
            self.range <<= 8;
            self.shift_low();
        }
    }

    fn shift_low(&mut self) {
        if self.low < 0xff00_0000 || self.low >= 1 << 32 {
            let carry = (self.low >> 32) as u8;
            let mut byte = self.cache;
            while self.pending > 0 {
                self.out.push(byte.wrapping_add(carry));
                byte = 0xff;
                self.pending -= 1;
            }
            self.cache = (self.low >> 24) as u8;
        }
        self.pending += 1;
        self.low = (self.low & 0x00ff_ffff) << 8;
    }
}

struct Decoder<'a> {
    code: u32,
    range: u32,
    bytes: &'a [u8],
    /// Bytes read (past the end: zeros, and an error at the end).
    pos: usize,
}

impl Decoder<'_> {
    fn next(&mut self) -> u32 {
        let b = self.bytes.get(self.pos).copied().unwrap_or(0);
        self.pos += 1;
        u32::from(b)
    }

    #[inline(always)]
    fn bit(&mut self, p: &mut u16) -> u32 {
        let bound = (self.range >> BITS) * u32::from(*p);
        let b = if self.code < bound {
            self.range = bound;
            *p += (ONE - *p) >> MOVE;
            0
        } else {
            self.code -= bound;
            self.range -= bound;
            *p -= *p >> MOVE;
            1
        };
        if self.range < TOP {
            self.range <<= 8;
            self.code = self.code << 8 | self.next();
        }
        b
    }
}
