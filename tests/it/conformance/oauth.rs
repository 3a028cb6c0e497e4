//! The OAuth capabilities the runtime serves, against a token endpoint that
//! answers as it answered the reference: the same token request sent, the
//! same credentials (state, token type, raw data) handed back.

use super::assert_conforms;
use crate::OAUTH_CODE_DEMO;

#[test]
fn callbacks_and_refreshes_answer_as_the_reference() {
    assert_conforms("oauth", |_| OAUTH_CODE_DEMO, &[], |_, _| {});
}
