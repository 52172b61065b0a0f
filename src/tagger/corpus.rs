//! Reading and writing training and test corpora: IOB files and
//! the CSV export of the Groningen Meaning Bank (`ner_dataset.csv`).
//!
//! Only parsing: the caller reads the files.

use super::train::Sentence;
use super::{bio, entities, Entity, EntityType, Tag};
use crate::lexicon::lexicon;

/// Sentences of one document.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Document {
    /// The sentences, in order.
    pub sentences: Vec<Sentence>,
}

/// How a corpus's labels map to the four types (the type part of an IOB
/// tag, without `B-`/`I-`). The mappings are written down in
/// `src/tagger/README.md` ("Training data").
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Labels {
    /// `PER`, `ORG`, `LOC`, `MISC` and common spellings (`PERSON`,
    /// `ORGANIZATION`, `LOCATION`, `GPE`); any other label is MISC
    /// (wikigold, the Broad Twitter Corpus, the held-out files).
    Standard,
    /// WNUT-17 emerging entities: `person` → PER; `corporation` and `group`
    /// (companies; teams, bands, parties, agencies) → ORG; `location` → LOC;
    /// `creative-work`, `product` → MISC. Of two labels given to one token
    /// (`B-corporation,B-product`) the first counts.
    Wnut17,
    /// CrossNER's domains: `person`, `politician`, `writer`, `musicalartist`,
    /// `scientist`, `researcher` → PER; `organisation`, `politicalparty`,
    /// `band`, `university` → ORG; `location`, `country` → LOC; any other
    /// label (`election`, `event`, `misc`, works, awards) → MISC.
    CrossNer,
}

impl Labels {
    /// The type of one label of this scheme.
    fn kind(self, label: &str) -> EntityType {
        let label = label.split(',').next().unwrap_or(label);
        let upper = label.to_ascii_uppercase();
        match (self, upper.as_str()) {
            (_, "PER" | "PERSON") => EntityType::Per,
            (_, "ORG" | "ORGANIZATION" | "ORGANISATION") => EntityType::Org,
            (_, "LOC" | "LOCATION") => EntityType::Loc,
            (Labels::Standard, "GPE") => EntityType::Loc,
            (Labels::Wnut17, "CORPORATION" | "GROUP") => EntityType::Org,
            (
                Labels::CrossNer,
                "POLITICIAN" | "WRITER" | "MUSICALARTIST" | "SCIENTIST" | "RESEARCHER",
            ) => EntityType::Per,
            (Labels::CrossNer, "POLITICALPARTY" | "BAND" | "UNIVERSITY") => EntityType::Org,
            (Labels::CrossNer, "COUNTRY") => EntityType::Loc,
            _ => EntityType::Misc,
        }
    }
}

/// The line between documents in the IOB files of this project.
const DOCUMENT_BREAK: &str = "# document";

/// Parses an IOB file: one token a line, the word in the first column and
/// its IOB tag in the last (`O`, `B-PER`, `I-LOC`, ...; IOB1 and IOB2 both
/// read), blank lines between sentences, a `# document` line between
/// documents. Tags are returned as IOB2. Errors name the line.
pub fn parse_iob(text: &str) -> Result<Vec<Document>, String> {
    parse_iob_labels(text, Labels::Standard)
}

/// [`parse_iob`] with the labels of another scheme.
pub fn parse_iob_labels(text: &str, labels: Labels) -> Result<Vec<Document>, String> {
    let mut docs = vec![Document::default()];
    let mut tokens: Vec<String> = Vec::new();
    let mut raw: Vec<Tag> = Vec::new();
    let flush = |docs: &mut Vec<Document>, tokens: &mut Vec<String>, raw: &mut Vec<Tag>| {
        if !tokens.is_empty() {
            let tags = bio(raw.len(), &entities(raw));
            if let Some(doc) = docs.last_mut() {
                doc.sentences.push(Sentence {
                    tokens: std::mem::take(tokens),
                    tags,
                });
            }
            raw.clear();
        }
    };
    for (n, line) in text.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        let cols: Vec<&str> = line.split_whitespace().collect();
        if cols.is_empty() {
            flush(&mut docs, &mut tokens, &mut raw);
            continue;
        }
        if line.trim() == DOCUMENT_BREAK {
            flush(&mut docs, &mut tokens, &mut raw);
            if docs.last().is_some_and(|d| !d.sentences.is_empty()) {
                docs.push(Document::default());
            }
            continue;
        }
        if cols.len() == 1 && line.split('\t').next().is_some_and(|w| w.trim().is_empty()) {
            // An empty or blank word before a tab (a tweet's stray line
            // break or space in the Broad Twitter Corpus): nothing to read.
            continue;
        }
        if cols.len() < 2 {
            return Err(format!("line {}: a token without a tag", n + 1));
        }
        let label = cols[cols.len() - 1];
        // "0" for "O" is a typo found in public copies of wikigold.
        let tag = if label == "O" || label == "0" {
            Tag::O
        } else if let Some(t) = label.strip_prefix("B-") {
            Tag::B(labels.kind(t))
        } else if let Some(t) = label.strip_prefix("I-") {
            Tag::I(labels.kind(t))
        } else {
            return Err(format!("line {}: not an IOB tag: {label:?}", n + 1));
        };
        tokens.push(cols[0].to_string());
        raw.push(tag);
    }
    flush(&mut docs, &mut tokens, &mut raw);
    docs.retain(|d| !d.sentences.is_empty());
    Ok(docs)
}

