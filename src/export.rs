//! The JSON document shared by the CLI and the WASM binding.
//!
//! Its format is specified in `docs/format.md`; bump [`FORMAT_VERSION`] on
//! any change that could break a reader.

use crate::annotation::{
    Actor, ActorId, ActorKind, Annotation, Claim, Mention, MentionId, MentionKind, Quote, QuoteKind,
};
use crate::offsets::{OffsetMap, OffsetUnit};
use crate::span::Span;

/// Version of the JSON format written by [`Export`].
pub const FORMAT_VERSION: u32 = 1;

/// An [`Annotation`] with its spans converted to `offsets` units, ready to serialize.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "camelCase"))]
pub struct Export {
    /// [`FORMAT_VERSION`].
    pub version: u32,
    /// The unit every offset in this document counts.
    pub offsets: OffsetUnit,
    /// Length of the annotated text in that unit.
    pub text_length: usize,
    /// The annotation, spans converted.
    #[cfg_attr(feature = "serde", serde(flatten))]
    pub annotation: Annotation,
}

impl Export {
    /// Converts `annotation`, made from `text`, to `unit` offsets.
    pub fn new(text: &str, annotation: &Annotation, unit: OffsetUnit) -> Export {
        Export::from_annotation(text, annotation.clone(), unit)
    }

    /// Like [`Export::new`], converting `annotation` in place instead of a
    /// copy of it: on a long text, one annotation in memory instead of two.
    pub fn from_annotation(text: &str, annotation: Annotation, unit: OffsetUnit) -> Export {
        let map = OffsetMap::new(text, unit);
        let conv = |s: Span| Span::new(map.convert(s.start), map.convert(s.end));
        let mut out = annotation;
        for m in &mut out.mentions {
            m.span = conv(m.span);
            m.title = m.title.map(conv);
        }
        for q in &mut out.quotes {
            q.span = conv(q.span);
            q.content = conv(q.content);
            q.cue = q.cue.map(conv);
        }
        for c in &mut out.claims {
            c.cue = conv(c.cue);
            c.content = conv(c.content);
        }
        Export {
            version: FORMAT_VERSION,
            offsets: unit,
            text_length: map.convert(text.len()),
            annotation: out,
        }
    }
}

/// The four lists of an [`Export`], for [`Export::write_json_items`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum List {
    /// [`Annotation::actors`].
    Actors,
    /// [`Annotation::mentions`].
    Mentions,
    /// [`Annotation::quotes`].
    Quotes,
    /// [`Annotation::claims`].
    Claims,
}

impl List {
    /// All four, in the order the document lists them.
    pub const ALL: [List; 4] = [List::Actors, List::Mentions, List::Quotes, List::Claims];

    /// The field name in the document.
    pub fn name(self) -> &'static str {
        match self {
            List::Actors => "actors",
            List::Mentions => "mentions",
            List::Quotes => "quotes",
            List::Claims => "claims",
        }
    }
}

/// Compact JSON written by hand, the same text `serde_json::to_string`
/// writes for an [`Export`] (a test checks it). The WASM binding hands it to
/// `JSON.parse`, which builds the JS objects much faster than one call into
/// JS a field, and needs neither serde nor a JSON library in the `.wasm`.
impl Export {
    /// Appends the whole document.
    pub fn write_json(&self, out: &mut String) {
        self.write_json_head(out, true);
    }

    /// Appends the document with every list empty (`"actors":[]`...).
    pub fn write_json_skeleton(&self, out: &mut String) {
        self.write_json_head(out, false);
    }

    fn write_json_head(&self, out: &mut String, items: bool) {
        out.push_str("{\"version\":");
        num(out, self.version as usize);
        out.push_str(",\"offsets\":\"");
        out.push_str(match self.offsets {
            OffsetUnit::Utf16 => "utf16",
            OffsetUnit::Bytes => "bytes",
            OffsetUnit::Chars => "chars",
        });
        out.push_str("\",\"textLength\":");
        num(out, self.text_length);
        for list in List::ALL {
            out.push_str(",\"");
            out.push_str(list.name());
            out.push_str("\":");
            let len = if items { self.len(list) } else { 0 };
            self.write_json_items(list, 0..len, out);
        }
        out.push('}');
    }

