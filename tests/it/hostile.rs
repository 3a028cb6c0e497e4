//! Hostile bodies against the example connectors, in process: every one is
//! answered with an envelope that shows no secret. A fixed budget keeps it
//! to seconds; `fuzz/` runs the same generator for millions.

use connector::App;
use connector::testing::{HostileBodies, check_answer};

const SECRET: &str = "Hostile-S3cret-77";
const BODIES_PER_APP: usize = 1_500;

#[test]
fn every_hostile_body_gets_an_envelope_without_the_secret() {
    // Linked through the examples' libraries.
    let _ = (mock_connector::ACCOUNT_COUNT, multi_server::TeamDirectory);
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    for (seed, app_id) in [(1, "mock-connector"), (2, "team-directory")] {
        let app = App::load_app(app_id).unwrap();
        let capabilities = app.capability_names();
        let failures: Vec<String> = HostileBodies::new(seed, SECRET)
            .take(BODIES_PER_APP)
            .enumerate()
            .filter_map(|(i, body)| {
                let capability = capabilities[i % capabilities.len()];
                let answer = runtime.block_on(app.dispatch(capability, body.clone()));
                check_answer(&answer, SECRET)
                    .err()
                    .map(|e| format!("{app_id} {capability} {body}\n  {e}"))
            })
            .collect();
        assert!(
            failures.is_empty(),
            "{} failures, the first:\n{}",
            failures.len(),
            failures[0]
        );
    }
}
