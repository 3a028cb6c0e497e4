// Renders the server's OpenAPI document and sends requests to it (`/docs`),
// or shows it as a reference to read, every operation open (`/redoc`).
// Everything is built with DOM calls and textContent: nothing from the
// document is ever parsed as HTML.
"use strict";

(function () {
  const base = location.pathname.replace(/(re)?docs?\/?$/, "");
  const reading = document.body.dataset.mode === "reference";
  let spec = null;

  function el(tag, attrs, children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (key === "text") node.textContent = value;
      else node.setAttribute(key, value);
    }
    for (const child of children || []) node.appendChild(child);
    return node;
  }

  function resolve(schema) {
    let seen = 0;
    while (schema && schema.$ref && seen < 32) {
      const name = schema.$ref.replace("#/components/schemas/", "");
      schema = (spec.components && spec.components.schemas || {})[name] || {};
      seen += 1;
    }
    return schema || {};
  }

  // A starting body: every required field, with a value of its type.
  function example(schema, depth) {
    schema = resolve(schema);
    if (depth > 6) return null;
    if (schema.default !== undefined) return schema.default;
    if (schema.examples && schema.examples.length) return schema.examples[0];
    if (Array.isArray(schema.enum) && schema.enum.length) return schema.enum[0];
    const options = schema.anyOf || schema.oneOf;
    if (options) {
      const chosen = options.find((s) => resolve(s).type !== "null") || options[0];
      return example(chosen, depth + 1);
    }
    if (schema.allOf && schema.allOf.length) return example(schema.allOf[0], depth + 1);
    const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== "null") : schema.type;
    switch (type) {
      case "object":
      case undefined: {
        if (!schema.properties) return type === "object" ? {} : null;
        const out = {};
        for (const name of schema.required || []) {
          out[name] = example(schema.properties[name] || {}, depth + 1);
        }
        return out;
      }
      case "array": return [];
      case "string": return "";
      case "integer":
      case "number": return 0;
      case "boolean": return false;
      default: return null;
    }
  }

  function pretty(text) {
    try { return JSON.stringify(JSON.parse(text), null, 2); } catch (_) { return text; }
  }

  function operation(path, op) {
    const name = path.replace(/^\//, "");
    const schema = op.requestBody && op.requestBody.content && op.requestBody.content["application/json"]
      ? op.requestBody.content["application/json"].schema : {};
    const body = el("textarea", { spellcheck: "false", "aria-label": "Request body for " + name });
    body.value = JSON.stringify(example(schema, 0), null, 2);
    const outcome = el("p", { class: "outcome" });
    const result = el("pre", { hidden: "" });
    const send = el("button", { type: "button", text: "Send" });
    send.addEventListener("click", async () => {
      send.disabled = true;
      outcome.textContent = "Sending…";
      outcome.classList.remove("error");
      const started = performance.now();
      try {
        const response = await fetch(base + name, {
          method: "POST",
          headers: { "Content-Type": "application/json" },
          body: body.value,
        });
        const text = await response.text();
        const ms = (performance.now() - started).toFixed(1);
        let isError = !response.ok;
        try { isError = isError || JSON.parse(text).is_error === true; } catch (_) { isError = true; }
        outcome.textContent = "HTTP " + response.status + " in " + ms + " ms" + (isError ? " (error envelope)" : "");
        outcome.classList.toggle("error", isError);
        result.textContent = pretty(text);
        result.hidden = false;
      } catch (e) {
        outcome.textContent = "The request failed: " + e;
        outcome.classList.add("error");
      } finally {
        send.disabled = false;
      }
    });
    const summary = el("summary", {}, [
      el("span", { class: "method", text: "POST" }),
      el("span", { class: "path", text: base + name }),
      el("span", { text: op.summary || "" }),
      el("span", { class: "tag", text: (op.tags || []).join(", ") }),
    ]);
    const schemaBlock = el("details", reading ? { open: "" } : {}, [
      el("summary", { text: "Request body schema" }),
      el("pre", { text: JSON.stringify(schema, null, 2) }),
    ]);
    if (reading) {
      const ok = op.responses && op.responses["200"] && op.responses["200"].content
        ? op.responses["200"].content["application/json"].schema : {};
      return el("details", { class: "op", id: "op-" + name, open: "" }, [
        summary,
        el("div", { class: "op-body" }, [
          el("p", { text: op.description || "" }),
          schemaBlock,
          el("details", { open: "" }, [
            el("summary", { text: "Response schema" }),
            el("pre", { text: JSON.stringify(ok, null, 2) }),
          ]),
        ]),
      ]);
    }
    return el("details", { class: "op", id: "op-" + name }, [
      summary,
      el("div", { class: "op-body" }, [
        el("p", { text: op.description || "" }),
        schemaBlock,
        body,
        send,
        outcome,
        result,
      ]),
    ]);
  }

  function render() {
    const info = spec.info || {};
    document.getElementById("title").textContent = (info.title || "Connector") + " " + (info.version || "");
    document.title = (info.title || "Connector") + ": API";
    document.getElementById("summary").textContent = info.description || "";
    const ops = document.getElementById("operations");
    ops.replaceChildren();
    for (const [path, item] of Object.entries(spec.paths || {})) {
      if (item.post) ops.appendChild(operation(path, item.post));
    }
    const schemas = document.getElementById("schemas");
    schemas.replaceChildren();
    for (const [name, schema] of Object.entries(spec.components && spec.components.schemas || {})) {
      schemas.appendChild(el("details", { id: "schema-" + name }, [
        el("summary", { text: name }),
        el("pre", { text: JSON.stringify(schema, null, 2) }),
      ]));
    }
    document.getElementById("schemas-section").hidden = false;
  }

  async function load() {
    const status = document.getElementById("status");
    status.classList.remove("error");
    try {
      const response = await fetch(base + "openapi.json");
      if (response.status === 401) {
        status.textContent = "This server needs a bearer token on every request.";
        status.classList.add("error");
        return;
      }
      if (!response.ok) throw new Error("HTTP " + response.status);
      spec = await response.json();
      status.textContent = "";
      render();
    } catch (e) {
      status.textContent = "The API description could not be loaded: " + e;
      status.classList.add("error");
    }
  }

  document.addEventListener("DOMContentLoaded", () => {
    document.getElementById("spec-link").setAttribute("href", base + "openapi.json");
    load();
  });
})();
