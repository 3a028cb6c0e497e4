//! An in-memory SCIM 2.0 service provider (RFC 7643 / RFC 7644) for tests and benchmarks.
//!
//! It keeps users and groups in memory and behaves like a real provider
//! where connectors care: bearer-token authentication, `ListResponse`
//! paging with `startIndex`/`count`, `filter=userName eq "..."`, PATCH
//! operations (`add`, `remove`, `replace`, including `members[value eq "..."]`
//! paths), 404 and 409 answers in the SCIM error format, and, on demand,
//! injected `429` (with `Retry-After`) and `500` answers.
//!
//! It binds 127.0.0.1 on a random port. Besides the SCIM root (`/scim/v2`)
//! it serves `GET /_stats` (requests served and time spent answering them)
//! and `POST /_faults` (`{"kind": "rate_limit"|"server_error", "count": n,
//! "retry_after": s}`) for scripts that drive it from outside.

// Handlers stop early with the SCIM error answer itself; boxing it buys nothing here.
#![allow(clippy::result_large_err)]

use std::collections::{BTreeMap, VecDeque};
use std::net::SocketAddr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Instant;

use axum::extract::{Path, Query, Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::Deserialize;
use serde_json::{Value, json};

const ERROR_SCHEMA: &str = "urn:ietf:params:scim:api:messages:2.0:Error";
const LIST_SCHEMA: &str = "urn:ietf:params:scim:api:messages:2.0:ListResponse";
const PATCH_SCHEMA: &str = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
const USER_SCHEMA: &str = "urn:ietf:params:scim:schemas:core:2.0:User";
const GROUP_SCHEMA: &str = "urn:ietf:params:scim:schemas:core:2.0:Group";
const ENTERPRISE_SCHEMA: &str = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

/// An answer the server gives instead of serving the next requests.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Fault {
    /// `429 Too Many Requests` with `Retry-After: <retry_after>`.
    RateLimit {
        /// Seconds to wait.
        #[serde(default)]
        retry_after: u64,
    },
    /// `500 Internal Server Error`.
    ServerError,
}

/// How the server starts.
#[derive(Debug, Clone)]
pub struct Config {
    /// The bearer token it accepts.
    pub token: String,
    /// Whether it serves `/Schemas`.
    pub schemas: bool,
    /// The most items one list answer holds, whatever `count` asks.
    pub max_page_size: usize,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            token: "test-token".into(),
            schemas: true,
            max_page_size: 1000,
        }
    }
}

#[derive(Default)]
struct Store {
    users: BTreeMap<String, Value>,
    groups: BTreeMap<String, Value>,
    next_id: u64,
    faults: VecDeque<Fault>,
}

impl Store {
    fn new_id(&mut self, prefix: &str) -> String {
        self.next_id += 1;
        format!("{prefix}-{:06}", self.next_id)
    }
}

struct Shared {
    config: Config,
    store: Mutex<Store>,
    requests: AtomicU64,
    busy_nanos: AtomicU64,
}

impl Shared {
    fn store(&self) -> MutexGuard<'_, Store> {
        self.store.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

/// A running server; it stops when dropped.
pub struct ScimServer {
    addr: SocketAddr,
    shared: Arc<Shared>,
    shutdown: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl ScimServer {
    /// Starts a server with the default configuration on a thread of its own.
    pub fn start() -> Self {
        Self::start_with(Config::default())
    }

    /// Starts a server on a thread of its own (usable from sync and async tests alike).
    pub fn start_with(config: Config) -> Self {
        let shared = Arc::new(Shared {
            config,
            store: Mutex::new(Store::default()),
            requests: AtomicU64::new(0),
            busy_nanos: AtomicU64::new(0),
        });
        let std_listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1");
        std_listener.set_nonblocking(true).expect("non-blocking listener");
        let addr = std_listener.local_addr().expect("local address");
        let (tx, rx) = tokio::sync::oneshot::channel::<()>();
        let app = router(Arc::clone(&shared));
        let thread = std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_multi_thread()
                .worker_threads(2)
                .enable_all()
                .build()
                .expect("tokio runtime");
            runtime.block_on(async move {
                let listener = tokio::net::TcpListener::from_std(std_listener).expect("listener");
                let _ = axum::serve(listener, app)
                    .with_graceful_shutdown(async {
                        let _ = rx.await;
                    })
                    .await;
            });
        });
        Self {
            addr,
            shared,
            shutdown: Some(tx),
            thread: Some(thread),
        }
    }

