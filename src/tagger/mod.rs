//! A learned named-entity tagger: persons, organizations, places (and
//! other names, MISC) over tokens, as BIO tags.
//!
//! The model is a first-order linear chain (a structured averaged
//! perceptron) decoded with Viterbi. Its features are hashed into a fixed
//! table of `2^bits` rows, one weight per tag in a row, so the shipped model
//! ([`Tagger::shipped`], `ner.bin`, 93 KB, range-coded) is a small data
//! file, not code. The features are the word and its neighbours, word shape,
//! suffixes, the run of capitalized words it sits in and the
//! words around that run, and flags from the engine's own lexicons (given
//! names, known places and organizations, titles, cue verbs, demonyms, ...),
//! and how the same word is written elsewhere in the document.
//! [`Tagger::tag_document`] adds document-level consistency: the same name
//! keeps its majority type through the document, and a surname after a full
//! name is that person.
//!
//! Training ([`train`]) is deterministic: the same sentences and options
//! give byte-identical weights. How the shipped model was trained, on what
//! data and how well it does: `src/tagger/README.md`.
//!
//! A stage of [`crate::annotate`] with the `tagger` feature
//! (`src/actors/entities.rs` reads its tags); `newslens eval --ner` runs it
//! alone. At inference only the tokens that may be part of a name (a
//! capital letter, or between two capitalized words) get features; the
//! others are outside any name.

pub mod corpus;
mod features;
mod model;
mod packed;
pub mod train;

pub use model::{Model, ModelError};

use std::sync::OnceLock;

/// The type of a named entity.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum EntityType {
    /// A person.
    Per,
    /// An organization.
    Org,
    /// A place.
    Loc,
    /// Any other name (events, works, nationalities, ...).
    Misc,
}

impl EntityType {
    /// Every type, in index order.
    pub const ALL: [EntityType; 4] = [
        EntityType::Per,
        EntityType::Org,
        EntityType::Loc,
        EntityType::Misc,
    ];

    /// The tag name: `PER`, `ORG`, `LOC`, `MISC`.
    pub fn name(self) -> &'static str {
        match self {
            EntityType::Per => "PER",
            EntityType::Org => "ORG",
            EntityType::Loc => "LOC",
            EntityType::Misc => "MISC",
        }
    }

    /// The type for a tag name (`PER`, `ORG`, `LOC`, `MISC`, any case).
    pub fn from_name(name: &str) -> Option<EntityType> {
        EntityType::ALL
            .into_iter()
            .find(|t| t.name().eq_ignore_ascii_case(name))
    }
}

/// A BIO tag: outside, beginning or inside of an entity.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Tag {
    /// Not part of a name.
    O,
    /// The first token of a name.
    B(EntityType),
    /// A later token of a name.
    I(EntityType),
}

impl Tag {
    /// Number of distinct tags (`O` and `B`/`I` of each type).
    pub const COUNT: usize = 1 + 2 * EntityType::ALL.len();

    /// A dense index in `0..Tag::COUNT`.
    pub fn index(self) -> usize {
        match self {
            Tag::O => 0,
            Tag::B(t) => 1 + 2 * t as usize,
            Tag::I(t) => 2 + 2 * t as usize,
        }
    }

    /// The tag of a dense index (`O` for anything out of range).
    pub fn from_index(i: usize) -> Tag {
        match i {
            1..=8 => {
                let t = EntityType::ALL[(i - 1) / 2];
                if i % 2 == 1 {
                    Tag::B(t)
                } else {
                    Tag::I(t)
                }
            }
            _ => Tag::O,
        }
    }

    /// The entity type, unless `O`.
    pub fn entity(self) -> Option<EntityType> {
        match self {
            Tag::O => None,
            Tag::B(t) | Tag::I(t) => Some(t),
        }
    }

    /// True when a tag may follow `prev` in valid BIO (`None`: sentence start).
    pub fn may_follow(self, prev: Option<Tag>) -> bool {
        match self {
            Tag::I(t) => matches!(prev, Some(Tag::B(p) | Tag::I(p)) if p == t),
            _ => true,
        }
    }
}

