// An HTTP endpoint in front of receiveWebhook(), so the simulator's real
// deliveries (headers, HMAC, retries) reach the ingestion code over the wire.
import { once } from "node:events";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { receiveWebhook } from "~/.server/ingestion";
import type { TestIngestion } from "./webhooks";

export async function startWebhookEndpoint(ingestion: TestIngestion) {
  const server = createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const headers = new Headers();
    for (const [name, value] of Object.entries(request.headers))
      if (typeof value === "string") headers.set(name, value);
    const answer = await receiveWebhook(
      ingestion,
      new Request(`http://localhost${request.url}`, { method: "POST", headers, body: Buffer.concat(chunks) }),
    );
    response.statusCode = answer.status;
    response.end(await answer.text());
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks`,
    close: async () => {
      server.closeAllConnections();
      server.close();
      await once(server, "close");
    },
  };
}
