//! The user's own keys, from `config.toml`:
//!
//! ```toml
//! [normal]
//! move_down = ["j", "down", "ctrl-n"]
//! quit = "ctrl-q"
//! ```
//!
//! Each entry gives the keys of one action in one mode, replacing that
//! action's default keys there. A key left bound to two actions in a mode
//! is an error, never a silent override.
//!
//! One table is not a mode: `[display]`, with `due_soon_days = 14`, the
//! days or fewer before a date at which it shows as due soon.

use std::collections::{BTreeMap, HashMap};

use crossterm::event::KeyCode;
use serde::Deserialize;
use toml::Spanned;

use super::{Binding, Key, Keymap, actions};
use crate::tui::action::ModeKind;

/// Every problem in a configuration file, each naming its line.
#[derive(Debug, thiserror::Error)]
#[error("{}", .0.join("\n"))]
pub struct ConfigError(pub Vec<String>);

#[derive(Deserialize)]
#[serde(untagged)]
enum Keys {
    One(String),
    Many(Vec<String>),
    /// Only for `[display]`.
    Number(i64),
}

type Document = BTreeMap<Spanned<String>, BTreeMap<Spanned<String>, Spanned<Keys>>>;

/// The most days ahead that can count as soon: ten years.
const MOST_SOON_DAYS: i64 = 3650;

fn line_of(text: &str, offset: usize) -> usize {
    text[..offset.min(text.len())].matches('\n').count() + 1
}

impl Keymap {
    /// The default keys with the configuration in `text` applied. `path`
    /// names the file in messages.
    pub fn from_config(text: &str, path: &str) -> Result<Keymap, ConfigError> {
        let document: Document = toml::from_str(text).map_err(|e| {
            let line = e.span().map_or(0, |s| line_of(text, s.start));
            ConfigError(vec![format!("{path}:{line}: {}", e.message())])
        })?;
        let mut problems = Vec::new();
        let mut keymap = Keymap::default();
        let names = actions();
        for (mode_name, entries) in &document {
            let mode_line = line_of(text, mode_name.span().start);
            if mode_name.get_ref() == "display" {
                for (name, value) in entries {
                    let line = line_of(text, name.span().start);
                    match (name.get_ref().as_str(), value.get_ref()) {
                        ("due_soon_days", Keys::Number(days)) if (0..=MOST_SOON_DAYS).contains(days) => {
                            keymap.due_soon_days = *days;
                        }
                        ("due_soon_days", _) => problems.push(format!(
                            "{path}:{line}: `due_soon_days` is a whole number of days from 0 to {MOST_SOON_DAYS}, such as 14"
                        )),
                        (other, _) => problems.push(format!(
                            "{path}:{line}: unknown display setting `{}`; the one there is: due_soon_days",
                            crate::text::inert_line(other)
                        )),
                    }
                }
                continue;
            }
            let Some(mode) = ModeKind::ALL
                .into_iter()
                .find(|m| m.name() == mode_name.get_ref())
            else {
                let modes: Vec<&str> = ModeKind::ALL.iter().map(|m| m.name()).collect();
                problems.push(format!(
                    "{path}:{mode_line}: unknown mode `{}`; the modes are {}",
                    crate::text::inert_line(mode_name.get_ref()),
                    modes.join(", ")
                ));
                continue;
            };
            for (action_name, keys) in entries {
                let line = line_of(text, action_name.span().start);
                let Some(found) = names.iter().find(|n| n.name == action_name.get_ref()) else {
                    let all: Vec<&str> = names.iter().map(|n| n.name).collect();
                    problems.push(format!(
                        "{path}:{line}: unknown action `{}`; the actions are {}",
                        crate::text::inert_line(action_name.get_ref()),
                        all.join(", ")
                    ));
                    continue;
                };
                let texts = match keys.get_ref() {
                    Keys::One(one) => vec![one.clone()],
                    Keys::Many(many) => many.clone(),
                    Keys::Number(_) => {
                        problems.push(format!(
                            "{path}:{line}: keys are written as text, such as \"j\" or [\"j\", \"down\"]"
                        ));
                        continue;
                    }
                };
                let mut parsed = Vec::new();
                for text in &texts {
                    match parse_key(text) {
                        Ok(key) => parsed.push(key),
                        Err(why) => problems.push(format!(
                            "{path}:{line}: cannot read the key `{}`: {why}",
                            crate::text::inert_line(text)
                        )),
                    }
                }
                match keymap
                    .bindings
                    .iter_mut()
                    .find(|b| b.mode == mode && b.action == found.action && !b.fixed)
                {
                    Some(binding) => {
                        binding.keys = parsed;
                        binding.line = Some(line);
                    }
                    None => keymap.bindings.push(Binding {
                        mode,
                        keys: parsed,
                        action: found.action,
                        help: super::help_for(mode, &found.action).to_owned(),
                        line: Some(line),
                        fixed: false,
                    }),
                }
            }
        }
        problems.extend(keymap.clashes(path));
        if problems.is_empty() {
            Ok(keymap)
        } else {
            Err(ConfigError(problems))
        }
    }

