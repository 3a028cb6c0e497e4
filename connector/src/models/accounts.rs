//! Accounts: validating credentials and reading the app's users.

use chrono::{DateTime, Utc};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::serde_util::only_true;

/// Payload of `validate_credentials` (no fields).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[schemars(transform = super::texts::ProtocolTexts("ValidateCredentials"))]
#[schemars(extend("x-capability-level" = "read"))]
pub struct ValidateCredentials {}

/// Answer of `validate_credentials`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[schemars(transform = super::texts::ProtocolTexts("ValidatedCredentials"))]
pub struct ValidatedCredentials {
    /// Whether the credentials work.
    pub valid: bool,
    /// A stable id of the tenant the credentials belong to.
    pub unique_tenant_id: String,
}

/// Payload of `list_accounts`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[schemars(transform = super::texts::ProtocolTexts("ListAccounts"))]
#[schemars(extend("x-capability-level" = "read"))]
pub struct ListAccounts {
    /// Custom attributes the caller wants filled in.
    #[serde(default)]
    pub custom_attributes: Option<Vec<String>>,
}

/// The lifecycle state of an account.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[schemars(transform = super::texts::ProtocolTexts("AccountStatus"))]
#[allow(missing_docs)]
pub enum AccountStatus {
    ACTIVE,
    INACTIVE,
    SUSPENDED,
    DEPROVISIONED,
    PENDING,
    DELETED,
}

/// Whether an account belongs to a person or a machine.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[schemars(transform = super::texts::ProtocolTexts("AccountType"))]
#[serde(rename_all = "snake_case")]
#[allow(missing_docs)]
pub enum AccountType {
    Service,
    User,
}

/// One account of the app.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(transform = super::texts::ProtocolTexts("FoundAccountData"))]
#[schemars(extend("x-unique-hash" = ["integration_specific_id"]))]
pub struct FoundAccountData {
    /// The app's own id of the account.
    #[schemars(extend("x-semantic" = "account-id"))]
    pub integration_specific_id: String,
    /// Email address.
    #[serde(default)]
    pub email: Option<String>,
    /// First name.
    #[serde(default)]
    pub given_name: Option<String>,
    /// Last name.
    #[serde(default)]
    pub family_name: Option<String>,
    /// Login name.
    #[serde(default)]
    pub username: Option<String>,
    /// Lifecycle state.
    #[serde(default)]
    pub user_status: Option<AccountStatus>,
    /// Anything else the connector wants to pass on.
    #[serde(default)]
    pub extra_data: Option<serde_json::Map<String, serde_json::Value>>,
    /// Values of the custom attributes that were asked for.
    #[serde(default)]
    pub custom_attributes: Option<std::collections::BTreeMap<String, String>>,
    /// Person or machine.
    #[serde(default)]
    pub account_type: Option<AccountType>,
}
/// Payload of `activate_account`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[schemars(transform = super::texts::ProtocolTexts("ActivateAccount"))]
#[schemars(extend("x-capability-level" = "write"))]
pub struct ActivateAccount {
    /// The app's id of the account.
    #[schemars(extend("x-semantic" = "account-id"))]
    pub account_id: String,
}

/// Answer of `activate_account`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(transform = super::texts::ProtocolTexts("ActivatedAccount"))]
pub struct ActivatedAccount {
    /// The account's state after the call.
    pub status: AccountStatus,
    /// Whether the account is active.
    pub activated: bool,
}

/// Payload of `create_account`: the protocol's part, which a connector may extend.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[schemars(transform = super::texts::ProtocolTexts("CreatableAccount"))]
#[schemars(extend("x-capability-level" = "write"))]
pub struct CreatableAccount {
    /// Entitlements to grant the new account.
    #[serde(default)]
    #[schemars(extend("default" = []))]
    pub entitlements: Vec<CreateAccountEntitlement>,
}

