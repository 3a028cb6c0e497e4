//! `scim-connector`: a connector for any SCIM 2.0 service provider (RFC 7643 / RFC 7644).
//!
//! Users are accounts; each group is a resource of type `group` with one
//! `member` entitlement, and group memberships are the entitlement
//! associations. Requests carry the provider's SCIM root as `base_url` and a
//! bearer token.

mod scim;
mod write;

use connector::client::RetryPolicy;
use connector::models::{
    CustomAttributeCustomizedType, CustomAttributeSchema, CustomAttributeType, EntitlementType,
    FindEntitlementAssociations, FoundAccountData, FoundEntitlementAssociation, FoundEntitlementData,
    FoundResourceData, GetAccount, ListAccounts, ListCustomAttributesSchema, ListEntitlements, ListResources,
    ResourceType, TokenCredential, ValidateCredentials, ValidatedCredentials,
};
use connector::pagination::{Cursor, Position};
use connector::prelude::*;

use crate::scim::{Group, ListResponse, Scim, User};

/// Where the provider lives.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct ScimSettings {
    /// The SCIM root, e.g. `https://example.com/scim/v2`.
    pub base_url: String,
}

/// A SCIM 2.0 service provider.
#[connector(
    app_id = "scim",
    name = "SCIM 2.0",
    description = "Any service provider that speaks SCIM 2.0 (RFC 7643 and RFC 7644): users, groups and group memberships.",
    categories = [ItAndSecurity],
    auth = TokenCredential,
    settings = ScimSettings,
    resource_types = vec![ResourceType::new(GROUP, "Group")],
    entitlement_types = vec![EntitlementType::new(MEMBER, "Member", GROUP)],
    error_map = scim::error_map(),
)]
pub struct ScimConnector;

/// The resource type of groups.
const GROUP: &str = "group";
/// The entitlement type of group membership.
const MEMBER: &str = "member";
/// Page size when the caller gives none.
const DEFAULT_PAGE_SIZE: usize = 100;

fn client(ctx: &Context<ScimConnector>) -> Result<Scim> {
    // Providers throttle and have bad moments; GETs, PUTs and DELETEs are
    // sent again (POST and PATCH are not: they may have taken effect).
    let http = ctx
        .http_client(ctx.settings().base_url.clone())
        .header("accept", "application/scim+json, application/json")
        .retry(RetryPolicy::default())
        .build()?;
    Ok(Scim::new(http, ctx.include_raw_data()))
}

/// `host/path` of the SCIM root: one tenant per provider endpoint.
fn tenant_id(base_url: &str) -> Result<String> {
    // The setting may carry a user name and password; messages never do.
    let shown = connector::client::display_url(base_url);
    let url = connector::client::Url::parse(base_url.trim())
        .map_err(|e| Error::bad_request(format!("Invalid base_url {shown:?}: {e}")))?;
    let host = url
        .host_str()
        .ok_or_else(|| Error::bad_request(format!("Invalid base_url {shown:?}: no host")))?;
    Ok(format!("{host}{}", url.path().trim_end_matches('/')))
}

#[capability(
    validate_credentials,
    description = "Reads /ServiceProviderConfig with the token."
)]
async fn validate_credentials(
    ctx: Context<ScimConnector>,
    _request: ValidateCredentials,
) -> Result<ValidatedCredentials> {
    let tenant = tenant_id(&ctx.settings().base_url)?;
    let _config: serde_json::Value = client(&ctx)?.get("/ServiceProviderConfig").await?;
    Ok(ValidatedCredentials {
        valid: true,
        unique_tenant_id: tenant,
    })
}

