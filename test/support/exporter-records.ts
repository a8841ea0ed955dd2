import Redis from 'ioredis';
import { isSafeNumber, parse } from 'lossless-json';

/** One record the broker's exporter wrote to Redis (JSON format). int64 keys beyond 2^53 stay strings. */
export interface ExportedRecord {
  valueType: string;
  recordType: string;
  intent: string;
  key: number | string;
  position: number;
  timestamp: number;
  value: Record<string, unknown>;
}

export type RecordFilter = (record: ExportedRecord) => boolean;

/** Reads the exporter's Redis Streams (PREFIX:VALUE_TYPE) and waits for the records a test expects. */
export class ExporterRecords {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  async all(valueType: string, filter: RecordFilter = () => true): Promise<ExportedRecord[]> {
    const entries = await this.redis.xrange(`${this.prefix}:${valueType}`, '-', '+');
    return entries
      .map(([, fields]) => decode(fields))
      .filter((record): record is ExportedRecord => record !== undefined && filter(record));
  }

  async waitFor(valueType: string, filter: RecordFilter, timeoutMs = 20_000): Promise<ExportedRecord> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const [found] = await this.all(valueType, filter);
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`no ${valueType} record matched within ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 150));
    }
  }
}

/** Matches records of one process instance, by key compared as a string (int64-safe). */
export function ofInstance(processInstanceKey: string, intent?: string, extra: RecordFilter = () => true): RecordFilter {
  return (record) =>
    String(record.value.processInstanceKey) === processInstanceKey &&
    (intent === undefined || record.intent === intent) &&
    extra(record);
}

function decode(fields: string[]): ExportedRecord | undefined {
  // A stream entry is [field, value, ...]; the exporter writes the record as the value.
  for (let i = 1; i < fields.length; i += 2) {
    const text = fields[i];
    if (text.startsWith('{')) {
      return parse(text, undefined, (value) => (isSafeNumber(value) ? Number(value) : value)) as ExportedRecord;
    }
  }
  return undefined;
}
