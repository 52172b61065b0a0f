//! The output document has one definition, the serde structs of
//! `src/annotation.rs` and `src/export.rs`; this test holds the other forms
//! to it, so that none can drift unnoticed:
//!
//! - the TypeScript types in `wasm/src/lib.rs` (`TS_TYPES`): every enum's
//!   union lists exactly its `NAMES`, in order; every document the engine
//!   writes for the texts below conforms to the interfaces, field for field,
//!   with no field missing or extra; every `T | null` field is seen both ways;
//! - `docs/format.md` names every field and every enum value.
//!
//! The JS objects of the WASM binding are compared with the CLI's JSON by
//! `tests/browser/schema.test.mjs`, which runs the built `pkg/`.

use newslens::{ActorKind, Export, List, MentionKind, OffsetUnit, QuoteKind, Stance};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

const BINDING: &str = include_str!("../wasm/src/lib.rs");
const FORMAT_MD: &str = include_str!("../docs/format.md");

/// A TypeScript type as written in `TS_TYPES`: a union of parts.
type Union = Vec<String>;

struct Types {
    /// `export type X = "a" | "b";`
    aliases: BTreeMap<String, Union>,
    /// `export interface X { field: type; optional?: type; }`: (field, optional, type)
    interfaces: BTreeMap<String, Vec<(String, bool, Union)>>,
}

/// The text of the `TS_TYPES` raw string, comments removed.
fn ts_source() -> String {
    let start = BINDING
        .find("const TS_TYPES: &str = r#\"")
        .expect("wasm/src/lib.rs defines TS_TYPES");
    let body = &BINDING[start..];
    let body = &body[body.find('"').unwrap() + 1..];
    let body = &body[..body.find("\"#;").expect("TS_TYPES ends with \"#;")];
    let mut out = String::new();
    let mut rest = body;
    while let Some(i) = rest.find("/*") {
        out.push_str(&rest[..i]);
        let j = rest[i..].find("*/").expect("comment closes") + i + 2;
        rest = &rest[j..];
    }
    out.push_str(rest);
    out
}

fn union(ty: &str) -> Union {
    ty.split('|').map(|p| p.trim().to_string()).collect()
}

fn parse_types() -> Types {
    let src = ts_source();
    let mut types = Types {
        aliases: BTreeMap::new(),
        interfaces: BTreeMap::new(),
    };
    let mut rest = src.as_str();
    while let Some(i) = rest.find("export ") {
        rest = &rest[i + "export ".len()..];
        if let Some(decl) = rest.strip_prefix("type ") {
            let (name, ty) = decl.split_once('=').expect("type X = ...");
            let ty = &ty[..ty.find(';').expect("type ends with ;")];
            types.aliases.insert(name.trim().to_string(), union(ty));
        } else if let Some(decl) = rest.strip_prefix("interface ") {
            let (name, body) = decl.split_once('{').expect("interface X {");
            let body = &body[..body.find('}').expect("interface ends with }")];
            let fields = body
                .split(';')
                .map(str::trim)
                .filter(|f| !f.is_empty())
                .map(|f| {
                    let (field, ty) = f.split_once(':').expect("field: type");
                    let field = field.trim();
                    let optional = field.ends_with('?');
                    (field.trim_end_matches('?').to_string(), optional, union(ty))
                })
                .collect();
            types.interfaces.insert(name.trim().to_string(), fields);
        }
    }
    types
}

/// The string literals of a union, `"a" | "b"` → `["a", "b"]`.
fn literals(u: &Union) -> Vec<&str> {
    u.iter()
        .map(|p| {
            p.strip_prefix('"')
                .and_then(|p| p.strip_suffix('"'))
                .unwrap_or_else(|| panic!("{p} is not a string literal"))
        })
        .collect()
}

#[test]
fn typescript_enums_list_the_rust_names_in_order() {
    let types = parse_types();
    let enums: [(&str, &[&str]); 4] = [
        ("ActorKind", ActorKind::NAMES),
        ("MentionKind", MentionKind::NAMES),
        ("QuoteKind", QuoteKind::NAMES),
        ("Stance", Stance::NAMES),
    ];
    for (name, names) in enums {
        let u = types
            .aliases
            .get(name)
            .unwrap_or_else(|| panic!("no type {name}"));
        assert_eq!(literals(u), names, "TS type {name} differs from Rust");
    }
    for interface in ["AnnotateOptions", "Annotation"] {
        let fields = &types.interfaces[interface];
        let (_, _, u) = fields.iter().find(|f| f.0 == "offsets").unwrap();
        assert_eq!(literals(u), OffsetUnit::NAMES, "{interface}.offsets");
    }
    let lists: Vec<&str> = types.interfaces["Annotation"]
        .iter()
        .map(|f| f.0.as_str())
        .filter(|f| List::from_name(f).is_some())
        .collect();
    assert_eq!(lists, List::NAMES, "the lists of Annotation, in order");
}

