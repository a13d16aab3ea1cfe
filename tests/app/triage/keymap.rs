//! User keymaps from `config.toml`: remapped keys, every error named at its
//! line; and the README's key table against the default keys.

use super::*;

// =========================================================== keymap config

fn config_errors(text: &str) -> Vec<String> {
    Keymap::from_config(text, CONFIG)
        .expect_err("the configuration is invalid")
        .0
}

#[test]
fn a_remapped_quit_key_quits_and_the_old_one_does_nothing() {
    let mut app = example();
    app = app.with_keys(Keymap::from_config("[normal]\nleave = [\"Q\"]\n", CONFIG).expect("valid"));
    assert_eq!(press(&mut app, key(KeyCode::Char('q'))), []);
    assert!(!app.quitting());
    assert_eq!(press(&mut app, key(KeyCode::Char('Q'))), [Effect::Quit]);
    assert!(app.quitting());
}

#[test]
fn a_remap_applies_only_to_its_mode_and_action() {
    let mut app = example();
    app = app.with_keys(Keymap::from_config(
        "# my keys\n\n[normal]\nmove_down = [\"ctrl-n\", \"down\"]\nmark = \"m\"\n\n[filter]\nback = \"x\"\n",
        CONFIG,
    )
    .expect("valid"));
    press(
        &mut app,
        KeyEvent::new(KeyCode::Char('n'), KeyModifiers::CONTROL),
    );
    assert_eq!(app.selected_id(), Some("F2"));
    press(&mut app, key(KeyCode::Char('j')));
    assert_eq!(app.selected_id(), Some("F2"), "j is no longer bound");
    press(&mut app, key(KeyCode::Char('m')));
    assert!(app.marks().contains("F2"));
    press(&mut app, key(KeyCode::Char(' ')));
    assert_eq!(app.marks().len(), 1, "space is no longer mark");
    press(&mut app, key(KeyCode::Char('f')));
    assert_eq!(app.mode().kind(), ModeKind::FilterMenu);
    press(&mut app, key(KeyCode::Esc));
    assert_eq!(app.mode().kind(), ModeKind::FilterMenu, "Esc replaced by x");
    press(&mut app, key(KeyCode::Char('x')));
    assert_eq!(app.mode().kind(), ModeKind::Normal);
    // Keys of other actions are untouched.
    press(&mut app, key(KeyCode::Esc));
    assert!(app.marks().is_empty());
    press(&mut app, key(KeyCode::Char('2')));
    assert_eq!(app.status("F3"), Status::Accepted);
    // The footer follows the keys in force.
    let footer = app.keys().footer(ModeKind::Normal);
    assert!(footer.contains(&("m".to_owned(), "mark")), "{footer:?}");
    assert!(
        footer.contains(&("Ctrl-N/k".to_owned(), "move")),
        "{footer:?}"
    );
}

#[test]
fn an_unknown_action_names_its_line() {
    let err = config_errors("[normal]\nquit = \"Q\"\n\nfly_away = \"y\"\n");
    assert_eq!(err.len(), 1, "{err:?}");
    assert!(
        err[0].starts_with(&format!("{CONFIG}:4: unknown action `fly_away`")),
        "{err:?}"
    );
    assert!(err[0].contains("move_down"), "lists the actions: {err:?}");
}

#[test]
fn an_unreadable_key_names_its_line() {
    let err = config_errors("[normal]\nquit = \"Q\"\nmark = [\"m\", \"hyper-m\"]\n");
    assert_eq!(err.len(), 1, "{err:?}");
    assert!(
        err[0].starts_with(&format!("{CONFIG}:3: cannot read the key `hyper-m`")),
        "{err:?}"
    );
    let err = config_errors("[help]\n\n\nback = \"ctrl-\"\n");
    assert!(
        err[0].starts_with(&format!("{CONFIG}:4: cannot read the key `ctrl-`")),
        "{err:?}"
    );
}

#[test]
fn an_unknown_mode_names_its_line() {
    let err = config_errors("[normal]\nquit = \"Q\"\n\n[visual]\nquit = \"q\"\n");
    assert_eq!(err.len(), 1, "{err:?}");
    assert!(
        err[0].starts_with(&format!("{CONFIG}:4: unknown mode `visual`")),
        "{err:?}"
    );
    assert!(err[0].contains("normal"), "lists the modes: {err:?}");
}

