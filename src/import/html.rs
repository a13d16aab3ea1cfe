//! A saved web page (HTML) as the Markdown-like text the importer reads.
//!
//! The page is parsed as a browser would (scraper, on html5ever: unclosed
//! `<p>` and `<li>`, misnested tags and entities are handled as the HTML
//! standard says), then its content is written out as lines:
//!
//! - `<h1>`..`<h6>`: `#`..`######` lines, with a blank line around;
//! - `<li>`: `- text` in a `<ul>`, `N. text` in an `<ol>` (numbered from its
//!   `start`, or an item's `value`); a nested list's items are indented two
//!   spaces a level;
//! - `<p>`, `<div>`, `<blockquote>`, `<table>` and other blocks: paragraphs,
//!   separated by blank lines (inside a list item, a new line of the item);
//! - `<br>`: a line break; table cells: separated by a space;
//! - entities decoded; a no-break space as a space; soft hyphens and
//!   zero-width spaces removed; other runs of white space as one space.
//!
//! Only the page's content is written: if it has a `<main>` (or
//! `role="main"`), only that; otherwise its `<body>`. Dropped, with all they
//! hold:
//!
//! - `<head>`, `<script>`, `<style>`, `<noscript>`, `<template>`;
//! - `<nav>`, `<aside>`, `<form>`, `<button>`, `<input>`, `<select>`,
//!   `<textarea>`, `<label>`, `<dialog>`, `<iframe>`, `<object>`, `<embed>`,
//!   `<svg>`, `<math>`, `<canvas>`, `<video>`, `<audio>`, `<img>`;
//! - `<header>` and `<footer>`, except inside an `<article>` or `<main>`
//!   (where a header holds the article's title and date);
//! - anything `hidden` or `aria-hidden="true"`, and anything whose role is
//!   `navigation`, `banner`, `contentinfo`, `search`, `complementary`,
//!   `dialog` or `alertdialog`;
//! - anything whose `id` or `class` names a cookie banner, breadcrumbs or
//!   a skip link (holds `cookie`, `breadcrumb` or `skip-link`);
//! - links whose text is "Back to top", "Return to top", "Top of page" or
//!   "Skip to …" (content, navigation, …).
//!
//! The page is untrusted: nothing here panics on any input, the walk is a
//! loop over an explicit stack (no recursion, so no depth overflows it),
//! and structure nested deeper than [`MAX_DEPTH`] is read as plain text.
//! [`read`] refuses pages over [`MAX_BYTES`] and gives up after
//! [`TIME_LIMIT`]; [`text_of`] reads no more than [`MAX_BYTES`] of what it is
//! given.

use std::sync::mpsc::RecvTimeoutError;
use std::time::Duration;

use ego_tree::NodeRef;
use scraper::{Html, Node};

/// Pages larger than this (50 MiB) are refused: no report page is near it.
pub const MAX_BYTES: usize = 50 * 1024 * 1024;

/// Elements nested deeper than this are read for their text only.
pub const MAX_DEPTH: usize = 256;

/// Lists nested deeper than this are indented no further.
const MAX_INDENT: usize = 8;

/// The error for a page of `len` bytes, if it is over [`MAX_BYTES`].
pub fn too_big(name: &str, len: usize) -> Option<String> {
    (len > MAX_BYTES).then(|| {
        format!(
            "{name}: is {} MB, more than the {} MB a saved web page may be; save only the report's page, or copy its text into a plain text file and import that",
            len / (1024 * 1024),
            MAX_BYTES / (1024 * 1024)
        )
    })
}

/// Parsing is given this long: html5ever's time grows with the square of
/// the nesting depth (a 500 KB page of 100,000 nested `<div>`s takes 14 s on
/// a 2-core machine), so a hostile page must not hold scrutiny forever.
pub const TIME_LIMIT: Duration = Duration::from_secs(20);

/// The text of the page `bytes` from the file `name`: refused over
/// [`MAX_BYTES`], read on a thread of its own that is given [`TIME_LIMIT`]
/// and whose panic, were there one, is an error, never scrutiny's.
pub fn read(name: &str, bytes: &[u8]) -> Result<String, String> {
    read_within(name, bytes, TIME_LIMIT)
}

