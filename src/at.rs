//! [`At`]: slice reads and writes with one panic location for the crate.
//!
//! `slice[i]` is `#[track_caller]`: each site carries its own panic
//! `Location` (16 bytes of `.rodata` that gzip badly, and a constant in the
//! code), ~8 bytes of the gzipped `.wasm` a site. Through `at`, a bad index
//! still panics, its message naming this file ("Download size" in
//! BENCHMARKS.md).
//!
//! The `.wasm` has no code that formats a `str` in a panic message: `str`
//! ranges go through [`Part`], searches for a `&str` (or a `char` that may
//! not be ASCII: `"...".contains(c)`) through [`find_str`] or `matches!`.
//! One such site brings `str::slice_error_fail`, `char`'s `Debug` and std's
//! tables of printable characters back (~4.8 KB gzipped).

/// `s.at(i)` is `&s[i]`, `s.at_mut(i)` is `&mut s[i]`; `s.sub(a..b)` is
/// `&s[a..b]` (any range), `s.sub_mut(a..b)` is `&mut s[a..b]`.
pub trait At<T> {
    fn at(&self, i: usize) -> &T;
    fn at_mut(&mut self, i: usize) -> &mut T;
    fn sub<I: std::slice::SliceIndex<[T], Output = [T]>>(&self, r: I) -> &[T];
    fn sub_mut<I: std::slice::SliceIndex<[T], Output = [T]>>(&mut self, r: I) -> &mut [T];
}

impl<T> At<T> for [T] {
    #[inline]
    fn at(&self, i: usize) -> &T {
        &self[i]
    }

    #[inline]
    fn at_mut(&mut self, i: usize) -> &mut T {
        &mut self[i]
    }

    #[inline]
    fn sub<I: std::slice::SliceIndex<[T], Output = [T]>>(&self, r: I) -> &[T] {
        &self[r]
    }

    #[inline]
    fn sub_mut<I: std::slice::SliceIndex<[T], Output = [T]>>(&mut self, r: I) -> &mut [T] {
        &mut self[r]
    }
}

/// `s.part(a..b)` is `&s[a..b]` (any range), with one panic location.
/// `s.of(span)` is `&s[span]` (`Index<Span>` is `#[track_caller]` too).
///
/// A bad range panics with a message of its own, not `&s[a..b]`'s: that
/// one formats the text and the range (`str::slice_error_fail`), which
/// brought `char`'s and `Range`'s `Debug` and std's printable-character
/// tables into the `.wasm`.
pub trait Part {
    fn part<I: std::slice::SliceIndex<str, Output = str>>(&self, r: I) -> &str;
    fn of(&self, span: crate::span::Span) -> &str;
}

impl Part for str {
    #[inline]
    fn part<I: std::slice::SliceIndex<str, Output = str>>(&self, r: I) -> &str {
        match self.get(r) {
            Some(s) => s,
            None => bad_range(),
        }
    }

    #[inline]
    fn of(&self, span: crate::span::Span) -> &str {
        self.part(span.start..span.end)
    }
}

/// The panic of a bad `str` range ([`Part`]).
#[cold]
#[inline(never)]
pub fn bad_range() -> ! {
    panic!("str range out of bounds or not on a char boundary")
}

/// Where `needle` first occurs in `hay` (`hay.find(needle)`), by a plain
/// byte comparison at each position: std's two-way `StrSearcher` was
/// ~2.3 KB of the `.wasm` for four calls whose needles are a few bytes.
pub fn find_str(hay: &str, needle: &str) -> Option<usize> {
    let (h, n) = (hay.as_bytes(), needle.as_bytes());
    (0..(h.len() + 1).checked_sub(n.len())?).find(|&i| h.get(i..).is_some_and(|r| r.starts_with(n)))
}

/// `hay.split_once(needle)` through [`find_str`].
pub fn split_once<'a>(hay: &'a str, needle: &str) -> Option<(&'a str, &'a str)> {
    let i = find_str(hay, needle)?;
    Some((hay.part(..i), hay.part(i + needle.len()..)))
}

/// `s.rsplit_once(c)` for an ASCII `c` (a space, a hyphen), by a byte
/// search back: std's reverse `char` search (`CharSearcher`'s
/// `next_match_back`, `memrchr`, `Split::next_back`) was ~1 KB of the
/// `.wasm` for a dozen such calls (BENCHMARKS.md, "Download size, session
/// 31"). `c` must be ASCII (a byte of a longer character is no boundary).
pub fn rsplit_once_byte(s: &str, c: u8) -> Option<(&str, &str)> {
    let i = s.bytes().rposition(|b| b == c)?;
    Some((s.part(..i), s.part(i + 1..)))
}

/// `s.rsplit(c).next()`: what follows the last `c`, or all of `s`
/// ([`rsplit_once_byte`]).
pub fn after_last(s: &str, c: u8) -> &str {
    rsplit_once_byte(s, c).map_or(s, |(_, last)| last)
}

/// `s.first_is(f)` is `s.starts_with(f)` and `s.last_is(f)` is
/// `s.ends_with(f)` for a test of one `char`: std's are generic over the
/// pattern, one copy in the `.wasm` for each predicate, closure and array of
/// `char`s (~100–170 bytes each); these take a function pointer, so all share
/// one copy.
pub trait Ends {
    fn first_is(&self, f: fn(char) -> bool) -> bool;
    fn last_is(&self, f: fn(char) -> bool) -> bool;
}

impl Ends for str {
    fn first_is(&self, f: fn(char) -> bool) -> bool {
        self.chars().next().is_some_and(f)
    }

    fn last_is(&self, f: fn(char) -> bool) -> bool {
        self.chars().next_back().is_some_and(f)
    }
}

/// The last index of `lo..hi` that `hit` takes, looking back from `hi`
/// while `keep` holds: `(lo..hi).rev().take_while(keep).find(hit)` as a
/// loop (each such chain was a generic copy of `Rev::try_fold` in the
/// `.wasm`, 150–700 bytes).
#[inline]
pub fn last_back(
    lo: usize,
    hi: usize,
    mut keep: impl FnMut(usize) -> bool,
    mut hit: impl FnMut(usize) -> bool,
) -> Option<usize> {
    let mut k = hi;
    while k > lo {
        k -= 1;
        if !keep(k) {
            return None;
        }
        if hit(k) {
            return Some(k);
        }
    }
    None
}

/// The last item of `xs` that `hit` takes: `xs.iter().rev().find(hit)` as
/// a loop ([`last_back`]).
#[inline]
pub fn last_of<T>(xs: &[T], mut hit: impl FnMut(&T) -> bool) -> Option<&T> {
    let mut k = xs.len();
    while k > 0 {
        k -= 1;
        let x = xs.at(k);
        if hit(x) {
            return Some(x);
        }
    }
    None
}
