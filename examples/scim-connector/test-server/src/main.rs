//! Runs the in-memory SCIM server until it is killed.
//!
//! `scim-test-server [--users N] [--groups N] [--token T]` prints the SCIM
//! root URL on the first line of stdout once it is listening.

use std::io::Write;

fn main() {
    let mut users = 0usize;
    let mut groups = 0usize;
    let mut config = scim_test_server::Config::default();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let value = args.next();
        match (arg.as_str(), value) {
            ("--users", Some(v)) => users = v.parse().unwrap_or_else(|_| usage()),
            ("--groups", Some(v)) => groups = v.parse().unwrap_or_else(|_| usage()),
            ("--token", Some(v)) => config.token = v,
            _ => usage(),
        }
    }
    let server = scim_test_server::ScimServer::start_with(config);
    let ids = server.seed_users(users);
    for g in 0..groups {
        let members: Vec<String> = ids.iter().skip(g).step_by(groups.max(1)).cloned().collect();
        server.seed_group(&format!("group-{g}"), &members);
    }
    let mut out = std::io::stdout();
    let _ = writeln!(out, "{}", server.base_url());
    let _ = out.flush();
    loop {
        std::thread::park();
    }
}

fn usage() -> ! {
    eprintln!("usage: scim-test-server [--users N] [--groups N] [--token T]");
    std::process::exit(2);
}
