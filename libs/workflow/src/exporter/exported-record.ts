import { isSafeNumber, parse } from 'lossless-json';

/** One record the broker's Redis exporter wrote (JSON format). */
export interface ExportedRecord {
  valueType: string;
  recordType: string;
  intent: string;
  /** int64 keys beyond 2^53 stay strings; compare keys with String(). */
  key: number | string;
  position: number;
  timestamp: number;
  value: Record<string, unknown>;
}

/** The exporter writes one stream per value type: PREFIX:JOB, PREFIX:PROCESS_INSTANCE, ... */
export function streamName(prefix: string, valueType: string): string {
  return `${prefix}:${valueType}`;
}

/** Decodes a stream entry's fields ([field, value, ...]); the record is the JSON value. */
export function decodeStreamEntry(fields: string[]): ExportedRecord | undefined {
  for (let i = 1; i < fields.length; i += 2) {
    const text = fields[i];
    if (text?.startsWith('{')) return decodeRecordJson(text) as ExportedRecord;
  }
  return undefined;
}

/** Whether every number in a parsed value is an integer within 2^53, which JSON.parse reads exactly. */
function onlySafeIntegers(value: unknown): boolean {
  if (typeof value === 'number') return Number.isSafeInteger(value);
  if (value === null || typeof value !== 'object') return true;
  if (Array.isArray(value)) return value.every(onlySafeIntegers);
  for (const key in value)
    if (!onlySafeIntegers((value as Record<string, unknown>)[key])) return false;
  return true;
}

/**
 * The record's JSON with every number a JS number where that is exact and its digits (a string)
 * where it is not: int64 keys beyond 2^53 (partitions past the third), fractions a double would
 * round. Most records hold only integers within 2^53 (keys, positions, timestamps, retries): those
 * are read by JSON.parse, several times faster than lossless-json's parser, in which the projector
 * spent most of its decoding (6% of the api's CPU in the portfolio bench's profile). A record with
 * any other number is read again by lossless-json, as every record was before. (The exporter
 * writes numbers from the broker's binary values, shortest form first, so a number JSON.parse
 * reads as a safe integer is one lossless-json reads the same.)
 */
export function decodeRecordJson(text: string): unknown {
  const quick: unknown = JSON.parse(text);
  if (onlySafeIntegers(quick)) return quick;
  return parse(text, undefined, (value) => (isSafeNumber(value) ? Number(value) : value));
}
