//! `scim-connector`: a connector for any SCIM 2.0 service provider (RFC 7643 / RFC 7644).
//!
//! Users are accounts; each group is a resource of type `group` with one
//! `member` entitlement, and group memberships are the entitlement
//! associations. Requests carry the provider's SCIM root as `base_url` and a
//! bearer token.

mod scim;

use connector::prelude::*;

#[cfg(test)]
use crate::scim::Group;
use crate::scim::{ListResponse, Scim, User};

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
    let http = ctx
        .http_client(ctx.settings().base_url.clone())
        .header("accept", "application/scim+json, application/json")
        .build()?;
    Ok(Scim::new(http))
}

/// `host/path` of the SCIM root: one tenant per provider endpoint.
fn tenant_id(base_url: &str) -> Result<String> {
    let url = connector::client::Url::parse(base_url.trim())
        .map_err(|e| Error::bad_request(format!("Invalid base_url {base_url:?}: {e}")))?;
    let host = url
        .host_str()
        .ok_or_else(|| Error::bad_request(format!("Invalid base_url {base_url:?}: no host")))?;
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
    let offset = pager.offset()?;
    let page: ListResponse<User> = client(&ctx)?
        .list("/Users", offset + 1, pager.size(), &[])
        .await?;
    let custom = request.custom_attributes.as_deref();
    let accounts: Vec<FoundAccountData> = page
        .resources
        .into_iter()
        .map(|u| u.into_account(custom))
        .collect();
    let next = pager.next_offset(accounts.len(), Some(page.total_results));
    Ok(Response::new(accounts).with_page(next))
}

connector::main!();

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tenant_is_host_and_path() {
        assert_eq!(
            tenant_id("https://h.example/scim/v2/").unwrap(),
            "h.example/scim/v2"
        );
        assert_eq!(tenant_id("http://127.0.0.1:8080/scim").unwrap(), "127.0.0.1/scim");
        assert!(tenant_id("nope").is_err());
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
