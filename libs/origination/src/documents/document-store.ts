import { Injectable } from '@nestjs/common';
import { mkdir, readFile, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import { AppConfig } from '@loanflow/config';

/**
 * Where the bytes of uploaded documents live. Keys are content addresses (the SHA-256 of the
 * bytes), so a file is written once however often it is uploaded and never changes under its
 * key. This interface is the production seam: the local filesystem by default
 * (DOCUMENT_STORE=local), an S3-compatible object store with DOCUMENT_STORE=s3
 * (s3-document-store.ts).
 */
export interface DocumentStore {
  /** Stores the bytes under the key; a key already stored is left as it is. */
  put(key: string, bytes: Buffer): Promise<void>;
  /** The bytes stored under the key; throws when there are none. */
  get(key: string): Promise<Buffer>;
  /** Removes the bytes (retention over); a key not stored is no error. */
  delete(key: string): Promise<void>;
}

export const DOCUMENT_STORE = Symbol('DOCUMENT_STORE');

/** The storage key of some bytes: their SHA-256 in hex, fanned out by its first two characters. */
export function storageKeyOf(sha256: string): string {
  return `${sha256.slice(0, 2)}/${sha256}`;
}

const KEY = /^[0-9a-f]{2}\/[0-9a-f]{64}$/;

/** Keys are made by storageKeyOf only; anything else could walk out of the folder or bucket prefix. */
export function assertStorageKey(key: string): void {
  if (!KEY.test(key)) throw new Error(`not a document storage key: ${key.slice(0, 80)}`);
}

/** Files under DOCUMENT_STORAGE_DIR (var/dev/documents by default), written atomically. */
@Injectable()
export class LocalDocumentStore implements DocumentStore {
  private readonly root: string;

  constructor(config: AppConfig) {
    this.root = resolve(config.DOCUMENT_STORAGE_DIR);
  }

  async put(key: string, bytes: Buffer): Promise<void> {
    const path = this.pathOf(key);
    if (await exists(path)) return;
    await mkdir(dirname(path), { recursive: true });
    // Written aside, then renamed: a reader never sees half a file.
    const partial = `${path}.${randomBytes(6).toString('hex')}.part`;
    await writeFile(partial, bytes, { mode: 0o600 });
    await rename(partial, path);
  }

  get(key: string): Promise<Buffer> {
    return readFile(this.pathOf(key));
  }

  async delete(key: string): Promise<void> {
    try {
      await unlink(this.pathOf(key));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }

  private pathOf(key: string): string {
    assertStorageKey(key);
    return join(this.root, key);
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}
