//! The OpenAPI 3.1 document of the whole protocol, printed by `connector spec`.
//!
//! Everything comes from the crate's own types: the component schemas from
//! the models, the operations from the table of standard capabilities (plus
//! the capabilities the runtime serves itself), and the per-capability
//! envelopes from [`RequestEnvelope`] and [`ResponseEnvelope`], named after
//! the capability as the protocol names them.

use schemars::{JsonSchema, SchemaGenerator};
use serde_json::{Value, json};

use crate::capability::standard::{self, StandardCapability, Visitor};
use crate::capability::{Kind, Level, title_case};
use crate::models::*;

use crate::schema::Object;

/// The OpenAPI version of this document (the connector's own document,
/// `app_info`, is 3.0 like the reference's; this one describes the whole
/// protocol and needs no compatibility with it).
pub const OPENAPI_VERSION: &str = "3.1.0";

/// Where component schemas live, as a JSON pointer.
const COMPONENTS: &str = "/components/schemas";

/// A generator whose `$ref`s point into `components.schemas`.
fn generator() -> SchemaGenerator {
    let mut settings = schemars::generate::SchemaSettings::draft2020_12();
    settings.definitions_path = COMPONENTS.into();
    settings.into_generator()
}

fn reference(name: &str) -> Value {
    json!({ "$ref": format!("#{COMPONENTS}/{name}") })
}

/// One operation of the document.
struct Operation {
    name: &'static str,
    kind: Kind,
    /// `(request payload schema name, request envelope schema)`, absent for `info`.
    request: Option<(String, Value)>,
    /// The response envelope schema.
    response: Value,
}

/// The protocol's name of a capability's envelopes, without the
/// `Request`/`Response` suffix: `list_accounts` → `ListAccounts`;
/// `handle_client_credentials_request` → `HandleClientCredentials`.
pub fn envelope_stem(capability: &str) -> String {
    let base = capability.strip_suffix("_request").unwrap_or(capability);
    title_case(base).replace(' ', "")
}

/// The schema name `T` is stored under, if it is a component.
fn schema_name<T: JsonSchema>(generator: &mut SchemaGenerator) -> String {
    match generator.subschema_for::<T>().get("$ref").and_then(Value::as_str) {
        Some(r) => r.rsplit('/').next().unwrap_or_default().to_owned(),
        None => T::schema_name().into_owned(),
    }
}

fn request_envelope<T: JsonSchema>(generator: &mut SchemaGenerator, credentials: bool) -> Value {
    let mut schema = Value::from(RequestEnvelope::<T>::json_schema(generator));
    if let Some(Value::Object(properties)) = schema.get_mut("properties") {
        if !credentials {
            properties.remove("auth");
            properties.remove("credentials");
        }
    }
    schema
}

fn response_envelope<T: JsonSchema>(generator: &mut SchemaGenerator) -> Value {
    Value::from(ResponseEnvelope::<T>::json_schema(generator))
}

struct Collect<'g> {
    generator: &'g mut SchemaGenerator,
    operations: Vec<Operation>,
}

impl Collect<'_> {
    fn push<Req: JsonSchema, Payload: JsonSchema>(&mut self, name: &'static str, kind: Kind) {
        let payload = schema_name::<Req>(self.generator);
        let envelope = request_envelope::<Req>(self.generator, kind.authenticates());
        let response = response_envelope::<Payload>(self.generator);
        self.operations.push(Operation {
            name,
            kind,
            request: Some((payload, envelope)),
            response,
        });
    }
}

impl Visitor for Collect<'_> {
    fn visit<S: StandardCapability>(&mut self) {
        self.push::<S::Request, S::Payload>(S::NAME, S::KIND);
    }
}

/// Adds every protocol type to the components, also those that are only
/// flattened into others or not used by any operation.
macro_rules! register {
    ($generator:expr; $($ty:ty),* $(,)?) => {
        $( $generator.subschema_for::<$ty>(); )*
    };
}