    /// The number of items in `list`.
    pub fn len(&self, list: List) -> usize {
        let a = &self.annotation;
        match list {
            List::Actors => a.actors.len(),
            List::Mentions => a.mentions.len(),
            List::Quotes => a.quotes.len(),
            List::Claims => a.claims.len(),
        }
    }

    /// Appends items `range` of `list` as a JSON array.
    pub fn write_json_items(&self, list: List, range: std::ops::Range<usize>, out: &mut String) {
        let a = &self.annotation;
        out.push('[');
        for (n, i) in range.enumerate() {
            if n > 0 {
                out.push(',');
            }
            match list {
                List::Actors => actor(out, &a.actors[i]),
                List::Mentions => mention(out, &a.mentions[i]),
                List::Quotes => quote(out, &a.quotes[i]),
                List::Claims => claim(out, &a.claims[i]),
            }
        }
        out.push(']');
    }
}

// Each writer destructures its struct: a new field fails to compile here
// instead of going missing from the JSON.

fn actor(out: &mut String, actor: &Actor) {
    let Actor {
        id,
        name,
        kind,
        titles,
        anonymous,
        mentions,
    } = actor;
    out.push_str("{\"id\":");
    num(out, id.index());
    out.push_str(",\"name\":");
    string(out, name);
    out.push_str(",\"kind\":\"");
    out.push_str(match kind {
        ActorKind::Person => "person",
        ActorKind::Organization => "organization",
        ActorKind::Place => "place",
        ActorKind::Group => "group",
    });
    out.push_str("\",\"titles\":[");
    for (n, t) in titles.iter().enumerate() {
        if n > 0 {
            out.push(',');
        }
        string(out, t);
    }
    out.push_str("],\"anonymous\":");
    out.push_str(if *anonymous { "true" } else { "false" });
    out.push_str(",\"mentions\":");
    ids(out, mentions.iter().map(|m| m.index()));
    out.push('}');
}

fn mention(out: &mut String, mention: &Mention) {
    let Mention {
        id,
        actor,
        span: whole,
        title,
        kind,
    } = mention;
    out.push_str("{\"id\":");
    num(out, id.index());
    out.push_str(",\"actor\":");
    num(out, actor.index());
    out.push_str(",\"span\":");
    span(out, *whole);
    out.push_str(",\"title\":");
    opt_span(out, *title);
    out.push_str(",\"kind\":\"");
    out.push_str(match kind {
        MentionKind::Name => "name",
        MentionKind::Description => "description",
        MentionKind::Pronoun => "pronoun",
    });
    out.push_str("\"}");
}

fn quote(out: &mut String, quote: &Quote) {
    let Quote {
        id,
        kind,
        span: whole,
        content,
        speaker,
        speaker_mention,
        cue,
        reporter,
    } = quote;
    out.push_str("{\"id\":");
    num(out, id.index());
    out.push_str(",\"kind\":\"");
    out.push_str(match kind {
        QuoteKind::Direct => "direct",
        QuoteKind::Partial => "partial",
        QuoteKind::Continuation => "continuation",
    });
    out.push_str("\",\"span\":");
    span(out, *whole);
    out.push_str(",\"content\":");
    span(out, *content);
    out.push_str(",\"speaker\":");
    opt_num(out, speaker.map(ActorId::index));
    out.push_str(",\"speakerMention\":");
    opt_num(out, speaker_mention.map(MentionId::index));
    out.push_str(",\"cue\":");
    opt_span(out, *cue);
    out.push_str(",\"reporter\":");
    opt_num(out, reporter.map(ActorId::index));
    out.push('}');
}

fn claim(out: &mut String, claim: &Claim) {
    let Claim {
        id,
        claimant,
        claimant_mention,
        cue,
        content,
        stance,
        disputed_by,
        disputes,
    } = claim;
    out.push_str("{\"id\":");
    num(out, id.index());
    out.push_str(",\"claimant\":");
    opt_num(out, claimant.map(ActorId::index));
    out.push_str(",\"claimantMention\":");
    opt_num(out, claimant_mention.map(MentionId::index));
    out.push_str(",\"cue\":");
    span(out, *cue);
    out.push_str(",\"content\":");
    span(out, *content);
    out.push_str(",\"stance\":\"");
    out.push_str(stance.name());
    out.push_str("\",\"disputedBy\":");
    ids(out, disputed_by.iter().map(|c| c.index()));
    out.push_str(",\"disputes\":");
    ids(out, disputes.iter().map(|c| c.index()));
    out.push('}');
}

