//! Groups, memberships and the provisioning cycle through the CLI.

use std::collections::BTreeSet;

use super::common::*;
use scim_test_server::{Config, ScimServer};
use serde_json::{Value, json};

fn effect(envelope: &Value) -> &str {
    envelope["execution_summary"]["effect"]["kind"].as_str().unwrap()
}

#[test]
fn groups_are_resources_and_member_entitlements() {
    let server = ScimServer::start();
    let users = server.seed_users(3);
    let ids: Vec<String> = (0..5)
        .map(|i| server.seed_group(&format!("team-{i}"), &users))
        .collect();

    let (resources, calls) = collect_pages(&server, "list_resources", json!({}), Some(2));
    assert_eq!(calls, 3);
    assert_eq!(resources.len(), 5);
    assert_eq!(
        resources[0],
        json!({"integration_specific_id": ids[0], "label": "team-0", "description": null,
               "resource_type": "group", "extra_data": null})
    );

    let (entitlements, _) = collect_pages(&server, "list_entitlements", json!({}), Some(4));
    assert_eq!(entitlements.len(), 5);
    let e = &entitlements[3];
    assert_eq!(e["entitlement_type"], "member");
    assert_eq!(e["integration_specific_id"], ids[3]);
    assert_eq!(e["integration_specific_resource_id"], ids[3]);
    assert_eq!(e["label"], "Member of team-3");
    assert_eq!(e["is_assignable"], true);
}

#[test]
fn memberships_are_paged_across_groups() {
    let server = ScimServer::start();
    let users = server.seed_users(40);
    let mut expected = BTreeSet::new();
    // Groups of 0, 1, 7, 13, 0 and 25 members: pages must cut through and skip groups.
    for (g, n) in [0usize, 1, 7, 13, 0, 25].into_iter().enumerate() {
        let members: Vec<String> = users.iter().skip(g).take(n).cloned().collect();
        let id = server.seed_group(&format!("g{g}"), &members);
        for m in members {
            expected.insert((m, id.clone()));
        }
    }
    for size in [1, 5, 7, 46, 100] {
        let (found, calls) = collect_pages(&server, "find_entitlement_associations", json!({}), Some(size));
        let pairs: BTreeSet<(String, String)> = found
            .iter()
            .map(|a| {
                assert_eq!(
                    a["integration_specific_entitlement_id"],
                    a["integration_specific_resource_id"]
                );
                (
                    a["account_id"].as_str().unwrap().to_owned(),
                    a["integration_specific_entitlement_id"]
                        .as_str()
                        .unwrap()
                        .to_owned(),
                )
            })
            .collect();
        assert_eq!(found.len(), 46, "size {size}: no duplicates");
        assert_eq!(pairs, expected, "size {size}");
        assert_eq!(
            calls,
            46usize.div_ceil(size as usize).max(1),
            "size {size}: full pages"
        );
    }
}

