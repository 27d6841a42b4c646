// The App Bridge script the admin would load from cdn.shopify.com (unreachable
// here), served to the browser through request interception. It provides what
// the app uses: the `shopify` global with a session token, and the ui-*
// elements App Bridge React renders.
export function appBridgeStandIn(sessionToken: string): string {
  return `
    window.shopify = {
      config: { apiKey: document.currentScript && document.currentScript.dataset.apiKey },
      idToken: async () => ${JSON.stringify(sessionToken)},
      toast: { show: (message) => { window.__toasts = (window.__toasts || []).concat(message); } },
      loading: () => {},
    };
    // In the admin, App Bridge moves these into the admin's own chrome; here they stay out of the page.
    for (const name of ["ui-nav-menu", "ui-title-bar", "ui-modal", "ui-save-bar"]) {
      if (!customElements.get(name)) {
        customElements.define(name, class extends HTMLElement {
          connectedCallback() { this.style.display = "none"; }
        });
      }
    }
  `;
}
