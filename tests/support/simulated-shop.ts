// A shop in the simulator, installed, with its row in a private test
// database and a pg pool over it: what the backfill and sync suites start from.
import { createPool, type Pool } from "~/.server/database/pool";
import type { RunningSimulator } from "../../simulator";
import type { ShopOptions, SimulatedShop } from "../../simulator/shop/shop";
import { createTestDatabase, type TestDatabase } from "./database";
import { startTestSimulator } from "./simulator";

export interface SimulatedShopFixture {
  db: TestDatabase;
  pool: Pool;
  sim: RunningSimulator;
  shop: SimulatedShop;
  /** The shop's row id in the test database. */
  shopId: string;
  /** A non-expiring offline token for the shop. */
  token: string;
}

export async function openSimulatedShop(
  shopOptions: ShopOptions & { currency: string },
  simulatorOptions: Parameters<typeof startTestSimulator>[0] = {},
): Promise<SimulatedShopFixture> {
  const db = await createTestDatabase();
  const pool = createPool(db.url, 5);
  const sim = await startTestSimulator(simulatorOptions);
  const shop = sim.sim.createShop(shopOptions);
  const token = sim.sim.install(shopOptions.domain, false).accessToken;
  const created = await db.prisma.shop.create({
    data: { domain: shopOptions.domain, currency: shopOptions.currency, installedAt: new Date() },
  });
  return { db, pool, sim, shop, shopId: created.id.toString(), token };
}

export async function closeSimulatedShop(fixture: Pick<SimulatedShopFixture, "db" | "pool" | "sim">): Promise<void> {
  await fixture.pool.end();
  await fixture.sim.close();
  await fixture.db.drop();
}
