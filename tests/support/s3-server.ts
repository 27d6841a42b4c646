// A real S3-compatible server (s3rver, on a temporary directory) for the
// snapshot tests, and a proxy in front of it that can start failing
// mid-upload, as a server that goes away would.
import { mkdtemp, rm } from "node:fs/promises";
import { createServer, request, type Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import S3rver from "s3rver";
import { snapshotSettings, type SnapshotSettings } from "~/.server/s3-snapshots";
import { freePort } from "./ports";

export const TEST_BUCKET = "storehouse-snapshots";

export interface S3TestServer {
  endpoint: string;
  /** The environment the app reads its snapshot settings from. */
  env: Record<string, string>;
  settings: SnapshotSettings;
  /**
   * Settings that reach the server through a proxy: `failUploadsAfter(n)` makes it refuse uploads after n,
   * `holdUploads()` keeps them waiting until the `release` it returns is called.
   */
  failingProxy(): Promise<{
    settings: SnapshotSettings;
    failUploadsAfter(count: number): void;
    holdUploads(): { held: () => number; release: () => void };
    close(): Promise<void>;
  }>;
  close(): Promise<void>;
}

export async function startS3Server(overrides: Record<string, string> = {}): Promise<S3TestServer> {
  const directory = await mkdtemp(join(tmpdir(), "s3rver-"));
  const port = await freePort();
  const server = new S3rver({
    port,
    address: "127.0.0.1",
    silent: true,
    directory,
    configureBuckets: [{ name: TEST_BUCKET }],
  });
  await server.run();
  const endpoint = `http://127.0.0.1:${port}`;
  const env = {
    SNAPSHOT_S3_BUCKET: TEST_BUCKET,
    SNAPSHOT_S3_PREFIX: "storehouse",
    SNAPSHOT_S3_REGION: "us-east-1",
    SNAPSHOT_S3_ENDPOINT: endpoint,
    SNAPSHOT_S3_FORCE_PATH_STYLE: "true",
    SNAPSHOT_S3_CHECKSUMS: "when_required",
    // s3rver accepts any credentials (its defaults are S3RVER/S3RVER).
    AWS_ACCESS_KEY_ID: "S3RVER",
    AWS_SECRET_ACCESS_KEY: "S3RVER",
    ...overrides,
  };
  Object.assign(process.env, { AWS_ACCESS_KEY_ID: "S3RVER", AWS_SECRET_ACCESS_KEY: "S3RVER" });
  const settings = snapshotSettings(env)!;
  return {
    endpoint,
    env,
    settings,
    async failingProxy() {
      let allowed = Number.POSITIVE_INFINITY;
      let hold: Promise<void> | null = null;
      let held = 0;
      const proxy: Server = createServer(async (incoming, outgoing) => {
        const isUpload = incoming.method === "PUT" || incoming.method === "POST";
        if (isUpload && hold) {
          held += 1;
          incoming.pause();
          await hold;
          incoming.resume();
        }
        if (isUpload && allowed <= 0) {
          incoming.resume();
          outgoing.writeHead(500, { "content-type": "application/xml" });
          outgoing.end("<Error><Code>InternalError</Code><Message>the test server failed</Message></Error>");
          return;
        }
        if (isUpload) allowed -= 1;
        const forwarded = request(
          { host: "127.0.0.1", port, method: incoming.method, path: incoming.url, headers: incoming.headers },
          (response) => {
            outgoing.writeHead(response.statusCode ?? 502, response.headers);
            response.pipe(outgoing);
          },
        );
        forwarded.on("error", () => outgoing.destroy());
        incoming.pipe(forwarded);
      });
      const proxyPort = await freePort();
      await new Promise<void>((resolve) => proxy.listen(proxyPort, "127.0.0.1", resolve));
      return {
        settings: { ...settings, endpoint: `http://127.0.0.1:${proxyPort}` },
        failUploadsAfter(count: number) {
          allowed = count;
        },
        holdUploads() {
          let release = () => {};
          hold = new Promise<void>((resolve) => (release = resolve));
          return {
            held: () => held,
            release: () => {
              hold = null;
              release();
            },
          };
        },
        close: () => new Promise<void>((resolve) => proxy.close(() => resolve())),
      };
    },
    async close() {
      await server.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}
