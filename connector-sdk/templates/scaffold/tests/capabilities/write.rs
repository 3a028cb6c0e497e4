//! Cases of the write capabilities: the request, the exchanges with the
//! {{title}} API and the envelope expected back. A case runs once its
//! capability is registered: remove its test's `#[ignore]` then.

use connector::testing::Case;

use super::suite;

pub mod cases {
    use connector::models::*;
    use connector::testing::{Case, Exchange};
    use serde_json::json;

    use super::super::account;

    pub fn create_account() -> Case {
        Case::new("create_account")
            .request(json!({
                "email": "u9@example.com",
                "username": "u9",
                "given_name": "Given",
                "family_name": "Family",
                "entitlements": [],
            }))
            .exchange(
                Exchange::post("/users")
                    .json_body(json!({
                        "email": "u9@example.com",
                        "username": "u9",
                        "first_name": "Given",
                        "last_name": "Family",
                    }))
                    .respond(201, account("u9")),
            )
            .expect_response(json!({"id": "u9", "status": "ACTIVE", "created": true}))
    }

    pub fn activate_account() -> Case {
        Case::new("activate_account")
            .request(json!({"account_id": "u1"}))
            .exchange(
                Exchange::patch("/users/u1")
                    .json_body(json!({"status": "active"}))
                    .respond(200, account("u1")),
            )
            .expect_response(json!({"status": "ACTIVE", "activated": true}))
    }

    pub fn deactivate_account() -> Case {
        let mut inactive = account("u1");
        inactive["status"] = json!("inactive");
        Case::new("deactivate_account")
            .request(json!({"account_id": "u1"}))
            .exchange(
                Exchange::patch("/users/u1")
                    .json_body(json!({"status": "inactive"}))
                    .respond(200, inactive),
            )
            .expect_response(json!({"status": "INACTIVE", "deactivated": true}))
    }

    pub fn delete_account() -> Case {
        Case::new("delete_account")
            .request(json!({"account_id": "u1"}))
            .exchange(Exchange::delete("/users/u1").respond_empty(204))
            .expect_response(json!({"status": "DELETED", "deleted": true}))
    }
    pub fn assign_entitlement() -> Case {
        Case::new("assign_entitlement")
            .request(json!({"account_integration_specific_id": "u1", "resource_integration_specific_id": "org-1", "resource_type": "organization", "entitlement_type": "role", "entitlement_integration_specific_id": "admin"}))
            .expect_error_message(ErrorCode::NotImplemented, "assign_entitlement is not implemented yet.")
    }

    pub fn unassign_entitlement() -> Case {
        Case::new("unassign_entitlement")
            .request(json!({"account_integration_specific_id": "u1", "resource_integration_specific_id": "org-1", "resource_type": "organization", "entitlement_type": "role", "entitlement_integration_specific_id": "admin"}))
            .expect_error_message(ErrorCode::NotImplemented, "unassign_entitlement is not implemented yet.")
    }

    pub fn update_account() -> Case {
        Case::new("update_account")
            .request(json!({"id": "u1"}))
            .expect_error_message(
                ErrorCode::NotImplemented,
                "update_account is not implemented yet.",
            )
    }

    pub fn transfer_data() -> Case {
        Case::new("transfer_data")
            .request(json!({"source_account_id": "u1", "target_account_id": "u2"}))
            .expect_error_message(
                ErrorCode::NotImplemented,
                "transfer_data is not implemented yet.",
            )
    }

    pub fn release_resources() -> Case {
        Case::new("release_resources")
            .request(json!({"account_id": "u1"}))
            .expect_error_message(
                ErrorCode::NotImplemented,
                "release_resources is not implemented yet.",
            )
    }

    pub fn downgrade_license() -> Case {
        Case::new("downgrade_license")
            .request(json!({"account_id": "u1"}))
            .expect_error_message(
                ErrorCode::NotImplemented,
                "downgrade_license is not implemented yet.",
            )
    }

    pub fn assign_application() -> Case {
        Case::new("assign_application")
            .request(json!({"application_instance_id": "app-1", "account_id": "u1"}))
            .expect_error_message(
                ErrorCode::NotImplemented,
                "assign_application is not implemented yet.",
            )
    }

