//! Counting: detection counts (P/R/F1), accuracies, and span overlap.

use newslens::Span;
use serde::Serialize;

/// Detection counts for one category, kept on both sides: `found` counts
/// gold items matched by at least one engine item (recall), `correct`
/// counts engine items matched to at least one gold item (precision).
/// With one-to-one data the two agree; when several engine items cover one
/// gold item (a claim and the quote inside it), each is correct.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub gold: usize,
    pub found: usize,
    pub engine: usize,
    pub correct: usize,
}

impl Counts {
    pub fn add(&mut self, o: Counts) {
        self.gold += o.gold;
        self.found += o.found;
        self.engine += o.engine;
        self.correct += o.correct;
    }
    /// True positives, gold side.
    pub fn tp(&self) -> usize {
        self.found
    }
    /// False negatives: gold items no engine item matched.
    pub fn fn_(&self) -> usize {
        self.gold - self.found
    }
    /// False positives: engine items that match no gold item.
    pub fn fp(&self) -> usize {
        self.engine - self.correct
    }
    pub fn precision(&self) -> Option<f64> {
        ratio(self.correct, self.engine)
    }
    pub fn recall(&self) -> Option<f64> {
        ratio(self.found, self.gold)
    }
    pub fn f1(&self) -> Option<f64> {
        match (self.precision(), self.recall()) {
            (Some(p), Some(r)) if p + r > 0.0 => Some(2.0 * p * r / (p + r)),
            (Some(_), Some(_)) => Some(0.0),
            _ => None,
        }
    }
}

/// Correct answers among the cases where the question applies.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Accuracy {
    pub correct: usize,
    pub total: usize,
}

impl Accuracy {
    pub fn record(&mut self, ok: bool) {
        self.total += 1;
        self.correct += usize::from(ok);
    }
    pub fn add(&mut self, o: Accuracy) {
        self.correct += o.correct;
        self.total += o.total;
    }
    pub fn rate(&self) -> Option<f64> {
        ratio(self.correct, self.total)
    }
}

pub fn ratio(a: usize, b: usize) -> Option<f64> {
    (b > 0).then(|| a as f64 / b as f64)
}

/// Categories and accuracies in a fixed order, mergeable across articles.
#[derive(Clone, Debug, Default)]
pub struct Table {
    pub counts: Vec<(String, Counts)>,
    pub accuracy: Vec<(String, Accuracy)>,
}

impl Table {
    pub fn counts_mut(&mut self, name: &str) -> &mut Counts {
        let i = match self.counts.iter().position(|(n, _)| n == name) {
            Some(i) => i,
            None => {
                self.counts.push((name.to_string(), Counts::default()));
                self.counts.len() - 1
            }
        };
        &mut self.counts[i].1
    }
    pub fn accuracy_mut(&mut self, name: &str) -> &mut Accuracy {
        let i = match self.accuracy.iter().position(|(n, _)| n == name) {
            Some(i) => i,
            None => {
                self.accuracy.push((name.to_string(), Accuracy::default()));
                self.accuracy.len() - 1
            }
        };
        &mut self.accuracy[i].1
    }
    pub fn merge(&mut self, o: &Table) {
        for (name, c) in &o.counts {
            self.counts_mut(name).add(*c);
        }
        for (name, a) in &o.accuracy {
            self.accuracy_mut(name).add(*a);
        }
    }
    #[cfg(test)]
    pub fn get(&self, name: &str) -> Option<Counts> {
        self.counts.iter().find(|(n, _)| n == name).map(|(_, c)| *c)
    }
    #[cfg(test)]
    pub fn get_accuracy(&self, name: &str) -> Option<Accuracy> {
        self.accuracy
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, a)| *a)
    }
}

/// Length of the overlap of two spans (0 when they only touch).
pub fn overlap(a: Span, b: Span) -> usize {
    let s = a.start.max(b.start);
    let e = a.end.min(b.end);
    e.saturating_sub(s)
}

/// Overlap of a span with a set of fragments (a discontinuous gold span).
pub fn overlap_frags(frags: &[Span], s: Span) -> usize {
    frags.iter().map(|&f| overlap(f, s)).sum()
}

/// Result of matching gold items to engine items by a score (0 = no match).
pub struct Matching {
    /// For each gold item, the best-scoring engine item.
    pub best: Vec<Option<usize>>,
    /// For each engine item, whether it matches some gold item.
    pub engine_matched: Vec<bool>,
}

impl Matching {
    /// Matches every gold item against every engine item with `score`.
    pub fn new(gold: usize, engine: usize, score: impl Fn(usize, usize) -> usize) -> Matching {
        let mut best = vec![None; gold];
        let mut engine_matched = vec![false; engine];
        for (g, slot) in best.iter_mut().enumerate() {
            let mut top = 0;
            for (e, matched) in engine_matched.iter_mut().enumerate() {
                let s = score(g, e);
                if s > 0 {
                    *matched = true;
                    if s > top {
                        top = s;
                        *slot = Some(e);
                    }
                }
            }
        }
        Matching {
            best,
            engine_matched,
        }
    }

