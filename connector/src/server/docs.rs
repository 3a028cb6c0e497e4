//! The API pages: `/docs`, where one can send a request, and `/redoc`, the
//! same document laid out to be read. Plain HTML and a small script, both
//! inside the binary, render `openapi.json`; nothing is loaded from
//! elsewhere, so they work offline.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

use crate::registry::App;

const PAGE: &str = include_str!("assets/docs.html");
const INDEX: &str = include_str!("assets/index.html");
const SCRIPT: &str = include_str!("assets/docs.js");
const STYLE: &str = include_str!("assets/docs.css");

/// Only our own files, and requests back to this server.
const POLICY: &str = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/// `/docs` of one connector.
pub(super) fn page(app: &App) -> Response {
    render(app, "try")
}

/// `/redoc` of one connector.
pub(super) fn reference(app: &App) -> Response {
    render(app, "reference")
}

fn render(app: &App, mode: &str) -> Response {
    html(
        PAGE.replace("{{title}}", &escape(app.metadata().name))
            .replace("{{mode}}", mode),
    )
}

/// `/docs` of a multi-connector server: links to each connector's page.
pub(super) fn index<'a>(apps: impl Iterator<Item = &'a App>) -> Response {
    let items: String = apps
        .map(|app| {
            let id = escape(app.app_id());
            format!(
                "<li><a href=\"/{id}/docs\">{}</a> <code>{id}</code> &middot; <a href=\"/{id}/openapi.json\">openapi.json</a></li>\n",
                escape(app.metadata().name)
            )
        })
        .collect();
    html(INDEX.replace("{{items}}", &items))
}

/// `/docs/<name>`: the page's script and style sheet.
pub(super) fn asset(name: &str) -> Option<Response> {
    let (body, kind) = match name {
        "docs.js" => (SCRIPT, "text/javascript; charset=utf-8"),
        "docs.css" => (STYLE, "text/css; charset=utf-8"),
        _ => return None,
    };
    Some(
        (
            StatusCode::OK,
            [
                (header::CONTENT_TYPE, HeaderValue::from_static(kind)),
                (
                    header::X_CONTENT_TYPE_OPTIONS,
                    HeaderValue::from_static("nosniff"),
                ),
            ],
            body,
        )
            .into_response(),
    )
}

fn html(body: String) -> Response {
    (
        StatusCode::OK,
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/html; charset=utf-8"),
            ),
            (header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(POLICY)),
            (
                header::X_CONTENT_TYPE_OPTIONS,
                HeaderValue::from_static("nosniff"),
            ),
        ],
        body,
    )
        .into_response()
}

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped_for_html() {
        assert_eq!(
            escape(r#"<a href="x">Tom & 'Jerry'</a>"#),
            "&lt;a href=&quot;x&quot;&gt;Tom &amp; &#39;Jerry&#39;&lt;/a&gt;"
        );
    }

    #[test]
    fn the_page_loads_nothing_from_elsewhere() {
        for text in [PAGE, INDEX, SCRIPT, STYLE] {
            assert!(!text.contains("http://") && !text.contains("https://"), "{text}");
            assert!(!text.contains("//cdn"), "{text}");
        }
        assert!(PAGE.contains("/docs/docs.js") && PAGE.contains("/docs/docs.css"));
    }
}
