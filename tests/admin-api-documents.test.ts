// Every Admin API document the app sends is valid against the vendored
// 2026-10 schema (the same schema codegen types them from).
import { readdirSync } from "node:fs";
import { parse, validate } from "graphql";
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

describe("Admin API documents", () => {
  it("all validate against the 2026-10 schema", async () => {
    const documents = await allDocuments();
    expect(documents.length).toBeGreaterThanOrEqual(5);
    const errors = documents.flatMap(([name, source]) =>
      validate(adminSchema(), parse(source)).map((error) => `${name}: ${error.message}`),
    );
    expect(errors).toEqual([]);
  });
});
