//! The protocol's standard capabilities, one module each.
//!
//! Each module holds a marker type, the two traits `#[capability]` uses to
//! check an author's function at compile time (`Request` for the payload,
//! `Returns` for the `Ok` value) and their error messages, which name the
//! types the protocol expects. The table below is the single list of
//! standard capabilities with their types; each row reads
//! `name: level, request = Payload [| extends Base], returns = Response;`.
//!
//! Capabilities the runtime serves itself (`info`, `get_connected_info`,
//! `list_connector_app_ids`, `app_info`) are not in the table.

use schemars::JsonSchema;
use serde::Serialize;
use serde::de::DeserializeOwned;

use super::{Kind, Level, Response};
#[allow(unused_imports)]
use crate::models::*;

/// Facts about one standard capability.
pub trait StandardCapability: 'static {
    /// The wire name.
    const NAME: &'static str;
    /// Its level or category.
    const KIND: Kind;
    /// The protocol's request payload.
    type Request: Serialize + DeserializeOwned + JsonSchema + Send + 'static;
    /// The protocol's response payload.
    type Payload: Serialize + DeserializeOwned + JsonSchema + Send + 'static;
}

/// Something that wants to see every standard capability of the table.
pub trait Visitor {
    /// Called once per capability, in table order.
    fn visit<S: StandardCapability>(&mut self);
}

/// Passes the table to the proc macro, and lists its rows for [`visit_all`].
///
/// Types are taken apart into identifiers (`Vec<Item>` or `Payload`) so the
/// proc macro sees them as written, not as opaque `ty` fragments: it tells
/// list responses apart by their `Vec`.
macro_rules! standard_table {
    ($($name:ident : $level:ident, request = $request:ident $(| extends $base:ident)?,
        returns = $returns:ident $(<$item:ident>)?;)*) => {
        connector_macros::__standard_capabilities! {
            $($name : $level, request = $request $(| extends $base)?, returns = $returns $(<$item>)?;)*
        }

        /// Shows every standard capability of the table to `visitor`.
        pub fn visit_all<V: Visitor>(visitor: &mut V) {
            $(visitor.visit::<$name::$name>();)*
        }

        /// Every row of the table as Rust source, for tools that write
        /// connectors: `(name, request payload, Ok type)`, e.g.
        /// `("list_accounts", "ListAccounts", "Vec<FoundAccountData>")`.
        pub const SIGNATURES: &[(&str, &str, &str)] = &[
            $((stringify!($name), stringify!($request), concat!(stringify!($returns) $(, "<", stringify!($item), ">")?)),)*
        ];
    };
}

standard_table! {
    activate_account: write, request = ActivateAccount, returns = ActivatedAccount;
    assign_application: write, request = AssignApplication, returns = AssignedApplication;
    assign_application_entitlement: write, request = AssignApplicationEntitlement,
        returns = AssignedApplicationEntitlement;
    assign_entitlement: write, request = AssignEntitlement, returns = AssignedEntitlement;
    create_account: write, request = CreatableAccount | extends CreatableAccount, returns = CreatedAccount;
    deactivate_account: write, request = DeactivateAccount, returns = DeactivatedAccount;
    delete_account: write, request = DeleteAccount, returns = DeletedAccount;
    downgrade_license: write, request = DowngradeLicense, returns = DowngradedLicense;
    find_entitlement_assignments: read, request = FindEntitlementAssignments,
        returns = Vec<EntitlementAssignment>;
    find_entitlement_associations: read, request = FindEntitlementAssociations,
        returns = Vec<FoundEntitlementAssociation>;
    find_entitlement_graph: read, request = FindEntitlementGraph, returns = EntitlementGraph;
    find_resource_graph: read, request = FindResourceGraph, returns = ResourceGraph;
    get_account: read, request = GetAccount, returns = FoundAccountData;
    get_account_entitlement_associations: read, request = GetAccountEntitlementAssociations,
        returns = Vec<FoundEntitlementAssociation>;
    get_application: read, request = GetApplication, returns = Application;
    get_application_account: read, request = GetApplicationAccount, returns = ApplicationAccount;
    get_authorization_url: authorization, request = GetAuthorizationUrl, returns = AuthorizationUrl;
    get_data_recency: read, request = GetDataRecency, returns = DataRecency;
    get_last_activity: read, request = GetLastActivity, returns = Vec<LastActivityData>;
    handle_authorization_callback: authorization, request = HandleAuthorizationCallback,
        returns = OauthCredentials;
    handle_client_credentials_request: authorization, request = HandleClientCredentials,
        returns = OauthCredentials;
    list_accounts: read, request = ListAccounts, returns = Vec<FoundAccountData>;
    list_activity_records: read, request = ListActivityRecords, returns = Vec<ActivityRecord>;
    list_applications: read, request = ListApplications, returns = Vec<Application>;
    list_applications_accounts: read, request = ListApplicationsAccounts, returns = Vec<ApplicationAccount>;
    list_applications_activity_records: read, request = ListApplicationsActivityRecords,
        returns = Vec<ApplicationActivityRecord>;
    list_applications_entitlement_associations: read, request = ListApplicationsEntitlementAssociations,
        returns = Vec<ApplicationEntitlementAssociation>;
    list_applications_entitlements: read, request = ListApplicationsEntitlements,
        returns = Vec<ApplicationEntitlementData>;
    list_applications_resources: read, request = ListApplicationsResources,
        returns = Vec<ApplicationResourceData>;
    list_custom_attributes_schema: read, request = ListCustomAttributesSchema,
        returns = Vec<CustomAttributeSchema>;
    list_entitlements: read, request = ListEntitlements, returns = Vec<FoundEntitlementData>;
    list_expenses: none, request = ListExpenses, returns = Vec<Expense>;
    list_resources: read, request = ListResources, returns = Vec<FoundResourceData>;
    list_updated_accounts: read, request = ListUpdatedAccounts, returns = UpdatedAccounts;
    refresh_access_token: authorization, request = RefreshAccessToken, returns = OauthCredentials;
    release_resources: write, request = ReleaseResources, returns = ReleaseResourcesStatus;
    transfer_data: write, request = TransferData, returns = TransferDataStatus;
    unassign_application: write, request = UnassignApplication, returns = UnassignedApplication;
    unassign_application_entitlement: write, request = UnassignApplicationEntitlement,
        returns = UnassignedApplicationEntitlement;
    unassign_entitlement: write, request = UnassignEntitlement, returns = UnassignedEntitlement;
    update_account: none, request = UpdateableAccount | extends UpdateableAccount, returns = UpdateableAccount;
    validate_credential_config: validation, request = ValidateCredentialConfig,
        returns = ValidatedCredentialConfig;
    validate_credentials: read, request = ValidateCredentials, returns = ValidatedCredentials;
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Names(Vec<&'static str>);

    impl Visitor for Names {
        fn visit<S: StandardCapability>(&mut self) {
            self.0.push(S::NAME);
        }
    }

    #[test]
    fn table_covers_every_registrable_name() {
        let mut names = Names(Vec::new());
        visit_all(&mut names);
        assert_eq!(names.0, REGISTRABLE);
        assert_eq!(names.0.len(), 43);
    }
}