impl std::fmt::Display for Tag {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Tag::O => f.write_str("O"),
            Tag::B(t) => write!(f, "B-{}", t.name()),
            Tag::I(t) => write!(f, "I-{}", t.name()),
        }
    }
}

/// A name found by the tagger: tokens `start..end` of its sentence.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Entity {
    /// First token.
    pub start: usize,
    /// One past the last token.
    pub end: usize,
    /// Its type.
    pub kind: EntityType,
}

/// The entities of a tag sequence. Reads BIO (IOB2) and IOB1 alike: an
/// entity starts at `B-X`, or at `I-X` after a tag of another type.
pub fn entities(tags: &[Tag]) -> Vec<Entity> {
    let mut out = Vec::new();
    entities_into(tags, &mut out);
    out
}

/// [`entities`], appended to `out` (a buffer kept from one sentence to the
/// next: most sentences have a name, and a `Vec` each was an allocation).
pub(crate) fn entities_into(tags: &[Tag], out: &mut Vec<Entity>) {
    let mut open: Option<(usize, EntityType)> = None;
    for (i, &tag) in tags.iter().enumerate() {
        // (most tags: O outside any entity)
        if tag == Tag::O && open.is_none() {
            continue;
        }
        let continues = matches!((tag, open), (Tag::I(t), Some((_, o))) if t == o);
        if continues {
            continue;
        }
        if let Some((start, kind)) = open.take() {
            out.push(Entity {
                start,
                end: i,
                kind,
            });
        }
        if let Some(kind) = tag.entity() {
            open = Some((i, kind));
        }
    }
    if let Some((start, kind)) = open {
        out.push(Entity {
            start,
            end: tags.len(),
            kind,
        });
    }
}

/// BIO (IOB2) tags for entities over `len` tokens (entities must not overlap).
pub fn bio(len: usize, entities: &[Entity]) -> Vec<Tag> {
    let mut tags = vec![Tag::O; len];
    for e in entities {
        for (i, tag) in tags
            .iter_mut()
            .enumerate()
            .take(e.end.min(len))
            .skip(e.start)
        {
            *tag = if i == e.start {
                Tag::B(e.kind)
            } else {
                Tag::I(e.kind)
            };
        }
    }
    tags
}

/// The tagger: a [`Model`] and the decoding around it.
#[derive(Clone, Debug)]
pub struct Tagger {
    model: Model,
}

/// The shipped weights (see `src/tagger/README.md`).
static SHIPPED: &[u8] = include_bytes!("ner.bin");

/// The weight table of [`SHIPPED`], decoded by `build.rs` (a native
/// build: [`Model::from_bytes_dense`]).
#[cfg(not(target_arch = "wasm32"))]
static SHIPPED_TABLE: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/ner.dense"));

/// The tagger [`Tagger::shipped`] returns, decoded on first use.
static SHIPPED_TAGGER: OnceLock<Tagger> = OnceLock::new();