#[capability(list_accounts, description = "Pages through /Users.")]
async fn list_accounts(
    ctx: Context<ScimConnector>,
    request: ListAccounts,
) -> Result<Response<Vec<FoundAccountData>>> {
    let pager = ctx.pager("/Users", DEFAULT_PAGE_SIZE)?;
    let page: ListResponse<User> = client(&ctx)?
        .list("/Users", start_index(pager.offset()?)?, pager.size(), &[])
        .await?;
    let custom = request.custom_attributes.as_deref();
    let accounts: Vec<FoundAccountData> = page
        .resources
        .into_iter()
        .map(|u| u.into_account(custom))
        .collect();
    let next = pager.next_offset(accounts.len(), Some(page.total_results));
    Ok(Response::new(accounts).with_page(next).with_raw_data(page.raw))
}

#[capability(get_account, description = "Reads /Users/{id}.")]
async fn get_account(ctx: Context<ScimConnector>, request: GetAccount) -> Result<FoundAccountData> {
    let path = format!("/Users/{}", scim::segment(&request.account_id));
    let user: User = client(&ctx)?.get(&path).await?;
    Ok(user.into_account(request.custom_attributes.as_deref()))
}

/// One page of groups, without their members.
async fn group_page(ctx: &Context<ScimConnector>, pager: &Pager) -> Result<ListResponse<Group>> {
    client(ctx)?
        .list(
            "/Groups",
            start_index(pager.offset()?)?,
            pager.size(),
            &[("excludedAttributes", "members")],
        )
        .await
}

/// SCIM's 1-based `startIndex` for `offset` items skipped. The connector
/// never hands out an offset without a successor (it stops before the
/// provider's `totalResults`), so one that has none was forged.
fn start_index(offset: u64) -> Result<u64> {
    offset
        .checked_add(1)
        .ok_or_else(|| Error::invalid_page_token("The page token's offset is out of range."))
}

fn group_label(group: &Group) -> String {
    group.display_name.clone().unwrap_or_else(|| group.id.clone())
}

#[capability(
    list_resources,
    description = "Each group of /Groups is a resource of type `group`."
)]
async fn list_resources(
    ctx: Context<ScimConnector>,
    _request: ListResources,
) -> Result<Response<Vec<FoundResourceData>>> {
    let pager = ctx.pager("/Groups", DEFAULT_PAGE_SIZE)?;
    let page = group_page(&ctx, &pager).await?;
    let resources: Vec<FoundResourceData> = page
        .resources
        .iter()
        .map(|g| FoundResourceData {
            integration_specific_id: g.id.clone(),
            label: group_label(g),
            description: None,
            resource_type: GROUP.into(),
            extra_data: None,
        })
        .collect();
    let next = pager.next_offset(resources.len(), Some(page.total_results));
    Ok(Response::new(resources).with_page(next).with_raw_data(page.raw))
}

#[capability(list_entitlements, description = "One `member` entitlement per group.")]
async fn list_entitlements(
    ctx: Context<ScimConnector>,
    _request: ListEntitlements,
) -> Result<Response<Vec<FoundEntitlementData>>> {
    let pager = ctx.pager("/Groups", DEFAULT_PAGE_SIZE)?;
    let page = group_page(&ctx, &pager).await?;
    let entitlements: Vec<FoundEntitlementData> = page
        .resources
        .iter()
        .map(|g| FoundEntitlementData {
            entitlement_type: MEMBER.into(),
            integration_specific_id: g.id.clone(),
            integration_specific_resource_id: g.id.clone(),
            is_assignable: Some(true),
            label: format!("Member of {}", group_label(g)),
            ..FoundEntitlementData::default()
        })
        .collect();
    let next = pager.next_offset(entitlements.len(), Some(page.total_results));
    Ok(Response::new(entitlements)
        .with_page(next)
        .with_raw_data(page.raw))
}

/// The page token's outer level: groups walked so far.
const GROUPS_LEVEL: &str = "/Groups";
/// The page token's inner level: members of the current group handed out so far.
const MEMBERS_LEVEL: &str = "/Groups/members";

