//! Any bytes given to `load_inspection` end in `Ok` or `Err`: never a
//! panic, a hang or a blow-up.
//!
//! ```sh
//! cargo fuzz run -s none inspection -- -runs=1000000 -max_len=65536 \
//!     -timeout=5 -rss_limit_mb=2048 -dict=fuzz/yaml.dict
//! ```

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    match scrutiny::files::load_inspection(data) {
        Ok(inspection) => {
            // A loaded inspection holds what the loader promises.
            assert!(!inspection.meta.id.is_empty(), "an inspection with no id");
            assert!(
                !inspection.meta.title.trim().is_empty(),
                "an inspection with no title"
            );
            assert!(!inspection.items.is_empty(), "an inspection with no items");
        }
        Err(problems) => {
            assert!(!problems.0.is_empty(), "an Err with no diagnostics");
            // Rendering points at lines; it must not panic either.
            let _ = problems.render("fuzz.yaml");
        }
    }
});
