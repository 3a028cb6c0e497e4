//! `team-directory`: a connector whose app is a list of team members kept in
//! memory for as long as the process runs. Members can be added with the
//! custom capability `add_member`; `simulate_latency` answers after a delay,
//! to try clients' and servers' timeouts and shutdown.

use std::sync::Mutex;
use std::time::Duration;

use connector::models::{
    AccountStatus, FoundAccountData, ListAccounts, TokenCredential, ValidateCredentials, ValidatedCredentials,
};
use connector::prelude::*;

/// The directory.
#[connector(
    app_id = "team-directory",
    name = "Team Directory",
    description = "A list of team members kept in memory.",
    categories = [Other],
    auth = TokenCredential,
)]
pub struct TeamDirectory;

/// A member of the team.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct Member {
    /// E-mail address, unique in the directory.
    pub email: String,
    /// Full name.
    pub name: String,
}

static MEMBERS: Mutex<Vec<Member>> = Mutex::new(Vec::new());

fn members() -> std::sync::MutexGuard<'static, Vec<Member>> {
    // The list stays consistent even if a holder panicked: each change is one push.
    let mut guard = MEMBERS.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    if guard.is_empty() {
        guard.extend(
            [
                ("ada@example.com", "Ada Lovelace"),
                ("grace@example.com", "Grace Hopper"),
                ("alan@example.com", "Alan Turing"),
            ]
            .map(|(email, name)| Member {
                email: email.into(),
                name: name.into(),
            }),
        );
    }
    guard
}

#[capability(validate_credentials, description = "Accepts any token that is not empty.")]
async fn validate_credentials(
    ctx: Context<TeamDirectory>,
    _request: ValidateCredentials,
) -> Result<ValidatedCredentials> {
    if ctx.auth()?.token.expose().trim().is_empty() {
        return Err(Error::unauthorized("The token is empty."));
    }
    Ok(ValidatedCredentials {
        valid: true,
        unique_tenant_id: "team-directory".into(),
    })
}

#[capability(list_accounts)]
async fn list_accounts(
    _ctx: Context<TeamDirectory>,
    _request: ListAccounts,
) -> Result<Vec<FoundAccountData>> {
    Ok(members()
        .iter()
        .map(|m| {
            let (given, family) = m.name.split_once(' ').unwrap_or((m.name.as_str(), ""));
            FoundAccountData {
                integration_specific_id: m.email.clone(),
                email: Some(m.email.clone()),
                given_name: Some(given.to_owned()),
                family_name: Some(family.to_owned()),
                user_status: Some(AccountStatus::ACTIVE),
                ..FoundAccountData::default()
            }
        })
        .collect())
}

/// How many members the directory holds after a change.
#[derive(Debug, Serialize, JsonSchema)]
pub struct DirectorySize {
    /// Members now.
    pub members: usize,
}

#[capability(
    custom,
    name = "add_member",
    description = "Adds a member; the e-mail address must be new."
)]
async fn add_member(_ctx: Context<TeamDirectory>, request: Member) -> Result<DirectorySize> {
    if !request.email.contains('@') {
        return Err(Error::new(
            ErrorCode::InvalidValue,
            format!("`{}` is not an e-mail address.", request.email),
        ));
    }
    let mut list = members();
    if list.iter().any(|m| m.email.eq_ignore_ascii_case(&request.email)) {
        return Err(Error::bad_request(format!(
            "{} is already a member.",
            request.email
        )));
    }
    list.push(request);
    Ok(DirectorySize { members: list.len() })
}

/// How long `simulate_latency` waits.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct Latency {
    /// Milliseconds, at most 60000.
    pub milliseconds: u64,
}

/// What `simulate_latency` did.
#[derive(Debug, Serialize, JsonSchema)]
pub struct Waited {
    /// Milliseconds waited.
    pub milliseconds: u64,
}

#[capability(
    custom,
    name = "simulate_latency",
    description = "Answers after the given number of milliseconds (at most 60000)."
)]
async fn simulate_latency(_ctx: Context<TeamDirectory>, request: Latency) -> Result<Waited> {
    if request.milliseconds > 60_000 {
        return Err(Error::new(
            ErrorCode::InvalidValue,
            "milliseconds must be at most 60000.",
        ));
    }
    tokio::time::sleep(Duration::from_millis(request.milliseconds)).await;
    Ok(Waited {
        milliseconds: request.milliseconds,
    })
}
