//! The Response view: where the statutory response stands (the s55
//! checklist, each step done, to do or late, with its dates), then every
//! field of the response with its value, the chosen one highlighted; and
//! the question of which document `x` writes.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use ratatui::style::Style;

use super::{Drawing, Glyphs, style};
use crate::model::Status;
use crate::model::response::{Checklist, Field, Shape, State, checklist};
use crate::text::field_line;
use crate::tui::action::Document;
use crate::tui::app::{Action, App, Mode, ModeKind};

/// The width of the labels, the space after them counted.
const LABEL: usize = 28;

/// A step's state in a column of twelve: its mark and its words.
fn state_span(g: &Glyphs, state: State) -> Span<'static> {
    let (mark, words, style) = match state {
        State::Done => (g.tick, "done", style::fg(ratatui::style::Color::Green)),
        State::ToDo => (g.status(Status::Unreviewed), "to do", Style::new()),
        State::Late => ("!", "late", style::error()),
        State::NotNeeded => (g.dash, "not needed", style::label()),
    };
    Span::styled(format!("{mark} {words:<10}"), style)
}

/// A field's value in one row: a line as it is, text by its first line and
/// how much more there is, yes/no in words.
fn value_row(field: Field, value: Option<&str>) -> (String, bool) {
    match (field.shape(), value) {
        (Shape::Flag, Some(_)) => ("yes".into(), true),
        (Shape::Flag, None) => ("no".into(), false),
        (_, None) => ("(not given)".into(), false),
        (Shape::Text, Some(text)) => {
            let paragraphs = text.split("\n\n").filter(|p| !p.trim().is_empty()).count();
            let first = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
            let more = if paragraphs > 1 {
                format!(" ({paragraphs} paragraphs)")
            } else {
                String::new()
            };
            (format!("{}{more}", field_line(first)), true)
        }
        (_, Some(line)) => (field_line(line), true),
    }
}

/// The verdict and the checklist, one step a row.
fn checklist_lines(g: &Glyphs, list: &Checklist, width: usize) -> Vec<Line<'static>> {
    let fitted = |text: &str, width| g.fitted(text, width);
    let mut lines: Vec<Line> = Vec::new();
    let verdict = if list.outside {
        Line::from(Span::styled(
            "Recorded as plainly outside the force: no response is required.",
            style::title(),
        ))
    } else if list.can_publish() {
        Line::from(Span::styled(
            "Ready to publish: every part the response must hold is there.",
            style::fg(ratatui::style::Color::Green),
        ))
    } else {
        Line::from(vec![
            Span::styled("Not ready to publish: ", style::error()),
            Span::raw(fitted(&list.blockers.join("; "), width.saturating_sub(22))),
        ])
    };
    lines.push(verdict);
    lines.push(Line::default());
    let step_width = list
        .steps
        .iter()
        .map(|s| s.step.chars().count())
        .max()
        .unwrap_or(0);
    for step in &list.steps {
        let room = width.saturating_sub(step_width + 16);
        lines.push(Line::from(vec![
            Span::raw(" "),
            state_span(g, step.state),
            Span::raw(" "),
            Span::styled(format!("{:<step_width$}", step.step), style::label()),
            Span::raw("  "),
            Span::raw(fitted(&field_line(&step.detail), room)),
        ]));
    }
    lines.push(Line::default());
    lines
}

/// The fields, the chosen one highlighted (and the row it is on), each
/// other version held from a merge under its field, and the chosen one's
/// hint.
fn field_lines(app: &App, cursor: usize, width: usize) -> (Vec<Line<'static>>, usize) {
    let response = app.review().response();
    let key = |action| app.keys().hint(ModeKind::Response, action);
    let g = app.glyphs();
    let fitted = |text: &str, width| g.fitted(text, width);
    let mut lines: Vec<Line> = Vec::new();
    lines.push(Line::from(Span::styled(
        format!(
            "The response's fields ({} edits; {} edits text in $EDITOR)",
            key(&Action::Open),
            key(&Action::ExternalEditor)
        ),
        style::title(),
    )));
    let mut cursor_row = 0;
    for (i, field) in Field::ALL.into_iter().enumerate() {
        let value = response.get(field);
        let (shown, given) = value_row(field, value.as_deref());
        let chosen = i == cursor;
        if chosen {
            cursor_row = lines.len();
        }
        let room = width.saturating_sub(LABEL + 2);
        let row_style = if chosen {
            style::selected(true)
        } else {
            ratatui::style::Style::new()
        };
        lines.push(
            Line::from(vec![
                Span::raw(if chosen {
                    format!("{} ", g.focus)
                } else {
                    "  ".to_owned()
                }),
                Span::styled(format!("{:<LABEL$}", field.label()), style::label()),
                Span::styled(
                    fitted(&shown, room),
                    if given {
                        ratatui::style::Style::new()
                    } else {
                        style::label()
                    },
                ),
            ])
            .style(row_style),
        );
        if let Some(other) = response.conflict_of(field) {
            let (theirs, _) = value_row(field, other.as_deref());
            let sep = g.sep;
            lines.push(Line::from(vec![
                Span::raw("  "),
                Span::styled(format!("{:<LABEL$}", "  ! other version"), style::error()),
                Span::raw(fitted(
                    &format!(
                        "{theirs}  ({} mine{sep}{} theirs{sep}{} both)",
                        key(&Action::Resolve(crate::tui::action::Resolution::Mine)),
                        key(&Action::Resolve(crate::tui::action::Resolution::Theirs)),
                        key(&Action::Resolve(crate::tui::action::Resolution::Both)),
                    ),
                    width.saturating_sub(LABEL + 2),
                )),
            ]));
        }
    }
    if let Some(field) = Field::ALL.get(cursor) {
        let hint = field.hint();
        if !hint.is_empty() {
            lines.push(Line::default());
            lines.push(Line::from(Span::styled(
                fitted(&format!("{}: {hint}", field.label()), width),
                style::label(),
            )));
        }
    }
    (lines, cursor_row)
}

