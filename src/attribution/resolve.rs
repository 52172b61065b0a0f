//! Turning an [`Anchor`] into an actor and a mention: a pronoun goes to the
//! actor it refers to, a described phrase ("the union", "a former aide") to
//! the actor it names or a new one. Adds pronoun and description mentions
//! to [`Actors`].

use super::drafts::Anchor;
use super::words::word_is;
use crate::actors::{Actors, MentionDraft};
use crate::annotation::{ActorKind, MentionKind};
use crate::at::At;
use crate::at::Ends;
use crate::lexicon::{lexicon, Gender, Pronoun, Refers, Use, WordClass};
use crate::text::{Doc, Lower, TokenKind};

/// Turns an anchor into an actor and a mention, adding pronoun mentions. A
/// pronoun that refers to no one is someone `unknown` when the caller has
/// words for them to speak.
pub fn resolve(
    doc: &Doc,
    actors: &mut Actors,
    anchor: Option<Anchor>,
    last: Option<usize>,
    unknown: bool,
) -> (Option<usize>, Option<usize>) {
    match anchor {
        None => (None, None),
        Some(Anchor::Mention(m)) => (Some(actors.mention(m).actor()), Some(m)),
        // The relative pronoun is the speaker's mention in the clause it opens.
        Some(Anchor::Relative(m, t)) => relative(doc, actors, actors.mention(m).actor(), t),
        Some(Anchor::Phrase(a, b)) => match owner_of_words(doc, actors, a, b, last) {
            Some(owner) => owner,
            None => match statement_of(doc, a..b, last) {
                Some(s) => {
                    let draft = MentionDraft::new(
                        a..b,
                        doc.span_of(a, b),
                        None,
                        MentionKind::Description,
                        s,
                    );
                    (Some(s), Some(actors.add_mention(draft)))
                }
                None => phrase_actor(doc, actors, a, b),
            },
        },
        Some(Anchor::RelativePhrase(a, b, t)) => match phrase_actor(doc, actors, a, b) {
            (Some(actor), _) => relative(doc, actors, actor, t),
            none => none,
        },
        Some(Anchor::Pronoun(t)) => match resolve_pronoun(doc, actors, t, last)
            .or_else(|| unknown.then(|| unknown_speaker(doc, actors, t)).flatten())
        {
            None => (None, None),
            Some(a) => pronoun_mention(doc, actors, t, a),
        },
    }
}

/// "In a statement, the company said ... “...,” the statement said.": a
/// statement named again with "the" (no actor yet) is the last speaker's,
/// who made it ("in a statement" at most 80 tokens before): their mention.
fn statement_of(doc: &Doc, toks: std::ops::Range<usize>, last: Option<usize>) -> Option<usize> {
    if toks.len() != 2 || !doc.tok(toks.start).eq_ignore_ascii_case("the") {
        return None;
    }
    let head = doc.tok(toks.end - 1);
    if !super::subject::statement_noun(head) {
        return None;
    }
    let made = (toks.start.saturating_sub(80).max(2)..toks.start).any(|k| {
        doc.tok(k) == head
            && matches!(doc.tok(k - 1), "a" | "an")
            && doc.tok(k - 2).eq_ignore_ascii_case("in")
    });
    last.filter(|_| made)
}

/// The pronoun at `t`, resolved to `actor`, as its mention (the one there
/// already, if any).
fn pronoun_mention(
    doc: &Doc,
    actors: &mut Actors,
    t: usize,
    actor: usize,
) -> (Option<usize>, Option<usize>) {
    if let Some(existing) = actors.mention_at(t) {
        return (Some(actors.mention(existing).actor()), Some(existing));
    }
    let m = actors.add_mention(MentionDraft::new(
        t..t + 1,
        doc.token(t).span(),
        None,
        MentionKind::Pronoun,
        actor,
    ));
    (Some(actor), Some(m))
}

/// "“It is over,” she said." with no one before it for "she": the speaker
/// is someone the text does not name, shown as the pronoun, so the quote
/// keeps its speaker and cue. Only "he", "she" and "they" outside quotation
/// marks ("it" is most often a document the rules did not see).
fn unknown_speaker(doc: &Doc, actors: &mut Actors, t: usize) -> Option<usize> {
    let p = doc.pronoun(t)?;
    let kind = match p.refers {
        Refers::Person if p.gender.is_some() => ActorKind::Person,
        Refers::Any => ActorKind::Group,
        _ => return None,
    };
    if !(p.subject && p.third_person) || doc.in_quote_at(t).is_some() {
        return None;
    }
    // ("Asked if she regretted it, Jane Doe said no": the pronoun looks
    // ahead to the subject after the comma, no one unnamed.)
    let s = doc.sentence(doc.sentence_at(t)).tokens().start;
    if super::words::opens_with_asked(doc, t) && !(s..t).any(|k| doc.tok(k) == ",") {
        return None;
    }
    let a = actors.new_actor(doc.tok(t).to_ascii_lowercase(), kind);
    actors.actors.at_mut(a).gender = p.gender;
    Some(a)
}

