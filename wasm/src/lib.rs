//! The JavaScript door to newslens: `annotate(text, options)` returns the
//! document described in `docs/format.md` as a plain JS object.
//!
//! This crate only translates. Everything about news text lives in the core
//! (`newslens`); here we parse the options, convert offsets once through
//! [`newslens::Export`] and hand the result to JS.

use js_sys::{Error, Object, Reflect};
use newslens::{Export, OffsetUnit};
use serde::Serialize;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &str = r#"
/** Options for `annotate`. */
export interface AnnotateOptions {
  /** Unit of every offset in the result; default "utf16" (what String.prototype.slice counts). */
  offsets?: "utf16" | "bytes" | "chars";
}
/** Half-open range: covers text.slice(start, end). */
export interface Span { start: number; end: number; }
export type ActorKind = "person" | "organization" | "place" | "group";
export type MentionKind = "name" | "description" | "pronoun";
export type QuoteKind = "direct" | "partial" | "continuation";
export type Stance = "assert" | "deny" | "warn" | "urge" | "confirm" | "accuse" | "promise" | "believe" | "question";
export interface Actor {
  id: number; name: string; kind: ActorKind; titles: string[]; anonymous: boolean; mentions: number[];
}
export interface Mention { id: number; actor: number; span: Span; title: Span | null; kind: MentionKind; }
export interface Quote {
  id: number; kind: QuoteKind; span: Span; content: Span; speaker: number | null;
  speakerMention: number | null; cue: Span | null; reporter: number | null;
}
export interface Claim {
  id: number; claimant: number | null; claimantMention: number | null; cue: Span; content: Span;
  stance: Stance; disputedBy: number[]; disputes: number[];
}
/** The newslens JSON document (docs/format.md), version 1. */
export interface Annotation {
  version: number; offsets: "utf16" | "bytes" | "chars"; textLength: number;
  actors: Actor[]; mentions: Mention[]; quotes: Quote[]; claims: Claim[];
}
"#;

/// Installs the panic hook, so a bug shows its message in the console.
#[wasm_bindgen(start)]
fn start() {
    console_error_panic_hook::set_once();
}

/// Annotates `text`: finds its actors, quotes and claims.
///
/// Never throws for any string; throws an `Error` when `options` is not a
/// valid `AnnotateOptions` object.
#[wasm_bindgen(unchecked_return_type = "Annotation")]
pub fn annotate(
    text: &str,
    #[wasm_bindgen(unchecked_optional_param_type = "AnnotateOptions")] options: Option<Object>,
) -> Result<JsValue, Error> {
    let unit = offset_unit(options)?;
    let annotation = newslens::annotate(text);
    Export::new(text, &annotation, unit)
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| Error::new(&format!("newslens: {e}")))
}

/// The version of newslens compiled into this module.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}

/// Reads `{offsets}` from the options object; rejects anything else, so a
/// typo (`{offset: "bytes"}`) fails loudly instead of being ignored.
fn offset_unit(options: Option<Object>) -> Result<OffsetUnit, Error> {
    let bad = |msg: String| Error::new(&format!("newslens: bad options: {msg}"));
    let Some(options) = options else {
        return Ok(OffsetUnit::Utf16);
    };
    if !options.is_object() {
        return Err(bad("expected an object like {offsets: \"utf16\"}".into()));
    }
    if let Some(key) = Object::keys(&options).iter().find(|k| *k != "offsets") {
        let key = key.as_string().unwrap_or_default();
        return Err(bad(format!(
            "unknown option {key:?}; the only option is \"offsets\""
        )));
    }
    let value = Reflect::get(&options, &"offsets".into())
        .map_err(|_| bad("could not read offsets".into()))?;
    if value.is_undefined() {
        return Ok(OffsetUnit::Utf16);
    }
    let name = value.as_string();
    name.as_deref().and_then(OffsetUnit::parse).ok_or_else(|| {
        let got = name.map_or_else(|| format!("{value:?}"), |n| format!("{n:?}"));
        bad(format!(
            "offsets must be \"utf16\", \"bytes\" or \"chars\", not {got}"
        ))
    })
}
