//! The HashMap loader that parsed `lexicons/*.tsv` at run time until the
//! tables of `build.rs` replaced it, unchanged but for its name. The tests
//! check every lookup of [`super::super::Lexicon`] against it.

use super::super::parse::rows;
use super::super::{lower, CuePhrase, CueVerb, Frames, Gender, Known, PlaceKind, Role, WordClass};
use crate::annotation::Stance;
use std::collections::{HashMap, HashSet};

/// The run-time loader the tables replaced, kept as the oracle.
pub(super) struct Reference {
    grammar: HashMap<String, WordClass>,
    cue_verbs: HashMap<String, CueVerb>,
    cue_phrases: Vec<CuePhrase>,
    cue_nouns: HashMap<String, Stance>,
    titles: HashSet<String>,
    title_first_words: HashSet<String>,
    honorifics: HashSet<String>,
    roles: HashMap<String, Role>,
    anonymity_markers: Vec<Vec<String>>,
    given_names: HashMap<String, Option<Gender>>,
    known: HashMap<String, Known>,
    demonyms: HashMap<String, String>,
    org_heads: HashSet<String>,
    not_names: HashMap<String, bool>,
    labels: HashSet<String>,
    common_words: HashSet<String>,
    abbreviations: HashSet<String>,
}

fn parse_stance(s: &str) -> Option<Stance> {
    Stance::from_name(s)
}

