//! What opens over the screen: help, editors and questions.

use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Wrap};
use ratatui_textarea::TextArea;

use super::{Drawing, Glyphs, style};
use crate::model::Status;
use crate::tui::app::{Action, App, FilterRow, Mode, ModeKind, NoteAsk, Pick, status_key};
use crate::tui::keymap;

#[allow(clippy::too_many_lines, reason = "one arm per mode, read as a table")]
pub fn render(app: &App, frame: &mut Frame, (screen, detail): (Rect, Rect), d: &mut Drawing) {
    if super::response::is_over(app.mode()) {
        super::response::overlay(app, frame, screen, d);
        return;
    }
    let g = app.glyphs();
    let sep = g.sep;
    match &app.mode() {
        // The Response view and what opens over it are drawn above.
        Mode::Normal
        | Mode::Search { .. }
        | Mode::Response { .. }
        | Mode::Export { .. }
        | Mode::ResponseField { .. } => {}
        Mode::Help | Mode::HelpSearch { .. } => help(app, frame, screen, d),
        Mode::FilterMenu { cursor } => filter_menu(app, frame, screen, *cursor),
        Mode::Pick(pick) => pick_list(app, frame, screen, pick),
        Mode::Summary => super::summary::render(app, frame, screen, d),
        Mode::History { id } => super::views::history(app, frame, screen, id, d),
        Mode::Inspection => super::views::inspection(app, frame, screen, d),
        Mode::Rag => rag_chooser(app, frame, screen),
        Mode::LinkPick {
            editor,
            found,
            cursor,
        } => link_pick(
            app,
            frame,
            screen,
            (&editor.lines().join(" "), found, *cursor),
        ),
        Mode::Relation { target } => relation_chooser(app, frame, screen, target),
        Mode::Alike(alike) => alike_list(app, frame, screen, alike),
        Mode::ChangesPick { since } => {
            super::views::changes_pick(app.keys(), frame, screen, *since);
        }
        Mode::Changes { since, pack } => {
            super::views::committee_pack(app, frame, screen, (*since, pack), d);
        }
        Mode::TrackLine { input, editor } => {
            let area = centered(screen, 72, 3);
            let title = track_title(app, input);
            editor_box(g, frame, area, editor, &title);
        }
        Mode::Update { editor } => {
            let count = app.target_count();
            let title = format!(
                " Progress update for {} ({}{}: add) ",
                if count == 1 {
                    app.selected_id()
                        .map(crate::text::one_line)
                        .unwrap_or_default()
                        .into_owned()
                } else {
                    format!("{count} items")
                },
                new_line(app, ModeKind::Update),
                app.keys().hints(ModeKind::Update, &Action::Accept)
            );
            editor_box(g, frame, detail, editor, &title);
        }
        Mode::Append { editor } => {
            let count = app.target_count();
            let title = format!(
                " Append to the notes of {count} item{} ({}{}: append) ",
                if count == 1 { "" } else { "s" },
                new_line(app, ModeKind::Append),
                app.keys().hints(ModeKind::Append, &Action::Accept)
            );
            editor_box(g, frame, detail, editor, &title);
        }
        Mode::Note {
            id, editor, ask, ..
        } => {
            // Discarding, the item and the external editor are in the footer.
            let title = format!(
                " Note for {} ({}{}: keep) ",
                crate::text::one_line(id),
                new_line(app, ModeKind::Note),
                app.keys().hints(ModeKind::Note, &Action::KeepNote)
            );
            editor_box(g, frame, detail, editor, &title);
            note_question(app, frame, screen, id, ask.as_ref());
        }
        Mode::Owner { id, editor } => {
            let area = centered(screen, 64, 3);
            let whom = if app.marks().is_empty() {
                crate::text::one_line(id).into_owned()
            } else {
                let n = app.target_count();
                format!("{n} marked item{}", if n == 1 { "" } else { "s" })
            };
            let title = format!(
                " Owner of {whom} ({}: keep{sep}{}: cancel) ",
                app.keys().hint(ModeKind::Owner, &Action::Accept),
                app.keys().hint(ModeKind::Owner, &Action::Back)
            );
            editor_box(g, frame, area, editor, &title);
        }
        Mode::ConfirmBulk(bulk) => question(
            g,
            frame,
            screen,
            " Change many items? ",
            &bulk.describe(),
            super::key_line(app.keys(), ModeKind::ConfirmBulk),
        ),
        Mode::SaveAs { editor } => {
            let area = centered(screen, 70, 3);
            let title = format!(
                " Save the review to ({}: save{sep}{}: cancel) ",
                app.keys().hint(ModeKind::SaveAs, &Action::Accept),
                app.keys().hint(ModeKind::SaveAs, &Action::Back)
            );
            editor_box(g, frame, area, editor, &title);
        }
        Mode::ConfirmQuit => {
            let why = app
                .save()
                .error
                .as_deref()
                .unwrap_or("the last change is not on disk");
            question(
                g,
                frame,
                screen,
                " Unsaved changes ",
                &format!("Your changes are not saved: {why}."),
                super::key_line(app.keys(), ModeKind::ConfirmQuit),
            );
        }
        Mode::DiskReverted(reverted) => {
            let ids = reverted.ids.join(", ");
            let merge = app.keys().hint(ModeKind::DiskChanged, &Action::Merge);
            let reload = app.keys().hint(ModeKind::DiskChanged, &Action::Reload);
            let undo = app.keys().hint(ModeKind::Normal, &Action::Undo);
            question(
                g,
                frame,
                screen,
                " The review file on disk lost work you have here ",
                &format!(
                    "The file no longer holds the work this session has for {} (entries gone or their history cut back): a revert, a checkout or a stash? {merge} keeps yours and merges any other changes; {reload} takes the file as it is ({undo} brings yours back).",
                    crate::text::inert_line(&ids)
                ),
                super::key_line(app.keys(), ModeKind::DiskChanged),
            );
        }
        Mode::DiskChanged => question(
            g,
            frame,
            screen,
            " The review file changed on disk ",
            "Someone (another reviewer, git, an editor) changed the review file since scrutiny read it. Your change was not written. Merge keeps both: items changed on one side take that side; an item changed on both keeps yours and both notes.",
            super::key_line(app.keys(), ModeKind::DiskChanged),
        ),
    }
}

