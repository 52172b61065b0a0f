//! Turns `lexicons/*.tsv` into static lookup tables, so the engine parses
//! nothing at run time (the first `annotate` call in the browser used to
//! spend ~120 ms building HashMaps) and the `.wasm` carries compact data
//! instead of the TSV text.
//!
//! The TSV files stay the human-edited source of truth. This script reads
//! them with the same dialect as before (`src/lexicon/parse.rs`) and
//! applies the same normalizations (lowercasing, dropped final periods,
//! first or last entry wins) as the old run-time loader, then writes
//! `$OUT_DIR/lexicon_tables.rs`, which `src/lexicon/tables.rs` includes.
//!
//! Key sets are stored front-coded (`src/lexicon/keys.rs` has the format
//! and the lookup); values sit in parallel arrays of the engine's own
//! types, in the keys' sorted order. The known names are stored grouped
//! (a name, then its other forms), with no values.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

#[allow(dead_code)] // the lookup half is the engine's
#[path = "src/lexicon/keys.rs"]
mod keys;
#[allow(dead_code)]
#[path = "src/tagger/packed.rs"]
mod packed;
#[path = "src/lexicon/parse.rs"]
mod parse;

use parse::rows;

/// `Stance::Variant` for a stance's name in a TSV, from the `named_enum!`
/// in `src/annotation.rs`, the one place the names are spelled.
fn stance(s: &str) -> Option<String> {
    static STANCES: std::sync::OnceLock<Vec<(String, String)>> = std::sync::OnceLock::new();
    STANCES
        .get_or_init(|| enum_names("src/annotation.rs", "Stance"))
        .iter()
        .find(|(name, _)| name == s)
        .map(|(_, v)| format!("Stance::{v}"))
}

/// The number of a stance (`Stance::ALL` order), below 16.
fn stance_number(s: &str) -> Option<u16> {
    let n = enum_names("src/annotation.rs", "Stance")
        .iter()
        .position(|(name, _)| name == s)?;
    assert!(
        n < 16,
        "Stance has more variants than CueVerb::unpack reads"
    );
    Some(n as u16)
}

/// The `(name, Variant)` pairs of a `named_enum!` (`Variant = "name",` lines).
fn enum_names(file: &str, enum_name: &str) -> Vec<(String, String)> {
    let pairs: Vec<(String, String)> = enum_body(file, enum_name)
        .lines()
        .filter_map(|l| {
            let (variant, name) = l.trim().strip_suffix(',')?.split_once(" = ")?;
            Some((name.trim_matches('"').to_string(), variant.to_string()))
        })
        .collect();
    assert!(
        !pairs.is_empty(),
        "{file}: enum {enum_name} has no named variants"
    );
    pairs
}

/// The bits `CueVerb::unpack` and the phrases' values read `frame_flags`'
/// seven frames at (bits 9-11 are a verb's forms).
const FRAME_BITS: [u16; 7] = [4, 5, 6, 7, 8, 12, 13];

/// quote, clause, object, inf, of, source, reply: the frames a cue takes
/// (no verb names its source after it).
fn frame_flags(s: &str) -> [bool; 7] {
    let mut f = [false; 7];
    for part in s.split(',') {
        match part.trim() {
            "quote" => f[0] = true,
            "clause" => f[1] = true,
            "object" => f[2] = true,
            "inf" => f[3] = true,
            "of" => f[4] = true,
            "source" => f[5] = true,
            "reply" => f[6] = true,
            _ => {}
        }
    }
    f
}

fn list(s: Option<&str>) -> impl Iterator<Item = &str> {
    s.unwrap_or("")
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
}

/// The key sets stored drop-coded (`src/lexicon/keys.rs`): lists of
/// inflected words, 1.1 KB smaller so in the gzipped `.wasm` (2026-12-05;
/// every set drop-coded: 0.7 KB; the others, names mostly, gzip smaller
/// prefix-coded).
const DROP_CODED: [&str; 4] = ["COMMON_WORDS", "CUE_VERBS", "CUE_NOUNS", "ROLES"];

/// The `u16` value tables stored planar (`src/lexicon/types.rs`, `Planar`):
/// their low bytes, then their high bytes, ~330 bytes smaller so in the
/// gzipped `.wasm` (2026-12-05: the cue verbs' packed flags 758 -> 533
/// gzipped alone, the demonyms' places 466 -> 357; the known names' values,
/// mostly small, gzip better as `u16`s).
const PLANAR: [&str; 2] = ["CUE_VERBS", "DEMONYMS"];