/// The relative pronoun at `t` as the mention of `actor` in the clause it opens.
fn relative(
    doc: &Doc,
    actors: &mut Actors,
    actor: usize,
    t: usize,
) -> (Option<usize>, Option<usize>) {
    let mention = match actors.mention_at(t) {
        Some(existing) => existing,
        None => actors.add_mention(MentionDraft::new(
            t..t + 1,
            doc.token(t).span(),
            None,
            MentionKind::Pronoun,
            actor,
        )),
    };
    (Some(actors.mention(mention).actor()), Some(mention))
}

/// "Her message was simple: “...”", "His final answer: “...”": words the
/// owner's pronoun says are someone's are that person's (not an actor
/// called "Her message"). The pronoun becomes the mention.
fn owner_of_words(
    doc: &Doc,
    actors: &mut Actors,
    a: usize,
    b: usize,
    last: Option<usize>,
) -> Option<(Option<usize>, Option<usize>)> {
    // ("His final message": a word or two between them.)
    let between = a + 1..b - 1;
    if b < a + 2
        || b > a + 4
        || !doc
            .pronoun(a)
            .is_some_and(|p| p.possessive && p.third_person)
        || !between
            .into_iter()
            .all(|t| doc.tok(t).first_is(crate::letters::is_lowercase))
    {
        return None;
    }
    if !super::words::names_words(doc, b - 1) {
        return None;
    }
    // (An owner the text does not name leaves the words unattributed.)
    Some(match resolve_pronoun(doc, actors, a, last) {
        Some(owner) => pronoun_mention(doc, actors, a, owner),
        None => (None, None),
    })
}

/// An unnamed speaker described on the spot (tokens `a..b`: "the report", "a
/// spokesman for the campaign"): the actor the description names, or a new
/// one; the same words later mean the same actor. Adds the mention.
fn phrase_actor(
    doc: &Doc,
    actors: &mut Actors,
    a: usize,
    b: usize,
) -> (Option<usize>, Option<usize>) {
    let span = doc.span_of(a, b);
    let text = doc.str_of(span);
    let key = strip_determiner(text).lower();
    // (and "the report" later is the same source, "published" aside)
    if let Some(m) = source_after(doc, actors, a, b).or_else(|| company_author(doc, actors, b)) {
        let actor = actors.mention(m).actor();
        let participle = b > a + 1 && doc.uses_lower(b - 1).has(Use::Authored);
        let noun = doc.text_of_toks(a, b - usize::from(participle));
        let key = strip_determiner(noun).lower();
        actors.phrase_actors.insert_new(&key, actor);
        return (Some(actor), Some(m));
    }
    // ("said one, Maria Costa": the name set off after a lone "one")
    let named = (b == a + 1 && b + 1 < doc.tokens.len() && doc.tok(b) == ",")
        .then(|| actors.mention_at(b + 1))
        .flatten()
        .filter(|&m| {
            let mention = actors.mention(m);
            mention.kind() == MentionKind::Name
                && actors.actor(mention.actor()).kind == ActorKind::Person
                && super::words::lone_quantifier(doc, a)
        });
    if let Some(m) = named {
        return (Some(actors.mention(m).actor()), Some(m));
    }
    // ("The latter said": not memoized, each one points back on its own)
    let existing = latter_or_former(actors, &key, a)
        .or_else(|| actors.phrase_actors.get(&key).copied())
        .or_else(|| {
            // Memoized on the whole phrase: "a mayor" and "the mayor" differ.
            let memo = text.lower();
            if let Some(known) = actors.described.get(&memo) {
                return known;
            }
            let known = known_by_description(actors, text, &key)
                .or_else(|| earlier_source(doc, actors, text, &key, a));
            actors.described.insert(&memo, known);
            known
        });
    let existing = existing.or_else(|| aged_person_before(doc, actors, text, a, b));
    let actor = existing.unwrap_or_else(|| {
        // People are described by roles ("a former official"); other
        // heads ("the report", "an audit") are documents and bodies.
        let lex = lexicon();
        // "a reporter for Agence France-Presse": the head stands
        // before the preposition.
        let head = key
            .split(' ')
            .take_while(|w| !word_is(w, Use::RoleLink))
            .last()
            .unwrap_or("");
        // "a person familiar" (with the talks): an adjective after the
        // role, then a preposition, leaves the role the head.
        // ("his widow said", "the woman said": kin and person nouns are
        // people too.)
        let is_human = names_people;
        let before_head = crate::at::rsplit_once_byte(&key, b' ')
            .map(|(rest, _)| crate::at::after_last(rest, b' '));
        let head = match before_head {
            Some(w)
                if !is_human(head)
                    && is_human(w)
                    && b < doc.tokens.len()
                    && doc.word_class(b) == Some(WordClass::Prep) =>
            {
                w
            }
            _ => head,
        };
        // ("the two men", "three gunmen", "children": plurals without "s")
        let plural = (head.ends_with('s') && !head.ends_with("ss"))
            || head.ends_with("men")
            || head == "children"
            || lex.role(head).is_some_and(|r| r.plural);
        // ("a broker, who asked not to be named": "who" stands for people.)
        let who = b + 1 < doc.tokens.len()
            && doc.tok(b) == ","
            && doc.tok(b + 1).eq_ignore_ascii_case("who");
        let human = is_human(head) || who;
        // ("Several said", "Another tweeted": a quantifier alone stands
        // for people.)
        // ("Several of them": the quantifier stands for people too.)
        let low = text.lower();
        let share = low.ends_with(" of them") || low.ends_with(" of us");
        let q = if share {
            low.split(' ').next().unwrap_or("")
        } else {
            head
        };
        let lone = (key == head || share) && lex.is(q, Use::LoneQuantifier);
        let kind = match (human, plural) {
            _ if lone && matches!(q, "another" | "one") => ActorKind::Person,
            _ if lone => ActorKind::Group,
            _ if lex.is_body(head) => ActorKind::Organization,
            (true, true) => ActorKind::Group,
            (true, false) => ActorKind::Person,
            (false, _) => ActorKind::Organization,
        };
        let id = actors.new_actor(text.to_string(), kind);
        actors.actors.at_mut(id).role = Some("phrase".to_string());
        // ("a spokeswoman for the police" is no "he")
        if kind == ActorKind::Person {
            actors.actors.at_mut(id).gender = lex.title_gender(head);
        }
        if kind == ActorKind::Organization {
            if let Some((_, last)) = crate::at::rsplit_once_byte(&key, b' ') {
                // (`id` is new: a second organization makes it none.)
                actors.phrase_orgs_by_last.hold(last, id);
            }
        }
        actors.phrase_actors.insert(&key, id);
        id
    });
    let m = actors.add_mention(MentionDraft::new(
        a..b,
        span,
        None,
        MentionKind::Description,
        actor,
    ));
    (Some(actor), Some(m))
}

