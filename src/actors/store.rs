//! The actors and mentions found so far, with an index from tokens to
//! the mentions covering them. The stages of [`super`] fill it; attribution
//! reads it and adds pronoun mentions.

use crate::annotation::{ActorKind, MentionKind};
use crate::at::{split_once, At};
use crate::lexicon::{lexicon, Gender, Use};
use crate::span::Span;
use crate::text::{Doc, Lower, Runs};
use std::num::NonZeroU32;
use std::ops::Range;

/// A mention before ids are assigned: 28 bytes (`u32` tokens, bytes and
/// actor, texts being under 4 GiB; the kind in the tokens' top bits), for there are thousands on long texts
/// (72 bytes each with `usize` fields were a seventh of the peak memory).
#[derive(Clone, Debug)]
pub struct MentionDraft {
    /// Tokens of the mention (without its title), the kind in their top
    /// bits ([`KIND_BIT`]: 28 bytes a mention, was 32).
    toks: [u32; 2],
    /// Bytes of the mention.
    span: [u32; 2],
    /// Title written before the name; `[0, 0]` for none (a title is never empty).
    title: [u32; 2],
    /// Index into [`Actors::actors`].
    actor: u32,
}

const _: () = assert!(std::mem::size_of::<MentionDraft>() == 28);

/// The bit of each of [`MentionDraft::toks`] that holds a bit of its
/// [`MentionKind`]'s index (token indices are under 2^31: tokens start in
/// the first GiB of a text, a byte or more apart).
const KIND_BIT: u32 = 1 << 31;

impl MentionDraft {
    /// A mention of `actor` over tokens `toks` and bytes `span`.
    pub fn new(
        toks: Range<usize>,
        span: Span,
        title: Option<Span>,
        kind: MentionKind,
        actor: usize,
    ) -> MentionDraft {
        let k = kind as u32;
        let mut m = MentionDraft {
            toks: [(k & 1) * KIND_BIT, (k >> 1) * KIND_BIT],
            span: span.pack(),
            title: [0; 2],
            actor: actor as u32,
        };
        m.set_toks(toks);
        m.set_title(title);
        m
    }

    /// Name, description or pronoun.
    pub fn kind(&self) -> MentionKind {
        let bit = |x: u32| (x / KIND_BIT) as usize;
        *MentionKind::ALL.at(bit(self.toks[0]) | bit(self.toks[1]) << 1)
    }

    /// Tokens of the mention (without its title).
    pub fn toks(&self) -> Range<usize> {
        (self.toks[0] & !KIND_BIT) as usize..(self.toks[1] & !KIND_BIT) as usize
    }

    /// Sets the mention's tokens.
    pub fn set_toks(&mut self, toks: Range<usize>) {
        debug_assert!(toks.end < KIND_BIT as usize);
        let [a, b] = &mut self.toks;
        *a = (*a & KIND_BIT) | toks.start as u32;
        *b = (*b & KIND_BIT) | toks.end as u32;
    }

    /// Bytes of the mention.
    pub fn span(&self) -> Span {
        Span::unpack(self.span)
    }

    /// Title written before the name.
    pub fn title(&self) -> Option<Span> {
        (self.title[1] != 0).then(|| Span::unpack(self.title))
    }

    /// Sets the title written before the name.
    pub fn set_title(&mut self, title: Option<Span>) {
        debug_assert!(title.is_none_or(|t| !t.is_empty()));
        self.title = title.map_or([0; 2], Span::pack);
    }

    /// Index into [`Actors::actors`].
    pub fn actor(&self) -> usize {
        self.actor as usize
    }
}

/// An actor before ids are assigned.
#[derive(Clone, Debug)]
pub struct ActorDraft {
    /// Canonical name.
    pub name: String,
    /// Person, organization, place or group.
    pub kind: ActorKind,
    /// Titles, in order, without duplicates.
    pub titles: Vec<String>,
    /// Unnamed source.
    pub anonymous: bool,
    /// For descriptions: the head role noun ("official").
    pub role: Option<String>,
    /// A gender the text gives beside the name ("her father, X"), for a
    /// given name the lexicon does not know.
    pub gender: Option<Gender>,
}

