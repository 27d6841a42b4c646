// Refreshes vendor/shopify/admin-2026-10.json.gz, the real Admin GraphQL
// introspection, from the npm package @shopify/dev-mcp (which ships it).
// The package itself is not a dependency: it pulls a large tree.
//
//   npm run schema:refresh              (default @shopify/dev-mcp@1.16.0)
//   npm run schema:refresh -- 1.17.0
import { answerHelp } from "./usage";
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { API_VERSION } from "~/.server/shopify/constants";

answerHelp(
  "Refreshes vendor/shopify/admin-2026-10.json.gz, the real Admin GraphQL\nintrospection, from the npm package @shopify/dev-mcp (which ships it).\nThe package itself is not a dependency: it pulls a large tree.\n\nnpm run schema:refresh              (default @shopify/dev-mcp@1.16.0)\nnpm run schema:refresh -- 1.17.0",
);

const version = process.argv[2] ?? "1.16.0";
const work = mkdtempSync(path.join(tmpdir(), "dev-mcp-"));
try {
  const tarball = execFileSync("npm", ["pack", `@shopify/dev-mcp@${version}`, "--silent"], { cwd: work })
    .toString()
    .trim()
    .split("\n")
    .pop()!;
  execFileSync("tar", ["xzf", tarball], { cwd: work });
  const target = path.join("vendor", "shopify", `admin-${API_VERSION}.json.gz`);
  copyFileSync(path.join(work, "package", "dist", "data", `admin_${API_VERSION}.json.gz`), target);
  console.log(`updated ${target} from @shopify/dev-mcp@${version}`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
