/** The body was larger than the configured limit. */
export class BodyTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`body exceeds ${limit} bytes`);
  }
}

/**
 * Reads a body as UTF-8 from its chunks, refusing more than `limit` bytes
 * without buffering them (and at once when the declared length says so).
 * Stopping early cancels the stream. Serves Remix's Request and Node's
 * IncomingMessage (server/index.ts) alike.
 */
export async function readLimitedBody(
  chunks: AsyncIterable<Uint8Array>,
  limit: number,
  declaredLength?: string | null,
): Promise<string> {
  if (Number(declaredLength ?? "NaN") > limit) throw new BodyTooLargeError(limit);
  const parts: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of chunks) {
    size += chunk.byteLength;
    if (size > limit) throw new BodyTooLargeError(limit);
    parts.push(chunk);
  }
  return Buffer.concat(parts).toString("utf8");
}

/** A Request's raw body, as readLimitedBody reads it. */
export async function readRawBody(request: Request, limit: number): Promise<string> {
  if (!request.body) return "";
  return readLimitedBody(
    request.body as unknown as AsyncIterable<Uint8Array>,
    limit,
    request.headers.get("content-length"),
  );
}
