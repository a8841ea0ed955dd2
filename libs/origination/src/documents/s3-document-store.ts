import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  NoSuchKey,
  NotFound,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { AppConfig } from '@loanflow/config';
import { assertStorageKey, DocumentStore } from './document-store';

/**
 * Documents in an S3-compatible object store (AWS S3, MinIO, Ceph RGW, a bank's own): one object
 * per content address under DOCUMENT_S3_PREFIX in DOCUMENT_S3_BUCKET. Objects are written once
 * (their key is their checksum) with server-side encryption asked for; the bucket's retention and
 * replication are the store's own configuration.
 */
export class S3DocumentStore implements DocumentStore {
  private readonly client: S3Client;
  private readonly bucket: string;
  private readonly prefix: string;
  private readonly sse: 'AES256' | 'none';

  constructor(config: AppConfig, client?: S3Client) {
    this.bucket = config.DOCUMENT_S3_BUCKET!;
    this.prefix = config.DOCUMENT_S3_PREFIX;
    this.sse = config.DOCUMENT_S3_SSE;
    this.client =
      client ??
      new S3Client({
        region: config.DOCUMENT_S3_REGION,
        endpoint: config.DOCUMENT_S3_ENDPOINT,
        // MinIO and most on-premises stores address buckets by path, not by host name.
        forcePathStyle: config.DOCUMENT_S3_FORCE_PATH_STYLE,
        credentials:
          config.DOCUMENT_S3_ACCESS_KEY_ID && config.DOCUMENT_S3_SECRET_ACCESS_KEY
            ? {
                accessKeyId: config.DOCUMENT_S3_ACCESS_KEY_ID,
                secretAccessKey: config.DOCUMENT_S3_SECRET_ACCESS_KEY,
              }
            : undefined,
        // Bounded: an upload waits on the store, not forever.
        maxAttempts: 3,
      });
  }

  async put(key: string, bytes: Buffer): Promise<void> {
    const Key = this.objectKey(key);
    if (await this.exists(Key)) return;
    await this.client.send(
      new PutObjectCommand({
        Bucket: this.bucket,
        Key,
        Body: bytes,
        ContentLength: bytes.length,
        ContentType: 'application/octet-stream',
        ServerSideEncryption: this.encryption(),
      }),
    );
  }

  async get(key: string): Promise<Buffer> {
    const out = await this.client.send(
      new GetObjectCommand({ Bucket: this.bucket, Key: this.objectKey(key) }),
    );
    if (!out.Body) throw new Error(`document ${key}: the store returned no bytes`);
    return Buffer.from(await out.Body.transformToByteArray());
  }

  async delete(key: string): Promise<void> {
    // S3 answers a delete of a missing key with success: retention may run twice.
    await this.client.send(
      new DeleteObjectCommand({ Bucket: this.bucket, Key: this.objectKey(key) }),
    );
  }

  close(): void {
    this.client.destroy();
  }

  private async exists(Key: string): Promise<boolean> {
    try {
      await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key }));
      return true;
    } catch (error) {
      if (error instanceof NotFound || error instanceof NoSuchKey) return false;
      if ((error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 404)
        return false;
      throw error;
    }
  }

  private objectKey(key: string): string {
    assertStorageKey(key);
    return `${this.prefix}${key}`;
  }

  /** AES256 unless DOCUMENT_S3_SSE is `none` (stores that refuse the header). */
  private encryption(): 'AES256' | undefined {
    return this.sse === 'none' ? undefined : 'AES256';
  }
}
