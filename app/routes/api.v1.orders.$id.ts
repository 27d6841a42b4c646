// GET /api/v1/orders/:id: one by its id; another shop's is 404.
import { resourceDetailLoader } from "~/api.server";

export const loader = resourceDetailLoader("orders");
