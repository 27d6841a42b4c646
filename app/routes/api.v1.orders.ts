// GET /api/v1/orders: the key's shop's orders in write order (CONTRACTS.md).
import { resourceListLoader } from "~/api.server";

export const loader = resourceListLoader("orders");