/// The `u8` value tables whose values are below 4 stored four a byte
/// (`src/lexicon/types.rs`, `crumb`): the not-names' bits, core .wasm
/// 132,549 -> 132,495 bytes gzipped (2026-12-07; the given names' genders
/// too, 310 -> 262 gzipped alone, made it 132,601).
const CRUMBS: [&str; 1] = ["NOT_NAMES"];

struct Out {
    dir: PathBuf,
    code: String,
}

impl Out {
    /// A key set: `NAME: Keys` over the sorted keys of `map`, and when
    /// `ty` is given, `NAME_VALUES: [ty; n]` in the same order.
    fn table(&mut self, name: &str, map: &BTreeMap<String, String>, ty: Option<&str>) {
        let keys: Vec<&str> = map.keys().map(String::as_str).collect();
        assert!(
            keys.len() <= keys::MAX_KEYS,
            "{name}: more keys than a lookup table holds"
        );
        let blob = keys::encode(&keys, DROP_CODED.contains(&name));
        let file = format!("{}.bin", name.to_lowercase());
        std::fs::write(self.dir.join(&file), &blob).unwrap();
        writeln!(
            self.code,
            "pub(super) static {name}: Keys = Keys::new(include_bytes!(concat!(env!(\"OUT_DIR\"), \"/{file}\")));"
        )
        .unwrap();
        if ty == Some("u8") && CRUMBS.contains(&name) {
            let mut bytes = vec![0u8; map.len().div_ceil(4)];
            for (i, v) in map.values().enumerate() {
                let v: u8 = v.parse().unwrap();
                assert!(v < 4, "{name}: a value above 3");
                bytes[i / 4] |= v << (i % 4 * 2);
            }
            let bytes: Vec<String> = bytes.iter().map(u8::to_string).collect();
            writeln!(
                self.code,
                "pub(super) static {name}_VALUES: [u8; {}] = [{}];",
                bytes.len(),
                bytes.join(",")
            )
            .unwrap();
        } else if ty == Some("u16") && PLANAR.contains(&name) {
            let values: Vec<u16> = map.values().map(|v| v.parse().unwrap()).collect();
            self.planar(&format!("{name}_VALUES"), &values);
        } else if let Some(ty) = ty {
            let values: Vec<&str> = map.values().map(String::as_str).collect();
            writeln!(
                self.code,
                "pub(super) static {name}_VALUES: [{ty}; {}] = [{}];",
                values.len(),
                values.join(",")
            )
            .unwrap();
        }
    }

    /// `NAME: Planar<n>` of `values`.
    fn planar(&mut self, name: &str, values: &[u16]) {
        let bytes = |f: fn(u16) -> u8| {
            let b: Vec<String> = values.iter().map(|&v| f(v).to_string()).collect();
            b.join(",")
        };
        writeln!(
            self.code,
            "pub(super) static {name}: Planar<{n}> = Planar {{ lo: [{}], hi: [{}] }};",
            bytes(|v| v as u8),
            bytes(|v| (v >> 8) as u8),
            n = values.len(),
        )
        .unwrap();
    }

    /// `NAME: &str`, the items one a line: in the `.wasm`, one string
    /// instead of an 8-byte pointer and length an item besides the text.
    fn lines(&mut self, name: &str, items: &[String]) {
        writeln!(
            self.code,
            "pub(super) static {name}: &str = {:?};",
            items.join("\n")
        )
        .unwrap();
    }

    fn strs(&mut self, name: &str, items: &[String]) {
        let items: Vec<String> = items.iter().map(|s| format!("{s:?}")).collect();
        writeln!(
            self.code,
            "pub(super) static {name}: [&str; {}] = [{}];",
            items.len(),
            items.join(",")
        )
        .unwrap();
    }
}