/// [`read`] with a time limit of `limit`.
pub fn read_within(name: &str, bytes: &[u8], limit: Duration) -> Result<String, String> {
    if let Some(e) = too_big(name, bytes.len()) {
        return Err(e);
    }
    let html = String::from_utf8_lossy(bytes).into_owned();
    let (tx, rx) = std::sync::mpsc::channel();
    let worker = std::thread::Builder::new()
        .name("html".into())
        .spawn(move || {
            let text = std::panic::catch_unwind(|| text_of(&html));
            let _ = tx.send(text);
        })
        .map_err(|e| format!("{name}: cannot start reading the page: {e}"))?;
    match rx.recv_timeout(limit) {
        Ok(Ok(text)) => {
            let _ = worker.join();
            Ok(text)
        }
        Ok(Err(_)) | Err(RecvTimeoutError::Disconnected) => Err(format!(
            "{name}: the page could not be read (the HTML reader failed on it); copy the report's text from the page into a plain text file and import that"
        )),
        // The thread is left to finish on its own; scrutiny does not wait.
        Err(RecvTimeoutError::Timeout) => Err(format!(
            "{name}: reading the page took more than {} seconds (is it nested thousands deep?), so it was given up; copy the report's text from the page into a plain text file and import that",
            limit.as_secs()
        )),
    }
}

/// The page's content as Markdown-like lines (see the module's doc for what
/// is written and what is dropped).
pub fn text_of(html: &str) -> String {
    let html = if html.len() > MAX_BYTES {
        &html[..floor_char_boundary(html, MAX_BYTES)]
    } else {
        html
    };
    let doc = Html::parse_document(html);
    let root = content_root(&doc);
    let mut w = Writer::default();
    // (node, closing, depth): a node is pushed to open it, and again to
    // close it once its children are done.
    let mut stack: Vec<(NodeRef<'_, Node>, bool, usize)> = vec![(root, false, 0)];
    while let Some((node, closing, depth)) = stack.pop() {
        match node.value() {
            Node::Text(t) => w.text(t),
            Node::Element(el) => {
                let name = el.name();
                let structured = depth <= MAX_DEPTH;
                if closing {
                    if structured {
                        w.close(name);
                    }
                    continue;
                }
                if dropped(node, w.content > 0) {
                    continue;
                }
                if structured {
                    w.open(name, |a| el.attr(a));
                }
                stack.push((node, true, depth));
                stack.extend(node.children().rev().map(|c| (c, false, depth + 1)));
            }
            Node::Document | Node::Fragment => {
                stack.extend(node.children().rev().map(|c| (c, false, depth + 1)));
            }
            _ => {}
        }
    }
    w.finish()
}

/// The largest index at most `at` that starts a character of `s`.
fn floor_char_boundary(s: &str, at: usize) -> usize {
    (0..=at.min(s.len()))
        .rev()
        .find(|&i| s.is_char_boundary(i))
        .unwrap_or(0)
}

/// The `<main>` (or `role="main"`) element, else `<body>`, else the document.
fn content_root(doc: &Html) -> NodeRef<'_, Node> {
    let mut body = None;
    for node in doc.tree.root().descendants() {
        if let Node::Element(el) = node.value() {
            if el.name() == "main" || el.attr("role") == Some("main") {
                return node;
            }
            if body.is_none() && el.name() == "body" {
                body = Some(node);
            }
        }
    }
    body.unwrap_or_else(|| doc.tree.root())
}

/// Elements dropped with all they hold, wherever they are.
const DROPPED: [&str; 24] = [
    "head", "script", "style", "noscript", "template", "nav", "aside", "form", "button", "input",
    "select", "textarea", "label", "dialog", "iframe", "object", "embed", "svg", "math", "canvas",
    "video", "audio", "img", "picture",
];

/// Roles of page furniture.
const FURNITURE_ROLES: [&str; 7] = [
    "navigation",
    "banner",
    "contentinfo",
    "search",
    "complementary",
    "dialog",
    "alertdialog",
];

/// Words in an `id` or `class` that name page furniture.
const FURNITURE_NAMES: [&str; 3] = ["cookie", "breadcrumb", "skip-link"];