/// "The latter said", "the former added": of the last two actors named
/// before token `a` (within a few sentences), the last or the one before.
fn latter_or_former(actors: &Actors, key: &str, a: usize) -> Option<usize> {
    let nth = match key {
        "latter" => 0,
        "former" => 1,
        _ => return None,
    };
    let mut seen = [usize::MAX; 2];
    let mut n = 0;
    for t in (a.saturating_sub(80)..a).rev() {
        let Some(m) = actors.mention_at(t) else {
            continue;
        };
        let mention = actors.mention(m);
        if mention.kind() == MentionKind::Name && !seen.contains(&mention.actor()) {
            seen[n] = mention.actor();
            n += 1;
            if n == 2 {
                return Some(seen[nth]);
            }
        }
    }
    None
}

/// "figures from the trade body X", "data published by the agency": the
/// mention of whoever a phrase for no one (no role, no body) comes from.
fn source_after(doc: &Doc, actors: &Actors, a: usize, b: usize) -> Option<usize> {
    let lex = lexicon();
    let head = doc.tok(b.checked_sub(1)?).lower_cow();
    let human = lex.role(&head).is_some()
        || lex.is_title(&head)
        || lex.is_body(&head)
        || lex.is(&head, Use::PersonNoun)
        || (a..b).any(|t| actors.mention_at(t).is_some());
    let n = doc.tokens.len();
    let mut k = b;
    // ("figures published by", "data released by"; not "obtained by")
    if k < n && doc.uses_lower(k).has(Use::Authored) {
        k += 1;
    }
    if human || k >= n || !matches!(doc.tok(k), "from" | "by") {
        return None;
    }
    // (past a determiner and a few lowercase words: "the trade body X")
    for t in k + 1..(k + 6).min(n) {
        if let Some(m) = actors.mention_at(t) {
            let kind = actors.actor(actors.mention(m).actor()).kind;
            return (kind != ActorKind::Place).then_some(m);
        }
        let w = doc.tok(t);
        if doc.token(t).kind() != TokenKind::Word
            || !(w.first_is(crate::letters::is_lowercase)
                || doc.word_class(t) == Some(WordClass::Det))
        {
            return None;
        }
    }
    None
}

