//! Provisioning: creating, activating, deactivating and deleting users, and
//! group memberships.
//!
//! Every write is idempotent: asking for the state the provider is already
//! in succeeds with a `noop` effect in the execution summary.

use connector::fingerprint::request_fingerprint;
use connector::models::{
    AccountStatus, ActivateAccount, ActivatedAccount, AssignEntitlement, AssignedEntitlement, CreateAccount,
    CreatedAccount, DeactivateAccount, DeactivatedAccount, DeleteAccount, DeletedAccount, Effect,
    ExecutionSummary, UnassignEntitlement, UnassignedEntitlement,
};
use connector::prelude::*;
use serde_json::{Value, json};

use crate::scim::{self, Group, Operation, User};
use crate::{MEMBER, ScimConnector, client};

fn summary<T: Serialize + JsonSchema>(
    request: &T,
    effect: Effect,
    description: Option<String>,
) -> ExecutionSummary {
    ExecutionSummary {
        effect,
        request_fingerprint: request_fingerprint(request),
        is_idempotent: true,
        description,
        caught_errors: None,
    }
}

fn user_path(id: &str) -> String {
    format!("/Users/{}", scim::segment(id))
}

fn group_path(id: &str) -> String {
    format!("/Groups/{}", scim::segment(id))
}

fn require_member_type(entitlement_type: &str) -> Result<()> {
    if entitlement_type != MEMBER {
        return Err(Error::bad_request(format!(
            "Unknown entitlement type {entitlement_type:?}: this connector grants `{MEMBER}` (group membership)."
        )));
    }
    Ok(())
}

/// The group's id: the entitlement's id (the resource id must agree when given).
fn group_of(entitlement_id: &str, resource_id: Option<&str>) -> Result<String> {
    match resource_id {
        Some(r) if !r.is_empty() && r != entitlement_id => Err(Error::bad_request(format!(
            "The entitlement {entitlement_id} belongs to group {entitlement_id}, not to resource {r}."
        ))),
        _ => Ok(entitlement_id.to_owned()),
    }
}

fn status_of(user_status: Option<&str>) -> Result<bool> {
    match user_status.map(str::to_ascii_uppercase).as_deref() {
        None | Some("ACTIVE") => Ok(true),
        Some("INACTIVE") | Some("SUSPENDED") => Ok(false),
        Some(other) => Err(Error::bad_request(format!(
            "Unsupported user_status {other:?}: a SCIM account is ACTIVE or INACTIVE."
        ))),
    }
}

#[capability(
    create_account,
    description = "POSTs a User (userName, name, primary email) and adds it to the groups named by its `member` entitlements."
)]
async fn create_account(
    ctx: Context<ScimConnector>,
    request: CreateAccount,
) -> Result<Response<CreatedAccount>> {
    let user_name = request
        .username
        .clone()
        .or_else(|| request.email.clone())
        .filter(|n| !n.trim().is_empty())
        .ok_or_else(|| Error::bad_request("create_account needs a username or an email."))?;
    let active = status_of(request.user_status.as_deref())?;
    let groups = request
        .creatable_account
        .entitlements
        .iter()
        .map(|e| {
            require_member_type(&e.entitlement_type)?;
            group_of(
                &e.integration_specific_id,
                e.integration_specific_resource_id.as_deref(),
            )
        })
        .collect::<Result<Vec<_>>>()?;

    let mut body = json!({"schemas": [scim::USER_SCHEMA], "userName": user_name, "active": active});
    let mut name = serde_json::Map::new();
    if let Some(g) = &request.given_name {
        name.insert("givenName".into(), json!(g));
    }
    if let Some(f) = &request.family_name {
        name.insert("familyName".into(), json!(f));
    }
    if !name.is_empty() {
        body["name"] = Value::Object(name);
    }
    if let Some(email) = &request.email {
        body["emails"] = json!([{"value": email, "type": "work", "primary": true}]);
    }
    let scim = client(&ctx)?;
    let user: User = scim.create("/Users", &body).await?;
    for group in &groups {
        let add = Operation {
            op: "add",
            path: Some("members".into()),
            value: Some(json!([{"value": user.id}])),
        };
        if let Err(e) = scim.patch(&group_path(group), vec![add]).await {
            let code = e
                .status_code()
                .map_or(ErrorCode::ApiError, ErrorCode::from_http_status);
            return Err(Error::new(
                code,
                format!(
                    "Account {} was created, but adding it to group {group} failed: {e}",
                    user.id
                ),
            ));
        }
    }
    let status = if user.active.unwrap_or(active) {
        AccountStatus::ACTIVE
    } else {
        AccountStatus::INACTIVE
    };
    let created = CreatedAccount {
        id: Some(user.id),
        status,
        created: true,
    };
    Ok(Response::new(created).with_execution_summary(summary(&request, Effect::created(), None)))
}

