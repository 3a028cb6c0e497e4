//! Compile-time diagnostics: each file under `ui/macro/` is one misuse of
//! `#[connector]` or `#[capability]`, each under `ui/protocol/` a capability
//! whose payload or answer does not fit the protocol; a `.stderr` beside each
//! is the message authors see. Regenerate the snapshots with
//! `TRYBUILD=overwrite` and read them.

// One set of cases, so trybuild compiles them all in one project.
#[test]
fn compile_time_diagnostics() {
    let t = trybuild::TestCases::new();
    t.pass("tests/ui/macro/pass_every_key.rs");
    t.compile_fail("tests/ui/macro/fail_*.rs");
    t.pass("tests/ui/protocol/*_ok.rs");
    t.compile_fail("tests/ui/protocol/create_account_missing_fields.rs");
    t.compile_fail("tests/ui/protocol/list_returns_object.rs");
    t.compile_fail("tests/ui/protocol/object_returns_list.rs");
}
