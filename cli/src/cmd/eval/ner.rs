//! `newslens eval --ner`: named entities in a IOB file, scored
//! by exact span and type.
//!
//! Two systems can be scored: the learned tagger (`newslens::tagger`, the
//! default) and the engine's own actor typing (`--ner-system engine`: each
//! document is detokenized, annotated, and every named mention of a person,
//! organization or place becomes a PER, ORG or LOC entity over the tokens it
//! covers).
//!
//! Scoring (`docs/eval.md`): an entity is right when its first and last
//! token and its type equal a gold entity's. MISC is neither right nor wrong:
//! gold MISC entities are not counted, and a found entity of any type over
//! exactly a gold MISC span, or of type MISC, is not counted either.

use std::collections::BTreeSet;

use newslens::tagger::corpus::Document;
use newslens::tagger::{entities, Entity, EntityType, Tag, Tagger};
use newslens::{ActorKind, Annotation, MentionKind};

use super::score::Table;

/// Which system is scored.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum System {
    /// The learned tagger (newslens::tagger) with its document-level pass.
    Tagger,
    /// The engine's actors (newslens::annotate, its tagger stage
    /// included), typed by actor kind.
    Engine,
    /// The engine's actors by its rules alone, without the tagger stage.
    Rules,
}

/// The row names, in order.
pub const ROWS: [&str; 4] = ["PER", "ORG", "LOC", "all (PER+ORG+LOC)"];

/// Scores one sentence's found entities against its gold tags.
pub fn score_sentence(gold_tags: &[Tag], found: &[Entity], table: &mut Table) {
    let gold = entities(gold_tags);
    let misc: BTreeSet<(usize, usize)> = gold
        .iter()
        .filter(|e| e.kind == EntityType::Misc)
        .map(|e| (e.start, e.end))
        .collect();
    let gold: BTreeSet<Entity> = gold
        .into_iter()
        .filter(|e| e.kind != EntityType::Misc)
        .collect();
    let found: BTreeSet<Entity> = found
        .iter()
        .copied()
        .filter(|e| e.kind != EntityType::Misc && !misc.contains(&(e.start, e.end)))
        .collect();
    for e in &gold {
        let hit = found.contains(e);
        for name in [ROWS[e.kind as usize], ROWS[3]] {
            let c = table.counts_mut(name);
            c.gold += 1;
            c.found += usize::from(hit);
        }
    }
    for e in &found {
        let hit = gold.contains(e);
        for name in [ROWS[e.kind as usize], ROWS[3]] {
            let c = table.counts_mut(name);
            c.engine += 1;
            c.correct += usize::from(hit);
        }
    }
}

/// The tagger's entities for each sentence of a document, with the
/// document-level pass or sentence by sentence.
pub fn tagger_entities(tagger: &Tagger, doc: &Document, whole: bool) -> Vec<Vec<Entity>> {
    let sentences: Vec<Vec<&str>> = doc
        .sentences
        .iter()
        .map(|s| s.tokens.iter().map(String::as_str).collect())
        .collect();
    let tags = if whole {
        tagger.tag_document(&sentences)
    } else {
        sentences.iter().map(|s| tagger.tag(s)).collect()
    };
    tags.iter().map(|t| entities(t)).collect()
}

/// Joins tokens into text the way news is written (no space before
/// closing punctuation or after an opening bracket; straight double quotes
/// alternate between opening and closing). Returns the text and each
/// token's byte range, sentences as one paragraph.
pub fn detokenize(doc: &Document) -> (String, Vec<Vec<(usize, usize)>>) {
    let mut text = String::new();
    let mut spans = Vec::new();
    let mut open_quote = false;
    let mut no_space_next = true;
    for s in &doc.sentences {
        let mut sent = Vec::new();
        for w in &s.tokens {
            let w = match w.as_str() {
                "``" | "''" => "\"",
                "-LRB-" => "(",
                "-RRB-" => ")",
                other => other,
            };
            let closing = matches!(
                w,
                "," | "."
                    | ";"
                    | ":"
                    | ")"
                    | "]"
                    | "?"
                    | "!"
                    | "%"
                    | "'s"
                    | "'"
                    | "n't"
                    | "'re"
                    | "'ve"
                    | "'ll"
                    | "'d"
                    | "'m"
            ) || (w == "\"" && open_quote);
            if !text.is_empty() && !closing && !no_space_next {
                text.push(' ');
            }
            let start = text.len();
            text.push_str(w);
            sent.push((start, text.len()));
            no_space_next = matches!(w, "(" | "[" | "$") || (w == "\"" && !open_quote);
            if w == "\"" {
                open_quote = !open_quote;
            }
        }
        spans.push(sent);
        // A new sentence after a closed quote or an ordinary end.
        no_space_next = false;
        open_quote = false;
    }
    (text, spans)
}

