//! Tests of the tagger: tags and entities, the model file, training on a
//! tiny corpus of our own, and the shipped weights on sentences of our own.

use super::train::{train, Options, Sentence};
use super::*;

const P: EntityType = EntityType::Per;
const G: EntityType = EntityType::Org;
const L: EntityType = EntityType::Loc;

fn words(s: &str) -> Vec<String> {
    s.split(' ').map(str::to_string).collect()
}

/// The names a tagger finds in a sentence, as (text, type).
fn names(tagger: &Tagger, sentence: &str) -> Vec<(String, EntityType)> {
    let tokens = words(sentence);
    let tags = tagger.tag(&tokens);
    entities(&tags)
        .into_iter()
        .map(|e| (tokens[e.start..e.end].join(" "), e.kind))
        .collect()
}

fn n(s: &str, t: EntityType) -> (String, EntityType) {
    (s.to_string(), t)
}

#[test]
fn tag_indices_round_trip() {
    for i in 0..Tag::COUNT {
        assert_eq!(Tag::from_index(i).index(), i);
    }
    assert_eq!(Tag::B(EntityType::Loc).to_string(), "B-LOC");
    assert!(!Tag::I(P).may_follow(None));
    assert!(!Tag::I(P).may_follow(Some(Tag::B(G))));
    assert!(Tag::I(P).may_follow(Some(Tag::B(P))));
}

#[test]
fn entities_read_iob1_and_iob2() {
    let iob1 = [Tag::I(P), Tag::I(P), Tag::B(P), Tag::O, Tag::I(L)];
    let e = entities(&iob1);
    assert_eq!(
        e,
        vec![
            Entity {
                start: 0,
                end: 2,
                kind: P
            },
            Entity {
                start: 2,
                end: 3,
                kind: P
            },
            Entity {
                start: 4,
                end: 5,
                kind: L
            },
        ]
    );
    assert_eq!(entities(&bio(5, &e)), e);
}

/// A tiny corpus of our own: invented names in a few frames.
fn tiny_corpus() -> Vec<Sentence> {
    let people = ["Ada Vale", "Tomas Rell", "Ines Qarro", "Bo Lindqvist"];
    let orgs = ["Kestrel Guild", "Norrow Mills", "Amberline Council"];
    let places = ["Orlen", "Vask", "Tarrow Bay"];
    let mut out = Vec::new();
    for (i, p) in people.iter().enumerate() {
        let o = orgs[i % orgs.len()];
        let l = places[i % places.len()];
        let text = format!("{p} , who leads the {o} , said on Monday that {l} would vote .");
        let tokens = words(&text);
        let mut ents = Vec::new();
        let plen = p.split(' ').count();
        ents.push(Entity {
            start: 0,
            end: plen,
            kind: P,
        });
        let ostart = plen + 4;
        let olen = o.split(' ').count();
        ents.push(Entity {
            start: ostart,
            end: ostart + olen,
            kind: G,
        });
        let lstart = ostart + olen + 5;
        ents.push(Entity {
            start: lstart,
            end: lstart + l.split(' ').count(),
            kind: L,
        });
        let tags = bio(tokens.len(), &ents);
        out.push(Sentence { tokens, tags });
    }
    out
}

/// Settings for the tiny corpus: every weight kept.
fn tiny_options() -> Options {
    Options {
        epochs: 8,
        bits: 12,
        seed: 7,
        floor_quantile: 0,
        row_quantile: 0,
    }
}

#[test]
fn training_is_deterministic_and_learns_a_tiny_corpus() {
    let corpus = tiny_corpus();
    let opts = tiny_options();
    let a = train(&corpus, &opts, |_| {});
    let b = train(&corpus, &opts, |_| {});
    let bytes = a.to_bytes();
    assert_eq!(bytes, b.to_bytes(), "same inputs, same weights");
    let tagger = Tagger::from_bytes(&bytes).unwrap();
    assert_eq!(tagger.model(), &a);
    for s in &corpus {
        assert_eq!(tagger.tag(&s.tokens), s.tags, "{:?}", s.tokens);
    }
    let other = Options {
        seed: 8,
        ..opts.clone()
    };
    // A different seed visits sentences in another order (the weights may differ).
    let _ = train(&corpus, &other, |_| {});
}