fn register_all(generator: &mut SchemaGenerator) {
    register!(generator;
        AccessGraphEntitlement, AccessGraphEntitlementRule, AccessGraphEntitlementType, AccountStatus,
        AccountType, ActivateAccount, ActivatedAccount, ActivityEventType, ActivityRecord,
        ActivityRecordActor, ActivityRecordEntitlement, ActivityRecordTarget, ActivityType, Amount,
        AppCategory, AppInfo, AppInfoRequestPayload, Application, ApplicationAccount,
        ApplicationActivityRecord, ApplicationEntitlementAssociation, ApplicationEntitlementData,
        ApplicationResourceData, ApplicationStatus, AssignApplication, AssignApplicationEntitlement,
        AssignEntitlement, AssignedApplication, AssignedApplicationEntitlement, AssignedEntitlement,
        AssignmentMode, AuthCredential, AuthorizationUrl, BasicAuthentication, BasicCredential,
        CapabilitySchema, CreatableAccount, CreateAccount, CreateAccountEntitlement, CreatedAccount,
        CreatedEffect, CustomAttribute, CustomAttributeCustomizedType, CustomAttributeParameter,
        CustomAttributeSchema, CustomAttributeType, DataRecency, DeactivateAccount, DeactivatedAccount,
        DeleteAccount, DeletedAccount, DeletedEffect, Delta, DowngradeLicense, DowngradedLicense, Effect,
        EmptyButCreateAnyway, EntitlementAssignment, EntitlementGraph, EntitlementIdentifier,
        EntitlementRequirement, EntitlementType, ErrorDetail, ErrorCode, ErrorResponse, ExecutionEffect,
        ExecutionSummary, Expense, ExpenseApprovalStatus, ExpenseFilters, ExpensePaymentStatus,
        ExpenseType, FindEntitlementAssignments, FindEntitlementAssociations, FindEntitlementGraph,
        FindResourceGraph, FoundAccountData, FoundEntitlementAssociation, FoundEntitlementData,
        FoundResourceData, GetAccount, GetAccountEntitlementAssociations, GetApplication,
        GetApplicationAccount, GetAuthorizationUrl, GetConnectedInfo, GetDataRecency, GetLastActivity,
        HandleAuthorizationCallback, HandleClientCredentials, ImpliedAccess, ImpliedAccessRule, Info,
        JWTClaims, JWTCredential, JWTHeaders, KeyGenType, KeyPairCredential, LastActivityData,
        ListAccounts, ListActivityRecords, ListApplications, ListApplicationsAccounts,
        ListApplicationsActivityRecords, ListApplicationsEntitlementAssociations,
        ListApplicationsEntitlements, ListApplicationsResources, ListCustomAttributesSchema,
        ListEntitlements, ListExpenses, ListResources, ListUpdatedAccounts, NoopEffect, NoopEffectReason,
        NormalizedExpenseApprovalStatus, NormalizedExpensePaymentStatus, OAuth1Credential,
        OAuthAuthentication, OAuthAuthorization, OAuthClientCredential,
        OAuthClientCredentialAuthentication, OAuthClientCredentialAuthorization, OAuthCredential,
        OAuthScopes, OauthCredentials, OpenAPISpecification, OpenAPISpecificationInfo, Page, Reference,
        ReferenceType, RefreshAccessToken, ReleaseResources, ReleaseResourcesStatus, Resource,
        ResourceGraph, ResourceRelationship, ResourceType, ServiceAccountCredential, ServiceAccountType,
        SignOnMode, SpendUser, StandardCapabilityName, TimeRange, TokenAuthentication, TokenCredential,
        TokenType, TransferData, TransferDataStatus, UnassignApplication, UnassignApplicationEntitlement,
        UnassignEntitlement, UnassignedApplication, UnassignedApplicationEntitlement,
        UnassignedEntitlement, UpdateableAccount, UpdatedAccounts, UpdatedEffect,
        ValidateCredentialConfig, ValidateCredentials, ValidatedCredentialConfig, ValidatedCredentials,
        Vendor,
    );
}

/// The tag an operation is listed under.
fn tag_of(name: &str, kind: Kind) -> &'static str {
    match (name, kind) {
        ("info" | "list_custom_attributes_schema", _) => "Learning about connectors",
        ("app_info", _) => "Open API Specification",
        (_, Kind::Standard(Some(Level::Read))) => "Read Capabilities",
        (_, Kind::Standard(Some(Level::Write))) | (_, Kind::Custom) => "Write Capabilities",
        (_, Kind::Standard(Some(Level::Validation))) => "Validation Capabilities",
        (_, Kind::Authorization) => "OAuth Capabilities",
        (_, Kind::Specification) => "Open API Specification",
        (n, Kind::Standard(None)) if n.starts_with("list_") || n.starts_with("get_") => "Read Capabilities",
        (_, Kind::Standard(None)) => "Write Capabilities",
    }
}

const TAGS: &[(&str, &str)] = &[
    (
        "Learning about connectors",
        "What a connector is and what it can do.",
    ),
    ("Open API Specification", "The connector's own OpenAPI document."),
    ("Read Capabilities", "Capabilities that read from the app."),
    ("Write Capabilities", "Capabilities that change the app."),
    (
        "Validation Capabilities",
        "Capabilities that check configuration.",
    ),
    (
        "OAuth Capabilities",
        "Capabilities that obtain and refresh OAuth tokens.",
    ),
];

