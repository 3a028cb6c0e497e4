//! The mock connector's command line, run as a process: exit codes, streams,
//! input and output files, paging and the `info` document (BEHAVIOUR.md §1.2, §5).

use std::io::Read;
use std::path::Path;
use std::process::{Command, Output};

use serde_json::{Value, json};

const SECRET: &str = "pa55-w0rd-xyzzy";

fn envelope(extra: &str) -> String {
    format!(
        r#"{{"auth":{{"basic":{{"username":"foo","password":"{SECRET}"}}}},"request":{{}},"settings":{{"host":"example.com"}}{extra}}}"#
    )
}

fn mock() -> Command {
    let mut command = Command::new(crate::MOCK_CONNECTOR);
    command.env_remove("LUMOS_LOG_LEVEL");
    command
}

fn run(args: &[&str]) -> Output {
    mock().args(args).output().expect("the binary runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).expect("UTF-8 output")
}

fn code(output: &Output) -> i32 {
    output.status.code().expect("the process exited")
}

/// stdout holds exactly one JSON document followed by one newline.
fn one_document(output: &Output) -> Value {
    let stdout = text(&output.stdout);
    let body = stdout
        .strip_suffix('\n')
        .unwrap_or_else(|| panic!("no trailing newline: {stdout:?}"));
    assert!(!body.contains('\n'), "one line only: {stdout:?}");
    serde_json::from_str(body).unwrap_or_else(|e| panic!("not one JSON document ({e}): {stdout:?}"))
}

// --- exit codes -------------------------------------------------------------------

#[test]
fn help_exits_0() {
    for args in [
        &["--help"][..],
        &["-h"],
        &["list_accounts", "--help"],
        &["info", "--help"],
    ] {
        let out = run(args);
        assert_eq!(code(&out), 0, "{args:?}");
        assert!(text(&out.stdout).contains("Usage"), "{args:?}");
        assert!(out.stderr.is_empty(), "{args:?}");
    }
    let help = text(&run(&["--help"]).stdout);
    assert!(
        help.contains("Lumos integration CLI for Mock Connector"),
        "{help}"
    );
    for name in ["info", "app_info", "list_accounts", "validate_credentials", "dev"] {
        assert!(help.contains(name), "{name} in {help}");
    }
}

#[test]
fn no_command_exits_1() {
    for args in [&[][..], &["dev"], &["hacking"]] {
        let out = run(args);
        assert_eq!(code(&out), 1, "{args:?}");
        assert!(out.stdout.is_empty(), "{args:?}");
        assert!(
            text(&out.stderr).starts_with("No command passed in\n"),
            "{args:?}"
        );
        assert!(text(&out.stderr).contains("Usage"), "{args:?}");
    }
}

#[test]
fn an_unknown_capability_exits_2() {
    let out = run(&["list_resources", "--json", "{}"]);
    assert_eq!(code(&out), 2);
    assert!(out.stdout.is_empty());
    assert!(
        text(&out.stderr).contains("list_resources"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn missing_or_doubled_input_exits_2() {
    let out = run(&["list_accounts"]);
    assert_eq!(code(&out), 2);
    assert!(out.stdout.is_empty());
    assert!(text(&out.stderr).contains("--json"), "{}", text(&out.stderr));

    let out = run(&["list_accounts", "--json", "{}", "--json-file", "x.json"]);
    assert_eq!(code(&out), 2);
    assert!(out.stdout.is_empty());
    assert!(
        text(&out.stderr).contains("cannot be used with"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn a_result_path_without_gz_exits_1_before_running() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("out.json");
    let out = run(&[
        "validate_credentials",
        "--json",
        &envelope(""),
        "--result-file-path",
        path.to_str().unwrap(),
    ]);
    assert_eq!(code(&out), 1);
    assert!(out.stdout.is_empty());
    assert_eq!(
        text(&out.stderr),
        "error: The result file name must end with the .gz extension.\n"
    );
    assert!(!path.exists());
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        0,
        "nothing is written"
    );
}

#[test]
fn empty_json_exits_1() {
    let out = run(&["validate_credentials", "--json", ""]);
    assert_eq!(code(&out), 1);
    assert!(out.stdout.is_empty());
    assert!(text(&out.stderr).contains("No JSON value provided"));
}

#[test]
fn a_missing_json_file_exits_1() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("absent.json");
    let out = run(&["validate_credentials", "--json-file", path.to_str().unwrap()]);
    assert_eq!(code(&out), 1);
    assert!(out.stdout.is_empty());
    assert!(text(&out.stderr).contains("absent.json"), "{}", text(&out.stderr));
}

#[test]
fn an_endless_json_file_is_refused_at_the_request_limit() {
    // Memory held to a few GiB, so that reading without a limit fails
    // here rather than take the machine's memory.
    let out = Command::new("sh")
        .args(["-c", "ulimit -v 4194304 && exec \"$0\" \"$@\""])
        .arg(crate::MOCK_CONNECTOR)
        .args(["validate_credentials", "--json-file", "/dev/zero"])
        .env_remove("LUMOS_LOG_LEVEL")
        .output()
        .unwrap();
    assert_eq!(code(&out), 1, "{}", text(&out.stderr));
    assert!(out.stdout.is_empty());
    assert_eq!(
        text(&out.stderr),
        "error: cannot read /dev/zero: it is larger than 16 MiB, the most a request may be\n"
    );

    // Exactly at the limit is read (and answered as any request is).
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("request.json");
    let mut request = envelope("").into_bytes();
    request.resize(16 * 1024 * 1024, b' ');
    std::fs::write(&path, &request).unwrap();
    let out = run(&["validate_credentials", "--json-file", path.to_str().unwrap()]);
    assert_eq!(code(&out), 0, "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout), format!("{VALID}\n"));
    request.push(b' ');
    std::fs::write(&path, &request).unwrap();
    let out = run(&["validate_credentials", "--json-file", path.to_str().unwrap()]);
    assert_eq!(code(&out), 1);
    assert!(
        text(&out.stderr).contains("larger than 16 MiB"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn a_json_file_that_is_not_utf8_gets_the_servers_envelope() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("request.json");
    std::fs::write(&path, [0xff, 0xfe, b'{']).unwrap();
    let out = run(&["validate_credentials", "--json-file", path.to_str().unwrap()]);
    assert_eq!(code(&out), 0, "{}", text(&out.stderr));
    assert!(out.stderr.is_empty(), "{}", text(&out.stderr));
    let value = one_document(&out);
    assert_eq!(
        value,
        json!({
            "is_error": true,
            "error": {
                "message": "Invalid request - the body is not UTF-8 text",
                "status_code": null,
                "app_error_code": null,
                "error_code": "bad_request",
                "app_id": "mock-connector",
                "raised_by": null,
                "raised_in": null,
            },
            "raw_data": null,
            "page": null,
        })
    );

    // To the result file, when one is asked for.
    let result = dir.path().join("result.gz");
    let out = run(&[
        "validate_credentials",
        "--json-file",
        path.to_str().unwrap(),
        "--result-file-path",
        result.to_str().unwrap(),
    ]);
    assert_eq!(code(&out), 0, "{}", text(&out.stderr));
    assert!(out.stdout.is_empty());
    let written: Value = serde_json::from_str(&gunzip(&result)).unwrap();
    assert_eq!(written, value);
}

#[test]
fn an_invalid_log_level_exits_1() {
    let out = mock()
        .args(["validate_credentials", "--json", &envelope("")])
        .env("LUMOS_LOG_LEVEL", "LOUD")
        .output()
        .unwrap();
    assert_eq!(code(&out), 1);
    assert!(out.stdout.is_empty());
    assert!(
        text(&out.stderr).contains("LUMOS_LOG_LEVEL"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn error_envelopes_exit_0() {
    let out = run(&["validate_credentials", "--json", "not json"]);
    assert_eq!(code(&out), 0);
    let value = one_document(&out);
    assert_eq!(value["error"]["error_code"], "bad_request");
    assert!(out.stderr.is_empty(), "{}", text(&out.stderr));
}

// --- input and output -----------------------------------------------------------------

const VALID: &str = r#"{"response":{"valid":true,"unique_tenant_id":"mock-connector-tenant-id"},"raw_data":null,"page":null,"execution_summary":null}"#;

#[test]
fn validate_credentials_prints_the_exact_envelope() {
    let out = run(&["validate_credentials", "--json", &envelope("")]);
    assert_eq!(code(&out), 0);
    assert_eq!(text(&out.stdout), format!("{VALID}\n"));
    assert!(out.stderr.is_empty(), "{}", text(&out.stderr));
}

#[test]
fn a_json_file_path_may_be_quoted() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("request.json");
    std::fs::write(&path, envelope("")).unwrap();
    let path = path.to_str().unwrap();
    for given in [path.to_owned(), format!("\"{path}\""), format!("'{path}'")] {
        let out = run(&["validate_credentials", "--json-file", &given]);
        assert_eq!(code(&out), 0, "{given}: {}", text(&out.stderr));
        assert_eq!(text(&out.stdout), format!("{VALID}\n"), "{given}");
    }
}

fn gunzip(path: &Path) -> String {
    let mut text = String::new();
    flate2::read::GzDecoder::new(std::fs::File::open(path).unwrap())
        .read_to_string(&mut text)
        .unwrap();
    text
}

#[test]
fn the_result_file_holds_the_gzipped_json() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("result.json.gz");
    let quoted = format!("'{}'", path.to_str().unwrap());
    let out = run(&[
        "validate_credentials",
        "--json",
        &envelope(""),
        "--result-file-path",
        &quoted,
    ]);
    assert_eq!(code(&out), 0, "{}", text(&out.stderr));
    assert!(out.stdout.is_empty(), "nothing on stdout");
    assert_eq!(gunzip(&path), VALID, "no trailing newline in the file");

    let info = dir.path().join("info.gz");
    let out = run(&["info", "--result-file-path", info.to_str().unwrap()]);
    assert_eq!(code(&out), 0);
    assert!(out.stdout.is_empty());
    assert_eq!(gunzip(&info), text(&run(&["info"]).stdout).trim_end_matches('\n'));
}

#[test]
fn debug_logs_hold_no_secrets_on_stderr_or_in_the_log_file() {
    for (capability, extra) in [
        ("validate_credentials", ""),
        ("list_accounts", r#","include_raw_data":true"#),
        ("list_accounts", r#","page":{"token":"garbage"}"#),
        (
            "validate_credentials",
            r#","settings":{"host":"pa55-w0rd-xyzzy"},"x":1"#,
        ),
    ] {
        let body = envelope(extra);
        let out = mock()
            .args([capability, "--json", &body])
            .env("LUMOS_LOG_LEVEL", "DEBUG")
            .env("LUMOS_LOG_TO_STDOUT", "true")
            .output()
            .unwrap();
        assert_eq!(code(&out), 0);
        one_document(&out);
        let stderr = text(&out.stderr);
        assert!(!stderr.is_empty(), "DEBUG logs something");
        assert!(!stderr.contains(SECRET), "{stderr}");

        let logs = tempfile::tempdir().unwrap();
        let out = mock()
            .args([capability, "--json", &body])
            .env("LUMOS_LOG_LEVEL", "DEBUG")
            .env("LUMOS_LOG_DIRECTORY", logs.path())
            .output()
            .unwrap();
        assert_eq!(code(&out), 0);
        one_document(&out);
        let file = std::fs::read_dir(logs.path())
            .unwrap()
            .next()
            .unwrap()
            .unwrap()
            .path();
        let logged = std::fs::read_to_string(file).unwrap();
        assert!(logged.contains("Command completed"), "{logged}");
        assert!(!logged.contains(SECRET), "{logged}");
    }
}

// --- paging -----------------------------------------------------------------------------

fn list_accounts(page: Option<Value>) -> Value {
    let extra = match page {
        Some(page) => format!(r#","page":{page}"#),
        None => String::new(),
    };
    let out = run(&["list_accounts", "--json", &envelope(&extra)]);
    assert_eq!(code(&out), 0);
    one_document(&out)
}

#[test]
fn list_accounts_pages_through_every_account() {
    let mut ids = Vec::new();
    let mut page = Some(json!({"size": 10}));
    let mut calls = 0;
    while let Some(request_page) = page.take() {
        calls += 1;
        assert!(calls <= 10, "paging ends");
        let out = list_accounts(Some(request_page));
        let accounts = out["response"].as_array().expect("a list");
        assert!(accounts.len() <= 10);
        ids.extend(
            accounts
                .iter()
                .map(|a| a["integration_specific_id"].as_str().unwrap().to_owned()),
        );
        assert_eq!(out["raw_data"], Value::Null, "not asked for");
        match &out["page"] {
            Value::Null => {}
            next => {
                let token = next["token"].as_str().expect("a token");
                assert!(!token.is_empty());
                assert_eq!(next["size"], 10);
                page = Some(json!({"token": token, "size": 10}));
            }
        }
    }
    assert_eq!(calls, 5);
    let expected: Vec<String> = (0..42).map(|i| format!("user-{i:03}")).collect();
    assert_eq!(ids, expected);
}

#[test]
fn bad_page_tokens_are_refused_with_an_envelope() {
    let first = list_accounts(Some(json!({"size": 5})));
    let token = first["page"]["token"].as_str().unwrap().to_owned();
    // Cut short, the MessagePack inside ends mid-value.
    let cut = &token[..token.len() - 2];
    for bad in ["garbage", "!!!", cut] {
        let out = list_accounts(Some(json!({"token": bad, "size": 5})));
        assert_eq!(out["is_error"], true, "{bad}: {out}");
        assert_eq!(out["error"]["error_code"], "invalid_page_token", "{bad}: {out}");
        assert_eq!(out["error"]["raised_in"], "mock_connector:list_accounts");
    }
}

#[test]
fn a_forged_offset_past_every_number_gets_an_empty_page() {
    use connector::pagination::{Cursor, PageToken, Position};
    for offset in [u64::MAX, u64::MAX - 1, 42] {
        let mut token = PageToken::new();
        token.push(Cursor::new("/accounts", Position::Offset(offset)));
        let token = token.encode().unwrap();
        let out = list_accounts(Some(json!({"token": token, "size": 5})));
        assert_eq!(out["response"], json!([]), "{offset}: {out}");
        assert_eq!(out["page"], Value::Null, "{offset}: the listing ends");
    }
}

// --- info ---------------------------------------------------------------------------------

fn info() -> (String, Value) {
    let out = run(&["info"]);
    assert_eq!(code(&out), 0);
    assert!(out.stderr.is_empty());
    let stdout = text(&out.stdout);
    let value = one_document(&out);
    (stdout, value)
}

#[test]
fn info_is_formatted_like_python_json_dumps() {
    let (stdout, value) = info();
    assert!(stdout.starts_with(r#"{"execution_summary": null, "page": null, "raw_data": null, "response": {"access_graph_entitlement_rules": [], "access_graph_entitlement_types": [], "app_id": "mock-connector", "#), "{stdout}");
    assert!(stdout.ends_with("}\n"));
    assert!(stdout.is_ascii());
    // Sorted keys, ", " and ": " separators at every level: re-serialising
    // the parsed document the same way gives back the same text.
    assert_eq!(stdout, format!("{}\n", python_dumps(&value)));
}

/// `json.dumps(value, sort_keys=True)` of Python, for checking.
fn python_dumps(value: &Value) -> String {
    match value {
        Value::Object(map) => {
            let mut keys: Vec<&String> = map.keys().collect();
            keys.sort();
            let items: Vec<String> = keys
                .into_iter()
                .map(|k| {
                    format!(
                        "{}: {}",
                        python_dumps(&Value::String(k.clone())),
                        python_dumps(&map[k])
                    )
                })
                .collect();
            format!("{{{}}}", items.join(", "))
        }
        Value::Array(items) => format!(
            "[{}]",
            items.iter().map(python_dumps).collect::<Vec<_>>().join(", ")
        ),
        Value::String(s) => {
            let mut out = String::from("\"");
            for c in s.chars() {
                match c {
                    '"' => out.push_str("\\\""),
                    '\\' => out.push_str("\\\\"),
                    '\n' => out.push_str("\\n"),
                    '\r' => out.push_str("\\r"),
                    '\t' => out.push_str("\\t"),
                    c if (c as u32) < 0x20 || !c.is_ascii() => {
                        let mut units = [0u16; 2];
                        for unit in c.encode_utf16(&mut units) {
                            out.push_str(&format!("\\u{unit:04x}"));
                        }
                    }
                    c => out.push(c),
                }
            }
            out.push('"');
            out
        }
        other => other.to_string(),
    }
}

#[test]
fn info_has_every_key_of_the_reference() {
    let (_, value) = info();
    assert_eq!(
        value.as_object().unwrap().keys().collect::<Vec<_>>(),
        ["execution_summary", "page", "raw_data", "response"]
    );
    let response = value["response"].as_object().unwrap();
    let keys: Vec<&str> = response.keys().map(String::as_str).collect();
    assert_eq!(
        keys,
        [
            "access_graph_entitlement_rules",
            "access_graph_entitlement_types",
            "app_id",
            "app_vendor_domain",
            "authentication_schema",
            "capabilities",
            "capability_schema",
            "categories",
            "credentials_schema",
            "description",
            "entitlement_types",
            "implied_access_rules",
            "logo_url",
            "oauth_scopes",
            "request_settings_schema",
            "resource_types",
            "user_friendly_name",
            "version",
        ]
    );
    assert_eq!(response["app_id"], "mock-connector");
    assert_eq!(response["user_friendly_name"], "Mock Connector");
    assert_eq!(response["version"], env!("CARGO_PKG_VERSION"));
    assert_eq!(response["categories"], json!(["DEVELOPERS", "OTHER"]));
    assert_eq!(response["app_vendor_domain"], Value::Null);
    assert_eq!(response["logo_url"], Value::Null);
    assert_eq!(response["oauth_scopes"], Value::Null);
    assert_eq!(response["credentials_schema"], json!([]));
    for key in [
        "access_graph_entitlement_rules",
        "access_graph_entitlement_types",
        "entitlement_types",
        "implied_access_rules",
        "resource_types",
    ] {
        assert_eq!(response[key], json!([]), "{key}");
    }
}

#[test]
fn info_lists_capabilities_with_their_schemas() {
    let (_, value) = info();
    let response = &value["response"];
    assert_eq!(
        response["capabilities"],
        json!(["app_info", "list_accounts", "validate_credentials"])
    );
    let schemas = response["capability_schema"].as_object().unwrap();
    assert_eq!(
        schemas.keys().collect::<Vec<_>>(),
        ["app_info", "list_accounts", "validate_credentials"]
    );
    assert!(
        !value.to_string().contains("$schema"),
        "pydantic schemas do not name their dialect"
    );
    for (name, entry) in schemas {
        let keys: Vec<&String> = entry.as_object().unwrap().keys().collect();
        assert_eq!(
            keys,
            ["argument", "description", "display_name", "output"],
            "{name}"
        );
        assert_eq!(entry["argument"]["type"], "object", "{name}");
    }
    let validate = &schemas["validate_credentials"];
    assert_eq!(validate["display_name"], "Validate Credentials");
    assert_eq!(validate["description"], "Accepts any user name and password.");
    assert_eq!(validate["argument"]["title"], "ValidateCredentials");
    assert_eq!(validate["argument"]["x-capability-level"], "read");
    assert_eq!(validate["output"]["title"], "ValidatedCredentials");
    assert_eq!(
        validate["output"]["required"],
        json!(["valid", "unique_tenant_id"])
    );
    let accounts = &schemas["list_accounts"];
    assert_eq!(accounts["display_name"], "List Accounts");
    assert_eq!(accounts["description"], Value::Null);
    assert_eq!(accounts["argument"]["title"], "ListAccounts");
    // List outputs are described in full (the reference's `info` shows an
    // empty model there, which its own app_info contradicts).
    assert_eq!(accounts["output"]["type"], "array");
    assert_eq!(
        accounts["output"]["items"],
        json!({"$ref": "#/$defs/FoundAccountData"})
    );
    assert_eq!(
        accounts["output"]["$defs"]["FoundAccountData"]["required"],
        json!(["integration_specific_id"])
    );
    assert_eq!(schemas["app_info"]["output"]["type"], "object");
    assert_eq!(schemas["app_info"]["display_name"], "App Info");
}

#[test]
fn info_describes_settings_and_authentication() {
    let (_, value) = info();
    let settings = &value["response"]["request_settings_schema"];
    assert_eq!(settings["title"], "MockSettings");
    assert_eq!(settings["type"], "object");
    assert_eq!(settings["required"], json!(["host"]));
    assert_eq!(settings["field_order"], json!(["host"]));
    assert_eq!(settings["properties"]["host"]["title"], "Host");
    assert_eq!(settings["properties"]["host"]["type"], "string");

    let auth = &value["response"]["authentication_schema"];
    assert_eq!(auth["title"], "BasicCredential");
    assert_eq!(auth["x-credential-type"], "basic");
    assert_eq!(auth["required"], json!(["username", "password"]));
    assert_eq!(auth["field_order"], json!(["username", "password"]));
    let password = &auth["properties"]["password"];
    assert_eq!(password["title"], "Password");
    assert_eq!(password["x-secret"], true);
    assert_eq!(password["x-field_type"], "SECRET");
    let username = &auth["properties"]["username"];
    assert_eq!(username["title"], "Username");
    assert_eq!(username.get("x-secret"), None);
}
