//! The Word response: the package's parts as Word needs them, the heading
//! styles, list numbers that are the report's own, the title and author, and
//! hostile text that stays text in well-formed XML.

use std::collections::BTreeMap;
use std::io::{Cursor, Read};

use scrutiny::export::doc::{Block, Doc, Run};
use scrutiny::export::docx::docx;

/// The package's parts by name, as text.
fn parts_of(doc: &Doc) -> BTreeMap<String, String> {
    let bytes = docx(doc).expect("the document is written");
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).expect("a zip package");
    let mut parts = BTreeMap::new();
    for i in 0..zip.len() {
        let mut file = zip.by_index(i).expect("a part");
        let mut text = String::new();
        file.read_to_string(&mut text).expect("UTF-8 text");
        let name = file.name().expect("a UTF-8 name").into_owned();
        parts.insert(name, text);
    }
    parts
}

fn part<'a>(parts: &'a BTreeMap<String, String>, name: &str) -> &'a str {
    parts
        .get(name)
        .unwrap_or_else(|| panic!("no {name} in {:?}", parts.keys()))
}

/// An element of a parsed part: its name, attributes and content.
#[derive(Debug, Default)]
struct Element {
    name: String,
    attrs: Vec<(String, String)>,
    children: Vec<Node>,
}

#[derive(Debug)]
enum Node {
    Element(Element),
    Text(String),
}

impl Element {
    fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    /// Every element below this one (depth first) with that name.
    fn all<'a>(&'a self, name: &str) -> Vec<&'a Element> {
        let mut found = Vec::new();
        let mut stack: Vec<&Element> = vec![self];
        while let Some(e) = stack.pop() {
            for child in e.children.iter().rev() {
                if let Node::Element(c) = child {
                    stack.push(c);
                }
            }
            if e.name == name && !std::ptr::eq(e, self) {
                found.push(e);
            }
        }
        found
    }

    fn first<'a>(&'a self, name: &str) -> Option<&'a Element> {
        self.all(name).into_iter().next()
    }

    /// The text of the `w:t` elements below, with `w:br` as `\n` and
    /// `w:tab` as `\t`: what a reader sees.
    fn words(&self) -> String {
        let mut out = String::new();
        for child in &self.children {
            match child {
                Node::Element(e) if e.name == "w:br" => out.push('\n'),
                Node::Element(e) if e.name == "w:tab" => out.push('\t'),
                Node::Element(e) if e.name == "w:t" => {
                    for c in &e.children {
                        if let Node::Text(t) = c {
                            out.push_str(t);
                        }
                    }
                }
                Node::Element(e) => out.push_str(&e.words()),
                Node::Text(_) => {}
            }
        }
        out
    }

    /// The plain text content (for the core properties' elements).
    fn text(&self) -> String {
        self.children
            .iter()
            .filter_map(|c| match c {
                Node::Text(t) => Some(t.as_str()),
                Node::Element(_) => None,
            })
            .collect()
    }
}