/// The protocol's OpenAPI 3.1 document.
pub fn document() -> Value {
    let mut generator = generator();
    register_all(&mut generator);
    let mut collect = Collect {
        generator: &mut generator,
        operations: Vec::new(),
    };
    standard::visit_all(&mut collect);
    collect.push::<GetConnectedInfo, Info>("get_connected_info", Kind::Standard(None));
    collect.push::<AppInfoRequestPayload, AppInfo>("app_info", Kind::Standard(None));
    let info_response = response_envelope::<Info>(collect.generator);
    collect.operations.push(Operation {
        name: "info",
        kind: Kind::Standard(None),
        request: None,
        response: info_response,
    });
    let mut operations = collect.operations;
    operations.sort_by_key(|op| op.name);

    let mut components = generator.take_definitions(true);
    let mut paths = Object::new();
    for op in operations {
        let stem = envelope_stem(op.name);
        let response_name = format!("{stem}Response");
        components.insert(response_name.clone(), titled(op.response, &response_name));
        let mut operation = json!({
            "operationId": op.name,
            "tags": [tag_of(op.name, op.kind)],
            "summary": title_case(op.name),
            "responses": {"200": {
                "description": "The capability's response envelope, or the error envelope.",
                "content": {"application/json": {"schema": {
                    "oneOf": [reference(&response_name), reference("ErrorResponse")],
                }}},
            }},
        });
        if let Some((payload, envelope)) = op.request {
            let request_name = format!("{stem}Request");
            components.insert(request_name.clone(), titled(envelope, &request_name));
            operation["requestBody"] = json!({
                "required": true,
                "content": {"application/json": {"schema": reference(&request_name)}},
                "x-request-payload": reference(&payload),
            });
        }
        paths.insert(
            format!("/{{connector_id}}/{}", path_of(op.name)),
            json!({
                "parameters": [{
                    "name": "connector_id",
                    "in": "path",
                    "required": true,
                    "description": "The id of the connector to call.",
                    "schema": {"type": "string"},
                }],
                "post": operation,
            }),
        );
    }
    paths.insert("/list-connector-app-ids".into(), list_connector_app_ids());
    json!({
        "openapi": OPENAPI_VERSION,
        "info": {
            "title": "Lumos Connector API",
            "description": "The wire protocol between the Lumos platform and its connectors.",
            "version": env!("CARGO_PKG_VERSION"),
        },
        "tags": TAGS.iter().map(|(name, description)| json!({"name": name, "description": description})).collect::<Vec<_>>(),
        "paths": paths,
        "components": {"schemas": components},
    })
}

/// The path of an operation: the protocol serves `get_connected_info` at
/// `connected_info`, its name in `StandardCapabilityName`.
fn path_of(operation: &str) -> &str {
    match operation {
        "get_connected_info" => "connected_info",
        other => other,
    }
}

/// `POST /list-connector-app-ids`: the ids of the connectors a server hosts.
fn list_connector_app_ids() -> Value {
    json!({"post": {
        "operationId": "list_connector_app_ids",
        "summary": "List Connector App Ids",
        "description": "The ids of the connectors this server hosts, each usable as `connector_id`.",
        "responses": {"200": {
            "description": "The ids, in the response envelope.",
            "content": {"application/json": {"schema": {
                "type": "object",
                "required": ["response"],
                "properties": {
                    "response": {"type": "array", "items": {"type": "string"}},
                    "raw_data": {},
                    "page": reference("Page"),
                    "execution_summary": reference("ExecutionSummary"),
                },
            }}},
        }},
    }})
}

fn titled(mut schema: Value, title: &str) -> Value {
    if let Value::Object(map) = &mut schema {
        map.insert("title".into(), Value::from(title));
    }
    schema
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn envelope_names_follow_the_protocol() {
        assert_eq!(envelope_stem("list_accounts"), "ListAccounts");
        assert_eq!(
            envelope_stem("handle_client_credentials_request"),
            "HandleClientCredentials"
        );
        assert_eq!(envelope_stem("app_info"), "AppInfo");
        assert_eq!(envelope_stem("info"), "Info");
    }

    #[test]
    fn every_operation_points_at_named_envelopes() {
        let doc = document();
        let schemas = doc["components"]["schemas"].as_object().unwrap();
        let paths = doc["paths"].as_object().unwrap();
        assert_eq!(paths.len(), 47);
        assert!(paths.contains_key("/{connector_id}/connected_info"));
        assert!(paths.contains_key("/list-connector-app-ids"));
        for (path, item) in paths {
            if path == "/list-connector-app-ids" {
                continue;
            }
            let op = &item["post"];
            let name = op["operationId"].as_str().unwrap();
            assert!(path.ends_with(path_of(name)), "{path}");
            let response =
                op["responses"]["200"]["content"]["application/json"]["schema"]["oneOf"][0]["$ref"]
                    .as_str()
                    .unwrap();
            let response = response.rsplit('/').next().unwrap();
            assert!(schemas.contains_key(response), "{response}");
        }
        let list = &schemas["ListAccountsResponse"]["properties"]["response"];
        assert_eq!(list["type"], "array");
        assert_eq!(list["items"]["$ref"], "#/components/schemas/FoundAccountData");
        let oauth = schemas["GetAuthorizationUrlRequest"]["properties"]
            .as_object()
            .unwrap();
        assert!(!oauth.contains_key("auth") && oauth.contains_key("request"));
        let create = schemas["CreateAccountRequest"]["properties"]["request"]["$ref"].as_str();
        assert_eq!(create, Some("#/components/schemas/CreatableAccount"));
    }
}