/// "a notice published by the company", "a notice from the company"
/// (tokens `..b` the notice, with or without the participle): the
/// company in view, as "the company said" would name it, with a mention
/// added on "the company"; none for a document only seen by someone.
fn company_author(doc: &Doc, actors: &mut Actors, b: usize) -> Option<usize> {
    let k = b + usize::from(b < doc.tokens.len() && doc.uses_lower(b).has(Use::Authored));
    // ("a memo obtained by": who has it, not who wrote it)
    let seen = b > 0
        && !doc.uses_lower(b - 1).has(Use::Authored)
        && lexicon().has_ending(doc.tok(b - 1), Use::ParticipleEnding);
    if seen
        || k + 3 > doc.tokens.len()
        || !matches!(doc.tok(k), "by" | "from")
        || !doc.is(k + 1, Use::DefiniteArticle)
        || !doc.uses_lower(k + 2).has(Use::Business)
        // ("by the agency's watchdog": the owner's people, not the owner)
        || doc
            .tokens
            .get(k + 3)
            .is_some_and(|t| t.kind() == TokenKind::Possessive)
    {
        return None;
    }
    let company = crate::actors::company_in_view(doc, actors, k + 1)?;
    Some(actors.add_mention(MentionDraft::new(
        k + 1..k + 3,
        doc.span_of(k + 1, k + 3),
        None,
        MentionKind::Description,
        company,
    )))
}

/// "The report said ...", after "a report from the watchdog": the source
/// the same noun came from earlier (within [`SOURCE_REACH`] tokens).
fn earlier_source(doc: &Doc, actors: &Actors, text: &str, key: &str, a: usize) -> Option<usize> {
    let definite = stands_definite(text);
    if !definite || key.contains(' ') {
        return None;
    }
    // (The token's length first: most tokens are passed without slicing
    // the text.)
    // (a loop, not `Rev`'s iterator chain: a generic copy less)
    let low = a.saturating_sub(SOURCE_REACH);
    let mut t = a;
    while t > low {
        t -= 1;
        if doc.token(t).span().len() == key.len() && doc.tok(t).eq_ignore_ascii_case(key) {
            if let Some(m) = source_after(doc, actors, t, t + 1) {
                return Some(actors.mention(m).actor());
            }
        }
    }
    None
}

/// "“...,” the 23-year-old defender said", "The soap actress, 34, said
/// ...": a definite description with an age is a person the text named
/// before (the writer varies the reference, a new person gets a name),
/// the person named last in this paragraph or the one before.
fn aged_person_before(doc: &Doc, actors: &Actors, text: &str, a: usize, b: usize) -> Option<usize> {
    // (the phrase may start after its "the")
    let the = text.split(' ').next()?.eq_ignore_ascii_case("the")
        || (a > 0 && doc.tok(a - 1).eq_ignore_ascii_case("the"));
    // ("the 46-year-old", "the septuagenarian")
    let aged_inside = crate::at::find_str(text, "-year-old").is_some()
        || crate::at::find_str(text, "genarian").is_some();
    let n = doc.tokens.len();
    let aged_after = b + 2 < n
        && doc.tok(b) == ","
        && doc.token(b + 1).kind() == TokenKind::Number
        && doc.tok(b + 2) == ",";
    // ("“...,” the Dutchman said": a national's noun after "the" is the
    // person named last too.)
    let national = || b == a + 2 && lexicon().national(doc.tok(a + 1));
    // ("said the grandmother of three": a kin noun with a count; "the
    // county boss said": a title with a modifier, which no one holds)
    let last = b - 1;
    let kin_count = || {
        doc.is(last, Use::Kin)
            && b + 1 < n
            && doc.tok(b) == "of"
            && (doc.token(b + 1).kind() == TokenKind::Number
                || doc.word_class(b + 1) == Some(WordClass::Quant))
    };
    if !the {
        return None;
    }
    let head = doc.tok(last).lower_cow();
    let titled = b > a + 2 && lexicon().is_title(&head);
    if !(aged_inside || aged_after || national() || kin_count() || titled) {
        return None;
    }
    person_called(doc, actors, a, &head, titled)
}

/// The person named last before token `a` whom a definite description
/// with head word `head` (lowercase) may stand for: not of the other
/// gender ("the mother of two" is no Tom), and for a `title`, one who holds
/// no title or one with that head ([`Actors::may_be_called`]).
pub(crate) fn person_called(
    doc: &Doc,
    actors: &Actors,
    a: usize,
    head: &str,
    title: bool,
) -> Option<usize> {
    let g = lexicon().title_gender(head);
    person_named_last(doc, actors, a).filter(|&p| {
        (g.is_none() || actors.gender(p).is_none_or(|h| Some(h) == g))
            && (!title || actors.may_be_called(p, head))
    })
}