fn num(out: &mut String, n: usize) {
    let mut digits = [0u8; 20];
    let mut i = digits.len();
    let mut n = n;
    loop {
        i -= 1;
        digits[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    for &d in &digits[i..] {
        out.push(char::from(d));
    }
}

fn opt_num(out: &mut String, n: Option<usize>) {
    match n {
        Some(n) => num(out, n),
        None => out.push_str("null"),
    }
}

fn ids(out: &mut String, ids: impl Iterator<Item = usize>) {
    out.push('[');
    for (n, id) in ids.enumerate() {
        if n > 0 {
            out.push(',');
        }
        num(out, id);
    }
    out.push(']');
}

fn span(out: &mut String, s: Span) {
    out.push_str("{\"start\":");
    num(out, s.start);
    out.push_str(",\"end\":");
    num(out, s.end);
    out.push('}');
}

fn opt_span(out: &mut String, s: Option<Span>) {
    match s {
        Some(s) => span(out, s),
        None => out.push_str("null"),
    }
}

/// A JSON string: `"` and `\` escaped, control characters as serde_json
/// writes them (`\n`, `\t`... or `\u00XX`), everything else as it is.
fn string(out: &mut String, s: &str) {
    out.push('"');
    let mut done = 0;
    for (i, b) in s.bytes().enumerate() {
        let escape = match b {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0x08 => "\\b",
            0x0c => "\\f",
            0..=0x1f => "",
            _ => continue,
        };
        out.push_str(&s[done..i]);
        if escape.is_empty() {
            const HEX: &[u8; 16] = b"0123456789abcdef";
            out.push_str("\\u00");
            out.push(char::from(HEX[usize::from(b >> 4)]));
            out.push(char::from(HEX[usize::from(b & 0xf)]));
        } else {
            out.push_str(escape);
        }
        done = i + 1;
    }
    out.push_str(&s[done..]);
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_is_what_serde_json_writes() {
        let texts = [
            include_str!("../benches/data/politics.txt"),
            include_str!("../benches/data/business.txt"),
            include_str!("../benches/data/feature.txt"),
            "",
            "Ms \"Q\\uote\"\u{1}\u{1f}\t\r\u{8}\u{c} said: \"x\".\n\"Zoë 🌍 «non»,\" Jean Dupont-Müller said.",
        ];
        for text in texts {
            let annotation = crate::annotate(text);
            for unit in [OffsetUnit::Utf16, OffsetUnit::Bytes, OffsetUnit::Chars] {
                let export = Export::new(text, &annotation, unit);
                let mut json = String::new();
                export.write_json(&mut json);
                assert!(json == serde_json::to_string(&export).unwrap(), "{json}");
                // The skeleton and the items, put together, are the same.
                let mut skeleton = String::new();
                export.write_json_skeleton(&mut skeleton);
                let mut parts: serde_json::Value = serde_json::from_str(&skeleton).unwrap();
                for list in List::ALL {
                    let mut items = Vec::new();
                    let len = export.len(list);
                    for start in (0..len).step_by(7) {
                        let mut chunk = String::new();
                        export.write_json_items(list, start..(start + 7).min(len), &mut chunk);
                        let chunk: Vec<serde_json::Value> = serde_json::from_str(&chunk).unwrap();
                        items.extend(chunk);
                    }
                    parts[list.name()] = items.into();
                }
                let whole: serde_json::Value = serde_json::from_str(&json).unwrap();
                assert!(parts == whole, "skeleton + items differ from the whole");
            }
        }
        // Strings with every escape, on their own.
        let mut out = String::new();
        string(&mut out, "a\"b\\c\u{0}\u{7f}\u{2028}é\n");
        assert_eq!(
            out,
            serde_json::to_string("a\"b\\c\u{0}\u{7f}\u{2028}é\n").unwrap()
        );
    }

    #[test]
    fn in_place_conversion_matches_the_copy() {
        let text = "“Ça va,” dit Zoë Dupont. The minister denied the claims, officials said.";
        let annotation = crate::annotate(text);
        for unit in [OffsetUnit::Utf16, OffsetUnit::Bytes, OffsetUnit::Chars] {
            assert_eq!(
                Export::from_annotation(text, annotation.clone(), unit),
                Export::new(text, &annotation, unit)
            );
        }
    }
}