    /// The SCIM root, e.g. `http://127.0.0.1:41234/scim/v2`.
    pub fn base_url(&self) -> String {
        format!("http://{}/scim/v2", self.addr)
    }

    /// The accepted bearer token.
    pub fn token(&self) -> &str {
        &self.shared.config.token
    }

    /// Adds `n` users `user0000`... with names, emails and alternating `active`.
    pub fn seed_users(&self, n: usize) -> Vec<String> {
        let mut store = self.shared.store();
        (0..n)
            .map(|i| {
                let id = store.new_id("u");
                let user = json!({
                    "schemas": [USER_SCHEMA, ENTERPRISE_SCHEMA],
                    "id": id,
                    "userName": format!("user{i:04}"),
                    "name": {"givenName": format!("Given{i}"), "familyName": format!("Family{i}")},
                    "displayName": format!("Given{i} Family{i}"),
                    "emails": [
                        {"value": format!("user{i}@work.example"), "type": "work", "primary": true},
                        {"value": format!("user{i}@home.example"), "type": "home"}
                    ],
                    "active": i % 5 != 4,
                    "title": "Engineer",
                    ENTERPRISE_SCHEMA: {"department": "R&D", "employeeNumber": format!("{i}")},
                    "meta": {"resourceType": "User"}
                });
                store.users.insert(id.clone(), user);
                id
            })
            .collect()
    }

    /// Adds a group with these members (user ids) and returns its id.
    pub fn seed_group(&self, name: &str, members: &[String]) -> String {
        let mut store = self.shared.store();
        let id = store.new_id("g");
        let members: Vec<Value> = members
            .iter()
            .map(|m| json!({"value": m, "type": "User"}))
            .collect();
        store.groups.insert(
            id.clone(),
            json!({"schemas": [GROUP_SCHEMA], "id": id, "displayName": name, "members": members,
                   "meta": {"resourceType": "Group"}}),
        );
        id
    }

    /// The stored user, if it exists.
    pub fn user(&self, id: &str) -> Option<Value> {
        self.shared.store().users.get(id).cloned()
    }

    /// The member ids of a group.
    pub fn group_members(&self, id: &str) -> Vec<String> {
        self.shared
            .store()
            .groups
            .get(id)
            .map(member_ids)
            .unwrap_or_default()
    }

    /// Answers the next `count` SCIM requests with `fault`.
    pub fn inject(&self, fault: Fault, count: usize) {
        let mut store = self.shared.store();
        store.faults.extend(std::iter::repeat_n(fault, count));
    }

    /// SCIM requests served so far.
    pub fn requests(&self) -> u64 {
        self.shared.requests.load(Ordering::Relaxed)
    }

    /// Time spent inside the server answering SCIM requests, in nanoseconds.
    pub fn busy_nanos(&self) -> u64 {
        self.shared.busy_nanos.load(Ordering::Relaxed)
    }
}

impl Drop for ScimServer {
    fn drop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

fn router(shared: Arc<Shared>) -> Router {
    let scim = Router::new()
        .route("/ServiceProviderConfig", get(service_provider_config))
        .route("/Schemas", get(schemas))
        .route("/Users", get(list_users).post(create_user))
        .route("/Users/{id}", get(get_user).patch(patch_user).delete(delete_user))
        .route("/Groups", get(list_groups).post(create_group))
        .route(
            "/Groups/{id}",
            get(get_group).patch(patch_group).delete(delete_group),
        )
        .fallback(|| async { scim_error(StatusCode::NOT_FOUND, None, "No such endpoint") })
        .layer(middleware::from_fn_with_state(Arc::clone(&shared), guard));
    Router::new()
        .nest("/scim/v2", scim)
        .route("/_stats", get(stats))
        .route("/_faults", post(add_faults))
        .with_state(shared)
}

/// Counts and times requests, checks the token, and plays injected faults.
async fn guard(State(shared): State<Arc<Shared>>, request: Request, next: Next) -> Response {
    let started = Instant::now();
    shared.requests.fetch_add(1, Ordering::Relaxed);
    let response = serve_guarded(&shared, request, next).await;
    let spent = u64::try_from(started.elapsed().as_nanos()).unwrap_or(u64::MAX);
    shared.busy_nanos.fetch_add(spent, Ordering::Relaxed);
    response
}

async fn serve_guarded(shared: &Shared, request: Request, next: Next) -> Response {
    let expected = format!("Bearer {}", shared.config.token);
    let authorized = request
        .headers()
        .get(header::AUTHORIZATION)
        .is_some_and(|v| v.as_bytes() == expected.as_bytes());
    if !authorized {
        return scim_error(
            StatusCode::UNAUTHORIZED,
            None,
            "Authorization failure: invalid bearer token",
        );
    }
    let fault = shared.store().faults.pop_front();
    match fault {
        Some(Fault::RateLimit { retry_after }) => {
            let mut response = scim_error(StatusCode::TOO_MANY_REQUESTS, None, "Too many requests");
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(retry_after));
            response
        }
        Some(Fault::ServerError) => scim_error(StatusCode::INTERNAL_SERVER_ERROR, None, "Injected failure"),
        None => next.run(request).await,
    }
}