// Long on purpose: one short block a lexicon file, in the order of the
// generated tables, each reading its file from top to bottom.
fn main() {
    let root = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap());
    let lexicons = root.join("lexicons");
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed=src/annotation.rs");
    println!("cargo:rerun-if-changed=src/lexicon/parse.rs");
    println!("cargo:rerun-if-changed=src/lexicon/keys.rs");
    println!("cargo:rerun-if-changed=src/tagger/packed.rs");
    println!("cargo:rerun-if-changed=src/lexicon/types.rs");
    println!("cargo:rerun-if-changed=lexicons");
    dense_weights(&root);
    letters();
    let read = |name: &str| -> &'static str {
        let path: &Path = &lexicons.join(name);
        println!("cargo:rerun-if-changed={}", path.display());
        let text = std::fs::read_to_string(path)
            .unwrap_or_else(|e| panic!("reading {}: {e}", path.display()));
        Box::leak(text.into_boxed_str())
    };
    let mut out = Out {
        dir: PathBuf::from(std::env::var("OUT_DIR").unwrap()),
        code: String::from("// Generated by build.rs from lexicons/*.tsv. Do not edit.\n"),
    };

    // grammar.tsv: last entry wins (the old loader collected into a HashMap).
    let mut grammar = BTreeMap::new();
    for r in rows(read("grammar.tsv")) {
        let class = match r.get(1).copied() {
            Some("det") => "Det",
            Some("quant") => "Quant",
            Some("poss") => "Poss",
            Some("prep") => "Prep",
            Some("conj") => "Conj",
            Some("aux") => "Aux",
            Some("pron") => "Pron",
            Some("rel") => "Rel",
            Some("neg") => "Neg",
            _ => continue,
        };
        grammar.insert(r[0].to_string(), format!("WordClass::{class}"));
    }
    out.table("GRAMMAR", &grammar, Some("WordClass"));

    // cue_verbs.tsv: every form, lowercase; the first lemma to list a form wins.
    let mut cue_verbs = BTreeMap::new();
    for r in rows(read("cue_verbs.tsv")) {
        // Packed in a u16 as `CueVerb::unpack` reads it: the stance's
        // number, then a bit each for the frames, gerund, present and base
        // (a 9-byte struct a form was ~600 bytes more of gzipped .wasm).
        let Some(stance) = r.get(2).and_then(|s| stance_number(s)) else {
            continue;
        };
        let frames = frame_flags(r.get(3).copied().unwrap_or(""))
            .iter()
            .zip(FRAME_BITS)
            .fold(0u16, |bits, (&on, k)| bits | u16::from(on) << k);
        for (i, form) in list(r.get(1).copied())
            .chain(r.first().copied())
            .enumerate()
        {
            let form = form.to_lowercase();
            let gerund = form.ends_with("ing");
            // The lemma and its -s form come first: "report", "reports".
            let present = i < 2 && !gerund;
            let base = i == 0;
            let flags = u16::from(gerund) << 9 | u16::from(present) << 10 | u16::from(base) << 11;
            cue_verbs
                .entry(form)
                .or_insert(format!("{}", stance | frames | flags));
        }
    }
    out.table("CUE_VERBS", &cue_verbs, Some("u16"));

    // cue_phrases.tsv: kept in file order, words lowercase and joined by one
    // space, one phrase a line; their stances and frames in the same order.
    // Their stances and frames packed in a u16 as `CuePhrase::unpack` reads
    // it (`CueVerb::unpack`'s bits, and source in bit 12), stored planar: a
    // `(Stance, Frames)` a phrase, 7 bytes, was 125 bytes more of gzipped
    // .wasm.
    let mut phrases = Vec::new();
    let mut values = Vec::new();
    for r in rows(read("cue_phrases.tsv")) {
        let Some(stance) = r.get(1).and_then(|s| stance_number(s)) else {
            continue;
        };
        let words: Vec<String> = r[0].split_whitespace().map(str::to_lowercase).collect();
        let bits = frame_flags(r.get(2).copied().unwrap_or(""))
            .iter()
            .zip(FRAME_BITS)
            .fold(stance, |bits, (&on, k)| bits | u16::from(on) << k);
        values.push(bits);
        phrases.push(words.join(" "));
    }
    out.lines("CUE_PHRASES", &phrases);
    out.planar("CUE_PHRASE_VALUES", &values);

    // cue_nouns.tsv: every form, lowercase; the last one wins.
    let mut cue_nouns = BTreeMap::new();
    for r in rows(read("cue_nouns.tsv")) {
        let Some(stance) = r.get(2).and_then(|s| stance(s)) else {
            continue;
        };
        for form in list(r.get(1).copied()).chain(r.first().copied()) {
            cue_nouns.insert(form.to_lowercase(), stance.clone());
        }
    }
    out.table("CUE_NOUNS", &cue_nouns, Some("Stance"));

    // titles.tsv: one table, a bit set per key (TITLE, TITLE_START, HONORIFIC,
    // OFFICE).
    let mut titles: BTreeMap<String, u8> = BTreeMap::new();
    for r in rows(read("titles.tsv")) {
        let t = r[0].to_lowercase();
        if r.get(1) == Some(&"office") {
            *titles
                .entry(t.trim_end_matches('.').to_string())
                .or_default() |= 8;
        }
        if r.get(1) == Some(&"honorific") {
            *titles
                .entry(t.trim_end_matches('.').to_string())
                .or_default() |= 4;
        }
        if let Some(first) = t.split_whitespace().next() {
            *titles
                .entry(first.trim_end_matches('.').to_string())
                .or_default() |= 2;
        }
        *titles
            .entry(t.trim_end_matches('.').to_string())
            .or_default() |= 1;
    }
    out.table("TITLES", &to_strings(&titles), Some("u8"));
    // The plainer nouns a title's holder is called by ("senator" -> "lawmaker,legislator").
    let also: BTreeMap<String, String> = rows(read("titles.tsv"))
        .filter(|r| r.get(2).is_some_and(|a| !a.is_empty()))
        .map(|r| (r[0].to_lowercase(), format!("{:?}", r[2])))
        .collect();
    out.table("TITLE_ALSO", &also, Some("&str"));

    // anonymous_roles.tsv: lowercase; the last one wins.
    // A role packed in a byte as `Role::unpack` reads it: plural, anonymous,
    // collective (three `bool`s a role were 81 bytes more of gzipped .wasm).
    let mut roles = BTreeMap::new();
    for r in rows(read("anonymous_roles.tsv")) {
        let role = u8::from(r.get(1).is_some_and(|n| *n != "singular"))
            | u8::from(r.get(2) == Some(&"yes")) << 1
            | u8::from(r.get(1) == Some(&"collective")) << 2;
        roles.insert(r[0].to_lowercase(), role.to_string());
    }
    out.table("ROLES", &roles, Some("u8"));

    // anonymity_markers.tsv: file order, words lowercase and joined by one
    // space, one marker a line.
    let markers: Vec<String> = rows(read("anonymity_markers.tsv"))
        .map(|r| {
            let words: Vec<String> = r[0].split_whitespace().map(str::to_lowercase).collect();
            words.join(" ")
        })
        .collect();
    out.lines("ANONYMITY_MARKERS", &markers);

    // given_names.tsv: as written; the value is the gender (0 unknown, 1
    // female, 2 male).
    let given: BTreeMap<String, String> = rows(read("given_names.tsv"))
        .map(|r| {
            let g = match r.get(1).copied() {
                Some("f") => "1",
                Some("m") => "2",
                _ => "0",
            };
            (r[0].to_string(), g.to_string())
        })
        .collect();
    out.table("GIVEN_NAMES", &given, Some("u8"));

    // places.tsv then organizations.tsv: every written form; the first wins.
    // A form's kind is its row's (0 organization, 1 polity, 2 city), its
    // canonical name the row's name. Stored grouped (`keys::encode_groups`):
    // each name, then its other forms, the names ordered by kind, then
    // alphabetically, so a key's number gives its kind (KNOWN_POLITIES,
    // KNOWN_CITIES: where the kinds start) and its group's head its
    // canonical name, and no value is stored (a u16 a form before: the set
    // and its values 11,353 -> 10,415 bytes gzipped alone, 2026-12-06).
    let mut known: BTreeMap<String, (String, u16)> = BTreeMap::new();
    for (file, is_place) in [("places.tsv", true), ("organizations.tsv", false)] {
        for r in rows(read(file)) {
            let kind = match (is_place, r.get(1) == Some(&"city")) {
                (false, _) => 0,
                (true, false) => 1,
                (true, true) => 2,
            };
            for name in list(r.get(2).copied()).chain(r.first().copied()) {
                known
                    .entry(name.to_string())
                    .or_insert((r[0].to_string(), kind));
            }
        }
    }
    // (kind, name) -> the name's other forms, sorted.
    let mut groups: BTreeMap<(u16, &str), Vec<&str>> = BTreeMap::new();
    for (form, (name, kind)) in &known {
        assert_eq!(
            known[name.as_str()],
            (name.clone(), *kind),
            "known name {name:?}: its own row is not the first to list it"
        );
        let forms = groups.entry((*kind, name.as_str())).or_default();
        if form != name {
            forms.push(form.as_str());
        }
    }
    let mut number: BTreeMap<&str, usize> = BTreeMap::new();
    let mut kind_starts = [usize::MAX; 3];
    for ((kind, name), forms) in &groups {
        let start = &mut kind_starts[usize::from(*kind)];
        *start = (*start).min(number.len());
        for form in std::iter::once(name).chain(forms) {
            number.insert(form, number.len());
        }
    }
    assert!(
        number.len() <= keys::MAX_KEYS,
        "KNOWN: more keys than a lookup table holds"
    );
    let groups: Vec<(&str, Vec<&str>)> = groups
        .into_iter()
        .map(|((_, name), forms)| (name, forms))
        .collect();
    std::fs::write(out.dir.join("known.bin"), keys::encode_groups(&groups)).unwrap();
    writeln!(
        out.code,
        "pub(super) static KNOWN: Keys = Keys::new(include_bytes!(concat!(env!(\"OUT_DIR\"), \"/known.bin\")));\n\
         pub(super) const KNOWN_COUNT: usize = {};\n\
         pub(super) const KNOWN_POLITIES: usize = {};\n\
         pub(super) const KNOWN_CITIES: usize = {};",
        number.len(),
        kind_starts[1],
        kind_starts[2]
    )
    .unwrap();

    // demonyms.tsv: the last one wins. The place is the number of its key in
    // KNOWN, or with the top bit set, an index into DEMONYM_PLACES (places
    // that are not known names, which lexicons/check.py does not allow).
    let mut extra: Vec<String> = Vec::new();
    let mut demonyms = BTreeMap::new();
    for r in rows(read("demonyms.tsv")) {
        let Some(place) = r.get(1) else { continue };
        let value = match number.get(place) {
            Some(&n) => n,
            None => {
                extra.push(place.to_string());
                0x8000 | (extra.len() - 1)
            }
        };
        demonyms.insert(r[0].to_string(), value.to_string());
    }
    out.table("DEMONYMS", &demonyms, Some("u16"));
    out.strs("DEMONYM_PLACES", &extra);

    // org_heads.tsv: without the final period.
    let heads: BTreeSet<String> = rows(read("org_heads.tsv"))
        .map(|r| r[0].trim_end_matches('.').to_string())
        .collect();
    out.table("ORG_HEADS", &to_set(&heads), None);

    // not_names.tsv: bit 1 = breaks a name (the last row wins), bit 2 = a label.
    let mut not_names: BTreeMap<String, u8> = BTreeMap::new();
    for r in rows(read("not_names.tsv")) {
        let reason = r.get(1).copied();
        let breaks = matches!(
            reason,
            Some("weekday" | "month" | "boilerplate" | "function")
        );
        let label = matches!(reason, Some("boilerplate" | "section"));
        let bits = not_names.entry(r[0].to_string()).or_default();
        *bits = (*bits & 2) | u8::from(breaks) | (u8::from(label) << 1);
    }
    out.table("NOT_NAMES", &to_strings(&not_names), Some("u8"));

    // common_words.tsv: lowercase.
    // The words of the cue verbs, cue nouns, grammar and roles that are
    // common are not stored again: a bitmap a set says which they are
    // (`Keys::with_keys_of`), and the common words' index takes them from
    // those sets (1,161 of 7,920 words; the common words 10,342 -> 9,490
    // bytes gzipped alone, the bitmaps 202 bytes raw; core .wasm -601
    // gzipped, 2026-12-06).
    let mut common: BTreeSet<String> = rows(read("common_words.tsv"))
        .map(|r| r[0].to_lowercase())
        .collect();
    let mut also = Vec::new();
    for (name, set) in [
        ("CUE_VERBS", &cue_verbs),
        ("GRAMMAR", &grammar),
        ("ROLES", &roles),
        ("CUE_NOUNS", &cue_nouns),
    ] {
        let mut bits = vec![0u8; set.len().div_ceil(8)];
        for (n, key) in set.keys().enumerate() {
            if common.remove(key) {
                bits[n / 8] |= 1 << (n % 8);
            }
        }
        let bits: Vec<String> = bits.iter().map(u8::to_string).collect();
        writeln!(
            out.code,
            "pub(super) static {name}_COMMON: [u8; {}] = [{}];",
            bits.len(),
            bits.join(",")
        )
        .unwrap();
        also.push(format!("(&{name}, &{name}_COMMON)"));
    }
    out.table("COMMON_WORDS", &to_set(&common), None);
    // (`out.table` wrote the plain set: made one with the other sets' keys.)
    let plain = "pub(super) static COMMON_WORDS: Keys = Keys::new(";
    let at = out.code.rfind(plain).unwrap();
    out.code.replace_range(
        at..at + plain.len(),
        "pub(super) static COMMON_WORDS: Keys = Keys::with_keys_of(",
    );
    let end = at + out.code[at..].find(");\n").unwrap();
    out.code
        .insert_str(end, &format!(", &[{}]", also.join(", ")));

    // abbreviations.tsv: as written, without the final period.
    let abbreviations: BTreeSet<String> = rows(read("abbreviations.tsv"))
        .map(|r| r[0].trim_end_matches('.').to_string())
        .collect();
    out.table("ABBREVIATIONS", &to_set(&abbreviations), None);
    // Title abbreviations and the words they stand for ("Sen" -> "senator").
    let expansions: BTreeMap<String, String> = rows(read("abbreviations.tsv"))
        .filter(|r| r.get(2).is_some_and(|e| !e.is_empty()))
        .map(|r| {
            (
                r[0].trim_end_matches('.').to_string(),
                format!("{:?}", r[2]),
            )
        })
        .collect();
    out.table("TITLE_EXPANSIONS", &expansions, Some("&str"));

    // Pronouns (src/attribution/), lowercase.
    let mut pronouns = BTreeMap::new();
    for r in rows(read("pronouns.tsv")) {
        let cases: Vec<&str> = list(r.get(1).copied()).collect();
        let refers = match r.get(3).copied() {
            Some("person") => "Person",
            Some("thing") => "Thing",
            _ => "Any",
        };
        let gender = match r.get(4).copied() {
            Some("f") => "Some(super::Gender::Female)",
            Some("m") => "Some(super::Gender::Male)",
            _ => "None",
        };
        pronouns.insert(
            r[0].to_lowercase(),
            format!(
                "super::Pronoun {{ subject: {}, object: {}, possessive: {}, reflexive: {}, third_person: {}, refers: super::Refers::{refers}, gender: {gender} }}",
                cases.contains(&"subject"),
                cases.contains(&"object"),
                cases.contains(&"possessive"),
                cases.contains(&"reflexive"),
                r.get(2) == Some(&"third"),
            ),
        );
    }
    out.table("PRONOUNS", &pronouns, Some("super::Pronoun"));
    function_words(&mut out, read("function_words.tsv"));
    gather_blobs(&mut out);

    std::fs::write(out.dir.join("lexicon_tables.rs"), out.code).unwrap();
}

