//! A connector that declares its catalogue: resource, entitlement and
//! access-graph types, graph rules, annotated settings fields, an extended
//! `create_account` payload and custom capabilities. Its Python twin is
//! tests/conformance/info/catalog.py; the two must describe themselves alike.

use std::collections::BTreeMap;

use connector::models::{
    AccessGraphEntitlementRule, AccessGraphEntitlementType, AccountStatus, AssignEntitlement,
    AssignedEntitlement, CreatableAccount, CreatedAccount, EntitlementType, Extended, FoundResourceData,
    ImpliedAccessRule, ListResources, ResourceType, TokenCredential, ValidateCredentials,
    ValidatedCredentials,
};
use connector::prelude::*;

/// Where the tenant's data lives.
#[derive(Debug, Default, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
enum Region {
    #[default]
    Eu,
    Us,
}

#[derive(Debug, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
enum Seat {
    Full,
    Light,
}

fn default_page_size() -> i64 {
    100
}

/// Where the app lives and how to reach it.
#[fields]
#[derive(Debug, Deserialize, JsonSchema)]
#[allow(dead_code)]
struct CatalogSettings {
    /// Host name of the app.
    host: String,
    /// The tenant's region.
    #[serde(default)]
    region: Region,
    /// Accounts per page.
    #[serde(default = "default_page_size")]
    page_size: i64,
    /// Key of the admin API.
    #[field(secret)]
    admin_key: String,
    #[serde(default)]
    #[field(hidden)]
    tenant_hint: Option<String>,
    /// PEM certificate.
    #[serde(default)]
    #[field(multiline, group = "Advanced")]
    certificate: Option<String>,
    #[serde(default)]
    #[field(multiline, secret, group = "Advanced")]
    signing_key: Option<String>,
    #[serde(default)]
    #[field(primary = false, semantic = "account-id", unique)]
    account_field: Option<String>,
    #[serde(default)]
    #[field(enum_mapping = Seat)]
    seat_mapping: Option<BTreeMap<String, String>>,
    #[serde(default)]
    #[field(discriminator(field = "region", expected_value = "us"))]
    proxy_url: Option<String>,
    /// Scopes to ask for.
    #[serde(default)]
    scopes: Vec<String>,
}

fn entitlement_types() -> Vec<EntitlementType> {
    let mut member = EntitlementType::new("MEMBER", "Member", "PROJECT");
    member.min = 1;
    member.max = Some(3);
    vec![EntitlementType::new("ROLE", "Role", ""), member]
}

fn access_graph_entitlement_types() -> Vec<AccessGraphEntitlementType> {
    vec![AccessGraphEntitlementType {
        type_id: "READ".into(),
        type_label: "Read".into(),
        resource_type_id: "PROJECT".into(),
    }]
}

fn entitlement_rules() -> Vec<AccessGraphEntitlementRule> {
    vec![AccessGraphEntitlementRule {
        entitlement_type: "READ".into(),
        entitlement_id: "read".into(),
        resource_type: "PROJECT".into(),
        is_assignable: None,
        denies_access: false,
        label: "Read".into(),
        description: None,
    }]
}

fn implied_access_rules() -> Vec<ImpliedAccessRule> {
    vec![ImpliedAccessRule {
        from_entitlement_type: "MEMBER".into(),
        from_entitlement_id: "member".into(),
        from_resource_type: "TEAM".into(),
        relationship_label: Some("grants_access_to".into()),
        to_entitlement_type: "READ".into(),
        to_entitlement_id: "read".into(),
        to_resource_type: "PROJECT".into(),
    }]
}

#[connector(
    app_id = "catalog-demo",
    version = "2.1.0",
    name = "Catalog Demo",
    description = "Declares resource and entitlement types.",
    logo_url = "https://catalog.example/logo.png",
    vendor_domain = "catalog.example",
    categories = [ItAndSecurity, Collaboration],
    auth = TokenCredential,
    settings = CatalogSettings,
    resource_types = vec![ResourceType::new("PROJECT", "Project"), ResourceType::new("TEAM", "Team")],
    entitlement_types = entitlement_types(),
    access_graph_entitlement_types = access_graph_entitlement_types(),
    access_graph_entitlement_rules = entitlement_rules(),
    implied_access_rules = implied_access_rules(),
)]
struct CatalogDemo;

#[capability(validate_credentials)]
async fn validate_credentials(
    _ctx: Context<CatalogDemo>,
    _request: ValidateCredentials,
) -> Result<ValidatedCredentials> {
    Ok(ValidatedCredentials {
        valid: true,
        unique_tenant_id: "catalog".into(),
    })
}

#[capability(list_resources)]
async fn list_resources(
    _ctx: Context<CatalogDemo>,
    _request: ListResources,
) -> Result<Vec<FoundResourceData>> {
    Ok(Vec::new())
}

#[capability(assign_entitlement)]
async fn assign_entitlement(
    _ctx: Context<CatalogDemo>,
    _request: AssignEntitlement,
) -> Result<AssignedEntitlement> {
    Ok(AssignedEntitlement { assigned: true })
}

/// An account with a seat.
#[derive(Debug, Deserialize, JsonSchema)]
#[allow(dead_code)]
struct CatalogAccount {
    /// The seat to give.
    seat: Seat,
    /// The manager's id.
    #[serde(default)]
    manager: Option<String>,
}

#[capability(create_account)]
async fn create_account(
    _ctx: Context<CatalogDemo>,
    _request: Extended<CreatableAccount, CatalogAccount>,
) -> Result<CreatedAccount> {
    Ok(CreatedAccount {
        id: None,
        status: AccountStatus::ACTIVE,
        created: true,
    })
}

/// Text to echo.
#[derive(Debug, Deserialize, JsonSchema)]
struct EchoText {
    /// The text.
    text: String,
    #[serde(default = "one")]
    times: i64,
}

fn one() -> i64 {
    1
}

/// The echoed text.
#[derive(Debug, Serialize, JsonSchema)]
struct EchoedText {
    text: String,
}

#[capability(
    custom,
    name = "echo_text",
    display_name = "Echo",
    description = "Echoes the text."
)]
async fn echo_text(_ctx: Context<CatalogDemo>, request: EchoText) -> Result<EchoedText> {
    let times = usize::try_from(request.times).unwrap_or(0);
    Ok(EchoedText {
        text: request.text.repeat(times),
    })
}

#[derive(Debug, Deserialize, Serialize, JsonSchema)]
struct Nothing {}

#[capability(custom, name = "ping_app")]
async fn ping_app(_ctx: Context<CatalogDemo>, _request: Nothing) -> Result<Nothing> {
    Ok(Nothing {})
}

connector::main!();
