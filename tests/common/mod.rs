//! Helpers shared by the integration tests: the invariant checker, the
//! expectation runner for golden articles and case files, and the snapshot
//! renderer for golden articles.
#![allow(dead_code)]

pub mod expect;
pub mod invariants;
pub mod snapshot;

#[allow(unused_imports)]
pub use invariants::{check_invariants, invariant_violations};