/// The question open over the note editor, if any.
pub(super) fn note_question(
    app: &App,
    frame: &mut Frame,
    screen: Rect,
    id: &str,
    ask: Option<&NoteAsk>,
) {
    let g = app.glyphs();
    match ask {
        None => {}
        Some(NoteAsk::Discard) => question(
            g,
            frame,
            screen,
            " Drop what was typed? ",
            &format!(
                "The note of {} as typed differs from the saved note. Dropping it leaves the note as it was; back in the editor, {} keeps what was typed.",
                crate::text::one_line(id),
                app.keys().hints(ModeKind::Note, &Action::KeepNote)
            ),
            super::key_line(app.keys(), ModeKind::NoteDiscard),
        ),
        Some(NoteAsk::Returned { text, why }) => question(
            g,
            frame,
            screen,
            " The external editor did not finish well ",
            &format!(
                "The note of {}: {}. It left {}. Keep the note as it was, or take what it left?",
                crate::text::one_line(id),
                crate::text::one_line(why),
                match text.lines().count() {
                    0 => "nothing".to_owned(),
                    1 => "1 line".to_owned(),
                    n => format!("{n} lines"),
                }
            ),
            super::key_line(app.keys(), ModeKind::NoteReturned),
        ),
    }
}

/// `Enter: new line · ` in an editor where Enter types a new line, as it
/// does unless a key of the mode's own is Enter.
pub(super) fn new_line(app: &App, mode: ModeKind) -> String {
    let enter = keymap::Key {
        code: crossterm::event::KeyCode::Enter,
        ctrl: false,
        alt: false,
    };
    if app.keys().is_bound(mode, enter) {
        String::new()
    } else {
        format!("Enter: new line{}", app.glyphs().sep)
    }
}

pub(super) fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let [row] = Layout::vertical([Constraint::Length(height.min(area.height))])
        .flex(Flex::Center)
        .areas(area);
    let [rect] = Layout::horizontal([Constraint::Length(width.min(area.width))])
        .flex(Flex::Center)
        .areas(row);
    rect
}

pub(super) fn editor_box(
    g: &Glyphs,
    frame: &mut Frame,
    area: Rect,
    editor: &TextArea<'static>,
    title: &str,
) {
    let block = g
        .double()
        .border_style(style::focused_border())
        .title(Span::styled(title.to_owned(), style::title()));
    let inner = block.inner(area);
    frame.render_widget(Clear, area);
    frame.render_widget(block, area);
    draw_editor(frame, editor, inner);
}

/// An editor in `area`, what it holds drawn as the detail pane draws text.
pub(super) fn draw_editor(frame: &mut Frame, editor: &TextArea<'static>, area: Rect) {
    // Drawn as it is first: the editor learns its viewport, which paging
    // and scrolling in it need, and where it is scrolled to.
    frame.render_widget(editor, area);
    if let Some(shown) = shown_editor(editor, area) {
        frame.render_widget(Clear, area);
        frame.render_widget(&shown, area);
    }
}