/// Writes documents as an IOB file (`word TAG` lines, IOB2, a `# document`
/// line and a blank line before each document).
pub fn write_iob(docs: &[Document]) -> String {
    let mut out = String::new();
    for doc in docs {
        out.push_str(DOCUMENT_BREAK);
        out.push_str("\n\n");
        for s in &doc.sentences {
            for (w, t) in s.tokens.iter().zip(&s.tags) {
                out.push_str(w);
                out.push(' ');
                out.push_str(&t.to_string());
                out.push('\n');
            }
            out.push('\n');
        }
    }
    out
}

/// Splits one CSV line into fields (double quotes, `""` inside quotes).
fn csv_fields(line: &str) -> Vec<String> {
    let mut fields = Vec::new();
    let mut cur = String::new();
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                cur.push('"');
                chars.next();
            }
            '"' => quoted = !quoted,
            ',' if !quoted => fields.push(std::mem::take(&mut cur)),
            _ => cur.push(c),
        }
    }
    fields.push(cur);
    fields
}

/// Parses the GMB CSV export (`Sentence #,Word,POS,Tag`; a sentence starts
/// where the first column is filled) and maps its labels to this tagger's
/// conventions, which are those of common newswire NER annotation:
///
/// - `per` → PER, without the titles GMB puts inside person names
///   ("President", "Mr.", "Prime Minister": titles are not part of the name);
/// - `org` → ORG; `geo` → LOC;
/// - `gpe` → LOC when it names a known place ("United States"), else MISC
///   (mostly nationalities: "Iraqi", "British");
/// - `art`, `eve`, `nat` → MISC; `tim` → O.
pub fn parse_gmb_csv(text: &str) -> Result<Vec<Sentence>, String> {
    let mut out: Vec<Sentence> = Vec::new();
    let mut labels: Vec<String> = Vec::new();
    let mut tokens: Vec<String> = Vec::new();
    let mut lines = text.lines().enumerate();
    match lines.next() {
        Some((_, head)) if head.trim_end_matches('\r').starts_with("Sentence #,Word") => {}
        _ => return Err("line 1: not the GMB CSV header (Sentence #,Word,POS,Tag)".into()),
    }
    for (n, line) in lines {
        let line = line.trim_end_matches('\r');
        if line.is_empty() {
            continue;
        }
        let f = csv_fields(line);
        if f.len() != 4 {
            return Err(format!(
                "line {}: expected 4 fields, found {}",
                n + 1,
                f.len()
            ));
        }
        if !f[0].is_empty() && !tokens.is_empty() {
            out.push(gmb_sentence(
                std::mem::take(&mut tokens),
                std::mem::take(&mut labels),
            ));
        }
        tokens.push(f[1].clone());
        labels.push(f[3].clone());
    }
    if !tokens.is_empty() {
        out.push(gmb_sentence(tokens, labels));
    }
    Ok(out)
}

fn gmb_sentence(tokens: Vec<String>, labels: Vec<String>) -> Sentence {
    // GMB spans (IOB2, lowercase types), then the mapping.
    let lex = lexicon();
    let mut spans: Vec<(usize, usize, String)> = Vec::new();
    for (i, l) in labels.iter().enumerate() {
        if let Some(t) = l.strip_prefix("I-") {
            if let Some(last) = spans.last_mut() {
                if last.1 == i && last.2 == t {
                    last.1 = i + 1;
                    continue;
                }
            }
            spans.push((i, i + 1, t.to_string()));
        } else if let Some(t) = l.strip_prefix("B-") {
            spans.push((i, i + 1, t.to_string()));
        }
    }
    let mut ents = Vec::new();
    for (mut s, e, t) in spans {
        let kind = match t.as_str() {
            "per" => {
                s = strip_titles(&tokens, s, e);
                EntityType::Per
            }
            "org" => EntityType::Org,
            "geo" => EntityType::Loc,
            "gpe" => {
                let name = tokens[s..e].join(" ");
                if lex.known(&name).is_some_and(|k| k.is_place) {
                    EntityType::Loc
                } else {
                    EntityType::Misc
                }
            }
            "art" | "eve" | "nat" => EntityType::Misc,
            _ => continue,
        };
        if s < e {
            ents.push(Entity {
                start: s,
                end: e,
                kind,
            });
        }
    }
    let tags = bio(tokens.len(), &ents);
    Sentence { tokens, tags }
}

