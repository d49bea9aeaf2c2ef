fn main() -> std::process::ExitCode {
    tune_malloc();
    hygiene::cli::main(hygiene::tui::run)
}

/// A command lives a few milliseconds: memory it frees is better kept for its
/// next allocation than handed back to the system and faulted in again (a
/// quarter of the page faults of a large `status`). The dashboard, which
/// lives long, holds little memory either way.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn tune_malloc() {
    const KEEP: libc::c_int = 64 << 20;
    // SAFETY: mallopt only sets glibc's allocator parameters; it is called
    // before any thread exists.
    unsafe {
        libc::mallopt(libc::M_TRIM_THRESHOLD, KEEP);
        libc::mallopt(libc::M_MMAP_THRESHOLD, KEEP);
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn tune_malloc() {}
