// The shop a command's --shop names: its row id, or a one-line failure (exit 1) when it is not stored.
import { CliFailure } from "./output";

export async function shopIdOf(domain: string): Promise<bigint> {
  const [{ getShopContext }, { prisma }] = await Promise.all([
    import("~/.server/insights/shop-context"),
    import("~/db.server"),
  ]);
  const shop = await getShopContext(prisma(), domain.toLowerCase());
  if (!shop) throw new CliFailure(`no shop ${domain} is stored: install the app on it first`);
  return shop.id;
}