async fn stats(State(shared): State<Arc<Shared>>) -> Json<Value> {
    Json(json!({
        "requests": shared.requests.load(Ordering::Relaxed),
        "busy_nanos": shared.busy_nanos.load(Ordering::Relaxed),
    }))
}

#[derive(Deserialize)]
struct FaultOrder {
    #[serde(flatten)]
    fault: Fault,
    #[serde(default = "one")]
    count: usize,
}

fn one() -> usize {
    1
}

async fn add_faults(State(shared): State<Arc<Shared>>, Json(order): Json<FaultOrder>) -> StatusCode {
    let mut store = shared.store();
    store.faults.extend(std::iter::repeat_n(order.fault, order.count));
    StatusCode::NO_CONTENT
}

fn scim_error(status: StatusCode, scim_type: Option<&str>, detail: &str) -> Response {
    let mut body =
        json!({"schemas": [ERROR_SCHEMA], "status": status.as_u16().to_string(), "detail": detail});
    if let Some(t) = scim_type {
        body["scimType"] = json!(t);
    }
    scim_json(status, body)
}

fn scim_json(status: StatusCode, body: Value) -> Response {
    let mut response = (status, body.to_string()).into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/scim+json"),
    );
    response
}

async fn service_provider_config() -> Response {
    scim_json(
        StatusCode::OK,
        json!({
            "schemas": ["urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig"],
            "patch": {"supported": true},
            "bulk": {"supported": false, "maxOperations": 0, "maxPayloadSize": 0},
            "filter": {"supported": true, "maxResults": 1000},
            "changePassword": {"supported": false},
            "sort": {"supported": false},
            "etag": {"supported": false},
            "authenticationSchemes": [{"type": "oauthbearertoken", "name": "OAuth Bearer Token",
                                        "description": "Authentication with a bearer token"}]
        }),
    )
}

async fn schemas(State(shared): State<Arc<Shared>>) -> Response {
    if !shared.config.schemas {
        return scim_error(StatusCode::NOT_FOUND, None, "Schemas are not served");
    }
    let attr = |name: &str, kind: &str, description: &str| {
        json!({"name": name, "type": kind, "multiValued": false, "description": description,
               "required": false, "mutability": "readWrite", "returned": "default"})
    };
    let user = json!({
        "id": USER_SCHEMA, "name": "User", "description": "User Account",
        "attributes": [
            attr("userName", "string", "Unique identifier for the User"),
            attr("displayName", "string", "The name of the User, suitable for display"),
            attr("title", "string", "The user's title"),
            attr("active", "boolean", "The administrative status of the User"),
        ]
    });
    let enterprise = json!({
        "id": ENTERPRISE_SCHEMA, "name": "EnterpriseUser", "description": "Enterprise User",
        "attributes": [
            attr("employeeNumber", "string", "Numeric or alphanumeric identifier assigned to a person"),
            attr("department", "string", "Identifies the name of a department"),
            attr("startDate", "dateTime", "When the person started"),
        ]
    });
    list_response(vec![user, enterprise], 1, 2)
}