#[capability(
    find_entitlement_associations,
    description = "Group memberships, group by group."
)]
async fn find_entitlement_associations(
    ctx: Context<ScimConnector>,
    _request: FindEntitlementAssociations,
) -> Result<Response<Vec<FoundEntitlementAssociation>>> {
    let size = ctx.page_size(DEFAULT_PAGE_SIZE);
    let mut token = PageToken::from_request(ctx.page_token())?;
    let misfit =
        || Error::invalid_page_token("The page token was not made by find_entitlement_associations.");
    // The token holds [groups offset] or [groups offset, members offset].
    let (mut group_index, mut member_index) = match token.cursors() {
        [] => (0, 0),
        [g] if g.endpoint.as_deref() == Some(GROUPS_LEVEL) => (g.offset().ok_or_else(misfit)?, 0),
        [g, m]
            if g.endpoint.as_deref() == Some(GROUPS_LEVEL)
                && m.endpoint.as_deref() == Some(MEMBERS_LEVEL) =>
        {
            (g.offset().ok_or_else(misfit)?, m.offset().ok_or_else(misfit)?)
        }
        _ => return Err(misfit()),
    };
    token = PageToken::new();
    let scim = client(&ctx)?;
    let mut associations = Vec::with_capacity(size);
    'pages: loop {
        let page: ListResponse<Group> = scim.list("/Groups", start_index(group_index)?, size, &[]).await?;
        if page.resources.is_empty() {
            break;
        }
        for group in &page.resources {
            let members: Vec<&str> = group.member_ids().collect();
            let from = usize::try_from(member_index)
                .unwrap_or(usize::MAX)
                .min(members.len());
            for (i, member) in members.iter().enumerate().skip(from) {
                if associations.len() == size {
                    token.push(Cursor::new(GROUPS_LEVEL, Position::Offset(group_index)));
                    token.push(Cursor::new(MEMBERS_LEVEL, Position::Offset(i as u64)));
                    break 'pages;
                }
                associations.push(FoundEntitlementAssociation {
                    account_id: (*member).to_owned(),
                    integration_specific_entitlement_id: group.id.clone(),
                    integration_specific_resource_id: group.id.clone(),
                });
            }
            // A provider may send more groups than asked for; the index
            // must still not wrap.
            group_index = group_index.saturating_add(1);
            member_index = 0;
        }
        if group_index >= page.total_results {
            break;
        }
        if associations.len() == size {
            token.push(Cursor::new(GROUPS_LEVEL, Position::Offset(group_index)));
            break;
        }
    }
    Ok(Response::new(associations).with_page(token.into_page(size)))
}

/// Builds a custom attribute from a `/Schemas` attribute definition, when it is a simple one.
fn custom_attribute(attribute: &serde_json::Value) -> Option<CustomAttributeSchema> {
    let name = attribute.get("name")?.as_str()?;
    let kind = attribute.get("type")?.as_str()?;
    if attribute.get("multiValued").and_then(serde_json::Value::as_bool) == Some(true) {
        return None;
    }
    let attribute_type = match kind {
        "string" | "boolean" | "decimal" | "integer" | "dateTime" => CustomAttributeType::String,
        "reference" => CustomAttributeType::User,
        _ => return None,
    };
    Some(CustomAttributeSchema {
        customized_type: CustomAttributeCustomizedType::Account,
        name: name.to_owned(),
        attribute_type,
        description: attribute
            .get("description")
            .and_then(serde_json::Value::as_str)
            .map(str::to_owned),
    })
}

/// Core User attributes the connector already maps to account fields.
const MAPPED_USER_ATTRIBUTES: &[&str] = &["id", "userName", "name", "emails", "active", "password"];

