import { readFileSync } from "node:fs";
import { parse } from "smol-toml";
import { describe, expect, it } from "vitest";
import { ACCESS_SCOPES, API_VERSION, WEBHOOK_PATH } from "~/.server/shopify/constants";
import { APP_TOPICS, COMPLIANCE_TOPICS } from "~/.server/shopify/topics";

interface AppToml {
  embedded: boolean;
  access_scopes: { scopes: string };
  webhooks: {
    api_version: string;
    subscriptions: { topics?: string[]; compliance_topics?: string[]; uri: string }[];
  };
}

const toml = parse(readFileSync("shopify.app.toml", "utf8")) as unknown as AppToml;

describe("shopify.app.toml", () => {
  it("declares exactly the access scopes the app asks for", () => {
    expect(toml.access_scopes.scopes.split(",").sort()).toEqual([...ACCESS_SCOPES].sort());
  });

  it("uses the app's Admin API version for webhooks", () => {
    expect(toml.webhooks.api_version).toBe(API_VERSION);
  });

  it("subscribes app/uninstalled, app/scopes_update and the three compliance topics to /webhooks", () => {
    const subscriptions = toml.webhooks.subscriptions;
    const topics = subscriptions.flatMap((subscription) => subscription.topics ?? []);
    const compliance = subscriptions.flatMap((subscription) => subscription.compliance_topics ?? []);
    expect(topics.sort()).toEqual([...APP_TOPICS].sort());
    expect(compliance.sort()).toEqual([...COMPLIANCE_TOPICS].sort());
    expect(new Set(subscriptions.map((subscription) => subscription.uri))).toEqual(new Set([WEBHOOK_PATH]));
  });

  it("says which code handles every subscription", () => {
    const source = readFileSync("shopify.app.toml", "utf8");
    const blocks = source.split("[[webhooks.subscriptions]]").slice(1);
    const preceding = source.split("[[webhooks.subscriptions]]").slice(0, -1);
    expect(blocks.length).toBe(toml.webhooks.subscriptions.length);
    for (const text of preceding) expect(text.trimEnd().split("\n").pop()).toMatch(/# Handled by: /);
  });

  it("is an embedded app", () => {
    expect(toml.embedded).toBe(true);
  });

  it("has `shopify app dev` run the worker as a background process beside the web one", () => {
    const web = parse(readFileSync("shopify.web.toml", "utf8")) as { roles: string[] };
    const worker = parse(readFileSync("worker/shopify.web.toml", "utf8")) as {
      roles: string[];
      commands: { dev: string };
    };
    expect(web.roles.sort()).toEqual(["backend", "frontend"]);
    expect(worker.roles).toEqual(["background"]);
    const scripts = (JSON.parse(readFileSync("package.json", "utf8")) as { scripts: Record<string, string> }).scripts;
    expect(worker.commands.dev).toBe("npm run --prefix .. worker");
    expect(scripts.worker).toContain("worker/index.ts");
  });
});