/// The lines of the editor in view, when what they hold cannot be drawn as
/// it is: the same text with each character the detail pane would show
/// otherwise (control characters, line separators, noncharacters) as it
/// shows it, one character for one, so the cursor, the selection and the
/// wrapping fall where they do in the text. The editor's own text is not
/// touched: the note keeps its bytes. Only the lines in view are copied,
/// so a long note costs no more to draw than a short one.
fn shown_editor(editor: &TextArea<'static>, area: Rect) -> Option<TextArea<'static>> {
    use ratatui_textarea::CursorMove;
    let lines = editor.lines();
    let (top_row, top_col) = editor.scroll_offset();
    let top_row = usize::from(top_row);
    // Numbered lines need the whole text, to be numbered from the first.
    let (first, last) = if editor.line_number_style().is_some() {
        (0, lines.len().saturating_sub(1))
    } else {
        let bottom = top_row + usize::from(area.height.max(1)) - 1;
        (
            editor.screen_to_data(top_row, 0).0,
            editor.screen_to_data(bottom, 0).0,
        )
    };
    let window = lines.get(first..=last)?;
    if window
        .iter()
        .all(|line| line.chars().all(|c| crate::text::inert(c) == c))
    {
        return None;
    }
    // How far into its first line the view starts, when that line wraps.
    let mut first_row = top_row;
    while first_row > 0 && editor.screen_to_data(first_row - 1, 0).0 == first {
        first_row -= 1;
    }
    let mut shown = TextArea::new(
        window
            .iter()
            .map(|line| line.chars().map(crate::text::inert).collect())
            .collect(),
    );
    shown.set_style(editor.style());
    shown.set_cursor_style(editor.cursor_style());
    shown.set_cursor_line_style(editor.cursor_line_style());
    shown.set_wrap_mode(editor.wrap_mode());
    shown.set_alignment(editor.alignment());
    shown.set_tab_length(editor.tab_length());
    if let Some(style) = editor.line_number_style() {
        shown.set_line_number_style(style);
    }
    let delta = |n: usize| i16::try_from(n).unwrap_or(i16::MAX);
    shown.scroll((delta(top_row - first_row), delta(usize::from(top_col))));
    // A place in the text as a place among the lines in view; a jump
    // reaches column 65,535 at most, and past it (a line no one types) the
    // cursor is drawn there.
    let jump = |shown: &mut TextArea<'static>, (row, col): (usize, usize)| {
        let (row, col) = if row < first {
            (0, 0)
        } else if row > last {
            (last - first, window[last - first].chars().count())
        } else {
            (row - first, col)
        };
        let narrow = |n: usize| u16::try_from(n).unwrap_or(u16::MAX);
        shown.move_cursor(CursorMove::Jump(narrow(row), narrow(col)));
    };
    let cursor = editor.cursor();
    let cursor = (cursor.0, cursor.1);
    if let Some((start, end)) = editor.selection_range() {
        let anchor = if start == cursor { end } else { start };
        jump(&mut shown, anchor);
        shown.start_selection();
    }
    jump(&mut shown, cursor);
    Some(shown)
}

/// A box of keys over `area`, titled `title` (which names its keys),
/// scrolled `scroll` rows but no further than its last line; how far it
/// was scrolled.
pub(super) fn keys_box(
    g: &Glyphs,
    frame: &mut Frame,
    area: Rect,
    title: String,
    lines: Vec<Line<'static>>,
    scroll: u16,
) -> u16 {
    let block = g
        .double()
        .border_style(style::focused_border())
        .title(Span::styled(title, style::title()));
    let inner = block.inner(area);
    frame.render_widget(Clear, area);
    frame.render_widget(block, area);
    let total = u16::try_from(lines.len()).unwrap_or(u16::MAX);
    let at = scroll.min(total.saturating_sub(inner.height));
    frame.render_widget(Paragraph::new(lines).scroll((at, 0)), inner);
    at
}

pub(super) fn question(
    g: &Glyphs,
    frame: &mut Frame,
    screen: Rect,
    title: &str,
    text: &str,
    keys: Line<'static>,
) {
    let area = centered(screen, 64, 9);
    let block = g
        .double()
        .border_style(style::error())
        .title(Span::styled(title.to_owned(), style::title()));
    let lines = vec![Line::from(text.to_owned()), Line::default(), keys];
    frame.render_widget(Clear, area);
    frame.render_widget(
        Paragraph::new(lines).wrap(Wrap { trim: true }).block(block),
        area,
    );
}