    pub fn unassign_application() -> Case {
        Case::new("unassign_application")
            .request(json!({"application_instance_id": "app-1", "account_id": "u1"}))
            .expect_error_message(
                ErrorCode::NotImplemented,
                "unassign_application is not implemented yet.",
            )
    }

    pub fn assign_application_entitlement() -> Case {
        Case::new("assign_application_entitlement")
            .request(json!({"application_instance_id": "app-1", "account_integration_specific_id": "u1", "resource_integration_specific_id": "org-1", "resource_type": "organization", "entitlement_type": "role", "entitlement_integration_specific_id": "admin"}))
            .expect_error_message(ErrorCode::NotImplemented, "assign_application_entitlement is not implemented yet.")
    }

    pub fn unassign_application_entitlement() -> Case {
        Case::new("unassign_application_entitlement")
            .request(json!({"application_instance_id": "app-1", "account_integration_specific_id": "u1", "resource_integration_specific_id": "org-1", "resource_type": "organization", "entitlement_type": "role", "entitlement_integration_specific_id": "admin"}))
            .expect_error_message(ErrorCode::NotImplemented, "unassign_application_entitlement is not implemented yet.")
    }
}

/// Every case of this file.
pub fn all() -> Vec<Case> {
    vec![
        cases::create_account(),
        cases::activate_account(),
        cases::deactivate_account(),
        cases::delete_account(),
        cases::assign_entitlement(),
        cases::unassign_entitlement(),
        cases::update_account(),
        cases::transfer_data(),
        cases::release_resources(),
        cases::downgrade_license(),
        cases::assign_application(),
        cases::unassign_application(),
        cases::assign_application_entitlement(),
        cases::unassign_application_entitlement(),
    ]
}

#[tokio::test]
#[ignore = "register create_account in src/capabilities_write.rs first"]
async fn create_account() {
    suite().check(cases::create_account()).await;
}

#[tokio::test]
#[ignore = "register activate_account in src/capabilities_write.rs first"]
async fn activate_account() {
    suite().check(cases::activate_account()).await;
}

#[tokio::test]
#[ignore = "register deactivate_account in src/capabilities_write.rs first"]
async fn deactivate_account() {
    suite().check(cases::deactivate_account()).await;
}

#[tokio::test]
#[ignore = "register delete_account in src/capabilities_write.rs first"]
async fn delete_account() {
    suite().check(cases::delete_account()).await;
}

#[tokio::test]
#[ignore = "register assign_entitlement in src/capabilities_write.rs first"]
async fn assign_entitlement() {
    suite().check(cases::assign_entitlement()).await;
}

#[tokio::test]
#[ignore = "register unassign_entitlement in src/capabilities_write.rs first"]
async fn unassign_entitlement() {
    suite().check(cases::unassign_entitlement()).await;
}

#[tokio::test]
#[ignore = "register update_account in src/capabilities_write.rs first"]
async fn update_account() {
    suite().check(cases::update_account()).await;
}

#[tokio::test]
#[ignore = "register transfer_data in src/capabilities_write.rs first"]
async fn transfer_data() {
    suite().check(cases::transfer_data()).await;
}

#[tokio::test]
#[ignore = "register release_resources in src/capabilities_write.rs first"]
async fn release_resources() {
    suite().check(cases::release_resources()).await;
}

#[tokio::test]
#[ignore = "register downgrade_license in src/capabilities_write.rs first"]
async fn downgrade_license() {
    suite().check(cases::downgrade_license()).await;
}

#[tokio::test]
#[ignore = "register assign_application in src/capabilities_write.rs first"]
async fn assign_application() {
    suite().check(cases::assign_application()).await;
}

#[tokio::test]
#[ignore = "register unassign_application in src/capabilities_write.rs first"]
async fn unassign_application() {
    suite().check(cases::unassign_application()).await;
}

#[tokio::test]
#[ignore = "register assign_application_entitlement in src/capabilities_write.rs first"]
async fn assign_application_entitlement() {
    suite().check(cases::assign_application_entitlement()).await;
}

#[tokio::test]
#[ignore = "register unassign_application_entitlement in src/capabilities_write.rs first"]
async fn unassign_application_entitlement() {
    suite()
        .check(cases::unassign_application_entitlement())
        .await;
}
