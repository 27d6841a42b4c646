// HTTP face of the simulator. Shopify's own endpoints answer for the shop
// named by X-Forwarded-Host (what the app's simulator routing sends) or Host:
//   POST /admin/oauth/access_token, GET /admin/oauth/authorize,
//   POST /admin/api/{version}/graphql.json
// The control API lives under /__sim (see simulator/README.md).
import { once } from "node:events";
import { createReadStream } from "node:fs";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import express, { type NextFunction, type Request, type Response } from "express";
import { z } from "zod";
import { adminFrameHtml } from "./admin/admin-frame";
import { appBridgeStandIn } from "./admin/app-bridge";
import { ShopChanges } from "./changes";
import { ChangeError } from "./errors";
import { PROTECTED_CUSTOMER_FIELDS } from "./protected-customer-data";
import { SIMULATED_API_VERSION } from "./admin-graphql/schema";
import type { PlanName, SimulatedShop } from "./shop/shop";
import { ShopifySimulator, type SimulatorOptions } from "./simulator";
import type { Delivery } from "./webhooks/delivery";

const shopSchema = z.object({
  domain: z.string(),
  name: z.string().optional(),
  seed: z.string().optional(),
  plan: z.enum(["Basic", "Grow", "Shopify", "Advanced", "Plus", "Enterprise"]).optional(),
  currency: z.string().length(3).optional(),
  timezone: z.string().optional(),
  asOf: z.union([z.string(), z.number()]).optional(),
  historyDays: z.number().int().positive().optional(),
  maxVariantsPerProduct: z.number().int().min(1).max(100).optional(),
  counts: z
    .object({
      locations: z.number().int().min(1),
      products: z.number().int().min(0),
      customers: z.number().int().min(0),
      orders: z.number().int().min(0),
      carts: z.number().int().min(0),
    })
    .partial()
    .optional(),
  install: z.boolean().optional(),
});

function shopDomainOf(request: Request): string {
  const forwarded = request.get("x-forwarded-host");
  if (forwarded) return forwarded.split(",")[0]!.trim().toLowerCase();
  const host = request.hostname.toLowerCase();
  return host.endsWith(".myshopify.com") ? host : String(request.query.shop ?? "").toLowerCase();
}

function summary(delivery: Delivery) {
  const { body: _body, ...rest } = delivery;
  return rest;
}

export interface RunningSimulator {
  url: string;
  sim: ShopifySimulator;
  changes: ShopChanges;
  close(): Promise<void>;
}

