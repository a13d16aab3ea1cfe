//! A document to publish, as blocks: what the published response is made
//! of before it is written as Markdown (`export::published`) or as Word
//! (`export::docx`). Text here is plain, as the files hold it; each writer
//! makes it safe for its own format.

/// A piece of a paragraph with one look.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Run {
    /// Plain text; a `\n` is a line break within the paragraph.
    pub text: String,
    pub bold: bool,
    pub italic: bool,
    /// A web address the run links to.
    pub link: Option<String>,
}

impl Run {
    pub fn plain(text: impl Into<String>) -> Run {
        Run {
            text: text.into(),
            ..Run::default()
        }
    }

    pub fn bold(text: impl Into<String>) -> Run {
        Run {
            text: text.into(),
            bold: true,
            ..Run::default()
        }
    }

    pub fn italic(text: impl Into<String>) -> Run {
        Run {
            text: text.into(),
            italic: true,
            ..Run::default()
        }
    }

    pub fn link(text: impl Into<String>, url: impl Into<String>) -> Run {
        Run {
            text: text.into(),
            link: Some(url.into()),
            ..Run::default()
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// A heading: level 1 is the document's title, 2 a section, 3 within one.
    Heading {
        level: u8,
        text: String,
    },
    Para(Vec<Run>),
    /// Words quoted from the report, set apart.
    Quote(Vec<Run>),
    /// One point of a bulleted list (consecutive bullets make one list).
    Bullet(Vec<Run>),
    /// One entry of a numbered list that shows exactly `number` (the
    /// report's own numbering, which need not run 1, 2, 3), with `body`
    /// set under it.
    Numbered {
        number: u32,
        head: Vec<Run>,
        body: Vec<Block>,
    },
    /// In a draft: something still to be written, marked so no one can
    /// miss it.
    Gap(String),
    /// The signature: one line each (the name, the role, the body).
    Signature(Vec<String>),
}

/// The document: its blocks and the properties a word processor shows.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Doc {
    pub title: String,
    /// Who the document is by (Word's author property).
    pub author: Option<String>,
    pub blocks: Vec<Block>,
}

/// Text as paragraphs: blank lines part them, lines that begin `- `, `* `
/// or `• ` are bullets, and the lines of a paragraph run on as one (text
/// in a YAML block is wrapped by hand; a published page wraps its own).
pub fn paragraphs(text: &str) -> Vec<Block> {
    let mut out = Vec::new();
    let mut para: Vec<&str> = Vec::new();
    let flush = |para: &mut Vec<&str>, out: &mut Vec<Block>| {
        if !para.is_empty() {
            out.push(Block::Para(vec![Run::plain(para.join(" "))]));
            para.clear();
        }
    };
    // `lines` ends a line at a line feed only; a lone carriage return
    // ends one too.
    let text = crate::text::lf(text);
    for line in text.lines() {
        let trimmed = line.trim();
        if trimmed.is_empty() {
            flush(&mut para, &mut out);
        } else if let Some(point) = ["- ", "* ", "• "]
            .iter()
            .find_map(|mark| trimmed.strip_prefix(mark))
        {
            flush(&mut para, &mut out);
            out.push(Block::Bullet(vec![Run::plain(point.trim())]));
        } else {
            para.push(trimmed);
        }
    }
    flush(&mut para, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_part_at_blank_lines_keep_bullets_and_run_lines_on() {
        let blocks = paragraphs("First line\nsecond line\n\n- one\n* two\n\nLast.\n");
        assert_eq!(
            blocks,
            vec![
                Block::Para(vec![Run::plain("First line second line")]),
                Block::Bullet(vec![Run::plain("one")]),
                Block::Bullet(vec![Run::plain("two")]),
                Block::Para(vec![Run::plain("Last.")]),
            ]
        );
    }

    #[test]
    fn a_lone_carriage_return_ends_a_line() {
        assert_eq!(
            paragraphs("line\r# after\r\r- point"),
            vec![
                Block::Para(vec![Run::plain("line # after")]),
                Block::Bullet(vec![Run::plain("point")]),
            ]
        );
    }
}
