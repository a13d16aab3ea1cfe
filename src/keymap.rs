//! The one table from keys to actions, per mode. The footer and the `?`
//! help are drawn from it, so they always match the keys in force.

use std::sync::OnceLock;

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use crate::app::{Action, ModeKind};
use crate::model::Status;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub ctrl: bool,
}

const fn key(code: KeyCode) -> Key {
    Key { code, ctrl: false }
}

const fn ch(c: char) -> Key {
    key(KeyCode::Char(c))
}

const fn ctrl(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        ctrl: true,
    }
}

impl Key {
    /// How the key is written in the footer and help.
    pub fn name(self) -> String {
        let base = match self.code {
            KeyCode::Char(' ') => "Space".to_owned(),
            KeyCode::Char(c) => c.to_string(),
            KeyCode::Down => "↓".into(),
            KeyCode::Up => "↑".into(),
            KeyCode::Left => "←".into(),
            KeyCode::Right => "→".into(),
            KeyCode::Home => "Home".into(),
            KeyCode::End => "End".into(),
            KeyCode::PageDown => "PgDn".into(),
            KeyCode::PageUp => "PgUp".into(),
            KeyCode::Tab => "Tab".into(),
            KeyCode::BackTab => "Shift-Tab".into(),
            KeyCode::Enter => "Enter".into(),
            KeyCode::Esc => "Esc".into(),
            other => format!("{other:?}"),
        };
        if self.ctrl {
            format!("Ctrl-{}", base.to_uppercase())
        } else {
            base
        }
    }

    fn matches(self, event: &KeyEvent) -> bool {
        let ctrl = event.modifiers.contains(KeyModifiers::CONTROL);
        if ctrl != self.ctrl {
            return false;
        }
        match (self.code, event.code) {
            // Shift is how capitals arrive; the character already says it.
            (KeyCode::Char(a), KeyCode::Char(b)) => a == b || (ctrl && a == b.to_ascii_lowercase()),
            (a, b) => a == b,
        }
    }
}

pub struct Binding {
    pub mode: ModeKind,
    pub keys: Vec<Key>,
    pub action: Action,
    pub help: &'static str,
    /// Shown in the footer as `keys label`, when set.
    pub footer: Option<(&'static str, &'static str)>,
}

impl Binding {
    pub fn key_names(&self) -> String {
        self.keys
            .iter()
            .map(|k| k.name())
            .collect::<Vec<_>>()
            .join(" ")
    }
}

/// Keys that act the same in every mode.
fn global() -> Vec<(Vec<Key>, Action, &'static str)> {
    vec![
        (
            vec![ctrl('c')],
            Action::Quit,
            "quit (a note being edited is kept)",
        ),
        (
            vec![ctrl('z')],
            Action::Suspend,
            "suspend to the shell (fg resumes)",
        ),
    ]
}

