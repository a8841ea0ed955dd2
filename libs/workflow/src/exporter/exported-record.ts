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
    if (text?.startsWith('{')) {
      return parse(text, undefined, (value) =>
        isSafeNumber(value) ? Number(value) : value,
      ) as ExportedRecord;
    }
  }
  return undefined;
}