/// Whether `node` (an element) is page furniture, dropped with all it holds.
/// `in_content`: inside an `<article>` or `<main>`.
fn dropped(node: NodeRef<'_, Node>, in_content: bool) -> bool {
    let Node::Element(el) = node.value() else {
        return false;
    };
    let name = el.name();
    if DROPPED.contains(&name) {
        return true;
    }
    if matches!(name, "header" | "footer") && !in_content {
        return true;
    }
    if el.attr("hidden").is_some() || el.attr("aria-hidden") == Some("true") {
        return true;
    }
    if el
        .attr("role")
        .is_some_and(|r| FURNITURE_ROLES.contains(&r.trim().to_ascii_lowercase().as_str()))
    {
        return true;
    }
    let named = |v: Option<&str>| {
        v.is_some_and(|v| {
            let v = v.to_ascii_lowercase();
            FURNITURE_NAMES.iter().any(|f| v.contains(f))
        })
    };
    if named(el.attr("id")) || named(el.attr("class")) {
        return true;
    }
    name == "a" && navigation_link(node)
}

/// A "Back to top" or "Skip to content" link, by its text.
fn navigation_link(node: NodeRef<'_, Node>) -> bool {
    let mut text = String::new();
    for d in node.descendants() {
        if let Node::Text(t) = d.value() {
            text.push_str(t);
            if text.len() > 100 {
                return false;
            }
        }
    }
    let text = text.trim().to_lowercase();
    ["back to top", "return to top", "top of page", "skip to "]
        .iter()
        .any(|p| text.starts_with(p))
}

#[derive(Clone, Copy)]
struct List {
    ordered: bool,
    next: u64,
}

/// The lines written so far and the line being written.
#[derive(Default)]
struct Writer {
    lines: Vec<String>,
    line: String,
    /// A space is owed before the next word on the line.
    space: bool,
    lists: Vec<List>,
    /// How many list items are open.
    items: usize,
    /// The level of the heading being written.
    heading: Option<usize>,
    /// How many `<article>` and `<main>` elements are open.
    content: usize,
    /// How many `<pre>` elements are open.
    pre: usize,
}

impl Writer {
    fn text(&mut self, t: &str) {
        for c in t.chars() {
            match c {
                '\u{ad}' | '\u{200b}' | '\u{feff}' => {}
                '\n' if self.pre > 0 => self.flush(),
                c if c.is_whitespace() => self.space = true,
                c if c.is_control() => {}
                c => {
                    if self.space && !self.line.is_empty() && !self.line.ends_with(' ') {
                        self.line.push(' ');
                    }
                    self.space = false;
                    self.line.push(c);
                }
            }
        }
    }

    /// Ends the line being written, if it holds anything.
    fn flush(&mut self) {
        let line = self.line.trim_end();
        if !line.trim_start().is_empty() && !is_bare_marker(line) {
            self.lines.push(line.to_owned());
        }
        self.line.clear();
        self.space = false;
    }

    /// Ends the line and leaves a blank one (in a list item, only ends it).
    fn paragraph(&mut self) {
        self.flush();
        if self.items == 0 && self.lines.last().is_some_and(|l| !l.is_empty()) {
            self.lines.push(String::new());
        }
    }

    fn open<'a>(&mut self, name: &str, attr: impl Fn(&str) -> Option<&'a str>) {
        match name {
            "main" | "article" => {
                self.content += 1;
                self.paragraph();
            }
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                let items = std::mem::take(&mut self.items);
                self.paragraph();
                self.items = items;
                self.heading = name[1..].parse().ok();
            }
            "ul" | "ol" | "menu" => {
                self.paragraph();
                let start = attr("start")
                    .and_then(|s| s.trim().parse::<u64>().ok())
                    .unwrap_or(1);
                self.lists.push(List {
                    ordered: name == "ol",
                    next: start,
                });
            }
            "li" => {
                self.flush();
                let depth = self.lists.len().clamp(1, MAX_INDENT);
                let indent = "  ".repeat(depth - 1);
                let value = attr("value").and_then(|s| s.trim().parse::<u64>().ok());
                let marker = match self.lists.last_mut() {
                    Some(list) if list.ordered => {
                        let n = value.unwrap_or(list.next);
                        list.next = n.saturating_add(1);
                        format!("{n}. ")
                    }
                    _ => "- ".to_owned(),
                };
                self.line = format!("{indent}{marker}");
                self.items += 1;
            }
            "br" => {
                if self.heading.is_some() {
                    self.space = true;
                } else {
                    self.flush();
                }
            }
            "td" | "th" => self.space = true,
            "pre" => {
                self.paragraph();
                self.pre += 1;
            }
            _ if is_block(name) => self.paragraph(),
            _ => {}
        }
    }

    fn close(&mut self, name: &str) {
        match name {
            "main" | "article" => {
                self.content = self.content.saturating_sub(1);
                self.paragraph();
            }
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                if let Some(level) = self.heading.take() {
                    let text = self.line.trim().to_owned();
                    self.line.clear();
                    self.space = false;
                    let items = std::mem::take(&mut self.items);
                    if !text.is_empty() {
                        if self.lines.last().is_some_and(|l| !l.is_empty()) {
                            self.lines.push(String::new());
                        }
                        self.lines.push(format!("{} {text}", "#".repeat(level)));
                    }
                    self.paragraph();
                    self.items = items;
                }
            }
            "ul" | "ol" | "menu" => {
                self.lists.pop();
                self.paragraph();
            }
            "li" => {
                self.flush();
                self.items = self.items.saturating_sub(1);
            }
            "pre" => {
                self.pre = self.pre.saturating_sub(1);
                self.paragraph();
            }
            _ if is_block(name) => self.paragraph(),
            _ => {}
        }
    }

    fn finish(mut self) -> String {
        self.flush();
        while self.lines.last().is_some_and(String::is_empty) {
            self.lines.pop();
        }
        let mut out = self.lines.join("\n");
        out.push('\n');
        out
    }
}