#[allow(clippy::too_many_lines)]
fn build() -> Vec<Binding> {
    use ModeKind::{ConfirmQuit, DiskChanged, Help, Normal, Note, Owner, SaveAs};
    let b = |mode, keys: Vec<Key>, action, help, footer| Binding {
        mode,
        keys,
        action,
        help,
        footer,
    };
    let mut table = vec![
        b(
            Normal,
            vec![ch('j'), key(KeyCode::Down)],
            Action::MoveDown,
            "next item",
            Some(("j/k", "move")),
        ),
        b(
            Normal,
            vec![ch('k'), key(KeyCode::Up)],
            Action::MoveUp,
            "previous item",
            None,
        ),
        b(
            Normal,
            vec![ch('g'), key(KeyCode::Home)],
            Action::Top,
            "first item",
            None,
        ),
        b(
            Normal,
            vec![ch('G'), key(KeyCode::End)],
            Action::Bottom,
            "last item",
            None,
        ),
        b(
            Normal,
            vec![key(KeyCode::PageDown)],
            Action::PageDown,
            "a page down",
            None,
        ),
        b(
            Normal,
            vec![key(KeyCode::PageUp)],
            Action::PageUp,
            "a page up",
            None,
        ),
        b(
            Normal,
            vec![key(KeyCode::Tab)],
            Action::NextPane,
            "next pane",
            Some(("Tab", "pane")),
        ),
        b(
            Normal,
            vec![key(KeyCode::BackTab)],
            Action::PrevPane,
            "previous pane",
            None,
        ),
        b(
            Normal,
            vec![ch('J')],
            Action::DetailDown,
            "scroll the detail down",
            None,
        ),
        b(
            Normal,
            vec![ch('K')],
            Action::DetailUp,
            "scroll the detail up",
            None,
        ),
    ];
    for (i, status) in Status::ALL.into_iter().enumerate() {
        let digit = char::from(b'1' + u8::try_from(i).unwrap_or(0));
        let help = match status {
            crate::model::Status::Unreviewed => "status: unreviewed",
            crate::model::Status::Accepted => "status: accepted",
            crate::model::Status::InProgress => "status: in progress",
            crate::model::Status::Complete => "status: complete",
            crate::model::Status::NotAccepted => "status: not accepted",
            crate::model::Status::NotApplicable => "status: not applicable",
        };
        let footer = (i == 0).then_some(("1-6", "status"));
        table.push(b(
            Normal,
            vec![ch(digit)],
            Action::SetStatus(status),
            help,
            footer,
        ));
    }
    table.extend([
        b(
            Normal,
            vec![key(KeyCode::Enter), ch('e')],
            Action::EditNote,
            "edit the note",
            Some(("e", "note")),
        ),
        b(
            Normal,
            vec![ch('o')],
            Action::EditOwner,
            "edit the owner",
            Some(("o", "owner")),
        ),
        b(
            Normal,
            vec![ch('?')],
            Action::Help,
            "this help",
            Some(("?", "help")),
        ),
        b(
            Normal,
            vec![ch('q')],
            Action::Quit,
            "quit",
            Some(("q", "quit")),
        ),
        b(
            Help,
            vec![key(KeyCode::Esc), ch('q'), ch('?')],
            Action::Back,
            "close the help",
            Some(("Esc", "close")),
        ),
        b(
            Help,
            vec![ch('j'), key(KeyCode::Down)],
            Action::MoveDown,
            "scroll down",
            Some(("j/k", "scroll")),
        ),
        b(
            Help,
            vec![ch('k'), key(KeyCode::Up)],
            Action::MoveUp,
            "scroll up",
            None,
        ),
        b(
            Note,
            vec![key(KeyCode::Esc), ctrl('s')],
            Action::KeepNote,
            "keep the note and close the editor",
            Some(("Esc/Ctrl-S", "keep note")),
        ),
        b(
            Owner,
            vec![key(KeyCode::Enter)],
            Action::Accept,
            "keep the owner",
            Some(("Enter", "keep")),
        ),
        b(
            Owner,
            vec![key(KeyCode::Esc)],
            Action::Back,
            "cancel",
            Some(("Esc", "cancel")),
        ),
        b(
            SaveAs,
            vec![key(KeyCode::Enter)],
            Action::Accept,
            "save to this path",
            Some(("Enter", "save")),
        ),
        b(
            SaveAs,
            vec![key(KeyCode::Esc)],
            Action::Back,
            "cancel",
            Some(("Esc", "cancel")),
        ),
        b(
            ConfirmQuit,
            vec![ch('s')],
            Action::SaveElsewhere,
            "save the review to another path",
            Some(("s", "save elsewhere")),
        ),
        b(
            ConfirmQuit,
            vec![ch('y')],
            Action::QuitAnyway,
            "quit and lose the unsaved changes",
            Some(("y", "quit anyway")),
        ),
        b(
            ConfirmQuit,
            vec![key(KeyCode::Esc), ch('n')],
            Action::Back,
            "stay",
            Some(("Esc", "stay")),
        ),
        b(
            DiskChanged,
            vec![ch('m')],
            Action::Merge,
            "merge your changes with the file on disk",
            Some(("m", "merge")),
        ),
        b(
            DiskChanged,
            vec![ch('R')],
            Action::Reload,
            "reload from disk, dropping your unsaved change",
            Some(("R", "reload")),
        ),
        b(
            DiskChanged,
            vec![key(KeyCode::Esc)],
            Action::Back,
            "decide later (nothing is saved meanwhile)",
            Some(("Esc", "later")),
        ),
    ]);
    for mode in [Normal, Help, Note, Owner, ConfirmQuit, SaveAs, DiskChanged] {
        for (keys, action, help) in global() {
            table.push(b(mode, keys, action, help, None));
        }
    }
    table
}

