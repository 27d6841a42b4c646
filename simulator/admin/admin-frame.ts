// The Shopify admin as it hosts an embedded app, reduced to what a person
// trying Storehouse offline needs: the shop's name, the app's navigation and
// the app in an iframe, opened the way the admin opens it (embedded=1, shop,
// host and a session token in the URL). The app's own App Bridge calls go to
// the stand-in in app-bridge.ts.
export interface AdminFrameOptions {
  shopDomain: string;
  shopName: string;
  appUrl: string;
  /** The app path to open, e.g. "/app" or "/app/orders". */
  path: string;
  sessionToken: string;
}

const escape = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

export function adminFrameHtml(options: AdminFrameOptions): string {
  const store = options.shopDomain.replace(/\.myshopify\.com$/, "");
  const host = Buffer.from(`admin.shopify.com/store/${store}`).toString("base64url");
  const query = new URLSearchParams({ embedded: "1", shop: options.shopDomain, host, id_token: options.sessionToken });
  const src = `${options.appUrl.replace(/\/$/, "")}${options.path}?${query.toString()}`;
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>${escape(options.shopName)} · Storehouse · Shopify (simulated)</title>
  <style>
    body { margin: 0; font: 14px/1.4 -apple-system, BlinkMacSystemFont, "Segoe UI", sans-serif; background: #f1f1f1; }
    header { height: 56px; background: #1a1a1a; color: #fff; display: flex; align-items: center; padding: 0 16px; gap: 12px; }
    header strong { font-size: 15px; }
    header span { opacity: .7; }
    .layout { display: flex; height: calc(100vh - 56px); }
    nav { width: 220px; padding: 12px 8px; box-sizing: border-box; }
    nav .app { font-weight: 600; padding: 6px 12px; }
    nav a { display: block; padding: 6px 12px 6px 24px; color: #303030; text-decoration: none; border-radius: 8px; }
    nav a:hover, nav a.current { background: #fafafa; }
    iframe { flex: 1; border: 0; background: #f1f1f1; }
    #toast { position: fixed; bottom: 24px; left: 50%; transform: translateX(-50%); background: #1a1a1a; color: #fff;
             padding: 8px 16px; border-radius: 8px; display: none; }
  </style>
</head>
<body>
  <header><strong>${escape(options.shopName)}</strong><span>${escape(options.shopDomain)} · simulated Shopify admin</span></header>
  <div class="layout">
    <nav aria-label="App navigation"><div class="app">Storehouse</div><div id="links"></div></nav>
    <iframe id="app" title="Storehouse" src="${escape(src)}"></iframe>
  </div>
  <div id="toast" role="status"></div>
  <script>
    const frame = document.getElementById("app");
    const query = ${JSON.stringify(`?${query.toString()}`)}.replace(/id_token=[^&]*/, "");
    addEventListener("message", (event) => {
      const data = event.data || {};
      if (data.type === "storehouse-sim:nav") {
        const links = document.getElementById("links");
        links.replaceChildren(...data.links.map((link) => {
          const a = document.createElement("a");
          a.textContent = link.label;
          a.href = "#";
          a.onclick = async (click) => {
            click.preventDefault();
            // As the admin does: each page the app opens gets a fresh session token.
            const response = await fetch("/__sim/shops/" + ${JSON.stringify(options.shopDomain)} + "/session-token", { method: "POST" });
            const { token } = await response.json();
            frame.src = ${JSON.stringify(options.appUrl.replace(/\/$/, ""))} + link.href + query + "id_token=" + token;
          };
          return a;
        }));
      }
      if (data.type === "storehouse-sim:toast") {
        const toast = document.getElementById("toast");
        toast.textContent = data.message;
        toast.style.display = "block";
        setTimeout(() => (toast.style.display = "none"), 3000);
      }
    });
  </script>
</body>
</html>`;
}