/// Every key in force, grouped by mode, narrowed by the help search.
fn help(app: &App, frame: &mut Frame, screen: Rect, d: &mut Drawing) {
    let g = app.glyphs();
    let area = centered(screen, 76, screen.height.saturating_sub(2));
    let query = app.help_query().to_lowercase();
    let wanted = |text: &str| query.is_empty() || text.to_lowercase().contains(&query);
    let mut lines = Vec::new();
    // The import view lists its own.
    for mode in ModeKind::ALL.into_iter().filter(|m| !m.is_import()) {
        let rows: Vec<Line> = app
            .keys()
            .bindings(mode)
            .filter(|b| {
                let name = keymap::action_name(&b.action).unwrap_or("");
                wanted(&app.keys().names_of(b)) || wanted(&b.help) || wanted(name)
            })
            .map(|b| {
                let own = if b.line.is_some() { " (yours)" } else { "" };
                Line::from(vec![
                    Span::styled(format!("  {:<20}", app.keys().names_of(b)), style::key()),
                    Span::raw(format!("{}{own}", b.help)),
                ])
            })
            .collect();
        if rows.is_empty() {
            continue;
        }
        if !lines.is_empty() {
            lines.push(Line::default());
        }
        lines.push(Line::from(Span::styled(heading(app, mode), style::title())));
        lines.extend(rows);
    }
    let legend: Vec<Line> = Status::ALL
        .into_iter()
        .filter(|s| wanted(s.label()) || wanted(s.name()))
        .map(|status| {
            Line::from(vec![
                Span::raw("  "),
                Span::styled(g.status(status), style::status(status)),
                Span::raw(format!(" {} ({})", status.label(), status.name())),
            ])
        })
        .collect();
    if !legend.is_empty() {
        lines.push(Line::default());
        lines.push(Line::from(Span::styled("Status markers", style::title())));
        lines.extend(legend);
    }
    if lines.is_empty() {
        lines.push(Line::from(Span::styled(
            format!("  No key matches \"{}\"", app.help_query()),
            style::label(),
        )));
    }
    let key = |action| app.keys().hint(ModeKind::Help, action);
    let title = if app.help_query().is_empty() {
        format!(
            " Keys ({} closes, {}/{} scroll, {} searches) ",
            key(&Action::Back),
            key(&Action::MoveDown),
            key(&Action::MoveUp),
            key(&Action::Search)
        )
    } else if matches!(app.mode(), Mode::HelpSearch { .. }) {
        // Still typing: the keys are the search field's.
        format!(
            " Keys matching \"{}\" ({} keeps, {} clears) ",
            app.help_query(),
            app.keys().hint(ModeKind::HelpSearch, &Action::Accept),
            app.keys().hint(ModeKind::HelpSearch, &Action::Back)
        )
    } else {
        format!(
            " Keys matching \"{}\" ({} changes, {} closes) ",
            app.help_query(),
            key(&Action::Search),
            key(&Action::Back)
        )
    };
    let block = g
        .double()
        .border_style(style::focused_border())
        .title(Span::styled(title, style::title()));
    let inner = block.inner(area);
    frame.render_widget(Clear, area);
    frame.render_widget(block, area);
    let mut body = inner;
    if let Mode::HelpSearch { editor } = &app.mode() {
        let [field, rest] =
            Layout::vertical([Constraint::Length(1), Constraint::Fill(1)]).areas(inner);
        let [label, input] =
            Layout::horizontal([Constraint::Length(8), Constraint::Fill(1)]).areas(field);
        frame.render_widget(Span::styled("Search: ", style::title()), label);
        draw_editor(frame, editor, input);
        body = rest;
    }
    // Scroll no further than the last line.
    let total = u16::try_from(lines.len()).unwrap_or(u16::MAX);
    let at = app.help_scroll().min(total.saturating_sub(body.height));
    d.layout.help_scroll = Some(at);
    frame.render_widget(Paragraph::new(lines).scroll((at, 0)), body);
}