impl Tagger {
    /// The tagger with the shipped weights, decoded on first use.
    pub fn shipped() -> &'static Tagger {
        SHIPPED_TAGGER.get_or_init(|| {
            #[cfg(not(target_arch = "wasm32"))]
            let model = Model::from_bytes_dense(SHIPPED, SHIPPED_TABLE);
            #[cfg(target_arch = "wasm32")]
            let model = Model::from_bytes(SHIPPED);
            Tagger::new(model.expect("the shipped ner.bin is a valid model"))
        })
    }

    /// Makes `self` the tagger [`Tagger::shipped`] returns (and so the one
    /// [`crate::annotate`] runs), for measuring other weights with the whole
    /// engine (`newslens eval --ner --ner-model`). Only before the first use
    /// of the shipped tagger: false after it.
    #[doc(hidden)]
    pub fn install(self) -> bool {
        SHIPPED_TAGGER.set(self).is_ok()
    }

    /// A tagger from weights written by [`Model::to_bytes`].
    pub fn from_bytes(bytes: &[u8]) -> Result<Tagger, ModelError> {
        Ok(Tagger {
            model: Model::from_bytes(bytes)?,
        })
    }

    /// A tagger around a model.
    pub fn new(model: Model) -> Tagger {
        Tagger { model }
    }

    /// The model.
    pub fn model(&self) -> &Model {
        &self.model
    }

    /// Tags one sentence (its tokens as written), as a document of its own.
    /// The tags are valid BIO.
    pub fn tag<S: AsRef<str>>(&self, tokens: &[S]) -> Vec<Tag> {
        let ctx = features::DocContext::new(&[tokens]);
        let mut scratch = features::Scratch::default();
        let mut decode = model::DecodeBuf::default();
        let kept = scratch.sparse(tokens, &[], &ctx, &mut decode.sink(&self.model));
        let mut tags = vec![Tag::O; tokens.len()];
        self.model.decode_kept(kept, &mut decode, &mut tags);
        trim(tokens, &mut tags, &mut Vec::new(), Some(kept));
        tags
    }

    /// Tags the sentences of one document (the case of each word elsewhere in
    /// it is a feature), then makes names consistent across it ([`consistent`]).
    pub fn tag_document<S: AsRef<str>>(&self, sentences: &[Vec<S>]) -> Vec<Vec<Tag>> {
        self.tag_sentences(sentences.len(), |i, buf| {
            buf.extend(sentences[i].iter().map(AsRef::as_ref));
        })
    }

    /// [`Tagger::tag_document`] over `count` sentences whose words
    /// `words(i, buf)` pushes onto an empty `buf` when asked: the words of a
    /// long document are never all held at once (16 bytes a token).
    pub fn tag_sentences<'w>(
        &self,
        count: usize,
        words: impl Fn(usize, &mut Vec<&'w str>),
    ) -> Vec<Vec<Tag>> {
        let (tags, starts, _) = self.tag_sentences_facts(count, words, |_| &[]);
        starts
            .windows(2)
            .map(|w| tags[w[0] as usize..w[1] as usize].to_vec())
            .collect()
    }

    /// [`Tagger::tag_sentences`] with the lexicon facts of each sentence's
    /// tokens (`crate::lexicon::fact` bits, as `crate::text::Doc` keeps
    /// them): they spare look-ups of words the lexicons cannot hold; the
    /// tags are the same. The tags of all sentences come one after
    /// another, sentence `i`'s at `starts[i]..starts[i + 1]` (a `Vec` a
    /// sentence was a tenth of the peak memory on long texts). With them,
    /// the names of the tags, [`Named`] (each sentence's were worked out
    /// to trim them: they are not read from the tags again).
    pub(crate) fn tag_sentences_facts<'w, 'f>(
        &self,
        count: usize,
        words: impl Fn(usize, &mut Vec<&'w str>),
        facts: impl Fn(usize) -> &'f [u8],
    ) -> (Vec<Tag>, Vec<u32>, Named) {
        let mut buf = Vec::new();
        let mut ctx = features::DocContext::default();
        // Room for an article's lowercase words up front (about half its
        // tokens, at most 4,096: a long text's sets grow as they fill).
        let (tokens, longest) = (0..count).fold((0, 0), |(sum, most), i| {
            let n = facts(i).len();
            (sum + n, most.max(n))
        });
        ctx.reserve((tokens / 2).min(4096));
        // An article's words are kept from this pass for the next (16
        // bytes a token, at most `HOLD` tokens, 128 KB): fetching them
        // again was a thirtieth of the stage. A longer text's are fetched
        // again a sentence at a time, never all held at once (the peak
        // memory of long texts stays as it was).
        const HOLD: usize = 1 << 13;
        let mut held: Option<(Vec<&'w str>, Vec<usize>)> =
            (tokens <= HOLD).then(|| (Vec::with_capacity(tokens), Vec::with_capacity(count + 1)));
        let mut total = 0;
        // The words seen in lowercase are hashed once all are read, only
        // those that may be a capitalized word's lowercase form (a tenth
        // of them, about: the others are never asked for), from the words
        // held, else fetched again.
        let mut marks = features::LowerMarks::default();
        for i in 0..count {
            buf.clear();
            words(i, &mut buf);
            ctx.add_capitals(&buf, facts(i), &mut marks);
            total += buf.len();
            if let Some((all, ends)) = &mut held {
                if total > HOLD {
                    held = None;
                } else {
                    all.extend_from_slice(&buf);
                    ends.push(total);
                }
            }
        }
        match &held {
            Some((all, _)) => ctx.add_lower(all, Some(&marks)),
            None => {
                for i in 0..count {
                    buf.clear();
                    words(i, &mut buf);
                    ctx.add_lower(&buf, Some(&marks));
                }
            }
        }
        let mut scratch = features::Scratch::with_room(longest);
        let mut decode = model::DecodeBuf::with_room(longest);
        let mut found = Found::default();
        let mut names = Vec::new();
        let mut tags = Vec::with_capacity(total);
        let mut starts = Vec::with_capacity(count + 1);
        starts.push(0);
        let mut named = Named {
            names: Vec::new(),
            ends: Vec::with_capacity(count),
            rewritten: Vec::new(),
        };
        for i in 0..count {
            let ws: &[&str] = match &held {
                Some((all, ends)) => &all[if i == 0 { 0 } else { ends[i - 1] }..ends[i]],
                None => {
                    buf.clear();
                    words(i, &mut buf);
                    &buf
                }
            };
            let kept = scratch.sparse(ws, facts(i), &ctx, &mut decode.sink(&self.model));
            // (each sentence's tags decoded and trimmed in place, at the end)
            let start = tags.len();
            tags.resize(start + ws.len(), Tag::O);
            let these = &mut tags[start..];
            self.model.decode_kept(kept, &mut decode, these);
            trim(ws, these, &mut names, Some(kept));
            found.add(i, ws, these, &names, scratch.uppers());
            starts.push(tags.len() as u32);
            named.names.extend_from_slice(&names);
            named.ends.push(named.names.len() as u32);
        }
        found.apply(|s, new| {
            let r = starts[s] as usize..starts[s + 1] as usize;
            tags[r.clone()].copy_from_slice(&bio(r.len(), new));
            named.rewritten.push(s as u32);
        });
        (tags, starts, named)
    }
}

/// The names [`Tagger::tag_sentences_facts`] found, sentence after
/// sentence, as [`entities_into`] reads them from the tags.
pub(crate) struct Named {
    /// Each sentence's names, one sentence after another.
    names: Vec<Entity>,
    /// One past the last name of each sentence.
    ends: Vec<u32>,
    /// The sentences the consistency pass rewrote, in order: their names
    /// are read from their tags.
    rewritten: Vec<u32>,
}

impl Named {
    /// The names of sentence `s` (of `tags`, its tags), written to `out`.
    pub(crate) fn of(&self, s: usize, tags: &[Tag], out: &mut Vec<Entity>) {
        out.clear();
        if self.rewritten.binary_search(&(s as u32)).is_ok() {
            entities_into(tags, out);
        } else {
            let start = if s == 0 { 0 } else { self.ends[s - 1] as usize };
            out.extend_from_slice(&self.names[start..self.ends[s] as usize]);
        }
    }
}

/// A person's or a place's name does not end in a token without letters (a
/// score, a year: "Boston 4-3" is "Boston"). With the tags, their entities,
/// written to `ents`. (The tags are trimmed in place.) `kept`, when given:
/// the tokens decoded, the others O.
fn trim<S: AsRef<str>>(
    tokens: &[S],
    tags: &mut [Tag],
    ents: &mut Vec<Entity>,
    kept: Option<&[bool]>,
) {
    ents.clear();
    match kept {
        // (a name lies in a run of kept tokens: only they are read, not the
        // whole sentence, most of whose tokens are O)
        Some(kept) => {
            let mut i = 0;
            while let Some(k) = kept[i..].iter().position(|&k| k) {
                let a = i + k;
                let b = a + kept[a..].iter().take_while(|&&k| k).count();
                let at = ents.len();
                entities_into(&tags[a..b], ents);
                for e in &mut ents[at..] {
                    e.start += a;
                    e.end += a;
                }
                i = b;
            }
        }
        None => entities_into(tags, ents),
    }
    let mut changed = false;
    // ("Jan 22 Duluth": nor does it hold a number; the words after it are
    // a name of their own)
    let number = |t: usize| {
        let w = tokens[t].as_ref();
        w.bytes().any(|b| b.is_ascii_digit()) && !w.chars().any(crate::letters::is_alphabetic)
    };
    let mut i = 0;
    while i < ents.len() {
        let e = ents[i];
        if matches!(e.kind, EntityType::Per | EntityType::Loc) {
            if let Some(k) = (e.start + 1..e.end - 1).find(|&t| number(t)) {
                ents[i].end = k;
                ents.insert(i + 1, Entity { start: k + 1, ..e });
                changed = true;
            }
        }
        i += 1;
    }
    for e in ents.iter_mut() {
        if matches!(e.kind, EntityType::Per | EntityType::Loc) {
            while e.end - e.start > 1
                && !tokens[e.end - 1]
                    .as_ref()
                    .chars()
                    .any(crate::letters::is_alphabetic)
            {
                e.end -= 1;
                changed = true;
            }
        }
    }
    // (Trimmed, the entities are still those of the tags bio makes of them:
    // in order, apart, none empty.)
    if changed {
        tags.copy_from_slice(&bio(tags.len(), ents));
    }
}

/// Document-level consistency, in place: every name written the same way
/// takes the type most of its occurrences have (ties keep their own), and a
/// lone word that is the last word of a longer person's name is that person
/// (also when the tagger left it untagged, if it is capitalized and does
/// not open its sentence).
pub fn consistent<S: AsRef<str>>(sentences: &[Vec<S>], tags: &mut [Vec<Tag>]) {
    let mut found = Found::default();
    for (i, (s, t)) in sentences.iter().zip(tags.iter()).enumerate() {
        let ws: Vec<&str> = s.iter().map(AsRef::as_ref).collect();
        found.add(i, &ws, t, &entities(t), 0..ws.len() as u32);
    }
    found.apply(|s, new| tags[s] = bio(tags[s].len(), new));
}

/// What the consistency pass needs of the sentences, taken while their
/// words are at hand (they are not fetched again): two flat tables in
/// sentence order (two `Vec`s a sentence, with `usize` tokens, were a
/// fifth of the peak memory on long texts).
#[derive(Default)]
struct Found {
    /// Each name, with the hash of its words joined by spaces, and for a
    /// person's name of two words or more the hash of its last word (when
    /// longer than one character).
    names: Vec<Name>,
    /// The capitalized words outside any name, the first word of each
    /// sentence aside: their sentence, token and hash.
    capitals: Vec<(u32, u32, u64)>,
}

/// A name [`Found`] in a sentence (32 bytes).
struct Name {
    /// Its sentence.
    sentence: u32,
    /// Its tokens in the sentence.
    toks: [u32; 2],
    /// Its type.
    kind: EntityType,
    /// Whether `surname` is set.
    has_surname: bool,
    /// The hash of its words joined by spaces.
    hash: u64,
    /// The hash of a person's last word.
    surname: u64,
}

impl Name {
    /// The name as an entity of its sentence.
    fn entity(&self) -> Entity {
        Entity {
            start: self.toks[0] as usize,
            end: self.toks[1] as usize,
            kind: self.kind,
        }
    }
}

impl Found {
    /// Adds the names of sentence `s`, its words `ws` tagged `tags`, whose
    /// entities are `names` (`entities(tags)`); `uppers`: in order, the
    /// tokens with a capital letter, or more (only they are looked at for
    /// a capitalized word).
    fn add(
        &mut self,
        s: usize,
        ws: &[&str],
        tags: &[Tag],
        names: &[Entity],
        uppers: impl IntoIterator<Item = u32>,
    ) {
        // A name as its words joined by spaces, by FNV-1a (no strings
        // built: a one-word name hashes as its word does).
        let text = |e: &Entity| -> u64 {
            let words = ws[e.start..e.end].iter().enumerate();
            words.fold(features::FNV_START, |h, (k, w)| {
                let h = if k > 0 { features::fnv(h, b" ") } else { h };
                features::fnv(h, w.as_bytes())
            })
        };
        for &e in names {
            let last = ws[e.end - 1];
            let has_surname =
                e.kind == EntityType::Per && e.end - e.start >= 2 && last.chars().count() > 1;
            self.names.push(Name {
                sentence: s as u32,
                toks: [e.start as u32, e.end as u32],
                kind: e.kind,
                has_surname,
                hash: text(&e),
                surname: if has_surname {
                    features::hash_str(last)
                } else {
                    0
                },
            });
        }
        let capitals = uppers
            .into_iter()
            .map(|i| i as usize)
            .filter(|&i| i > 0 && features::is_cap(ws[i]) && tags[i] == Tag::O);
        for i in capitals {
            self.capitals
                .push((s as u32, i as u32, features::hash_str(ws[i])));
        }
    }

    /// [`consistent`] over the names found: `rewrite(s, names)` sets the
    /// tags of each sentence `s` that changes to its new names.
    fn apply(&self, mut rewrite: impl FnMut(usize, &[Entity])) {
        let mut votes: crate::text::WordMap<u64, [usize; 4]> = Default::default();
        let mut surnames: crate::text::WordSet<u64> = Default::default();
        for n in &self.names {
            votes.entry(n.hash).or_default()[n.kind as usize] += 1;
            if n.has_surname {
                surnames.insert(n.surname);
            }
        }
        // Only the sentences with a name or a capitalized word can change.
        let (mut names, mut capitals) = (&self.names[..], &self.capitals[..]);
        let mut new: Vec<Entity> = Vec::new();
        while let Some(s) = match (names.first(), capitals.first()) {
            (Some(n), Some(c)) => Some(n.sentence.min(c.0)),
            (Some(n), None) => Some(n.sentence),
            (None, Some(c)) => Some(c.0),
            (None, None) => None,
        } {
            let k = names.iter().take_while(|n| n.sentence == s).count();
            let (these, rest) = names.split_at(k);
            names = rest;
            let k = capitals.iter().take_while(|c| c.0 == s).count();
            let (caps, rest) = capitals.split_at(k);
            capitals = rest;
            let mut changed = false;
            new.clear();
            new.extend(these.iter().map(Name::entity));
            for (e, n) in new.iter_mut().zip(these) {
                let v = votes[&n.hash];
                let best = (0..4)
                    .max_by_key(|&k| (v[k], k == e.kind as usize))
                    .unwrap_or(0);
                let mut kind = e.kind;
                if v[best] > v[kind as usize] {
                    kind = EntityType::ALL[best];
                }
                if e.end - e.start == 1 && surnames.contains(&n.hash) {
                    kind = EntityType::Per;
                }
                if kind != e.kind {
                    e.kind = kind;
                    changed = true;
                }
            }
            // An untagged capitalized word that is a person's surname, not
            // at the start of the sentence.
            for &(_, i, h) in caps {
                let i = i as usize;
                if surnames.contains(&h) && !new.iter().any(|e| e.start <= i && i < e.end) {
                    new.push(Entity {
                        start: i,
                        end: i + 1,
                        kind: EntityType::Per,
                    });
                    changed = true;
                }
            }
            if changed {
                crate::order::sort_by(&mut new, Entity::cmp);
                rewrite(s as usize, &new);
            }
        }
    }
}

#[cfg(test)]
mod tests;
