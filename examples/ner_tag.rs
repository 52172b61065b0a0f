//! Tags text with the shipped named-entity tagger and prints each name with
//! its type: `cargo run --release --example ner_tag < article.txt`.
//!
//! One sentence a line is assumed, tokens split at spaces (write
//! punctuation apart: "Jane Doe , the mayor , said ."); lines form one
//! document for the consistency pass.

use std::io::Read;

use newslens::tagger::{entities, Tagger};

fn main() {
    let mut text = String::new();
    if std::io::stdin().read_to_string(&mut text).is_err() {
        eprintln!("ner_tag: standard input is not UTF-8 text");
        std::process::exit(1);
    }
    let sentences: Vec<Vec<&str>> = text
        .lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>())
        .filter(|s| !s.is_empty())
        .collect();
    let tags = Tagger::shipped().tag_document(&sentences);
    for (s, t) in sentences.iter().zip(&tags) {
        let names: Vec<String> = entities(t)
            .iter()
            .map(|e| format!("[{} {}]", e.kind.name(), s[e.start..e.end].join(" ")))
            .collect();
        println!("{}\n    {}", s.join(" "), names.join(" "));
    }
}
