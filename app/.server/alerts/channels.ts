// Sending one alert to one destination: email through SMTP (nodemailer),
// SMS through Twilio's Messages API (the twilio package), webhooks signed per
// the Standard Webhooks specification (standardwebhooks), and Slack incoming
// webhooks (Block Kit). Each answers whether it worked, whether trying again
// can help, and the receiver's status code; secrets and tokens never appear
// in what it returns (the delivery log stores it).
import nodemailer, { type Transporter } from "nodemailer";
import { Webhook } from "standardwebhooks";
import twilio from "twilio";
import { request } from "undici";
import type { AlertPayload } from "./evaluate";
import { checkTarget, guardedDispatcher, UnsafeTargetError } from "./target-guard";

export interface ChannelSettings {
  smtpUrl?: string;
  alertsFrom?: string;
  twilio?: { accountSid: string; authToken: string; from: string; apiUrl?: string };
  allowPrivateTargets: boolean;
  timeoutMs?: number;
}

export interface DestinationForSending {
  id: string;
  kind: string;
  target: string;
  secret: string | null;
  previousSecret: string | null;
  previousUntil: Date | null;
}

export interface SendOutcome {
  ok: boolean;
  status?: number;
  error?: string;
  /** Trying again cannot help (a refused address, a gone endpoint). */
  permanent?: boolean;
  /** The receiver asked to wait this long (429 Retry-After). */
  retryAfterSeconds?: number;
}

const transports = new Map<string, Transporter>();

export async function sendAlert(
  destination: DestinationForSending,
  payload: AlertPayload,
  messageId: string,
  settings: ChannelSettings,
  now = new Date(),
): Promise<SendOutcome> {
  try {
    switch (destination.kind) {
      case "email":
        return await sendEmail(destination.target, payload, settings);
      case "sms":
        return await sendSms(destination.target, payload, settings);
      case "webhook":
        return await postSigned(destination, payload, messageId, settings, now);
      case "slack":
        return await postSlack(destination.target, payload, settings);
      default:
        return { ok: false, permanent: true, error: `unknown destination kind ${destination.kind}` };
    }
  } catch (error) {
    if (error instanceof UnsafeTargetError) return { ok: false, permanent: true, error: error.message };
    return { ok: false, error: describe(error) };
  }
}

/** An error as one line, without URLs' credentials or query strings (Slack's URL is its secret). */
function describe(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/https?:\/\/\S+/g, (url) => url.replace(/^(https?:\/\/[^/]+).*$/, "$1/…")).slice(0, 500);
}

async function sendEmail(to: string, payload: AlertPayload, settings: ChannelSettings): Promise<SendOutcome> {
  if (!settings.smtpUrl) return { ok: false, error: "email alerts are off: SMTP_URL is not set" };
  let transport = transports.get(settings.smtpUrl);
  if (!transport) {
    transport = nodemailer.createTransport(settings.smtpUrl);
    transports.set(settings.smtpUrl, transport);
  }
  try {
    await transport.sendMail({
      from: settings.alertsFrom ?? "Storehouse <alerts@storehouse.invalid>",
      to,
      subject: `[Storehouse] ${payload.title}`,
      text: `${payload.text}\n\n${payload.facts.map((fact) => `${fact.label}: ${fact.value}`).join("\n")}${
        payload.link ? `\n\nOpen in Storehouse: ${payload.link}` : ""
      }\n\n${payload.shop}`,
      html: emailHtml(payload),
    });
    return { ok: true, status: 250 };
  } catch (error) {
    const code = (error as { responseCode?: number }).responseCode;
    // 5xx from the server refuses the message for good (an unknown mailbox); 4xx and network errors are transient.
    return { ok: false, status: code, permanent: code !== undefined && code >= 500, error: describe(error) };
  }
}

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (char) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[char]!);

function emailHtml(payload: AlertPayload): string {
  const facts = payload.facts
    .map((fact) => `<tr><th align="left">${escapeHtml(fact.label)}</th><td>${escapeHtml(fact.value)}</td></tr>`)
    .join("");
  return `<!doctype html><html><body style="font-family: sans-serif">
<h2>${escapeHtml(payload.title)}</h2>
<p>${escapeHtml(payload.text).replaceAll("\n", "<br>")}</p>
${facts ? `<table>${facts}</table>` : ""}
${payload.link ? `<p><a href="${escapeHtml(payload.link)}">Open in Storehouse</a></p>` : ""}
<p style="color: #666">${escapeHtml(payload.shop)}</p>
</body></html>`;
}