/// Sets `active`, unless the user already has that state.
async fn set_active(ctx: &Context<ScimConnector>, account_id: &str, active: bool) -> Result<Effect> {
    let scim = client(ctx)?;
    let path = user_path(account_id);
    let user: User = scim.get(&path).await?;
    if user.active == Some(active) {
        return Ok(Effect::noop());
    }
    let replace = Operation {
        op: "replace",
        path: Some("active".into()),
        value: Some(json!(active)),
    };
    scim.patch(&path, vec![replace]).await?;
    Ok(Effect::updated())
}

#[capability(activate_account, description = "PATCHes the user's `active` to true.")]
async fn activate_account(
    ctx: Context<ScimConnector>,
    request: ActivateAccount,
) -> Result<Response<ActivatedAccount>> {
    let effect = set_active(&ctx, &request.account_id, true).await?;
    let answer = ActivatedAccount {
        status: AccountStatus::ACTIVE,
        activated: true,
    };
    Ok(Response::new(answer).with_execution_summary(summary(&request, effect, None)))
}

#[capability(deactivate_account, description = "PATCHes the user's `active` to false.")]
async fn deactivate_account(
    ctx: Context<ScimConnector>,
    request: DeactivateAccount,
) -> Result<Response<DeactivatedAccount>> {
    let effect = set_active(&ctx, &request.account_id, false).await?;
    let answer = DeactivatedAccount {
        status: AccountStatus::INACTIVE,
        deactivated: true,
    };
    Ok(Response::new(answer).with_execution_summary(summary(&request, effect, None)))
}

#[capability(
    delete_account,
    description = "DELETEs the user; a user that is already gone is a no-op."
)]
async fn delete_account(
    ctx: Context<ScimConnector>,
    request: DeleteAccount,
) -> Result<Response<DeletedAccount>> {
    let (effect, note) = match client(&ctx)?.delete(&user_path(&request.account_id)).await {
        Ok(()) => (Effect::deleted(), None),
        Err(e) if e.status_code() == Some(404) => (
            Effect::noop(),
            Some(format!("User {} did not exist.", request.account_id)),
        ),
        Err(e) => return Err(e),
    };
    let answer = DeletedAccount {
        status: AccountStatus::DELETED,
        deleted: true,
    };
    Ok(Response::new(answer).with_execution_summary(summary(&request, effect, note)))
}

async fn is_member(ctx: &Context<ScimConnector>, group: &str, account: &str) -> Result<bool> {
    let group: Group = client(ctx)?.get(&group_path(group)).await?;
    Ok(group.member_ids().any(|m| m == account))
}

#[capability(
    assign_entitlement,
    description = "Adds the account to the group (PATCH add members)."
)]
async fn assign_entitlement(
    ctx: Context<ScimConnector>,
    request: AssignEntitlement,
) -> Result<Response<AssignedEntitlement>> {
    require_member_type(&request.entitlement_type)?;
    let group = group_of(
        &request.entitlement_integration_specific_id,
        Some(&request.resource_integration_specific_id),
    )?;
    let account = &request.account_integration_specific_id;
    let effect = if is_member(&ctx, &group, account).await? {
        Effect::noop()
    } else {
        let add = Operation {
            op: "add",
            path: Some("members".into()),
            value: Some(json!([{"value": account}])),
        };
        client(&ctx)?.patch(&group_path(&group), vec![add]).await?;
        Effect::updated()
    };
    Ok(Response::new(AssignedEntitlement { assigned: true })
        .with_execution_summary(summary(&request, effect, None)))
}

#[capability(
    unassign_entitlement,
    description = "Removes the account from the group (PATCH remove members[value eq ...])."
)]
async fn unassign_entitlement(
    ctx: Context<ScimConnector>,
    request: UnassignEntitlement,
) -> Result<Response<UnassignedEntitlement>> {
    require_member_type(&request.entitlement_type)?;
    let group = group_of(
        &request.entitlement_integration_specific_id,
        Some(&request.resource_integration_specific_id),
    )?;
    let account = &request.account_integration_specific_id;
    let effect = if is_member(&ctx, &group, account).await? {
        let remove = Operation {
            op: "remove",
            path: Some(format!("members[{}]", scim::eq_filter("value", account))),
            value: None,
        };
        client(&ctx)?.patch(&group_path(&group), vec![remove]).await?;
        Effect::updated()
    } else {
        Effect::noop()
    };
    Ok(Response::new(UnassignedEntitlement { unassigned: true })
        .with_execution_summary(summary(&request, effect, None)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_and_types_are_checked() {
        assert!(status_of(None).unwrap());
        assert!(!status_of(Some("inactive")).unwrap());
        assert!(status_of(Some("DELETED")).is_err());
        assert!(require_member_type("member").is_ok());
        assert!(require_member_type("admin").is_err());
        assert_eq!(group_of("g1", Some("g1")).unwrap(), "g1");
        assert_eq!(group_of("g1", Some("")).unwrap(), "g1");
        assert!(group_of("g1", Some("g2")).is_err());
    }
}
