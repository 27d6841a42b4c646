// GET /api/v1/inventory_levels/:id: one by its id; another shop's is 404.
import { resourceDetailLoader } from "~/api.server";

export const loader = resourceDetailLoader("inventory_levels");
