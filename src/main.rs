//! The `scrutiny` command: everything happens in `scrutiny::cli`.

fn main() -> std::process::ExitCode {
    scrutiny::cli::run()
}
