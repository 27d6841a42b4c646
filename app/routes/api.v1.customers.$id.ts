// GET /api/v1/customers/:id: one by its id; another shop's is 404.
import { resourceDetailLoader } from "~/api.server";

export const loader = resourceDetailLoader("customers");