/// Everything the actor stage found.
#[derive(Default)]
pub struct Actors {
    /// Mentions in text order (a name may nest inside a description).
    pub mentions: Vec<MentionDraft>,
    /// Actors, in order of creation.
    pub actors: Vec<ActorDraft>,
    /// For each token, the innermost and the outermost mention covering
    /// it, as of the last `index` (stored as runs: 4 bytes a token each were
    /// a sixth of the peak memory on long texts; one table of both, not two,
    /// shares the runs' bounds and block index: 0.9 MB fewer on 10 MiB).
    by_token: Runs<[Option<NonZeroU32>; 2]>,
    /// Tokens covered by mentions added since (pronouns), sorted: (token,
    /// innermost, outermost). These entries win over the two tables. They
    /// come in text order, sentence by sentence, so an insertion moves at
    /// most the few entries of the current sentence.
    /// (The token as a `u32`: 12 bytes an entry, not 16.)
    added: Vec<(u32, Option<NonZeroU32>, Option<NonZeroU32>)>,
    /// One bit a token: set for the tokens in `added`, so the other tokens
    /// (nearly all) skip the map.
    added_bits: Vec<u64>,
    /// Actors made on the spot for unnamed speakers, by their words.
    pub phrase_actors: crate::text::Words<usize>,
    /// The organizations among them by their last word ("authority" for
    /// "the transport authority"), `None` when two share it.
    pub phrase_orgs_by_last: OneActor,
    /// "the mayor" → the one actor it can mean (or none), worked out once per word.
    pub described: OneActor,
    /// Lookups by title and by an organization's last word, built by
    /// [`Actors::seal`] once no actor gains a title any more.
    sealed: Option<Sealed>,
    /// The names nested in a description that are no actor of their own
    /// ("Maoist" in "the Maoist rebels"), by mention index, in order: the
    /// output folds them into the description (`assemble`).
    pub quiet: Vec<usize>,
}

/// Indexes over the actors for the descriptions attribution resolves, so
/// that each costs a lookup, not a look at every actor (which was
/// quadratic on texts of thousands of names).
struct Sealed {
    /// Each word-final part of a title ("secretary of state", "of state",
    /// "state"), spelled out → its one holder, or `None` for several.
    title_holders: OneActor,
    /// The last word of a multiword organization's name (lowercase) → that
    /// organization, or `None` for several.
    org_by_last_word: OneActor,
    /// Each actor's [`Actors::gender`], worked out when first asked (names,
    /// kinds and titles no longer change; pronouns ask it of every person
    /// in view).
    genders: Vec<std::cell::OnceCell<Option<Gender>>>,
}

/// Words → one actor each, or none (`None` for several holders, or for no
/// actor found). A [`Words<usize>`](crate::text::Words) with [`NO_ONE`]
/// for none, not a map of `Option<usize>`: the actors' other word maps are
/// of that type (one copy of the map's code in the `.wasm`; 682 bytes
/// gzipped when it was std's, 2026-12-05).
#[derive(Default)]
pub struct OneActor(crate::text::Words<usize>);

/// No actor, in a [`OneActor`].
const NO_ONE: usize = usize::MAX;

impl OneActor {
    /// `None` when `key` is not in the map, `Some(None)` when it has no actor.
    pub fn get(&self, key: &str) -> Option<Option<usize>> {
        self.0.get(key).map(|&a| (a != NO_ONE).then_some(a))
    }

    /// Maps `key` to `a` (or to no actor).
    pub fn insert(&mut self, key: &str, a: Option<usize>) {
        self.0.insert(key, a.unwrap_or(NO_ONE));
    }

    /// Adds `a` as a holder of `key`: the one holder, or `None` once two differ.
    pub fn hold(&mut self, key: &str, a: usize) {
        let h = match self.0.get(key) {
            Some(&h) if h != a => NO_ONE,
            _ => a,
        };
        self.0.insert(key, h);
    }
}

impl Actors {
    /// Mention `m`, read through one indexing site (one panic location in
    /// the `.wasm` for all the rules' reads, as [`Doc::token`](crate::text::Doc::token)).
    #[inline]
    pub fn mention(&self, m: usize) -> &MentionDraft {
        self.mentions.at(m)
    }

    /// Actor `a`, read through one indexing site (as [`Actors::mention`]).
    #[inline]
    pub fn actor(&self, a: usize) -> &ActorDraft {
        self.actors.at(a)
    }

