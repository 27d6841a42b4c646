// Every Admin API document the app sends is valid against the vendored
// 2026-10 schema (the same schema codegen types them from).
import { readdirSync } from "node:fs";
import {
  KnownFragmentNamesRule,
  NoUnusedFragmentsRule,
  parse,
  specifiedRules,
  validate,
  type DocumentNode,
} from "graphql";
import { describe, expect, it } from "vitest";
import { adminSchema } from "../simulator/admin-graphql/schema";

const DOCUMENTS_DIR = new URL("../app/.server/admin-api/documents/", import.meta.url);

async function allDocuments(): Promise<[string, string][]> {
  const documents: [string, string][] = [];
  for (const file of readdirSync(DOCUMENTS_DIR).filter((name) => name.endsWith(".ts"))) {
    const module = (await import(new URL(file, DOCUMENTS_DIR).href)) as Record<string, unknown>;
    for (const [name, value] of Object.entries(module))
      if (typeof value === "string" && value.trimStart().startsWith("#graphql"))
        documents.push([`${file}: ${name}`, value]);
  }
  return documents;
}

function isFragmentsOnly(document: DocumentNode): boolean {
  return document.definitions.every((definition) => definition.kind === "FragmentDefinition");
}

describe("Admin API documents", () => {
  it("all validate against the 2026-10 schema", async () => {
    const documents = await allDocuments();
    expect(documents.length).toBeGreaterThanOrEqual(5);
    const errors = documents.flatMap(([name, source]) => {
      const document = parse(source);
      // A fragment on its own (fragments.ts) is checked against the schema alone; the queries that include it
      // are checked whole (every fragment they spread present and used).
      const rules = isFragmentsOnly(document)
        ? specifiedRules.filter((rule) => rule !== NoUnusedFragmentsRule && rule !== KnownFragmentNamesRule)
        : specifiedRules;
      return validate(adminSchema(), document, rules).map((error) => `${name}: ${error.message}`);
    });
    expect(errors).toEqual([]);
  });

  it("every shared fragment is spread by some query", async () => {
    const documents = (await allDocuments()).map(([, source]) => parse(source));
    const defined = documents
      .filter(isFragmentsOnly)
      .flatMap((document) =>
        document.definitions.map((definition) =>
          definition.kind === "FragmentDefinition" ? definition.name.value : "",
        ),
      );
    expect(defined.length).toBeGreaterThan(0);
    const queries = documents.filter((document) => !isFragmentsOnly(document));
    for (const fragment of defined) {
      expect(queries.some((document) => JSON.stringify(document).includes(`"value":"${fragment}"`))).toBe(true);
    }
  });
});
