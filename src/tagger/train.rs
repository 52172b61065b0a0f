//! Training: a structured averaged perceptron over the tagger's features.
//!
//! Deterministic: sentences are visited in an order drawn from a fixed seed
//! (splitmix64), all arithmetic during training is on integers, and the
//! final scaling to 8-bit weights is a fixed rule. The same sentences and
//! [`Options`] give byte-identical [`Model::to_bytes`].

use super::features;
use super::model::{viterbi, Model, LEVELS, START};
use super::Tag;

const TAGS: usize = Tag::COUNT;

/// One training sentence: tokens as written and their BIO tags.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sentence {
    /// The tokens.
    pub tokens: Vec<String>,
    /// One tag per token (IOB2).
    pub tags: Vec<Tag>,
}

/// Training settings.
#[derive(Clone, Debug)]
pub struct Options {
    /// Passes over the data.
    pub epochs: usize,
    /// The feature table has `2^bits` rows.
    pub bits: u8,
    /// Seed of the visiting order.
    pub seed: u64,
    /// Weights are kept from this quantile of the non-zero magnitudes up
    /// (in 1/10000; smaller ones are dropped, which keeps the file small).
    pub floor_quantile: u32,
    /// Of the rows left with a non-zero weight, those whose largest weight
    /// is under this quantile of the rows' largest weights are dropped
    /// whole (in 1/10000; 0 keeps them all): fewer rows, a smaller file,
    /// the kept rows as precise as before.
    pub row_quantile: u32,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            epochs: 8,
            bits: 16,
            seed: 1,
            floor_quantile: 9000,
            row_quantile: 0,
        }
    }
}

/// What happened in one epoch.
#[derive(Clone, Copy, Debug)]
pub struct Epoch {
    /// Epoch number, from 1.
    pub epoch: usize,
    /// Tokens whose predicted tag was wrong before the update.
    pub token_errors: usize,
    /// Tokens seen.
    pub tokens: usize,
}