/// The person named last before token `a`, in its paragraph or the one
/// before (not a name inside a quotation).
fn person_named_last(doc: &Doc, actors: &Actors, a: usize) -> Option<usize> {
    let para = doc.para_of(a);
    // (a loop, not `Rev`'s iterator chain: a generic copy less)
    let mut t = a;
    while t > 0 && doc.para_of(t - 1) + 1 >= para {
        t -= 1;
        // (not a name inside a quotation: "“Donald is ...,” said the
        // 46-year-old" is not Donald)
        if doc.in_quote_at(t).is_some() {
            continue;
        }
        let Some(m) = actors.mention_at(t).map(|m| actors.mention(m)) else {
            continue;
        };
        // (a lone surname the rules kept as a capitalised description
        // counts as a name: "Doe, who ...")
        let s = m.toks().start;
        let named = m.kind() == MentionKind::Name
            || (m.kind() == MentionKind::Description
                && m.toks().len() == 1
                && doc.is_cap(s)
                && doc.word_class(s).is_none());
        if named && actors.actor(m.actor()).kind == ActorKind::Person {
            return Some(m.actor());
        }
    }
    None
}

/// How far back [`earlier_source`] looks: a few paragraphs.
const SOURCE_REACH: usize = 600;

/// "the release" → "release".
fn strip_determiner(s: &str) -> &str {
    match s.split_once(' ') {
        Some((first, rest)) if lexicon().word_class(first).is_some() => rest,
        _ => s,
    }
}

/// A phrase that opens with "the", or with no determiner at all ("says
/// councillor" in a headline), names one known actor when it can.
fn stands_definite(text: &str) -> bool {
    text.split(' ').next().is_some_and(|d| {
        d.eq_ignore_ascii_case("the") || lexicon().word_class(&d.lower()).is_none()
    })
}

/// "the mayor" when exactly one person carries that title (see
/// [`Actors::title_holder`]); "the union" when exactly one organization's
/// name ends in that word.
fn known_by_description(actors: &Actors, text: &str, key: &str) -> Option<usize> {
    let definite = stands_definite(text);
    if !definite {
        return None;
    }
    if let Some(person) = actors.title_holder(key) {
        return Some(person);
    }
    if key.contains(' ') {
        return None;
    }
    // "the transport authority ... the authority": an organization
    // described before by words ending in this one (when only one is).
    actors
        .organization_ending_in(key)
        .or_else(|| actors.phrase_orgs_by_last.get(key).flatten())
}

/// The actor whose label ("A:", "MORALES:") opens the paragraph of token
/// `t`, if any.
fn label_speaker(doc: &Doc, actors: &Actors, t: usize) -> Option<usize> {
    let para = doc.paragraph(doc.para_of(t));
    let m = actors.outer_mention_at(para.tokens().start)?;
    let colon = actors.mention(m).toks().end;
    (colon < para.tokens().end && colon < t && doc.tok(colon) == ":")
        .then_some(actors.mention(m).actor())
}

/// What a pronoun (its [`Lexicon::pronoun`](crate::lexicon::Lexicon::pronoun)
/// entry) may refer to: a subject or possessive form ("he", "its") stands
/// for a speaker, a third-person object form only where a source is
/// anchored on it ("according to him").
pub fn pronoun_kinds(p: Option<Pronoun>) -> &'static [ActorKind] {
    match p {
        Some(p) if p.subject || p.possessive || (p.object && p.third_person) => match p.refers {
            Refers::Person => &[ActorKind::Person],
            Refers::Thing => &[ActorKind::Organization, ActorKind::Place],
            Refers::Any => &[
                ActorKind::Group,
                ActorKind::Organization,
                ActorKind::Place,
                ActorKind::Person,
            ],
        },
        _ => &[],
    }
}

