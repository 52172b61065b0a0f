//! The JavaScript door to newslens: `annotate(text, options)` returns the
//! document described in `docs/format.md` as a plain JS object.
//!
//! This crate only translates. Everything about news text lives in the core
//! (`newslens`); here we parse the options, convert offsets once through
//! [`newslens::Export`] and hand the result to JS.
//!
//! The result crosses to JS as a table of numbers (and one string of the
//! actors' names and titles) that `js/build.js` reads straight from the
//! WASM memory and turns into objects, [`CHUNK`] items a call: one call into
//! JS per chunk instead of one per field (what serde-wasm-bindgen did, a good
//! part of the time of a call), and no JSON text, whose garbage was a third
//! of the browser's peak memory on long texts (docs/benchmarks-history.md).
//!
//! The document's one definition is the core's structs. What this crate and
//! `js/build.js` write by hand (field order, the TypeScript types) is checked
//! against it: `tests/browser/schema.test.mjs` requires this binding's
//! objects to equal the CLI's JSON in all three offset units, and
//! `tests/schema.rs` holds `TS_TYPES` to the structs. Enum and list names
//! are never spelled here or in JS: [`names`] sends the core's `NAMES`.

use js_sys::{Error, JsString, Object, Reflect, JSON};
use newslens::{ActorKind, Export, List, MentionKind, OffsetUnit, QuoteKind, Span, Stance};
use wasm_bindgen::prelude::*;

/// Items of one list per call of `build` when a list is longer than that.
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

/// Installs the panic hook, so a bug shows its message in the console (its
/// place is left out: the CLI on the same text gives it). A few lines
/// instead of `console_error_panic_hook`, whose stack capture cost ~0.9 KB
/// gzipped of the `.wasm` (BENCHMARKS.md, size budget), and the message
/// alone, not `PanicHookInfo`'s `Display` (~210 bytes gzipped): with
/// `panic = "abort"` the page reports the crash and restarts the engine.
#[wasm_bindgen(start)]
fn start() {
    std::panic::set_hook(Box::new(|info| {
        let mut msg = String::from("newslens panicked: ");
        msg.push_str(info.payload_as_str().unwrap_or("(no message)"));
        console_error(&msg);
    }));
}

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = console, js_name = error)]
    fn console_error(message: &str);
}

/// Annotates `text`: finds its actors, quotes and claims.
///
/// Never throws for any string; throws an `Error` when `options` is not a
/// valid `AnnotateOptions` object.
#[wasm_bindgen(js_name = annotate, unchecked_return_type = "Annotation")]
pub fn annotate_js(
    text: &JsString,
    #[wasm_bindgen(unchecked_optional_param_type = "AnnotateOptions")] options: Option<Object>,
) -> Result<JsValue, Error> {
    annotate(&utf8(text), options)
}

/// [`annotate_js`] for a Rust string.
pub fn annotate(text: &str, options: Option<Object>) -> Result<JsValue, Error> {
    let unit = offset_unit(options)?;
    let export = Export::from_annotation(text, newslens::annotate(text), unit);
    Ok(to_js(&export))
}

#[wasm_bindgen(module = "/js/build.js")]
extern "C" {
    /// Without `doc`, the document with empty lists; with it, appends to one
    /// of its lists the items of `nums`. `nums` is a view of the WASM memory
    /// (no copy): without `doc`, [version, offsets, textLength] and `strs`
    /// is [`names`]; with it, [list, count, items...], list an index of
    /// [`List::NAMES`], an item's fields in document order: a span is start,
    /// end; null is [`NONE`] (both ends for a null span); a kind, stance or
    /// unit is its index in its `NAMES`; a string is a UTF-16 range of `strs`; an id
    /// or title list is its length, then its items (`build` makes each such
    /// array at its length: `push` would leave room for 16 items in each).
    fn build(doc: &JsValue, nums: &[u32], strs: &str) -> JsValue;
    #[wasm_bindgen(js_name = utf8Length)]
    fn utf8_length(s: &JsString) -> usize;
    #[wasm_bindgen(js_name = encodeInto)]
    fn encode_into(s: &JsString, buf: &mut [u8]) -> usize;
}

/// `text` as UTF-8 in a buffer of its exact size: wasm-bindgen's own copy of
/// a non-ASCII string first reserves 3 bytes a UTF-16 unit (31 MB for a
/// 10 MiB text) and the linear memory never shrinks back.
fn utf8(text: &JsString) -> String {
    let mut buf = vec![0; utf8_length(text)];
    let written = encode_into(text, &mut buf);
    buf.truncate(written);
    // SAFETY: TextEncoder writes UTF-8, whole characters only (what
    // wasm-bindgen relies on too when it hands JS strings to Rust as `&str`).
    unsafe { String::from_utf8_unchecked(buf) }
}

/// The names of the lists and of every enum, one line each in the order
/// `build.js` reads them, so that JS spells no name of its own.
fn names() -> String {
    let mut s = String::new();
    for names in [
        List::NAMES,
        OffsetUnit::NAMES,
        ActorKind::NAMES,
        MentionKind::NAMES,
        QuoteKind::NAMES,
        Stance::NAMES,
    ] {
        if !s.is_empty() {
            s.push('\n');
        }
        for (i, name) in names.iter().enumerate() {
            if i > 0 {
                s.push(',');
            }
            s.push_str(name);
        }
    }
    s
}

