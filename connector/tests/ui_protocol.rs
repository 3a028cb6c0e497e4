//! Compile-time checks of capability payloads and responses against the protocol.

#[test]
fn protocol_types_are_checked_at_compile_time() {
    let cases = trybuild::TestCases::new();
    cases.pass("tests/ui/protocol/*_ok.rs");
    cases.compile_fail("tests/ui/protocol/create_account_missing_fields.rs");
    cases.compile_fail("tests/ui/protocol/list_returns_object.rs");
    cases.compile_fail("tests/ui/protocol/object_returns_list.rs");
}
