import { mkdtempSync, readFileSync, statSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  blindIndex,
  configureFieldKeys,
  decryptField,
  encrypted,
  encryptField,
  keyIdOf,
} from './field-crypto';
import { LocalKeyFile } from './key-provider';

describe('personal data at rest: encryption and blind indexes', () => {
  const dir = mkdtempSync(join(tmpdir(), 'loanflow-keys-'));
  const path = join(dir, 'keys.json');

  beforeAll(() => configureFieldKeys(new LocalKeyFile(path)));

  it('creates the key file at first use, readable by its owner only', () => {
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(path, 'utf8'))).toMatchObject({ active: 'k1' });
  });

  it('encrypts with a fresh IV each time and decrypts to the value', () => {
    const one = encryptField('loan_party.id_number', '33010619900101123X');
    const two = encryptField('loan_party.id_number', '33010619900101123X');
    expect(one).toMatch(/^enc:v1:k1:/);
    expect(one).not.toBe(two);
    expect(one).not.toContain('33010619900101123X');
    expect(decryptField('loan_party.id_number', one)).toBe('33010619900101123X');
  });

  it('refuses a value altered in the database, or moved to another column', () => {
    const stored = encryptField('loan_party.phone', '13800138000');
    const parts = stored.split(':');
    const body = Buffer.from(parts[5], 'base64url');
    body[0] ^= 1;
    parts[5] = body.toString('base64url');
    expect(() => decryptField('loan_party.phone', parts.join(':'))).toThrow(
      /loan_party.phone: a value encrypted under key k1 does not decrypt/,
    );
    expect(() => decryptField('loan.payee_account', stored)).toThrow(/altered or copied/);
  });

  it('names the key file as the likely cause when another keyring has a key of that id', () => {
    const stored = encryptField('loan_party.phone', '13800138000');
    const other = new LocalKeyFile(
      join(mkdtempSync(join(tmpdir(), 'loanflow-other-keys-')), 'k.json'),
    );
    configureFieldKeys(other);
    try {
      expect(() => decryptField('loan_party.phone', stored)).toThrow(
        /another key file than the one that wrote the data \(FIELD_KEYS_FILE/,
      );
      // The value itself is personal data: never in the message.
      expect(() => decryptField('loan_party.phone', stored)).not.toThrow(/13800138000/);
    } finally {
      configureFieldKeys(new LocalKeyFile(path));
    }
  });

  it('reads plain text written before encryption as it is', () => {
    expect(decryptField('loan_party.id_number', '33010619900101123X')).toBe('33010619900101123X');
    const column = encrypted('loan_party.id_number');
    expect(column.from(null)).toBeNull();
    expect(column.to(column.to('13800138000'))).toMatch(/^enc:v1:/); // not encrypted twice
  });

  it('gives equal blind indexes for equal values whatever the case and spaces, different for different kinds', () => {
    expect(blindIndex('id-number', '33010619900101123x')).toBe(
      blindIndex('id-number', ' 33010619900101123X'),
    );
    expect(blindIndex('id-number', '33010619900101123X')).toMatch(/^[0-9a-f]{64}$/);
    expect(blindIndex('id-number', '13800138000')).not.toBe(blindIndex('phone', '13800138000'));
  });

  it('rotates without downtime: new values under the new key, old ones still readable', () => {
    const before = encryptField('loan_party.id_number', '330106198502022346');
    expect(LocalKeyFile.rotate(path)).toBe('k2');
    configureFieldKeys(new LocalKeyFile(path));
    const after = encryptField('loan_party.id_number', '330106198502022346');
    expect(keyIdOf(before)).toBe('k1');
    expect(keyIdOf(after)).toBe('k2');
    expect(decryptField('loan_party.id_number', before)).toBe('330106198502022346');
    expect(decryptField('loan_party.id_number', after)).toBe('330106198502022346');
    // The index key is not rotated: look-ups keep finding rows written before.
    expect(blindIndex('id-number', '330106198502022346')).toHaveLength(64);
  });

  it('refuses a key file others can read', () => {
    const loose = join(dir, 'loose.json');
    LocalKeyFile.create(loose);
    chmodSync(loose, 0o644);
    expect(() => new LocalKeyFile(loose)).toThrow(/readable by others/);
  });
});
