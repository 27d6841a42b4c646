// The App Bridge script the admin would load from cdn.shopify.com (unreachable
// here), served to the browser through request interception. It provides what
// the app uses: the `shopify` global with a session token, fetch carrying that
// token, and the ui-* elements App Bridge React renders.
export function appBridgeStandIn(sessionToken: string): string {
  return `
    window.shopify = {
      config: { apiKey: document.currentScript && document.currentScript.dataset.apiKey },
      idToken: async () => ${JSON.stringify(sessionToken)},
      toast: { show: (message) => { window.__toasts = (window.__toasts || []).concat(message); } },
      loading: () => {},
    };
    // Like App Bridge: same-origin fetches (Remix's loader and action requests) carry the session token.
    const originalFetch = window.fetch.bind(window);
    window.fetch = async (input, init = {}) => {
      const url = new URL(input instanceof Request ? input.url : String(input), location.href);
      if (url.origin !== location.origin) return originalFetch(input, init);
      const headers = new Headers(init.headers || (input instanceof Request ? input.headers : undefined));
      if (!headers.has("Authorization")) headers.set("Authorization", "Bearer " + (await window.shopify.idToken()));
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
  `;
}