/// A small, strict XML parser for what the writer makes: a declaration,
/// one root, tags that nest and match, quoted attributes, the five named
/// entities and character references, and no character XML 1.0 forbids.
/// Anything else is an error, so malformed output fails the tests.
fn parse(xml: &str) -> Result<Element, String> {
    if let Some(c) = xml
        .chars()
        .find(|&c| c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
    {
        return Err(format!("forbidden character {c:?}"));
    }
    let rest = xml
        .strip_prefix(r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#)
        .ok_or("no XML declaration")?;
    let mut stack: Vec<Element> = vec![Element::default()];
    let mut rest = rest;
    while !rest.is_empty() {
        if let Some(tag) = rest.strip_prefix('<') {
            let end = tag.find('>').ok_or("unclosed tag")?;
            let inner = &tag[..end];
            rest = &tag[end + 1..];
            if let Some(name) = inner.strip_prefix('/') {
                let open = stack.pop().ok_or("close without open")?;
                if open.name != name {
                    return Err(format!("</{name}> closes <{}>", open.name));
                }
                stack
                    .last_mut()
                    .ok_or("close of the root's parent")?
                    .children
                    .push(Node::Element(open));
                continue;
            }
            let (inner, empty) = match inner.strip_suffix('/') {
                Some(i) => (i, true),
                None => (inner, false),
            };
            let element = start_tag(inner)?;
            if empty {
                stack
                    .last_mut()
                    .ok_or("no parent")?
                    .children
                    .push(Node::Element(element));
            } else {
                stack.push(element);
            }
        } else {
            let end = rest.find('<').unwrap_or(rest.len());
            let text = unescape(&rest[..end])?;
            rest = &rest[end..];
            if stack.len() == 1 {
                if !text.trim().is_empty() {
                    return Err(format!("text outside the root: {text:?}"));
                }
            } else if let Some(top) = stack.last_mut() {
                top.children.push(Node::Text(text));
            }
        }
    }
    let mut document = stack.pop().ok_or("empty")?;
    if !stack.is_empty() {
        return Err(format!("<{}> is not closed", document.name));
    }
    let mut roots = document.children.drain(..).filter_map(|n| match n {
        Node::Element(e) => Some(e),
        Node::Text(_) => None,
    });
    let root = roots.next().ok_or("no root element")?;
    if roots.next().is_some() {
        return Err("more than one root".into());
    }
    Ok(root)
}

fn start_tag(inner: &str) -> Result<Element, String> {
    let name_end = inner.find(char::is_whitespace).unwrap_or(inner.len());
    let name = &inner[..name_end];
    check_name(name)?;
    let mut element = Element {
        name: name.to_owned(),
        ..Element::default()
    };
    let mut rest = inner[name_end..].trim_start();
    while !rest.is_empty() {
        let eq = rest
            .find('=')
            .ok_or_else(|| format!("attribute without value in <{inner}>"))?;
        let attr = &rest[..eq];
        check_name(attr)?;
        let value = rest[eq + 1..]
            .strip_prefix('"')
            .ok_or_else(|| format!("unquoted attribute in <{inner}>"))?;
        let close = value.find('"').ok_or("unclosed attribute")?;
        if element.attr(attr).is_some() {
            return Err(format!("attribute {attr} twice"));
        }
        element
            .attrs
            .push((attr.to_owned(), unescape(&value[..close])?));
        let after = &value[close + 1..];
        if !after.is_empty() && !after.starts_with(char::is_whitespace) {
            return Err(format!("no space between attributes in <{inner}>"));
        }
        rest = after.trim_start();
    }
    Ok(element)
}

fn check_name(name: &str) -> Result<(), String> {
    let mut chars = name.chars();
    let ok = chars.next().is_some_and(|c| c.is_alphabetic() || c == '_')
        && chars.all(|c| c.is_alphanumeric() || matches!(c, '_' | ':' | '-' | '.'));
    if ok {
        Ok(())
    } else {
        Err(format!("bad name {name:?}"))
    }
}

fn unescape(text: &str) -> Result<String, String> {
    if text.contains('>') && text.contains("]]>") {
        return Err(format!("]]> in text: {text:?}"));
    }
    let mut out = String::new();
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        let after = &rest[at + 1..];
        let semi = after
            .find(';')
            .ok_or_else(|| format!("bare & in {text:?}"))?;
        let entity = &after[..semi];
        let c = match entity {
            "amp" => '&',
            "lt" => '<',
            "gt" => '>',
            "quot" => '"',
            "apos" => '\'',
            _ => {
                let code = if let Some(hex) = entity.strip_prefix("#x") {
                    u32::from_str_radix(hex, 16)
                } else if let Some(dec) = entity.strip_prefix('#') {
                    dec.parse()
                } else {
                    return Err(format!("unknown entity &{entity};"));
                };
                let c = code
                    .ok()
                    .and_then(char::from_u32)
                    .ok_or_else(|| format!("bad reference &{entity};"))?;
                if c.is_control() && !matches!(c, '\t' | '\n' | '\r') {
                    return Err(format!("reference to a forbidden character &{entity};"));
                }
                c
            }
        };
        out.push(c);
        rest = &after[semi + 1..];
    }
    out.push_str(rest);
    Ok(out)
}

fn xml(parts: &BTreeMap<String, String>, name: &str) -> Element {
    parse(part(parts, name)).unwrap_or_else(|e| panic!("{name} is not well-formed: {e}"))
}

/// The body's paragraphs.
fn paragraphs(document: &Element) -> Vec<&Element> {
    document.first("w:body").expect("a body").all("w:p")
}

/// The paragraph whose text contains `words`.
fn paragraph<'a>(document: &'a Element, words: &str) -> &'a Element {
    paragraphs(document)
        .into_iter()
        .find(|p| p.words().contains(words))
        .unwrap_or_else(|| panic!("no paragraph with {words:?}"))
}