    /// Adds a mention (e.g. a resolved pronoun) and keeps the token index current.
    pub fn add_mention(&mut self, m: MentionDraft) -> usize {
        let idx = self.mentions.len();
        for t in m.toks() {
            let Some(&[inner, outer]) = self.by_token.get(t) else {
                continue;
            };
            *self.added_bits.at_mut(t / 64) |= 1 << (t % 64);
            let k = match self.added_pos(t as u32) {
                Ok(k) => k,
                Err(k) => {
                    self.added.insert(k, (t as u32, inner, outer));
                    k
                }
            };
            let slot = self.added.at_mut(k);
            slot.1 = tag(idx);
            if slot.2.is_none() {
                slot.2 = tag(idx);
            }
        }
        self.mentions.push(m);
        idx
    }

    /// The mention that covers token `t`, if any.
    pub fn mention_at(&self, t: usize) -> Option<usize> {
        crate::work::add(1);
        match self.added_at(t) {
            Some(&(_, inner, _)) => inner,
            None => self.by_token.get(t).and_then(|v| v[0]),
        }
        .map(untag)
    }

    /// The outermost mention covering token `t` ("a NATO official" rather
    /// than "NATO"), if any.
    pub fn outer_mention_at(&self, t: usize) -> Option<usize> {
        crate::work::add(1);
        match self.added_at(t) {
            Some(&(_, _, outer)) => outer,
            None => self.by_token.get(t).and_then(|v| v[1]),
        }
        .map(untag)
    }

    /// The first token of `t..end` that may have an outermost mention
    /// ([`Actors::outer_mention_at`] is `None` for every token before it),
    /// or `end`.
    pub fn next_outer_candidate(&self, t: usize, end: usize) -> usize {
        // (A token has an outermost mention when it has any.)
        let runs = self.by_token.next_set(t).min(end);
        // The first token from `t` on added after the index was built.
        let mut w = t / 64;
        let mut bits = self
            .added_bits
            .get(w)
            .map_or(0, |b| b & (!0u64 << (t % 64)));
        while bits == 0 && w + 1 < self.added_bits.len() && (w + 1) * 64 < runs {
            w += 1;
            bits = *self.added_bits.at(w);
        }
        match bits {
            0 => runs,
            _ => runs.min(w * 64 + bits.trailing_zeros() as usize),
        }
    }

    /// The entry of token `t` in `added`, if any.
    fn added_at(&self, t: usize) -> Option<&(u32, Option<NonZeroU32>, Option<NonZeroU32>)> {
        let bit = self.added_bits.get(t / 64)? >> (t % 64) & 1;
        if bit == 0 {
            return None;
        }
        let k = self.added_pos(t as u32).ok()?;
        Some(self.added.at(k))
    }

    /// `added.binary_search_by_key(&t, ..)`, searched back from the end in
    /// steps that double: the tokens asked about and added are nearly all
    /// in the last few sentences (a pronoun's window), a few entries from
    /// the end, where a search of the whole list took ~14 steps on long texts.
    fn added_pos(&self, t: u32) -> Result<usize, usize> {
        // (Every entry from `hi` on is after `t`.)
        let mut hi = self.added.len();
        let mut step = 1;
        loop {
            let lo = hi.saturating_sub(step);
            if lo == 0 || self.added.at(lo).0 <= t {
                return match self.added.sub(lo..hi).binary_search_by_key(&t, |e| e.0) {
                    Ok(k) => Ok(lo + k),
                    Err(k) => Err(lo + k),
                };
            }
            hi = lo;
            step *= 2;
        }
    }

    /// Sorts the mentions and rebuilds the token index over them.
    pub(super) fn index(&mut self, doc: &Doc) {
        // Stable, without `sort_by`'s scratch copy of the mentions (3 MB on
        // a 10 MiB text, which set the peak): two `u32`s a mention.
        crate::order::sort_by(&mut self.mentions, |a, b| {
            let key = |m: &MentionDraft| (m.span().start, std::cmp::Reverse(m.span().end));
            key(a).cmp(&key(b))
        });
        // Without arrays of one entry a token (8 bytes a token were the
        // peak of a long text). The innermost: the last mention begun and
        // not yet ended (later, inner, mentions paint over outer ones); the
        // outermost: the first mention begun and not yet ended.
        let (ms, len) = (&self.mentions, doc.tokens.len());
        // The mentions begun that may still be open (end, index), the last on top.
        let mut open: Vec<(usize, usize)> = Vec::new();
        let (mut first, mut begun) = (0, 0);
        self.by_token = Runs::stepped(len, [None, None], |t| {
            while begun < ms.len() && ms.at(begun).toks().start <= t {
                open.push((ms.at(begun).toks().end, begun));
                begun += 1;
            }
            while open.last().is_some_and(|&(end, _)| end <= t) {
                open.pop();
            }
            while first < begun && ms.at(first).toks().end <= t {
                first += 1;
            }
            // The same until the next mention begins or the innermost or
            // the outermost one ends.
            let next_start = ms.get(begun).map_or(len, |m| m.toks().start);
            let top_end = open.last().map_or(len, |&(end, _)| end);
            let first_end = if first < begun {
                ms.at(first).toks().end
            } else {
                len
            };
            let inner = open.last().and_then(|&(_, i)| tag(i));
            let outer = (first < begun).then(|| tag(first)).flatten();
            ([inner, outer], next_start.min(top_end).min(first_end))
        });
        self.added.clear();
        self.added_bits = vec![0; doc.tokens.len().div_ceil(64)];
    }