/// The key sets' blobs in the order that gzips best, one after another
/// (`BLOB_ORDER`; a set not listed goes last, in the order written).
/// Each `.bin` was a static of its own that the linker placed among the
/// other read-only data (tables of numbers and addresses, strings), far
/// from the blobs like it; gathered in one `#[repr(C)]` static (its
/// fields keep their order) the core `.wasm` is 133,082 -> 131,920 bytes
/// gzipped, the same bytes (2026-12-07, session 29; gathered in the
/// tables' own order -1,048, this order, from a local search over the
/// data segment's gzipped size, -114 more; `letters.bin` among them did
/// not pay).
const BLOB_ORDER: [&str; 15] = [
    "cue_verbs",
    "cue_nouns",
    "common_words",
    "pronouns",
    "roles",
    "titles",
    "function_words",
    "grammar",
    "not_names",
    "abbreviations",
    "title_expansions",
    "org_heads",
    "demonyms",
    "known",
    "given_names",
];

/// Rewrites the key sets' `include_bytes!` in `out.code` as fields of one
/// static, `BLOBS` ([`BLOB_ORDER`]).
fn gather_blobs(out: &mut Out) {
    const HEAD: &str = "include_bytes!(concat!(env!(\"OUT_DIR\"), \"/";
    const TAIL: &str = ".bin\"))";
    let mut names: Vec<String> = Vec::new();
    let mut code = String::new();
    let mut rest = out.code.as_str();
    while let Some(at) = rest.find(HEAD) {
        let after = &rest[at + HEAD.len()..];
        let end = after.find(TAIL).unwrap();
        let name = after[..end].to_string();
        code.push_str(&rest[..at]);
        write!(code, "&BLOBS.{name}").unwrap();
        rest = &after[end + TAIL.len()..];
        names.push(name);
    }
    code.push_str(rest);
    names.sort_by_key(|n| {
        BLOB_ORDER
            .iter()
            .position(|o| o == n)
            .unwrap_or(BLOB_ORDER.len())
    });
    let mut fields = String::new();
    let mut values = String::new();
    for name in &names {
        let len = std::fs::metadata(out.dir.join(format!("{name}.bin")))
            .unwrap()
            .len();
        write!(fields, "{name}: [u8; {len}], ").unwrap();
        write!(
            values,
            "{name}: *include_bytes!(concat!(env!(\"OUT_DIR\"), \"/{name}.bin\")), "
        )
        .unwrap();
    }
    writeln!(
        code,
        "#[repr(C)]\nstruct Blobs {{ {fields}}}\nstatic BLOBS: Blobs = Blobs {{ {values}}};"
    )
    .unwrap();
    out.code = code;
}