/// The sentence and tokens (first, one past the last) a byte span covers.
fn token_range(
    span: newslens::Span,
    spans: &[Vec<(usize, usize)>],
) -> Option<(usize, usize, usize)> {
    for (s, toks) in spans.iter().enumerate() {
        let covered = |&(a, b): &(usize, usize)| a < span.end && span.start < b;
        if let (Some(first), Some(last)) = (
            toks.iter().position(covered),
            toks.iter().rposition(covered),
        ) {
            return Some((s, first, last + 1));
        }
    }
    None
}

/// The engine's named persons, organizations and places for each sentence
/// of a document, as entities over its tokens.
pub fn engine_entities(ann: &Annotation, spans: &[Vec<(usize, usize)>]) -> Vec<Vec<Entity>> {
    let mut out: Vec<Vec<Entity>> = spans.iter().map(|_| Vec::new()).collect();
    for m in &ann.mentions {
        if m.kind != MentionKind::Name {
            continue;
        }
        let kind = match ann.actors[m.actor.index()].kind {
            ActorKind::Person => EntityType::Per,
            ActorKind::Organization => EntityType::Org,
            ActorKind::Place => EntityType::Loc,
            ActorKind::Group => continue,
        };
        if let Some((s, start, end)) = token_range(m.span, spans) {
            out[s].push(Entity { start, end, kind });
        }
    }
    out
}

/// The token ranges of the engine's other mentions (descriptions, groups)
/// for each sentence: where `--verbose` looks for a name the engine hid.
pub fn engine_other_mentions(
    ann: &Annotation,
    spans: &[Vec<(usize, usize)>],
) -> Vec<Vec<(usize, usize)>> {
    let mut out: Vec<Vec<(usize, usize)>> = spans.iter().map(|_| Vec::new()).collect();
    for m in &ann.mentions {
        let group = ann.actors[m.actor.index()].kind == ActorKind::Group;
        if m.kind == MentionKind::Name && !group {
            continue;
        }
        if let Some((s, start, end)) = token_range(m.span, spans) {
            out[s].push((start, end));
        }
    }
    out
}