fn style_of(p: &Element) -> Option<&str> {
    p.first("w:pStyle").and_then(|s| s.attr("w:val"))
}

fn sample() -> Doc {
    Doc {
        title: "Response to the inspection of Prevent".into(),
        author: Some("Office of the Police and Crime Commissioner".into()),
        blocks: vec![
            Block::Heading {
                level: 1,
                text: "Response to the inspection".into(),
            },
            Block::Para(vec![
                Run::plain("The Commissioner welcomes the "),
                Run::link("report", "https://example.org/report?a=1&b=2"),
                Run::plain("."),
            ]),
            Block::Heading {
                level: 2,
                text: "Recommendations".into(),
            },
            Block::Numbered {
                number: 3,
                head: vec![Run::plain("Third recommendation")],
                body: vec![Block::Para(vec![Run::plain("Under the third")])],
            },
            Block::Numbered {
                number: 7,
                head: vec![Run::plain("Seventh recommendation")],
                body: vec![],
            },
            Block::Heading {
                level: 3,
                text: "Areas for improvement".into(),
            },
            Block::Bullet(vec![Run::plain("A bullet")]),
            Block::Quote(vec![Run::plain("Quoted words")]),
            Block::Gap("To do: the chief constable's reply".into()),
            Block::Signature(vec!["Jane Smith".into(), "Commissioner".into()]),
        ],
    }
}

#[test]
fn the_package_has_the_parts_word_needs_and_each_is_well_formed() {
    let parts = parts_of(&sample());
    for name in [
        "[Content_Types].xml",
        "_rels/.rels",
        "word/document.xml",
        "word/_rels/document.xml.rels",
        "word/styles.xml",
        "word/numbering.xml",
        "docProps/core.xml",
    ] {
        xml(&parts, name);
    }
    for name in parts.keys() {
        xml(&parts, name);
    }
    let types = xml(&parts, "[Content_Types].xml");
    let overrides: Vec<&str> = types
        .all("Override")
        .iter()
        .filter_map(|o| o.attr("PartName"))
        .collect();
    for name in parts
        .keys()
        .filter(|n| !n.to_ascii_lowercase().ends_with(".rels"))
    {
        if name != "[Content_Types].xml" {
            assert!(
                overrides.contains(&format!("/{name}").as_str()),
                "{name} has no content type"
            );
        }
    }
}

#[test]
fn headings_use_the_heading_styles_that_styles_xml_defines_with_outline_levels() {
    let parts = parts_of(&sample());
    let document = xml(&parts, "word/document.xml");
    let styles = xml(&parts, "word/styles.xml");
    for (words, style, outline) in [
        ("Response to the inspection", "Heading1", "0"),
        ("Recommendations", "Heading2", "1"),
        ("Areas for improvement", "Heading3", "2"),
    ] {
        assert_eq!(
            style_of(paragraph(&document, words)),
            Some(style),
            "{words}"
        );
        let defined = styles
            .all("w:style")
            .into_iter()
            .find(|s| s.attr("w:styleId") == Some(style))
            .unwrap_or_else(|| panic!("{style} is not defined"));
        let name = defined.first("w:name").and_then(|n| n.attr("w:val"));
        assert_eq!(
            name.map(str::to_lowercase),
            Some(format!("heading {}", &style[7..]))
        );
        let level = defined.first("w:outlineLvl").and_then(|l| l.attr("w:val"));
        assert_eq!(level, Some(outline), "{style}");
    }
    assert_eq!(style_of(paragraph(&document, "The Commissioner")), None);
}

/// The `w:numId` of a list paragraph.
fn num_id(p: &Element) -> String {
    p.first("w:numPr")
        .and_then(|n| n.first("w:numId"))
        .and_then(|n| n.attr("w:val"))
        .unwrap_or_else(|| panic!("not a list paragraph: {}", p.words()))
        .to_owned()
}