#[test]
fn dropping_rows_keeps_the_strongest() {
    let corpus = tiny_corpus();
    let opts = tiny_options();
    let all = train(&corpus, &opts, |_| {});
    let pruned = |q: u32| {
        train(
            &corpus,
            &Options {
                row_quantile: q,
                ..opts.clone()
            },
            |_| {},
        )
    };
    let (half, most) = (pruned(5000), pruned(9900));
    // Rows under the median (and then the 99th percentile) of the rows'
    // largest weights are gone; rows that tie with the cut stay.
    let (n, m, k) = (all.rows_used(), half.rows_used(), most.rows_used());
    assert!(k < m && m < n, "{k} < {m} < {n} rows");
    assert!(half.to_bytes().len() < all.to_bytes().len());
}

#[test]
fn model_file_rejects_damage() {
    let model = train(
        &tiny_corpus(),
        &Options {
            epochs: 2,
            bits: 10,
            ..Options::default()
        },
        |_| {},
    );
    let bytes = model.to_bytes();
    assert!(Model::from_bytes(&bytes[..bytes.len() - 1]).is_err());
    let mut extra = bytes.clone();
    extra.push(0);
    assert!(Model::from_bytes(&extra).is_err());
    let mut magic = bytes.clone();
    magic[0] = b'X';
    assert!(Model::from_bytes(&magic).is_err());
    assert!(Model::from_bytes(&[]).is_err());
}

#[test]
fn model_file_keeps_each_non_zero_code_in_its_place() {
    // Rows with only the last tag's weight (the mask's ninth bit), with
    // the first and the last, with all nine, and rows past the first byte
    // of masks (more than 8 stored rows: the ninth bits' second byte).
    let bits = 8u8;
    let mut weights = vec![0i8; Tag::COUNT << bits];
    let mut put = |row: usize, tag: usize, code: i8| weights[row * Tag::COUNT + tag] = code;
    put(3, 8, -5);
    put(5, 0, 7);
    put(5, 8, 127);
    for t in 0..Tag::COUNT {
        put(200, t, t as i8 - 4 + i8::from(t == 4));
    }
    for r in 210..222 {
        put(r, r % Tag::COUNT, -127);
    }
    let levels: Vec<i32> = (0..128).collect();
    let trans = vec![1; (Tag::COUNT + 1) * Tag::COUNT];
    let model = Model::from_parts(bits, weights, levels, trans);
    let bytes = model.to_bytes();
    assert_eq!(Model::from_bytes(&bytes).unwrap(), model);
    // Damage in the coded weights: each byte changed in turn (the coder's
    // last state, the stream's end or a row's codes then disagree).
    let header = 10 + 128 * 4 + (Tag::COUNT + 1) * Tag::COUNT * 4;
    for i in header..bytes.len() {
        let mut bad = bytes.clone();
        bad[i] ^= 0x10;
        assert!(Model::from_bytes(&bad).is_err(), "byte {i} changed");
    }
}

#[test]
fn model_file_codes_rows_that_add_up_to_zero_compactly() {
    // Rows whose weights add up to about zero (as the training's updates
    // leave them) cost fewer bytes than the same codes with random signs:
    // the second weight's sign is known (about a bit a row).
    let bits = 10u8;
    let levels: Vec<i32> = (0..128).map(|k| k * 1000).collect();
    let trans = vec![0; (Tag::COUNT + 1) * Tag::COUNT];
    let (mut balanced, mut random) = (vec![0i8; Tag::COUNT << bits], vec![0i8; Tag::COUNT << bits]);
    let mut state = 7u64;
    for r in 0..1 << bits {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        let (a, b) = (
            (state >> 33) as usize % Tag::COUNT,
            (state >> 40) as usize % Tag::COUNT,
        );
        let m = (state >> 50) as i8 % 100 + 1;
        if a == b {
            continue;
        }
        balanced[r * Tag::COUNT + a] = m;
        balanced[r * Tag::COUNT + b] = -m;
        random[r * Tag::COUNT + a] = m;
        random[r * Tag::COUNT + b] = if state >> 20 & 1 == 0 { m } else { -m };
    }
    let size = |w: Vec<i8>| {
        let model = Model::from_parts(bits, w, levels.clone(), trans.clone());
        let bytes = model.to_bytes();
        assert_eq!(Model::from_bytes(&bytes).unwrap(), model);
        bytes.len()
    };
    let (b, r) = (size(balanced), size(random));
    assert!(b + 50 < r, "{b} against {r}");
}

