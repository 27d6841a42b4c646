// The real receiving ends of alerts, on local ports: an SMTP server
// (smtp-server) whose mail is parsed (mailparser), a server speaking
// Twilio's Messages API (basic auth, form body, 201 with a message
// resource), a Standard Webhooks receiver that verifies every delivery with
// the specification's own library, and a Slack incoming-webhook stand-in.
import { once } from "node:events";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer } from "smtp-server";
import { Webhook } from "standardwebhooks";

async function listen(server: Server): Promise<string> {
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function close(server: Server): Promise<void> {
  server.closeAllConnections();
  server.close();
  await once(server, "close");
}

async function bodyOf(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

export interface SmtpReceiver {
  url: string;
  mail: (ParsedMail & { receivedAt: number })[];
  close(): Promise<void>;
}

export async function startSmtpReceiver(): Promise<SmtpReceiver> {
  const mail: SmtpReceiver["mail"] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, _session, done) {
      simpleParser(stream).then(
        (parsed) => {
          mail.push(Object.assign(parsed, { receivedAt: Date.now() }));
          done();
        },
        (error: Error) => done(error),
      );
    },
  });
  server.listen(0, "127.0.0.1");
  await once(server.server, "listening");
  const port = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    mail,
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}

export interface TwilioReceiver {
  url: string;
  accountSid: string;
  authToken: string;
  messages: { to: string; from: string; body: string; receivedAt: number }[];
  close(): Promise<void>;
}

/** POST /2010-04-01/Accounts/{AccountSid}/Messages.json as Twilio documents it. */
export async function startTwilioReceiver(): Promise<TwilioReceiver> {
  const accountSid = "AC00000000000000000000000000000001";
  const authToken = "twilio-test-token";
  const messages: TwilioReceiver["messages"] = [];
  const server = createServer(async (request: IncomingMessage, response: ServerResponse) => {
    const body = await bodyOf(request);
    const reply = (status: number, json: object) => {
      response.writeHead(status, { "content-type": "application/json" });
      response.end(JSON.stringify(json));
    };
    const expected = `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString("base64")}`;
    if (request.headers.authorization !== expected) {
      reply(401, { code: 20003, message: "Authenticate", status: 401 });
      return;
    }
    if (request.method !== "POST" || request.url !== `/2010-04-01/Accounts/${accountSid}/Messages.json`) {
      reply(404, { code: 20404, message: "The requested resource was not found", status: 404 });
      return;
    }
    const form = new URLSearchParams(body);
    const to = form.get("To") ?? "";
    if (!/^\+[1-9]\d{6,14}$/.test(to)) {
      reply(400, { code: 21211, message: `The 'To' number ${to} is not a valid phone number.`, status: 400 });
      return;
    }
    messages.push({ to, from: form.get("From") ?? "", body: form.get("Body") ?? "", receivedAt: Date.now() });
    reply(201, {
      sid: `SM${String(messages.length).padStart(32, "0")}`,
      account_sid: accountSid,
      to,
      from: form.get("From"),
      body: form.get("Body"),
      status: "queued",
      num_segments: "1",
      direction: "outbound-api",
      api_version: "2010-04-01",
      date_created: new Date().toUTCString(),
      uri: `/2010-04-01/Accounts/${accountSid}/Messages/SM${messages.length}.json`,
    });
  });
  return { url: await listen(server), accountSid, authToken, messages, close: () => close(server) };
}

export interface WebhookReceiver {
  url: string;
  /** Deliveries whose signature verified, with the secret that verified them. */
  verified: { id: string; body: { type: string; data: { title: string; kind: string } }; receivedAt: number }[];
  rejected: number;
  /** Secrets to verify with: a delivery verifies when each one verifies it (both during a rotation). */
  secrets: string[];
  /** Answer with this status instead of 204 (a failing receiver), or redirect to `redirectTo`. */
  failWith: number | null;
  redirectTo: string | null;
  close(): Promise<void>;
}

export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const receiver = { verified: [], rejected: 0, secrets: [], failWith: null, redirectTo: null } as Omit<
    WebhookReceiver,
    "url" | "close"
  >;
  const server = createServer(async (request: IncomingMessage, response: ServerResponse) => {
    const body = await bodyOf(request);
    if (receiver.redirectTo) {
      response.writeHead(302, { location: receiver.redirectTo });
      response.end();
      return;
    }
    if (receiver.failWith) {
      response.writeHead(receiver.failWith);
      response.end("failing on purpose");
      return;
    }
    const headers = {
      "webhook-id": String(request.headers["webhook-id"]),
      "webhook-timestamp": String(request.headers["webhook-timestamp"]),
      "webhook-signature": String(request.headers["webhook-signature"]),
    };
    try {
      for (const secret of receiver.secrets) new Webhook(secret).verify(body, headers);
      if (!receiver.secrets.length) throw new Error("no secret to verify with");
    } catch {
      receiver.rejected += 1;
      response.writeHead(401);
      response.end();
      return;
    }
    receiver.verified.push({ id: headers["webhook-id"], body: JSON.parse(body), receivedAt: Date.now() });
    response.writeHead(204);
    response.end();
  });
  const url = await listen(server);
  return Object.assign(receiver, { url: `${url}/hooks/storehouse`, close: () => close(server) });
}

export interface SlackReceiver {
  url: string;
  messages: { text: string; blocks: { type: string }[]; receivedAt: number }[];
  close(): Promise<void>;
}

/** An incoming webhook as Slack answers it: 200 "ok", 400 "invalid_payload" without text or blocks. */
export async function startSlackReceiver(): Promise<SlackReceiver> {
  const messages: SlackReceiver["messages"] = [];
  const server = createServer(async (request: IncomingMessage, response: ServerResponse) => {
    const body = JSON.parse(await bodyOf(request)) as { text?: string; blocks?: { type: string }[] };
    if (!body.text && !body.blocks) {
      response.writeHead(400);
      response.end("invalid_payload");
      return;
    }
    messages.push({ text: body.text ?? "", blocks: body.blocks ?? [], receivedAt: Date.now() });
    response.writeHead(200, { "content-type": "text/plain" });
    response.end("ok");
  });
  const url = await listen(server);
  return { url: `${url}/services/T000/B000/XXXX`, messages, close: () => close(server) };
}