fn heading(app: &App, mode: ModeKind) -> String {
    if mode == ModeKind::Search {
        let key = |action| app.keys().hint(ModeKind::Search, action);
        return format!(
            "Searching (other keys type; {}/{} move)",
            key(&Action::MoveDown),
            key(&Action::MoveUp)
        );
    }
    let words = match mode {
        ModeKind::Normal => "Reviewing",
        ModeKind::Help => "This help",
        ModeKind::HelpSearch => "Searching this help",
        ModeKind::Note => "Note editor (other keys edit the text)",
        ModeKind::Owner => "Owner editor",
        ModeKind::Append => "Appending to notes",
        ModeKind::Search => "Searching",
        ModeKind::FilterMenu => "Filters",
        ModeKind::Pick => "Choosing a theme, a body or an owner (other keys narrow the list)",
        ModeKind::PickTyped => "The same list once narrowed (letters type; the arrows move)",
        ModeKind::Summary => "Summary",
        ModeKind::History => "An item's history",
        ModeKind::Inspection => "The inspection's details",
        ModeKind::SaveAs => "Saving elsewhere",
        ModeKind::ConfirmQuit => "Quitting with unsaved changes",
        ModeKind::DiskChanged => "When the review file changed on disk",
        ModeKind::Portfolio => "The overview of several inspections",
        ModeKind::PortfolioHelp => "The overview's keys",
        ModeKind::PortfolioSearch => "Searching the overview (other keys type)",
        ModeKind::Loading => "While a large file is read",
        ModeKind::Import => "Importing a report (scrutiny import on a terminal)",
        ModeKind::ImportField => "Typing a field of the import",
        ModeKind::ImportHelp => "The import view's keys",
        ModeKind::ImportQuit => "Leaving the import with nothing written",
        ModeKind::ConfirmBulk => "Asked before changing more than a handful of items",
        ModeKind::NoteDiscard => "Asked before dropping a note typed",
        ModeKind::NoteReturned => "When the external editor failed or emptied the note",
        ModeKind::Response => "The statutory response (R): its checklist and fields",
        ModeKind::ResponseField => "Typing a one-line field of the response",
        ModeKind::Export => "Choosing the document to write (x)",
        ModeKind::Rag => "Choosing the RAG (c)",
        ModeKind::LinkPick => "Finding the item to link to (L; other keys type)",
        ModeKind::Relation => "Choosing how the items stand to each other",
        ModeKind::Alike => "Items of other reports worded alike (A)",
        ModeKind::TrackLine => "Typing a revised due date and its reason (d), or evidence (v)",
        ModeKind::Update => "Typing a progress update (p; other keys edit the text)",
        ModeKind::ChangesPick => "Choosing the day \"what changed since\" starts from (W)",
        ModeKind::Changes => "What changed since that day: the committee pack",
    };
    words.to_owned()
}

/// The filter picker: statuses, theme, directed to, overdue.
fn filter_menu(app: &App, frame: &mut Frame, screen: Rect, cursor: usize) {
    let g = app.glyphs();
    let rows = FilterRow::all();
    let area = centered(screen, 60, u16::try_from(rows.len()).unwrap_or(12) + 2);
    let check = |on: bool| if on { "[x]" } else { "[ ]" };
    let toggle = app.keys().hint(ModeKind::FilterMenu, &Action::Toggle);
    let lines: Vec<Line> = rows
        .iter()
        .enumerate()
        .map(|(i, row)| {
            let text = match row {
                FilterRow::Status(status) => format!(
                    "{} {} {}",
                    check(app.filter().statuses.contains(&status_key(*status))),
                    g.status(*status),
                    status.label()
                ),
                FilterRow::Theme => format!(
                    "Theme:       {}",
                    app.filter().theme.as_deref().map_or_else(
                        || format!("(any; {toggle} lists them)"),
                        crate::text::field_line
                    )
                ),
                FilterRow::DirectedTo => format!(
                    "Directed to: {}",
                    app.filter().directed_to.as_deref().map_or_else(
                        || format!("(anyone; {toggle} lists them)"),
                        crate::text::field_line,
                    )
                ),
                FilterRow::Overdue => format!(
                    "{} Overdue only (due before today, not complete)",
                    check(app.filter().overdue)
                ),
                FilterRow::ResponseNeeded => format!(
                    "{} Response needed (recs and AFIs with no note)",
                    check(app.filter().response_needed)
                ),
                FilterRow::Conflicts => {
                    format!("{} Conflicts to settle", check(app.filter().conflicts))
                }
                FilterRow::Owner => format!(
                    "Owner:       {}",
                    app.filter().owner.as_deref().map_or_else(
                        || format!("(anyone; {toggle} lists them)"),
                        crate::text::field_line,
                    )
                ),
                FilterRow::Rag(rag) => format!(
                    "{} RAG {}",
                    check(app.filter().rags.contains(rag)),
                    rag.label()
                ),
                FilterRow::SignedOff => format!("{} Signed off", check(app.filter().signed_off)),
                FilterRow::AwaitingSignOff => format!(
                    "{} Awaiting sign-off (complete, not signed off)",
                    check(app.filter().awaiting_sign_off)
                ),
                FilterRow::Slipped => format!(
                    "{} Slipped (due date revised at least once)",
                    check(app.filter().slipped)
                ),
                FilterRow::DueSoon => format!(
                    "{} Due within {} days (or past), still open",
                    check(app.filter().due_soon),
                    app.keys().due_soon_days()
                ),
                FilterRow::Clear => "Clear all filters".to_owned(),
            };
            let text = crate::text::one_line(&text).into_owned();
            if i == cursor {
                Line::from(Span::styled(
                    format!("{} {text}", g.pointer),
                    style::selected(true),
                ))
            } else {
                Line::from(format!("  {text}"))
            }
        })
        .collect();
    let shown: usize = app.panes().iter().map(crate::tui::app::Pane::len).sum();
    let block = g
        .double()
        .border_style(style::focused_border())
        .title(Span::styled(
            format!(
                " Filters: {shown} item{} shown ({toggle} toggles, {} closes) ",
                if shown == 1 { "" } else { "s" },
                app.keys().hint(ModeKind::FilterMenu, &Action::Back)
            ),
            style::title(),
        ));
    frame.render_widget(Clear, area);
    frame.render_widget(Paragraph::new(lines).block(block), area);
}

