//! The real binary in a pseudo-terminal, its screen read back with vt100.

use std::ffi::OsStr;
use std::io::{Read, Write};
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

/// How long the program must stay silent before a screen counts as settled.
pub(crate) const QUIET: Duration = Duration::from_millis(300);

pub(crate) struct Pty {
    pub parser: Arc<Mutex<vt100::Parser>>,
    /// Every byte the program wrote.
    pub raw: Arc<Mutex<Vec<u8>>>,
    writer: Box<dyn Write + Send>,
    /// Set when the program's output has been read to its end.
    drained: Arc<std::sync::atomic::AtomicBool>,
    pub child: Box<dyn Child + Send + Sync>,
    pub master: Box<dyn MasterPty + Send>,
}

impl Pty {
    /// Start `hygiene ARGS` at `cols`×`rows` with only the given environment
    /// (and PATH, TERM), in `home`.
    pub(crate) fn spawn(
        home: &Path,
        args: &[&str],
        env: &[(&str, &OsStr)],
        cols: u16,
        rows: u16,
    ) -> Pty {
        let system = native_pty_system();
        let pair = system
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("a pseudo-terminal");
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_hygiene"));
        cmd.args(args);
        cmd.env_clear();
        cmd.env("PATH", std::env::var_os("PATH").unwrap_or_default());
        cmd.env("TERM", "xterm-256color");
        cmd.env("HOME", home);
        cmd.env("XDG_CONFIG_HOME", home.join("xdg-config"));
        cmd.env("XDG_DATA_HOME", home.join("xdg-data"));
        cmd.env("XDG_CACHE_HOME", home.join("xdg-cache"));
        cmd.env("XDG_STATE_HOME", home.join("xdg-state"));
        cmd.env("XDG_RUNTIME_DIR", home.join("xdg-runtime"));
        for (k, v) in env {
            cmd.env(k, v);
        }
        cmd.cwd(home);
        let child = pair.slave.spawn_command(cmd).expect("the binary starts");
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().expect("a reader");
        let writer = pair.master.take_writer().expect("a writer");
        let nz = |n: u16| std::num::NonZero::new(n.max(1)).expect("not zero");
        let parser = Arc::new(Mutex::new(vt100::Parser::new(nz(rows), nz(cols), 0)));
        let raw = Arc::new(Mutex::new(Vec::new()));
        let (p, r) = (parser.clone(), raw.clone());
        let drained = Arc::new(std::sync::atomic::AtomicBool::new(false));
        let done = drained.clone();
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                // Both under the parser's lock: a screen and a length read
                // together always describe the same bytes.
                let mut parser = p.lock().unwrap();
                parser.process(&buf[..n]);
                r.lock().unwrap().extend_from_slice(&buf[..n]);
            }
            done.store(true, std::sync::atomic::Ordering::SeqCst);
        });
        Pty {
            parser,
            raw,
            writer,
            drained,
            child,
            master: pair.master,
        }
    }

    pub(crate) fn send(&mut self, bytes: &[u8]) {
        self.writer.write_all(bytes).expect("write to the terminal");
        self.writer.flush().expect("flush the terminal");
    }

    pub(crate) fn screen(&self) -> String {
        self.parser.lock().unwrap().screen().contents()
    }

    /// Wait until the screen shows `text` and has settled: no output for
    /// [`QUIET`] after it. A frame drawn for an earlier size (still in the
    /// pipe when the test resized) or half a frame may show the text too;
    /// the program draws once more after its last event, so the settled
    /// screen is the one that counts. The screen, or a panic with it.
    pub(crate) fn wait_for(&self, text: &str, timeout: Duration) -> String {
        let start = Instant::now();
        let mut seen = (usize::MAX, Instant::now());
        loop {
            let (len, screen) = {
                let parser = self.parser.lock().unwrap();
                (self.raw.lock().unwrap().len(), parser.screen().contents())
            };
            if len != seen.0 {
                seen = (len, Instant::now());
            }
            if screen.contains(text) && seen.1.elapsed() >= QUIET {
                return screen;
            }
            assert!(
                start.elapsed() <= timeout,
                "the screen never settled showing {text:?}; it shows:\n{screen}"
            );
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    /// Wait for the program to end and its last output to be read; its exit code.
    pub(crate) fn wait_exit(&mut self, timeout: Duration) -> Option<u32> {
        let start = Instant::now();
        while start.elapsed() < timeout {
            if let Ok(Some(status)) = self.child.try_wait() {
                while !self.drained.load(std::sync::atomic::Ordering::SeqCst)
                    && start.elapsed() < timeout
                {
                    std::thread::sleep(Duration::from_millis(5));
                }
                return Some(status.exit_code());
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        None
    }

    /// Resize the terminal. The screen model takes the new size first: the
    /// program may answer the resize with a whole frame before this thread
    /// runs again, and that frame must land on a screen of its size.
    pub(crate) fn resize(&self, cols: u16, rows: u16) {
        let nz = |n: u16| std::num::NonZero::new(n.max(1)).expect("not zero");
        self.parser
            .lock()
            .unwrap()
            .screen_mut()
            .set_size(nz(rows), nz(cols));
        self.master
            .resize(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("resize");
    }

    pub(crate) fn pid(&self) -> i32 {
        self.child.process_id().expect("a pid") as i32
    }
}

impl Drop for Pty {
    fn drop(&mut self) {
        let _ = self.child.kill();
    }
}
