//! The static tables against the run-time loader they replaced, and the
//! key-set format on its own.

mod reference;

use super::keys::{encode, Keys, MAX_KEYS, MAX_SHARED};
use super::parse::rows;
use super::{lexicon, lower, with_lower, Use};
use reference::Reference;

/// Every key of every lexicon, in the forms the engine asks for: as
/// written, lowercase, uppercase, title case, with a final period, with a
/// typographic apostrophe; every word of our own sample texts; and strings
/// that are in no table.
fn probes(reference: &Reference) -> Vec<String> {
    let mut words = reference.words();
    for text in [
        include_str!("../../../benches/data/politics.txt"),
        include_str!("../../../benches/data/business.txt"),
        include_str!("../../../benches/data/feature.txt"),
    ] {
        for w in text.split_whitespace() {
            words.push(w.to_string());
            words.push(w.trim_matches(|c: char| !c.is_alphanumeric()).to_string());
        }
    }
    words.extend(
        [
            "",
            ".",
            "..",
            "’",
            "'",
            "a.",
            "A",
            "ZZZZ",
            "zz top",
            "New",
            "the the",
            "Ünïcödé",
        ]
        .map(String::from),
    );
    let mut probes = Vec::new();
    for w in words {
        let mut chars = w.chars();
        let title: String = chars
            .next()
            .map(|c| {
                c.to_uppercase()
                    .chain(chars.flat_map(char::to_lowercase))
                    .collect()
            })
            .unwrap_or_default();
        probes.extend([
            w.to_lowercase(),
            w.to_uppercase(),
            title,
            format!("{w}."),
            w.replace('\'', "’"),
            w,
        ]);
    }
    probes.sort();
    probes.dedup();
    probes
}

#[test]
fn every_lookup_matches_the_run_time_loader() {
    let old = Reference::load();
    let new = lexicon();
    let probes = probes(&old);
    assert!(probes.len() > 40_000, "only {} probes", probes.len());
    let mut hits = 0;
    for w in &probes {
        let w = w.as_str();
        assert_eq!(new.word_class(w), old.word_class(w), "word_class({w:?})");
        assert_eq!(new.cue_verb(w), old.cue_verb(w), "cue_verb({w:?})");
        assert_eq!(new.cue_noun(w), old.cue_noun(w), "cue_noun({w:?})");
        assert_eq!(new.is_title(w), old.is_title(w), "is_title({w:?})");
        assert_eq!(
            new.starts_title(w),
            old.starts_title(w),
            "starts_title({w:?})"
        );
        assert_eq!(
            new.is_honorific(w),
            old.is_honorific(w),
            "is_honorific({w:?})"
        );
        assert_eq!(
            new.title_kinds(w),
            (old.is_title(w) || old.is_honorific(w), old.starts_title(w)),
            "title_kinds({w:?})"
        );
        assert_eq!(new.role(w), old.role(w), "role({w:?})");
        assert_eq!(
            new.is_given_name(w),
            old.is_given_name(w),
            "is_given_name({w:?})"
        );
        assert_eq!(
            new.given_name_gender(w),
            old.given_name_gender(w),
            "given_name_gender({w:?})"
        );
        assert_eq!(new.known(w), old.known(w), "known({w:?})");
        assert_eq!(new.demonym(w), old.demonym(w), "demonym({w:?})");
        assert_eq!(new.is_org_head(w), old.is_org_head(w), "is_org_head({w:?})");
        assert_eq!(new.is_not_name(w), old.is_not_name(w), "is_not_name({w:?})");
        assert_eq!(new.is_label(w), old.is_label(w), "is_label({w:?})");
        assert_eq!(new.breaks_name(w), old.breaks_name(w), "breaks_name({w:?})");
        assert_eq!(
            new.is_common_word(w),
            old.is_common_word(w),
            "is_common_word({w:?})"
        );
        assert_eq!(
            new.is_abbreviation(w),
            old.is_abbreviation(w),
            "is_abbreviation({w:?})"
        );
        hits += usize::from(new.is_common_word(w)) + usize::from(new.known(w).is_some());
    }
    // The probes do find entries (a broken table would answer "no" to all).
    assert!(hits > 10_000, "only {hits} hits");
    assert_eq!(new.cue_phrases(), old.cue_phrases());
    assert_eq!(new.anonymity_markers(), old.anonymity_markers());
}