    /// A person's gender as the text shows it: a given name the lexicon is
    /// sure of ("Maria Lopez"), else a title ("Mrs.", "Mr.",
    /// "spokeswoman", "congressman") or a description's head, else a
    /// kinship noun ("her father, X").
    pub fn gender(&self, a: usize) -> Option<Gender> {
        match self.sealed.as_ref().and_then(|s| s.genders.get(a)) {
            Some(g) => *g.get_or_init(|| self.gender_of(a)),
            None => self.gender_of(a),
        }
    }

    /// [`Actors::gender`], worked out.
    fn gender_of(&self, a: usize) -> Option<Gender> {
        let actor = self.actors.at(a);
        if actor.kind != ActorKind::Person {
            return None;
        }
        let first = actor.name.split(' ').next().unwrap_or("");
        if let Some(g) = lexicon().given_name_gender(first) {
            return Some(g);
        }
        // (No allocation: pronouns ask this of every person in view.)
        actor
            .titles
            .iter()
            .find_map(|t| {
                let last = crate::at::after_last(t.trim_end_matches('.'), b' ');
                lexicon().title_gender(last)
            })
            // A description's head ("a spokeswoman for the police").
            .or_else(|| {
                actor
                    .role
                    .as_deref()
                    .and_then(|r| lexicon().title_gender(r))
            })
            .or(actor.gender)
    }

    /// The one person whose title ends in the words of `key` (lowercase):
    /// "the senator" finds "Sen. Jane Doe". Modifiers are dropped from the
    /// left until a title matches ("vermont senator" -> "senator", "former
    /// secretary of state" -> "secretary of state"); more than one holder
    /// means none.
    pub fn title_holder(&self, key: &str) -> Option<usize> {
        self.title_holder_kept(key, &mut None)
    }

    /// [`Actors::title_holder`], the holders worked out before `seal` kept
    /// in `built` for the next call (the descriptions stage asks several
    /// times, once every title from an apposition is given; a caller that
    /// gives a title after must set `built` to `None`).
    pub fn title_holder_kept(&self, key: &str, built: &mut Option<OneActor>) -> Option<usize> {
        let lex = crate::lexicon::lexicon();
        let words: Vec<&str> = key.split(' ').collect();
        let head = *words.last()?;
        let of = |w: &str| lex.is(w, Use::Of);
        if !(lex.role(head).is_some() || lex.is_title(head) || words.iter().any(|w| of(w))) {
            return None;
        }
        // Before `seal`, worked out from the titles so far.
        let holders = match &self.sealed {
            Some(sealed) => &sealed.title_holders,
            None => built.get_or_insert_with(|| self.title_holders()),
        };
        // (`rest` is `words[i..]` joined by spaces: the key from word `i`
        // on, no `String` a try.)
        let mut rest = key;
        for i in 0..words.len() {
            // Never drop into the middle of "secretary of state".
            if i > 0 && of(words.at(i - 1)) {
                break;
            }
            if let Some(h) = holders.get(rest) {
                return h;
            }
            // Nor drop a word that makes another office ("the prime
            // minister" is not the one "harbour minister").
            if i + 1 < words.len() && lex.is_title(rest) {
                break;
            }
            rest = rest.split_once(' ').map_or("", |(_, tail)| tail);
        }
        // "the mayor" is the one "mayor of Eastbury" (not "the Israeli
        // leader" the "leader of" a league: no modifier is dropped here).
        holders.get(&office_of(key)).flatten()
    }