/// The list of one filter row's values, over the filter picker: what is
/// typed, then "(any)" and the values that hold it, the cursor kept in view.
/// The filter picker is drawn beneath it, at the row it was opened from.
fn pick_list(app: &App, frame: &mut Frame, screen: Rect, pick: &Pick) {
    filter_menu(app, frame, screen, pick.at);
    let g = app.glyphs();
    let mode = app.mode().kind();
    let shown = pick.shown();
    // What is typed, the entries, and a line saying why there are none.
    let said = usize::from(shown.len() == 1);
    let rows = u16::try_from(1 + shown.len() + said).unwrap_or(u16::MAX);
    let area = centered(
        screen,
        56,
        rows.saturating_add(2).min(screen.height.saturating_sub(2)),
    );
    let inner = usize::from(area.width.saturating_sub(2));
    let room = usize::from(area.height.saturating_sub(3 + u16::from(said == 1))).max(1);
    let offset = (pick.cursor + 1).saturating_sub(room);
    let dim = ratatui::style::Style::new().add_modifier(ratatui::style::Modifier::DIM);
    let mut lines = vec![if pick.query.is_empty() {
        Line::from(Span::styled(
            g.fitted("Type to narrow the list", inner),
            dim,
        ))
    } else {
        Line::from(g.fitted(&format!("Holding: {}{}", pick.query, g.cursor), inner))
    }];
    let current = match pick.row {
        FilterRow::Theme => app.filter().theme.as_deref(),
        FilterRow::DirectedTo => app.filter().directed_to.as_deref(),
        _ => app.filter().owner.as_deref(),
    };
    for (i, value) in shown.iter().enumerate().skip(offset).take(room) {
        let on = *value == current;
        let text = format!(
            "{} {}{}",
            if i == pick.cursor { g.pointer } else { " " },
            value.unwrap_or("(any)"),
            if on { "  (in force)" } else { "" }
        );
        let text = g.fitted(&text, inner);
        lines.push(if i == pick.cursor {
            Line::from(Span::styled(text, style::selected(true)))
        } else {
            Line::from(text)
        });
    }
    if pick.values.is_empty() {
        lines.push(Line::from(Span::styled(
            g.fitted(pick.none_in_use(), inner),
            dim,
        )));
    } else if shown.len() == 1 {
        lines.push(Line::from(Span::styled(
            g.fitted("None holds what is typed: Backspace widens", inner),
            dim,
        )));
    }
    let count = pick.values.len();
    let block = g
        .double()
        .border_style(style::focused_border())
        .title(Span::styled(
            g.fitted(
                &format!(
                    " {}: {} ({} chooses, {} goes back) ",
                    pick.label(),
                    if pick.query.is_empty() {
                        format!("{count} in use")
                    } else {
                        format!("{} of {count}", shown.len() - 1)
                    },
                    app.keys().hint(mode, &Action::Accept),
                    app.keys().hint(mode, &Action::Back)
                ),
                usize::from(area.width.saturating_sub(2)),
            ),
            style::title(),
        ));
    frame.render_widget(Clear, area);
    frame.render_widget(Paragraph::new(lines).block(block), area);
}