/// A `create_account` payload with the usual identity fields beside the entitlements.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(transform = super::texts::ProtocolTexts("CreateAccount"))]
#[schemars(extend("x-capability-level" = "write"))]
pub struct CreateAccount {
    /// Email address.
    #[serde(default)]
    pub email: Option<String>,
    /// Login name.
    #[serde(default)]
    pub username: Option<String>,
    /// First name.
    #[serde(default)]
    pub given_name: Option<String>,
    /// Last name.
    #[serde(default)]
    pub family_name: Option<String>,
    /// Lifecycle state to give the new account.
    #[serde(default)]
    pub user_status: Option<String>,
    /// The fields of `CreatableAccount`.
    #[serde(flatten)]
    pub creatable_account: CreatableAccount,
}

/// An entitlement to grant a new account.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[schemars(transform = super::texts::ProtocolTexts("CreateAccountEntitlement"))]
pub struct CreateAccountEntitlement {
    /// The app's id of the resource the entitlement belongs to.
    #[serde(default)]
    pub integration_specific_resource_id: Option<String>,
    /// The type id of the entitlement.
    #[schemars(extend("x-entitlement-type" = true))]
    pub entitlement_type: String,
    /// The app's own id.
    pub integration_specific_id: String,
}

/// Answer of `create_account`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(transform = super::texts::ProtocolTexts("CreatedAccount"))]
pub struct CreatedAccount {
    /// The app's id of this item.
    #[serde(default)]
    #[schemars(extend("x-semantic" = "account-id"))]
    pub id: Option<String>,
    /// The account's state after the call.
    pub status: AccountStatus,
    /// Always `true`.
    #[serde(deserialize_with = "only_true")]
    pub created: bool,
}

/// What kind of item a custom attribute belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[schemars(transform = super::texts::ProtocolTexts("CustomAttributeCustomizedType"))]
#[allow(missing_docs)]
pub enum CustomAttributeCustomizedType {
    #[serde(rename = "account")]
    Account,
    #[serde(rename = "entitlement")]
    Entitlement,
    #[serde(rename = "resource")]
    Resource,
}

/// A custom attribute the app defines.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(transform = super::texts::ProtocolTexts("CustomAttributeSchema"))]
pub struct CustomAttributeSchema {
    /// What kind of item the attribute belongs to.
    pub customized_type: CustomAttributeCustomizedType,
    /// The name.
    pub name: String,
    /// The type of the attribute's value.
    pub attribute_type: CustomAttributeType,
    /// A description for people.
    #[serde(default)]
    pub description: Option<String>,
}

/// The value type of a custom attribute.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[schemars(transform = super::texts::ProtocolTexts("CustomAttributeType"))]
#[allow(missing_docs)]
pub enum CustomAttributeType {
    #[serde(rename = "string")]
    String,
    #[serde(rename = "user")]
    User,
}

/// Payload of `deactivate_account`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[schemars(transform = super::texts::ProtocolTexts("DeactivateAccount"))]
#[schemars(extend("x-capability-level" = "write"))]
pub struct DeactivateAccount {
    /// The app's id of the account.
    #[schemars(extend("x-semantic" = "account-id"))]
    pub account_id: String,
}

/// Answer of `deactivate_account`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(transform = super::texts::ProtocolTexts("DeactivatedAccount"))]
pub struct DeactivatedAccount {
    /// The account's state after the call.
    pub status: AccountStatus,
    /// Whether the account is deactivated.
    pub deactivated: bool,
}

/// Payload of `delete_account`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[schemars(transform = super::texts::ProtocolTexts("DeleteAccount"))]
#[schemars(extend("x-capability-level" = "write"))]
pub struct DeleteAccount {
    /// The app's id of the account.
    #[schemars(extend("x-semantic" = "account-id"))]
    pub account_id: String,
}

/// Answer of `delete_account`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(transform = super::texts::ProtocolTexts("DeletedAccount"))]
pub struct DeletedAccount {
    /// The account's state after the call.
    pub status: AccountStatus,
    /// Whether the account is gone.
    pub deleted: bool,
}

