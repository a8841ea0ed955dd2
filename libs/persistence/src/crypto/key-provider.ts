import {
  chmodSync,
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  linkSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { randomBytes } from 'node:crypto';
import { dirname } from 'node:path';

/**
 * Where the keys for personal data at rest come from. Data keys encrypt fields (AES-256-GCM); each
 * has an id written into every value it encrypted, so a rotation adds a key and makes it the one
 * that encrypts while values under older keys still decrypt. The index key makes the blind indexes
 * (keyed hashes for equality look-ups); it is not rotated with the data keys, since every index
 * would have to be recomputed at once (see docs/security/personal-data.md).
 *
 * A bank plugs its KMS in here (data keys unwrapped by the KMS at start, never written to disk).
 */
export interface KeyProvider {
  /** The key new values are encrypted with. */
  activeKey(): { id: string; key: Buffer };
  /** A data key by id; throws when the keyring does not hold it. */
  key(id: string): Buffer;
  /** The key of the blind indexes. */
  indexKey(): Buffer;
  /** Every data key id the keyring holds (for re-encryption after a rotation). */
  keyIds(): string[];
}

interface KeyFile {
  active: string;
  keys: Record<string, string>;
  index: string;
}

const KEY_ID = /^k\d+$/;

/**
 * The default provider: a JSON key file, created at first start with random keys and readable by
 * its owner only (0600). Fine for a single server and for development; production deployments keep
 * the file on an encrypted volume or replace this provider with their KMS.
 */
export class LocalKeyFile implements KeyProvider {
  private readonly file: KeyFile;

  constructor(private readonly path: string) {
    if (!existsSync(path)) LocalKeyFile.create(path);
    // Keys others can read protect nothing: refuse them rather than run with them.
    if (process.platform !== 'win32' && (statSync(path).mode & 0o077) !== 0)
      throw new Error(
        `${path} is readable by others: chmod 600 it (keys of personal data at rest)`,
      );
    this.file = JSON.parse(readFileSync(path, 'utf8')) as KeyFile;
    if (!this.file.keys?.[this.file.active] || !this.file.index)
      throw new Error(`${path} is not a LoanFlow key file (active key or index key missing)`);
    for (const [id, key] of Object.entries(this.file.keys))
      if (!KEY_ID.test(id) || Buffer.from(key, 'base64').length !== 32)
        throw new Error(`${path}: key ${id} is not a 256-bit key with an id like k1`);
  }

  static create(path: string): void {
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    const file: KeyFile = {
      active: 'k1',
      keys: { k1: randomBytes(32).toString('base64') },
      index: randomBytes(32).toString('base64'),
    };
    // Written aside and linked into place: several processes starting at once agree on one file
    // (the link fails for all but the first), and nobody reads a half-written one.
    const temporary = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    writeFileSync(temporary, JSON.stringify(file, null, 2), { mode: 0o600, flag: 'wx' });
    try {
      linkSync(temporary, path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    } finally {
      unlinkSync(temporary);
    }
  }

  /** Adds a new data key and makes it the active one; returns its id. Old keys stay to decrypt. */
  static rotate(path: string): string {
    const file = JSON.parse(readFileSync(path, 'utf8')) as KeyFile;
    const next = Math.max(...Object.keys(file.keys).map((id) => Number(id.slice(1)))) + 1;
    const id = `k${next}`;
    file.keys[id] = randomBytes(32).toString('base64');
    file.active = id;
    // Written aside then renamed: a crash never leaves half a key file.
    const temporary = `${path}.${process.pid}.tmp`;
    writeFileSync(temporary, JSON.stringify(file, null, 2), { mode: 0o600 });
    chmodSync(temporary, 0o600);
    renameSync(temporary, path);
    return id;
  }

  activeKey() {
    return { id: this.file.active, key: this.key(this.file.active) };
  }

  key(id: string): Buffer {
    const key = this.file.keys[id];
    if (!key)
      throw new Error(
        `personal data encrypted under key ${id}, which the key file ${this.path} does not hold`,
      );
    return Buffer.from(key, 'base64');
  }

  indexKey(): Buffer {
    return Buffer.from(this.file.index, 'base64');
  }

  keyIds(): string[] {
    return Object.keys(this.file.keys);
  }
}
