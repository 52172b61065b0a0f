//! Prints what newslens finds in a file, one line per item, for reading by eye:
//! `cargo run --example show -- article.txt`.

use std::io::Read;

fn main() {
    let mut text = String::new();
    match std::env::args().nth(1) {
        Some(path) => text = std::fs::read_to_string(path).expect("readable UTF-8 file"),
        None => {
            std::io::stdin()
                .read_to_string(&mut text)
                .expect("UTF-8 on stdin");
        }
    }
    let text = text.as_str();
    let ann = newslens::annotate(text);
    let name = |a: Option<newslens::ActorId>| {
        a.map_or("?".to_string(), |a| ann.actors[a.index()].name.clone())
    };
    println!("== actors");
    for a in &ann.actors {
        let surfaces: Vec<&str> = a
            .mentions
            .iter()
            .map(|m| &text[ann.mentions[m.index()].span])
            .collect();
        println!(
            "{:?} {:?} anon={} titles={:?} {:?}",
            a.kind, a.name, a.anonymous, a.titles, surfaces
        );
    }
    println!("== quotes");
    for q in &ann.quotes {
        println!(
            "{:?} [{}] by {} (via {}) cue={:?}",
            q.kind,
            &text[q.content],
            name(q.speaker),
            name(q.reporter),
            q.cue.map(|c| &text[c])
        );
    }
    println!("== claims");
    for c in &ann.claims {
        println!(
            "{:?} {} cue={:?} [{}] disputes={:?}",
            c.stance,
            name(c.claimant),
            &text[c.cue],
            &text[c.content],
            c.disputes
        );
    }
}
