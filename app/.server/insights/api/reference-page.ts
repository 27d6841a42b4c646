// The analyst API's reference as one readable HTML page, rendered from the
// OpenAPI document (no script, no CDN: it works offline and in any browser).
import { openApiDocument } from "./openapi";

type Schema = {
  type?: string | string[];
  properties?: Record<string, Schema>;
  items?: Schema;
  $ref?: string;
  description?: string;
  pattern?: string;
  enum?: unknown[];
  minimum?: number;
  maximum?: number;
  default?: unknown;
  format?: string;
};

const escape = (text: string) =>
  text.replace(/[&<>"]/g, (character) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[character]!);

function typeOf(schema: Schema): string {
  if (schema.$ref) {
    const name = schema.$ref.split("/").at(-1)!;
    return `<a href="#schema-${name}">${name}</a>`;
  }
  if (schema.items) return `array of ${typeOf(schema.items)}`;
  const types = ([] as string[]).concat(schema.type ?? "object");
  const details = [
    schema.format,
    schema.enum ? `one of ${schema.enum.map(String).join(", ")}` : undefined,
    schema.minimum !== undefined ? `${schema.minimum} to ${schema.maximum}` : undefined,
    schema.default !== undefined ? `default ${String(schema.default)}` : undefined,
  ].filter(Boolean);
  return escape(types.join(" or ") + (details.length ? ` (${details.join("; ")})` : ""));
}

export function apiReferencePage(): string {
  const document = openApiDocument();
  const paths = Object.entries(document.paths ?? {}).map(([path, item]) => {
    const operation = item.get!;
    const parameters = (operation.parameters ?? []) as {
      name: string;
      in: string;
      schema: Schema;
      required?: boolean;
    }[];
    const responses = Object.entries(operation.responses ?? {}) as [string, { description: string }][];
    return `<section><h3><code>GET ${escape(path)}</code></h3><p>${escape(operation.summary ?? "")}</p>
      ${parameters.length ? `<table><tr><th>Parameter</th><th>In</th><th>Type</th></tr>${parameters.map((parameter) => `<tr><td><code>${escape(parameter.name)}</code>${parameter.required ? " (required)" : ""}</td><td>${parameter.in}</td><td>${typeOf(parameter.schema)}</td></tr>`).join("")}</table>` : ""}
      <ul>${responses.map(([status, response]) => `<li><b>${status}</b> ${escape(response.description)}</li>`).join("")}</ul></section>`;
  });
  const schemas = Object.entries((document.components?.schemas ?? {}) as Record<string, Schema>).map(
    ([name, schema]) =>
      `<section id="schema-${name}"><h3>${name}</h3><table><tr><th>Field</th><th>Type</th></tr>${Object.entries(
        schema.properties ?? {},
      )
        .map(
          ([field, property]) =>
            `<tr><td><code>${escape(field)}</code></td><td>${typeOf(property)}${property.description ? `<br><small>${escape(property.description)}</small>` : ""}</td></tr>`,
        )
        .join("")}</table></section>`,
  );
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escape(document.info.title)}</title>
<style>body{font:15px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a}
table{border-collapse:collapse;margin:.5rem 0}td,th{border:1px solid #ddd;padding:.25rem .5rem;text-align:left;vertical-align:top}
code{background:#f4f4f4;padding:0 .2rem}section{margin-bottom:1.5rem}</style></head><body>
<h1>${escape(document.info.title)}</h1><p>${escape(document.info.description ?? "")}</p>
<p>Authenticate with <code>Authorization: Bearer &lt;key&gt;</code> (a key from the app's API access page or
<code>npx storehouse api-keys create</code>). Errors are <code>application/problem+json</code>.
The machine-readable document: <a href="/api/v1/openapi.json">/api/v1/openapi.json</a>.</p>
<h2>Endpoints</h2>${paths.join("")}<h2>Shapes</h2>${schemas.join("")}</body></html>`;
}