async function sendSms(to: string, payload: AlertPayload, settings: ChannelSettings): Promise<SendOutcome> {
  if (!settings.twilio) return { ok: false, error: "SMS alerts are off: TWILIO_ACCOUNT_SID and friends are not set" };
  const client = twilio(settings.twilio.accountSid, settings.twilio.authToken);
  // Tests point the Messages API at a local server speaking Twilio's API.
  if (settings.twilio.apiUrl) client.api.baseUrl = settings.twilio.apiUrl;
  const body = `${payload.title}${payload.link ? `\n${payload.link}` : ""}`.slice(0, 320);
  try {
    await client.messages.create({ to, from: settings.twilio.from, body });
    return { ok: true, status: 201 };
  } catch (error) {
    const status = (error as { status?: number }).status;
    return {
      ok: false,
      status,
      permanent: status !== undefined && status >= 400 && status < 500 && status !== 429,
      error: describe(error),
    };
  }
}

async function postJson(
  url: string,
  body: string,
  headers: Record<string, string>,
  settings: ChannelSettings,
): Promise<SendOutcome> {
  await checkTarget(url, settings.allowPrivateTargets);
  const response = await request(url, {
    method: "POST",
    headers: { "content-type": "application/json", "user-agent": "Storehouse-Alerts/1", ...headers },
    body,
    dispatcher: guardedDispatcher(settings.allowPrivateTargets),
    headersTimeout: settings.timeoutMs ?? 10_000,
    bodyTimeout: settings.timeoutMs ?? 10_000,
  });
  await response.body.dump();
  const status = response.statusCode;
  if (status >= 200 && status < 300) return { ok: true, status };
  if (status >= 300 && status < 400) return { ok: false, status, permanent: true, error: "redirects are not followed" };
  const retryAfter = Number(response.headers["retry-after"]);
  return {
    ok: false,
    status,
    permanent: status === 400 || status === 401 || status === 403 || status === 404 || status === 410,
    error: `the receiver answered ${status}`,
    ...(Number.isFinite(retryAfter) && retryAfter > 0 ? { retryAfterSeconds: retryAfter } : {}),
  };
}

/** Standard Webhooks: webhook-id, webhook-timestamp and webhook-signature (both secrets during a rotation). */
async function postSigned(
  destination: DestinationForSending,
  payload: AlertPayload,
  messageId: string,
  settings: ChannelSettings,
  now: Date,
): Promise<SendOutcome> {
  if (!destination.secret) return { ok: false, permanent: true, error: "the destination has no signing secret" };
  const body = JSON.stringify({ type: `alert.${payload.kind}`, timestamp: now.toISOString(), data: payload });
  const secrets = [destination.secret];
  if (destination.previousSecret && destination.previousUntil && destination.previousUntil > now) {
    secrets.push(destination.previousSecret);
  }
  const signature = secrets.map((secret) => new Webhook(secret).sign(messageId, now, body)).join(" ");
  return postJson(
    destination.target,
    body,
    {
      "webhook-id": messageId,
      "webhook-timestamp": String(Math.floor(now.getTime() / 1000)),
      "webhook-signature": signature,
    },
    settings,
  );
}

/** Slack incoming webhooks: Block Kit, with the plain text as the notification's fallback. */
async function postSlack(url: string, payload: AlertPayload, settings: ChannelSettings): Promise<SendOutcome> {
  const blocks: unknown[] = [
    { type: "header", text: { type: "plain_text", text: payload.title.slice(0, 150) } },
    { type: "section", text: { type: "mrkdwn", text: payload.text.slice(0, 3000) } },
  ];
  if (payload.facts.length) {
    blocks.push({
      type: "section",
      fields: payload.facts.slice(0, 10).map((fact) => ({ type: "mrkdwn", text: `*${fact.label}*\n${fact.value}` })),
    });
  }
  if (payload.link) {
    blocks.push({
      type: "actions",
      elements: [{ type: "button", text: { type: "plain_text", text: "Open in Storehouse" }, url: payload.link }],
    });
  }
  blocks.push({ type: "context", elements: [{ type: "mrkdwn", text: payload.shop }] });
  return postJson(url, JSON.stringify({ text: payload.title, blocks }), {}, settings);
}
