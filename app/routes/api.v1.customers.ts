// GET /api/v1/customers: the key's shop's customers in write order (CONTRACTS.md).
import { resourceListLoader } from "~/api.server";

export const loader = resourceListLoader("customers");