    /// Keys bound to two actions in one mode.
    fn clashes(&self, path: &str) -> Vec<String> {
        let mut problems = Vec::new();
        for mode in ModeKind::ALL {
            let mut seen: HashMap<Key, &Binding> = HashMap::new();
            for binding in self.bindings(mode) {
                for key in &binding.keys {
                    if let Some(first) = seen.insert(*key, binding) {
                        let describe = |b: &Binding| {
                            let name = super::action_name(&b.action).unwrap_or("?");
                            match b.line {
                                Some(line) => format!("`{name}` (line {line})"),
                                None => format!("`{name}` (a default)"),
                            }
                        };
                        let line = binding.line.or(first.line).unwrap_or(0);
                        problems.push(format!(
                            "{path}:{line}: the key {} is bound twice in [{}]: to {} and to {}; give one of them other keys",
                            key.name(),
                            mode.name(),
                            describe(first),
                            describe(binding)
                        ));
                    }
                }
            }
        }
        problems
    }
}

/// Read a key as written in the config file: `j`, `J`, `?`, `space`,
/// `enter`, `esc`, `tab`, `shift-tab`, `up`, `pgdn`, `f5`, `ctrl-r`,
/// `alt-x`, `ctrl-alt-x`.
pub fn parse_key(text: &str) -> Result<Key, String> {
    let mut rest = text;
    let (mut ctrl, mut alt, mut shift) = (false, false, false);
    loop {
        let lower = rest.to_ascii_lowercase();
        if let Some(after) = lower.strip_prefix("ctrl-") {
            ctrl = true;
            rest = &rest[rest.len() - after.len()..];
        } else if let Some(after) = lower.strip_prefix("alt-") {
            alt = true;
            rest = &rest[rest.len() - after.len()..];
        } else if let Some(after) = lower.strip_prefix("shift-") {
            shift = true;
            rest = &rest[rest.len() - after.len()..];
        } else {
            break;
        }
    }
    let mut chars = rest.chars();
    let code = match (chars.next(), chars.next()) {
        (None, _) => return Err("no key after the modifiers".into()),
        (Some(c), None) => {
            let c = if shift { c.to_ascii_uppercase() } else { c };
            // Control keys arrive as lower-case letters.
            KeyCode::Char(if ctrl { c.to_ascii_lowercase() } else { c })
        }
        _ => match rest.to_ascii_lowercase().as_str() {
            "space" => KeyCode::Char(' '),
            "enter" | "return" => KeyCode::Enter,
            "esc" | "escape" => KeyCode::Esc,
            "tab" if shift => KeyCode::BackTab,
            "tab" => KeyCode::Tab,
            "backtab" => KeyCode::BackTab,
            "up" => KeyCode::Up,
            "down" => KeyCode::Down,
            "left" => KeyCode::Left,
            "right" => KeyCode::Right,
            "home" => KeyCode::Home,
            "end" => KeyCode::End,
            "pgup" | "pageup" => KeyCode::PageUp,
            "pgdn" | "pagedown" => KeyCode::PageDown,
            "backspace" => KeyCode::Backspace,
            "delete" | "del" => KeyCode::Delete,
            "insert" | "ins" => KeyCode::Insert,
            f if f.starts_with('f')
                && f[1..].parse::<u8>().is_ok_and(|n| (1..=12).contains(&n)) =>
            {
                KeyCode::F(f[1..].parse().unwrap_or(1))
            }
            other => {
                return Err(format!(
                    "`{}` is not a key name; use one character or space, enter, esc, tab, up, down, left, right, home, end, pgup, pgdn, backspace, delete, insert or f1-f12, after ctrl-, alt- or shift-",
                    crate::text::inert_line(other)
                ));
            }
        },
    };
    Ok(Key { code, ctrl, alt })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::action::Action;
    use crossterm::event::{KeyEvent, KeyModifiers};

    #[test]
    fn keys_parse_with_modifiers_and_names() {
        assert_eq!(
            parse_key("j"),
            Ok(Key {
                code: KeyCode::Char('j'),
                ctrl: false,
                alt: false
            })
        );
        assert_eq!(
            parse_key("ctrl-R"),
            Ok(Key {
                code: KeyCode::Char('r'),
                ctrl: true,
                alt: false
            })
        );
        assert_eq!(parse_key("shift-tab").map(|k| k.code), Ok(KeyCode::BackTab));
        assert_eq!(parse_key("shift-j").map(|k| k.code), Ok(KeyCode::Char('J')));
        assert_eq!(parse_key("pgdn").map(|k| k.code), Ok(KeyCode::PageDown));
        assert_eq!(parse_key("f5").map(|k| k.code), Ok(KeyCode::F(5)));
        assert!(parse_key("ctrl-").is_err());
        assert!(parse_key("hyper-x").is_err());
    }

    #[test]
    fn a_remap_replaces_the_actions_keys_in_that_mode() {
        let keys = Keymap::from_config(
            "[normal]\nleave = [\"Q\"]\nmove_down = [\"j\", \"ctrl-n\"]\n",
            "c.toml",
        )
        .expect("valid");
        let press = |c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
        assert_eq!(
            keys.action_for(ModeKind::Normal, press('Q')),
            Some(Action::Leave)
        );
        assert_eq!(keys.action_for(ModeKind::Normal, press('q')), None);
        let ctrl_n = KeyEvent::new(KeyCode::Char('n'), KeyModifiers::CONTROL);
        assert_eq!(
            keys.action_for(ModeKind::Normal, ctrl_n),
            Some(Action::MoveDown)
        );
        assert!(keys.describe().contains("Ctrl-N"));
    }

    #[test]
    fn errors_name_the_line() {
        let text = "[normal]\nquit = [\"q\"]\nfly = \"x\"\nmark = \"ctrl-\"\n";
        let err = Keymap::from_config(text, "c.toml").expect_err("invalid").0;
        assert!(
            err.iter()
                .any(|e| e.starts_with("c.toml:3: unknown action `fly`")),
            "{err:?}"
        );
        assert!(
            err.iter()
                .any(|e| e.starts_with("c.toml:4: cannot read the key `ctrl-`")),
            "{err:?}"
        );
    }

    #[test]
    fn a_key_bound_twice_is_an_error_not_an_override() {
        let err = Keymap::from_config("[normal]\n\nmark = \"j\"\n", "c.toml")
            .expect_err("clash")
            .0;
        assert_eq!(err.len(), 1, "{err:?}");
        assert!(
            err[0].starts_with("c.toml:3: the key j is bound twice in [normal]"),
            "{err:?}"
        );
    }

    #[test]
    fn ctrl_c_always_quits_whatever_is_remapped_but_in_the_note_editor_leaves_it() {
        let text = "[normal]\nquit = \"Q\"\n[note]\nquit = \"ctrl-q\"\n";
        let keys = Keymap::from_config(text, "c.toml").expect("valid");
        let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
        assert_eq!(
            keys.action_for(ModeKind::Normal, ctrl_c),
            Some(Action::Quit)
        );
        // In the note editor Ctrl-C leaves the editor (asking first), not
        // the app; a key of the user's own may still quit there.
        assert_eq!(
            keys.action_for(ModeKind::Note, ctrl_c),
            Some(Action::DiscardNote)
        );
        let ctrl_q = KeyEvent::new(KeyCode::Char('q'), KeyModifiers::CONTROL);
        assert_eq!(keys.action_for(ModeKind::Note, ctrl_q), Some(Action::Quit));
        let err = Keymap::from_config("[normal]\nmark = \"ctrl-c\"\n", "c.toml")
            .expect_err("clash")
            .0;
        assert!(err[0].contains("bound twice"), "{err:?}");
    }

    #[test]
    fn toml_syntax_errors_name_the_line() {
        let err = Keymap::from_config("[normal]\nquit = [\"q\"\n", "c.toml")
            .expect_err("bad toml")
            .0;
        assert!(
            err[0].starts_with("c.toml:2:") || err[0].starts_with("c.toml:3:"),
            "{err:?}"
        );
    }

    #[test]
    fn the_display_table_sets_when_a_date_is_due_soon() {
        let keys = Keymap::from_config("[display]\ndue_soon_days = 7\n", "c.toml").expect("valid");
        assert_eq!(keys.due_soon_days(), 7);
        assert_eq!(
            Keymap::default().due_soon_days(),
            super::super::DUE_SOON_DAYS
        );
        for (text, why) in [
            (
                "[display]\ndue_soon_days = -1\n",
                "c.toml:2: `due_soon_days` is a whole number",
            ),
            (
                "[display]\ndue_soon_days = \"7\"\n",
                "c.toml:2: `due_soon_days` is a whole number",
            ),
            (
                "[display]\nsoon = 7\n",
                "c.toml:2: unknown display setting `soon`",
            ),
            ("[normal]\nquit = 7\n", "c.toml:2: keys are written as text"),
        ] {
            let err = Keymap::from_config(text, "c.toml")
                .expect_err(text)
                .to_string();
            assert!(err.starts_with(why), "{text}: {err}");
        }
    }

    #[test]
    fn unknown_modes_are_named() {
        let err = Keymap::from_config("[nromal]\nquit = \"q\"\n", "c.toml")
            .expect_err("bad mode")
            .0;
        assert!(
            err[0].starts_with("c.toml:1: unknown mode `nromal`"),
            "{err:?}"
        );
    }
}
