//! Compile-time diagnostics of `#[connector]` and `#[capability]`: each file
//! under `ui/macro/` is one misuse, its `.stderr` the message authors see.
//! Regenerate the snapshots with `TRYBUILD=overwrite` and read them.

#[test]
fn macro_diagnostics() {
    let t = trybuild::TestCases::new();
    t.pass("tests/ui/macro/pass_every_key.rs");
    t.compile_fail("tests/ui/macro/fail_*.rs");
}
