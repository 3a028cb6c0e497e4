//! The API's own shapes, and how they become protocol types.

use connector::models::{AccountStatus, AccountType, FoundAccountData};
use connector::prelude::*;

/// The authenticated caller, from `GET /me`.
#[derive(Debug, Clone, Deserialize)]
pub struct Me {
    /// The tenant the token belongs to.
    pub tenant_id: String,
}

/// The fields {{title}} needs to create an account.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
pub struct NewAccount {
    /// The email address of the new account.
    pub email: String,
    /// Login name.
    #[serde(default)]
    pub username: Option<String>,
    /// First name.
    #[serde(default)]
    pub given_name: Option<String>,
    /// Last name.
    #[serde(default)]
    pub family_name: Option<String>,
}

/// A user of {{title}}.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct User {
    /// The API's id of the user.
    pub id: String,
    /// Email address.
    #[serde(default)]
    pub email: Option<String>,
    /// Login name.
    #[serde(default)]
    pub username: Option<String>,
    /// First name.
    #[serde(default)]
    pub first_name: Option<String>,
    /// Last name.
    #[serde(default)]
    pub last_name: Option<String>,
    /// `active` or `inactive`.
    #[serde(default)]
    pub status: Option<String>,
}

impl User {
    /// The protocol's status of the user.
    pub fn account_status(&self) -> AccountStatus {
        match self.status.as_deref() {
            Some("active") => AccountStatus::ACTIVE,
            Some("inactive") => AccountStatus::INACTIVE,
            _ => AccountStatus::PENDING,
        }
    }
}

impl From<User> for FoundAccountData {
    fn from(user: User) -> Self {
        let user_status = Some(user.account_status());
        FoundAccountData {
            integration_specific_id: user.id,
            email: user.email,
            given_name: user.first_name,
            family_name: user.last_name,
            username: user.username,
            user_status,
            account_type: Some(AccountType::User),
            ..FoundAccountData::default()
        }
    }
}

/// One page of `GET /users`.
#[derive(Debug, Clone, Deserialize)]
pub struct UsersPage {
    /// The users on this page.
    pub users: Vec<User>,
    /// Where the next page starts; absent on the last page.
    #[serde(default)]
    pub next_cursor: Option<String>,
}
