// Every webhook topic arrives here (shopify.app.toml and per-shop
// subscriptions). Durable ingestion (verify, store, enqueue) is issue #4;
// until then deliveries are refused so Shopify keeps retrying them.
export async function action() {
  return Response.json(
    { error: "webhook ingestion is not available yet; Shopify will retry this delivery" },
    { status: 501 },
  );
}