fn to_strings(map: &BTreeMap<String, u8>) -> BTreeMap<String, String> {
    map.iter()
        .map(|(k, v)| (k.clone(), v.to_string()))
        .collect()
}

fn to_set(set: &BTreeSet<String>) -> BTreeMap<String, String> {
    set.iter().map(|k| (k.clone(), String::new())).collect()
}

/// function_words.tsv: as written; the value is the set of its uses, one
/// bit a use of a u64, in the order of `Use` in src/lexicon/types.rs,
/// where the names are spelled (in CamelCase). Few words share a set, so
/// the table stores a byte a word, the index of its set in
/// `FUNCTION_WORD_USES` (a third of the data a u64 a word is). The words
/// with an ending use are listed again, for suffix matching.
fn function_words(out: &mut Out, text: &'static str) {
    let uses = enum_variants("src/lexicon/types.rs", "Use");
    assert!(uses.len() <= 64, "more uses than bits");
    let mut words = BTreeMap::new();
    let mut endings = Vec::new();
    for r in rows(text) {
        let mut bits = 0u64;
        for name in list(r.get(1).copied()) {
            let (i, (_, variant)) = uses
                .iter()
                .enumerate()
                .find(|(_, (n, _))| n == name)
                .unwrap_or_else(|| panic!("function_words.tsv: unknown use {name:?}"));
            bits |= 1 << i;
            if name.ends_with("_ending") {
                endings.push(format!("({:?}, Use::{variant})", r[0]));
            }
        }
        words.insert(r[0].to_string(), bits);
    }
    let sets: Vec<u64> = words
        .values()
        .copied()
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    assert!(sets.len() <= 256, "more sets of uses than a byte counts");
    let index: BTreeMap<String, String> = words
        .iter()
        .map(|(w, bits)| (w.clone(), sets.binary_search(bits).unwrap().to_string()))
        .collect();
    out.table("FUNCTION_WORDS", &index, Some("u8"));
    let sets: Vec<String> = sets.iter().map(|bits| format!("Uses({bits})")).collect();
    writeln!(
        out.code,
        "pub(super) static FUNCTION_WORD_USES: [Uses; {}] = [{}];",
        sets.len(),
        sets.join(",")
    )
    .unwrap();
    writeln!(
        out.code,
        "pub(super) static WORD_ENDINGS: [(&str, Use); {}] = [{}];",
        endings.len(),
        endings.join(",")
    )
    .unwrap();
}

