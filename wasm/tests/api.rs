//! The binding as JavaScript sees it, run in headless Chromium by
//! `scripts/test-wasm.sh` (cargo test for wasm32 through wasm-bindgen-test-runner).
#![cfg(target_arch = "wasm32")]

use js_sys::{Array, JsString, Object, Reflect};
use newslens_wasm::{annotate, version};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// Accented letters, a combining mark and astral emoji before and inside the
/// quote, so UTF-16, byte and char offsets all differ.
const TEXT: &str = "Environment Minister Zoë Ortega-Núñez 🌍 spoke in Valparaíso on Monday.\n\n\
\"We will not wait for the next flood 🌊 to act,\" Ortega-Núñez said. \"Every café, every school 🏫 is ready.\"\n\n\
The plan costs €40 million, she added.\n";

fn get(obj: &JsValue, key: &str) -> JsValue {
    Reflect::get(obj, &key.into()).unwrap_or_else(|_| panic!("no field {key}"))
}

fn num(obj: &JsValue, key: &str) -> u32 {
    get(obj, key)
        .as_f64()
        .unwrap_or_else(|| panic!("{key} is not a number")) as u32
}

fn list(obj: &JsValue, key: &str) -> Vec<JsValue> {
    get(obj, key)
        .dyn_into::<Array>()
        .unwrap_or_else(|_| panic!("{key} is not an array"))
        .to_vec()
}

fn options(offsets: &str) -> Object {
    let o = Object::new();
    Reflect::set(&o, &"offsets".into(), &offsets.into()).unwrap();
    o
}

/// `text.slice(start, end)` in JavaScript, for a `{start, end}` object.
fn js_slice(text: &JsString, span: &JsValue) -> String {
    text.slice(num(span, "start"), num(span, "end")).into()
}

/// The Rust `&str` slice for a span counted in bytes.
fn byte_slice<'t>(text: &'t str, span: &JsValue) -> &'t str {
    &text[num(span, "start") as usize..num(span, "end") as usize]
}

/// Every span of the document: (where it is, the span object); null spans skipped.
fn spans(doc: &JsValue) -> Vec<(String, JsValue)> {
    let mut out = Vec::new();
    for (list_name, fields) in [
        ("mentions", &["span", "title"][..]),
        ("quotes", &["span", "content", "cue"][..]),
        ("claims", &["cue", "content"][..]),
    ] {
        for (i, item) in list(doc, list_name).iter().enumerate() {
            for f in fields {
                let span = get(item, f);
                if !span.is_null() {
                    out.push((format!("{list_name}[{i}].{f}"), span));
                }
            }
        }
    }
    out
}

#[wasm_bindgen_test]
fn default_is_utf16_and_a_plain_object() {
    let doc = annotate(TEXT, None).unwrap();
    assert_eq!(get(&doc, "version").as_f64(), Some(1.0));
    assert_eq!(get(&doc, "offsets").as_string().as_deref(), Some("utf16"));
    assert_eq!(
        num(&doc, "textLength") as usize,
        TEXT.encode_utf16().count()
    );
    // json_compatible(): plain objects and arrays, not Maps.
    assert!(!get(&doc, "actors").is_instance_of::<js_sys::Map>());
    assert!(Array::is_array(&get(&doc, "quotes")));
    let roundtrip = js_sys::JSON::stringify(&doc).unwrap();
    assert!(String::from(roundtrip).contains("\"textLength\""));
}

#[wasm_bindgen_test]
fn text_length_counts_in_each_unit() {
    let text = "é🌍"; // 2 chars, 3 UTF-16 units, 6 bytes
    let len = |unit| num(&annotate(text, Some(options(unit))).unwrap(), "textLength");
    assert_eq!(len("utf16"), 3);
    assert_eq!(len("chars"), 2);
    assert_eq!(len("bytes"), 6);
}

#[wasm_bindgen_test]
fn utf16_spans_slice_in_js_like_byte_spans_in_rust() {
    let js_text = JsString::from(TEXT);
    let utf16 = annotate(TEXT, None).unwrap();
    let bytes = annotate(TEXT, Some(options("bytes"))).unwrap();
    assert_eq!(get(&bytes, "offsets").as_string().as_deref(), Some("bytes"));
    assert!(
        !list(&utf16, "quotes").is_empty(),
        "the engine found no quote in a text with two"
    );
    let (a, b) = (spans(&utf16), spans(&bytes));
    assert_eq!(a.len(), b.len());
    for ((place, u), (_, by)) in a.iter().zip(&b) {
        assert_eq!(js_slice(&js_text, u), byte_slice(TEXT, by), "{place}");
    }
}

#[wasm_bindgen_test]
fn quote_content_slices_to_the_quoted_words() {
    let js_text = JsString::from(TEXT);
    let doc = annotate(TEXT, None).unwrap();
    let quotes = list(&doc, "quotes");
    let first = quotes.first().expect("a quote");
    let content = js_slice(&js_text, &get(first, "content"));
    assert!(
        content.starts_with("We will not wait for the next flood 🌊 to act"),
        "{content:?}"
    );
    let span = js_slice(&js_text, &get(first, "span"));
    assert!(span.starts_with('"') && span.ends_with('"'), "{span:?}");
    let speaker = get(first, "speaker").as_f64().expect("a speaker") as usize;
    let name = get(&list(&doc, "actors")[speaker], "name")
        .as_string()
        .unwrap();
    assert!(name.contains("Ortega-Núñez"), "{name:?}");
}

#[wasm_bindgen_test]
fn bad_offsets_option_is_a_js_error() {
    let err = annotate(TEXT, Some(options("lines"))).unwrap_err();
    let value: JsValue = err.into();
    assert!(value.is_instance_of::<js_sys::Error>());
    let message = String::from(value.unchecked_ref::<js_sys::Error>().message());
    assert!(
        message.contains("offsets") && message.contains("lines"),
        "{message}"
    );
}

#[wasm_bindgen_test]
fn unknown_option_and_non_object_are_js_errors() {
    let typo = Object::new();
    Reflect::set(&typo, &"offset".into(), &"bytes".into()).unwrap();
    let message = String::from(annotate(TEXT, Some(typo)).unwrap_err().message());
    assert!(message.contains("offset"), "{message}");

    let not_an_object: Object = JsValue::from_str("bytes").unchecked_into();
    let err: JsValue = annotate(TEXT, Some(not_an_object)).unwrap_err().into();
    assert!(err.is_instance_of::<js_sys::Error>());
}

#[wasm_bindgen_test]
fn empty_and_odd_text_never_throw() {
    for text in [
        "",
        "\"",
        "«",
        "\u{feff}\r\n\r\n",
        "🌍🌍🌍\"",
        "a\u{301}\u{200d}",
    ] {
        let doc = annotate(text, None).unwrap();
        assert_eq!(
            num(&doc, "textLength") as usize,
            text.encode_utf16().count()
        );
    }
}

#[wasm_bindgen_test]
fn version_is_semver() {
    let v = version();
    assert_eq!(v.split('.').count(), 3, "{v}");
}