#[capability(
    list_custom_attributes_schema,
    description = "User attributes of /Schemas (core and extensions) beyond those mapped to account fields; none when the provider does not serve /Schemas."
)]
async fn list_custom_attributes_schema(
    ctx: Context<ScimConnector>,
    _request: ListCustomAttributesSchema,
) -> Result<Vec<CustomAttributeSchema>> {
    let schemas: ListResponse<serde_json::Value> = match client(&ctx)?.get("/Schemas").await {
        Ok(s) => s,
        Err(e) if matches!(e.status_code(), Some(404 | 501)) => return Ok(Vec::new()),
        Err(e) => return Err(e),
    };
    let mut out = Vec::new();
    for schema in &schemas.resources {
        let id = schema
            .get("id")
            .and_then(serde_json::Value::as_str)
            .unwrap_or_default();
        let is_user = id == scim::USER_SCHEMA || (id.contains(":extension:") && id.ends_with(":User"));
        if !is_user {
            continue;
        }
        let attributes = schema.get("attributes").and_then(serde_json::Value::as_array);
        for attribute in attributes.into_iter().flatten() {
            let name = attribute.get("name").and_then(serde_json::Value::as_str);
            if id == scim::USER_SCHEMA && name.is_some_and(|n| MAPPED_USER_ATTRIBUTES.contains(&n)) {
                continue;
            }
            out.extend(custom_attribute(attribute));
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use connector::models::AccountStatus;

    #[test]
    fn tenant_is_host_and_path() {
        assert_eq!(
            tenant_id("https://h.example/scim/v2/").unwrap(),
            "h.example/scim/v2"
        );
        assert_eq!(tenant_id("http://127.0.0.1:8080/scim").unwrap(), "127.0.0.1/scim");
        assert!(tenant_id("nope").is_err());
        for base in [
            "mailto:a:PASSWORD@h",
            "http://a:PASSWORD@[::1",
            "a:PASSWORD@h/scim",
        ] {
            let message = tenant_id(base).unwrap_err().to_string();
            assert!(message.starts_with("Invalid base_url"), "{message}");
            assert!(!message.contains("PASSWORD"), "{message}");
        }
        assert_eq!(
            tenant_id("https://a:PASSWORD@h.example/scim").unwrap(),
            "h.example/scim"
        );
    }

    #[test]
    fn users_become_accounts() {
        let user: User = serde_json::from_value(serde_json::json!({
            "schemas": [scim::USER_SCHEMA], "id": "u1", "userName": "ada",
            "name": {"givenName": "Ada", "familyName": "Lovelace"},
            "emails": [{"value": "home@x"}, {"value": "work@x", "primary": true}],
            "active": false, "title": "Countess",
            "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": {"department": "Math"}
        }))
        .unwrap();
        let a = user.into_account(Some(&["department".into(), "title".into(), "missing".into()]));
        assert_eq!(a.integration_specific_id, "u1");
        assert_eq!(a.email.as_deref(), Some("work@x"));
        assert_eq!(a.username.as_deref(), Some("ada"));
        assert_eq!(a.given_name.as_deref(), Some("Ada"));
        assert_eq!(a.family_name.as_deref(), Some("Lovelace"));
        assert_eq!(a.user_status, Some(AccountStatus::INACTIVE));
        let extra = a.extra_data.unwrap();
        assert_eq!(extra["title"], "Countess");
        assert!(!extra.contains_key("schemas") && !extra.contains_key("userName"));
        let custom = a.custom_attributes.unwrap();
        assert_eq!(custom["department"], "Math");
        assert_eq!(custom["title"], "Countess");
        assert!(!custom.contains_key("missing"));
    }

    #[test]
    fn filters_and_segments_are_escaped() {
        assert_eq!(scim::eq_filter("userName", r#"a"b"#), r#"userName eq "a\"b""#);
        assert_eq!(scim::segment("a/b c"), "a%2Fb%20c");
    }

    #[test]
    fn groups_list_their_members() {
        let g: Group = serde_json::from_value(
            serde_json::json!({"id": "g", "members": [{"value": "u1"}, {"display": "x"}]}),
        )
        .unwrap();
        assert_eq!(g.member_ids().collect::<Vec<_>>(), ["u1"]);
    }
}
