//! Unnamed actors: "a senior official", "three gunmen", "the defence
//! minister", "head of the armed forces". A description is a role noun from
//! `anonymous_roles.tsv` with the modifiers and determiner before it.

use super::{Actors, MentionDraft};
use crate::annotation::{ActorKind, MentionKind};
use crate::lexicon::{lexicon, WordClass};
use crate::text::{Bits, Doc, Lower, TokenKind};
use std::collections::HashMap;

/// Adds description mentions and their actors.
pub fn find(doc: &Doc, actors: &mut Actors) {
    let lex = lexicon();
    // Names are indexed by token (Actors::index ran before this stage).
    // One bit a token (a byte a token was 2 MB on a 10 MiB text).
    let mut title_tok = Bits::new(doc.tokens.len());
    for m in actors.mentions.iter() {
        if let Some(title) = m.title {
            let mut t = m.toks.start;
            while t > 0 && doc.tokens[t - 1].span().start >= title.start {
                t -= 1;
                title_tok.set(t);
            }
        }
    }
    let mut found = Vec::new();
    for t in 0..doc.tokens.len() {
        if doc.tokens[t].kind != TokenKind::Word || title_tok[t] || actors.mention_at(t).is_some() {
            continue;
        }
        let w = doc.tok(t);
        // A title followed by "of" heads a description too: "head of the armed forces".
        let titled_of = lex.is_title(w)
            && doc
                .tokens
                .get(t + 1)
                .is_some_and(|_| doc.tok(t + 1) == "of");
        let Some(role) = lex.role(w).or(titled_of.then_some(crate::lexicon::Role {
            plural: false,
            anonymous: false,
            collective: false,
        })) else {
            continue;
        };
        if doc.in_quote[t].is_some() {
            continue; // the speaker's own words: "our troops" is not a source
        }
        // "police officer", "defence minister": the last noun is the head.
        let next = doc.tokens.get(t + 1).map(|_| doc.tok(t + 1));
        if next.is_some_and(|n| lex.role(n).is_some() || lex.starts_title(n) || lex.is_title(n)) {
            continue;
        }
        // Collective nouns ("the government", "police") are actors only when
        // they speak: "police said".
        let speaks = next.is_some_and(|n| lex.cue_verb(n).is_some());
        let next_is_noun = next.is_some_and(|n| {
            n.starts_with(char::is_lowercase)
                && lex.word_class(n).is_none()
                && lex.cue_verb(n).is_none()
        });
        if role.collective && !speaks && next_is_noun {
            continue;
        }
        if w.starts_with(char::is_uppercase) && !super::names::is_sentence_initial(doc, t) {
            continue; // part of a name: "Police Service"
        }
        let sent = &doc.sentences[doc.sentence_of[t] as usize];
        // Walk left over modifiers to a determiner.
        let mut start = t;
        let mut det: Option<String> = None;
        let mut mods = 0;
        while start > sent.tokens.start && mods < 4 {
            let p = start - 1;
            let pw = doc.tok(p);
            let class = lex.word_class(pw);
            if doc.tokens[p].kind == TokenKind::Number {
                det = Some(pw.to_string());
                start = p;
                break;
            }
            match class {
                // "said that people ...": "that" opens a clause here.
                Some(WordClass::Det) if pw.eq_ignore_ascii_case("that") => break,
                Some(WordClass::Det | WordClass::Quant) => {
                    det = Some(pw.lower());
                    start = p;
                    break;
                }
                Some(WordClass::Poss) => {
                    det = Some(pw.lower());
                    break; // "its majority": the owner is not part of the span
                }
                Some(_) => break,
                None => {}
            }
            if doc.tokens[p].kind != TokenKind::Word
                || lex.cue_verb(pw).is_some()
                || lex.role(pw).is_some_and(|r| r.plural && !r.collective)
                || (pw.starts_with(char::is_uppercase)
                    && actors.mention_at(p).is_none()
                    && lex.demonym(pw).is_none())
            {
                break;
            }
            start = p;
            mods += 1;
        }
        // "had offered dock workers": a participle after an auxiliary is the
        // verb, not a modifier of the description.
        if det.is_none()
            && start < t
            && doc.tok(start).ends_with("ed")
            && start > 0
            && lex.word_class(doc.tok(start - 1)) == Some(WordClass::Aux)
        {
            start += 1;
        }
        let of_follows = next == Some("of");
        let bare_plural = role.plural && !role.collective;
        if det.is_none() && !bare_plural && !of_follows && !speaks {
            continue; // a bare singular is a modifier or a title, not an actor
        }
        if role.collective && !speaks && (det.is_none() || start + 1 >= t) {
            continue; // "the government" is an actor when described ("the Serb minority") or speaking
        }
        if start < t && actors.mention_at(start).is_some() && det.is_none() {
            // "Police officers" after a name is fine; a name at the start
            // without a determiner reads as a title ("NATO chief").
            let next_is_name = t + 1 < doc.tokens.len() && actors.mention_at(t + 1).is_some();
            if next_is_name {
                continue;
            }
        }
        // A title before a name is not a description of its own.
        if t + 1 < doc.tokens.len() && actors.mention_at(t + 1).is_some() && !role.plural {
            let m = &actors.mentions[actors.mention_at(t + 1).unwrap_or(0)];
            if actors.actors[m.actor].kind == ActorKind::Person {
                continue;
            }
        }
        // "head of the armed forces": an of-phrase completes a singular role.
        let mut end = t + 1;
        if !role.plural && end + 1 < sent.tokens.end && doc.tok(end) == "of" {
            let mut e = end + 1;
            if e < sent.tokens.end && lex.word_class(doc.tok(e)) == Some(WordClass::Det) {
                e += 1;
            }
            let body = e;
            while e < sent.tokens.end
                && e < body + 3
                && doc.tokens[e].kind == TokenKind::Word
                && lex.word_class(doc.tok(e)).is_none()
                && lex.cue_verb(doc.tok(e)).is_none()
            {
                e += 1;
            }
            if e > body {
                end = e;
            }
        }
        let anonymous_marker = marker_follows(doc, end, sent.tokens.end);
        let definite = matches!(det.as_deref(), Some("the" | "this" | "that"));
        let anonymous = anonymous_marker || (role.anonymous && !definite);
        found.push((start, end, t, role.plural, anonymous, det));
    }

    // Lookups by words, so each description costs the same however long the text.
    let mut by_key: HashMap<String, usize> = HashMap::new();
    let mut by_role: HashMap<String, usize> = HashMap::new();
    let mut holders_memo: HashMap<String, Option<usize>> = HashMap::new();
    for (start, end, head, plural, anonymous, det) in found {
        let span = doc.span_of(start, end);
        let phrase = &doc.text[span];
        let bare = strip_det(phrase, det.as_deref());
        let key = bare.lower();
        let role_word = doc.tok(head).lower();
        // Same description again, or "the official" for the last official.
        let existing = by_key
            .get(&key)
            .or_else(|| {
                bare.eq_ignore_ascii_case(&role_word)
                    .then(|| by_role.get(&role_word))
                    .flatten()
            })
            .copied();
        // "the president" when exactly one person carries that title.
        let titled = if existing.is_none() && det.as_deref() == Some("the") {
            *holders_memo
                .entry(key.clone())
                .or_insert_with(|| actors.title_holder(&key))
        } else {
            None
        };
        // "The FDF leader, Jane Doe," / "Jane Doe, a spokeswoman for X,": the
        // description in apposition is the named person, and a title of hers.
        let person_at = |t: usize| {
            actors
                .mention_at(t)
                .map(|m| actors.mentions[m].actor)
                .filter(|&a| actors.actors[a].kind == ActorKind::Person)
        };
        let apposed = if end + 1 < doc.tokens.len() && doc.tok(end) == "," {
            person_at(end + 1)
        } else {
            None
        }
        .or_else(|| {
            (start >= 2 && doc.tok(start - 1) == ",")
                .then(|| person_at(start - 2))
                .flatten()
        });
        if let Some(person) = apposed.filter(|_| !plural) {
            let title = bare.to_string();
            if !actors.actors[person].titles.contains(&title) {
                actors.actors[person].titles.push(title);
            }
        }
        let actor = match apposed.filter(|_| !plural).or(existing).or(titled) {
            Some(id) => {
                actors.actors[id].anonymous |= anonymous;
                id
            }
            None => {
                let kind = if plural {
                    ActorKind::Group
                } else {
                    ActorKind::Person
                };
                let id = actors.new_actor(phrase.to_string(), kind);
                actors.actors[id].anonymous = anonymous;
                actors.actors[id].role = Some(role_word.clone());
                by_key.insert(key.clone(), id);
                id
            }
        };
        by_role.insert(role_word, actor);
        actors.mentions.push(MentionDraft {
            toks: start..end,
            span,
            title: None,
            kind: MentionKind::Description,
            actor,
        });
    }
}

fn strip_det<'a>(phrase: &'a str, det: Option<&str>) -> &'a str {
    match det {
        Some(d) if phrase.lower().starts_with(&format!("{d} ")) => &phrase[d.len() + 1..],
        _ => phrase,
    }
}

/// "who requested anonymity", "speaking on condition of anonymity" within
/// the next few words.
fn marker_follows(doc: &Doc, from: usize, end: usize) -> bool {
    let lex = lexicon();
    let limit = (from + 12).min(end);
    let words: Vec<String> = (from..limit)
        .filter(|&t| doc.tokens[t].kind == TokenKind::Word)
        .map(|t| doc.tok(t).lower())
        .collect();
    lex.anonymity_markers()
        .iter()
        .any(|m| !m.is_empty() && words.windows(m.len()).any(|w| w == m.as_slice()))
}
