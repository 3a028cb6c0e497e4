//! Every standard read capability, ready to fill in. A capability is served
//! once the `#[capability(...)]` line above its function is in place; until
//! then the function is only compiled. Functions that are not written yet
//! answer `not_implemented`; replace their bodies and their cases in
//! `tests/capabilities/read.rs` together.

// Functions stay unregistered until their `#[capability]` line is uncommented.
#![allow(dead_code)]

use connector::models::{
    ActivityRecord, Application, ApplicationAccount, ApplicationActivityRecord,
    ApplicationEntitlementAssociation, ApplicationEntitlementData, ApplicationResourceData,
    CustomAttributeSchema, DataRecency, EntitlementAssignment, EntitlementGraph, Expense,
    FindEntitlementAssignments, FindEntitlementAssociations, FindEntitlementGraph,
    FindResourceGraph, FoundAccountData, FoundEntitlementAssociation, FoundEntitlementData,
    FoundResourceData, GetAccount, GetAccountEntitlementAssociations, GetApplication,
    GetApplicationAccount, GetDataRecency, GetLastActivity, LastActivityData, ListAccounts,
    ListActivityRecords, ListApplications, ListApplicationsAccounts,
    ListApplicationsActivityRecords, ListApplicationsEntitlementAssociations,
    ListApplicationsEntitlements, ListApplicationsResources, ListCustomAttributesSchema,
    ListEntitlements, ListExpenses, ListResources, ListUpdatedAccounts, ResourceGraph,
    UpdatedAccounts, ValidateCredentials, ValidatedCredentials,
};
use connector::prelude::*;

use crate::{{pascal}};
use crate::client::{{pascal}}Client;
use crate::dto::{Me, User, UsersPage};
use crate::pagination::{DEFAULT_PAGE_SIZE, cursor_for, next_page};

const USERS: &str = "/users";

/// The error of a capability whose function is not written yet.
pub(crate) fn not_written(capability: &str) -> Error {
    Error::new(
        ErrorCode::NotImplemented,
        format!("{capability} is not implemented yet."),
    )
}

#[capability(validate_credentials)]
pub async fn validate_credentials(
    ctx: Context<{{pascal}}>,
    _request: ValidateCredentials,
) -> Result<ValidatedCredentials> {
    let client = {{pascal}}Client::new(&ctx)?;
    let me: Me = client.get("/me", &[]).await?;
    Ok(ValidatedCredentials {
        valid: true,
        unique_tenant_id: me.tenant_id,
    })
}

// #[capability(list_accounts)]
pub async fn list_accounts(
    ctx: Context<{{pascal}}>,
    _request: ListAccounts,
) -> Result<Response<Vec<FoundAccountData>>> {
    let client = {{pascal}}Client::new(&ctx)?;
    let size = ctx.page_size(DEFAULT_PAGE_SIZE);
    let mut query = vec![("limit", size.to_string())];
    if let Some(cursor) = cursor_for(&ctx, USERS)? {
        query.push(("cursor", cursor));
    }
    let raw: serde_json::Value = client.get(USERS, &query).await?;
    let page: UsersPage = serde_json::from_value(raw.clone())?;
    let accounts = page.users.into_iter().map(FoundAccountData::from).collect();
    let response = Response::new(accounts).with_page(next_page(USERS, page.next_cursor, size));
    Ok(if ctx.include_raw_data() {
        response.with_raw_data(raw)
    } else {
        response
    })
}

// #[capability(get_account)]
pub async fn get_account(
    ctx: Context<{{pascal}}>,
    request: GetAccount,
) -> Result<FoundAccountData> {
    let client = {{pascal}}Client::new(&ctx)?;
    let user: User = client
        .get(&format!("{USERS}/{}", request.account_id), &[])
        .await?;
    Ok(user.into())
}

// #[capability(list_updated_accounts)]
pub async fn list_updated_accounts(
    _ctx: Context<{{pascal}}>,
    _request: ListUpdatedAccounts,
) -> Result<UpdatedAccounts> {
    Err(not_written("list_updated_accounts"))
}

// #[capability(list_resources)]
pub async fn list_resources(
    _ctx: Context<{{pascal}}>,
    _request: ListResources,
) -> Result<Vec<FoundResourceData>> {
    Err(not_written("list_resources"))
}

// #[capability(list_entitlements)]
pub async fn list_entitlements(
    _ctx: Context<{{pascal}}>,
    _request: ListEntitlements,
) -> Result<Vec<FoundEntitlementData>> {
    Err(not_written("list_entitlements"))
}

// #[capability(find_entitlement_associations)]
pub async fn find_entitlement_associations(
    _ctx: Context<{{pascal}}>,
    _request: FindEntitlementAssociations,
) -> Result<Vec<FoundEntitlementAssociation>> {
    Err(not_written("find_entitlement_associations"))
}

