//! The published response as a Word document (.docx): the blocks of
//! `export::doc` written as the XML parts of Word's format in a zip
//! package. The parts are written here, not by a document crate, so that
//! every piece of text goes through one escaping function and the report's
//! own numbers, the title and the author come out as Word expects them (see
//! Cargo.toml for the comparison).
//!
//! Headings use Word's built-in heading styles (with outline levels, so
//! they show in the navigation pane), bullets and numbered entries are real
//! list paragraphs from numbering.xml, and links are external hyperlink
//! relationships. Text from files is never trusted: characters XML 1.0
//! forbids are dropped, the rest is escaped, and only web and mail addresses
//! become links.

use std::fmt::Write as _;
use std::io::{Cursor, Write as _};

use zip::CompressionMethod;
use zip::write::{SimpleFileOptions, ZipWriter};

use crate::export::doc::{Block, Doc, Run};

/// The list in numbering.xml that bullets use.
const BULLETS: u32 = 1;
/// The first `w:num` of the numbered entries: each entry has its own, which
/// starts at the entry's number.
const FIRST_ENTRY: u32 = 2;
/// How far each level of a list is indented, in twentieths of a point.
const INDENT: u32 = 720;
/// The relationship ids of styles.xml and numbering.xml; hyperlinks follow.
const STYLES_RID: &str = "rId1";
const NUMBERING_RID: &str = "rId2";

const W_NS: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const R_NS: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const REL_NS: &str = "http://schemas.openxmlformats.org/package/2006/relationships";
const OFFICE_REL: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const XML_DECL: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#;

/// The document as the bytes of a .docx file.
pub fn docx(doc: &Doc) -> Result<Vec<u8>, String> {
    let mut body = Body::default();
    body.blocks(&doc.blocks, 0);
    let parts = [
        ("[Content_Types].xml", content_types()),
        ("_rels/.rels", package_rels()),
        ("docProps/core.xml", core(doc)),
        ("docProps/app.xml", app()),
        ("word/document.xml", document(&body.xml)),
        ("word/_rels/document.xml.rels", document_rels(&body.links)),
        ("word/styles.xml", styles()),
        ("word/numbering.xml", numbering(&body.numbers)),
    ];
    pack(&parts).map_err(|e| format!("cannot write the Word document: {e}"))
}

/// The parts zipped, in order (`[Content_Types].xml` first, as Word writes it).
fn pack(parts: &[(&str, String)]) -> zip::result::ZipResult<Vec<u8>> {
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
    for (name, xml) in parts {
        zip.start_file(*name, options)?;
        zip.write_all(xml.as_bytes())?;
    }
    Ok(zip.finish()?.into_inner())
}

/// word/document.xml's body as it is written, with what the other parts
/// need to know of it.
#[derive(Default)]
struct Body {
    xml: String,
    /// The hyperlinks' addresses, in order: link `i` is relationship
    /// `rId{i + 3}`.
    links: Vec<String>,
    /// The numbers of the numbered entries, in order: entry `i` is
    /// `w:num` `FIRST_ENTRY + i`.
    numbers: Vec<u32>,
}

impl Body {
    /// Blocks at `depth` (0 at the margin; a numbered entry's body is one
    /// deeper).
    fn blocks(&mut self, blocks: &[Block], depth: u32) {
        for block in blocks {
            self.block(block, depth);
        }
    }

