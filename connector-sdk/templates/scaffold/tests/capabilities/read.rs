//! Cases of the read capabilities: the request, the exchanges with the
//! {{title}} API and the envelope expected back. A case runs once its
//! capability is registered: remove its test's `#[ignore]` then.

use connector::testing::Case;

use super::suite;

pub mod cases {
    use connector::models::*;
    use connector::testing::{Case, Exchange};
    use serde_json::json;

    use super::super::{account, token};

    pub fn validate_credentials() -> Case {
        Case::new("validate_credentials")
            .exchange(
                Exchange::get("/me")
                    .header("authorization", "Bearer valid")
                    .respond(200, json!({"tenant_id": "tenant-1"})),
            )
            .expect_response(ValidatedCredentials {
                valid: true,
                unique_tenant_id: "tenant-1".into(),
            })
    }

    pub fn validate_credentials_rejected() -> Case {
        Case::new("validate_credentials")
            .named("validate_credentials_rejected")
            .auth(json!({"oauth": {"access_token": "invalid"}}))
            .exchange(Exchange::get("/me").respond(401, json!({"error": "invalid token"})))
            .expect_error(ErrorCode::Unauthorized)
    }

    pub fn list_accounts() -> Case {
        Case::new("list_accounts")
            .page(json!({"size": 2}))
            .exchange(Exchange::get("/users").query("limit", "2").respond(
                200,
                json!({"users": [account("u1"), account("u2")], "next_cursor": "c2"}),
            ))
            .expect(json!({
                "response": [super::super::found("u1"), super::super::found("u2")],
                "raw_data": null,
                "page": {"token": token("/users", "c2"), "size": 2},
                "execution_summary": null,
            }))
    }

    pub fn get_account() -> Case {
        Case::new("get_account")
            .request(json!({"account_id": "u1"}))
            .exchange(Exchange::get("/users/u1").respond(200, account("u1")))
            .expect_response(super::super::found("u1"))
    }
    pub fn list_updated_accounts() -> Case {
        Case::new("list_updated_accounts")
            .request(json!({}))
            .expect_error_message(
                ErrorCode::NotImplemented,
                "list_updated_accounts is not implemented yet.",
            )
    }

    pub fn list_resources() -> Case {
        Case::new("list_resources")
            .request(json!({}))
            .expect_error_message(
                ErrorCode::NotImplemented,
                "list_resources is not implemented yet.",
            )
    }

    pub fn list_entitlements() -> Case {
        Case::new("list_entitlements")
            .request(json!({}))
            .expect_error_message(
                ErrorCode::NotImplemented,
                "list_entitlements is not implemented yet.",
            )
    }

    pub fn find_entitlement_associations() -> Case {
        Case::new("find_entitlement_associations")
            .request(json!({}))
            .expect_error_message(
                ErrorCode::NotImplemented,
                "find_entitlement_associations is not implemented yet.",
            )
    }

    pub fn get_account_entitlement_associations() -> Case {
        Case::new("get_account_entitlement_associations")
            .request(json!({"account_id": "u1"}))
            .expect_error_message(
                ErrorCode::NotImplemented,
                "get_account_entitlement_associations is not implemented yet.",
            )
    }

    pub fn get_last_activity() -> Case {
        Case::new("get_last_activity")
            .request(json!({"account_ids": ["u1"]}))
            .expect_error_message(
                ErrorCode::NotImplemented,
                "get_last_activity is not implemented yet.",
            )
    }

    pub fn list_activity_records() -> Case {
        Case::new("list_activity_records")
            .request(
                json!({"since_date": "2025-01-01T00:00:00Z", "actors": [{"account_id": "u1"}]}),
            )
            .expect_error_message(
                ErrorCode::NotImplemented,
                "list_activity_records is not implemented yet.",
            )
    }

    pub fn list_custom_attributes_schema() -> Case {
        Case::new("list_custom_attributes_schema")
            .request(json!({}))
            .expect_error_message(
                ErrorCode::NotImplemented,
                "list_custom_attributes_schema is not implemented yet.",
            )
    }

    pub fn get_data_recency() -> Case {
        Case::new("get_data_recency")
            .request(json!({}))
            .expect_error_message(
                ErrorCode::NotImplemented,
                "get_data_recency is not implemented yet.",
            )
    }

