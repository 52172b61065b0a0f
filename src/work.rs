//! The engine counts its own work, so a test can prove the cost linear
//! without timing anything (`tests/linear.rs`). A step is one look at a
//! token: [`crate::text::Doc::tok`], a per-token table, a mention lookup,
//! or a character of a quotation or claim read as a string.
//!
//! Counting exists only with the `count-work` feature (the tests turn it on
//! through the crate's dev-dependency on itself); without it [`add`] is
//! empty and the shipped engine pays nothing.

#[cfg(feature = "count-work")]
thread_local! {
    static WORK: std::cell::Cell<u64> = const { std::cell::Cell::new(0) };
}

/// Counts `n` steps of work.
#[inline(always)]
pub fn add(n: usize) {
    #[cfg(feature = "count-work")]
    WORK.with(|w| w.set(w.get() + n as u64));
    #[cfg(not(feature = "count-work"))]
    let _ = n;
}

/// The steps counted on this thread since the last call, and a new count.
#[cfg(feature = "count-work")]
pub fn take() -> u64 {
    WORK.with(|w| w.replace(0))
}
