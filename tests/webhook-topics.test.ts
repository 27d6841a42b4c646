// The topic table (app/.server/shopify/topics.ts) is the app's one list of
// webhook topics; the simulator keeps Shopify's side of it. They must agree.
import { describe, expect, it } from "vitest";
import { HANDLERS } from "~/.server/events";
import {
  API_TOPICS,
  COMPLIANCE_TOPICS,
  PROCESSED_TOPICS,
  PROTECTED_CUSTOMER_DATA_TOPICS,
  WEBHOOK_TOPICS,
} from "~/.server/shopify/topics";
import { PROTECTED_CUSTOMER_DATA_TOPICS as SIMULATOR_PROTECTED } from "../simulator/webhooks/subscriptions";
import { COMPLIANCE_TOPICS as SIMULATOR_COMPLIANCE, SIMULATED_TOPICS } from "../simulator/webhooks/topics";

describe("the webhook topic table", () => {
  it("has one handler per topic and no handler for a topic it does not list", () => {
    expect(Object.keys(HANDLERS).sort()).toEqual([...PROCESSED_TOPICS].sort());
    expect(new Set(WEBHOOK_TOPICS.map((definition) => definition.topic)).size).toBe(WEBHOOK_TOPICS.length);
  });

  it("lists only topics the simulator delivers (none is subscribable and silent)", () => {
    const delivered = new Set<string>(SIMULATED_TOPICS);
    expect(API_TOPICS.filter((topic) => !delivered.has(topic))).toEqual([]);
    expect([...COMPLIANCE_TOPICS].sort()).toEqual([...SIMULATOR_COMPLIANCE].sort());
  });

  it("marks as protected customer data exactly the topics the simulator refuses without approval", () => {
    expect(API_TOPICS.filter((topic) => SIMULATOR_PROTECTED.test(topic))).toEqual(PROTECTED_CUSTOMER_DATA_TOPICS);
  });
});
