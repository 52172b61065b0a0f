//! One stable sort for the whole engine.
//!
//! std's `sort_by` is instantiated once for each element type and closure,
//! and each copy of its driftsort (runs, quicksort partitions, small sorts,
//! merges) is ~3.5 KB of `.wasm`: six of them were ~5 KB gzipped of the
//! shipped module. Here the sorting itself is one function over indices,
//! compared through `&dyn Fn`; what is generic is only moving the elements
//! into the order found ([`permute`], a few instructions). The order of
//! equal elements is kept, as `sort_by` keeps it, so the output is the same.

use crate::at::At;
use std::cmp::Ordering;

/// Sorts `v` by `cmp`, keeping the order of equal elements (what
/// `slice::sort_by` does).
pub(crate) fn sort_by<T>(v: &mut [T], cmp: impl Fn(&T, &T) -> Ordering) {
    let by = |a: usize, b: usize| cmp(v.at(a), v.at(b));
    // (Most lists are found in order: then no order is allocated.)
    if in_order(v.len(), &by) {
        return;
    }
    let order = stable_order(v.len(), &by);
    permute(v, order);
}

/// True when the indices `0..n` are in order by `cmp`.
fn in_order(n: usize, cmp: &dyn Fn(usize, usize) -> Ordering) -> bool {
    (1..n).all(|i| cmp(i - 1, i) != Ordering::Greater)
}

/// The indices `0..n` sorted by `cmp` (of two indices), equal ones in
/// increasing order: a bottom-up merge sort, `n log n` compares at most,
/// two arrays of `n` `u32`s. A list already in order (most are: they are
/// found in text order) costs `n` compares and no second array.
pub(crate) fn stable_order(n: usize, cmp: &dyn Fn(usize, usize) -> Ordering) -> Vec<u32> {
    let mut a: Vec<u32> = (0..n as u32).collect();
    if in_order(n, cmp) {
        return a;
    }
    let mut b = vec![0u32; n];
    let mut width = 1;
    while width < n {
        let mut lo = 0;
        while lo < n {
            let mid = (lo + width).min(n);
            let hi = (mid + width).min(n);
            let (mut i, mut j) = (lo, mid);
            for slot in b.sub_mut(lo..hi) {
                let left = j == hi
                    || (i < mid && cmp(*a.at(i) as usize, *a.at(j) as usize) != Ordering::Greater);
                let from = if left { &mut i } else { &mut j };
                *slot = *a.at(*from);
                *from += 1;
            }
            lo = hi;
        }
        std::mem::swap(&mut a, &mut b);
        width *= 2;
    }
    a
}

/// Moves `v[order[k]]` to `v[k]` for every `k`, in place (one cycle of the
/// permutation at a time; `order` is used up as the marks of what is done).
pub(crate) fn permute<T>(v: &mut [T], mut order: Vec<u32>) {
    for start in 0..v.len() {
        let mut at = start;
        loop {
            let from = *order.at(at) as usize;
            *order.at_mut(at) = at as u32;
            if from == start {
                break;
            }
            v.swap(at, from);
            at = from;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_like_std_sort_by_and_keeps_equal_elements_in_order() {
        // Pairs sorted by their first half only: the second half shows
        // whether equal keys kept their order.
        for n in [0usize, 1, 2, 3, 7, 8, 9, 31, 64, 100, 257] {
            let v: Vec<(u32, usize)> = (0..n).map(|i| (((i * 7919 + 13) % 11) as u32, i)).collect();
            let mut ours = v.clone();
            sort_by(&mut ours, |a, b| a.0.cmp(&b.0));
            let mut std = v.clone();
            std.sort_by_key(|a| a.0);
            assert_eq!(ours, std, "n = {n}");
        }
    }

    #[test]
    fn order_and_permute_agree() {
        let keys = [5, 1, 4, 1, 3, 9, 2, 6];
        let order = stable_order(keys.len(), &|a, b| keys[a].cmp(&keys[b]));
        assert_eq!(order, [1, 3, 6, 4, 2, 0, 7, 5]);
        let mut v = keys;
        permute(&mut v, order);
        assert_eq!(v, [1, 1, 2, 3, 4, 5, 6, 9]);
        let sorted = [1, 1, 2, 3];
        let order = stable_order(sorted.len(), &|a, b| sorted[a].cmp(&sorted[b]));
        assert_eq!(order, [0, 1, 2, 3]);
    }
}