/// The number format and the first number a `w:num` shows.
fn shown(numbering: &Element, id: &str) -> (String, String) {
    let num = numbering
        .all("w:num")
        .into_iter()
        .find(|n| n.attr("w:numId") == Some(id))
        .unwrap_or_else(|| panic!("no w:num {id}"));
    let abstract_id = num
        .first("w:abstractNumId")
        .and_then(|a| a.attr("w:val"))
        .expect("an abstract list");
    let list = numbering
        .all("w:abstractNum")
        .into_iter()
        .find(|a| a.attr("w:abstractNumId") == Some(abstract_id))
        .expect("the abstract list exists");
    let level = list
        .all("w:lvl")
        .into_iter()
        .find(|l| l.attr("w:ilvl") == Some("0"))
        .expect("level 0");
    let format = level
        .first("w:numFmt")
        .and_then(|f| f.attr("w:val"))
        .expect("a format")
        .to_owned();
    let start = num
        .first("w:startOverride")
        .or_else(|| level.first("w:start"))
        .and_then(|s| s.attr("w:val"))
        .expect("a start")
        .to_owned();
    (format, start)
}

#[test]
fn numbered_entries_are_list_paragraphs_that_show_the_reports_own_numbers() {
    let parts = parts_of(&sample());
    let document = xml(&parts, "word/document.xml");
    let numbering = xml(&parts, "word/numbering.xml");
    let third = num_id(paragraph(&document, "Third recommendation"));
    let seventh = num_id(paragraph(&document, "Seventh recommendation"));
    assert_ne!(third, seventh, "each entry starts its own numbers");
    assert_eq!(shown(&numbering, &third), ("decimal".into(), "3".into()));
    assert_eq!(shown(&numbering, &seventh), ("decimal".into(), "7".into()));

    // The body is indented under its entry and is not a list item.
    let under = paragraph(&document, "Under the third");
    assert!(under.first("w:numPr").is_none());
    let left = under.first("w:ind").and_then(|i| i.attr("w:left"));
    assert!(
        left.is_some_and(|l| l.parse::<u32>().is_ok_and(|l| l > 0)),
        "{left:?}"
    );

    // A bullet is a list paragraph of a bulleted list.
    let bullet = num_id(paragraph(&document, "A bullet"));
    assert_eq!(shown(&numbering, &bullet).0, "bullet");
}

#[test]
fn core_properties_carry_the_title_and_the_author() {
    let parts = parts_of(&sample());
    let core = xml(&parts, "docProps/core.xml");
    let title = core.first("dc:title").map(Element::text);
    assert_eq!(
        title.as_deref(),
        Some("Response to the inspection of Prevent")
    );
    let creator = core.first("dc:creator").map(Element::text);
    assert_eq!(
        creator.as_deref(),
        Some("Office of the Police and Crime Commissioner")
    );
    let rels = xml(&parts, "_rels/.rels");
    assert!(
        rels.all("Relationship")
            .iter()
            .any(|r| r.attr("Target") == Some("docProps/core.xml")
                && r.attr("Type")
                    .is_some_and(|t| t.ends_with("/core-properties"))),
        "core.xml is not related to the package"
    );

    let anonymous = Doc {
        author: None,
        ..sample()
    };
    let core = xml(&parts_of(&anonymous), "docProps/core.xml");
    assert!(core.first("dc:creator").is_none());
}

#[test]
fn a_link_is_an_external_hyperlink() {
    let parts = parts_of(&sample());
    let document = xml(&parts, "word/document.xml");
    let rels = xml(&parts, "word/_rels/document.xml.rels");
    let link = document.first("w:hyperlink").expect("a hyperlink");
    assert_eq!(link.words(), "report");
    let id = link.attr("r:id").expect("a relationship id");
    let rel = rels
        .all("Relationship")
        .into_iter()
        .find(|r| r.attr("Id") == Some(id))
        .expect("the relationship exists");
    assert_eq!(
        rel.attr("Target"),
        Some("https://example.org/report?a=1&b=2")
    );
    assert_eq!(rel.attr("TargetMode"), Some("External"));
    assert!(rel.attr("Type").is_some_and(|t| t.ends_with("/hyperlink")));
}