#[test]
fn the_whole_provisioning_cycle() {
    let server = ScimServer::start();
    let staff = server.seed_group("staff", &[]);
    let admins = server.seed_group("admins", &[]);

    // Create with one group.
    let create = json!({
        "username": "grace", "email": "grace@navy.example", "given_name": "Grace", "family_name": "Hopper",
        "entitlements": [{"integration_specific_id": staff, "integration_specific_resource_id": staff,
                          "entitlement_type": "member"}]
    });
    let r = call(&server, "create_account", create.clone());
    let id = response(&r)["id"].as_str().unwrap().to_owned();
    assert_eq!(response(&r)["status"], "ACTIVE");
    assert_eq!(response(&r)["created"], true);
    assert_eq!(effect(&r), "created");
    assert_eq!(
        r["execution_summary"]["request_fingerprint"]
            .as_str()
            .unwrap()
            .len(),
        64
    );
    assert_eq!(server.group_members(&staff), vec![id.clone()]);

    let r = call(&server, "get_account", json!({"account_id": id}));
    let account = response(&r);
    assert_eq!(account["username"], "grace");
    assert_eq!(account["email"], "grace@navy.example");
    assert_eq!(account["given_name"], "Grace");
    assert_eq!(account["family_name"], "Hopper");
    assert_eq!(account["user_status"], "ACTIVE");

    // Creating the same user name again is refused by the provider.
    let r = call(&server, "create_account", create);
    let e = error(&r);
    assert_eq!(e["error_code"], "invalid_value");
    assert_eq!(e["app_error_code"], "scim.uniqueness");
    assert_eq!(e["status_code"], 409);
    assert_eq!(
        e["message"],
        format!(
            "[409][{}/Users] SCIM error (uniqueness): User with userName grace already exists",
            server.base_url()
        )
    );

    // Assign, then assign again: the second is a no-op.
    let assign = json!({"account_integration_specific_id": id, "resource_integration_specific_id": admins,
                        "resource_type": "group", "entitlement_type": "member",
                        "entitlement_integration_specific_id": admins});
    let r = call(&server, "assign_entitlement", assign.clone());
    assert_eq!(response(&r), &json!({"assigned": true}));
    assert_eq!(effect(&r), "updated");
    let first_fingerprint = r["execution_summary"]["request_fingerprint"].clone();
    let r = call(&server, "assign_entitlement", assign.clone());
    assert_eq!(
        r["execution_summary"]["effect"],
        json!({"kind": "noop", "reason": "state_already_matches"})
    );
    assert_eq!(r["execution_summary"]["request_fingerprint"], first_fingerprint);
    assert_eq!(server.group_members(&admins), vec![id.clone()]);

    let r = call(&server, "find_entitlement_associations", json!({}));
    let mut groups: Vec<&str> = response(&r)
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["integration_specific_entitlement_id"].as_str().unwrap())
        .collect();
    groups.sort_unstable();
    let mut want = vec![staff.as_str(), admins.as_str()];
    want.sort_unstable();
    assert_eq!(groups, want);

    // Unassign twice: the second is a no-op.
    let r = call(&server, "unassign_entitlement", assign.clone());
    assert_eq!(response(&r), &json!({"unassigned": true}));
    assert_eq!(effect(&r), "updated");
    assert!(server.group_members(&admins).is_empty());
    let r = call(&server, "unassign_entitlement", assign);
    assert_eq!(effect(&r), "noop");

    // Deactivate, twice; then activate.
    let r = call(&server, "deactivate_account", json!({"account_id": id}));
    assert_eq!(response(&r), &json!({"status": "INACTIVE", "deactivated": true}));
    assert_eq!(effect(&r), "updated");
    assert_eq!(server.user(&id).unwrap()["active"], false);
    let r = call(&server, "deactivate_account", json!({"account_id": id}));
    assert_eq!(effect(&r), "noop");
    let r = call(&server, "get_account", json!({"account_id": id}));
    assert_eq!(response(&r)["user_status"], "INACTIVE");
    let r = call(&server, "activate_account", json!({"account_id": id}));
    assert_eq!(response(&r), &json!({"status": "ACTIVE", "activated": true}));
    assert_eq!(effect(&r), "updated");
    assert_eq!(server.user(&id).unwrap()["active"], true);

    // Delete, twice: the user leaves its groups too.
    let r = call(&server, "delete_account", json!({"account_id": id}));
    assert_eq!(response(&r), &json!({"status": "DELETED", "deleted": true}));
    assert_eq!(effect(&r), "deleted");
    assert!(server.user(&id).is_none());
    assert!(server.group_members(&staff).is_empty());
    let r = call(&server, "delete_account", json!({"account_id": id}));
    assert_eq!(effect(&r), "noop");
}

