// GET /api/v1/locations: the key's shop's locations in write order (CONTRACTS.md).
import { resourceListLoader } from "~/api.server";

export const loader = resourceListLoader("locations");