    /// One-to-one matching: pairs are taken greedily by descending score
    /// (ties: lower gold index, then lower engine index), each gold item and
    /// each engine item used at most once. `engine_matched` then means
    /// "paired", so an engine item that only duplicates a pair is a FP.
    pub fn one_to_one(
        gold: usize,
        engine: usize,
        score: impl Fn(usize, usize) -> usize,
    ) -> Matching {
        let mut pairs = Vec::new();
        for g in 0..gold {
            for e in 0..engine {
                let s = score(g, e);
                if s > 0 {
                    pairs.push((std::cmp::Reverse(s), g, e));
                }
            }
        }
        pairs.sort_unstable();
        let mut best = vec![None; gold];
        let mut engine_matched = vec![false; engine];
        for (_, g, e) in pairs {
            if best[g].is_none() && !engine_matched[e] {
                best[g] = Some(e);
                engine_matched[e] = true;
            }
        }
        Matching {
            best,
            engine_matched,
        }
    }

    /// Counts for this matching, engine items flagged in `ignored` left out.
    pub fn counts(&self, ignored: &[bool]) -> Counts {
        let mut c = Counts {
            gold: self.best.len(),
            found: self.best.iter().filter(|b| b.is_some()).count(),
            ..Counts::default()
        };
        for (i, &m) in self.engine_matched.iter().enumerate() {
            if ignored.get(i).copied().unwrap_or(false) {
                continue;
            }
            c.engine += 1;
            c.correct += usize::from(m);
        }
        c
    }
}

#[derive(Serialize)]
pub struct CountsJson {
    pub gold: usize,
    pub found: usize,
    pub engine: usize,
    pub correct: usize,
    pub tp: usize,
    pub fp: usize,
    #[serde(rename = "fn")]
    pub fn_: usize,
    pub precision: Option<f64>,
    pub recall: Option<f64>,
    pub f1: Option<f64>,
}

impl From<Counts> for CountsJson {
    fn from(c: Counts) -> CountsJson {
        CountsJson {
            gold: c.gold,
            found: c.found,
            engine: c.engine,
            correct: c.correct,
            tp: c.tp(),
            fp: c.fp(),
            fn_: c.fn_(),
            precision: c.precision(),
            recall: c.recall(),
            f1: c.f1(),
        }
    }
}

#[derive(Serialize)]
pub struct AccuracyJson {
    pub correct: usize,
    pub total: usize,
    pub rate: Option<f64>,
}

impl From<Accuracy> for AccuracyJson {
    fn from(a: Accuracy) -> AccuracyJson {
        AccuracyJson {
            correct: a.correct,
            total: a.total,
            rate: a.rate(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overlap_is_zero_for_touching_spans() {
        assert_eq!(overlap(Span::new(0, 5), Span::new(5, 9)), 0);
        assert_eq!(overlap(Span::new(0, 6), Span::new(5, 9)), 1);
        assert_eq!(overlap(Span::new(2, 3), Span::new(0, 9)), 1);
    }

    #[test]
    fn counts_keep_both_sides() {
        // gold 0 matched by engine 0 and 1; gold 1 unmatched; engine 2 spurious.
        let m = Matching::new(2, 3, |g, e| usize::from(g == 0 && e < 2) * (e + 1));
        assert_eq!(m.best, vec![Some(1), None]);
        let c = m.counts(&[]);
        assert_eq!(
            c,
            Counts {
                gold: 2,
                found: 1,
                engine: 3,
                correct: 2
            }
        );
        assert_eq!((c.tp(), c.fp(), c.fn_()), (1, 1, 1));
        assert_eq!(c.precision(), Some(2.0 / 3.0));
        assert_eq!(c.recall(), Some(0.5));
        // Ignored engine items leave the count entirely.
        assert_eq!(m.counts(&[false, false, true]).engine, 2);
    }

    #[test]
    fn one_to_one_pairs_each_item_once() {
        // Both engine items overlap gold 0; engine 1 overlaps it more.
        let m = Matching::one_to_one(2, 2, |g, e| [[1, 5], [0, 0]][g][e]);
        assert_eq!(m.best, vec![Some(1), None]);
        assert_eq!(m.engine_matched, vec![false, true]);
        let c = m.counts(&[]);
        assert_eq!((c.tp(), c.fp(), c.fn_()), (1, 1, 1));
        // The better pair is kept even when it is found second.
        let m = Matching::one_to_one(2, 1, |g, _| [1, 3][g]);
        assert_eq!(m.best, vec![None, Some(0)]);
    }

    #[test]
    fn empty_sides_have_no_ratio() {
        let c = Counts::default();
        assert_eq!(c.precision(), None);
        assert_eq!(c.f1(), None);
    }
}