fn list_response(items: Vec<Value>, start_index: usize, total: usize) -> Response {
    scim_json(
        StatusCode::OK,
        json!({
            "schemas": [LIST_SCHEMA],
            "totalResults": total,
            "startIndex": start_index,
            "itemsPerPage": items.len(),
            "Resources": items,
        }),
    )
}

#[derive(Deserialize)]
struct ListQuery {
    #[serde(rename = "startIndex")]
    start_index: Option<i64>,
    count: Option<i64>,
    filter: Option<String>,
    #[serde(rename = "excludedAttributes")]
    excluded_attributes: Option<String>,
}

/// `attr eq "value"` (the only filter form served).
fn parse_eq_filter(filter: &str) -> Option<(String, String)> {
    let mut parts = filter.trim().splitn(3, ' ');
    let attr = parts.next()?;
    if !parts.next()?.eq_ignore_ascii_case("eq") {
        return None;
    }
    let value = parts.next()?.trim();
    let value = value.strip_prefix('"')?.strip_suffix('"')?;
    Some((attr.to_owned(), value.replace("\\\"", "\"")))
}

fn page(shared: &Shared, all: Vec<Value>, q: &ListQuery) -> Response {
    let total = all.len();
    let start = q.start_index.unwrap_or(1).max(1) as usize;
    let count = q.count.map_or(shared.config.max_page_size, |c| c.max(0) as usize);
    let count = count.min(shared.config.max_page_size);
    let items: Vec<Value> = all.into_iter().skip(start - 1).take(count).collect();
    list_response(items, start, total)
}

fn filtered(
    items: impl Iterator<Item = Value>,
    q: &ListQuery,
    text_attr: &str,
) -> Result<Vec<Value>, Response> {
    let Some(filter) = &q.filter else {
        return Ok(items.collect());
    };
    let Some((attr, value)) = parse_eq_filter(filter) else {
        return Err(scim_error(
            StatusCode::BAD_REQUEST,
            Some("invalidFilter"),
            "Unsupported filter",
        ));
    };
    if attr != text_attr && attr != "id" {
        return Err(scim_error(
            StatusCode::BAD_REQUEST,
            Some("invalidFilter"),
            "Unsupported filter attribute",
        ));
    }
    Ok(items
        .filter(|item| {
            item.get(&attr)
                .and_then(Value::as_str)
                .is_some_and(|v| v.eq_ignore_ascii_case(&value))
        })
        .collect())
}

async fn list_users(State(shared): State<Arc<Shared>>, Query(q): Query<ListQuery>) -> Response {
    let users: Vec<Value> = shared.store().users.values().cloned().collect();
    match filtered(users.into_iter(), &q, "userName") {
        Ok(all) => page(&shared, all, &q),
        Err(response) => response,
    }
}

async fn list_groups(State(shared): State<Arc<Shared>>, Query(q): Query<ListQuery>) -> Response {
    let drop_members = q
        .excluded_attributes
        .as_deref()
        .is_some_and(|a| a.split(',').any(|x| x.trim() == "members"));
    let groups: Vec<Value> = shared
        .store()
        .groups
        .values()
        .map(|g| {
            let mut g = g.clone();
            if drop_members {
                if let Some(o) = g.as_object_mut() {
                    o.remove("members");
                }
            }
            g
        })
        .collect();
    match filtered(groups.into_iter(), &q, "displayName") {
        Ok(all) => page(&shared, all, &q),
        Err(response) => response,
    }
}

fn not_found(kind: &str, id: &str) -> Response {
    scim_error(StatusCode::NOT_FOUND, None, &format!("{kind} {id} not found"))
}

async fn get_user(State(shared): State<Arc<Shared>>, Path(id): Path<String>) -> Response {
    match shared.store().users.get(&id) {
        Some(u) => scim_json(StatusCode::OK, u.clone()),
        None => not_found("User", &id),
    }
}

async fn get_group(State(shared): State<Arc<Shared>>, Path(id): Path<String>) -> Response {
    match shared.store().groups.get(&id) {
        Some(g) => scim_json(StatusCode::OK, g.clone()),
        None => not_found("Group", &id),
    }
}

fn parse_body(body: &[u8]) -> Result<Value, Response> {
    serde_json::from_slice(body).map_err(|e| {
        scim_error(
            StatusCode::BAD_REQUEST,
            Some("invalidSyntax"),
            &format!("Invalid JSON: {e}"),
        )
    })
}