fn parse_frames(s: &str) -> Frames {
    let mut f = Frames::default();
    for part in s.split(',') {
        match part.trim() {
            "quote" => f.quote = true,
            "clause" => f.clause = true,
            "object" => f.object = true,
            "inf" => f.inf = true,
            "of" => f.of = true,
            "source" => f.source = true,
            "reply" => f.reply = true,
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

impl Reference {
    // Long on purpose: the old run-time loader, kept unchanged as the
    // oracle (one short block a lexicon file).
    pub(super) fn load() -> Reference {
        let mut cue_verbs = HashMap::new();
        for r in rows(include_str!("../../../lexicons/cue_verbs.tsv")) {
            let Some(stance) = r.get(2).and_then(|s| parse_stance(s)) else {
                continue;
            };
            let frames = parse_frames(r.get(3).copied().unwrap_or(""));
            for (i, form) in list(r.get(1).copied())
                .chain(r.first().copied())
                .enumerate()
            {
                let form = form.to_lowercase();
                let gerund = form.ends_with("ing");
                cue_verbs.entry(form).or_insert(CueVerb {
                    stance,
                    frames,
                    gerund,
                    present: i < 2 && !gerund,
                    base: i == 0,
                });
            }
        }
        let cue_phrases = rows(include_str!("../../../lexicons/cue_phrases.tsv"))
            .filter_map(|r| {
                Some(CuePhrase {
                    words: r[0].split_whitespace().map(str::to_lowercase).collect(),
                    stance: parse_stance(r.get(1)?)?,
                    frames: parse_frames(r.get(2).copied().unwrap_or("")),
                })
            })
            .collect();
        let mut cue_nouns = HashMap::new();
        for r in rows(include_str!("../../../lexicons/cue_nouns.tsv")) {
            let Some(stance) = r.get(2).and_then(|s| parse_stance(s)) else {
                continue;
            };
            for form in list(r.get(1).copied()).chain(r.first().copied()) {
                cue_nouns.insert(form.to_lowercase(), stance);
            }
        }
        let mut titles = HashSet::new();
        let mut title_first_words = HashSet::new();
        let mut honorifics = HashSet::new();
        for r in rows(include_str!("../../../lexicons/titles.tsv")) {
            let t = r[0].to_lowercase();
            if r.get(1) == Some(&"honorific") {
                honorifics.insert(t.trim_end_matches('.').to_string());
            }
            if let Some(first) = t.split_whitespace().next() {
                title_first_words.insert(first.trim_end_matches('.').to_string());
            }
            titles.insert(t.trim_end_matches('.').to_string());
        }
        let roles = rows(include_str!("../../../lexicons/anonymous_roles.tsv"))
            .map(|r| {
                let role = Role {
                    plural: r.get(1).is_some_and(|n| *n != "singular"),
                    anonymous: r.get(2) == Some(&"yes"),
                    collective: r.get(1) == Some(&"collective"),
                };
                (r[0].to_lowercase(), role)
            })
            .collect();
        let anonymity_markers = rows(include_str!("../../../lexicons/anonymity_markers.tsv"))
            .map(|r| r[0].split_whitespace().map(str::to_lowercase).collect())
            .collect();
        let given_names = rows(include_str!("../../../lexicons/given_names.tsv"))
            .map(|r| {
                let gender = match r.get(1).copied() {
                    Some("f") => Some(Gender::Female),
                    Some("m") => Some(Gender::Male),
                    _ => None,
                };
                (r[0].to_string(), gender)
            })
            .collect();
        let mut known = HashMap::new();
        for r in rows(include_str!("../../../lexicons/places.tsv")) {
            let kind = if r.get(1) == Some(&"city") {
                PlaceKind::City
            } else {
                PlaceKind::Polity
            };
            let entry = Known {
                canonical: r[0].to_string(),
                is_place: true,
                place_kind: Some(kind),
            };
            for name in list(r.get(2).copied()).chain(r.first().copied()) {
                known
                    .entry(name.to_string())
                    .or_insert_with(|| entry.clone());
            }
        }
        for r in rows(include_str!("../../../lexicons/organizations.tsv")) {
            let entry = Known {
                canonical: r[0].to_string(),
                is_place: false,
                place_kind: None,
            };
            for name in list(r.get(2).copied()).chain(r.first().copied()) {
                known
                    .entry(name.to_string())
                    .or_insert_with(|| entry.clone());
            }
        }
        let demonyms = rows(include_str!("../../../lexicons/demonyms.tsv"))
            .filter_map(|r| Some((r[0].to_string(), r.get(1)?.to_string())))
            .collect();
        let org_heads = rows(include_str!("../../../lexicons/org_heads.tsv"))
            .map(|r| r[0].trim_end_matches('.').to_string())
            .collect();
        // Weekdays, months, labels and function words split names apart;
        // section words and openers ("National", "Meanwhile") only stand alone.
        let not_names = rows(include_str!("../../../lexicons/not_names.tsv"))
            .map(|r| {
                let breaks = matches!(
                    r.get(1).copied(),
                    Some("weekday" | "month" | "boilerplate" | "function")
                );
                (r[0].to_string(), breaks)
            })
            .collect();
        let labels = rows(include_str!("../../../lexicons/not_names.tsv"))
            .filter(|r| matches!(r.get(1).copied(), Some("boilerplate" | "section")))
            .map(|r| r[0].to_string())
            .collect();
        let common_words = rows(include_str!("../../../lexicons/common_words.tsv"))
            .map(|r| r[0].to_lowercase())
            .collect();
        // Kept as written: "No." (number) is an abbreviation, "no." ends a sentence.
        let abbreviations = rows(include_str!("../../../lexicons/abbreviations.tsv"))
            .map(|r| r[0].trim_end_matches('.').to_string())
            .collect();
        let grammar = rows(include_str!("../../../lexicons/grammar.tsv"))
            .filter_map(|r| {
                let class = match *r.get(1)? {
                    "det" => WordClass::Det,
                    "quant" => WordClass::Quant,
                    "poss" => WordClass::Poss,
                    "prep" => WordClass::Prep,
                    "conj" => WordClass::Conj,
                    "aux" => WordClass::Aux,
                    "pron" => WordClass::Pron,
                    "rel" => WordClass::Rel,
                    "neg" => WordClass::Neg,
                    _ => return None,
                };
                Some((r[0].to_string(), class))
            })
            .collect();
        Reference {
            grammar,
            cue_verbs,
            cue_phrases,
            cue_nouns,
            titles,
            title_first_words,
            honorifics,
            roles,
            anonymity_markers,
            given_names,
            known,
            demonyms,
            org_heads,
            not_names,
            labels,
            common_words,
            abbreviations,
        }
    }

    /// The class of a closed-class word (lowercase lookup).
    /// Words in capitals are acronyms here ("US", "IT"), not grammar.
    pub fn word_class(&self, word: &str) -> Option<WordClass> {
        if word.chars().count() > 1 && word.chars().all(|c| c.is_uppercase() || c == '.') {
            return None;
        }
        self.grammar.get(&lower(word)).copied()
    }

    /// A verb form of saying, thinking or disputing (lowercase lookup).
    pub fn cue_verb(&self, word: &str) -> Option<CueVerb> {
        self.cue_verbs.get(&lower(word)).copied()
    }

    /// Multiword cues, longest first is up to the caller.
    pub fn cue_phrases(&self) -> &[CuePhrase] {
        &self.cue_phrases
    }

    /// A noun naming a claim ("claims", "denial").
    pub fn cue_noun(&self, word: &str) -> Option<Stance> {
        self.cue_nouns.get(&lower(word)).copied()
    }

    /// True when the lowercase phrase is a title ("secretary of state").
    pub fn is_title(&self, phrase: &str) -> bool {
        self.titles.contains(lower(phrase).trim_end_matches('.'))
    }

    /// True when a title starts with this word.
    pub fn starts_title(&self, word: &str) -> bool {
        self.title_first_words
            .contains(lower(word).trim_end_matches('.'))
    }

    /// True for "Mr", "Mrs", "Dr" and the like.
    pub fn is_honorific(&self, word: &str) -> bool {
        self.honorifics.contains(lower(word).trim_end_matches('.'))
    }

    /// A role noun heading a description ("official", "gunmen").
    pub fn role(&self, word: &str) -> Option<Role> {
        self.roles.get(&lower(word)).copied()
    }

    /// Phrases marking an anonymous source, as lowercase word lists.
    pub fn anonymity_markers(&self) -> &[Vec<String>] {
        &self.anonymity_markers
    }

    /// A common given name, as written ("Maria").
    pub fn is_given_name(&self, word: &str) -> bool {
        self.given_names.contains_key(word)
    }

    /// The gender of a given name, when the list is sure of it.
    pub fn given_name_gender(&self, word: &str) -> Option<Gender> {
        self.given_names.get(word).copied().flatten()
    }

    /// A known place or organization by any of its written forms.
    pub fn known(&self, name: &str) -> Option<&Known> {
        self.known.get(name)
    }

    /// The place a demonym refers to ("French" → "France").
    pub fn demonym(&self, word: &str) -> Option<&str> {
        self.demonyms.get(word).map(String::as_str)
    }

    /// A word that marks an organization name ("Council", "Ministry").
    pub fn is_org_head(&self, word: &str) -> bool {
        self.org_heads.contains(word.trim_end_matches('.'))
    }

    /// A capitalized word that is never a name by itself (weekday, label...).
    /// All-capitals words are looked up in title case ("WORLD" as "World").
    pub fn is_not_name(&self, word: &str) -> bool {
        self.not_name(word).is_some()
    }

    /// A page label ("Related", "Photo", "World") that may be glued to the next word.
    pub fn is_label(&self, word: &str) -> bool {
        self.labels.contains(word)
    }

    /// A word that cannot be part of a name at all (weekday, month, label,
    /// function word), as opposed to one that only cannot stand alone.
    pub fn breaks_name(&self, word: &str) -> bool {
        self.not_name(word) == Some(true)
    }

    fn not_name(&self, word: &str) -> Option<bool> {
        if let Some(&b) = self.not_names.get(word) {
            return Some(b);
        }
        if word.chars().count() > 3 && word.chars().all(|c| !c.is_lowercase()) {
            let mut chars = word.chars();
            let first = chars.next()?;
            let title: String = std::iter::once(first)
                .chain(chars.flat_map(char::to_lowercase))
                .collect();
            return self.not_names.get(&title).copied();
        }
        None
    }

    /// A common English word (lowercase lookup).
    /// Words in capitals are acronyms ("US", "AIDS"), never common words.
    pub fn is_common_word(&self, word: &str) -> bool {
        if word.chars().count() > 1 && word.chars().all(|c| c.is_uppercase() || c == '.') {
            return false;
        }
        self.common_words.contains(&lower(word))
    }

    /// An abbreviation whose period does not end a sentence (without the period).
    /// Entries written with a capital ("No.", "Sen.") match only capitalized
    /// words; lowercase entries ("a.m.", "etc.") match any case.
    pub fn is_abbreviation(&self, word: &str) -> bool {
        let w = word.trim_end_matches('.');
        if self.abbreviations.contains(w) {
            return true;
        }
        let lower_w = w.to_lowercase();
        lower_w != w && self.abbreviations.contains(&lower_w)
    }

    /// Every key of every table, and the names the tables point at.
    pub(super) fn words(&self) -> Vec<String> {
        let mut words: Vec<String> = Vec::new();
        words.extend(self.grammar.keys().cloned());
        words.extend(self.cue_verbs.keys().cloned());
        words.extend(self.cue_phrases.iter().flat_map(|p| p.words.clone()));
        words.extend(self.cue_nouns.keys().cloned());
        words.extend(self.titles.iter().cloned());
        words.extend(self.title_first_words.iter().cloned());
        words.extend(self.honorifics.iter().cloned());
        words.extend(self.roles.keys().cloned());
        words.extend(self.anonymity_markers.iter().flatten().cloned());
        words.extend(self.given_names.keys().cloned());
        words.extend(self.known.keys().cloned());
        words.extend(self.known.values().map(|k| k.canonical.clone()));
        words.extend(self.demonyms.keys().cloned());
        words.extend(self.demonyms.values().cloned());
        words.extend(self.org_heads.iter().cloned());
        words.extend(self.not_names.keys().cloned());
        words.extend(self.labels.iter().cloned());
        words.extend(self.common_words.iter().cloned());
        words.extend(self.abbreviations.iter().cloned());
        words
    }
}
