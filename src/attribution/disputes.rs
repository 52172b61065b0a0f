//! Linking a denial to the claim it rejects.
//!
//! A denial disputes a claim when its content holds that claim's cue ("X
//! denies Y's claims of ..."), when it names a claim right after one ("...
//! a build-up, a claim rejected by X"), or when it shares a distinctive word
//! with an earlier claim by someone else ("X denied there had been a build-up").
//! Takes all claims once every sentence is done; fills their `disputes`.

use super::drafts::ClaimDraft;
use crate::annotation::Stance;
use crate::at::At;
use crate::lexicon::{fact, lexicon};
use crate::text::{Doc, Lower};
use std::borrow::Cow;
use std::cmp::Ordering;

/// How many claims around a denial are candidates for what it disputes.
const WINDOW: usize = 60;

/// Fills `disputes` of every deny claim.
pub fn link(doc: &Doc, claims: &mut [ClaimDraft]) {
    // Content words (test 3) are worked out when a denial first needs them,
    // and kept only for the window a denial looks back over: claim `k`'s set
    // in slot `k % slots`. On a long text the sets of all claims at once
    // were the engine's largest structure.
    let slots = (WINDOW + 1).min(claims.len());
    // (`resize_with`, not `vec![None; slots]`, which clones the `None` and
    // so brought a `Vec<Cow<str>>` clone loop into the `.wasm`)
    let mut words: Vec<Option<(usize, Vec<Cow<str>>)>> = Vec::new();
    words.resize_with(slots, || None);
    for i in 0..claims.len() {
        if claims[i].stance != Stance::Deny {
            continue;
        }
        let me = &claims[i];
        let mut target = None;
        // 1. A claim whose cue lies inside the denial's content.
        // Nearby claims only (claims are in text order), which keeps this linear.
        let near = i.saturating_sub(WINDOW)..(i + WINDOW).min(claims.len());
        for (j, c) in claims.iter().enumerate().skip(near.start).take(near.len()) {
            if j != i && me.content().contains(c.cue()) && c.claimant() != me.claimant() {
                target = Some(j);
                break;
            }
        }
        // 2. "a claim rejected by X": the content is only a claim noun.
        if target.is_none() {
            let content = doc.str_of(me.content()).lower();
            crate::work::add(content.len() / 16);
            // (one pass forward: `split_whitespace().last()` searches
            // back, std's reverse split in the `.wasm` for this one call)
            let (mut words, mut last) = (0, None);
            for w in content.split_whitespace() {
                words += 1;
                last = Some(w);
            }
            let nominal = last.is_some_and(|w| lexicon().cue_noun(w).is_some()) && words <= 3;
            if nominal {
                // (The nearest such claim before it, at most WINDOW back:
                // claims are in text order.)
                target = crate::at::last_back(
                    i.saturating_sub(WINDOW),
                    i,
                    |_| true,
                    |j| {
                        j != i
                            && claims.at(j).cue().start < me.cue().start
                            && claims.at(j).claimant() != me.claimant()
                            && claims.at(j).claimant().is_some()
                            && claims.at(j).stance != Stance::Deny
                    },
                );
            }
        }
        // 3. A shared distinctive word with an earlier claim by someone else.
        if target.is_none() {
            target = crate::at::last_back(
                i.saturating_sub(WINDOW),
                i,
                |_| true,
                |j| {
                    claims.at(j).claimant() != me.claimant()
                        && claims.at(j).claimant().is_some()
                        && claims.at(j).stance != Stance::Deny
                        && {
                            // j and i are at most WINDOW apart: different slots.
                            for k in [j, i] {
                                let slot = words.at_mut(k % slots);
                                if !matches!(slot, Some((owner, _)) if *owner == k) {
                                    *slot = Some((
                                        k,
                                        content_words(doc.str_of(claims.at(k).content())),
                                    ));
                                }
                            }
                            let (theirs, mine) = (words.at(j % slots), words.at(i % slots));
                            theirs
                                .iter()
                                .zip(mine)
                                .any(|((_, a), (_, b))| share_a_word(a, b))
                        }
                },
            );
        }
        if let Some(j) = target {
            claims[i].set_disputes(j);
        }
    }
}

/// The distinctive words of a claim: long, not grammar, cue or common
/// words, or hyphenated ("build-up"); sorted.
/// (Borrowed when a word is already lowercase ASCII: no `String` a word. A
/// sorted list, not a hash set: one hash table type fewer in the `.wasm`.)
fn content_words(text: &str) -> Vec<Cow<'_, str>> {
    crate::work::add(text.len() / 16);
    let lex = lexicon();
    let mut words: Vec<Cow<str>> = Vec::new();
    for w in text.split(|c: char| !crate::letters::is_alphanumeric(c) && c != '-') {
        if crate::text::char_count(w) < 5 {
            continue;
        }
        let w = w.lower_cow();
        // (one probe of the facts table rules most look-ups out)
        let f = lex.facts(&w);
        if (f & fact::GRAMMAR == 0 || lex.word_class(&w).is_none())
            && (f & fact::CUE_VERB == 0 || lex.cue_verb(&w).is_none())
            && (f & fact::CUE_NOUN == 0 || lex.cue_noun(&w).is_none())
            && !lex.is_common_word(&w)
            || w.contains('-')
        {
            words.push(w);
        }
    }
    crate::order::sort_by(&mut words, |a, b| a.cmp(b));
    words
}

/// True when the sorted lists `a` and `b` have a word in common.
fn share_a_word(a: &[Cow<str>], b: &[Cow<str>]) -> bool {
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            Ordering::Less => i += 1,
            Ordering::Greater => j += 1,
            Ordering::Equal => return true,
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::super::testing::attributed;
    use crate::annotation::Stance;

    /// The (stance, disputes) of each claim of `text`.
    fn links(text: &str) -> Vec<(Stance, Vec<usize>)> {
        attributed(text, |_, _, a| {
            a.claims
                .iter()
                .map(|c| (c.stance, c.disputes().into_iter().collect()))
                .collect()
        })
    }

    #[test]
    fn a_denial_disputes_the_claim_whose_cue_it_holds() {
        let text = "Jane Doe denied John Roe's claims of a build-up near the border.";
        assert_eq!(
            links(text),
            vec![(Stance::Deny, vec![1]), (Stance::Assert, vec![])]
        );
    }

    #[test]
    fn a_claim_rejected_by_x_disputes_the_claim_before_it() {
        let text = "John Roe said the army was near the border, a claim rejected by Jane Doe.";
        assert_eq!(
            links(text),
            vec![(Stance::Assert, vec![]), (Stance::Deny, vec![0])]
        );
    }

    #[test]
    fn a_denial_disputes_an_earlier_claim_sharing_a_distinctive_word() {
        let text = "John Roe said the army had massed a build-up near the border. \
                    Jane Doe denied there had been a build-up.";
        assert_eq!(
            links(text),
            vec![(Stance::Assert, vec![]), (Stance::Deny, vec![0])]
        );
    }

    #[test]
    fn a_claim_is_not_disputed_by_its_own_claimant() {
        let text = "Jane Doe said the army had massed a build-up near the border. \
                    Jane Doe later denied there had been a build-up.";
        assert!(links(text).iter().all(|(_, d)| d.is_empty()));
    }
}
