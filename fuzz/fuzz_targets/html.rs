//! Any bytes given to `import::html::text_of`, as a saved web page, end in
//! text (never a panic), and that text goes through the importer the same
//! way: a hostile page can make a poor import, never a crash.
//!
//! ```sh
//! cargo fuzz run -s none html -- -runs=1000000 -max_len=65536 -timeout=5
//! ```

#![no_main]

use libfuzzer_sys::fuzz_target;
use scrutiny::import::{html, read};

fuzz_target!(|data: &[u8]| {
    let page = String::from_utf8_lossy(data);
    let text = html::text_of(&page);
    let _ = read(&text, None);
});
