// npm run bench:sim [-- --orders 1000000 --bulk-orders 100000]
// Prints how fast the simulator generates a shop's orders and exports them
// through a bulk operation, and how much memory that takes. Figures only:
// nothing here passes or fails.
import { answerHelp } from "./usage";
import { parseArgs } from "node:util";
import { ShopifySimulator } from "../simulator/simulator";
import { orderTotals } from "../simulator/shop/order-totals";

answerHelp(
  "npm run bench:sim [-- --orders 1000000 --bulk-orders 100000]\nPrints how fast the simulator generates a shop's orders and exports them\nthrough a bulk operation, and how much memory that takes. Figures only:\nnothing here passes or fails.",
);

const { values } = parseArgs({
  options: { orders: { type: "string", default: "1000000" }, "bulk-orders": { type: "string", default: "100000" } },
});
const orders = Number(values.orders);
const bulkOrders = Number(values["bulk-orders"]);

let peakRss = 0;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const baseline = process.memoryUsage().rss;

const sim = new ShopifySimulator({ app: { apiKey: "bench", apiSecret: "bench" } });
const shop = sim.createShop({
  domain: "bench.myshopify.com",
  counts: { products: 2000, customers: Math.ceil(orders / 3), orders, locations: 3, carts: 0 },
  install: true,
});

let started = performance.now();
let lineItems = 0;
let revenueCents = 0;
for (const [index, order] of shop.orders.entries()) {
  lineItems += order.lineItems.length;
  revenueCents += orderTotals(order).totalCents;
  if (index % 10_000 === 0) await new Promise((resolve) => setImmediate(resolve)); // let the memory sampler run
}
let seconds = (performance.now() - started) / 1000;
console.log(
  `generate: ${orders.toLocaleString("en")} orders (${lineItems.toLocaleString("en")} line items) in ${seconds.toFixed(1)} s`,
);
console.log(
  `generate: ${Math.round(orders / seconds).toLocaleString("en")} orders/s; revenue ${(revenueCents / 100).toFixed(2)} USD`,
);
console.log(
  `generate: peak RSS ${mb(peakRss)} (baseline ${mb(baseline)}), heap used now ${mb(process.memoryUsage().heapUsed)}`,
);

// A bulk export through the real path: GraphQL execution, JSONL flattening, file on disk.
const bulkSim = new ShopifySimulator({ app: { apiKey: "bench", apiSecret: "bench" } });
const bulkShop = bulkSim.createShop({
  domain: "bulk.myshopify.com",
  counts: { products: 2000, customers: Math.ceil(bulkOrders / 3), orders: bulkOrders, locations: 3, carts: 0 },
  install: true,
});
peakRss = process.memoryUsage().rss;
started = performance.now();
const { operation, userErrors } = bulkSim.bulkOperations.run(
  bulkShop,
  `{ orders { edges { node { id name createdAt totalPriceSet { shopMoney { amount currencyCode } } customer { id }
      lineItems { edges { node { id sku quantity originalUnitPriceSet { shopMoney { amount } } } } } } } } }`,
);
if (!operation) throw new Error(JSON.stringify(userErrors));
while (!["COMPLETED", "FAILED", "CANCELED"].includes(operation.status))
  await new Promise((resolve) => setTimeout(resolve, 100));
seconds = (performance.now() - started) / 1000;
console.log(
  `bulk: ${operation.status} ${Number(operation.rootObjectCount).toLocaleString("en")} orders, ${Number(operation.objectCount).toLocaleString("en")} JSONL lines, ${mb(operation.fileSize ?? 0)} in ${seconds.toFixed(1)} s`,
);
console.log(
  `bulk: ${Math.round(operation.rootObjectCount / seconds).toLocaleString("en")} orders/s, ${Math.round(operation.objectCount / seconds).toLocaleString("en")} lines/s; peak RSS ${mb(peakRss)}`,
);
clearInterval(sampler);
sim.close();
bulkSim.close();
