//! Titles in apposition to a person's name: "The council's transport
//! director, Jukka Salminen," and "Ines Brodowska, the union's general
//! secretary," give the person the title, as "Mayor Ann Ruiz" does before
//! the name ([`names`](super::names)).

use super::store::Actors;
use crate::annotation::{ActorKind, MentionKind};
use crate::at::Ends;
use crate::at::{find_str, At};
use crate::lexicon::{lexicon, WordClass};
use crate::text::{Doc, TokenKind};
use std::ops::Range;

/// Most words a title phrase takes ("secretary of state for health").
const TITLE_WORDS: usize = 4;
/// Most lowercase modifiers before a title ("deputy transport director").
const MODIFIERS: usize = 3;

/// Adds the titles set off by commas beside the names of persons.
pub fn add(doc: &Doc, actors: &mut Actors) {
    for m in 0..actors.mentions.len() {
        let mention = actors.mention(m);
        let a = mention.actor();
        if mention.kind() != MentionKind::Name || actors.actor(a).kind != ActorKind::Person {
            continue;
        }
        let toks = mention.toks();
        // ("Her colleague, Dr. Ben Ortiz,": the comma is before the title
        // written with the name.)
        let mut first = toks.start;
        if let Some(own) = mention.title() {
            while first > 0 && doc.token(first - 1).span().start >= own.start {
                first -= 1;
            }
        }
        // ("The firm's lawyer, Ana Ruiz KC,": past the post-nominal.)
        let end = toks.end
            + usize::from(
                toks.end < doc.tokens.len()
                    && super::names::post_nominal(doc, toks.start, toks.end + 1),
            );
        let Some(title) = before(doc, first..end).or_else(|| after(doc, end)) else {
            continue;
        };
        let span = doc.span_of(title.start, title.end);
        let text = doc.str_of(span).to_string();
        // (A description may have given it already, in full: "director of
        // the museum".)
        let titles = &actors.actor(a).titles;
        if !titles
            .iter()
            .any(|t| find_str(t, &text).is_some() || find_str(&text, t).is_some())
        {
            actors.actors.at_mut(a).titles.push(text);
        }
    }
}

/// "The local MP, Gareth Lyle, said": a determiner or an owner, a title,
/// a comma, the name, and a comma or the sentence's end after it (not a
/// list: "the mayor, Ann Ruiz and ...").
fn before(doc: &Doc, name: Range<usize>) -> Option<Range<usize>> {
    let comma = name.start.checked_sub(1)?;
    if doc.tok(comma) != "," || !closes(doc, name.end) {
        return None;
    }
    let title = title_ending_at(doc, comma)?;
    let start = modifiers_before(doc, title.start);
    owner_or_determiner_before(doc, start).then_some(start..title.end)
}

/// "Ines Brodowska, the union's general secretary, told ...", "Jane Doe,
/// director of the museum, said": a comma, a determiner or an owner (or
/// nothing), modifiers, a title, then a comma, "of" or the sentence's end.
fn after(doc: &Doc, name_end: usize) -> Option<Range<usize>> {
    if name_end >= doc.tokens.len() || doc.tok(name_end) != "," {
        return None;
    }
    let mut t = name_end + 1;
    // ("the", "its", "the union's")
    if t < doc.tokens.len() && matches!(doc.word_class(t), Some(WordClass::Det | WordClass::Poss)) {
        t += 1;
        if t + 1 < doc.tokens.len() && doc.token(t + 1).kind() == TokenKind::Possessive {
            t += 2;
        }
    }
    let start = t;
    for end in (start + 1..=(start + MODIFIERS + TITLE_WORDS).min(doc.tokens.len())).rev() {
        let words_only = (start..end).all(|k| doc.token(k).kind() == TokenKind::Word);
        if !words_only || !(end == doc.tokens.len() || closes(doc, end) || doc.tok(end) == "of") {
            continue;
        }
        match title_ending_at(doc, end) {
            Some(title) if modifiers_before(doc, title.start) == start => return Some(start..end),
            _ => continue,
        }
    }
    None
}

/// The longest title whose last word is just before `end`.
fn title_ending_at(doc: &Doc, end: usize) -> Option<Range<usize>> {
    let lex = lexicon();
    // (a loop, not `Rev`'s `find_map`: a generic copy less)
    for start in end - TITLE_WORDS.min(end)..end {
        let words = (start..end).all(|t| doc.token(t).kind() == TokenKind::Word);
        if words && lex.is_title(doc.text_of_toks(start, end)) {
            return Some(start..end);
        }
    }
    None
}

/// The first of the lowercase words just before `t` that modify a title
/// ("transport" director, "local" MP): no grammar words, no verbs.
fn modifiers_before(doc: &Doc, mut t: usize) -> usize {
    let floor = t.saturating_sub(MODIFIERS);
    while t > floor {
        let w = doc.tok(t - 1);
        let modifier = doc.token(t - 1).kind() == TokenKind::Word
            && w.first_is(crate::letters::is_lowercase)
            && doc.word_class(t - 1).is_none()
            && doc.cue_verb(t - 1).is_none();
        if !modifier {
            break;
        }
        t -= 1;
    }
    t
}

/// A determiner, a possessive pronoun or an owner's "'s" before `t`.
fn owner_or_determiner_before(doc: &Doc, t: usize) -> bool {
    t > 0
        && (matches!(
            doc.word_class(t - 1),
            Some(WordClass::Det | WordClass::Poss)
        ) || doc.token(t - 1).kind() == TokenKind::Possessive)
}

/// A comma or the sentence's last stop at `t`.
fn closes(doc: &Doc, t: usize) -> bool {
    t < doc.tokens.len() && matches!(doc.tok(t), "," | "." | ";")
}

#[cfg(test)]
mod tests {
    use crate::actors::Actors;
    use crate::text::Doc;

    fn titles(text: &str, name: &str) -> Vec<String> {
        let doc = Doc::new(text);
        let actors = Actors::find_rules(&doc);
        let a = actors.actors.iter().find(|a| a.name == name).expect(name);
        a.titles.clone()
    }

    #[test]
    fn a_title_before_the_name_between_commas() {
        let t = titles(
            "The council's transport director, Jukka Salminen, said no.",
            "Jukka Salminen",
        );
        assert_eq!(t, ["transport director"]);
        let t = titles(
            "Its general secretary, Ines Brodowska, said no.",
            "Ines Brodowska",
        );
        assert_eq!(t, ["general secretary"]);
    }

    #[test]
    fn a_title_after_the_name_between_commas() {
        let t = titles("Ann Ruiz, the city's mayor, said no.", "Ann Ruiz");
        assert_eq!(t, ["mayor"]);
        let t = titles("Ann Ruiz, director of the museum, said no.", "Ann Ruiz");
        assert_eq!(t, ["director of the museum"]);
    }

    #[test]
    fn a_list_gives_no_title() {
        let t = titles(
            "They met the mayor, Ann Ruiz and Tom Daly on Friday.",
            "Ann Ruiz",
        );
        assert!(t.is_empty(), "{t:?}");
    }
}