/// For `--verbose`: one line for each gold name the system missed and each
/// name it found wrongly, with how it went wrong (wrong type, wrong
/// boundary, inside another mention of the engine, missed) and whether the
/// tagger alone had it right.
pub fn diff_sentence(
    tokens: &[String],
    gold_tags: &[Tag],
    found: &[Entity],
    tagger: &[Entity],
    other: &[(usize, usize)],
) -> Vec<String> {
    let gold: Vec<Entity> = entities(gold_tags);
    let text = |e: &Entity| tokens[e.start..e.end].join(" ");
    let kind = |e: &Entity| ["PER", "ORG", "LOC", "MISC"][e.kind as usize];
    let sentence = tokens.join(" ");
    let mut out = Vec::new();
    // Gold names the system missed (FN), then names it found wrongly (FP):
    // each against the other list.
    type Pass<'a> = (&'a str, &'a [Entity], &'a [Entity], [&'a str; 4]);
    let passes: [Pass; 2] = [
        (
            "FN",
            &gold,
            found,
            ["type", "boundary", "tagger-right", "tagger-wrong"],
        ),
        (
            "FP",
            found,
            &gold,
            ["gold", "boundary gold", "tagger-same", "tagger-not"],
        ),
    ];
    for (label, these, against, words) in passes {
        for e in these.iter().filter(|e| e.kind != EntityType::Misc) {
            if against.contains(e) {
                continue;
            }
            let why = if let Some(o) = against
                .iter()
                .find(|o| (o.start, o.end) == (e.start, e.end))
            {
                format!("{} {}", words[0], kind(o))
            } else if let Some(o) = against.iter().find(|o| o.start < e.end && e.start < o.end) {
                format!("{} {} [{}]", words[1], kind(o), text(o))
            } else if label == "FN" && other.iter().any(|&(a, b)| a <= e.start && e.end <= b) {
                "inside-other".to_string()
            } else if label == "FN" {
                "missed".to_string()
            } else {
                "no-gold".to_string()
            };
            let t = words[if tagger.contains(e) { 2 } else { 3 }];
            out.push(format!(
                "{label} {} [{}] {why} {t} | {sentence}",
                kind(e),
                text(e)
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use newslens::tagger::corpus::parse_iob;

    #[test]
    fn exact_typed_spans_and_misc_is_neither() {
        let docs =
            parse_iob("Ada B-PER\nVale I-PER\nof O\nOrlen B-ORG\nsaw O\nThe B-MISC\nGale I-MISC\n")
                .unwrap();
        let gold = &docs[0].sentences[0].tags;
        let e = |start, end, kind| Entity { start, end, kind };
        let mut t = Table::default();
        score_sentence(
            gold,
            &[
                e(0, 2, EntityType::Per),  // right
                e(3, 4, EntityType::Loc),  // wrong type: FP for LOC, FN for ORG
                e(5, 7, EntityType::Org),  // over a MISC span: not counted
                e(6, 7, EntityType::Misc), // MISC: not counted
            ],
            &mut t,
        );
        let per = t.get("PER").unwrap();
        assert_eq!((per.gold, per.found, per.engine, per.correct), (1, 1, 1, 1));
        let org = t.get("ORG").unwrap();
        assert_eq!((org.gold, org.found, org.engine), (1, 0, 0));
        let loc = t.get("LOC").unwrap();
        assert_eq!((loc.gold, loc.engine, loc.correct), (0, 1, 0));
        let all = t.get(ROWS[3]).unwrap();
        assert_eq!((all.gold, all.found, all.engine, all.correct), (2, 1, 2, 1));
    }

    #[test]
    fn verbose_lines_say_how_a_name_went_wrong() {
        let docs =
            parse_iob("U.S. B-LOC\nofficials O\nmet O\nAda B-PER\nVale I-PER\nin O\nOrlen B-LOC\n")
                .unwrap();
        let s = &docs[0].sentences[0];
        let e = |start, end, kind| Entity { start, end, kind };
        let found = [e(3, 4, EntityType::Per), e(6, 7, EntityType::Org)];
        let tagger = [e(0, 1, EntityType::Loc)];
        let lines = diff_sentence(&s.tokens, &s.tags, &found, &tagger, &[(0, 2)]);
        let heads: Vec<&str> = lines
            .iter()
            .map(|l| l.split(" | ").next().unwrap())
            .collect();
        assert_eq!(
            heads,
            [
                "FN LOC [U.S.] inside-other tagger-right",
                "FN PER [Ada Vale] boundary PER [Ada] tagger-wrong",
                "FN LOC [Orlen] type ORG tagger-wrong",
                "FP PER [Ada] boundary gold PER [Ada Vale] tagger-not",
                "FP ORG [Orlen] gold LOC tagger-not",
            ]
        );
    }

    #[test]
    fn detokenized_offsets_point_at_the_tokens() {
        let docs = parse_iob(
            "\" O\nWe O\nwon O\n, O\n\" O\nsaid O\nAda B-PER\n( O\nVale I-PER\n) O\n. O\n",
        )
        .unwrap();
        let (text, spans) = detokenize(&docs[0]);
        assert_eq!(text, "\"We won,\" said Ada (Vale).");
        for (tok, &(a, b)) in docs[0].sentences[0].tokens.iter().zip(&spans[0]) {
            assert_eq!(&text[a..b], tok);
        }
    }
}
