/**
 * A self-contained API reference rendered on the server from the OpenAPI document: no CDN, no script,
 * so it works offline and on Workers, and it can never drift from /openapi.json.
 */

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Obj = { [key: string]: Json };

const METHODS = ["get", "post", "put", "patch", "delete"] as const;

function esc(s: unknown): string {
  return String(s ?? "")
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;");
}

/** Inline code spans (`x`) in descriptions. */
function prose(s: unknown): string {
  return esc(s).replace(/`([^`]+)`/g, "<code>$1</code>");
}

function isObj(v: Json | undefined): v is Obj {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function deref(doc: Obj, schema: Json | undefined): Obj {
  if (!isObj(schema)) return {};
  const ref = schema.$ref;
  if (typeof ref === "string") {
    const name = ref.split("/").pop() ?? "";
    const components = isObj(doc.components) && isObj(doc.components.schemas) ? doc.components.schemas : {};
    return { ...deref(doc, components[name]), title: name };
  }
  return schema;
}

function typeLabel(doc: Obj, schema: Json | undefined): string {
  const s = isObj(schema) ? schema : {};
  if (typeof s.$ref === "string") return esc(s.$ref.split("/").pop());
  const d = deref(doc, s);
  if (Array.isArray(d.enum)) return d.enum.map((v) => `<code>${esc(JSON.stringify(v))}</code>`).join(" | ");
  if ("const" in d) return `<code>${esc(JSON.stringify(d.const))}</code>`;
  const variants = d.anyOf ?? d.oneOf;
  if (Array.isArray(variants)) return variants.map((v) => typeLabel(doc, v)).join(" | ");
  if (d.type === "array") return `${typeLabel(doc, d.items)}[]`;
  const t = Array.isArray(d.type) ? d.type.join(" | ") : String(d.type ?? "object");
  return esc(typeof d.format === "string" ? `${t} (${d.format})` : t);
}

function fieldsTable(doc: Obj, schema: Json | undefined, depth = 0): string {
  const d = deref(doc, schema);
  const props = isObj(d.properties) ? d.properties : null;
  if (!props) return `<p class="type">${typeLabel(doc, schema)}</p>`;
  const required = new Set(Array.isArray(d.required) ? d.required.map(String) : []);
  const rows = Object.entries(props).map(([name, sub]) => {
    const s = deref(doc, sub);
    const nested =
      depth < 2 && s.type === "array" && isObj(deref(doc, s.items).properties)
        ? fieldsTable(doc, s.items, depth + 1)
        : depth < 2 && isObj(s.properties)
          ? fieldsTable(doc, sub, depth + 1)
          : "";
    const example =
      s.example !== undefined
        ? ` <span class="ex">e.g. <code>${esc(JSON.stringify(s.example))}</code></span>`
        : "";
    return `<tr><td><code>${esc(name)}</code>${required.has(name) ? "" : ' <span class="opt">optional</span>'}</td><td>${typeLabel(doc, sub)}</td><td>${prose(s.description)}${example}${nested}</td></tr>`;
  });
  return `<table><tr><th>field</th><th>type</th><th>meaning</th></tr>${rows.join("")}</table>`;
}

export function renderDocsPage(document: unknown): string {
  const doc = JSON.parse(JSON.stringify(document)) as Obj;
  const info = isObj(doc.info) ? doc.info : {};
  const paths = isObj(doc.paths) ? doc.paths : {};
  const ops: string[] = [];
  for (const [path, item] of Object.entries(paths)) {
    if (!isObj(item)) continue;
    for (const method of METHODS) {
      const op = item[method];
      if (!isObj(op)) continue;
      const params = Array.isArray(op.parameters) ? op.parameters.filter(isObj) : [];
      const body =
        isObj(op.requestBody) && isObj(op.requestBody.content)
          ? op.requestBody.content["application/json"]
          : undefined;
      const responses = isObj(op.responses) ? op.responses : {};
      ops.push(`<section id="${esc(`${method}-${path}`)}">
<h3><span class="m ${method}">${method.toUpperCase()}</span> <code>${esc(path)}</code></h3>
<p>${prose(op.summary)}</p>${op.description ? `<p>${prose(op.description)}</p>` : ""}
${params.length ? `<h4>Parameters</h4><table><tr><th>name</th><th>in</th><th>type</th><th>meaning</th></tr>${params.map((p) => `<tr><td><code>${esc(p.name)}</code>${p.required ? "" : ' <span class="opt">optional</span>'}</td><td>${esc(p.in)}</td><td>${typeLabel(doc, p.schema)}</td><td>${prose(p.description)}</td></tr>`).join("")}</table>` : ""}
${isObj(body) ? `<h4>Body (JSON)</h4>${fieldsTable(doc, body.schema)}` : ""}
<h4>Responses</h4><ul>${Object.entries(responses)
        .map(([status, r]) => {
          const res = isObj(r) ? r : {};
          const schema =
            isObj(res.content) && isObj(res.content["application/json"])
              ? res.content["application/json"].schema
              : undefined;
          return `<li><b>${esc(status)}</b> ${prose(res.description)}${schema ? ` — ${typeLabel(doc, schema)}` : ""}</li>`;
        })
        .join("")}</ul>
</section>`);
    }
  }
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${esc(info.title)} reference</title><style>
body{font:15px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1d1d1f}
code{background:#f2f2f5;padding:0 .25em;border-radius:3px}table{border-collapse:collapse;width:100%;margin:.25rem 0}
td,th{border:1px solid #ddd;padding:.25rem .5rem;text-align:left;vertical-align:top}th{background:#fafafa}
section{border-top:1px solid #e5e5e5;padding-top:.5rem;margin-top:1.5rem}.m{font-size:.8em;padding:.1em .4em;border-radius:3px;color:#fff}
.get{background:#2f6fdb}.post{background:#1f9d55}.put,.patch{background:#c77d00}.delete{background:#c0392b}.opt,.ex{color:#777;font-size:.85em}
</style></head><body><h1>${esc(info.title)} <small>${esc(info.version)}</small></h1><p>${prose(info.description)}</p>
<p>Machine-readable: <a href="/openapi.json">/openapi.json</a> (OpenAPI 3.1).</p>${ops.join("\n")}</body></html>`;
}