#[cfg(not(target_arch = "wasm32"))]
#[test]
fn the_table_build_rs_decoded_is_the_shipped_files() {
    // (the shipped tagger reads only the head of the file, with the table
    // build.rs decoded: it must be the model the file decodes to)
    let decoded = Model::from_bytes(SHIPPED).expect("a valid model");
    assert_eq!(SHIPPED_TABLE.len(), Tag::COUNT << decoded.bits());
    let dense = Model::from_bytes_dense(SHIPPED, SHIPPED_TABLE).expect("a valid model");
    assert_eq!(dense, decoded);
    // A table of the wrong size: the file is decoded.
    let small = Model::from_bytes_dense(SHIPPED, &SHIPPED_TABLE[1..]).expect("a valid model");
    assert_eq!(small, decoded);
    assert!(Model::from_bytes_dense(&SHIPPED[..100], SHIPPED_TABLE).is_err());
}

#[test]
fn consistency_pass_votes_and_finds_surnames() {
    let sents = vec![
        words("Marta Quell spoke ."),
        words("Quell left for Dunmore ."),
        words("Dunmore voted ."),
        words("Dunmore cheered ."),
        words("Later Quell spoke ."),
    ];
    let mut tags = vec![
        vec![Tag::B(P), Tag::I(P), Tag::O, Tag::O],
        vec![Tag::B(G), Tag::O, Tag::O, Tag::B(L), Tag::O],
        vec![Tag::B(L), Tag::O, Tag::O],
        vec![Tag::B(G), Tag::O, Tag::O],
        vec![Tag::O, Tag::O, Tag::O, Tag::O],
    ];
    consistent(&sents, &mut tags);
    assert_eq!(tags[1][0], Tag::B(P));
    assert_eq!(tags[3][0], Tag::B(L));
    assert_eq!(tags[4], vec![Tag::O, Tag::B(P), Tag::O, Tag::O]);
}

#[test]
fn shipped_weights_load_and_tag_sentences_of_our_own() {
    let tagger = Tagger::shipped();
    assert!(tagger.model().rows_used() > 1000);
    assert_eq!(
        names(
            tagger,
            "Health Minister Maria Okonkwo told the World Health Organization on Tuesday that Kenya needed more nurses ."
        ),
        vec![
            n("Maria Okonkwo", P),
            n("World Health Organization", G),
            n("Kenya", L)
        ]
    );
    assert_eq!(
        names(
            tagger,
            "\" We will rebuild , \" said Daniel Harper , the mayor of Denver ."
        ),
        vec![n("Daniel Harper", P), n("Denver", L)]
    );
}

#[test]
fn names_of_people_and_places_do_not_end_in_a_score() {
    let tokens = ["Orlen", "4-3", "Wrenfield", "Guild", "04"];
    let tags = vec![Tag::B(L), Tag::I(L), Tag::B(G), Tag::I(G), Tag::I(G)];
    let mut trimmed = tags.clone();
    let mut names = vec![Entity {
        start: 0,
        end: 1,
        kind: P,
    }];
    trim(&tokens, &mut trimmed, &mut names, None);
    assert_eq!(
        trimmed,
        vec![Tag::B(L), Tag::O, Tag::B(G), Tag::I(G), Tag::I(G)]
    );
    // The entities trim gives are those of the tags it gives.
    assert_eq!(names, entities(&trimmed));
}

#[test]
fn the_transition_table_is_may_follow() {
    for p in 0..=Tag::COUNT {
        let prev = (p != model::START).then(|| Tag::from_index(p));
        for t in 0..Tag::COUNT {
            assert_eq!(
                model::ALLOWED[p][t],
                Tag::from_index(t).may_follow(prev),
                "{prev:?} then {}",
                Tag::from_index(t)
            );
        }
    }
}

#[test]
fn names_of_people_and_places_hold_no_number() {
    // ("Jan 22 Varden": a date run into the name after it)
    let tokens = [
        "Jan",
        "22",
        "Varden",
        "scored",
        "Wrenfield",
        "Guild",
        "04",
        "Ltd",
    ];
    let tags = vec![
        Tag::B(P),
        Tag::I(P),
        Tag::I(P),
        Tag::O,
        Tag::B(G),
        Tag::I(G),
        Tag::I(G),
        Tag::I(G),
    ];
    let mut trimmed = tags.clone();
    trim(&tokens, &mut trimmed, &mut Vec::new(), None);
    let mut want = tags.clone();
    want[1] = Tag::O;
    want[2] = Tag::B(P);
    assert_eq!(trimmed, want);
}
