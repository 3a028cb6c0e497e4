//! `fuzz/run.sh [COUNT] [SEED]`: sends COUNT hostile request bodies (one
//! million unless told) to every capability of the example connectors, in
//! process, and checks each answer: one JSON envelope, a known error code,
//! no trace of the planted secret, no panic. Prints the figures; exits 1 on
//! the first failure, with the body that caused it.

use std::panic::AssertUnwindSafe;
use std::process::ExitCode;
use std::time::Instant;

use connector::App;
use connector::testing::{HostileBodies, check_answer};

const SECRET: &str = "Fuzz-S3cret-0451";

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let count: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(1_000_000);
    let seed: u64 = args.next().and_then(|a| a.parse().ok()).unwrap_or(1);
    // Linked through the examples' libraries.
    let _ = (mock_connector::ACCOUNT_COUNT, multi_server::TeamDirectory);
    let apps = ["mock-connector", "team-directory"].map(|id| App::load_app(id).expect("linked"));
    let targets: Vec<(&App, &'static str)> = apps
        .iter()
        .flat_map(|app| app.capability_names().into_iter().map(move |c| (app, c)))
        .collect();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a runtime");
    let started = Instant::now();
    let (mut errors, mut successes, mut bytes) = (0usize, 0usize, 0usize);
    for (i, body) in HostileBodies::new(seed, SECRET).take(count).enumerate() {
        let (app, capability) = targets[i % targets.len()];
        bytes += body.len();
        let answer = std::panic::catch_unwind(AssertUnwindSafe(|| {
            runtime.block_on(app.dispatch(capability, body.clone()))
        }));
        let failure = match &answer {
            Err(_) => Some("the dispatch panicked".to_owned()),
            Ok(answer) => check_answer(answer, SECRET).err(),
        };
        if let Some(failure) = failure {
            eprintln!(
                "body {i} to {} {capability}: {failure}\nbody: {body}",
                app.app_id()
            );
            return ExitCode::FAILURE;
        }
        if answer.is_ok_and(|a| a.starts_with("{\"is_error\"")) {
            errors += 1;
        } else {
            successes += 1;
        }
    }
    let elapsed = started.elapsed();
    println!(
        "{count} hostile bodies ({:.1} MB) to {} capabilities in {:.1} s ({:.0}/s): 0 panics, 0 failed checks; {errors} error envelopes, {successes} answers",
        bytes as f64 / 1e6,
        targets.len(),
        elapsed.as_secs_f64(),
        count as f64 / elapsed.as_secs_f64(),
    );
    ExitCode::SUCCESS
}
