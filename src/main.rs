fn main() -> std::process::ExitCode {
    hygiene::cli::main(hygiene::tui::run)
}