/// The text between `pub enum NAME {` and the first `}` after it in `file`.
fn enum_body(file: &str, enum_name: &str) -> String {
    let src = std::fs::read_to_string(file).unwrap_or_else(|e| panic!("{file}: {e}"));
    let body = src
        .split(&format!("pub enum {enum_name} {{"))
        .nth(1)
        .unwrap_or_else(|| panic!("{file} has no enum {enum_name}"));
    body[..body.find('}').unwrap_or(body.len())].to_string()
}

/// The `(snake_case name, Variant)` pairs of a plain enum, in order: its
/// lines that are `Variant,` (doc comments and attributes skipped).
fn enum_variants(file: &str, enum_name: &str) -> Vec<(String, String)> {
    enum_body(file, enum_name)
        .lines()
        .filter_map(|l| l.trim().strip_suffix(','))
        .filter(|v| v.chars().all(|c| c.is_ascii_alphanumeric()))
        .map(|v| {
            let mut name = String::new();
            for c in v.chars() {
                if c.is_ascii_uppercase() && !name.is_empty() {
                    name.push('_');
                }
                name.push(c.to_ascii_lowercase());
            }
            (name, v.to_string())
        })
        .collect()
}

/// The tagger's shipped weights (`src/tagger/ner.bin`, the format is in
/// `src/tagger/model.rs`) as the table `Model::from_bytes` makes of them,
/// `2^bits * 9` code bytes, row-major, to `OUT_DIR/ner.dense`: a native
/// build includes the table and reads only the file's head at run time
/// (decoding the table is ~30 M instructions a process, ~2.7 M before
/// the range-coded format 5). The `.wasm`
/// decodes the file (the table would be 576 KB more to download). A
/// file that is no valid model makes an empty table: `Model::from_bytes`
/// then reports it at run time.
fn dense_weights(root: &Path) {
    let path = root.join("src/tagger/ner.bin");
    println!("cargo:rerun-if-changed={}", path.display());
    let out = PathBuf::from(std::env::var("OUT_DIR").unwrap()).join("ner.dense");
    let bytes = std::fs::read(&path).unwrap_or_default();
    let table = decode_dense(&bytes).unwrap_or_default();
    std::fs::write(&out, table).unwrap_or_else(|e| panic!("writing {}: {e}", out.display()));
}

