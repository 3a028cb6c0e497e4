//! `cargo connector …`: the `connector` command as a cargo subcommand.
//! Cargo runs it as `cargo-connector connector …`; the repeated name is dropped.

fn main() -> std::process::ExitCode {
    let mut args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    if args.get(1).is_some_and(|a| a == "connector") {
        args.remove(1);
    }
    connector_sdk::main("cargo connector", args)
}
