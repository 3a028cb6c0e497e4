//! Compile-time diagnostics: each file under `ui/macro/` is one misuse of
//! `#[connector]`, `#[capability]` or `#[fields]` (a file may hold several
//! mistakes, each reported on its own), each under `ui/protocol/` a capability
//! whose payload or answer does not fit the protocol; a `.stderr` beside each
//! is the message authors see. Regenerate the snapshots with
//! `TRYBUILD=overwrite` and read them.

// One set of cases, so trybuild type-checks them all in one project.
#[test]
fn compile_time_diagnostics() {
    let t = trybuild::TestCases::new();
    t.compile_fail("tests/ui/macro/fail_*.rs");
    t.compile_fail("tests/ui/protocol/create_account_missing_fields.rs");
    t.compile_fail("tests/ui/protocol/list_returns_object.rs");
    t.compile_fail("tests/ui/protocol/object_returns_list.rs");
}

// What must compile is compiled here, as part of this binary: trybuild then
// needs no build of the dependencies, only a check.

/// Every key of both attributes at once.
#[allow(dead_code)]
#[path = "../ui/macro/pass_every_key.rs"]
mod pass_every_key;

/// The accepted ways to take a `create_account` payload.
#[allow(dead_code)]
#[path = "../ui/protocol/create_account_extended_ok.rs"]
mod create_account_extended_ok;
