// npm run sim -- [--port 4000] [--shop demo.myshopify.com] [--orders 500] ...
// Runs the Shopify simulator standalone and prints its base URL. App-config
// webhook subscriptions come from shopify.app.toml, pointed at --app-url.
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { parse as parseToml } from "smol-toml";
import { LOCAL_API_KEY, localApiSecret } from "./local-credentials";
import { startSimulator } from "./server";
import type { PlanName } from "./shop/shop";
import type { AppConfigSubscription } from "./webhooks/subscriptions";
import type { Topic } from "./webhooks/topics";

const { values } = parseArgs({
  options: {
    port: { type: "string", default: process.env.SIMULATOR_PORT ?? "4000" },
    host: { type: "string", default: "127.0.0.1" },
    "app-url": { type: "string", default: process.env.SHOPIFY_APP_URL ?? "http://localhost:3000" },
    shop: { type: "string" },
    seed: { type: "string" },
    plan: { type: "string", default: "Shopify" },
    products: { type: "string", default: "25" },
    customers: { type: "string", default: "100" },
    orders: { type: "string", default: "500" },
    locations: { type: "string", default: "2" },
    carts: { type: "string", default: "10" },
    "time-scale": { type: "string", default: "1" },
    installed: { type: "boolean", default: false },
    help: { type: "boolean", default: false },
  },
});

if (values.help) {
  console.log(`Usage: npm run sim -- [options]
  --port N            listen port (default 4000, 0 = any free port)
  --app-url URL       where app-config webhooks from shopify.app.toml go (default http://localhost:3000)
  --shop DOMAIN       create this shop at start, with --products/--customers/--orders/--locations/--carts
  --seed TEXT         generator seed (default: the shop domain)
  --plan NAME         Basic | Shopify | Advanced | Plus | Enterprise (sets the API restore rate)
  --time-scale X      webhook retry schedule multiplier (1 = Shopify's 4 hours)
  --installed         the app is already installed on --shop (as from the Dev Dashboard), so
                      \`storehouse shops connect --client-id … --client-secret …\` can connect it
Credentials: SHOPIFY_API_KEY / SHOPIFY_API_SECRET, else the local ones in .data/ (as npm start uses).
Control API: see simulator/README.md.`);
  process.exit(0);
}

function appConfigSubscriptions(appUrl: string): AppConfigSubscription[] {
  const toml = parseToml(readFileSync("shopify.app.toml", "utf8")) as {
    webhooks?: { subscriptions?: { topics?: string[]; compliance_topics?: string[]; uri: string }[] };
  };
  return (toml.webhooks?.subscriptions ?? []).map((subscription) => ({
    topics: [...(subscription.topics ?? []), ...(subscription.compliance_topics ?? [])] as Topic[],
    uri: new URL(subscription.uri, appUrl).toString(),
  }));
}

const running = await startSimulator({
  port: Number(values.port),
  host: values.host,
  timeScale: Number(values["time-scale"]),
  app: {
    apiKey: process.env.SHOPIFY_API_KEY ?? LOCAL_API_KEY,
    apiSecret: process.env.SHOPIFY_API_SECRET ?? localApiSecret(),
    webhooks: appConfigSubscriptions(values["app-url"]!),
  },
});

if (values.shop) {
  const shop = running.sim.createShop({
    domain: values.shop,
    seed: values.seed,
    plan: values.plan as PlanName,
    counts: {
      products: Number(values.products),
      customers: Number(values.customers),
      orders: Number(values.orders),
      locations: Number(values.locations),
      carts: Number(values.carts),
    },
    install: values.installed,
  });
  console.log(`[shopify-sim] shop ${shop.domain}: ${JSON.stringify(shop.counts)}`);
}

console.log(`[shopify-sim] listening on ${running.url}`);
console.log(running.url);

const stop = () => {
  void running.close().then(() => process.exit(0));
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
