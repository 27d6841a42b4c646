// The SSRF guard for the URLs merchants give as webhook and Slack
// destinations: https only, and every address the host resolves to must be
// public (no private, loopback, link-local, unique-local, CGNAT, multicast or
// reserved range). Checked when a destination is saved and again at each
// delivery, on the address the connection then uses (a DNS answer that
// changed in between, "DNS rebinding", is caught), and redirects are never
// followed. ALERTS_ALLOW_PRIVATE_TARGETS=true lifts it for local work.
import { lookup } from "node:dns/promises";
import ipaddr from "ipaddr.js";
import { Agent } from "undici";

export class UnsafeTargetError extends Error {
  override name = "UnsafeTargetError";
}

/** Whether an IP address is one a merchant's destination may reach. */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  let parsed = ipaddr.parse(address);
  if (parsed.kind() === "ipv6" && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) {
    parsed = (parsed as ipaddr.IPv6).toIPv4Address();
  }
  return parsed.range() === "unicast";
}

/** The URL, parsed, when its scheme and host are acceptable; throws UnsafeTargetError otherwise. */
export async function checkTarget(url: string, allowPrivate: boolean): Promise<URL> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new UnsafeTargetError("not a URL");
  }
  if (parsed.username || parsed.password) throw new UnsafeTargetError("credentials in the URL are not accepted");
  if (allowPrivate) {
    if (parsed.protocol !== "https:" && parsed.protocol !== "http:") throw new UnsafeTargetError("http(s) only");
    return parsed;
  }
  if (parsed.protocol !== "https:") throw new UnsafeTargetError("the URL must be https");
  const host = parsed.hostname.replace(/^\[|\]$/g, "");
  const addresses = ipaddr.isValid(host)
    ? [host]
    : await lookup(host, { all: true, verbatim: true }).then(
        (found) => found.map((entry) => entry.address),
        () => {
          throw new UnsafeTargetError(`${host} does not resolve`);
        },
      );
  const refused = addresses.find((address) => !isPublicAddress(address));
  if (refused !== undefined) throw new UnsafeTargetError(`${host} resolves to a private or reserved address`);
  return parsed;
}

const dispatchers = new Map<boolean, Agent>();

/**
 * An HTTP dispatcher whose connections re-check the address they connect to,
 * so a host that resolves elsewhere after the check is still refused. One
 * per setting for the process, so deliveries to a receiver reuse its connections.
 */
export function guardedDispatcher(allowPrivate: boolean): Agent {
  let dispatcher = dispatchers.get(allowPrivate);
  if (!dispatcher) {
    dispatcher = createGuardedAgent(allowPrivate);
    dispatchers.set(allowPrivate, dispatcher);
  }
  return dispatcher;
}

function createGuardedAgent(allowPrivate: boolean): Agent {
  return new Agent({
    connect: {
      lookup: (hostname, options, callback) => {
        void lookup(hostname, { all: true, verbatim: true }).then(
          (found) => {
            const refused = found.find((entry) => !allowPrivate && !isPublicAddress(entry.address));
            if (refused) {
              callback(new UnsafeTargetError(`${hostname} resolves to a private or reserved address`), "", 4);
              return;
            }
            const wantsAll = (options as { all?: boolean }).all;
            if (wantsAll) (callback as unknown as (e: null, all: typeof found) => void)(null, found);
            else callback(null, found[0]!.address, found[0]!.family);
          },
          (error: Error) => callback(error as NodeJS.ErrnoException, "", 4),
        );
      },
    },
  });
}
