//! Capability names the protocol defines, the rules for custom ones, and
//! the nearest known name to a misspelt one.

/// Standard capabilities a connector may register.
pub const REGISTRABLE: &[&str] = &[
    "activate_account",
    "assign_application",
    "assign_application_entitlement",
    "assign_entitlement",
    "create_account",
    "deactivate_account",
    "delete_account",
    "downgrade_license",
    "find_entitlement_assignments",
    "find_entitlement_associations",
    "find_entitlement_graph",
    "find_resource_graph",
    "get_account",
    "get_account_entitlement_associations",
    "get_application",
    "get_application_account",
    "get_authorization_url",
    "get_data_recency",
    "get_last_activity",
    "handle_authorization_callback",
    "handle_client_credentials_request",
    "list_accounts",
    "list_activity_records",
    "list_applications",
    "list_applications_accounts",
    "list_applications_activity_records",
    "list_applications_entitlement_associations",
    "list_applications_entitlements",
    "list_applications_resources",
    "list_custom_attributes_schema",
    "list_entitlements",
    "list_expenses",
    "list_resources",
    "list_updated_accounts",
    "refresh_access_token",
    "release_resources",
    "transfer_data",
    "unassign_application",
    "unassign_application_entitlement",
    "unassign_entitlement",
    "update_account",
    "validate_credential_config",
    "validate_credentials",
];

/// Protocol names the framework serves itself.
pub const PROVIDED: &[&str] = &[
    "app_info",
    "info",
    "connected_info",
    "get_connected_info",
    "list_connector_app_ids",
];

/// Whether a custom capability may not take this name.
pub fn is_reserved(name: &str) -> bool {
    REGISTRABLE.contains(&name) || PROVIDED.contains(&name)
}

/// Custom names are snake_case words of lowercase letters.
pub fn is_snake_case_letters(name: &str) -> bool {
    !name.is_empty()
        && name
            .split('_')
            .all(|word| !word.is_empty() && word.bytes().all(|b| b.is_ascii_lowercase()))
}

/// The registrable name closest to `name`, if one is close.
pub fn closest(name: &str) -> Option<&'static str> {
    closest_in(name, REGISTRABLE)
}

/// The name of `candidates` closest to `name`, if one is close.
pub fn closest_in(name: &str, candidates: &[&'static str]) -> Option<&'static str> {
    candidates
        .iter()
        .map(|candidate| (edit_distance(name, candidate), *candidate))
        .filter(|(d, candidate)| *d <= (candidate.len() / 3).max(2))
        .min()
        .map(|(_, c)| c)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut previous = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let current = row[j + 1];
            row[j + 1] = if ca == *cb {
                previous
            } else {
                1 + previous.min(row[j]).min(current)
            };
            previous = current;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snake_case_letters_only() {
        for ok in ["echo", "echo_text", "sync_all_groups"] {
            assert!(is_snake_case_letters(ok), "{ok}");
        }
        for bad in [
            "",
            "Bad-Name",
            "camelCase",
            "_lead",
            "trail_",
            "has2digits",
            "double__under",
        ] {
            assert!(!is_snake_case_letters(bad), "{bad}");
        }
    }

    #[test]
    fn suggestions_find_typos() {
        assert_eq!(closest("list_acounts"), Some("list_accounts"));
        assert_eq!(closest("validate_credential"), Some("validate_credentials"));
        assert_eq!(closest("frobnicate"), None);
    }

    #[test]
    fn provided_names_are_reserved() {
        assert!(is_reserved("info"));
        assert!(is_reserved("app_info"));
        assert!(is_reserved("list_accounts"));
        assert!(!is_reserved("echo_text"));
    }
}