/// `null` in the table.
const NONE: u32 = u32::MAX;

/// The document as a JS object, built by `js/build.js`.
fn to_js(export: &Export) -> JsValue {
    let mut n: Vec<u32> = vec![
        export.version,
        export.offsets as u32,
        export.text_length as u32,
    ];
    let doc = build(&JsValue::UNDEFINED, &n, &names());
    let a = &export.annotation;
    let span = |n: &mut Vec<u32>, s: Option<Span>| match s {
        Some(s) => n.extend([s.start as u32, s.end as u32]),
        None => n.extend([NONE, NONE]),
    };
    let opt = |v: Option<u32>| v.unwrap_or(NONE);
    let mut s = String::new();
    for &list in List::ALL {
        let len = export.len(list);
        for start in (0..len).step_by(CHUNK) {
            let items = start..len.min(start + CHUNK);
            n.clear();
            n.extend([list as u32, items.len() as u32]);
            s.clear();
            // Names and titles as UTF-16 ranges of `s`, which JS slices.
            let mut units = 0;
            let mut text = |n: &mut Vec<u32>, t: &str| {
                s.push_str(t);
                let end = units + t.encode_utf16().count() as u32;
                n.extend([units, end]);
                units = end;
            };
            for i in items {
                match list {
                    List::Actors => {
                        let x = &a.actors[i];
                        n.push(x.id.0);
                        text(&mut n, &x.name);
                        n.extend([x.kind as u32, x.titles.len() as u32]);
                        for t in &x.titles {
                            text(&mut n, t);
                        }
                        n.extend([x.anonymous as u32, x.mentions.len() as u32]);
                        n.extend(x.mentions.iter().map(|m| m.0));
                    }
                    List::Mentions => {
                        let x = &a.mentions[i];
                        n.extend([x.id.0, x.actor.0]);
                        span(&mut n, Some(x.span));
                        span(&mut n, x.title);
                        n.push(x.kind as u32);
                    }
                    List::Quotes => {
                        let x = &a.quotes[i];
                        n.extend([x.id.0, x.kind as u32]);
                        span(&mut n, Some(x.span));
                        span(&mut n, Some(x.content));
                        n.push(opt(x.speaker.map(|v| v.0)));
                        n.push(opt(x.speaker_mention.map(|v| v.0)));
                        span(&mut n, x.cue);
                        n.push(opt(x.reporter.map(|v| v.0)));
                    }
                    List::Claims => {
                        let x = &a.claims[i];
                        n.push(x.id.0);
                        n.push(opt(x.claimant.map(|v| v.0)));
                        n.push(opt(x.claimant_mention.map(|v| v.0)));
                        span(&mut n, Some(x.cue));
                        span(&mut n, Some(x.content));
                        n.push(x.stance as u32);
                        for ids in [&x.disputed_by, &x.disputes] {
                            n.push(ids.len() as u32);
                            n.extend(ids.iter().map(|c| c.0));
                        }
                    }
                }
            }
            build(&doc, &n, &s);
        }
    }
    doc
}

/// The version of newslens compiled into this module.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}

/// Reads `{offsets}` from the options object; rejects anything else, so a
/// typo (`{offset: "bytes"}`) fails loudly instead of being ignored.
///
/// The messages are put together without `format!`: its `{:?}` of a string
/// brought `str`'s `Debug` (character escapes and Unicode's printable
/// tables) into the `.wasm`, and `{:?}` of a `JsValue` a `debugString`
/// function into the glue. A string is quoted by `JSON.stringify`.
fn offset_unit(options: Option<Object>) -> Result<OffsetUnit, Error> {
    let bad = |parts: &[&str]| {
        let mut msg = String::from("newslens: bad options: ");
        parts.iter().for_each(|p| msg.push_str(p));
        Error::new(&msg)
    };
    let quoted = |s: &JsValue| String::from(JSON::stringify(s).unwrap_or_default());
    let Some(options) = options else {
        return Ok(OffsetUnit::Utf16);
    };
    if !options.is_object() {
        return Err(bad(&["expected an object like {offsets: \"utf16\"}"]));
    }
    if let Some(key) = Object::keys(&options).iter().find(|k| *k != "offsets") {
        return Err(bad(&[
            "unknown option ",
            &quoted(&key),
            "; the only option is \"offsets\"",
        ]));
    }
    let value =
        Reflect::get(&options, &"offsets".into()).map_err(|_| bad(&["could not read offsets"]))?;
    if value.is_undefined() {
        return Ok(OffsetUnit::Utf16);
    }
    let name = value.as_string();
    name.as_deref().and_then(OffsetUnit::parse).ok_or_else(|| {
        let must = "offsets must be \"utf16\", \"bytes\" or \"chars\", not ";
        match name {
            Some(_) => bad(&[must, &quoted(&value)]),
            None => {
                let type_name = value.js_typeof().as_string().unwrap_or_default();
                bad(&[must, "a value of type ", &type_name])
            }
        }
    })
}

/// The .wasm's allocator: talc instead of std's dlmalloc, ~2.9 KB gzipped
/// smaller with the same peak memory (wasm/Cargo.toml). Single-threaded
/// WASM only (no `atomics`), which is how the binding is built.
#[cfg(all(not(target_feature = "atomics"), target_family = "wasm"))]
#[global_allocator]
static TALC: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();
