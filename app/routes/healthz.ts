import { checkHealth } from "~/.server/health";
import { prisma } from "~/db.server";

export async function loader() {
  const health = await checkHealth(prisma());
  return Response.json(health, {
    status: health.status === "ok" ? 200 : 503,
    headers: { "Cache-Control": "no-store" },
  });
}