/// The title of the one-line tracking editor: what is typed, for whom.
fn track_title(app: &App, input: &crate::tui::app::tracking::TrackInput) -> String {
    use crate::tui::app::tracking::TrackInput;
    let count = app.target_count();
    let whom = if count > 1 {
        format!("{count} items")
    } else {
        app.selected_id()
            .map(crate::text::one_line)
            .unwrap_or_default()
            .into_owned()
    };
    let keep = app.keys().hint(ModeKind::TrackLine, &Action::Accept);
    let cancel = app.keys().hint(ModeKind::TrackLine, &Action::Back);
    let sep = app.glyphs().sep;
    match input {
        TrackInput::Due => {
            // The report's own date stays in sight while a new one is typed.
            let own = app
                .selected_id()
                .filter(|_| count <= 1)
                .and_then(|id| app.inspection().get(id))
                .and_then(|item| item.due)
                .map_or_else(String::new, |d| format!(" (the report's own: {d})"));
            format!(
                " Revised due date of {whom}{own}, YYYY-MM-DD, blank for the report's own ({keep}: next{sep}{cancel}: cancel) "
            )
        }
        TrackInput::Reason(date) => format!(
            " Why {} for {whom}? ({keep}: keep{sep}{cancel}: cancel) ",
            date.map_or_else(
                || "back to the report's own date".to_owned(),
                |d| format!("revised to {}", crate::model::deadline::long_date(d))
            )
        ),
        TrackInput::Evidence => format!(
            " Evidence for {whom}: what shows it is done, and where ({keep}: add{sep}{cancel}: cancel) "
        ),
    }
}

/// The RAG chooser: a key for each rating, and clear.
fn rag_chooser(app: &App, frame: &mut Frame, screen: Rect) {
    use crate::model::tracking::Rag;
    let g = app.glyphs();
    let key = |action| app.keys().hint(ModeKind::Rag, &action);
    let mut lines: Vec<Line<'static>> = Rag::ALL
        .into_iter()
        .map(|rag| {
            Line::from(vec![
                Span::styled(
                    format!(" {:<4}", key(Action::SetRag(Some(rag)))),
                    style::key(),
                ),
                Span::styled(format!("{:<7}", rag.label()), style::rag(rag)),
                Span::raw(keymap::help_for(ModeKind::Rag, &Action::SetRag(Some(rag)))),
            ])
        })
        .collect();
    lines.push(Line::from(vec![
        Span::styled(format!(" {:<4}", key(Action::SetRag(None))), style::key()),
        Span::raw("clear the RAG"),
    ]));
    let count = app.target_count();
    let title = format!(
        " RAG of {} ({} cancels) ",
        if count == 1 {
            "the item".to_owned()
        } else {
            format!("{count} items")
        },
        key(Action::Back)
    );
    let area = centered(screen, 44, 6);
    keys_box(g, frame, area, title, lines, 0);
}

/// Finding the item to link to: what is typed, and the items holding it.
fn link_pick(
    app: &App,
    frame: &mut Frame,
    screen: Rect,
    (query, found, cursor): (&str, &[String], usize),
) {
    let g = app.glyphs();
    let mode = app.mode().kind();
    let rows = u16::try_from(found.len().max(1) + 3).unwrap_or(u16::MAX);
    let area = centered(screen, 76, rows.min(screen.height.saturating_sub(4)).max(5));
    let inner = usize::from(area.width.saturating_sub(2));
    let room = usize::from(area.height.saturating_sub(3)).max(1);
    let offset = (cursor + 1).saturating_sub(room);
    let dim = ratatui::style::Style::new().add_modifier(ratatui::style::Modifier::DIM);
    let mut lines = vec![if query.is_empty() {
        Line::from(Span::styled(
            g.fitted("Type words of the other item's report, id or title", inner),
            dim,
        ))
    } else {
        Line::from(g.fitted(&format!("Holding: {query}{}", g.cursor), inner))
    }];
    for (i, id) in found.iter().enumerate().skip(offset).take(room) {
        let title = app
            .inspection()
            .get(id)
            .map_or("", |item| item.title.as_str());
        let text = format!(
            "{} {} {} {} ({})",
            if i == cursor { g.pointer } else { " " },
            app.shown_id(id),
            g.dash,
            crate::text::field_line(title),
            app.status(id).label().to_lowercase()
        );
        let text = g.fitted(&text, inner);
        lines.push(if i == cursor {
            Line::from(Span::styled(text, style::selected(true)))
        } else {
            Line::from(text)
        });
    }
    if !query.trim().is_empty() && found.is_empty() {
        lines.push(Line::from(Span::styled(
            g.fitted("No item of another report holds every word typed", inner),
            dim,
        )));
    }
    let count = if found.len() >= crate::tui::app::LINK_FOUND {
        format!("the first {}", found.len())
    } else {
        found.len().to_string()
    };
    let from = app
        .selected_id()
        .map(|id| app.shown_id(id).into_owned())
        .unwrap_or_default();
    let block = g
        .double()
        .border_style(style::focused_border())
        .title(Span::styled(
            g.fitted(
                &format!(
                    " Link {} to: {count} found ({} chooses, {} cancels) ",
                    crate::text::field_line(&from),
                    app.keys().hint(mode, &Action::Accept),
                    app.keys().hint(mode, &Action::Back)
                ),
                inner,
            ),
            style::title(),
        ));
    frame.render_widget(Clear, area);
    frame.render_widget(Paragraph::new(lines).block(block), area);
}

