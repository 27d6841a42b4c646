// The App Bridge script the Shopify admin gives an embedded app (from
// cdn.shopify.com, unreachable offline), as far as Storehouse uses it: the
// `shopify` global with fresh session tokens, fetch carrying them, toasts,
// and the ui-* elements App Bridge React renders (the admin frame shows the
// app's navigation from ui-nav-menu). Served at /__sim/app-bridge.js for people
// (the admin frame) and to the browser tests through request interception.
export interface AppBridgeStandInOptions {
  /** Where fresh session tokens come from: the simulator's control API. */
  simulatorUrl?: string;
  /** A fixed token instead (tests that mint their own). */
  sessionToken?: string;
}

export function appBridgeStandIn(options: AppBridgeStandInOptions): string {
  return `(() => {
    const fixedToken = ${JSON.stringify(options.sessionToken ?? null)};
    const simulatorUrl = ${JSON.stringify(options.simulatorUrl ?? null)};
    const shop = new URLSearchParams(location.search).get("shop");
    let cached = null;
    async function idToken() {
      if (fixedToken) return fixedToken;
      // Shopify's session tokens live one minute: take a new one well before that.
      if (cached && cached.until > Date.now()) return cached.token;
      const response = await fetch(simulatorUrl + "/__sim/shops/" + encodeURIComponent(shop) + "/session-token", { method: "POST" });
      const { token } = await response.json();
      cached = { token, until: Date.now() + 30000 };
      return token;
    }
    window.shopify = {
      config: { apiKey: document.currentScript && document.currentScript.dataset.apiKey, shop },
      idToken,
      toast: {
        show: (message) => {
          window.__toasts = (window.__toasts || []).concat(message);
          if (window.parent !== window) window.parent.postMessage({ type: "storehouse-sim:toast", message }, "*");
        },
      },
      loading: () => {},
    };
    // Like App Bridge: same-origin fetches (Remix's loader and action requests) carry the session token.
    const originalFetch = window.fetch.bind(window);
    window.fetch = async (input, init = {}) => {
      const url = new URL(input instanceof Request ? input.url : String(input), location.href);
      if (url.origin !== location.origin) return originalFetch(input, init);
      const headers = new Headers(init.headers || (input instanceof Request ? input.headers : undefined));
      if (!headers.has("Authorization")) headers.set("Authorization", "Bearer " + (await idToken()));
      return originalFetch(input, { ...init, headers });
    };
    // In the admin, App Bridge moves these into the admin's own chrome; here they are hidden by a
    // constructed style sheet (no DOM change, so React's hydration sees the server's markup).
    for (const name of ["ui-nav-menu", "ui-title-bar", "ui-modal", "ui-save-bar"]) {
      if (!customElements.get(name)) customElements.define(name, class extends HTMLElement {});
    }
    const sheet = new CSSStyleSheet();
    sheet.replaceSync("ui-nav-menu, ui-title-bar, ui-modal, ui-save-bar { display: none; }");
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
    // The admin frame draws the app's navigation from ui-nav-menu, as the admin does.
    if (window.parent !== window) {
      addEventListener("DOMContentLoaded", () => {
        const menu = document.querySelector("ui-nav-menu");
        const links = menu ? [...menu.querySelectorAll("a")].map((a) => ({ label: a.textContent, href: a.getAttribute("href") })) : [];
        window.parent.postMessage({ type: "storehouse-sim:nav", links, title: document.title }, "*");
      });
    }
  })();`;
}