#[test]
fn with_lower_is_lower_without_the_allocation() {
    let long = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefgh".repeat(2);
    let mut words = probes(&Reference::load());
    words.extend(
        [
            "",
            "A",
            "ΣΑΣ",
            "İ",
            "Don’t",
            "DON'T",
            &long,
            &long[..32],
            &long[..33],
        ]
        .map(String::from),
    );
    for w in &words {
        assert_eq!(with_lower(w, str::to_string), lower(w), "{w:?}");
    }
}

#[test]
fn lookups_are_exact() {
    let lex = lexicon();
    assert_eq!(
        lex.known("U.S.").map(|k| k.canonical.as_str()),
        Some("United States")
    );
    assert!(lex.known("u.s.").is_none());
    assert!(lex.is_common_word("Claims") && !lex.is_common_word("CLAIMS"));
    assert!(lex.is_abbreviation("No.") && !lex.is_abbreviation("no."));
    assert_eq!(lower("Don’t"), "don't");
}

fn set(keys: &[&str], drop: bool) -> Keys {
    Keys::new(Box::leak(encode(keys, drop).into_boxed_slice()))
}

#[test]
fn keys_find_every_key_and_nothing_else() {
    let long = "x".repeat(MAX_SHARED + 10);
    let longer = format!("{long}y");
    // Shared prefixes past MAX_SHARED, a prefix cut inside a multibyte
    // character (é and è share their first byte), the empty key.
    let keys = [
        "",
        "a",
        "ab",
        "abc",
        "abd",
        "b",
        "caf\u{e8}",
        "caf\u{e9}",
        &long,
        &longer,
        "z z",
    ];
    let mut sorted = keys.to_vec();
    sorted.sort();
    // Drop coding: drops past DROP_ALL ("z z" after `longer`) too.
    for drop in [false, true] {
        let set: &'static Keys = Box::leak(Box::new(set(&sorted, drop)));
        for (n, key) in sorted.iter().enumerate() {
            assert_eq!(set.find(key), Some(n), "{key:?}");
            assert_eq!(set.key(n), *key);
        }
        for absent in [
            "aa",
            "abcd",
            "ac",
            "c",
            "caf",
            "caf\u{ea}",
            "x",
            "z",
            "zz",
            " ",
            "é",
        ] {
            assert_eq!(set.find(absent), None, "{absent:?}");
        }
        assert_eq!(self::set(&[], drop).find("a"), None);
        assert_eq!(self::set(&[], drop).find(""), None);
    }
}

#[test]
fn keys_find_in_the_largest_set_a_table_holds() {
    // Slots keep a key's number in 16 bits and 16 bits of its hash: the
    // largest set must still find every key and nothing else, including
    // words that share a hash's slot or its kept bits with a key.
    let keys: Vec<String> = (0..MAX_KEYS).map(|i| format!("k{i:05}")).collect();
    let mut sorted: Vec<&str> = keys.iter().map(String::as_str).collect();
    sorted.sort();
    let set: &'static Keys = Box::leak(Box::new(set(&sorted, false)));
    for (n, key) in sorted.iter().enumerate() {
        assert_eq!(set.find(key), Some(n), "{key:?}");
    }
    for i in 0..MAX_KEYS {
        assert_eq!(set.find(&format!("j{i:05}")), None);
    }
}

#[test]
#[should_panic(expected = "not sorted or not unique")]
fn encode_refuses_unsorted_keys() {
    encode(&["b", "a"], false);
}

#[test]
#[should_panic(expected = "control byte")]
fn encode_refuses_control_bytes() {
    encode(&["a\tb"], true);
}

#[test]
fn phrases_are_found_by_first_word() {
    let lex = lexicon();
    // The binary search needs the lists grouped by first word, in order.
    for list in [
        lex.cue_phrases()
            .iter()
            .map(|p| p.words[0].as_str())
            .collect::<Vec<_>>(),
        lex.anonymity_markers()
            .iter()
            .map(|m| m[0].as_str())
            .collect(),
    ] {
        assert!(
            list.windows(2).all(|w| w[0] <= w[1]),
            "not sorted by first word"
        );
    }
    assert!(lex
        .cue_phrases_starting_with("according")
        .iter()
        .any(|p| p.words == ["according", "to"]));
    assert!(!lex.anonymity_markers_starting_with("requested").is_empty());
    assert!(lex.cue_phrases_starting_with("zzzz").is_empty());
}

