// Dev/test only: when SHOPIFY_SIMULATOR_URL is set, every HTTP request this
// process makes to https://{shop}.myshopify.com (OAuth, token exchange, Admin
// API, whatever library makes it) goes to the simulator instead. It is done
// at the HTTP layer, with undici's global dispatcher that Node's fetch uses,
// so application code never knows. The shop travels in X-Forwarded-Host.
import { Agent, getGlobalDispatcher, setGlobalDispatcher, type Dispatcher } from "undici";
import { logger } from "~/.server/logger";

let installedFor: string | undefined;

export function rewriteToSimulator(input: string, simulatorUrl: string): { url: string; shopHost?: string } {
  const url = new URL(input);
  if (url.protocol !== "https:" || !url.hostname.endsWith(".myshopify.com")) return { url: input };
  const target = new URL(url.pathname + url.search, simulatorUrl);
  return { url: target.toString(), shopHost: url.host };
}

function withForwardedHost(
  headers: Dispatcher.DispatchOptions["headers"],
  host: string,
): Record<string, string | string[]> {
  const result: Record<string, string | string[]> = {};
  if (Array.isArray(headers)) {
    for (let i = 0; i + 1 < headers.length; i += 2) result[String(headers[i])] = headers[i + 1] as string;
  } else if (headers && typeof (headers as Iterable<unknown>)[Symbol.iterator] === "function") {
    for (const [key, value] of headers as Iterable<[string, string | string[]]>) result[key] = value;
  } else if (headers) {
    Object.assign(result, headers);
  }
  result["x-forwarded-host"] = host;
  return result;
}

/** A dispatcher that sends *.myshopify.com over HTTPS to the simulator and everything else on as before. */
class SimulatorDispatcher extends Agent {
  constructor(
    private readonly simulator: URL,
    private readonly fallback: Dispatcher,
  ) {
    super();
  }

  override dispatch(options: Dispatcher.DispatchOptions, handler: Dispatcher.DispatchHandler): boolean {
    const origin = new URL(String(options.origin));
    if (origin.protocol !== "https:" || !origin.hostname.endsWith(".myshopify.com")) {
      return this.fallback.dispatch(options, handler);
    }
    return super.dispatch(
      { ...options, origin: this.simulator.origin, headers: withForwardedHost(options.headers, origin.host) },
      handler,
    );
  }
}

export function routeShopifyCallsToSimulator(simulatorUrl: string): void {
  if (installedFor === simulatorUrl) return;
  if (installedFor) throw new Error(`Shopify calls already go to ${installedFor}`);
  setGlobalDispatcher(new SimulatorDispatcher(new URL(simulatorUrl), getGlobalDispatcher()));
  installedFor = simulatorUrl;
  logger.warn(
    { simulatorUrl },
    "SHOPIFY_SIMULATOR_URL is set: every call meant for https://*.myshopify.com goes to the Shopify simulator. Never set it in production.",
  );
}

/**
 * Dev/test only: the simulator's admin frame hosts the app as admin.shopify.com
 * does, so its origin joins the frame-ancestors Shopify's library allows.
 */
export function allowSimulatorAdminFrame(headers: Headers, simulatorUrl: string): void {
  const policy = headers.get("Content-Security-Policy");
  if (!policy) return;
  const url = new URL(simulatorUrl);
  const origins = [url.origin];
  // The frame is opened on "localhost" to be same-site with a local app; either name is the simulator.
  for (const [name, twin] of [
    ["127.0.0.1", "localhost"],
    ["localhost", "127.0.0.1"],
  ] as const) {
    if (url.hostname === name) origins.push(`${url.protocol}//${twin}${url.port ? `:${url.port}` : ""}`);
  }
  headers.set(
    "Content-Security-Policy",
    policy.replace(
      /frame-ancestors ([^;]*)/,
      (_directive, sources: string) => `frame-ancestors ${sources} ${origins.join(" ")}`,
    ),
  );
}