#[test]
fn hostile_text_stays_text_and_the_xml_stays_well_formed() {
    let hostile = "a <w:p> & ]]> \u{1b}[31m\u{0}\u{7}\u{FFFF} b\r\nc\td";
    let doc = Doc {
        title: hostile.into(),
        author: Some(hostile.into()),
        blocks: vec![
            Block::Heading {
                level: 2,
                text: hostile.into(),
            },
            Block::Para(vec![
                Run::plain(hostile),
                Run::link(" click", "javascript:alert(1)"),
                Run::link(" file", "file:///etc/passwd"),
                Run::link(" data", "data:text/html,<b>"),
            ]),
            Block::Numbered {
                number: 1,
                head: vec![Run::bold(hostile)],
                body: vec![Block::Quote(vec![Run::italic(hostile)])],
            },
            Block::Gap(hostile.into()),
            Block::Signature(vec![hostile.into()]),
        ],
    };
    let parts = parts_of(&doc);
    for name in parts.keys() {
        xml(&parts, name);
    }
    // In the text, controls show as their pictures, as in every export;
    // the properties, which Word shows as plain fields, drop them.
    let seen = "a <w:p> & ]]> \u{241b}[31m\u{2400}\u{2407}\u{fffd} b\nc\td";
    let document = xml(&parts, "word/document.xml");
    let body = paragraphs(&document);
    // One paragraph per block: no text opened a paragraph of its own.
    assert_eq!(
        body.len(),
        6,
        "{:?}",
        body.iter().map(|p| p.words()).collect::<Vec<_>>()
    );
    assert_eq!(body[0].words(), seen);
    assert_eq!(body[1].words(), format!("{seen} click file data"));
    for p in &body[2..] {
        assert_eq!(p.words(), seen);
    }
    // The bad addresses are not links, nor written anywhere.
    assert!(document.first("w:hyperlink").is_none());
    for (name, text) in &parts {
        for bad in ["javascript", "file:", "data:"] {
            assert!(!text.contains(bad), "{bad} in {name}");
        }
    }
    let core = xml(&parts, "docProps/core.xml");
    assert_eq!(
        core.first("dc:title").map(Element::text).as_deref(),
        Some("a <w:p> & ]]> [31m b\nc\td")
    );
}

#[test]
fn a_gap_is_shown_and_cannot_be_missed() {
    let parts = parts_of(&sample());
    let document = xml(&parts, "word/document.xml");
    let gap = paragraph(&document, "To do: the chief constable's reply");
    let run = gap.first("w:r").expect("a run");
    let props = run.first("w:rPr").expect("the run has a look");
    assert!(props.first("w:b").is_some(), "not bold");
    assert!(
        props.first("w:highlight").is_some() || props.first("w:color").is_some(),
        "neither highlighted nor coloured"
    );
    assert!(props.first("w:vanish").is_none());
}

#[test]
fn quotes_are_set_apart_and_the_signature_comes_last_with_space_above() {
    let parts = parts_of(&sample());
    let document = xml(&parts, "word/document.xml");
    assert_eq!(
        style_of(paragraph(&document, "Quoted words")),
        Some("Quote")
    );
    let body = paragraphs(&document);
    let n = body.len();
    assert_eq!(body[n - 2].words(), "Jane Smith");
    assert_eq!(body[n - 1].words(), "Commissioner");
    let before = body[n - 2]
        .first("w:spacing")
        .and_then(|s| s.attr("w:before"))
        .and_then(|b| b.parse::<u32>().ok());
    assert!(before.is_some_and(|b| b > 0), "{before:?}");
}

#[test]
fn the_checker_refuses_malformed_xml() {
    let decl = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#;
    for bad in [
        "<a><b></a></b>",
        "<a>&</a>",
        "<a>x]]>y</a>",
        "<a b=c/>",
        "<a>\u{1b}</a>",
        "<a/><b/>",
        "<a>",
        "<a>&#0;</a>",
    ] {
        assert!(parse(&format!("{decl}{bad}")).is_err(), "{bad}");
    }
    assert!(parse(&format!(r#"{decl}<a b="&amp;"><c/>x &lt; y</a>"#)).is_ok());
}
