// GET /api/v1/openapi.json: the analyst API's OpenAPI 3.1 document (no key needed).
import { openApiDocument } from "~/.server/insights/api/openapi";

export function loader() {
  return Response.json(openApiDocument(), { headers: { "Cache-Control": "public, max-age=300" } });
}