/// splitmix64.
fn splitmix(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// Trains a model on sentences, each a document of its own. `progress` is
/// called after each epoch.
pub fn train(sentences: &[Sentence], opts: &Options, progress: impl FnMut(Epoch)) -> Model {
    let docs: Vec<&[Sentence]> = sentences.iter().map(std::slice::from_ref).collect();
    train_documents(&docs, opts, progress)
}

/// Trains a model on documents (lists of sentences: the case of each word
/// elsewhere in its document is a feature). `progress` is called after each
/// epoch.
pub fn train_documents(
    docs: &[&[Sentence]],
    opts: &Options,
    mut progress: impl FnMut(Epoch),
) -> Model {
    let contexts: Vec<features::DocContext> = docs
        .iter()
        .map(|d| {
            let s: Vec<&[String]> = d.iter().map(|s| s.tokens.as_slice()).collect();
            features::DocContext::new(&s)
        })
        .collect();
    let sentences: Vec<(&Sentence, usize)> = docs
        .iter()
        .enumerate()
        .flat_map(|(k, d)| d.iter().map(move |s| (s, k)))
        .collect();
    let size = 1usize << opts.bits;
    // Current weights and the sums for averaging (the timestamp trick:
    // average = w - u / c).
    let mut w = vec![0i32; size * TAGS];
    let mut u = vec![0i64; size * TAGS];
    let mut tw = vec![0i32; (TAGS + 1) * TAGS];
    let mut tu = vec![0i64; (TAGS + 1) * TAGS];
    let mut c: i64 = 1;
    let mut order: Vec<usize> = (0..sentences.len()).collect();
    let mut state = opts.seed;
    for epoch in 1..=opts.epochs {
        for i in (1..order.len()).rev() {
            let j = (splitmix(&mut state) % (i as u64 + 1)) as usize;
            order.swap(i, j);
        }
        let mut errors = 0;
        let mut tokens = 0;
        for &s in &order {
            let (sent, doc) = sentences[s];
            let n = sent.tokens.len().min(sent.tags.len());
            if n == 0 {
                continue;
            }
            let feats = features::sentence(&sent.tokens[..n], &contexts[doc]);
            let rows: Vec<Vec<usize>> = (0..n)
                .map(|i| {
                    feats
                        .token(i)
                        .iter()
                        .map(|&h| Model::row(opts.bits, h))
                        .collect()
                })
                .collect();
            let mut emit = vec![0i64; n * TAGS];
            for (i, rs) in rows.iter().enumerate() {
                for &r in rs {
                    for t in 0..TAGS {
                        emit[i * TAGS + t] += i64::from(w[r * TAGS + t]);
                    }
                }
            }
            let pred = viterbi(n, &emit, |p, t| i64::from(tw[p * TAGS + t]));
            let gold = &sent.tags[..n];
            tokens += n;
            for i in 0..n {
                let (g, p) = (gold[i].index(), pred[i].index());
                if g != p {
                    errors += 1;
                    for &r in &rows[i] {
                        w[r * TAGS + g] += 1;
                        u[r * TAGS + g] += c;
                        w[r * TAGS + p] -= 1;
                        u[r * TAGS + p] -= c;
                    }
                }
                let gp = if i == 0 { START } else { gold[i - 1].index() };
                let pp = if i == 0 { START } else { pred[i - 1].index() };
                if (gp, g) != (pp, p) {
                    tw[gp * TAGS + g] += 1;
                    tu[gp * TAGS + g] += c;
                    tw[pp * TAGS + p] -= 1;
                    tu[pp * TAGS + p] -= c;
                }
            }
            c += 1;
        }
        progress(Epoch {
            epoch,
            token_errors: errors,
            tokens,
        });
    }
    // Averaged weights: (w * c - u) / c.
    let avg = |w: i32, u: i64| -> f64 { (i64::from(w) * c - u) as f64 / c as f64 };
    let weights: Vec<f64> = w.iter().zip(&u).map(|(&w, &u)| avg(w, u)).collect();
    let trans: Vec<f64> = tw.iter().zip(&tu).map(|(&w, &u)| avg(w, u)).collect();
    let (levels, values) = levels(&weights, opts.floor_quantile);
    let mut codes: Vec<i8> = weights.iter().map(|&x| code(&values, x)).collect();
    drop_rows(&mut codes, &weights, opts.row_quantile);
    let max = values[LEVELS - 1];
    let trans: Vec<i32> = trans
        .iter()
        .map(|&x| (x / max * f64::from(UNIT)).round().clamp(-2e9, 2e9) as i32)
        .collect();
    Model::from_parts(opts.bits, codes, levels, trans)
}

/// Zeroes the rows (of [`TAGS`] codes) whose largest weight is under the
/// `quantile` (in 1/10000) of the largest weights of the rows in use.
fn drop_rows(codes: &mut [i8], weights: &[f64], quantile: u32) {
    if quantile == 0 {
        return;
    }
    let row_max = |r: usize| {
        weights[r * TAGS..(r + 1) * TAGS]
            .iter()
            .fold(0.0f64, |m, w| m.max(w.abs()))
    };
    let used: Vec<usize> = (0..codes.len() / TAGS)
        .filter(|&r| codes[r * TAGS..(r + 1) * TAGS].iter().any(|&c| c != 0))
        .collect();
    let mut maxes: Vec<f64> = used.iter().map(|&r| row_max(r)).collect();
    maxes.sort_by(f64::total_cmp);
    let Some(&cut) = maxes.get((maxes.len().max(1) - 1) * quantile.min(9_999) as usize / 10_000)
    else {
        return;
    };
    for r in used {
        if row_max(r) < cut {
            codes[r * TAGS..(r + 1) * TAGS].fill(0);
        }
    }
}

/// The weight of the top level, in the model's integer units.
const UNIT: i32 = 1 << 24;

/// `base^n` by repeated squaring (multiplications only: the same result
/// everywhere, unlike `powf`).
fn pow(base: f64, mut n: u32) -> f64 {
    let (mut acc, mut b) = (1.0, base);
    while n > 0 {
        if n & 1 == 1 {
            acc *= b;
        }
        b *= b;
        n >>= 1;
    }
    acc
}

/// The 127 levels from the floor (the `floor_quantile` of the non-zero
/// magnitudes) to the largest magnitude, spaced geometrically: as integers
/// (the largest is [`UNIT`]) and as the weights they stand for.
fn levels(weights: &[f64], floor_quantile: u32) -> (Vec<i32>, Vec<f64>) {
    let mut mags: Vec<f64> = weights
        .iter()
        .map(|w| w.abs())
        .filter(|&m| m > 0.0)
        .collect();
    mags.sort_by(f64::total_cmp);
    let max = mags.last().copied().unwrap_or(1.0);
    let floor = if mags.is_empty() {
        1.0
    } else {
        let q = (mags.len() - 1) * floor_quantile.min(9_999) as usize / 10_000;
        mags[q].min(max)
    };
    // The ratio g with floor * g^126 = max, by bisection.
    let steps = (LEVELS - 2) as u32;
    let (mut lo, mut hi) = (1.0f64, 2.0f64);
    while floor * pow(hi, steps) < max {
        hi *= 2.0;
    }
    for _ in 0..80 {
        let mid = (lo + hi) / 2.0;
        if floor * pow(mid, steps) < max {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    let mut values = vec![0.0];
    for k in 0..=steps {
        values.push(floor * pow(hi, k));
    }
    values[LEVELS - 1] = max;
    let ints = values
        .iter()
        .map(|v| (v / max * f64::from(UNIT)).round() as i32)
        .collect();
    (ints, values)
}

/// The code of the level nearest a weight (0 below half the floor).
fn code(values: &[f64], x: f64) -> i8 {
    let m = x.abs();
    let mut best = 0usize;
    for (k, &v) in values.iter().enumerate() {
        if (v - m).abs() < (values[best] - m).abs() {
            best = k;
        }
    }
    let c = best as i8;
    if x < 0.0 {
        -c
    } else {
        c
    }
}
