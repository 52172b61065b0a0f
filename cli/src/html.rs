//! HTML articles reduced to their text, by the rules of the page
//! (`www/js/input.js`, `htmlToText`), so the CLI and the page annotate the
//! same text for the same file (`tests/browser/html-text.test.mjs` checks).
//!
//! The document is parsed by html5ever (the WHATWG algorithm the browser's
//! DOMParser follows, with scripting off as in a DOMParser document) into a
//! `scraper` tree, and the page's CSS selectors are applied as they are:
//!
//! 1. the root is the first `<article>`, else the first `<main>` or
//!    `[role="main"]`, else `<body>`;
//! 2. the first `<h1>` of the document, when it lies outside the root, is the
//!    headline (its text, whitespace collapsed);
//! 3. the root's descendants matching [`DROP`] (scripts, styles, navigation,
//!    asides, forms, hidden elements...) are left out;
//! 4. text is gathered in document order; `<br>` and the [`BLOCK`] elements
//!    end a paragraph; each paragraph's whitespace runs become one space and
//!    it is trimmed; empty paragraphs vanish;
//! 5. the headline goes first unless the first paragraph already is it, and
//!    paragraphs are joined by a blank line.
//!
//! "Whitespace" is JavaScript's `\s` (which includes U+00A0 and U+FEFF),
//! not Rust's `char::is_whitespace`. Template contents are not part of the
//! document, as in the DOM.

use std::collections::HashSet;

use ego_tree::NodeRef;
use html5ever::tendril::TendrilSink;
use html5ever::{ns, ParseOpts};
use scraper::node::Node;
use scraper::{ElementRef, Html, HtmlTreeSink, Selector};

/// Elements left out of the article (the page's `DROP`, verbatim).
pub const DROP: &str = "script, style, noscript, template, nav, footer, aside, form, button, select, iframe, object, embed, svg, canvas, figure, [hidden], [aria-hidden=\"true\"], [role=\"navigation\"], [role=\"complementary\"], [role=\"contentinfo\"]";

/// Elements that end a paragraph (the page's `BLOCK`, lower case).
pub const BLOCK: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "main",
    "header",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "blockquote",
    "pre",
    "table",
    "tr",
    "dl",
    "dt",
    "dd",
    "figcaption",
    "hr",
    "address",
];

/// The article text of an HTML document: paragraphs separated by blank lines.
pub fn to_text(html: &str) -> String {
    let mut opts = ParseOpts::default();
    // A DOMParser document has no browsing context: scripting is off, so
    // <noscript> holds elements, not raw text.
    opts.tree_builder.scripting_enabled = false;
    let doc: Html =
        html5ever::driver::parse_document(HtmlTreeSink::new(Html::new_document()), opts).one(html);

    let first = |selector: &str| {
        let selector = Selector::parse(selector).expect("a valid selector");
        doc.select(&selector).find(|el| !in_template(el))
    };
    let root = first("article")
        .or_else(|| first("main, [role=\"main\"]"))
        .or_else(|| body(&doc));
    let Some(root) = root else {
        return String::new();
    };
    let title = match first("h1") {
        Some(h1) if !h1.ancestors().any(|a| a.id() == root.id()) && h1.id() != root.id() => {
            let mut t = String::new();
            text_content(*h1, &mut t);
            collapse(&t)
        }
        _ => String::new(),
    };
    let drop = Selector::parse(DROP).expect("a valid selector");
    let dropped: HashSet<_> = root.select(&drop).map(|el| el.id()).collect();

    let mut walker = Walker {
        dropped: &dropped,
        paragraphs: Vec::new(),
        line: String::new(),
    };
    walker.walk(*root);
    walker.flush();
    let mut paragraphs = walker.paragraphs;
    if !title.is_empty() && paragraphs.first() != Some(&title) {
        paragraphs.insert(0, title);
    }
    paragraphs.join("\n\n")
}

/// `document.body`: the first `<body>` (or `<frameset>`) child of `<html>`.
fn body(doc: &Html) -> Option<ElementRef<'_>> {
    doc.root_element()
        .children()
        .filter_map(ElementRef::wrap)
        .find(|el| is_html(el, "body") || is_html(el, "frameset"))
}