async fn create_user(State(shared): State<Arc<Shared>>, body: axum::body::Bytes) -> Response {
    let mut user = match parse_body(&body) {
        Ok(v) => v,
        Err(r) => return r,
    };
    let Some(user_name) = user.get("userName").and_then(Value::as_str).map(str::to_owned) else {
        return scim_error(
            StatusCode::BAD_REQUEST,
            Some("invalidValue"),
            "userName is required",
        );
    };
    let mut store = shared.store();
    let taken = store.users.values().any(|u| {
        u.get("userName")
            .and_then(Value::as_str)
            .is_some_and(|n| n.eq_ignore_ascii_case(&user_name))
    });
    if taken {
        return scim_error(
            StatusCode::CONFLICT,
            Some("uniqueness"),
            &format!("User with userName {user_name} already exists"),
        );
    }
    let id = store.new_id("u");
    user["id"] = json!(id);
    if user.get("active").is_none() {
        user["active"] = json!(true);
    }
    user["meta"] = json!({"resourceType": "User"});
    store.users.insert(id, user.clone());
    scim_json(StatusCode::CREATED, user)
}

async fn create_group(State(shared): State<Arc<Shared>>, body: axum::body::Bytes) -> Response {
    let mut group = match parse_body(&body) {
        Ok(v) => v,
        Err(r) => return r,
    };
    if group.get("displayName").and_then(Value::as_str).is_none() {
        return scim_error(
            StatusCode::BAD_REQUEST,
            Some("invalidValue"),
            "displayName is required",
        );
    }
    let mut store = shared.store();
    let id = store.new_id("g");
    group["id"] = json!(id);
    if group.get("members").is_none() {
        group["members"] = json!([]);
    }
    store.groups.insert(id, group.clone());
    scim_json(StatusCode::CREATED, group)
}

async fn delete_user(State(shared): State<Arc<Shared>>, Path(id): Path<String>) -> Response {
    let mut store = shared.store();
    if store.users.remove(&id).is_none() {
        return not_found("User", &id);
    }
    for group in store.groups.values_mut() {
        if let Some(members) = group.get_mut("members").and_then(Value::as_array_mut) {
            members.retain(|m| m.get("value").and_then(Value::as_str) != Some(id.as_str()));
        }
    }
    StatusCode::NO_CONTENT.into_response()
}

async fn delete_group(State(shared): State<Arc<Shared>>, Path(id): Path<String>) -> Response {
    match shared.store().groups.remove(&id) {
        Some(_) => StatusCode::NO_CONTENT.into_response(),
        None => not_found("Group", &id),
    }
}

