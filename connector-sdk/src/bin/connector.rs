//! `connector`: scaffold, package and describe connectors.

fn main() -> std::process::ExitCode {
    connector_sdk::main("connector", std::env::args_os())
}