#[test]
fn toml_syntax_errors_name_their_line() {
    let err = config_errors("[normal]\nquit = \"Q\"\nmark = = \"m\"\n");
    assert_eq!(err.len(), 1, "{err:?}");
    assert!(err[0].starts_with(&format!("{CONFIG}:3: ")), "{err:?}");
    let err = config_errors("[normal]\nquit = 5\n");
    assert!(err[0].starts_with(&format!("{CONFIG}:2: ")), "{err:?}");
    let err = config_errors("normal = 1\n");
    assert!(err[0].starts_with(&format!("{CONFIG}:1: ")), "{err:?}");
}

#[test]
fn every_problem_is_reported_at_once() {
    let err = config_errors("[normal]\nfly = \"x\"\nmark = \"hyper-m\"\n[visual]\nquit = \"q\"\n");
    assert_eq!(err.len(), 3, "{err:?}");
    let joined = Keymap::from_config("[visual]\n", CONFIG)
        .expect_err("invalid")
        .to_string();
    assert!(joined.starts_with(&format!("{CONFIG}:1:")), "{joined}");
}

#[test]
fn a_key_bound_twice_in_a_mode_is_an_error() {
    // Against a default binding.
    let err = config_errors("[normal]\nmark = \"j\"\n");
    assert_eq!(err.len(), 1, "{err:?}");
    assert!(
        err[0].starts_with(&format!("{CONFIG}:2: the key j is bound twice in [normal]")),
        "{err:?}"
    );
    assert!(err[0].contains("`move_down` (a default)"), "{err:?}");
    assert!(err[0].contains("`mark` (line 2)"), "{err:?}");
    // Two of the user's own.
    let err = config_errors("[normal]\nquit = \"Q\"\nmark = \"Q\"\n");
    assert_eq!(err.len(), 1, "{err:?}");
    assert!(err[0].contains("the key Q is bound twice"), "{err:?}");
    assert!(
        err[0].contains("line 2") && err[0].contains("line 3"),
        "{err:?}"
    );
    // The same key in two modes is fine.
    Keymap::from_config("[normal]\nquit = \"Q\"\n[filter]\nback = \"x\"\n", CONFIG)
        .expect("different modes");
    // Moving a key away first frees it.
    Keymap::from_config("[normal]\nmove_down = \"down\"\nmark = \"j\"\n", CONFIG)
        .expect("j was freed");
}

#[test]
fn describe_lists_every_mode_and_the_keys_in_force() {
    let default = Keymap::default().describe();
    for mode in ModeKind::ALL {
        assert!(
            default.contains(&format!("[{}]\n", mode.name())),
            "{} missing:\n{default}",
            mode.name()
        );
    }
    let quit_line = |text: &str| -> String {
        let normal = text
            .split("\n\n")
            .find(|s| s.starts_with("[normal]"))
            .expect("a normal section")
            .to_owned();
        normal
            .lines()
            .find(|l| l.split_whitespace().any(|word| word == "leave"))
            .expect("a leave line")
            .to_owned()
    };
    assert!(
        quit_line(&default).trim_start().starts_with("q "),
        "{default}"
    );
    let mine = Keymap::from_config("[normal]\nleave = [\"Q\", \"ctrl-q\"]\n", CONFIG)
        .expect("valid")
        .describe();
    let line = quit_line(&mine);
    assert!(line.trim_start().starts_with("Q Ctrl-Q "), "{line}");
    assert!(!line.contains(" q "), "{line}");
    // Every action bound by default appears with its name.
    for name in [
        "move_down",
        "search",
        "filter",
        "mark_all",
        "undo",
        "redo",
        "jump_back",
    ] {
        assert!(default.contains(name), "{name}:\n{default}");
    }
}

// ============================================================ the README

fn readme() -> String {
    std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).expect("the README")
}

#[test]
fn the_readme_lists_the_default_keys_as_scrutiny_keys_prints_them() {
    let readme = readme();
    let from = "The defaults:\n\n```\n";
    let start = readme.find(from).expect("the excerpt") + from.len();
    let end = start + readme[start..].find("```\n").expect("the excerpt's end");
    assert_eq!(
        &readme[start..end],
        format!("{}\n", Keymap::default().describe().trim_end()),
        "README.md: put `scrutiny keys` (with no config) in the excerpt"
    );
}

