// GET /api/v1/inventory_levels: the key's shop's inventory_levels in write order (CONTRACTS.md).
import { resourceListLoader } from "~/api.server";

export const loader = resourceListLoader("inventory_levels");
