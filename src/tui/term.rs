//! Taking the terminal and always giving it back: on quit, on error, on panic,
//! and on SIGTERM, SIGHUP, SIGINT and SIGQUIT.

use std::io::{self, Write};
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};

use ratatui::crossterm::event::{
    DisableBracketedPaste, DisableFocusChange, DisableMouseCapture, EnableBracketedPaste,
    EnableFocusChange, EnableMouseCapture,
};
use ratatui::crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::crossterm::{cursor, execute};

/// The terminal is in raw mode on the alternate screen.
static ACTIVE: AtomicBool = AtomicBool::new(false);
/// Held while a frame is written, so a signal never restores mid-frame.
pub static OUTPUT: Mutex<()> = Mutex::new(());

/// Owns the terminal's modes; dropping it gives them back.
pub struct Guard(());

impl Guard {
    pub(crate) fn enter() -> io::Result<Guard> {
        install_panic_hook();
        install_signal_handler()?;
        enable_raw_mode()?;
        ACTIVE.store(true, Ordering::SeqCst);
        let guard = Guard(());
        execute!(
            io::stdout(),
            EnterAlternateScreen,
            EnableMouseCapture,
            EnableFocusChange,
            EnableBracketedPaste,
            cursor::Hide
        )?;
        Ok(guard)
    }
}

impl Drop for Guard {
    fn drop(&mut self) {
        restore();
    }
}

/// Give the terminal back: raw mode off, main screen, cursor shown, mouse
/// and focus reports off. Safe to call more than once, from any thread.
pub(crate) fn restore() {
    if !ACTIVE.swap(false, Ordering::SeqCst) {
        return;
    }
    let _ = disable_raw_mode();
    let mut out = io::stdout();
    let _ = execute!(
        out,
        DisableBracketedPaste,
        DisableFocusChange,
        DisableMouseCapture,
        LeaveAlternateScreen,
        cursor::Show
    );
    let _ = out.flush();
}

fn install_panic_hook() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            restore();
            previous(info);
        }));
    });
}

#[cfg(not(unix))]
fn install_signal_handler() -> io::Result<()> {
    Ok(())
}

#[cfg(unix)]
fn install_signal_handler() -> io::Result<()> {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM};
    static ONCE: std::sync::Once = std::sync::Once::new();
    let mut result = Ok(());
    ONCE.call_once(|| {
        match signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGINT, SIGQUIT]) {
            Ok(mut signals) => {
                std::thread::spawn(move || {
                    if let Some(signal) = signals.forever().next() {
                        // Wait for a frame being written to finish, then hold
                        // the output so that nothing is drawn after restoring.
                        let _held = OUTPUT
                            .lock()
                            .unwrap_or_else(std::sync::PoisonError::into_inner);
                        restore();
                        std::process::exit(128 + signal);
                    }
                });
            }
            Err(e) => result = Err(e),
        }
    });
    result
}