/// The start of a person's name after the titles that open its span
/// ("President", "Prime Minister", "Mr.", "Secretary of State").
pub fn strip_titles<S: AsRef<str>>(tokens: &[S], mut start: usize, end: usize) -> usize {
    let lex = lexicon();
    'outer: while start < end {
        for k in (1..=(end - start).min(4)).rev() {
            let words: Vec<String> = tokens[start..start + k]
                .iter()
                .map(|t| super::features::lower(t.as_ref()))
                .collect();
            let phrase = words.join(" ");
            if lex.is_title(&phrase) || (k == 1 && lex.is_honorific(&phrase)) {
                start += k;
                continue 'outer;
            }
        }
        break;
    }
    start
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iob1_and_documents() {
        let text = "# document\n\nAda I-PER\nVale I-PER\nvisited O\nOrlen I-LOC\n. O\n\n\
                    # document\n\nThe O\nKestrel I-ORG\nGuild I-ORG\nB-ish B-ORG\n";
        let docs = parse_iob(text).unwrap();
        assert_eq!(docs.len(), 2);
        let s = &docs[0].sentences[0];
        assert_eq!(
            s.tags,
            vec![
                Tag::B(EntityType::Per),
                Tag::I(EntityType::Per),
                Tag::O,
                Tag::B(EntityType::Loc),
                Tag::O
            ]
        );
        let t = &docs[1].sentences[0];
        assert_eq!(entities(&t.tags).len(), 2);
        let again = parse_iob(&write_iob(&docs)).unwrap();
        assert_eq!(again, docs);
        assert!(parse_iob("word\n").is_err());
        assert!(parse_iob("word X-PER\n").is_err());
    }

    #[test]
    fn label_schemes() {
        let text = "Ada B-person\nVale I-person\nof O\nKestrel B-corporation,B-product\n\
                    and O\nthe O\nRooks B-group\nin O\nOrlen B-location\nsang O\n\
                    Lanterns B-creative-work\n";
        let docs = parse_iob_labels(text, Labels::Wnut17).unwrap();
        let kinds: Vec<EntityType> = entities(&docs[0].sentences[0].tags)
            .iter()
            .map(|e| e.kind)
            .collect();
        use EntityType::*;
        assert_eq!(kinds, vec![Per, Org, Org, Loc, Misc]);
        let text =
            "Ada B-politician\nof O\nthe O\nKestrel B-politicalparty\nParty I-politicalparty\n\
                    won O\nthe O\n1990 B-election\nvote I-election\nin O\nOrlen B-country\n";
        let docs = parse_iob_labels(text, Labels::CrossNer).unwrap();
        let ents = entities(&docs[0].sentences[0].tags);
        let kinds: Vec<EntityType> = ents.iter().map(|e| e.kind).collect();
        assert_eq!(kinds, vec![Per, Org, Misc, Loc]);
        assert_eq!((ents[1].start, ents[1].end), (3, 5));
        // The standard scheme reads none of these as a person, a
        // company or a country.
        let docs = parse_iob_labels(text, Labels::Standard).unwrap();
        assert!(entities(&docs[0].sentences[0].tags)
            .iter()
            .all(|e| e.kind == Misc));
    }

    #[test]
    fn gmb_mapping() {
        let csv = "Sentence #,Word,POS,Tag\n\
                   Sentence: 1,President,NNP,B-per\n,Ada,NNP,I-per\n,Vale,NNP,I-per\n,met,VBD,O\n\
                   ,Iraqi,JJ,B-gpe\n,officials,NNS,O\n,on,IN,O\n,Monday,NNP,B-tim\n,\",\",\",\",O\n\
                   Sentence: 2,\"\"\"\",``,O\n,Mr.,NNP,B-per\n,Vale,NNP,I-per\n";
        let s = parse_gmb_csv(csv).unwrap();
        assert_eq!(s.len(), 2);
        let e = entities(&s[0].tags);
        assert_eq!(
            e,
            vec![
                Entity {
                    start: 1,
                    end: 3,
                    kind: EntityType::Per
                },
                Entity {
                    start: 4,
                    end: 5,
                    kind: EntityType::Misc
                }
            ]
        );
        assert_eq!(s[0].tokens[8], ",");
        assert_eq!(s[1].tokens[0], "\"");
        assert_eq!(entities(&s[1].tags)[0].start, 2);
    }
}