pub fn table() -> &'static [Binding] {
    static TABLE: OnceLock<Vec<Binding>> = OnceLock::new();
    TABLE.get_or_init(build)
}

pub fn bindings(mode: ModeKind) -> impl Iterator<Item = &'static Binding> {
    table().iter().filter(move |b| b.mode == mode)
}

/// The action for a key in a mode. Only presses count: releases and
/// repeats reported by some terminals would act twice.
pub fn action_for(mode: ModeKind, event: KeyEvent) -> Option<Action> {
    if event.kind != KeyEventKind::Press {
        return None;
    }
    let found = bindings(mode)
        .find(|b| b.keys.iter().any(|k| k.matches(&event)))
        .map(|b| b.action.clone());
    match mode {
        ModeKind::Note | ModeKind::Owner | ModeKind::SaveAs => {
            Some(found.unwrap_or(Action::EditorKey(event)))
        }
        _ => found,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn press(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, modifiers)
    }

    #[test]
    fn vim_keys_and_arrows_both_move() {
        let down = Some(Action::MoveDown);
        assert_eq!(
            action_for(
                ModeKind::Normal,
                press(KeyCode::Char('j'), KeyModifiers::NONE)
            ),
            down
        );
        assert_eq!(
            action_for(ModeKind::Normal, press(KeyCode::Down, KeyModifiers::NONE)),
            down
        );
        assert_eq!(
            action_for(
                ModeKind::Normal,
                press(KeyCode::Char('G'), KeyModifiers::SHIFT)
            ),
            Some(Action::Bottom)
        );
    }

    #[test]
    fn digits_pick_statuses_in_format_order() {
        for (i, status) in Status::ALL.into_iter().enumerate() {
            let c = char::from(b'1' + u8::try_from(i).expect("small"));
            assert_eq!(
                action_for(
                    ModeKind::Normal,
                    press(KeyCode::Char(c), KeyModifiers::NONE)
                ),
                Some(Action::SetStatus(status))
            );
        }
    }

    #[test]
    fn releases_are_ignored() {
        let mut event = press(KeyCode::Char('j'), KeyModifiers::NONE);
        event.kind = KeyEventKind::Release;
        assert_eq!(action_for(ModeKind::Normal, event), None);
    }

    #[test]
    fn the_note_editor_takes_letters_and_enter_but_esc_keeps() {
        let q = press(KeyCode::Char('q'), KeyModifiers::NONE);
        assert_eq!(action_for(ModeKind::Note, q), Some(Action::EditorKey(q)));
        let enter = press(KeyCode::Enter, KeyModifiers::NONE);
        assert_eq!(
            action_for(ModeKind::Note, enter),
            Some(Action::EditorKey(enter))
        );
        let esc = press(KeyCode::Esc, KeyModifiers::NONE);
        assert_eq!(action_for(ModeKind::Note, esc), Some(Action::KeepNote));
        let save = press(KeyCode::Char('s'), KeyModifiers::CONTROL);
        assert_eq!(action_for(ModeKind::Note, save), Some(Action::KeepNote));
    }

    #[test]
    fn no_key_is_bound_twice_in_a_mode() {
        let mut seen = std::collections::HashSet::new();
        for b in table() {
            for k in &b.keys {
                assert!(
                    seen.insert((b.mode, k.name())),
                    "{:?} {} bound twice",
                    b.mode,
                    k.name()
                );
            }
        }
    }
}