    /// Whether person `a` may be called "the ... `head`" by a writer who
    /// varies the reference: they hold no title yet, or one whose last word,
    /// spelled out, is `head` ("Sen. Jane Doe" is "the freshman senator";
    /// a justice is no "Vermont senator", a president no "candidate").
    pub fn may_be_called(&self, a: usize, head: &str) -> bool {
        let lex = crate::lexicon::lexicon();
        let titles = &self.actors.at(a).titles;
        titles.is_empty()
            || titles.iter().any(|t| {
                let last = crate::at::after_last(t, b' ');
                lex.expand_title(last)
                    .map_or_else(|| last.lower_cow() == head, |full| full == head)
            })
    }

    /// Each person's titles, abbreviations spelled out: "Sen." is "senator".
    fn spelled_titles(&self) -> Vec<(usize, String)> {
        let lex = crate::lexicon::lexicon();
        // (loops, not `flat_map`: std's `FlatMap` for this one call was
        // ~600 bytes of the `.wasm`)
        let mut spelled = Vec::new();
        for (i, a) in self.actors.iter().enumerate() {
            if a.kind != ActorKind::Person {
                continue;
            }
            for t in &a.titles {
                // (each word spelled out, joined by single spaces)
                let mut s = String::new();
                for (k, w) in t.split(' ').enumerate() {
                    if k > 0 {
                        s.push(' ');
                    }
                    match lex.expand_title(w) {
                        Some(full) => s.push_str(full),
                        None => s.push_str(&w.lower()),
                    }
                }
                spelled.push((i, s));
            }
        }
        spelled
    }

    /// Each word-final part of every title, spelled out ("secretary of
    /// state", "of state", "state") → its one holder, or `None` for several.
    /// The office before an "of" is held as "mayor of" (from "mayor of
    /// Eastbury"), for [`Actors::title_holder`]'s bare office.
    fn title_holders(&self) -> OneActor {
        let lex = crate::lexicon::lexicon();
        let mut holders = OneActor::default();
        for (a, title) in self.spelled_titles() {
            crate::work::add(1);
            let mut rest = title.as_str();
            loop {
                holders.hold(rest, a);
                match rest.split_once(' ') {
                    Some((_, tail)) => rest = tail,
                    None => break,
                }
            }
            if let Some((office, _)) = split_once(&title, " of ") {
                holders.hold(&office_of(office), a);
            }
            // "Sen. Jane Doe" is "the lawmaker" too; so is a "state
            // senator" (a title not listed: its last word's).
            let last = crate::at::after_last(&title, b' ');
            let also = lex.title_also(&title).or_else(|| {
                (last.len() < title.len() && !lex.is_title(&title))
                    .then(|| lex.title_also(last))
                    .flatten()
            });
            for noun in also.unwrap_or("").split(',').filter(|n| !n.is_empty()) {
                holders.hold(noun, a);
            }
        }
        holders
    }

    /// The last word of each multiword organization's name (no described
    /// actor), and its organization words ("Ministry" in "Ministry of
    /// Transport": `org_heads.tsv`), lowercase → that organization, or
    /// `None` for several.
    pub(super) fn organizations_by_last_word(&self) -> OneActor {
        let mut by_word = OneActor::default();
        for (i, a) in self.actors.iter().enumerate() {
            if a.kind == ActorKind::Organization && a.role.is_none() && a.name.contains(' ') {
                let last = crate::at::after_last(&a.name.lower(), b' ').to_string();
                for w in a.name.split(' ') {
                    if lexicon().is_org_head(w) {
                        by_word.hold(&w.lower(), i);
                    }
                }
                by_word.hold(&last, i);
            }
        }
        by_word
    }

    /// Builds the lookups of [`Actors::title_holder`] and
    /// [`Actors::organization_ending_in`] once: from here on no actor gains
    /// a title, and the only actors added are described ones (with a role).
    pub fn seal(&mut self) {
        self.sealed = Some(Sealed {
            title_holders: self.title_holders(),
            org_by_last_word: self.organizations_by_last_word(),
            genders: vec![std::cell::OnceCell::new(); self.actors.len()],
        });
    }

    /// "the union", "the ministry": the one organization of a multiword
    /// name (no described actor) whose last word, or one of whose
    /// organization words, is `key` (lowercase), if exactly one.
    pub fn organization_ending_in(&self, key: &str) -> Option<usize> {
        match &self.sealed {
            Some(sealed) => sealed.org_by_last_word.get(key).flatten(),
            None => self.organizations_by_last_word().get(key).flatten(),
        }
    }

