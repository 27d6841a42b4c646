// GET /api/v1/products: the key's shop's products in write order (CONTRACTS.md).
import { resourceListLoader } from "~/api.server";

export const loader = resourceListLoader("products");
