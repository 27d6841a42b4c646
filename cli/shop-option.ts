// The shop a command's --shop names: its row id, or a one-line failure (exit 1) when it is not stored.
import { CliFailure } from "./output";

/** The failure of every command given a shop Storehouse does not have. */
export function noSuchShop(domain: string): CliFailure {
  return new CliFailure(`no shop ${domain} is stored: install the app on it or run storehouse shops connect`);
}

export async function shopIdOf(domain: string): Promise<bigint> {
  const [{ getShopContext }, { prisma }] = await Promise.all([
    import("~/.server/insights/shop-context"),
    import("~/db.server"),
  ]);
  const shop = await getShopContext(prisma(), domain.toLowerCase());
  if (!shop) throw noSuchShop(domain);
  return shop.id;
}
