// The bucket: the S3 client (AWS SDK v3, configured so S3-compatible servers
// work too), the key layout of CONTRACTS.md, and the few operations the
// snapshots need. Credentials come from the SDK's default chain.
import { createHash } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { stat } from "node:fs/promises";
import { pipeline } from "node:stream/promises";
import {
  AbortMultipartUploadCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  ListMultipartUploadsCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
} from "@aws-sdk/client-s3";
import { Upload } from "@aws-sdk/lib-storage";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import type { SnapshotSettings } from "./settings";

export interface StoredFile {
  key: string;
  bytes: number;
  sha256: string;
}

export class Bucket {
  readonly client: S3Client;

  constructor(readonly settings: SnapshotSettings) {
    const checksums = settings.checksums === "when_required" ? "WHEN_REQUIRED" : "WHEN_SUPPORTED";
    this.client = new S3Client({
      region: settings.region,
      ...(settings.endpoint ? { endpoint: settings.endpoint } : {}),
      forcePathStyle: settings.forcePathStyle,
      requestChecksumCalculation: checksums,
      responseChecksumValidation: checksums,
    });
  }

  get name(): string {
    return this.settings.bucket;
  }

  /** `<prefix>/shop=<domain>/`: everything of one shop, and nothing of another. */
  shopPrefix(domain: string): string {
    return `${this.settings.prefix ? `${this.settings.prefix}/` : ""}shop=${domain}/`;
  }

  snapshotPrefix(domain: string, snapshotId: string): string {
    return `${this.shopPrefix(domain)}snapshot=${snapshotId}/`;
  }

  url(key: string): string {
    return `s3://${this.settings.bucket}/${key}`;
  }

  /** Uploads a local file (multipart above 5 MiB; a failed multipart upload is aborted) and returns its size and SHA-256. */
  async uploadFile(key: string, path: string, contentType: string): Promise<StoredFile> {
    const sha256 = await sha256OfFile(path);
    const { size } = await stat(path);
    const upload = new Upload({
      client: this.client,
      params: { Bucket: this.settings.bucket, Key: key, Body: createReadStream(path), ContentType: contentType },
      partSize: 5 * 1024 * 1024,
      queueSize: 1,
      leavePartsOnError: false,
    });
    await upload.done();
    return { key, bytes: size, sha256 };
  }

  async putJson(key: string, value: unknown): Promise<StoredFile> {
    const body = Buffer.from(`${JSON.stringify(value, null, 2)}\n`);
    await this.client.send(
      new PutObjectCommand({ Bucket: this.settings.bucket, Key: key, Body: body, ContentType: "application/json" }),
    );
    return { key, bytes: body.length, sha256: createHash("sha256").update(body).digest("hex") };
  }

  /** The object's JSON, or null when there is no such key. */
  async getJson<T>(key: string): Promise<T | null> {
    try {
      const response = await this.client.send(new GetObjectCommand({ Bucket: this.settings.bucket, Key: key }));
      return JSON.parse(await response.Body!.transformToString()) as T;
    } catch (error) {
      if (isNotFound(error)) return null;
      throw error;
    }
  }

  /** Downloads an object to a local file. */
  async download(key: string, path: string): Promise<void> {
    const response = await this.client.send(new GetObjectCommand({ Bucket: this.settings.bucket, Key: key }));
    await pipeline(response.Body as NodeJS.ReadableStream, createWriteStream(path));
  }

  /** Every key under the prefix. */
  async listKeys(prefix: string): Promise<string[]> {
    const keys: string[] = [];
    let token: string | undefined;
    do {
      const page = await this.client.send(
        new ListObjectsV2Command({ Bucket: this.settings.bucket, Prefix: prefix, ContinuationToken: token }),
      );
      for (const object of page.Contents ?? []) if (object.Key) keys.push(object.Key);
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
    return keys;
  }

  async deleteKeys(keys: string[]): Promise<void> {
    for (let start = 0; start < keys.length; start += 1000) {
      const batch = keys.slice(start, start + 1000);
      const result = await this.client.send(
        new DeleteObjectsCommand({
          Bucket: this.settings.bucket,
          Delete: { Objects: batch.map((Key) => ({ Key })), Quiet: true },
        }),
      );
      if (result.Errors?.length)
        throw new Error(`S3 refused to delete ${result.Errors[0]!.Key}: ${result.Errors[0]!.Message}`);
    }
  }

  /** Deletes everything under the prefix, then aborts the multipart uploads left under it. */
  async deletePrefix(prefix: string): Promise<number> {
    const keys = await this.listKeys(prefix);
    await this.deleteKeys(keys);
    await this.abortUploads(prefix);
    return keys.length;
  }

  /** Aborts the multipart uploads under the prefix started before `olderThan` (a crashed process leaves them). */
  async abortUploads(prefix: string, olderThan = new Date()): Promise<number> {
    let aborted = 0;
    let keyMarker: string | undefined;
    let uploadIdMarker: string | undefined;
    for (;;) {
      const page = await this.client
        .send(
          new ListMultipartUploadsCommand({
            Bucket: this.settings.bucket,
            Prefix: prefix,
            KeyMarker: keyMarker,
            UploadIdMarker: uploadIdMarker,
          }),
        )
        .catch((error: unknown) => {
          // Some S3-compatible servers do not list uploads; their lifecycle rules clean up instead.
          if (isNotImplemented(error)) return null;
          throw error;
        });
      if (!page) return aborted;
      for (const upload of page.Uploads ?? []) {
        if (!upload.Key || !upload.UploadId || (upload.Initiated && upload.Initiated >= olderThan)) continue;
        await this.client.send(
          new AbortMultipartUploadCommand({ Bucket: this.settings.bucket, Key: upload.Key, UploadId: upload.UploadId }),
        );
        aborted += 1;
      }
      if (!page.IsTruncated) return aborted;
      keyMarker = page.NextKeyMarker;
      uploadIdMarker = page.NextUploadIdMarker;
    }
  }

  /** A time-limited GET link to one object. */
  presign(key: string, seconds = this.settings.linkSeconds): Promise<string> {
    return getSignedUrl(this.client, new GetObjectCommand({ Bucket: this.settings.bucket, Key: key }), {
      expiresIn: seconds,
    });
  }
}

/** The SHA-256 (hex) of a local file, read as a stream. */
export async function sha256OfFile(path: string): Promise<string> {
  const hash = createHash("sha256");
  await pipeline(createReadStream(path), hash);
  return hash.digest("hex");
}

function isNotFound(error: unknown): boolean {
  const name = (error as { name?: string })?.name;
  const status = (error as { $metadata?: { httpStatusCode?: number } })?.$metadata?.httpStatusCode;
  return name === "NoSuchKey" || name === "NotFound" || status === 404;
}

function isNotImplemented(error: unknown): boolean {
  const name = (error as { name?: string })?.name;
  const status = (error as { $metadata?: { httpStatusCode?: number } })?.$metadata?.httpStatusCode;
  return name === "NotImplemented" || status === 501;
}