/// A list item's marker with nothing after it.
fn is_bare_marker(line: &str) -> bool {
    let t = line.trim();
    t == "-" || (t.ends_with('.') && t[..t.len() - 1].chars().all(|c| c.is_ascii_digit()))
}

/// Elements that start and end a paragraph.
fn is_block(name: &str) -> bool {
    matches!(
        name,
        "p" | "div"
            | "section"
            | "blockquote"
            | "table"
            | "thead"
            | "tbody"
            | "tfoot"
            | "tr"
            | "caption"
            | "figure"
            | "figcaption"
            | "dl"
            | "dt"
            | "dd"
            | "address"
            | "details"
            | "summary"
            | "hr"
            | "header"
            | "footer"
            | "body"
            | "center"
            | "fieldset"
            | "hgroup"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_lists_and_paragraphs() {
        let html = "<!DOCTYPE html><html><head><title>x</title><script>var a;</script></head>\
            <body><nav>Home</nav><main><h1>A &amp; B</h1><p>One&nbsp;two<br>three</p>\
            <h2>Recommendations</h2><ol start=\"4\"><li>Do this.<li>Do that:<ul><li>a</li></ul></ol>\
            <p><a href=\"#top\">Back to top</a></p></main><footer>f</footer></body></html>";
        assert_eq!(
            text_of(html),
            "# A & B\n\nOne two\nthree\n\n## Recommendations\n\n4. Do this.\n5. Do that:\n  - a\n"
        );
    }

    #[test]
    fn deep_nesting_and_junk_do_not_panic() {
        let deep = format!("{}x{}", "<div><ul><li>".repeat(5000), "</b>".repeat(10));
        assert!(text_of(&deep).contains('x'));
        assert_eq!(text_of(""), "\n");
        assert_eq!(
            text_of("<ol start=\"99999999999999999999999\"><li>a"),
            "1. a\n"
        );
    }

    #[test]
    fn a_page_that_takes_too_long_is_given_up() {
        let deep = "<div>".repeat(30_000);
        let e = read_within("deep.html", deep.as_bytes(), Duration::from_millis(50))
            .expect_err("given up");
        assert!(
            e.starts_with("deep.html: reading the page took more than"),
            "{e}"
        );
    }

    #[test]
    fn a_page_over_50_mb_is_refused() {
        let e = too_big("big.html", MAX_BYTES + 1).expect("refused");
        assert!(e.contains("more than the 50 MB"), "{e}");
        assert!(too_big("ok.html", MAX_BYTES).is_none());
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(256))]
        /// Tag soup of the elements the writer acts on ends in text, never a
        /// panic, and every line it writes is trimmed at its end.
        #[test]
        fn tag_soup_never_panics(page in "(<(/?)(p|li|ol|ul|h[1-7]|br|main|nav|a|div|table|td|pre|header|article)( start=\"-?[0-9]{0,22}\"| value=\"[0-9]{0,3}\"| hidden)?>|[a-z \n&;#0-9\u{a0}\u{ad}]{0,6}){0,120}") {
            let text = text_of(&page);
            proptest::prop_assert!(text.ends_with('\n'));
            for line in text.lines() {
                proptest::prop_assert_eq!(line, line.trim_end());
            }
        }
    }
}
