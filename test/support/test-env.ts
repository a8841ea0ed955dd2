import { randomBytes } from 'node:crypto';
import { join } from 'node:path';

/**
 * Settings for every test process: the stack's test profile (its own broker ports, controlled
 * clock, stream prefix) and a database whose name says test. Explicit env wins.
 */
const TEST_DEFAULTS: Record<string, string> = {
  NODE_ENV: 'test',
  DATABASE_URL: 'mysql://root@127.0.0.1:3306/loanflow_test',
  REDIS_URL: 'redis://127.0.0.1:6379',
  ZEEBE_GRPC_ADDRESS: '127.0.0.1:26600',
  ZEEBE_MANAGEMENT_URL: 'http://127.0.0.1:9700',
  EXPORTER_STREAM_PREFIX: 'zeebe-test',
  LOG_LEVEL: 'error',
  BUSINESS_CLOCK: 'engine',
  // The test database's own keys for personal data at rest (see global-setup for a new keyring).
  FIELD_KEYS_FILE: join(__dirname, '../../var/test/keys/field-keys.json'),
  // Uploaded documents of the test runs: their own folder, never the product's data folder.
  DOCUMENT_STORAGE_DIR: join(__dirname, '../../var/test-documents'),
  // Small enough that the size limit is tested without megabytes of upload.
  DOCUMENT_MAX_BYTES: String(256 * 1024),
};

/**
 * Made per run (no secret is written in the source): a token signing secret, and a Redis prefix
 * for the sign-in counters so that a run's failed sign-ins throttle no one else. Set once in
 * jest's main process (global setup), its workers inherit them; `npx jest <spec>` alone works too.
 */
const PER_RUN: Record<string, () => string> = {
  AUTH_TOKEN_SECRET: () => randomBytes(48).toString('base64url'),
  LOGIN_COUNTER_PREFIX: () => `loanflow:test-${randomBytes(6).toString('hex')}:login:`,
};

for (const [key, value] of Object.entries(TEST_DEFAULTS)) {
  if (!process.env[key]) process.env[key] = value;
}
for (const [key, make] of Object.entries(PER_RUN)) {
  if (!process.env[key]) process.env[key] = make();
}