#[test]
fn unknown_ids_are_not_found() {
    let server = ScimServer::start();
    let group = server.seed_group("g", &[]);
    let r = call(&server, "get_account", json!({"account_id": "nobody"}));
    let e = error(&r);
    assert_eq!(e["error_code"], "not_found");
    assert_eq!(e["status_code"], 404);
    assert_eq!(
        e["message"],
        format!(
            "[404][{}/Users/nobody] SCIM error: User nobody not found",
            server.base_url()
        )
    );
    assert_eq!(e["raised_in"], "scim_connector:get_account");

    let r = call(&server, "activate_account", json!({"account_id": "nobody"}));
    assert_eq!(error(&r)["error_code"], "not_found");

    let assign = json!({"account_integration_specific_id": "u", "resource_integration_specific_id": "nope",
                        "resource_type": "group", "entitlement_type": "member",
                        "entitlement_integration_specific_id": "nope"});
    let r = call(&server, "assign_entitlement", assign);
    assert_eq!(error(&r)["error_code"], "not_found");

    // An account the provider does not know cannot join a group.
    let assign = json!({"account_integration_specific_id": "ghost", "resource_integration_specific_id": group,
                        "resource_type": "group", "entitlement_type": "member",
                        "entitlement_integration_specific_id": group});
    let r = call(&server, "assign_entitlement", assign);
    let e = error(&r);
    assert_eq!(e["error_code"], "invalid_value");
    assert_eq!(e["app_error_code"], "scim.invalidValue");
    assert_eq!(e["status_code"], 400);
}

#[test]
fn bad_write_requests_are_refused_before_calling_the_provider() {
    let server = ScimServer::start();
    let r = call(&server, "create_account", json!({"entitlements": []}));
    assert_eq!(error(&r)["error_code"], "bad_request");
    let r = call(
        &server,
        "create_account",
        json!({"username": "x", "entitlements": [{"integration_specific_id": "g", "entitlement_type": "owner"}]}),
    );
    assert_eq!(error(&r)["error_code"], "bad_request");
    let r = call(
        &server,
        "assign_entitlement",
        json!({"account_integration_specific_id": "u", "resource_integration_specific_id": "g1",
               "resource_type": "group", "entitlement_type": "member",
               "entitlement_integration_specific_id": "g2"}),
    );
    assert_eq!(error(&r)["error_code"], "bad_request");
    assert_eq!(server.requests(), 0);
}

#[test]
fn custom_attributes_schema_comes_from_schemas_when_served() {
    let server = ScimServer::start();
    let r = call(&server, "list_custom_attributes_schema", json!({}));
    let names: Vec<&str> = response(&r)
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "displayName",
            "title",
            "employeeNumber",
            "department",
            "startDate"
        ]
    );
    assert_eq!(response(&r)[0]["customized_type"], "account");
    assert_eq!(response(&r)[0]["attribute_type"], "string");

    let server = ScimServer::start_with(Config {
        schemas: false,
        ..Config::default()
    });
    let r = call(&server, "list_custom_attributes_schema", json!({}));
    assert_eq!(response(&r), &json!([]));
}

#[test]
fn info_declares_the_group_types() {
    let output = std::process::Command::new(crate::SCIM_CONNECTOR)
        .arg("info")
        .output()
        .unwrap();
    let info: Value = serde_json::from_slice(&output.stdout).unwrap();
    let info = info.get("response").unwrap_or(&info);
    assert_eq!(
        info["resource_types"],
        json!([{"type_id": "group", "type_label": "Group"}])
    );
    assert_eq!(info["entitlement_types"][0]["type_id"], "member");
    assert_eq!(info["entitlement_types"][0]["resource_type_id"], "group");
    let caps = info["capabilities"].as_array().unwrap();
    for name in [
        "validate_credentials",
        "list_accounts",
        "get_account",
        "list_resources",
        "list_entitlements",
        "find_entitlement_associations",
        "create_account",
        "activate_account",
        "deactivate_account",
        "delete_account",
        "assign_entitlement",
        "unassign_entitlement",
        "list_custom_attributes_schema",
    ] {
        assert!(caps.iter().any(|c| c == name), "{name} in {caps:?}");
    }
}