/// Resolves a pronoun at token `t` to an actor: the last speaker if it fits,
/// else the subject (first fitting mention) of the nearest sentence before
/// that has one, looking at most six sentences (and 400 tokens) back.
pub fn resolve_pronoun(
    doc: &Doc,
    actors: &Actors,
    t: usize,
    last_speaker: Option<usize>,
) -> Option<usize> {
    // (one look-up of the pronoun serves every test below)
    let pronoun = doc.pronoun(t);
    let kinds = pronoun_kinds(pronoun);
    if kinds.is_empty() {
        return None;
    }
    // "she" is not a man the text names, "he" not a woman.
    let unlike = match pronoun.and_then(|p| p.gender) {
        Some(Gender::Male) => Some(Gender::Female),
        Some(Gender::Female) => Some(Gender::Male),
        None => None,
    };
    // "The ministry says it ...": a collective body described by a
    // singular noun is an "it" (not "police", which is a "they").
    let body = |a: usize| {
        let actor = actors.actor(a);
        actor.kind == ActorKind::Group
            && kinds.contains(&ActorKind::Organization)
            && !kinds.contains(&ActorKind::Group)
            && actor.role.as_deref().is_some_and(|r| {
                !r.ends_with('s') && lexicon().role(r).is_some_and(|role| role.collective)
            })
    };
    // (the last actor's gender kept: a window names the same actor often)
    let last_gender = std::cell::Cell::new(None);
    let gender = |a: usize| match last_gender.get() {
        Some((b, g)) if b == a => g,
        _ => {
            let g = actors.gender(a);
            last_gender.set(Some((a, g)));
            g
        }
    };
    let fits = |a: usize| {
        (kinds.contains(&actors.actor(a).kind) || body(a))
            && (unlike.is_none() || gender(a) != unlike)
    };
    // "A: I expect ...", "MORALES: Well, I think ...": outside quotation
    // marks, "I" in a paragraph opened by a speaker label is the labelled
    // speaker.
    let first_person = pronoun.is_some_and(|p| !p.third_person && p.refers == Refers::Person);
    if first_person && doc.in_quote_at(t).is_none() {
        if let Some(a) = label_speaker(doc, actors, t) {
            return Some(a);
        }
    }
    let sent = doc.sentence_at(t);
    let start_sent = sent.saturating_sub(6);
    // "“My father never rested,” he said.": not the one the text calls his
    // father ("his father, Colin Reid").
    let called = |a: usize| {
        (a.saturating_sub(2)..a).any(|k| {
            (k + 1 == a || doc.tok(a - 1) == ",")
                && doc.is(k, Use::Kin)
                && doc.sentence(sent).tokens().any(|q| {
                    q > 0
                        && doc.in_quote_at(q).is_some()
                        && doc.tok(q) == doc.tok(k)
                        && doc.tok(q - 1).eq_ignore_ascii_case("my")
                })
        })
    };
    // Bounded look-back keeps the whole pass linear.
    let from = doc
        .sentence(start_sent)
        .tokens()
        .start
        .max(t.saturating_sub(400));
    // "In a statement posted on Telegram, it said ...": the name a
    // preposition governs at the end of the phrase that opens the sentence
    // is no subject the pronoun after its comma could stand for.
    let opener = t > 0
        && doc.tok(t - 1) == ","
        && doc.word_class(doc.sentence(sent).tokens().start) == Some(WordClass::Prep);
    let governed_opener = |m: std::ops::Range<usize>| {
        opener
            && m.end + 1 == t
            && m.start > 0
            && doc.word_class(m.start - 1) == Some(WordClass::Prep)
    };
    // "Asked by the coroner whether ..., he replied": the agent of the
    // participle that opens the sentence is not the one who answers.
    let s0 = doc.sentence(sent).tokens().start;
    let asked_by = |m: std::ops::Range<usize>| {
        t > 0
            && doc.tok(t - 1) == ","
            && (s0 + 2..s0 + 5).contains(&m.start)
            && doc.tok(s0 + 1) == "by"
            && doc.tok(s0).ends_with("ed")
    };
    // (room for a window of six sentences with a mention each, allocated
    // once: growing it from empty reallocated twice; each entry's sentence
    // found once, where the tests below asked it again and again)
    let mut window: Vec<(usize, usize, usize)> = Vec::with_capacity(8);
    // Mentions that only own the subject ("Doe's aide, Max Roe, ..."):
    // their starts, for the sentence-subject reads below.
    let mut owners: Vec<usize> = Vec::new();
    // A pronoun of the other gender stood for the last speaker ("... she
    // said. ... he added": not her), whatever her given name.
    let mut other = false;
    // Actors an earlier pronoun of the other gender stood for ("Greta
    // Holm and Nils Holm run the farm. “...,” she said. “...,” he
    // added": she is Greta, so he is not, though neither given name is
    // known): no fit for this pronoun.
    let mut unlike_of: Vec<usize> = Vec::new();
    let mut k = from;
    let mut cur = start_sent;
    while k < t {
        k = actors.next_outer_candidate(k, t); // (no mention before it)
        if k >= t {
            break;
        }
        match actors.outer_mention_at(k) {
            Some(m) if doc.in_quote_at(k).is_none() => {
                let mention = actors.mention(m);
                if mention.toks().end <= t {
                    if fits(mention.actor())
                        && !called(mention.toks().start)
                        && !governed_opener(mention.toks())
                        && !asked_by(mention.toks())
                    {
                        let end = mention.toks().end;
                        if end < t && doc.token(end).kind() == TokenKind::Possessive {
                            owners.push(mention.toks().start.max(from));
                        }
                        let p = mention.toks().start.max(from);
                        // (`doc.sentence_at(p)`, stepped on from the last:
                        // the walk goes forward)
                        while doc.sentences.get(cur).is_some_and(|s| s.tokens().end <= p) {
                            cur += 1;
                        }
                        let ps = match doc.sentences.get(cur) {
                            Some(s) if s.tokens().start <= p => cur,
                            _ => 0,
                        };
                        window.push((p, mention.actor(), ps));
                    }
                    // (the pronoun at `t` written again has its gender,
                    // never `unlike`: no look-up)
                    let s = mention.toks().start;
                    let unlike_pronoun = unlike.is_some()
                        && mention.kind() == MentionKind::Pronoun
                        && !doc.tok(s).eq_ignore_ascii_case(doc.tok(t))
                        && doc.pronoun(s).and_then(|p| p.gender) == unlike;
                    other |= unlike_pronoun && Some(mention.actor()) == last_speaker;
                    // (a pronoun of this sentence or the one before: farther
                    // back, a misread one would outlast its error)
                    if unlike_pronoun && doc.sentence_at(s) + 1 >= sent {
                        unlike_of.push(mention.actor());
                    }
                }
                k = mention.toks().end.max(k + 1);
            }
            _ => k += 1,
        }
    }
    let last_speaker = last_speaker.filter(|_| !other);
    // (only for an actor of unknown gender: one the text or the lexicon
    // gives this pronoun's gender keeps it, whatever a misread pronoun said)
    if !unlike_of.is_empty() {
        window.retain(|&(_, a, _)| !unlike_of.contains(&a) || gender(a).is_some());
    }
    // "Her neighbour, Jane Roe, bakes bread. She said ...": someone else
    // opening the sentence before, where the last speaker is absent, takes
    // the pronoun from the last speaker.
    // An owner opening a sentence ("Doe's aide, Max Roe, was angry.") is no
    // subject when a fitting mention follows it in the sentence: the one it
    // owns, or the one in apposition, is.
    let owner = |p: usize| owners.contains(&p);
    let subject_of = |s: usize| {
        let mut it = window.iter().filter(|&&(_, _, ps)| ps == s);
        let first = it.next();
        match first {
            Some(&(p, _, _)) if owner(p) => it
                .find(|&&(q, _, _)| !owner(q) && doc.tok(q - 1) == ",")
                .or(first),
            _ => first,
        }
    };
    // "Jo Roe runs the farm. “...” She said ...": sentences inside quotation
    // marks name no subject; the one before them does.
    let mut prev = sent.checked_sub(1);
    while let Some(p) = prev.filter(|&p| {
        p > start_sent
            && subject_of(p).is_none()
            && doc
                .in_quote_at(doc.sentence(p).tokens().start + 1)
                .is_some()
    }) {
        prev = Some(p - 1);
    }
    if let (Some(ls), Some(prev)) = (last_speaker, prev) {
        // (the owner's apposition: "Doe's aide, Max Roe," the subject)
        if let Some(&(p, a, _)) = subject_of(prev) {
            // (after a dateline or a live blog's time stamp)
            let st = doc.sentence(prev).tokens();
            let start = super::words::after_dateline(doc, st.start, st.end);
            // ("Jane Doe, asked by a reporter whether ..., smiled. “...,” she
            // said.": the last speaker as the agent after "by" is no subject.)
            let agent = |q: usize| q > 0 && doc.tok(q - 1) == "by";
            // ("The former pensions minister Sir Jo Roe was blunt.": a name
            // after the role words that open its sentence is its subject,
            // when that sentence quotes no one.)
            let described = p > start
                && doc.in_quote_at(st.end - 1).is_none()
                && p <= start + 8
                && names_people(doc.tok(p - 1))
                && (start..p).all(|q| {
                    doc.token(q).kind() == TokenKind::Word
                        && doc.word_class(q).is_none_or(|c| c == WordClass::Det)
                });
            if (p <= start + 3 || doc.tok(p - 1) == "," || described)
                && !window.iter().any(|&(q, b, qs)| {
                    qs == sent || (b == ls && qs == prev && !agent(q) && !owner(q))
                })
            {
                return Some(a);
            }
        }
    }
    if let Some(ls) = last_speaker {
        let in_sentence = window.iter().any(|&(_, a, s)| a == ls && s == sent);
        if fits(ls) && in_sentence {
            return Some(ls);
        }
        if fits(ls) && (window.iter().any(|&(_, a, _)| a == ls) || window.is_empty()) {
            // The last speaker stays the topic unless someone else of the same
            // kind was introduced as a subject in this sentence.
            // (whether any was, and whether the last speaker was one)
            let (mut any, mut again) = (false, false);
            for &(_, a, s) in window.iter() {
                if s == sent {
                    any = true;
                    again |= a == ls;
                }
            }
            if !any || again {
                return Some(ls);
            }
        }
    }
    // This sentence before the pronoun first, then earlier ones: the first
    // fitting mention of the nearest sentence is its likely subject.
    for s in (start_sent..=sent).rev() {
        if let Some(&(_, a, _)) = subject_of(s) {
            return Some(a);
        }
    }
    last_speaker.filter(|&a| fits(a))
}