fn is_html(el: &ElementRef<'_>, local: &str) -> bool {
    el.value().name.ns == ns!(html) && &*el.value().name.local == local
}

/// True inside a `<template>`'s contents (not part of the DOM tree).
fn in_template(el: &ElementRef<'_>) -> bool {
    el.ancestors().any(|a| matches!(a.value(), Node::Fragment))
}

/// `Node.textContent`: every descendant text node, template contents left out.
fn text_content(node: NodeRef<'_, Node>, out: &mut String) {
    for child in node.children() {
        match child.value() {
            Node::Text(t) => out.push_str(t),
            Node::Element(_) => text_content(child, out),
            _ => {}
        }
    }
}

struct Walker<'a> {
    dropped: &'a HashSet<ego_tree::NodeId>,
    paragraphs: Vec<String>,
    line: String,
}

impl Walker<'_> {
    fn flush(&mut self) {
        let t = collapse(&self.line);
        if !t.is_empty() {
            self.paragraphs.push(t);
        }
        self.line.clear();
    }

    fn walk(&mut self, node: NodeRef<'_, Node>) {
        for child in node.children() {
            match child.value() {
                Node::Text(t) => self.line.push_str(t),
                Node::Element(el) => {
                    if self.dropped.contains(&child.id()) {
                        continue;
                    }
                    let html = el.name.ns == ns!(html);
                    let local = &*el.name.local;
                    if html && local == "br" {
                        self.flush();
                        continue;
                    }
                    let block = html && BLOCK.contains(&local);
                    if block {
                        self.flush();
                    }
                    self.walk(child);
                    if block {
                        self.flush();
                    }
                }
                _ => {}
            }
        }
    }
}

/// JavaScript's `\s`: the characters `s.replace(/\s+/g, ' ').trim()` removes.
pub fn is_js_space(c: char) -> bool {
    matches!(
        c,
        '\t' | '\n' | '\u{b}' | '\u{c}' | '\r' | ' ' | '\u{a0}' | '\u{1680}' | '\u{2000}'
            ..='\u{200a}'
                | '\u{2028}'
                | '\u{2029}'
                | '\u{202f}'
                | '\u{205f}'
                | '\u{3000}'
                | '\u{feff}'
    )
}

/// `s.replace(/\s+/g, ' ').trim()`.
fn collapse(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars() {
        if is_js_space(c) {
            space = true;
        } else {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_article_without_scripts_navigation_or_asides() {
        let html = "<!doctype html><html><head><title>t</title>\
<script>x = 1</script></head><body><nav>Home | World</nav>\
<h1>Bridge  opens\nearly</h1>\
<article><p>First   paragraph.</p><img src=x><script>y()</script>\
<p>\"Second,\" she said.<br>After a break.</p><aside>Read more</aside>\
<div hidden>secret</div><span aria-hidden=\"true\">icon</span>inline <b>text</b></article>\
<footer>Copyright</footer></body></html>";
        assert_eq!(
            to_text(html),
            "Bridge opens early\n\nFirst paragraph.\n\n\"Second,\" she said.\n\n\
After a break.\n\ninline text"
        );
    }

    #[test]
    fn main_then_body_when_there_is_no_article() {
        assert_eq!(
            to_text("<div role=main><p>a</p><p>b</p></div><p>c</p>"),
            "a\n\nb"
        );
        assert_eq!(to_text("plain <i>text</i>\u{a0}"), "plain text");
        assert_eq!(to_text(""), "");
        // The headline inside the root is not repeated.
        assert_eq!(to_text("<article><h1>T</h1><p>x</p></article>"), "T\n\nx");
    }

    #[test]
    fn noscript_holds_elements_and_templates_hold_nothing() {
        assert_eq!(
            to_text("<p>a</p><noscript><p>n</p></noscript><template><h1>t</h1></template>"),
            "a"
        );
    }

    #[test]
    fn whitespace_is_javascripts() {
        assert_eq!(collapse("\u{feff} a \u{3000}\u{85}b "), "a \u{85}b");
    }
}
