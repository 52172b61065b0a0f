//! Grouping name mentions into actors: full names and surnames, acronyms and
//! their expansions, and the written variants of known places.

use super::names::{Hint, Name};
use super::{Actors, MentionDraft};
use crate::annotation::{ActorKind, MentionKind};
use crate::lexicon::{lexicon, WordClass};
use crate::text::{Doc, Lower, TokenKind};
use std::collections::HashMap;

/// Builds actors from names, in text order.
pub fn merge(doc: &Doc, names: Vec<Name>) -> Actors {
    let lex = lexicon();
    let mut actors = Actors::default();
    let mut by_key: HashMap<String, usize> = HashMap::new();
    // Surname (last word) of each person actor → actor, latest wins.
    let mut surnames: HashMap<String, usize> = HashMap::new();
    let texts: Vec<String> = names.iter().map(|n| name_text(doc, n)).collect();

    // Persons first, so a surname seen before its full name still merges.
    let mut pending_person_keys: HashMap<String, usize> = HashMap::new();
    for (n, text) in names.iter().zip(&texts) {
        if matches!(n.hint, Hint::Person | Hint::MultiWord) && text.contains(' ') {
            let last = text.rsplit(' ').next().unwrap_or("").to_string();
            pending_person_keys.entry(last).or_insert(usize::MAX);
        }
    }

    for (n, text) in names.iter().zip(&texts) {
        let actor = match &n.hint {
            Hint::Known { canonical, place } => {
                let kind = if *place {
                    ActorKind::Place
                } else {
                    ActorKind::Organization
                };
                *by_key
                    .entry(format!("k:{canonical}"))
                    .or_insert_with(|| actors.new_actor(canonical.clone(), kind))
            }
            Hint::Person | Hint::MultiWord if text.contains(' ') => {
                let key = format!("p:{text}");
                let id = match by_key.get(&key) {
                    Some(&id) => id,
                    None => {
                        // A longer form of a known name ("Jane Ann Doe" after "Jane Doe")
                        // is not merged; a surname-only actor made earlier is.
                        let last = text.rsplit(' ').next().unwrap_or("");
                        let id = match by_key.get(&format!("s:{last}")) {
                            Some(&id) => {
                                actors.actors[id].name = text.clone();
                                id
                            }
                            None => actors.new_actor(text.clone(), ActorKind::Person),
                        };
                        by_key.insert(key, id);
                        id
                    }
                };
                let last = text.rsplit(' ').next().unwrap_or("").to_string();
                surnames.insert(last, id);
                id
            }
            Hint::Org if is_acronym_text(text) => {
                match find_expansion(&actors, text)
                    .or_else(|| by_key.get(&format!("o:{text}")).copied())
                {
                    Some(id) => id,
                    None => {
                        let id = actors.new_actor(text.clone(), ActorKind::Organization);
                        by_key.insert(format!("o:{text}"), id);
                        id
                    }
                }
            }
            Hint::Org => {
                let key = format!("o:{text}");
                match by_key.get(&key) {
                    Some(&id) => id,
                    None => {
                        // An acronym seen before its expansion.
                        let id = match acronym_actor(&actors, &by_key, text) {
                            Some(id) => {
                                actors.actors[id].name = text.clone();
                                id
                            }
                            None => actors.new_actor(text.clone(), ActorKind::Organization),
                        };
                        by_key.insert(key, id);
                        id
                    }
                }
            }
            Hint::Person | Hint::Single | Hint::MultiWord => {
                if let Some(&id) = surnames.get(text.as_str()) {
                    id
                } else if let Some(&id) = by_key.get(&format!("s:{text}")) {
                    id
                } else if let Some(&id) = by_key.get(&format!("o:{text}")) {
                    id
                } else {
                    let kind = single_kind(doc, n, pending_person_keys.contains_key(text.as_str()));
                    let id = actors.new_actor(text.clone(), kind);
                    let key = if kind == ActorKind::Person { "s" } else { "o" };
                    by_key.insert(format!("{key}:{text}"), id);
                    id
                }
            }
        };
        if let Some(title) = n.title {
            let t = doc.text[title].trim().to_string();
            if !lex.is_honorific(&t) && !actors.actors[actor].titles.contains(&t) {
                actors.actors[actor].titles.push(t);
            }
            if actors.actors[actor].kind != ActorKind::Person && matches!(n.hint, Hint::Person) {
                actors.actors[actor].kind = ActorKind::Person;
            }
        }
        actors.mentions.push(MentionDraft {
            toks: n.toks.clone(),
            span: doc.span_of(n.toks.start, n.toks.end),
            title: n.title,
            kind: MentionKind::Name,
            actor,
        });
    }
    actors
}

fn name_text(doc: &Doc, n: &Name) -> String {
    let mut s = String::new();
    for t in n.toks.clone() {
        let w = doc.tok(t);
        if w == "." {
            s.push('.');
            continue;
        }
        if !s.is_empty() && doc.tokens[t].span().start > doc.tokens[t - 1].span().end {
            s.push(' ');
        }
        s.push_str(w);
    }
    s
}

fn is_acronym_text(s: &str) -> bool {
    !s.contains(' ')
        && s.chars()
            .filter(|c| c.is_alphabetic())
            .all(char::is_uppercase)
}

fn initials(name: &str) -> String {
    name.split([' ', '-'])
        .filter(|w| w.starts_with(char::is_uppercase))
        .filter_map(|w| w.chars().next())
        .collect()
}

/// An organization whose initials spell the acronym ("National Security Council" for "NSC").
fn find_expansion(actors: &Actors, acronym: &str) -> Option<usize> {
    let letters: String = acronym.chars().filter(|c| c.is_alphabetic()).collect();
    actors.actors.iter().position(|a| {
        a.kind == ActorKind::Organization && a.name.contains(' ') && initials(&a.name) == letters
    })
}

fn acronym_actor(actors: &Actors, by_key: &HashMap<String, usize>, name: &str) -> Option<usize> {
    let init = initials(name);
    if init.len() < 2 {
        return None;
    }
    by_key
        .get(&format!("o:{init}"))
        .copied()
        .filter(|&id| actors.actors[id].kind == ActorKind::Organization)
}

/// The kind of a one-word name nothing else explains.
fn single_kind(doc: &Doc, n: &Name, is_surname_later: bool) -> ActorKind {
    let lex = lexicon();
    if is_surname_later || matches!(n.hint, Hint::Person) {
        return ActorKind::Person;
    }
    // "in Tarvel", "near Tarvel": a place.
    if n.toks.start > 0 {
        let prev = doc.tok(n.toks.start - 1).lower();
        if matches!(
            prev.as_str(),
            "in" | "at" | "near" | "from" | "across" | "outside" | "inside" | "to"
        ) && lex.word_class(&prev) == Some(WordClass::Prep)
        {
            return ActorKind::Place;
        }
    }
    // "Tarvel said": a person or an organization; people speak more often.
    let next = n.toks.end;
    if next < doc.tokens.len() && doc.tokens[next].kind == TokenKind::Word {
        if let Some(v) = lex.cue_verb(doc.tok(next)) {
            if v.frames.quote {
                return ActorKind::Person;
            }
        }
    }
    // "Westmacott also said"
    if super::names::speaks_next(doc, next) {
        return ActorKind::Person;
    }
    ActorKind::Organization
}
