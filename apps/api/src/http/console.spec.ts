import type { INestApplication } from '@nestjs/common';
import express from 'express';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import request from 'supertest';
import { serveConsole } from './console';

/** The body as bytes, whatever its type; the headers tell what was sent on the wire. */
const raw = (test: request.Test) =>
  test.buffer(true).parse((response, done) => {
    const chunks: Buffer[] = [];
    response.on('data', (chunk: Buffer) => chunks.push(chunk));
    response.on('end', () => done(null, Buffer.concat(chunks)));
  });

/** superagent decompresses gzip and brotli bodies itself (headers kept); undo only what it left. */
function unzipped(body: Buffer): string {
  for (const decompress of [gunzipSync, brotliDecompressSync])
    try {
      return decompress(body).toString();
    } catch {
      // not this encoding, or already decompressed
    }
  return body.toString();
}

describe('the console’s assets', () => {
  const root = mkdtempSync(join(tmpdir(), 'loanflow-console-'));
  const script = `console.log(${JSON.stringify('贷款'.repeat(2000))});`;
  const server = express();

  beforeAll(() => {
    mkdirSync(join(root, 'assets'));
    writeFileSync(join(root, 'index.html'), '<!doctype html><div id="root"></div>');
    // As the build writes them (apps/console/compress-assets.ts).
    writeFileSync(join(root, 'assets/index-AbC123.js'), script);
    writeFileSync(join(root, 'assets/index-AbC123.js.gz'), gzipSync(script));
    writeFileSync(join(root, 'assets/index-AbC123.js.br'), brotliCompressSync(script));
    writeFileSync(join(root, 'assets/small-X1.css'), 'a{}');
    // A file in the build at a path the api answers: the api's route, never the file.
    mkdirSync(join(root, 'api'));
    writeFileSync(join(root, 'api/tasks'), 'a stale file');
    writeFileSync(join(root, 'health'), 'a stale file');
    serveConsole(server as unknown as INestApplication, root);
    server.get(['/api/tasks', '/health'], (_req, res) => {
      res.json({ from: 'the api' });
    });
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('sends the main script brotli-compressed to a client that accepts it, cached for a year', async () => {
    const response = await raw(
      request(server).get('/assets/index-AbC123.js').set('accept-encoding', 'gzip, deflate, br'),
    );
    expect(response.status).toBe(200);
    expect(response.headers['content-encoding']).toBe('br');
    expect(Number(response.headers['content-length'])).toBeLessThan(Buffer.byteLength(script) / 10);
    expect(response.headers['content-type']).toMatch(/javascript/);
    expect(response.headers['vary']).toMatch(/accept-encoding/i);
    expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(unzipped(response.body as Buffer)).toBe(script);
  });

  it('sends gzip to a client that takes only gzip, and the file as is to one that takes neither', async () => {
    const gzip = await raw(
      request(server).get('/assets/index-AbC123.js').set('accept-encoding', 'gzip'),
    );
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(unzipped(gzip.body as Buffer)).toBe(script);

    const plain = await raw(
      request(server).get('/assets/index-AbC123.js').set('accept-encoding', 'identity'),
    );
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect((plain.body as Buffer).toString()).toBe(script);
  });

  it('sends an asset without a compressed copy as it is, and pages as index.html, never cached', async () => {
    const css = await request(server).get('/assets/small-X1.css').set('accept-encoding', 'br');
    expect([css.status, css.headers['content-encoding']]).toEqual([200, undefined]);
    const page = await request(server).get('/inbox').set('accept', 'text/html');
    expect([page.status, page.headers['cache-control']]).toEqual([200, 'no-cache']);
    const outside = await request(server)
      .get('/assets/..%2Findex.html')
      .set('accept-encoding', 'br');
    expect(outside.headers['content-encoding']).toBeUndefined();
  });

  it('leaves the api’s own paths to the api, whatever files the build holds', async () => {
    for (const path of ['/api/tasks', '/health']) {
      const response = await request(server).get(path).set('accept', 'application/json');
      expect([path, response.status, response.body]).toEqual([path, 200, { from: 'the api' }]);
    }
  });
});
