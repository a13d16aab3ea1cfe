//! The layers the crate doc (`src/lib.rs`) describes, held to by the code:
//! each top-level module uses only those below it, so there is no cycle
//! between them, and `model` reads and writes nothing.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Each layer, and the layers it may use.
const MAY_USE: [(&str, &[&str]); 7] = [
    ("text", &[]),
    ("model", &["text"]),
    ("files", &["model", "text"]),
    ("export", &["model", "text"]),
    ("import", &["files", "model", "text"]),
    ("tui", &["files", "export", "import", "model", "text"]),
    (
        "cli",
        &["files", "export", "import", "model", "text", "tui"],
    ),
];

/// The layers each layer's source names as `crate::LAYER`, outside tests.
fn used() -> BTreeMap<String, BTreeSet<String>> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut found: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut stack = vec![src.clone()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("read src/") {
            let path = entry.expect("an entry").path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            if path.extension().is_none_or(|e| e != "rs") {
                continue;
            }
            let relative = path.strip_prefix(&src).expect("under src/");
            let layer = relative
                .components()
                .next()
                .and_then(|c| c.as_os_str().to_str())
                .unwrap_or_default()
                .trim_end_matches(".rs")
                .to_owned();
            if layer == "lib" || layer == "main" {
                continue;
            }
            let text = std::fs::read_to_string(&path).expect("read a source file");
            let code = text.split("#[cfg(test)]").next().unwrap_or_default();
            for line in code.lines().filter(|l| !l.trim_start().starts_with("//")) {
                for (at, _) in line.match_indices("crate::") {
                    let name: String = line[at + "crate::".len()..]
                        .chars()
                        .take_while(|c| c.is_ascii_lowercase() || *c == '_')
                        .collect();
                    // `crate::errln!` and the like are macros, not layers.
                    let macro_call = line[at + "crate::".len() + name.len()..].starts_with('!');
                    if !name.is_empty() && name != layer && !macro_call {
                        found.entry(layer.clone()).or_default().insert(name);
                    }
                }
            }
        }
    }
    found
}

#[test]
fn each_layer_uses_only_the_layers_below_it() {
    let used = used();
    for (layer, names) in &used {
        let Some((_, allowed)) = MAY_USE.iter().find(|(name, _)| name == layer) else {
            panic!("src/{layer} is a layer the crate doc does not name");
        };
        for name in names {
            assert!(
                allowed.contains(&name.as_str()),
                "src/{layer} uses crate::{name}, which is not below it (it may use {allowed:?})"
            );
        }
    }
    // The check reads what it should: the TUI does use the files.
    assert!(
        used.get("tui").is_some_and(|n| n.contains("files")),
        "{used:?}"
    );
}
