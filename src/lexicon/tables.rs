//! The lexicon tables that `build.rs` generates from `lexicons/*.tsv`.

use super::keys::Keys;
use super::types::{Planar, Use, Uses, WordClass};
use crate::annotation::Stance;

include!(concat!(env!("OUT_DIR"), "/lexicon_tables.rs"));