fn member_ids(group: &Value) -> Vec<String> {
    group
        .get("members")
        .and_then(Value::as_array)
        .map(|m| {
            m.iter()
                .filter_map(|x| x.get("value").and_then(Value::as_str).map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

struct Operation {
    op: String,
    path: Option<String>,
    value: Option<Value>,
}

fn operations(body: &Value) -> Result<Vec<Operation>, Response> {
    let bad = |detail: &str| scim_error(StatusCode::BAD_REQUEST, Some("invalidSyntax"), detail);
    let schemas_ok = body
        .get("schemas")
        .and_then(Value::as_array)
        .is_some_and(|s| s.iter().any(|x| x == PATCH_SCHEMA));
    if !schemas_ok {
        return Err(bad("PATCH bodies must use the PatchOp schema"));
    }
    let ops = body
        .get("Operations")
        .and_then(Value::as_array)
        .ok_or_else(|| bad("Operations are required"))?;
    ops.iter()
        .map(|o| {
            let op = o
                .get("op")
                .and_then(Value::as_str)
                .map(str::to_ascii_lowercase)
                .ok_or_else(|| bad("op is required"))?;
            if !matches!(op.as_str(), "add" | "remove" | "replace") {
                return Err(bad("op must be add, remove or replace"));
            }
            Ok(Operation {
                op,
                path: o.get("path").and_then(Value::as_str).map(str::to_owned),
                value: o.get("value").cloned(),
            })
        })
        .collect()
}

fn apply_plain(target: &mut Value, op: &Operation) -> Result<(), Response> {
    let bad = |detail: &str| scim_error(StatusCode::BAD_REQUEST, Some("invalidPath"), detail);
    let object = target.as_object_mut().ok_or_else(|| bad("not an object"))?;
    match (op.op.as_str(), &op.path, &op.value) {
        ("remove", Some(path), _) => {
            object.remove(path);
        }
        ("remove", None, _) => {
            return Err(scim_error(
                StatusCode::BAD_REQUEST,
                Some("noTarget"),
                "path is required",
            ));
        }
        (_, Some(path), Some(value)) => {
            object.insert(path.clone(), value.clone());
        }
        (_, None, Some(Value::Object(values))) => {
            for (k, v) in values {
                object.insert(k.clone(), v.clone());
            }
        }
        _ => return Err(bad("value is required")),
    }
    Ok(())
}

async fn patch_user(
    State(shared): State<Arc<Shared>>,
    Path(id): Path<String>,
    body: axum::body::Bytes,
) -> Response {
    let body = match parse_body(&body) {
        Ok(v) => v,
        Err(r) => return r,
    };
    let ops = match operations(&body) {
        Ok(o) => o,
        Err(r) => return r,
    };
    let mut store = shared.store();
    let Some(user) = store.users.get_mut(&id) else {
        return not_found("User", &id);
    };
    let mut updated = user.clone();
    for op in &ops {
        if let Err(r) = apply_plain(&mut updated, op) {
            return r;
        }
    }
    *user = updated.clone();
    scim_json(StatusCode::OK, updated)
}

/// `members[value eq "<id>"]` → the id.
fn member_filter(path: &str) -> Option<String> {
    let inner = path.strip_prefix("members[")?.strip_suffix(']')?;
    let (attr, value) = parse_eq_filter(inner)?;
    (attr == "value").then_some(value)
}

async fn patch_group(
    State(shared): State<Arc<Shared>>,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: axum::body::Bytes,
) -> Response {
    let body = match parse_body(&body) {
        Ok(v) => v,
        Err(r) => return r,
    };
    let ops = match operations(&body) {
        Ok(o) => o,
        Err(r) => return r,
    };
    let mut store = shared.store();
    let user_ids: Vec<String> = store.users.keys().cloned().collect();
    let Some(group) = store.groups.get_mut(&id) else {
        return not_found("Group", &id);
    };
    let mut members = member_ids(group);
    let mut rest = group.clone();
    for op in &ops {
        let path = op.path.as_deref();
        let values = || -> Vec<String> {
            op.value
                .as_ref()
                .and_then(Value::as_array)
                .map(|a| {
                    a.iter()
                        .filter_map(|m| m.get("value").and_then(Value::as_str).map(str::to_owned))
                        .collect()
                })
                .unwrap_or_default()
        };
        match (op.op.as_str(), path) {
            ("add", Some("members")) => {
                for v in values() {
                    if !user_ids.contains(&v) {
                        return scim_error(
                            StatusCode::BAD_REQUEST,
                            Some("invalidValue"),
                            &format!("No user with id {v}"),
                        );
                    }
                    if !members.contains(&v) {
                        members.push(v);
                    }
                }
            }
            ("replace", Some("members")) => members = values(),
            ("remove", Some("members")) => {
                let gone = values();
                if gone.is_empty() {
                    members.clear();
                } else {
                    members.retain(|m| !gone.contains(m));
                }
            }
            ("remove", Some(p)) if p.starts_with("members[") => match member_filter(p) {
                Some(v) => members.retain(|m| *m != v),
                None => {
                    return scim_error(
                        StatusCode::BAD_REQUEST,
                        Some("invalidFilter"),
                        "Unsupported member filter",
                    );
                }
            },
            _ => {
                if let Err(r) = apply_plain(&mut rest, op) {
                    return r;
                }
            }
        }
    }
    rest["members"] = Value::Array(
        members
            .into_iter()
            .map(|m| json!({"value": m, "type": "User"}))
            .collect(),
    );
    *group = rest.clone();
    // RFC 7644 §3.5.2: a provider may answer 204 when the client did not ask for attributes.
    if headers
        .get("prefer")
        .is_some_and(|p| p.as_bytes() == b"return=minimal")
    {
        return StatusCode::NO_CONTENT.into_response();
    }
    scim_json(StatusCode::OK, rest)
}