/// A noun that names people: a role, a title (or titles), a title's first
/// word that is no common word, kin or a person noun ("official",
/// "ministers", "solicitor", "widow"; not "the district", "the state").
pub(super) fn names_people(w: &str) -> bool {
    let lex = lexicon();
    // (every role, title, kin and person noun starts with a letter: a
    // mark, asked after each quotation, takes none of the look-ups)
    w.first_is(crate::letters::is_alphabetic)
        && (lex.role(w).is_some()
            || lex.is_title(w)
            || w.strip_suffix('s').is_some_and(|o| lex.is_title(o))
            || (lex.starts_title(w) && !lex.is_common_word(w))
            || lex.is(w, Use::Kin)
            || lex.is(w, Use::PersonNoun))
}

#[cfg(test)]
mod tests {
    use super::super::testing::claims;

    /// `names_people` asks only words that start with a letter: so do
    /// every role, title, kin word and person noun.
    #[test]
    fn people_words_start_with_a_letter() {
        let uses = include_str!("../../lexicons/function_words.tsv");
        let people = uses
            .lines()
            .filter(|l| l.contains("kin") || l.contains("person_noun"));
        let lines = include_str!("../../lexicons/anonymous_roles.tsv")
            .lines()
            .chain(include_str!("../../lexicons/titles.tsv").lines())
            .chain(people);
        for line in lines.filter(|l| !l.starts_with('#') && !l.is_empty()) {
            assert!(line.starts_with(char::is_alphabetic), "{line:?}");
        }
    }

