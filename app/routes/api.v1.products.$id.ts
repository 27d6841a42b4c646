// GET /api/v1/products/:id: one by its id; another shop's is 404.
import { resourceDetailLoader } from "~/api.server";

export const loader = resourceDetailLoader("products");
