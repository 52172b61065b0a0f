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
//! HTML nested deeper than [`MAX_DEPTH`] elements is refused before parsing:
//! the tree builder's scope checks walk the stack of open elements, so such
//! a document costs time quadratic in its depth (200,000 nested `<div>`s, a
//! 1 MB file, took minutes). [`nesting_depth`] estimates the depth in one
//! linear pass. No article comes near the limit.
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

/// Deepest element nesting accepted (Chromium's parser stops nesting at 512).
pub const MAX_DEPTH: usize = 1000;

/// The article text of an HTML document: paragraphs separated by blank
/// lines. An error when the document nests deeper than [`MAX_DEPTH`].
pub fn to_text(html: &str) -> anyhow::Result<String> {
    if nesting_depth(html, MAX_DEPTH + 1) > MAX_DEPTH {
        anyhow::bail!(
            "HTML nested more than {MAX_DEPTH} elements deep; newslens refuses it \
             (parsing it would take time quadratic in its depth)"
        );
    }
    Ok(reduce(html))
}

fn reduce(html: &str) -> String {
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

    /// The page's recursive walk, with an explicit stack (no recursion, so
    /// no stack overflow whatever the depth).
    fn walk(&mut self, root: NodeRef<'_, Node>) {
        enum Step<'a> {
            Enter(NodeRef<'a, Node>),
            /// After a block element's children: end its paragraph.
            Leave,
        }
        let mut todo: Vec<Step<'_>> = root.children().rev().map(Step::Enter).collect();
        while let Some(step) = todo.pop() {
            let node = match step {
                Step::Leave => {
                    self.flush();
                    continue;
                }
                Step::Enter(node) => node,
            };
            match node.value() {
                Node::Text(t) => self.line.push_str(t),
                Node::Element(el) => {
                    if self.dropped.contains(&node.id()) {
                        continue;
                    }
                    let html = el.name.ns == ns!(html);
                    let local = &*el.name.local;
                    if html && local == "br" {
                        self.flush();
                        continue;
                    }
                    if html && BLOCK.contains(&local) {
                        self.flush();
                        todo.push(Step::Leave);
                    }
                    todo.extend(node.children().rev().map(Step::Enter));
                }
                _ => {}
            }
        }
    }
}

/// Elements that never hold others (no end tag).
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr", "param", "keygen", "frame", "basefont", "bgsound",
];

/// Elements a later sibling closes implicitly (`<p>a<p>b`, `<li>`...), or
/// that are there once: not counted as nesting.
const SELF_CLOSING_SIBLINGS: &[&str] = &[
    "p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th", "tbody", "thead", "tfoot",
    "colgroup", "caption", "rb", "rt", "rtc", "rp", "html", "head", "body",
];

/// Elements whose content is text up to their end tag.
const RAW_TEXT: &[&str] = &[
    "script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes",
];