    /// The claimant of the claim whose cue is `cue` in `text`.
    fn claimant(text: &str, cue: &str) -> Option<String> {
        claims(text)
            .into_iter()
            .find(|(_, c, _)| c == cue)
            .unwrap_or_else(|| panic!("no claim cued {cue:?} in {text:?}"))
            .0
    }

    #[test]
    fn a_pronoun_goes_to_the_last_speaker() {
        let text = "Jane Doe spoke first. She said the plan failed.";
        assert_eq!(claimant(text, "said").as_deref(), Some("Jane Doe"));
    }

    #[test]
    fn she_is_never_a_man() {
        let text = "Adam Roe met Jane Doe on Monday. She said the plan failed.";
        assert_eq!(claimant(text, "said").as_deref(), Some("Jane Doe"));
        let text = "Jane Doe met Adam Roe on Monday. He said the plan failed.";
        assert_eq!(claimant(text, "said").as_deref(), Some("Adam Roe"));
    }

    #[test]
    fn it_is_an_organization_not_a_person() {
        let text = "Jane Doe wrote to the Interior Ministry. It said the plan failed.";
        assert_eq!(claimant(text, "said").as_deref(), Some("Interior Ministry"));
    }

    #[test]
    fn the_title_is_its_only_holder() {
        let text = "Mayor Jane Doe opened the bridge. The mayor said the plan failed.";
        assert_eq!(claimant(text, "said").as_deref(), Some("Jane Doe"));
    }

    #[test]
    fn the_same_description_is_the_same_actor() {
        let text = "The report said the plan failed. The report said the vote was close.";
        let all = claims(text);
        assert_eq!(all.len(), 2);
        assert_eq!(all[0].0.as_deref(), Some("The report"));
        assert_eq!(all[0].0, all[1].0);
    }

    #[test]
    fn pronoun_kinds_follow_the_lexicon() {
        use crate::annotation::ActorKind;
        use crate::lexicon::lexicon;
        let kinds = |w: &str| super::pronoun_kinds(lexicon().pronoun(w));
        assert_eq!(kinds("She"), &[ActorKind::Person]);
        assert!(kinds("its").contains(&ActorKind::Organization));
        assert!(kinds("they").contains(&ActorKind::Group));
        // reflexive forms stand for no speaker; "him" only where anchored
        assert_eq!(kinds("him"), &[ActorKind::Person]);
        assert!(kinds("themselves").is_empty());
        assert!(kinds("you").is_empty());
    }
}