/// The Response view, with `cursor` on a field.
fn render(app: &App, frame: &mut Frame, screen: Rect, cursor: usize, d: &mut Drawing) {
    let area = super::views::area_for(screen);
    let width = usize::from(area.width.saturating_sub(2));
    let list = checklist(app.inspection(), app.review(), app.today());
    let sep = app.glyphs().sep;
    let mut lines = checklist_lines(app.glyphs(), &list, width);
    let (fields, row) = field_lines(app, cursor, width);
    let cursor_row = lines.len() + row;
    lines.extend(fields);
    let key = |action| app.keys().hint(ModeKind::Response, action);
    let total = lines.len();
    let height = usize::from(area.height.saturating_sub(2));
    // The chosen field stays in view; at the first, the checklist shows.
    let first = if cursor == 0 {
        0
    } else {
        (cursor_row + 3)
            .saturating_sub(height)
            .min(total.saturating_sub(height))
    };
    let shown = total.min(height);
    d.layout.view = Some((first, height.max(1)));
    let deadline = match (&list.last_day, list.days_left) {
        _ if list.outside => format!("{sep}none required: outside the force"),
        (Some(day), Some(days)) => format!(
            "{sep}publish by {day} ({})",
            crate::model::deadline::days_words(days)
        ),
        (Some(day), None) => format!("{sep}publish by {day}"),
        _ => String::new(),
    };
    let title = format!(
        " Response (s55){deadline}{sep}{} closes ",
        key(&Action::Back)
    );
    let inner = super::views::view_box(frame, area, title, (first, shown, total), app);
    let lines: Vec<Line> = lines.into_iter().skip(first).take(shown).collect();
    frame.render_widget(Paragraph::new(lines), inner);
}

/// Whether `mode` is the Response view or opens over it.
pub fn is_over(mode: &Mode) -> bool {
    match mode {
        Mode::Response { .. } | Mode::Export { .. } | Mode::ResponseField { .. } => true,
        Mode::Note { id, .. } => crate::tui::app::response::field_of(id).is_some(),
        _ => false,
    }
}

/// The Response view and whatever is open over it: the line editor, the
/// note editor on a text field, the question of which document to write.
pub fn overlay(app: &App, frame: &mut Frame, screen: Rect, d: &mut Drawing) {
    let field_at = |field: Field| Field::ALL.iter().position(|f| *f == field).unwrap_or(0);
    let g = app.glyphs();
    match app.mode() {
        Mode::Response { cursor } => render(app, frame, screen, *cursor, d),
        Mode::Export { over } => {
            if let Some(cursor) = over {
                render(app, frame, screen, *cursor, d);
            }
            export_question(app, frame, screen);
        }
        Mode::ResponseField { field, editor } => {
            render(app, frame, screen, field_at(*field), d);
            let area = super::popup::centered(screen, 72, 3);
            let title = format!(
                " {} ({}: keep{}{}: cancel) ",
                field.label(),
                app.keys().hint(ModeKind::ResponseField, &Action::Accept),
                g.sep,
                app.keys().hint(ModeKind::ResponseField, &Action::Back)
            );
            super::popup::editor_box(g, frame, area, editor, &title);
        }
        Mode::Note {
            id, editor, ask, ..
        } => {
            let Some(field) = crate::tui::app::response::field_of(id) else {
                return;
            };
            render(app, frame, screen, field_at(field), d);
            let area = super::views::area_for(screen);
            let title = format!(
                " {} of the response ({}{}: keep) ",
                field.label(),
                super::popup::new_line(app, ModeKind::Note),
                app.keys().hints(ModeKind::Note, &Action::KeepNote)
            );
            super::popup::editor_box(g, frame, area, editor, &title);
            super::popup::note_question(app, frame, screen, field.label(), ask.as_ref());
        }
        _ => {}
    }
}

/// Which document `x` writes, and where each goes.
fn export_question(app: &App, frame: &mut Frame, screen: Rect) {
    let list = checklist(app.inspection(), app.review(), app.today());
    let key = |document| app.keys().hint(ModeKind::Export, &Action::Export(document));
    let name = |document| {
        app.document_path(document)
            .file_name()
            .map(|n| crate::text::one_line(&n.to_string_lossy()).into_owned())
            .unwrap_or_default()
    };
    let mut lines: Vec<Line> = Document::ALL
        .into_iter()
        .map(|document| {
            Line::from(vec![
                Span::styled(format!(" {:<6}", key(document)), style::key()),
                Span::raw(format!("{:<36}", document.label())),
                Span::styled(name(document), style::label()),
            ])
        })
        .collect();
    lines.push(Line::default());
    if list.can_publish() || list.outside {
        lines.push(Line::from(Span::styled(
            " A file there changed since scrutiny wrote it is kept beside it first.",
            style::label(),
        )));
    } else {
        lines.push(Line::from(vec![
            Span::styled(" Not ready to publish: ", style::error()),
            Span::raw("the response is written with each gap marked."),
        ]));
    }
    let width = screen.width.saturating_sub(4).min(90);
    let area = super::popup::centered(screen, width, 7);
    super::popup::keys_box(
        app.glyphs(),
        frame,
        area,
        format!(
            " Write which document? ({} cancels) ",
            app.keys().hint(ModeKind::Export, &Action::Back)
        ),
        lines,
        0,
    );
}
