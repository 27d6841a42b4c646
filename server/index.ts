// The production web server: Remix's request handler on Express, with a
// request id on every log line and a graceful shutdown (stop accepting,
// finish in-flight requests, close the database pool).
//
// Started by `npm start` through scripts/with-database.ts, which provides DATABASE_URL.
import "~/.server/require-node";
import { randomUUID } from "node:crypto";
import { once } from "node:events";
import { createServer } from "node:http";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import express from "express";
import { closeDatabase } from "~/db.server";
import { env } from "~/.server/env";
import { readLimitedBody, receiveWebhook } from "~/.server/ingestion";
import { logger } from "~/.server/logger";
import { WEBHOOK_PATH } from "~/.server/shopify/constants";
import { webhookIngestion } from "~/web.server";

if (process.argv.includes("--help") || process.argv.includes("-h")) {
  console.log(
    "npm start: the production web server (the Remix build, POST /webhooks, /healthz) on PORT; run `npm run build` first. Settings: README.md, Configuration.",
  );
  process.exit(0);
}

const SHUTDOWN_GRACE_MS = 10_000;

async function main(): Promise<void> {
  const config = env();
  const buildPath = path.resolve("build", "server", "index.js");
  const build = (await import(pathToFileURL(buildPath).href)) as ServerBuild;

  const app = express();
  app.disable("x-powered-by");
  app.use((request, response, next) => {
    // A caller's request id is kept only when it is short and plain: it is echoed and logged.
    const given = request.get("x-request-id");
    const requestId = given && /^[\w.:-]{1,128}$/.test(given) ? given : randomUUID();
    const started = performance.now();
    response.setHeader("x-request-id", requestId);
    response.on("finish", () => {
      logger.info(
        {
          requestId,
          method: request.method,
          path: request.path.length > 200 ? `${request.path.slice(0, 200)}…` : request.path,
          status: response.statusCode,
          ms: Math.round(performance.now() - started),
        },
        "request",
      );
    });
    next();
  });
  // Webhooks are the hot path: served here without Remix's router (same handler as
  // app/routes/webhooks.tsx, which `shopify app dev` uses), so the ack stays cheap.
  app.post(WEBHOOK_PATH, async (request, response, next) => {
    try {
      const headers = new Headers();
      for (const [name, value] of Object.entries(request.headers))
        if (typeof value === "string") headers.set(name, value);
      // The Request carries the headers; the body is read straight from the socket.
      const webRequest = new Request(new URL(request.originalUrl, "http://localhost"), { method: "POST", headers });
      const answer = await receiveWebhook(webhookIngestion(), webRequest, (limit) =>
        readLimitedBody(request, limit, request.headers["content-length"]),
      );
      response
        .status(answer.status)
        .type("application/json")
        .send(await answer.text());
    } catch (error) {
      next(error);
    }
  });
  // Fingerprinted assets can be cached forever; everything else briefly.
  app.use("/assets", express.static("build/client/assets", { immutable: true, maxAge: "1y" }));
  app.use(express.static("build/client", { maxAge: "1h" }));
  app.all("*", createRequestHandler({ build, mode: config.NODE_ENV }));

  // A stalled or slow client must not hold a connection for minutes (Node's defaults: 60 s for the
  // headers, 300 s for the whole request); the timeouts are checked every second.
  const server = createServer(
    {
      headersTimeout: config.HTTP_HEADERS_TIMEOUT_MS,
      requestTimeout: config.HTTP_REQUEST_TIMEOUT_MS,
      connectionsCheckingInterval: 1_000,
    },
    app,
  );
  server.listen(config.PORT, () => {
    logger.info({ port: config.PORT, url: `http://localhost:${config.PORT}` }, "web server listening");
  });

  let stopping = false;
  const shutdown = async (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "shutting down web server");
    server.close();
    server.closeIdleConnections();
    const force = setTimeout(() => server.closeAllConnections(), SHUTDOWN_GRACE_MS);
    force.unref();
    await once(server, "close");
    await closeDatabase();
    logger.info("web server stopped");
    process.exit(0);
  };
  process.on("SIGTERM", shutdown);
  process.on("SIGINT", shutdown);
}

main().catch((error: unknown) => {
  logger.fatal({ err: error }, "web server failed to start");
  process.exit(1);
});
