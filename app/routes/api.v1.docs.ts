// GET /api/v1/docs: the analyst API's reference, readable (no key needed).
import { apiReferencePage } from "~/.server/insights/api/reference-page";

export function loader() {
  return new Response(apiReferencePage(), {
    headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "public, max-age=300" },
  });
}