/// Every use, in the order of the enum (the test checks the order).
const ALL_USES: [Use; 64] = [
    Use::Between,
    Use::BeforeContent,
    Use::Addressee,
    Use::SettingLead,
    Use::SettingHead,
    Use::SettingEnd,
    Use::ClauseBreak,
    Use::AdjunctOpener,
    Use::Article,
    Use::Passive,
    Use::ProgressivePassive,
    Use::ParticiplePrep,
    Use::RoleLink,
    Use::PhrasePrep,
    Use::TitleLink,
    Use::LoneQuantifier,
    Use::Coordinator,
    Use::JoinsVerbs,
    Use::AbsoluteOpener,
    Use::Relative,
    Use::Say,
    Use::IrregularParticiple,
    Use::Setting,
    Use::Business,
    Use::Connector,
    Use::And,
    Use::Of,
    Use::PlaceWord,
    Use::SpeechAdverb,
    Use::Locative,
    Use::Seeming,
    Use::SeesAs,
    Use::Female,
    Use::Male,
    Use::FemaleEnding,
    Use::MaleEnding,
    Use::Definite,
    Use::DefiniteArticle,
    Use::Complementizer,
    Use::Elision,
    Use::Kin,
    Use::PersonNoun,
    Use::OrgNoun,
    Use::QuestionLabel,
    Use::AnswerLabel,
    Use::Pointer,
    Use::Particle,
    Use::TaggerSkips,
    Use::ApposedClaim,
    Use::NounFirst,
    Use::QuestionOpener,
    Use::WorkNoun,
    Use::Aspectual,
    Use::Nothing,
    Use::StreetWord,
    Use::StormWord,
    Use::Authored,
    Use::Conduit,
    Use::ThingObject,
    Use::Share,
    Use::GerundEnding,
    Use::ParticipleEnding,
    Use::AdverbEnding,
    Use::AdjectiveEnding,
];

/// A use's name in `function_words.tsv`: its variant in snake_case, as
/// `build.rs` spells it.
fn use_name(u: Use) -> String {
    let mut name = String::new();
    for c in format!("{u:?}").chars() {
        if c.is_ascii_uppercase() && !name.is_empty() {
            name.push('_');
        }
        name.push(c.to_ascii_lowercase());
    }
    name
}

#[test]
fn every_function_word_has_exactly_its_listed_uses() {
    // A use read from the wrong bit, or a word lost on the way to the
    // table, fails here.
    for (i, u) in ALL_USES.into_iter().enumerate() {
        assert_eq!(u as usize, i, "{u:?}");
    }
    let lex = lexicon();
    for row in rows(include_str!("../../../lexicons/function_words.tsv")) {
        let listed: Vec<&str> = row[1].split(',').collect();
        for u in ALL_USES {
            let name = use_name(u);
            let listed = listed.contains(&name.as_str());
            assert_eq!(lex.is(row[0], u), listed, "{row:?} {name}");
            assert_eq!(lex.uses(row[0]).has(u), listed, "{row:?} {name}");
            // An ending is an ending of itself; other uses are no endings.
            if name.ends_with("_ending") {
                assert!(!listed || lex.has_ending(row[0], u), "{row:?} {name}");
            } else {
                assert!(!lex.has_ending(row[0], u), "{row:?} {name}");
            }
        }
    }
    assert!(!lex.is("Who", Use::Relative) && lex.uses_lower("Who").has(Use::Relative));
    assert!(!lex.is("reporter", Use::Addressee));
    assert!(lex.is("Lake", Use::PlaceWord) && !lex.is_any_case("LAKE", Use::PlaceWord));
}

/// `names::evidence` asks about a given name only before a capitalized
/// word and only when the word itself is capitalized.
#[test]
fn every_given_name_starts_with_a_capital() {
    let names = &super::tables::GIVEN_NAMES;
    assert!(names.count() > 100);
    for n in 0..names.count() {
        let name = names.key(n);
        assert!(name.starts_with(char::is_uppercase), "{name:?}");
    }
}