/// Payload of `downgrade_license`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[schemars(transform = super::texts::ProtocolTexts("DowngradeLicense"))]
#[schemars(extend("x-capability-level" = "write"))]
pub struct DowngradeLicense {
    /// The app's id of the account.
    #[schemars(extend("x-semantic" = "account-id"))]
    pub account_id: String,
}

/// Answer of `downgrade_license`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[schemars(transform = super::texts::ProtocolTexts("DowngradedLicense"))]
pub struct DowngradedLicense {
    /// Whether the operation succeeded.
    pub success: bool,
    /// Why, in words, when there is something to say.
    #[serde(default)]
    pub reason: Option<String>,
}

/// Payload of `get_account`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[schemars(transform = super::texts::ProtocolTexts("GetAccount"))]
#[schemars(extend("x-capability-level" = "read"))]
pub struct GetAccount {
    /// The app's id of the account.
    #[schemars(extend("x-semantic" = "account-id"))]
    pub account_id: String,
    /// Custom attributes asked for, or their values.
    #[serde(default)]
    pub custom_attributes: Option<Vec<String>>,
}

/// Payload of `list_custom_attributes_schema` (no fields).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[schemars(transform = super::texts::ProtocolTexts("ListCustomAttributesSchema"))]
#[schemars(extend("x-capability-level" = "read"))]
pub struct ListCustomAttributesSchema {}

/// Payload of `list_updated_accounts`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[schemars(transform = super::texts::ProtocolTexts("ListUpdatedAccounts"))]
#[schemars(extend("x-capability-level" = "read"))]
pub struct ListUpdatedAccounts {
    /// Only accounts changed after this moment.
    #[serde(default)]
    pub since: Option<DateTime<Utc>>,
    /// Where to continue next time.
    #[serde(default)]
    pub cursor: Option<String>,
    /// Custom attributes asked for, or their values.
    #[serde(default)]
    pub custom_attributes: Option<Vec<String>>,
}

/// Payload of `release_resources`: free what an account holds.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[schemars(transform = super::texts::ProtocolTexts("ReleaseResources"))]
#[schemars(extend("x-capability-level" = "write"))]
pub struct ReleaseResources {
    /// The app's id of the account.
    #[schemars(extend("x-semantic" = "account-id"))]
    pub account_id: String,
}

/// Answer of `release_resources`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[schemars(transform = super::texts::ProtocolTexts("ReleaseResourcesStatus"))]
pub struct ReleaseResourcesStatus {
    /// Whether the operation succeeded.
    pub success: bool,
    /// Why, in words, when there is something to say.
    #[serde(default)]
    pub reason: Option<String>,
}

/// Payload of `transfer_data`: move one account's data to another.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[schemars(transform = super::texts::ProtocolTexts("TransferData"))]
#[schemars(extend("x-capability-level" = "write"))]
pub struct TransferData {
    /// The account whose data moves.
    #[schemars(extend("x-semantic" = "account-id"))]
    pub source_account_id: String,
    /// The account receiving the data.
    #[schemars(extend("x-semantic" = "account-id"))]
    pub target_account_id: String,
}

/// Answer of `transfer_data`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[schemars(transform = super::texts::ProtocolTexts("TransferDataStatus"))]
pub struct TransferDataStatus {
    /// Whether the operation succeeded.
    pub success: bool,
    /// Why, in words, when there is something to say.
    #[serde(default)]
    pub reason: Option<String>,
}

/// Payload and answer of `update_account`: the account's id, extendable with the fields to change.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[schemars(transform = super::texts::ProtocolTexts("UpdateableAccount"))]
pub struct UpdateableAccount {
    /// The app's id of this item.
    #[schemars(extend("x-semantic" = "account-id"))]
    pub id: String,
}

/// Answer of `list_updated_accounts`: the accounts changed since a moment or cursor.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[schemars(transform = super::texts::ProtocolTexts("UpdatedAccounts"))]
pub struct UpdatedAccounts {
    /// The changed accounts.
    pub accounts: Vec<FoundAccountData>,
    /// Where to continue next time.
    #[serde(default)]
    pub cursor: Option<String>,
}
