import { checkHealth } from "~/.server/health";
import { webDatabase } from "~/web.server";

export async function loader() {
  const health = await checkHealth(webDatabase());
  return Response.json(health, {
    status: health.status === "ok" ? 200 : 503,
    headers: { "Cache-Control": "no-store" },
  });
}