/// Checks `value` against a TS type; records which part of each union
/// matched, per `path`, in `seen`.
fn conforms(
    types: &Types,
    value: &Value,
    ty: &Union,
    path: &str,
    seen: &mut BTreeMap<String, BTreeSet<String>>,
) -> Result<(), String> {
    for part in ty {
        let ok = match part.as_str() {
            "null" => value.is_null(),
            "number" => value.as_u64().is_some(),
            "string" => value.is_string(),
            "boolean" => value.is_boolean(),
            lit if lit.starts_with('"') => value.as_str() == Some(&lit[1..lit.len() - 1]),
            array if array.ends_with("[]") => match value.as_array() {
                Some(items) => {
                    let item = vec![array[..array.len() - 2].to_string()];
                    for (i, v) in items.iter().enumerate() {
                        conforms(types, v, &item, &format!("{path}[{i}]"), seen)?;
                    }
                    true
                }
                None => false,
            },
            name if types.aliases.contains_key(name) => {
                conforms(types, value, &types.aliases[name], path, seen).is_ok()
            }
            name => {
                let fields = types
                    .interfaces
                    .get(name)
                    .ok_or_else(|| format!("unknown TS type {name}"))?;
                match value.as_object() {
                    Some(obj) => {
                        let declared: BTreeSet<&str> =
                            fields.iter().map(|f| f.0.as_str()).collect();
                        if let Some(extra) = obj.keys().find(|k| !declared.contains(k.as_str())) {
                            return Err(format!("{path}: field {extra} is not in TS {name}"));
                        }
                        for (field, optional, fty) in fields {
                            let at = format!("{name}.{field}");
                            match obj.get(field) {
                                Some(v) => conforms(types, v, fty, &at, seen)
                                    .map_err(|e| format!("{path}.{field}: {e}"))?,
                                None if *optional => {}
                                None => return Err(format!("{path}: {name}.{field} missing")),
                            }
                        }
                        true
                    }
                    None => false,
                }
            }
        };
        if ok {
            seen.entry(path.to_string())
                .or_default()
                .insert(part.clone());
            return Ok(());
        }
    }
    Err(format!("{value} is not {}", ty.join(" | ")))
}

/// Texts that between them give every field both null and non-null.
fn texts() -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut texts: Vec<String> = ["www/sample.txt", "benches/data/politics.txt"]
        .iter()
        .map(|p| std::fs::read_to_string(root.join(p)).unwrap())
        .collect();
    let mut golden: Vec<_> = std::fs::read_dir(root.join("tests/golden"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    golden.sort();
    texts.extend(golden.iter().map(|p| std::fs::read_to_string(p).unwrap()));
    texts.push(String::new());
    texts.push("“Ça va,” dit Zoë 🌍 Dupont. \"Q\\uote\"\u{1}\t said Jane Doe.".into());
    // A relayed quote: its reporter is set.
    texts.push(
        "The union leader Tom Hale urged members to \"stand firm until the end,\" \
         his spokeswoman Ann Reyes said."
            .into(),
    );
    texts
}

#[test]
fn every_document_conforms_to_the_typescript_types() {
    let types = parse_types();
    let doc_type = vec!["Annotation".to_string()];
    let mut seen = BTreeMap::new();
    for text in texts() {
        let annotation = newslens::annotate(&text);
        for &unit in OffsetUnit::ALL {
            let export = Export::new(&text, &annotation, unit);
            let value = serde_json::to_value(&export).unwrap();
            if let Err(e) = conforms(&types, &value, &doc_type, "doc", &mut seen) {
                panic!("a document does not match the TypeScript types: {e}");
            }
        }
    }
    // Every nullable field was seen null and not null, so the check above
    // really tested both halves of its type (an impersonal claim, "it is
    // alleged that", has no claimant).
    for (name, fields) in &types.interfaces {
        for (field, _, ty) in fields {
            let at = format!("{name}.{field}");
            if ty.len() > 1 && ty.contains(&"null".to_string()) && name != "AnnotateOptions" {
                let parts = seen.get(&at).cloned().unwrap_or_default();
                assert!(parts.len() == ty.len(), "{at}: {parts:?} seen of {ty:?}");
            }
        }
    }
}

#[test]
fn the_format_doc_names_every_field_and_value() {
    let types = parse_types();
    for (name, fields) in &types.interfaces {
        if name == "AnnotateOptions" {
            continue;
        }
        for (field, _, _) in fields {
            assert!(
                FORMAT_MD.contains(&format!("`{field}`")),
                "docs/format.md does not describe {name}.{field}"
            );
        }
    }
    let values = [
        OffsetUnit::NAMES,
        ActorKind::NAMES,
        MentionKind::NAMES,
        QuoteKind::NAMES,
        Stance::NAMES,
    ];
    for name in values.concat() {
        assert!(
            FORMAT_MD.contains(&format!("`{name}`"))
                || FORMAT_MD.contains(&format!("`\"{name}\"`")),
            "docs/format.md does not name the value {name:?}"
        );
    }
}

#[test]
fn names_round_trip_through_serde() {
    for &stance in Stance::ALL {
        let json = serde_json::to_string(&stance).unwrap();
        assert_eq!(json, format!("\"{}\"", stance.name()));
        assert_eq!(serde_json::from_str::<Stance>(&json).unwrap(), stance);
    }
    assert!(serde_json::from_str::<ActorKind>("\"persons\"").is_err());
    assert_eq!(OffsetUnit::parse("utf-8"), Some(OffsetUnit::Bytes));
    assert_eq!(OffsetUnit::default(), OffsetUnit::Utf16);
}