export function createSimulatorApp(sim: ShopifySimulator, changes: ShopChanges): express.Express {
  const app = express();
  app.disable("x-powered-by");
  app.use(express.json({ limit: "5mb" }));
  app.use(express.urlencoded({ extended: false }));

  // --- Shopify's endpoints -------------------------------------------------
  app.post("/admin/oauth/access_token", async (request, response) => {
    const shop = sim.shop(shopDomainOf(request));
    if (!shop) return void response.status(404).json({ errors: "Not Found" });
    if (request.body?.grant_type === "refresh_token" && sim.options.refreshDelayMs) {
      await new Promise((resolve) => setTimeout(resolve, sim.options.refreshDelayMs));
    }
    const result = sim.oauth.accessTokenRequest(
      shop.domain,
      request.body ?? {},
      () => {
        shop.grantedScopes = [...sim.scopes];
      },
      { scopes: shop.grantedScopes },
    );
    response.status(result.status).json(result.body);
  });

  app.get("/admin/oauth/authorize", (request, response) => {
    const shop = sim.shop(shopDomainOf(request));
    const redirectUri = String(request.query.redirect_uri ?? "");
    if (!shop) return void response.status(404).send("Shop not found");
    if (request.query.client_id !== sim.options.app.apiKey || !redirectUri) {
      return void response
        .status(400)
        .send("Oauth error invalid_request: The redirect_uri and application url must have matching hosts");
    }
    // The merchant approves at once: the simulator has no consent screen.
    const params: Record<string, string> = {
      code: sim.oauth.authorizationCode(shop.domain),
      host: Buffer.from(`admin.shopify.com/store/${shop.domain.replace(".myshopify.com", "")}`).toString("base64url"),
      shop: shop.domain,
      state: String(request.query.state ?? ""),
      timestamp: String(Math.floor(Date.now() / 1000)),
    };
    const target = new URL(redirectUri);
    for (const [key, value] of Object.entries(params)) target.searchParams.set(key, value);
    target.searchParams.set("hmac", sim.oauth.signQuery(params));
    response.redirect(302, target.toString());
  });

  app.post("/admin/api/:version/graphql.json", (request, response) => {
    if (!/^(\d{4}-\d{2}|unstable)$/.test(String(request.params.version))) {
      return void response.status(404).json({ errors: "Not Found" });
    }
    const result = sim.graphql(shopDomainOf(request), request.get("x-shopify-access-token"), request.body ?? {});
    response.set("X-Shopify-API-Version", SIMULATED_API_VERSION).status(result.status).json(result.body);
  });

  app.get("/__sim/bulk-results/:file", (request, response) => {
    const token = String(request.params.file).replace(/\.jsonl$/, "");
    const result = sim.bulkOperations.resultFile(token);
    if (!result.file) return void response.status(result.status).type("text/plain").send(result.message);
    response.type("application/jsonl");
    createReadStream(result.file).pipe(response);
  });

  // --- Control API -----------------------------------------------------------
  // The admin as it hosts the app (offline demo): the shop's frame around the app's iframe.
  app.get("/__sim/app-bridge.js", (_request, response) => {
    response.type("text/javascript").send(appBridgeStandIn({ simulatorUrl: sim.url }));
  });
  app.get(/^\/admin\/store\/([a-z0-9-]+)\/apps\/storehouse(\/.*)?$/, (request, response) => {
    const params = request.params as unknown as Record<string, string | undefined>;
    const shop = sim.requireShop(`${params[0]}.myshopify.com`);
    const appUrl = typeof request.query.app === "string" ? request.query.app : sim.options.app.url;
    if (!appUrl) {
      response.status(400).type("text/plain").send("Unknown app URL: start the simulator with --app-url or add ?app=");
      return;
    }
    response.type("html").send(
      adminFrameHtml({
        shopDomain: shop.domain,
        shopName: shop.name,
        appUrl,
        path: params[1] || "/app",
        sessionToken: sim.oauth.mintSessionToken(shop.domain),
      }),
    );
  });

  const control = express.Router();
  const shopOf = (request: Request) => sim.requireShop(String(request.params.shop));
  // The App Bridge stand-in, running in the app's page (another origin), asks here for session tokens.
  control.use("/shops/:shop/session-token", (_request, response, next) => {
    response.setHeader("Access-Control-Allow-Origin", "*");
    next();
  });

  control.get("/health", (_request, response) => void response.json({ ok: true, shops: sim.shops.size }));

  control.post("/shops", (request, response) => {
    const input = shopSchema.parse(request.body);
    const shop = sim.createShop({ ...input, plan: input.plan as PlanName | undefined });
    const tokens = input.install ? sim.install(shop.domain) : undefined;
    response.status(201).json({ ...describeShop(shop), ...(tokens ? { tokens } : {}) });
  });
  control.get("/shops", (_request, response) => void response.json([...sim.shops.values()].map(describeShop)));
  control.get("/shops/:shop", (request, response) => void response.json(describeShop(shopOf(request))));

  control.post("/shops/:shop/session-token", (request, response) => {
    const shop = shopOf(request);
    const body = z
      .object({ userId: z.string().optional(), expiresInS: z.number().optional() })
      .parse(request.body ?? {});
    response.json({ token: sim.oauth.mintSessionToken(shop.domain, body) });
  });
  control.post("/shops/:shop/install", (request, response) => void response.json(sim.install(shopOf(request).domain)));
  control.post(
    "/shops/:shop/uninstall",
    (request, response) => void response.json(deliveries(changes.uninstall(shopOf(request)))),
  );
  control.post("/shops/:shop/throttle/drain", (request, response) => {
    const bucket = sim.bucket(shopOf(request).domain);
    bucket.drain();
    response.json(bucket.status());
  });
  // The merchant accepted another set of scopes (a new app version): app/scopes_update.
  control.put("/shops/:shop/scopes", (request, response) => {
    const { scopes } = z.object({ scopes: z.array(z.string()).min(1) }).parse(request.body ?? {});
    const result = changes.updateScopes(shopOf(request), scopes);
    response.json({ scopes: result.scopes, ...deliveries(result) });
  });
  // A store setting changed: shop/update.
  control.patch("/shops/:shop", (request, response) => {
    const input = z
      .object({ name: z.string().min(1), email: z.email() })
      .partial()
      .strict()
      .parse(request.body ?? {});
    response.json(deliveries(changes.updateShop(shopOf(request), input)));
  });
  control.get(
    "/shops/:shop/webhook-subscriptions",
    (request, response) => void response.json(sim.subscriptions.listApi(shopOf(request).domain)),
  );
  // What Shopify does after 8 failed deliveries in a row, or a colleague with the app's token does by hand.
  control.delete("/shops/:shop/webhook-subscriptions/:id", (request, response) => {
    const removed = sim.subscriptions.delete(shopOf(request).domain, String(request.params.id));
    response.status(removed ? 200 : 404).json({ deleted: removed });
  });
  control.post("/shops/:shop/tokens/expire", (request, response) => {
    sim.oauth.expireAccessTokens(shopOf(request).domain);
    response.json({ ok: true });
  });

  control.post("/shops/:shop/products", (request, response) => {
    const result = changes.createProduct(shopOf(request), request.body ?? {});
    response.status(201).json({
      id: result.product.id,
      variants: result.product.variants.map((v) => ({ id: v.id, inventoryItemId: v.inventoryItemId })),
      ...deliveries(result),
    });
  });
  control.patch("/shops/:shop/products/:id", (request, response) => {
    const result = changes.updateProduct(shopOf(request), String(request.params.id), request.body ?? {});
    response.json({ id: result.product.id, ...deliveries(result) });
  });
  control.delete(
    "/shops/:shop/products/:id",
    (request, response) =>
      void response.json(deliveries(changes.deleteProduct(shopOf(request), String(request.params.id)))),
  );
  control.post("/shops/:shop/inventory-levels", (request, response) => {
    const input = z
      .object({
        inventoryItemId: z.string(),
        locationId: z.string().optional(),
        available: z.number().int().optional(),
        delta: z.number().int().optional(),
      })
      .parse(request.body);
    const result = changes.setInventory(shopOf(request), input);
    response.json({ available: result.available, ...deliveries(result) });
  });

  control.patch("/shops/:shop/inventory-items/:id", (request, response) => {
    const input = z
      .object({ sku: z.string(), cost: z.string() })
      .partial()
      .strict()
      .parse(request.body ?? {});
    response.json(deliveries(changes.updateInventoryItem(shopOf(request), String(request.params.id), input)));
  });
  control.delete("/shops/:shop/inventory-levels", (request, response) => {
    const input = z.object({ inventoryItemId: z.string(), locationId: z.string() }).parse(request.body ?? {});
    response.json(deliveries(changes.disconnectInventory(shopOf(request), input)));
  });
  control.post("/shops/:shop/locations", (request, response) => {
    const input = z
      .object({ name: z.string().min(1) })
      .partial()
      .strict()
      .parse(request.body ?? {});
    const result = changes.createLocation(shopOf(request), input);
    response.status(201).json({ id: result.location.id, ...deliveries(result) });
  });
  control.patch("/shops/:shop/locations/:id", (request, response) => {
    const input = z
      .object({ name: z.string().min(1), active: z.boolean() })
      .partial()
      .strict()
      .parse(request.body ?? {});
    const result = changes.updateLocation(shopOf(request), String(request.params.id), input);
    response.json({ id: result.location.id, ...deliveries(result) });
  });
  control.delete(
    "/shops/:shop/locations/:id",
    (request, response) =>
      void response.json(deliveries(changes.deleteLocation(shopOf(request), String(request.params.id)))),
  );

  control.post("/shops/:shop/customers", (request, response) => {
    const result = changes.createCustomer(shopOf(request), request.body ?? {});
    response.status(201).json({ id: result.customer.id, ...deliveries(result) });
  });
  control.patch("/shops/:shop/customers/:id", (request, response) => {
    const result = changes.updateCustomer(shopOf(request), String(request.params.id), request.body ?? {});
    response.json({ id: result.customer.id, ...deliveries(result) });
  });
  control.post("/shops/:shop/customers/:id/:change(enable|disable)", (request, response) => {
    const change = request.params.change as "enable" | "disable";
    const result = changes.setCustomerAccount(shopOf(request), String(request.params.id), change);
    response.json({ id: result.customer.id, ...deliveries(result) });
  });
  control.delete(
    "/shops/:shop/customers/:id",
    (request, response) =>
      void response.json(deliveries(changes.deleteCustomer(shopOf(request), String(request.params.id)))),
  );

  control.post("/shops/:shop/orders", (request, response) => {
    const result = changes.createOrder(shopOf(request), request.body ?? {});
    response.status(201).json({ id: result.order.id, name: result.order.name, ...deliveries(result) });
  });
  control.post("/shops/:shop/orders/burst", (request, response) => {
    const { count } = z.object({ count: z.number().int() }).parse(request.body);
    response.status(201).json(changes.burst(shopOf(request), count));
  });
  control.patch("/shops/:shop/orders/:id", (request, response) => {
    const result = changes.updateOrder(shopOf(request), String(request.params.id), request.body ?? {});
    response.json({ id: result.order.id, ...deliveries(result) });
  });
  control.post("/shops/:shop/orders/:id/edit", (request, response) => {
    const input = z
      .object({
        add: z.array(z.object({ variantId: z.string(), quantity: z.number().int().min(1).optional() })).min(1),
      })
      .parse(request.body ?? {});
    const result = changes.editOrder(shopOf(request), String(request.params.id), input);
    response.json({ id: result.order.id, ...deliveries(result) });
  });
  control.post("/shops/:shop/orders/:id/cancel", (request, response) => {
    const reason = z
      .object({ reason: z.enum(["CUSTOMER", "INVENTORY", "FRAUD", "DECLINED", "OTHER", "STAFF"]).optional() })
      .parse(request.body ?? {}).reason;
    const result = changes.cancelOrder(shopOf(request), String(request.params.id), reason);
    response.json({ id: result.order.id, ...deliveries(result) });
  });
  control.post("/shops/:shop/orders/:id/fulfill", (request, response) => {
    const input = z
      .object({ lineItems: z.array(z.object({ lineItemId: z.string(), quantity: z.number().int() })).optional() })
      .parse(request.body ?? {});
    const result = changes.fulfillOrder(shopOf(request), String(request.params.id), input);
    response.json({ id: result.order.id, ...deliveries(result) });
  });
  control.post("/shops/:shop/orders/:id/refunds", (request, response) => {
    const result = changes.refundOrder(shopOf(request), String(request.params.id), request.body ?? {});
    response.status(201).json({ id: result.refund.id, ...deliveries(result) });
  });
  control.delete(
    "/shops/:shop/orders/:id",
    (request, response) =>
      void response.json(deliveries(changes.deleteOrder(shopOf(request), String(request.params.id)))),
  );

  control.post("/shops/:shop/carts", (request, response) => {
    const result = changes.createCart(shopOf(request), request.body ?? {});
    response.status(201).json({ token: result.cart.token, ...deliveries(result) });
  });
  control.patch("/shops/:shop/carts/:token", (request, response) => {
    const result = changes.updateCart(shopOf(request), String(request.params.token), request.body ?? {});
    response.json({ token: result.cart.token, ...deliveries(result) });
  });

  control.post("/shops/:shop/compliance/:topic", (request, response) => {
    const topic = z
      .enum(["customers/data_request", "customers/redact", "shop/redact"])
      .parse(String(request.params.topic).replace("-", "/"));
    response.json(deliveries(changes.compliance(shopOf(request), topic, request.body ?? {})));
  });

  control.get("/deliveries", (request, response) => {
    const filter = {
      shop: request.query.shop as string | undefined,
      topic: request.query.topic as string | undefined,
      state: request.query.state as string | undefined,
    };
    const list = sim.deliveries.list(filter);
    const withBody = request.query.body === "1";
    response.json({ idle: sim.deliveries.idle, deliveries: withBody ? list : list.map(summary) });
  });
  control.get("/chaos", (_request, response) => void response.json(sim.deliveries.getChaos()));
  control.put("/chaos", (request, response) => {
    const chaos = z
      .object({
        duplicateRate: z.number().min(0).max(1),
        dropRate: z.number().min(0).max(1),
        maxDelayMs: z.number().min(0),
        seed: z.string(),
      })
      .partial()
      .parse(request.body ?? {});
    response.json(sim.deliveries.setChaos(chaos));
  });
  // The app's settings in the Partner Dashboard: protected customer data approvals (level 1, and each level 2 field).
  const appSettings = () => {
    const { approved, fields } = sim.protectedCustomerData.settings();
    return { protectedCustomerDataApproved: approved, protectedCustomerFields: fields };
  };
  control.get("/app", (_request, response) => void response.json(appSettings()));
  control.put("/app", (request, response) => {
    const settings = z
      .object({
        protectedCustomerDataApproved: z.boolean(),
        protectedCustomerFields: z.array(z.enum(PROTECTED_CUSTOMER_FIELDS)),
      })
      .partial()
      .strict()
      .parse(request.body ?? {});
    sim.protectedCustomerData.update({
      approved: settings.protectedCustomerDataApproved,
      fields: settings.protectedCustomerFields,
    });
    response.json(appSettings());
  });
  control.get(
    "/bulk-operations",
    (request, response) => void response.json(sim.bulkOperations.list(request.query.shop as string | undefined)),
  );
  control.post("/reset", (_request, response) => {
    sim.reset();
    response.json({ ok: true });
  });

  app.use("/__sim", control);
  app.use((_request, response) => void response.status(404).json({ errors: "Not Found" }));
  app.use((error: unknown, _request: Request, response: Response, _next: NextFunction) => {
    if (error instanceof ChangeError) return void response.status(error.status).json({ error: error.message });
    if (error instanceof z.ZodError)
      return void response.status(400).json({ error: "invalid input", issues: error.issues });
    if (error instanceof SyntaxError) return void response.status(400).json({ errors: "Invalid JSON in request body" });
    const status = (error as { status?: number }).status;
    if (status && status < 500) return void response.status(status).json({ error: (error as Error).message });
    console.error("[shopify-sim]", error);
    response.status(500).json({ error: (error as Error).message });
  });
  return app;
}

