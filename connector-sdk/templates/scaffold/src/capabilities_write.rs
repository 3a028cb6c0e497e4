//! Every standard write capability, ready to fill in. A capability is served
//! once the `#[capability(...)]` line above its function is in place; until
//! then the function is only compiled. Functions that are not written yet
//! answer `not_implemented`; replace their bodies and their cases in
//! `tests/capabilities/write.rs` together.

// Functions stay unregistered until their `#[capability]` line is uncommented.
#![allow(dead_code)]

use connector::client::Method;
use connector::models::{
    AccountStatus, ActivateAccount, ActivatedAccount, AssignApplication,
    AssignApplicationEntitlement, AssignEntitlement, AssignedApplication,
    AssignedApplicationEntitlement, AssignedEntitlement, CreatableAccount, CreatedAccount,
    DeactivateAccount, DeactivatedAccount, DeleteAccount, DeletedAccount, DowngradeLicense,
    DowngradedLicense, Extended, ReleaseResources, ReleaseResourcesStatus, TransferData,
    TransferDataStatus, UnassignApplication, UnassignApplicationEntitlement, UnassignEntitlement,
    UnassignedApplication, UnassignedApplicationEntitlement, UnassignedEntitlement,
    UpdateableAccount,
};
use connector::prelude::*;
use serde_json::json;

use crate::{{pascal}};
use crate::capabilities_read::not_written;
use crate::client::{{pascal}}Client;
use crate::dto::{NewAccount, User};

/// `create_account` takes the protocol's part of the payload (the
/// entitlements to grant) and {{title}}'s own fields beside it: `Extended`
/// joins them into one request, and `info` describes it as `NewAccount`.
// #[capability(create_account)]
pub async fn create_account(
    ctx: Context<{{pascal}}>,
    request: Extended<CreatableAccount, NewAccount>,
) -> Result<CreatedAccount> {
    let client = {{pascal}}Client::new(&ctx)?;
    let account = request.extra;
    let body = json!({
        "email": account.email,
        "username": account.username,
        "first_name": account.given_name,
        "last_name": account.family_name,
    });
    let user: User = client.send_json(Method::POST, "/users", &body).await?;
    Ok(CreatedAccount {
        status: user.account_status(),
        id: Some(user.id),
        created: true,
    })
}

// #[capability(activate_account)]
pub async fn activate_account(
    ctx: Context<{{pascal}}>,
    request: ActivateAccount,
) -> Result<ActivatedAccount> {
    let user = set_status(&ctx, &request.account_id, "active").await?;
    Ok(ActivatedAccount {
        status: user.account_status(),
        activated: true,
    })
}

// #[capability(deactivate_account)]
pub async fn deactivate_account(
    ctx: Context<{{pascal}}>,
    request: DeactivateAccount,
) -> Result<DeactivatedAccount> {
    let user = set_status(&ctx, &request.account_id, "inactive").await?;
    Ok(DeactivatedAccount {
        status: user.account_status(),
        deactivated: true,
    })
}

async fn set_status(ctx: &Context<{{pascal}}>, account_id: &str, status: &str) -> Result<User> {
    let client = {{pascal}}Client::new(ctx)?;
    let body = json!({ "status": status });
    client
        .send_json(Method::PATCH, &format!("/users/{account_id}"), &body)
        .await
}

// #[capability(delete_account)]
pub async fn delete_account(
    ctx: Context<{{pascal}}>,
    request: DeleteAccount,
) -> Result<DeletedAccount> {
    let client = {{pascal}}Client::new(&ctx)?;
    client
        .delete(&format!("/users/{}", request.account_id))
        .await?;
    Ok(DeletedAccount {
        status: AccountStatus::DELETED,
        deleted: true,
    })
}

// #[capability(assign_entitlement)]
pub async fn assign_entitlement(
    _ctx: Context<{{pascal}}>,
    _request: AssignEntitlement,
) -> Result<AssignedEntitlement> {
    Err(not_written("assign_entitlement"))
}

// #[capability(unassign_entitlement)]
pub async fn unassign_entitlement(
    _ctx: Context<{{pascal}}>,
    _request: UnassignEntitlement,
) -> Result<UnassignedEntitlement> {
    Err(not_written("unassign_entitlement"))
}

// #[capability(update_account)]
pub async fn update_account(
    _ctx: Context<{{pascal}}>,
    _request: UpdateableAccount,
) -> Result<UpdateableAccount> {
    Err(not_written("update_account"))
}

// #[capability(transfer_data)]
pub async fn transfer_data(
    _ctx: Context<{{pascal}}>,
    _request: TransferData,
) -> Result<TransferDataStatus> {
    Err(not_written("transfer_data"))
}

// #[capability(release_resources)]
pub async fn release_resources(
    _ctx: Context<{{pascal}}>,
    _request: ReleaseResources,
) -> Result<ReleaseResourcesStatus> {
    Err(not_written("release_resources"))
}

// #[capability(downgrade_license)]
pub async fn downgrade_license(
    _ctx: Context<{{pascal}}>,
    _request: DowngradeLicense,
) -> Result<DowngradedLicense> {
    Err(not_written("downgrade_license"))
}

// #[capability(assign_application)]
pub async fn assign_application(
    _ctx: Context<{{pascal}}>,
    _request: AssignApplication,
) -> Result<AssignedApplication> {
    Err(not_written("assign_application"))
}

// #[capability(unassign_application)]
pub async fn unassign_application(
    _ctx: Context<{{pascal}}>,
    _request: UnassignApplication,
) -> Result<UnassignedApplication> {
    Err(not_written("unassign_application"))
}

// #[capability(assign_application_entitlement)]
pub async fn assign_application_entitlement(
    _ctx: Context<{{pascal}}>,
    _request: AssignApplicationEntitlement,
) -> Result<AssignedApplicationEntitlement> {
    Err(not_written("assign_application_entitlement"))
}

// #[capability(unassign_application_entitlement)]
pub async fn unassign_application_entitlement(
    _ctx: Context<{{pascal}}>,
    _request: UnassignApplicationEntitlement,
) -> Result<UnassignedApplicationEntitlement> {
    Err(not_written("unassign_application_entitlement"))
}