    pub fn find_resource_graph() -> Case {
        Case::new("find_resource_graph")
            .request(json!({}))
            .expect_error_message(
                ErrorCode::NotImplemented,
                "find_resource_graph is not implemented yet.",
            )
    }

    pub fn find_entitlement_graph() -> Case {
        Case::new("find_entitlement_graph")
            .request(json!({}))
            .expect_error_message(
                ErrorCode::NotImplemented,
                "find_entitlement_graph is not implemented yet.",
            )
    }

    pub fn find_entitlement_assignments() -> Case {
        Case::new("find_entitlement_assignments")
            .request(json!({}))
            .expect_error_message(
                ErrorCode::NotImplemented,
                "find_entitlement_assignments is not implemented yet.",
            )
    }

    pub fn list_applications() -> Case {
        Case::new("list_applications")
            .request(json!({}))
            .expect_error_message(
                ErrorCode::NotImplemented,
                "list_applications is not implemented yet.",
            )
    }

    pub fn get_application() -> Case {
        Case::new("get_application")
            .request(json!({"application_instance_id": "app-1"}))
            .expect_error_message(
                ErrorCode::NotImplemented,
                "get_application is not implemented yet.",
            )
    }

    pub fn list_applications_accounts() -> Case {
        Case::new("list_applications_accounts")
            .request(json!({}))
            .expect_error_message(
                ErrorCode::NotImplemented,
                "list_applications_accounts is not implemented yet.",
            )
    }

    pub fn get_application_account() -> Case {
        Case::new("get_application_account")
            .request(json!({"application_instance_id": "app-1", "account_id": "u1"}))
            .expect_error_message(
                ErrorCode::NotImplemented,
                "get_application_account is not implemented yet.",
            )
    }

    pub fn list_applications_activity_records() -> Case {
        Case::new("list_applications_activity_records")
            .request(
                json!({"since_date": "2025-01-01T00:00:00Z", "actors": [{"account_id": "u1"}]}),
            )
            .expect_error_message(
                ErrorCode::NotImplemented,
                "list_applications_activity_records is not implemented yet.",
            )
    }

    pub fn list_applications_entitlements() -> Case {
        Case::new("list_applications_entitlements")
            .request(json!({}))
            .expect_error_message(
                ErrorCode::NotImplemented,
                "list_applications_entitlements is not implemented yet.",
            )
    }

    pub fn list_applications_resources() -> Case {
        Case::new("list_applications_resources")
            .request(json!({}))
            .expect_error_message(
                ErrorCode::NotImplemented,
                "list_applications_resources is not implemented yet.",
            )
    }

    pub fn list_applications_entitlement_associations() -> Case {
        Case::new("list_applications_entitlement_associations")
            .request(json!({}))
            .expect_error_message(
                ErrorCode::NotImplemented,
                "list_applications_entitlement_associations is not implemented yet.",
            )
    }

    pub fn list_expenses() -> Case {
        Case::new("list_expenses")
            .request(json!({"filters": {}}))
            .expect_error_message(
                ErrorCode::NotImplemented,
                "list_expenses is not implemented yet.",
            )
    }
}

/// Every case of this file.
pub fn all() -> Vec<Case> {
    vec![
        cases::validate_credentials(),
        cases::validate_credentials_rejected(),
        cases::list_accounts(),
        cases::get_account(),
        cases::list_updated_accounts(),
        cases::list_resources(),
        cases::list_entitlements(),
        cases::find_entitlement_associations(),
        cases::get_account_entitlement_associations(),
        cases::get_last_activity(),
        cases::list_activity_records(),
        cases::list_custom_attributes_schema(),
        cases::get_data_recency(),
        cases::find_resource_graph(),
        cases::find_entitlement_graph(),
        cases::find_entitlement_assignments(),
        cases::list_applications(),
        cases::get_application(),
        cases::list_applications_accounts(),
        cases::get_application_account(),
        cases::list_applications_activity_records(),
        cases::list_applications_entitlements(),
        cases::list_applications_resources(),
        cases::list_applications_entitlement_associations(),
        cases::list_expenses(),
    ]
}

#[tokio::test]
async fn validate_credentials() {
    suite().check(cases::validate_credentials()).await;
}

#[tokio::test]
async fn validate_credentials_rejected() {
    suite().check(cases::validate_credentials_rejected()).await;
}

#[tokio::test]
#[ignore = "register list_accounts in src/capabilities_read.rs first"]
async fn list_accounts() {
    suite().check(cases::list_accounts()).await;
}