    /// Creates an actor and returns its index.
    pub fn new_actor(&mut self, name: String, kind: ActorKind) -> usize {
        self.actors.push(ActorDraft {
            name,
            kind,
            titles: Vec::new(),
            anonymous: false,
            role: None,
            gender: None,
        });
        self.actors.len() - 1
    }
}

/// "mayor" → "mayor of": the key of a bare office (not `format!`, whose
/// machinery costs the `.wasm` more at each site).
fn office_of(office: &str) -> String {
    let mut k = String::with_capacity(office.len() + 3);
    k.push_str(office);
    k.push_str(" of");
    k
}

/// Token → mention maps store `index + 1` so that `Option` costs nothing
/// (4 bytes a token instead of 8).
fn tag(index: usize) -> Option<NonZeroU32> {
    NonZeroU32::new(index as u32 + 1)
}

fn untag(tag: NonZeroU32) -> usize {
    tag.get() as usize - 1
}

#[cfg(test)]
mod tests {
    use super::*;

    fn person(actors: &mut Actors, name: &str, titles: &[&str]) -> usize {
        let a = actors.new_actor(name.to_string(), ActorKind::Person);
        actors.actors[a].titles = titles.iter().map(|t| t.to_string()).collect();
        a
    }

    #[test]
    fn gender_from_the_given_name_else_the_title() {
        let mut actors = Actors::default();
        let maria = person(&mut actors, "Maria Velkamp", &[]);
        let mrs = person(&mut actors, "Velkamp", &["Mrs."]);
        let spokeswoman = person(&mut actors, "Quennell", &["chief spokeswoman"]);
        let congressman = person(&mut actors, "Kessendorf", &["Congressman"]);
        let mr = person(&mut actors, "Pellam", &["Mr"]);
        let senator = person(&mut actors, "Harrowby", &["Sen."]);
        let firm = actors.new_actor("Brackwater Crossings".into(), ActorKind::Organization);
        assert_eq!(actors.gender(maria), Some(Gender::Female));
        assert_eq!(actors.gender(mrs), Some(Gender::Female));
        assert_eq!(actors.gender(spokeswoman), Some(Gender::Female));
        assert_eq!(actors.gender(congressman), Some(Gender::Male));
        assert_eq!(actors.gender(mr), Some(Gender::Male));
        assert_eq!(actors.gender(senator), None);
        assert_eq!(actors.gender(firm), None);
    }

    #[test]
    fn title_holder_is_the_one_person_titled_so() {
        let mut actors = Actors::default();
        let doe = person(&mut actors, "Jane Harrowby", &["Sen."]);
        let okafor = person(&mut actors, "Maria Velkamp", &["Secretary of State"]);
        assert_eq!(actors.title_holder("senator"), Some(doe));
        // Modifiers drop from the left until a title matches.
        assert_eq!(actors.title_holder("vermont senator"), Some(doe));
        assert_eq!(
            actors.title_holder("former secretary of state"),
            Some(okafor)
        );
        // Never into the middle of "secretary of state".
        assert_eq!(actors.title_holder("state"), None);
        person(&mut actors, "John Minnering", &["Sen."]);
        assert_eq!(actors.title_holder("senator"), None);
    }

    #[test]
    fn mentions_by_token_inner_and_outer() {
        let text = "A NATO official said it would rain.";
        let doc = Doc::new(text);
        let mut actors = Actors::find(&doc);
        let nato = 1; // tokens: A NATO official said it ...
        let inner = actors.mention_at(nato).expect("NATO");
        let outer = actors.outer_mention_at(nato).expect("the description");
        assert_eq!(&text[actors.mentions[inner].span()], "NATO");
        assert_eq!(&text[actors.mentions[outer].span()], "A NATO official");
        // A pronoun added later is found at its token.
        let it = 4;
        assert_eq!(doc.tok(it), "it");
        assert_eq!(actors.mention_at(it), None);
        let m = actors.add_mention(MentionDraft::new(
            it..it + 1,
            doc.span_of(it, it + 1),
            None,
            MentionKind::Pronoun,
            actors.mentions[outer].actor(),
        ));
        assert_eq!(actors.mention_at(it), Some(m));
        assert_eq!(actors.outer_mention_at(it), Some(m));
        assert_eq!(actors.mention_at(nato), Some(inner));
    }
}