// #[capability(get_account_entitlement_associations)]
pub async fn get_account_entitlement_associations(
    _ctx: Context<{{pascal}}>,
    _request: GetAccountEntitlementAssociations,
) -> Result<Vec<FoundEntitlementAssociation>> {
    Err(not_written("get_account_entitlement_associations"))
}

// #[capability(get_last_activity)]
pub async fn get_last_activity(
    _ctx: Context<{{pascal}}>,
    _request: GetLastActivity,
) -> Result<Vec<LastActivityData>> {
    Err(not_written("get_last_activity"))
}

// #[capability(list_activity_records)]
pub async fn list_activity_records(
    _ctx: Context<{{pascal}}>,
    _request: ListActivityRecords,
) -> Result<Vec<ActivityRecord>> {
    Err(not_written("list_activity_records"))
}

// #[capability(list_custom_attributes_schema)]
pub async fn list_custom_attributes_schema(
    _ctx: Context<{{pascal}}>,
    _request: ListCustomAttributesSchema,
) -> Result<Vec<CustomAttributeSchema>> {
    Err(not_written("list_custom_attributes_schema"))
}

// #[capability(get_data_recency)]
pub async fn get_data_recency(
    _ctx: Context<{{pascal}}>,
    _request: GetDataRecency,
) -> Result<DataRecency> {
    Err(not_written("get_data_recency"))
}

// #[capability(find_resource_graph)]
pub async fn find_resource_graph(
    _ctx: Context<{{pascal}}>,
    _request: FindResourceGraph,
) -> Result<ResourceGraph> {
    Err(not_written("find_resource_graph"))
}

// #[capability(find_entitlement_graph)]
pub async fn find_entitlement_graph(
    _ctx: Context<{{pascal}}>,
    _request: FindEntitlementGraph,
) -> Result<EntitlementGraph> {
    Err(not_written("find_entitlement_graph"))
}

// #[capability(find_entitlement_assignments)]
pub async fn find_entitlement_assignments(
    _ctx: Context<{{pascal}}>,
    _request: FindEntitlementAssignments,
) -> Result<Vec<EntitlementAssignment>> {
    Err(not_written("find_entitlement_assignments"))
}

// #[capability(list_applications)]
pub async fn list_applications(
    _ctx: Context<{{pascal}}>,
    _request: ListApplications,
) -> Result<Vec<Application>> {
    Err(not_written("list_applications"))
}

// #[capability(get_application)]
pub async fn get_application(
    _ctx: Context<{{pascal}}>,
    _request: GetApplication,
) -> Result<Application> {
    Err(not_written("get_application"))
}

// #[capability(list_applications_accounts)]
pub async fn list_applications_accounts(
    _ctx: Context<{{pascal}}>,
    _request: ListApplicationsAccounts,
) -> Result<Vec<ApplicationAccount>> {
    Err(not_written("list_applications_accounts"))
}

// #[capability(get_application_account)]
pub async fn get_application_account(
    _ctx: Context<{{pascal}}>,
    _request: GetApplicationAccount,
) -> Result<ApplicationAccount> {
    Err(not_written("get_application_account"))
}

// #[capability(list_applications_activity_records)]
pub async fn list_applications_activity_records(
    _ctx: Context<{{pascal}}>,
    _request: ListApplicationsActivityRecords,
) -> Result<Vec<ApplicationActivityRecord>> {
    Err(not_written("list_applications_activity_records"))
}

// #[capability(list_applications_entitlements)]
pub async fn list_applications_entitlements(
    _ctx: Context<{{pascal}}>,
    _request: ListApplicationsEntitlements,
) -> Result<Vec<ApplicationEntitlementData>> {
    Err(not_written("list_applications_entitlements"))
}

// #[capability(list_applications_resources)]
pub async fn list_applications_resources(
    _ctx: Context<{{pascal}}>,
    _request: ListApplicationsResources,
) -> Result<Vec<ApplicationResourceData>> {
    Err(not_written("list_applications_resources"))
}

// #[capability(list_applications_entitlement_associations)]
pub async fn list_applications_entitlement_associations(
    _ctx: Context<{{pascal}}>,
    _request: ListApplicationsEntitlementAssociations,
) -> Result<Vec<ApplicationEntitlementAssociation>> {
    Err(not_written("list_applications_entitlement_associations"))
}

// #[capability(list_expenses)]
pub async fn list_expenses(
    _ctx: Context<{{pascal}}>,
    _request: ListExpenses,
) -> Result<Vec<Expense>> {
    Err(not_written("list_expenses"))
}
