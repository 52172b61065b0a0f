//! The JavaScript door to newslens: `annotate(text, options)` returns the
//! document described in `docs/format.md` as a plain JS object.
//!
//! This crate only translates. Everything about news text lives in the core
//! (`newslens`); here we parse the options, convert offsets once through
//! [`newslens::Export`] and hand the result to JS.
//!
//! The result crosses to JS as JSON text that `JSON.parse` turns into
//! objects: one call for an article, instead of a call into JS for every
//! field of every item (what serde-wasm-bindgen did, a good part of the time
//! of a call). Long texts go in chunks of [`CHUNK`] items, so the JSON text
//! alive at any time stays small whatever the length of the text.

use js_sys::{Array, Error, Function, Object, Reflect, JSON};
use newslens::{Export, List, OffsetUnit};
use wasm_bindgen::prelude::*;

/// Items of one list per `JSON.parse` call when a list is longer than that.
const CHUNK: usize = 4096;

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
    let export = Export::from_annotation(text, newslens::annotate(text), unit);
    to_js(&export).map_err(|e| {
        let msg = e.as_string().unwrap_or_else(|| format!("{e:?}"));
        Error::new(&format!("newslens: internal error: {msg}"))
    })
}

/// The document as a JS object, built by `JSON.parse`.
fn to_js(export: &Export) -> Result<JsValue, JsValue> {
    let mut json = String::with_capacity(1 << 16);
    if List::ALL.iter().all(|&list| export.len(list) <= CHUNK) {
        export.write_json(&mut json);
        return JSON::parse(&json);
    }
    // A long text: the document with empty lists, then each list filled a
    // chunk at a time (Array.prototype.push.apply of the parsed chunk).
    export.write_json_skeleton(&mut json);
    let doc = JSON::parse(&json)?;
    for list in List::ALL {
        let array: Array = Reflect::get(&doc, &list.name().into())?.dyn_into()?;
        let push: Function = Reflect::get(&array, &"push".into())?.dyn_into()?;
        let len = export.len(list);
        for start in (0..len).step_by(CHUNK) {
            json.clear();
            export.write_json_items(list, start..len.min(start + CHUNK), &mut json);
            push.apply(&array, &JSON::parse(&json)?.dyn_into()?)?;
        }
    }
    Ok(doc)
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
