//! Helpers shared by the integration tests: the invariant checker and the
//! expectation runner for golden articles and case files.
#![allow(dead_code)]

pub mod expect;
pub mod invariants;

#[allow(unused_imports)]
pub use invariants::{check_invariants, invariant_violations};