/// How the selected item stands to the one picked: a key for each.
fn relation_chooser(app: &App, frame: &mut Frame, screen: Rect, target: &str) {
    use crate::model::tracking::Relation;
    let g = app.glyphs();
    let key = |action| app.keys().hint(ModeKind::Relation, &action);
    let from = app
        .selected_id()
        .map(|id| app.shown_id(id).into_owned())
        .unwrap_or_default();
    let lines: Vec<Line<'static>> = Relation::ALL
        .into_iter()
        .map(|relation| {
            Line::from(vec![
                Span::styled(
                    format!(" {:<4}", key(Action::SetRelation(relation))),
                    style::key(),
                ),
                Span::raw(g.fitted(
                    &format!(
                        "{} {} {}",
                        crate::text::field_line(&from),
                        relation.words().to_lowercase(),
                        app.shown_id(target)
                    ),
                    60,
                )),
            ])
        })
        .collect();
    let title = format!(" How does it stand to it? ({} cancels) ", key(Action::Back));
    let area = centered(screen, 68, 6);
    keys_box(g, frame, area, title, lines, 0);
}

/// The items of other reports worded like the selected one: each with its
/// score and the words they share.
fn alike_list(app: &App, frame: &mut Frame, screen: Rect, alike: &crate::tui::app::Alike) {
    let mode = ModeKind::Alike;
    let g = app.glyphs();
    let rows = u16::try_from(alike.found.len().max(1) * 2 + 2).unwrap_or(u16::MAX);
    let area = centered(screen, 76, rows.min(screen.height.saturating_sub(4)).max(4));
    let inner = usize::from(area.width.saturating_sub(2));
    let dim = ratatui::style::Style::new().add_modifier(ratatui::style::Modifier::DIM);
    let mut lines = Vec::new();
    for (i, (id, score, shared)) in alike.found.iter().enumerate() {
        let title = app
            .inspection()
            .get(id)
            .map_or("", |item| item.title.as_str());
        let text = g.fitted(
            &format!(
                "{} {score:.2} {} {} {} ({})",
                if i == alike.cursor { g.pointer } else { " " },
                app.shown_id(id),
                g.dash,
                crate::text::field_line(title),
                app.status(id).label().to_lowercase()
            ),
            inner,
        );
        lines.push(if i == alike.cursor {
            Line::from(Span::styled(text, style::selected(true)))
        } else {
            Line::from(text)
        });
        lines.push(Line::from(Span::styled(
            g.fitted(
                &format!(
                    "       shared: {}",
                    crate::text::field_line(&shared.join(", "))
                ),
                inner,
            ),
            dim,
        )));
    }
    if alike.found.is_empty() {
        lines.push(Line::from(Span::styled(
            g.fitted(
                "No item of another report is worded like this one (none left undismissed)",
                inner,
            ),
            dim,
        )));
    }
    let from = app
        .selected_id()
        .map(|id| app.shown_id(id).into_owned())
        .unwrap_or_default();
    let title = g.fitted(
        &format!(
            " Worded like {}: {} links, {} not the same, {} closes ",
            crate::text::field_line(&from),
            app.keys().hint(mode, &Action::Accept),
            app.keys().hint(mode, &Action::Dismiss),
            app.keys().hint(mode, &Action::Back)
        ),
        inner,
    );
    let block = g
        .double()
        .border_style(style::focused_border())
        .title(Span::styled(title, style::title()));
    frame.render_widget(Clear, area);
    frame.render_widget(Paragraph::new(lines).block(block), area);
}