function deliveries(result: { deliveries: Delivery[] }) {
  return {
    deliveries: result.deliveries.map((delivery) => ({
      topic: delivery.topic,
      webhookId: delivery.webhookId,
      uri: delivery.uri,
    })),
  };
}

function describeShop(shop: SimulatedShop) {
  return {
    domain: shop.domain,
    id: shop.id,
    name: shop.name,
    plan: shop.plan,
    currency: shop.currency,
    installed: shop.installed,
    counts: shop.counts,
    seed: shop.generator.spec.seed,
    historyStartsAt: new Date(shop.generator.start).toISOString(),
    historyEndsAt: new Date(shop.generator.spec.asOf).toISOString(),
  };
}

/** Starts the simulator on `port` (0 = any free port) and returns its base URL. */
export async function startSimulator(
  options: SimulatorOptions & { port?: number; host?: string },
): Promise<RunningSimulator> {
  const sim = new ShopifySimulator(options);
  const changes = new ShopChanges(sim);
  const server: Server = createSimulatorApp(sim, changes).listen(options.port ?? 0, options.host ?? "127.0.0.1");
  await once(server, "listening");
  const address = server.address() as AddressInfo;
  sim.url = `http://${options.host ?? "127.0.0.1"}:${address.port}`;
  return {
    url: sim.url,
    sim,
    changes,
    close: async () => {
      sim.close();
      server.closeAllConnections();
      server.close();
      await once(server, "close");
    },
  };
}
