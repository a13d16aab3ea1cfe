//! Taking over the terminal and giving it back on every way out.

use std::io::{self, Stdout, stdout};
use std::sync::atomic::{AtomicBool, Ordering};

use crossterm::event::{
    DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
};
use crossterm::execute;
use crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;

pub type Tui = Terminal<CrosstermBackend<Stdout>>;

/// Raw mode, the alternate screen, and bracketed paste so a pasted note
/// arrives as text rather than as keys.
pub fn enter() -> io::Result<()> {
    ENTERED.store(true, Ordering::SeqCst);
    enable_raw_mode()?;
    execute!(stdout(), EnterAlternateScreen, EnableBracketedPaste)?;
    if MOUSE.load(Ordering::SeqCst) {
        execute!(stdout(), EnableMouseCapture)?;
    }
    Ok(())
}

/// Whether scrutiny takes the mouse (off with `--no-mouse`).
static MOUSE: AtomicBool = AtomicBool::new(false);

/// Whether the terminal is ours. Leaving twice would do harm: a second
/// "leave the alternate screen" restores the cursor saved on entry, and
/// what was printed since (a panic message) would be overwritten.
static ENTERED: AtomicBool = AtomicBool::new(false);

/// Undo `enter`. Safe to call more than once: only the first call acts.
pub fn leave() {
    if !ENTERED.swap(false, Ordering::SeqCst) {
        return;
    }
    let _ = execute!(
        stdout(),
        DisableMouseCapture,
        DisableBracketedPaste,
        LeaveAlternateScreen,
        crossterm::cursor::Show
    );
    let _ = disable_raw_mode();
}

/// Restores the terminal when dropped, however the scope is left.
pub struct Guard;

impl Drop for Guard {
    fn drop(&mut self) {
        leave();
    }
}

/// Set up the terminal; the guard restores it.
pub fn init(mouse: bool) -> io::Result<(Tui, Guard)> {
    MOUSE.store(mouse, Ordering::SeqCst);
    install_panic_hook();
    // The guard comes first: a setup that fails half way (raw mode on, the
    // alternate screen refused) is undone as the error returns.
    let guard = Guard;
    enter()?;
    let terminal = Terminal::new(CrosstermBackend::new(stdout()))?;
    Ok((terminal, guard))
}

/// A panic restores the terminal before its message is printed, so the
/// message is readable and the shell usable. Installed once, however often
/// the terminal is taken (the progress view, then the review).
fn install_panic_hook() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            leave();
            previous(info);
        }));
    });
}

/// Ctrl-Z: give the terminal back, stop, and take it again on `fg`.
#[cfg(unix)]
pub fn suspend(terminal: &mut Tui) -> io::Result<()> {
    leave();
    signal_hook::low_level::raise(signal_hook::consts::SIGTSTP)?;
    enter()?;
    terminal.clear()
}

/// Windows consoles have no job control (no SIGTSTP, no `fg`): Ctrl-Z
/// leaves the screen as it is.
#[cfg(windows)]
pub fn suspend(_terminal: &mut Tui) -> io::Result<()> {
    Ok(())
}

/// Hand the terminal to `command` (the external editor) and take it back
/// once it exits, whether or not it could run.
pub fn run_outside(
    terminal: &mut Tui,
    command: &mut std::process::Command,
) -> io::Result<std::process::ExitStatus> {
    leave();
    let status = command.status();
    enter()?;
    terminal.clear()?;
    status
}