/// What each row of the README's key table is about, in order: the
/// actions, as `mode.action` or `action` for the lists, whose keys the row
/// names. Every key the row names must be one of theirs, and each one's
/// first key must be named.
const README_ROWS: &[&[&str]] = &[
    &[
        "move_down",
        "move_up",
        "top",
        "bottom",
        "page_down",
        "page_up",
    ],
    &["next_pane", "prev_pane"],
    &[
        "detail_down",
        "detail_up",
        "detail_page_down",
        "detail_page_up",
    ],
    &["fold_note"],
    &["status_unreviewed", "status_not_applicable"],
    &[
        "edit_note",
        "open",
        "note.keep_note",
        "note.discard_note",
        "note.show_item",
        "note.detail_down",
        "note.detail_up",
        "note.detail_page_down",
        "note.detail_page_up",
        "note.external_editor",
    ],
    &["external_editor"],
    &["edit_owner", "owner.accept", "owner.back", "owner.complete"],
    &["append_note", "append.accept"],
    &["search", "search.accept", "search.back"],
    &["next_match", "prev_match"],
    &[
        "filter",
        "clear_view",
        "filter.toggle",
        "pick.move_down",
        "pick.move_up",
        "pick.top",
        "pick.bottom",
        "pick.accept",
        "pick.back",
        "pick_typed.top",
        "pick_typed.bottom",
    ],
    &["unreviewed_only"],
    &["sort", "reverse_sort"],
    &["mark", "mark_all", "back", "edit_owner", "append_note"],
    &["undo", "redo"],
    &["next_link", "prev_link", "open", "jump_back"],
    &["summary", "summary.move_down", "summary.move_up"],
    &["history", "history.move_down", "history.move_up"],
    &["inspection", "inspection.open_url"],
    &["keep_mine", "keep_theirs", "keep_both", "next_conflict"],
    &["narrow_lists", "widen_lists"],
    &[
        "rag",
        "rag.rag_red",
        "rag.rag_amber",
        "rag.rag_green",
        "rag.rag_clear",
    ],
    &["revise_due"],
    &["add_evidence"],
    &["add_update", "update.accept"],
    &["sign_off"],
    &[
        "changes",
        "changes_pick.day_earlier",
        "changes_pick.day_later",
        "changes_pick.week_earlier",
        "changes_pick.week_later",
        "changes_pick.month_earlier",
        "changes_pick.month_later",
        "changes_pick.accept",
    ],
    &["response"],
    &[
        "export_draft",
        "export.export_response",
        "export.export_word",
        "export.export_working_draft",
    ],
    &["save_elsewhere"],
    &["take_over"],
    &["merge_copies"],
    &["help", "help.search"],
    &["leave", "quit"],
    &[
        "portfolio.search",
        "portfolio.reload",
        "portfolio.changes",
        "portfolio.register",
        "portfolio.help",
    ],
    &[
        "all_kinds",
        "link",
        "link_pick.accept",
        "link_pick.back",
        "relation.link_repeats",
        "relation.link_duplicate_of",
        "relation.link_supersedes",
        "relation.link_superseded_by",
        "alike",
        "alike.accept",
        "alike.dismiss",
    ],
    &["suspend"],
];

/// Words in backticks in the key table that are not keys.
const NOT_KEYS: &[&str] = &["fg"];

#[test]
fn the_readme_key_table_names_the_default_keys() {
    let readme = readme();
    let table: Vec<&str> = readme
        .split("\n| keys | action |\n| --- | --- |\n")
        .nth(1)
        .expect("the key table")
        .lines()
        .take_while(|l| l.starts_with('|'))
        .collect();
    assert_eq!(
        table.len(),
        README_ROWS.len(),
        "README.md's key table has rows README_ROWS does not describe:\n{}",
        table.join("\n")
    );
    let keys = Keymap::default();
    for (row, wanted) in table.iter().zip(README_ROWS) {
        let named: Vec<&str> = row
            .split('`')
            .skip(1)
            .step_by(2)
            .filter(|word| !NOT_KEYS.contains(word))
            .collect();
        let mut bound = Vec::new();
        for name in *wanted {
            let (mode, action) = name.split_once('.').unwrap_or(("normal", name));
            let mode = ModeKind::ALL
                .into_iter()
                .find(|m| m.name() == mode)
                .expect("a mode");
            let action = &scrutiny::tui::keymap::actions()
                .iter()
                .find(|n| n.name == action)
                .expect("an action")
                .action;
            let first = keys.first_key(mode, action).expect("a default key").name();
            assert!(
                named.contains(&first.as_str()),
                "{row}\ndoes not name {first}"
            );
            bound.extend(
                keys.bindings(mode)
                    .filter(|b| b.action == *action)
                    .flat_map(|b| b.keys.iter().map(|k| k.name())),
            );
        }
        for word in named {
            assert!(
                bound.iter().any(|k| k == word),
                "{row}\nnames `{word}`, which is none of {wanted:?}'s keys ({bound:?})"
            );
        }
    }
}