/// The weight table of a `ner.bin` (`None`: not a valid file).
fn decode_dense(bytes: &[u8]) -> Option<Vec<u8>> {
    const TAGS: usize = 9;
    const LEVELS: usize = 128;
    const HEAD: usize = 8 + 2 + LEVELS * 4 + (TAGS + 1) * TAGS * 4;
    if bytes.get(..8)? != b"NLNER\0\0\x05" || usize::from(*bytes.get(9)?) != TAGS {
        return None;
    }
    let bits = *bytes.get(8)?;
    if !(8..=24).contains(&bits) {
        return None;
    }
    let levels: Vec<i32> = bytes
        .get(10..10 + LEVELS * 4)?
        .chunks_exact(4)
        .map(|b| i32::from_le_bytes([b[0], b[1], b[2], b[3]]))
        .collect();
    packed::decode(bits, &levels, bytes.get(HEAD..)?).ok()
}

/// `letters.bin` (`src/letters.rs`): from U+0080 up, the runs of
/// characters with the same four answers of core's (alphabetic, numeric,
/// lowercase, uppercase: bits 0-3), a byte a run: the answers, and the
/// run's length in bits 4-6 when below 8, else bit 7 set and the length in
/// LEB128 bytes after it. Surrogates, no characters, extend the run before
/// them.
fn letters() {
    let answers = |c: char| {
        u8::from(c.is_alphabetic())
            | u8::from(c.is_numeric()) << 1
            | u8::from(c.is_lowercase()) << 2
            | u8::from(c.is_uppercase()) << 3
    };
    let mut runs: Vec<(u32, u8)> = Vec::new();
    for c in (0x80..=0x10ffff).filter_map(char::from_u32) {
        let a = answers(c);
        if runs.last().is_none_or(|&(_, last)| last != a) {
            runs.push((c as u32, a));
        }
    }
    let mut blob = Vec::new();
    for (i, &(start, a)) in runs.iter().enumerate() {
        let end = runs.get(i + 1).map_or(0x110000, |r| r.0);
        let mut len = end - start;
        if len < 8 {
            blob.push(a | (len as u8) << 4);
            continue;
        }
        blob.push(a | 0x80);
        loop {
            let b = (len & 0x7f) as u8;
            len >>= 7;
            if len == 0 {
                blob.push(b);
                break;
            }
            blob.push(b | 0x80);
        }
    }
    let out = PathBuf::from(std::env::var("OUT_DIR").unwrap());
    std::fs::write(out.join("letters.bin"), blob).unwrap();
}
