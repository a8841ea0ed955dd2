import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import type { ValueTransformer } from 'typeorm';
import { KeyProvider, LocalKeyFile } from './key-provider';

/**
 * Personal financial information of class C2 (JR/T 0171-2020: identity numbers, phone numbers,
 * account numbers) is stored encrypted: AES-256-GCM (authenticated: a value altered in the
 * database fails to decrypt rather than reading as something else), a random 96-bit IV per value,
 * the column name as associated data so a value copied into another column does not decrypt.
 * Stored as `enc:v1:<key id>:<iv>:<tag>:<ciphertext>` (base64url). A value without the prefix is
 * read as plain text: rows written before encryption, until the migration has encrypted them.
 */
const PREFIX = 'enc:v1:';

let provider: KeyProvider | null = null;

/** Sets the key provider (the api, workers and CLI do at start); tests may set their own. */
export function configureFieldKeys(keys: KeyProvider): void {
  provider = keys;
}

/** The default key file: FIELD_KEYS_FILE, else var/keys/field-keys.json under the working directory. */
export function defaultKeyFilePath(): string {
  return resolve(process.env.FIELD_KEYS_FILE ?? 'var/keys/field-keys.json');
}

export function fieldKeys(): KeyProvider {
  provider ??= new LocalKeyFile(defaultKeyFilePath());
  return provider;
}

const b64 = (buffer: Buffer) => buffer.toString('base64url');

export function encryptField(column: string, plain: string): string {
  const { id, key } = fieldKeys().activeKey();
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(column));
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return `${PREFIX}${id}:${b64(iv)}:${b64(cipher.getAuthTag())}:${b64(body)}`;
}

export function isEncrypted(value: string): boolean {
  return value.startsWith(PREFIX);
}

/** The key id a stored value was encrypted under (null for plain text). */
export function keyIdOf(stored: string): string | null {
  return isEncrypted(stored) ? (stored.slice(PREFIX.length).split(':')[0] ?? null) : null;
}

export function decryptField(column: string, stored: string): string {
  if (!isEncrypted(stored)) return stored;
  const [id, iv, tag, body] = stored.slice(PREFIX.length).split(':');
  // The value itself is personal data: the error names the column only.
  if (id === undefined || iv === undefined || tag === undefined || body === undefined)
    throw new Error(`${column}: a value marked encrypted is not key:iv:tag:text`);
  const decipher = createDecipheriv(
    'aes-256-gcm',
    fieldKeys().key(id),
    Buffer.from(iv, 'base64url'),
  );
  decipher.setAAD(Buffer.from(column));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  try {
    return Buffer.concat([
      decipher.update(Buffer.from(body, 'base64url')),
      decipher.final(),
    ]).toString('utf8');
  } catch {
    // GCM says only "unable to authenticate data": say what an operator can check. The likeliest
    // cause is a process started with another key file than the one that wrote the data.
    throw new Error(
      `${column}: a value encrypted under key ${id} does not decrypt with the key of that id ` +
        'this process holds: it runs with another key file than the one that wrote the data ' +
        '(FIELD_KEYS_FILE, else var/keys/field-keys.json under the working directory), ' +
        'or the value was altered or copied from another column',
    );
  }
}

/** What a blind index is computed over: the kind keeps an ID number and a phone apart. */
export type IndexedKind = 'id-number' | 'phone' | 'account';

/** The normal form compared: no spaces, upper case (an ID number's check character X). */
export function normalizeForIndex(value: string): string {
  return value.replace(/\s+/g, '').toUpperCase();
}

/**
 * A blind index: HMAC-SHA-256 under the index key of the normalized value, hex. Equal values give
 * equal indexes, so look-ups (warning list, relatives, search by ID number) compare indexes;
 * without the key nobody can compute one from a guessed ID number.
 */
export function blindIndex(kind: IndexedKind, value: string): string {
  return createHmac('sha256', fieldKeys().indexKey())
    .update(`${kind}:${normalizeForIndex(value)}`)
    .digest('hex');
}

/** A TypeORM column transformer: encrypted on the way in, decrypted on the way out. */
export function encrypted(column: string): ValueTransformer {
  return {
    to: (value: unknown) =>
      typeof value === 'string' && value !== '' && !isEncrypted(value)
        ? encryptField(column, value)
        : value,
    from: (value: unknown) => (typeof value === 'string' ? decryptField(column, value) : value),
  };
}
