//! [`At`]: slice reads and writes with one panic location for the crate.
//!
//! `slice[i]` is `#[track_caller]`: each site carries its own panic
//! `Location` (16 bytes of `.rodata` that gzip badly, and a constant in the
//! code), ~8 bytes of the gzipped `.wasm` a site. Through `at`, a bad index
//! still panics, its message naming this file ("Download size" in
//! BENCHMARKS.md).

/// `s.at(i)` is `&s[i]`, `s.at_mut(i)` is `&mut s[i]`.
pub trait At<T> {
    fn at(&self, i: usize) -> &T;
    fn at_mut(&mut self, i: usize) -> &mut T;
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
}

/// `s.part(a..b)` is `&s[a..b]` (any range), with one panic location.
/// `s.of(span)` is `&s[span]` (`Index<Span>` is `#[track_caller]` too).
pub trait Part {
    fn part<I: std::slice::SliceIndex<str, Output = str>>(&self, r: I) -> &str;
    fn of(&self, span: crate::span::Span) -> &str;
}

impl Part for str {
    #[inline]
    fn part<I: std::slice::SliceIndex<str, Output = str>>(&self, r: I) -> &str {
        &self[r]
    }

    #[inline]
    fn of(&self, span: crate::span::Span) -> &str {
        self.part(span.start..span.end)
    }
}