    fn block(&mut self, block: &Block, depth: u32) {
        let indent = depth * INDENT;
        match block {
            Block::Heading { level, text } => {
                let style = match level {
                    0 | 1 => "Heading1",
                    2 => "Heading2",
                    _ => "Heading3",
                };
                let props = format!(r#"<w:pStyle w:val="{style}"/>"#);
                self.paragraph(&props, &[Run::plain(text.clone())]);
            }
            Block::Para(runs) => {
                self.paragraph(&left_indent(indent), runs);
            }
            Block::Quote(runs) => {
                let props = format!(
                    r#"<w:pStyle w:val="Quote"/>{}"#,
                    left_indent(indent + INDENT)
                );
                self.paragraph(&props, runs);
            }
            Block::Bullet(runs) => {
                let props = format!(
                    r#"<w:pStyle w:val="ListParagraph"/><w:numPr><w:ilvl w:val="{}"/><w:numId w:val="{BULLETS}"/></w:numPr>"#,
                    depth.min(8)
                );
                self.paragraph(&props, runs);
            }
            Block::Numbered { number, head, body } => {
                let id = FIRST_ENTRY + u32::try_from(self.numbers.len()).unwrap_or(u32::MAX - 2);
                self.numbers.push(*number);
                let mut props = format!(
                    r#"<w:pStyle w:val="ListParagraph"/><w:numPr><w:ilvl w:val="0"/><w:numId w:val="{id}"/></w:numPr>"#
                );
                if depth > 0 {
                    // Deeper than the list's own indent: the number hangs
                    // in front of the text as it does at the margin.
                    let _ = write!(
                        props,
                        r#"<w:ind w:left="{}" w:hanging="{INDENT}"/>"#,
                        indent + INDENT
                    );
                }
                self.paragraph(&props, head);
                self.blocks(body, depth + 1);
            }
            Block::Gap(text) => {
                let run = format!(
                    r#"<w:r><w:rPr><w:b/><w:color w:val="C00000"/><w:highlight w:val="yellow"/></w:rPr>{}</w:r>"#,
                    run_text(text)
                );
                let _ = write!(
                    self.xml,
                    "<w:p><w:pPr>{}</w:pPr>{run}</w:p>",
                    left_indent(indent)
                );
            }
            Block::Signature(lines) => {
                for (i, line) in lines.iter().enumerate() {
                    // A little space above the first line, and the lines
                    // kept together on one page.
                    let mut props = String::new();
                    if i + 1 < lines.len() {
                        props.push_str("<w:keepNext/>");
                    }
                    let before = if i == 0 { 480 } else { 0 };
                    let _ = write!(
                        props,
                        r#"<w:spacing w:before="{before}" w:after="0"/>{}"#,
                        left_indent(indent)
                    );
                    self.paragraph(&props, &[Run::plain(line.clone())]);
                }
            }
        }
    }

    /// One paragraph with the given properties (already XML) and runs.
    fn paragraph(&mut self, props: &str, runs: &[Run]) {
        self.xml.push_str("<w:p>");
        if !props.is_empty() {
            let _ = write!(self.xml, "<w:pPr>{props}</w:pPr>");
        }
        for run in runs {
            self.run(run);
        }
        self.xml.push_str("</w:p>");
    }

    fn run(&mut self, run: &Run) {
        let mut props = String::new();
        if run.bold {
            props.push_str("<w:b/>");
        }
        if run.italic {
            props.push_str("<w:i/>");
        }
        let link = run.link.as_deref().filter(|url| is_safe_link(url));
        if link.is_some() {
            props.insert_str(0, r#"<w:rStyle w:val="Hyperlink"/>"#);
        }
        let mut xml = String::from("<w:r>");
        if !props.is_empty() {
            let _ = write!(xml, "<w:rPr>{props}</w:rPr>");
        }
        xml.push_str(&run_text(&run.text));
        xml.push_str("</w:r>");
        match link {
            Some(url) => {
                self.links.push(url.trim().to_owned());
                let rid = self.links.len() + 2;
                let _ = write!(
                    self.xml,
                    r#"<w:hyperlink r:id="rId{rid}" w:history="1">{xml}</w:hyperlink>"#
                );
            }
            None => self.xml.push_str(&xml),
        }
    }
}

/// A left indent, or nothing at the margin.
fn left_indent(twips: u32) -> String {
    if twips == 0 {
        String::new()
    } else {
        format!(r#"<w:ind w:left="{twips}"/>"#)
    }
}

/// A run's text as `w:t`, `w:br` (for `\n`) and `w:tab` elements.
fn run_text(text: &str) -> String {
    let mut xml = String::new();
    for (i, line) in clean(&marked(text)).split('\n').enumerate() {
        if i > 0 {
            xml.push_str("<w:br/>");
        }
        for (j, piece) in line.split('\t').enumerate() {
            if j > 0 {
                xml.push_str("<w:tab/>");
            }
            if !piece.is_empty() {
                let _ = write!(xml, r#"<w:t xml:space="preserve">{}</w:t>"#, escape(piece));
            }
        }
    }
    xml
}

/// Text from files made inert as every export makes it: a control
/// character shown as its picture (`␛`), a hidden one (a bidi override, a
/// zero-width space) as `⟨U+202E⟩`, so that nothing in the letter is
/// obeyed, reordered or hidden from its reader; tabs and line breaks stay.
fn marked(text: &str) -> String {
    crate::text::inert_keeping_whitespace(text).into_owned()
}

/// Whether `url` may be a link: web and mail addresses only, never
/// `javascript:`, `file:`, `data:` or any other scheme.
fn is_safe_link(url: &str) -> bool {
    let url = url.trim();
    let lower = url.to_ascii_lowercase();
    let scheme_ok = crate::text::is_web_address(url)
        || (lower.starts_with("mailto:") && lower.len() > "mailto:".len());
    scheme_ok && !url.chars().any(|c| c.is_whitespace() || c.is_control())
}

/// The text without the characters XML 1.0 does not allow (C0 controls
/// other than tab and line feed, U+FFFE and U+FFFF), nor carriage returns
/// (a `\r\n` is a line break like `\n`) and C1 controls, which no one means
/// to publish.
fn clean(text: &str) -> String {
    text.chars()
        .filter(|&c| {
            matches!(c, '\t' | '\n') || !(c.is_control() || c == '\u{FFFE}' || c == '\u{FFFF}')
        })
        .collect()
}

/// Text or an attribute value made safe for XML: cleaned, then the five
/// special characters as entities.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in clean(text).chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\n' => out.push_str("&#10;"),
            '\t' => out.push_str("&#9;"),
            c => out.push(c),
        }
    }
    out
}

fn content_types() -> String {
    format!(
        concat!(
            "{decl}",
            r#"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">"#,
            r#"<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>"#,
            r#"<Default Extension="xml" ContentType="application/xml"/>"#,
            r#"<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>"#,
            r#"<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>"#,
            r#"<Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/>"#,
            r#"<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>"#,
            r#"<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>"#,
            "</Types>"
        ),
        decl = XML_DECL
    )
}

fn package_rels() -> String {
    format!(
        concat!(
            "{decl}",
            r#"<Relationships xmlns="{rel}">"#,
            r#"<Relationship Id="rId1" Type="{office}/officeDocument" Target="word/document.xml"/>"#,
            r#"<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>"#,
            r#"<Relationship Id="rId3" Type="{office}/extended-properties" Target="docProps/app.xml"/>"#,
            "</Relationships>"
        ),
        decl = XML_DECL,
        rel = REL_NS,
        office = OFFICE_REL
    )
}

/// The core properties: the title, and the author when there is one.
fn core(doc: &Doc) -> String {
    let mut xml = format!(
        concat!(
            "{decl}",
            r#"<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" "#,
            r#"xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" "#,
            r#"xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">"#,
            "<dc:title>{title}</dc:title>"
        ),
        decl = XML_DECL,
        title = escape(&doc.title)
    );
    if let Some(author) = doc.author.as_deref().filter(|a| !a.trim().is_empty()) {
        let author = escape(author);
        let _ = write!(
            xml,
            "<dc:creator>{author}</dc:creator><cp:lastModifiedBy>{author}</cp:lastModifiedBy>"
        );
    }
    xml.push_str("</cp:coreProperties>");
    xml
}

fn app() -> String {
    format!(
        concat!(
            "{decl}",
            r#"<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">"#,
            "<Application>scrutiny</Application></Properties>"
        ),
        decl = XML_DECL
    )
}

fn document(body: &str) -> String {
    format!(
        concat!(
            "{decl}",
            r#"<w:document xmlns:w="{w}" xmlns:r="{r}"><w:body>{body}"#,
            // A4 with inch margins.
            r#"<w:sectPr><w:pgSz w:w="11906" w:h="16838"/>"#,
            r#"<w:pgMar w:top="1440" w:right="1440" w:bottom="1440" w:left="1440" w:header="708" w:footer="708" w:gutter="0"/>"#,
            "</w:sectPr></w:body></w:document>"
        ),
        decl = XML_DECL,
        w = W_NS,
        r = R_NS,
        body = body
    )
}

/// The styles and numbering, then one external relationship per link.
fn document_rels(links: &[String]) -> String {
    let mut xml = format!(
        concat!(
            "{decl}",
            r#"<Relationships xmlns="{rel}">"#,
            r#"<Relationship Id="{styles}" Type="{office}/styles" Target="styles.xml"/>"#,
            r#"<Relationship Id="{numbering}" Type="{office}/numbering" Target="numbering.xml"/>"#,
        ),
        decl = XML_DECL,
        rel = REL_NS,
        office = OFFICE_REL,
        styles = STYLES_RID,
        numbering = NUMBERING_RID
    );
    for (i, url) in links.iter().enumerate() {
        let _ = write!(
            xml,
            r#"<Relationship Id="rId{}" Type="{OFFICE_REL}/hyperlink" Target="{}" TargetMode="External"/>"#,
            i + 3,
            escape(url)
        );
    }
    xml.push_str("</Relationships>");
    xml
}

/// Normal, the three headings (named as Word's built-in ones, with outline
/// levels), Quote, List Paragraph and Hyperlink.
fn styles() -> String {
    let mut xml = format!(
        concat!(
            "{decl}",
            r#"<w:styles xmlns:w="{w}">"#,
            r#"<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Calibri" w:hAnsi="Calibri" w:eastAsia="Calibri" w:cs="Calibri"/>"#,
            r#"<w:sz w:val="22"/><w:szCs w:val="22"/><w:lang w:val="en-GB"/></w:rPr></w:rPrDefault>"#,
            r#"<w:pPrDefault><w:pPr><w:spacing w:after="160" w:line="264" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>"#,
            r#"<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>"#,
        ),
        decl = XML_DECL,
        w = W_NS
    );
    for (level, size, before) in [(1u8, 32, 360), (2, 26, 240), (3, 24, 200)] {
        let _ = write!(
            xml,
            concat!(
                r#"<w:style w:type="paragraph" w:styleId="Heading{level}"><w:name w:val="heading {level}"/>"#,
                r#"<w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:uiPriority w:val="9"/><w:qFormat/>"#,
                r#"<w:pPr><w:keepNext/><w:keepLines/><w:spacing w:before="{before}" w:after="120"/><w:outlineLvl w:val="{outline}"/></w:pPr>"#,
                r#"<w:rPr><w:b/><w:bCs/><w:color w:val="1F3864"/><w:sz w:val="{size}"/><w:szCs w:val="{size}"/></w:rPr></w:style>"#,
            ),
            level = level,
            outline = level - 1,
            size = size,
            before = before
        );
    }
    xml.push_str(concat!(
        r#"<w:style w:type="paragraph" w:styleId="Quote"><w:name w:val="Quote"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:uiPriority w:val="29"/><w:qFormat/>"#,
        r#"<w:pPr><w:ind w:left="720" w:right="720"/></w:pPr><w:rPr><w:i/><w:iCs/><w:color w:val="404040"/></w:rPr></w:style>"#,
        r#"<w:style w:type="paragraph" w:styleId="ListParagraph"><w:name w:val="List Paragraph"/><w:basedOn w:val="Normal"/><w:uiPriority w:val="34"/><w:qFormat/>"#,
        r#"<w:pPr><w:ind w:left="720"/><w:contextualSpacing/></w:pPr></w:style>"#,
        r#"<w:style w:type="character" w:styleId="Hyperlink"><w:name w:val="Hyperlink"/><w:uiPriority w:val="99"/><w:unhideWhenUsed/>"#,
        r#"<w:rPr><w:color w:val="0563C1"/><w:u w:val="single"/></w:rPr></w:style>"#,
        "</w:styles>"
    ));
    xml
}

/// Two lists: bullets (nine levels, for bullets under numbered entries),
/// and decimal numbers; then one `w:num` per numbered entry that starts the
/// numbers at the entry's own, so each shows exactly its `number`.
fn numbering(numbers: &[u32]) -> String {
    let mut xml = format!(
        concat!("{decl}", r#"<w:numbering xmlns:w="{w}">"#),
        decl = XML_DECL,
        w = W_NS
    );
    xml.push_str(
        r#"<w:abstractNum w:abstractNumId="0"><w:multiLevelType w:val="hybridMultilevel"/>"#,
    );
    for level in 0..9u32 {
        let mark = ["\u{2022}", "\u{25E6}", "\u{25AA}"][level as usize % 3];
        let left = (level + 1) * INDENT;
        let _ = write!(
            xml,
            concat!(
                r#"<w:lvl w:ilvl="{level}"><w:start w:val="1"/><w:numFmt w:val="bullet"/>"#,
                r#"<w:lvlText w:val="{mark}"/><w:lvlJc w:val="left"/>"#,
                r#"<w:pPr><w:ind w:left="{left}" w:hanging="360"/></w:pPr></w:lvl>"#
            ),
            level = level,
            mark = mark,
            left = left
        );
    }
    xml.push_str(concat!(
        r#"</w:abstractNum><w:abstractNum w:abstractNumId="1"><w:multiLevelType w:val="singleLevel"/>"#,
        r#"<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/><w:lvlJc w:val="left"/>"#,
        r#"<w:pPr><w:ind w:left="720" w:hanging="720"/></w:pPr></w:lvl></w:abstractNum>"#,
    ));
    let _ = write!(
        xml,
        r#"<w:num w:numId="{BULLETS}"><w:abstractNumId w:val="0"/></w:num>"#
    );
    for (i, number) in (FIRST_ENTRY..).zip(numbers) {
        let _ = write!(
            xml,
            concat!(
                r#"<w:num w:numId="{id}"><w:abstractNumId w:val="1"/>"#,
                r#"<w:lvlOverride w:ilvl="0"><w:startOverride w:val="{number}"/></w:lvlOverride></w:num>"#
            ),
            id = i,
            number = number
        );
    }
    xml.push_str("</w:numbering>");
    xml
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hidden_characters_in_text_are_marked() {
        assert_eq!(
            run_text("ok\u{202e}ko\u{200b}"),
            r#"<w:t xml:space="preserve">ok⟨U+202E⟩ko⟨U+200B⟩</w:t>"#
        );
    }

    #[test]
    fn escape_drops_what_xml_forbids_and_escapes_the_rest() {
        assert_eq!(
            escape("a\u{0}\u{7}\u{1b}[31m<w:p>&\"'\u{FFFE}\r"),
            "a[31m&lt;w:p&gt;&amp;&quot;&apos;"
        );
    }

    #[test]
    fn only_web_and_mail_addresses_are_links() {
        assert!(is_safe_link("https://example.org/a?b=1&c=2"));
        assert!(is_safe_link("HTTP://example.org"));
        assert!(is_safe_link("mailto:pcc@example.org"));
        for url in [
            "javascript:alert(1)",
            "file:///etc/passwd",
            "data:text/html,x",
            "https://",
            " jAvAsCrIpT:alert(1)",
            "https://exa mple.org",
            "example.org",
        ] {
            assert!(!is_safe_link(url), "{url}");
        }
    }

    #[test]
    fn breaks_and_tabs_are_elements_not_text() {
        assert_eq!(
            run_text("a\tb\nc"),
            concat!(
                r#"<w:t xml:space="preserve">a</w:t><w:tab/><w:t xml:space="preserve">b</w:t>"#,
                r#"<w:br/><w:t xml:space="preserve">c</w:t>"#
            )
        );
    }
}
