import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import S3rver from 's3rver';
import request from 'supertest';
import { loadConfig } from '@loanflow/config';
import { S3DocumentStore } from '@loanflow/origination';
import {
  applyAs,
  creditApplication,
  httpOf,
  openOriginationStack,
  Staff,
  TestStack,
} from '../support';

const PDF = Buffer.from('%PDF-1.4\n% a valuation report kept in the object store\n%%EOF\n');
const BUCKET = 'loanflow-documents';
const S3_SETTINGS = [
  'DOCUMENT_STORE',
  'DOCUMENT_S3_ENDPOINT',
  'DOCUMENT_S3_BUCKET',
  'DOCUMENT_S3_PREFIX',
  'DOCUMENT_S3_ACCESS_KEY_ID',
  'DOCUMENT_S3_SECRET_ACCESS_KEY',
  'DOCUMENT_S3_SSE',
] as const;

/**
 * The S3-compatible document store (DOCUMENT_STORE=s3) against a local S3 server (s3rver, an S3
 * API implementation in Node): the api keeps an upload's bytes in the bucket under its checksum,
 * serves them back, writes nothing to the local folder, and the adapter's put is idempotent.
 */
describe('documents in an S3-compatible object store', () => {
  let server: S3rver;
  let directory: string;
  let endpoint: string;
  let stack: TestStack;
  let staff: Staff;
  const saved: Partial<Record<(typeof S3_SETTINGS)[number], string | undefined>> = {};

  beforeAll(async () => {
    directory = mkdtempSync(join(tmpdir(), 'loanflow-s3-'));
    server = new S3rver({
      address: '127.0.0.1',
      port: 0,
      silent: true,
      directory,
      configureBuckets: [{ name: BUCKET }],
    });
    const { port } = await server.run();
    endpoint = `http://127.0.0.1:${port}`;
    for (const setting of S3_SETTINGS) saved[setting] = process.env[setting];
    Object.assign(process.env, {
      DOCUMENT_STORE: 's3',
      DOCUMENT_S3_ENDPOINT: endpoint,
      DOCUMENT_S3_BUCKET: BUCKET,
      DOCUMENT_S3_PREFIX: 'loanflow/',
      DOCUMENT_S3_ACCESS_KEY_ID: 'S3RVER',
      DOCUMENT_S3_SECRET_ACCESS_KEY: 'S3RVER',
      // s3rver does not implement server-side encryption.
      DOCUMENT_S3_SSE: 'none',
    });
    stack = await openOriginationStack();
    staff = stack.staff!;
  });

  afterAll(async () => {
    await stack?.close();
    for (const setting of S3_SETTINGS)
      if (saved[setting] === undefined) delete process.env[setting];
      else process.env[setting] = saved[setting];
    await server?.close();
    rmSync(directory, { recursive: true, force: true });
  });

  const client = () =>
    new S3Client({
      region: 'us-east-1',
      endpoint,
      forcePathStyle: true,
      credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
    });

  it('keeps an upload in the bucket under its checksum and serves it back from there', async () => {
    const { loanId } = await applyAs(staff, creditApplication());
    const uploaded = await request(httpOf(stack.api!))
      .post(`/api/loans/${loanId}/documents`)
      .set('authorization', `Bearer ${await staff.token('li.cm')}`)
      .field('kind', 'valuation-report')
      .attach('file', PDF, { filename: '评估报告.pdf', contentType: 'application/pdf' });
    expect(uploaded.status).toBe(201);
    const document = uploaded.body as { id: string; sha256: string };
    const sha256 = createHash('sha256').update(PDF).digest('hex');
    expect(document.sha256).toBe(sha256);

    const s3 = client();
    const listed = await s3.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: 'loanflow/' }));
    expect((listed.Contents ?? []).map((o) => o.Key)).toContain(
      `loanflow/${sha256.slice(0, 2)}/${sha256}`,
    );
    const stored = await s3.send(
      new GetObjectCommand({ Bucket: BUCKET, Key: `loanflow/${sha256.slice(0, 2)}/${sha256}` }),
    );
    expect(Buffer.from(await stored.Body!.transformToByteArray()).equals(PDF)).toBe(true);
    s3.destroy();
    // Nothing in the local folder.
    expect(existsSync(join(process.env.DOCUMENT_STORAGE_DIR!, sha256.slice(0, 2), sha256))).toBe(
      false,
    );

    const served = await request(httpOf(stack.api!))
      .get(`/api/loans/${loanId}/documents/${document.id}/content?download=1`)
      .set('authorization', `Bearer ${await staff.token('li.cm')}`)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      });
    expect(served.status).toBe(200);
    expect((served.body as Buffer).equals(PDF)).toBe(true);
  });

  it('writes a key once, deletes without error when gone, and refuses a key that is not a checksum', async () => {
    const store = new S3DocumentStore(loadConfig());
    const bytes = Buffer.from('%PDF-1.4\n% once\n%%EOF\n');
    const sha = createHash('sha256').update(bytes).digest('hex');
    const key = `${sha.slice(0, 2)}/${sha}`;
    await store.put(key, bytes);
    await store.put(key, Buffer.from('other bytes under the same key are never written'));
    expect((await store.get(key)).equals(bytes)).toBe(true);
    await store.delete(key);
    await store.delete(key);
    await expect(store.get(key)).rejects.toThrow();
    await expect(store.put('../../etc/passwd', bytes)).rejects.toThrow(
      /not a document storage key/,
    );
    store.close();
  });
});