#[tokio::test]
#[ignore = "register get_account in src/capabilities_read.rs first"]
async fn get_account() {
    suite().check(cases::get_account()).await;
}

#[tokio::test]
#[ignore = "register list_updated_accounts in src/capabilities_read.rs first"]
async fn list_updated_accounts() {
    suite().check(cases::list_updated_accounts()).await;
}

#[tokio::test]
#[ignore = "register list_resources in src/capabilities_read.rs first"]
async fn list_resources() {
    suite().check(cases::list_resources()).await;
}

#[tokio::test]
#[ignore = "register list_entitlements in src/capabilities_read.rs first"]
async fn list_entitlements() {
    suite().check(cases::list_entitlements()).await;
}

#[tokio::test]
#[ignore = "register find_entitlement_associations in src/capabilities_read.rs first"]
async fn find_entitlement_associations() {
    suite().check(cases::find_entitlement_associations()).await;
}

#[tokio::test]
#[ignore = "register get_account_entitlement_associations in src/capabilities_read.rs first"]
async fn get_account_entitlement_associations() {
    suite()
        .check(cases::get_account_entitlement_associations())
        .await;
}

#[tokio::test]
#[ignore = "register get_last_activity in src/capabilities_read.rs first"]
async fn get_last_activity() {
    suite().check(cases::get_last_activity()).await;
}

#[tokio::test]
#[ignore = "register list_activity_records in src/capabilities_read.rs first"]
async fn list_activity_records() {
    suite().check(cases::list_activity_records()).await;
}

#[tokio::test]
#[ignore = "register list_custom_attributes_schema in src/capabilities_read.rs first"]
async fn list_custom_attributes_schema() {
    suite().check(cases::list_custom_attributes_schema()).await;
}

#[tokio::test]
#[ignore = "register get_data_recency in src/capabilities_read.rs first"]
async fn get_data_recency() {
    suite().check(cases::get_data_recency()).await;
}

#[tokio::test]
#[ignore = "register find_resource_graph in src/capabilities_read.rs first"]
async fn find_resource_graph() {
    suite().check(cases::find_resource_graph()).await;
}

#[tokio::test]
#[ignore = "register find_entitlement_graph in src/capabilities_read.rs first"]
async fn find_entitlement_graph() {
    suite().check(cases::find_entitlement_graph()).await;
}

#[tokio::test]
#[ignore = "register find_entitlement_assignments in src/capabilities_read.rs first"]
async fn find_entitlement_assignments() {
    suite().check(cases::find_entitlement_assignments()).await;
}

#[tokio::test]
#[ignore = "register list_applications in src/capabilities_read.rs first"]
async fn list_applications() {
    suite().check(cases::list_applications()).await;
}

#[tokio::test]
#[ignore = "register get_application in src/capabilities_read.rs first"]
async fn get_application() {
    suite().check(cases::get_application()).await;
}

#[tokio::test]
#[ignore = "register list_applications_accounts in src/capabilities_read.rs first"]
async fn list_applications_accounts() {
    suite().check(cases::list_applications_accounts()).await;
}

#[tokio::test]
#[ignore = "register get_application_account in src/capabilities_read.rs first"]
async fn get_application_account() {
    suite().check(cases::get_application_account()).await;
}

#[tokio::test]
#[ignore = "register list_applications_activity_records in src/capabilities_read.rs first"]
async fn list_applications_activity_records() {
    suite()
        .check(cases::list_applications_activity_records())
        .await;
}

#[tokio::test]
#[ignore = "register list_applications_entitlements in src/capabilities_read.rs first"]
async fn list_applications_entitlements() {
    suite().check(cases::list_applications_entitlements()).await;
}

#[tokio::test]
#[ignore = "register list_applications_resources in src/capabilities_read.rs first"]
async fn list_applications_resources() {
    suite().check(cases::list_applications_resources()).await;
}

#[tokio::test]
#[ignore = "register list_applications_entitlement_associations in src/capabilities_read.rs first"]
async fn list_applications_entitlement_associations() {
    suite()
        .check(cases::list_applications_entitlement_associations())
        .await;
}

#[tokio::test]
#[ignore = "register list_expenses in src/capabilities_read.rs first"]
async fn list_expenses() {
    suite().check(cases::list_expenses()).await;
}