/// An estimate of how deep `html` nests elements, in one pass over its
/// bytes; stops counting at `limit`. Start tags push (except void elements
/// and those that siblings close), end tags pop down to their element when
/// it is open, `/>` closes only inside `<svg>` or `<math>`; comments and
/// raw text (scripts, styles...) are skipped.
pub fn nesting_depth(html: &str, limit: usize) -> usize {
    let b = html.as_bytes();
    let mut stack: Vec<String> = Vec::new();
    let mut open: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    let mut deepest = 0;
    let mut i = 0;
    let find = |from: usize, needle: &[u8]| -> usize {
        b[from.min(b.len())..]
            .windows(needle.len())
            .position(|w| w.eq_ignore_ascii_case(needle))
            .map_or(b.len(), |p| from + p)
    };
    let name_end = |from: usize| -> usize {
        let mut j = from;
        while j < b.len() && (b[j].is_ascii_alphanumeric() || b[j] == b'-' || b[j] == b':') {
            j += 1;
        }
        j
    };
    while i < b.len() && deepest < limit {
        if b[i] != b'<' {
            i += 1;
            continue;
        }
        let next = b.get(i + 1).copied().unwrap_or(0);
        if b[i..].starts_with(b"<!--") {
            i = find(i + 4, b"-->") + 3;
        } else if next == b'!' || next == b'?' {
            i = find(i + 1, b">") + 1;
        } else if next == b'/' {
            let end = name_end(i + 2);
            let name = html[i + 2..end].to_ascii_lowercase();
            if open.get(&name).is_some_and(|&n| n > 0) {
                while let Some(top) = stack.pop() {
                    *open.entry(top.clone()).or_default() -= 1;
                    if top == name {
                        break;
                    }
                }
            }
            i = find(end, b">") + 1;
        } else if next.is_ascii_alphabetic() {
            let end = name_end(i + 1);
            let name = html[i + 1..end].to_ascii_lowercase();
            // The end of the tag: '>' outside quoted attribute values.
            let mut j = end;
            let mut quote = 0u8;
            while j < b.len() {
                let c = b[j];
                if quote != 0 {
                    if c == quote {
                        quote = 0;
                    }
                } else if c == b'"' || c == b'\'' {
                    quote = c;
                } else if c == b'>' {
                    break;
                }
                j += 1;
            }
            let self_closing = j > 0 && b.get(j - 1) == Some(&b'/');
            let foreign = ["svg", "math"]
                .iter()
                .any(|f| open.get(*f).is_some_and(|&n| n > 0));
            i = j + 1;
            if RAW_TEXT.contains(&name.as_str()) {
                let close = format!("</{name}");
                i = find(i, close.as_bytes());
                continue;
            }
            if VOID.contains(&name.as_str())
                || SELF_CLOSING_SIBLINGS.contains(&name.as_str())
                || (self_closing && foreign)
            {
                continue;
            }
            *open.entry(name.clone()).or_default() += 1;
            stack.push(name);
            deepest = deepest.max(stack.len());
        } else {
            i += 1;
        }
    }
    deepest
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
            to_text(html).unwrap(),
            "Bridge opens early\n\nFirst paragraph.\n\n\"Second,\" she said.\n\n\
After a break.\n\ninline text"
        );
    }

    #[test]
    fn main_then_body_when_there_is_no_article() {
        assert_eq!(
            to_text_ok("<div role=main><p>a</p><p>b</p></div><p>c</p>"),
            "a\n\nb"
        );
        assert_eq!(to_text_ok("plain <i>text</i>\u{a0}"), "plain text");
        assert_eq!(to_text_ok(""), "");
        // The headline inside the root is not repeated.
        assert_eq!(
            to_text_ok("<article><h1>T</h1><p>x</p></article>"),
            "T\n\nx"
        );
    }

    #[test]
    fn noscript_holds_elements_and_templates_hold_nothing() {
        assert_eq!(
            to_text_ok("<p>a</p><noscript><p>n</p></noscript><template><h1>t</h1></template>"),
            "a"
        );
    }

    fn to_text_ok(html: &str) -> String {
        to_text(html).unwrap()
    }

    #[test]
    fn deep_nesting_is_refused_and_ordinary_pages_are_not() {
        let deep = format!("{}deep", "<div>".repeat(200_000));
        let msg = format!("{:#}", to_text(&deep).unwrap_err());
        assert!(msg.contains("nested more than 1000"), "{msg}");
        assert!(to_text(&format!("{}x", "<b>".repeat(5_000))).is_err());
        // Closed, implicitly closed, void and self-closed SVG elements do not add up.
        let wide = "<div><p>x</div>".repeat(5_000)
            + &"<p>a<li>b<br><img src=x>".repeat(5_000)
            + &format!("<svg>{}</svg>", "<path d='a>b'/>".repeat(5_000))
            + &format!("<script>{}</script>", "<div>".repeat(5_000))
            + &format!("<!--{}-->", "<div>".repeat(5_000));
        assert!(
            nesting_depth(&wide, 2_000) < 10,
            "{}",
            nesting_depth(&wide, 2_000)
        );
        assert!(to_text(&wide).is_ok());
        assert_eq!(nesting_depth("<div><span><b>x</b></span></div>", 100), 3);
        // An unclosed element really nests: so does the estimate.
        assert_eq!(nesting_depth(&"<div>".repeat(50), 100), 50);
        let nested = format!("{}deep{}", "<div>".repeat(900), "</div>".repeat(900));
        assert_eq!(to_text_ok(&nested), "deep");
    }

    #[test]
    fn whitespace_is_javascripts() {
        assert_eq!(collapse("\u{feff} a \u{3000}\u{85}b "), "a \u{85}b");
    }
}
