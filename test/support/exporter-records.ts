import Redis from 'ioredis';
import { decodeStreamEntry, ExportedRecord, streamName } from '@loanflow/workflow';

export type { ExportedRecord };

export type RecordFilter = (record: ExportedRecord) => boolean;

/** Reads the exporter's Redis Streams (PREFIX:VALUE_TYPE) and waits for the records a test expects. */
export class ExporterRecords {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  async all(valueType: string, filter: RecordFilter = () => true): Promise<ExportedRecord[]> {
    const entries = await this.redis.xrange(streamName(this.prefix, valueType), '-', '+');
    return entries
      .map(([, fields]) => decodeStreamEntry(fields))
      .filter((record): record is ExportedRecord => record !== undefined && filter(record));
  }

  async waitFor(
    valueType: string,
    filter: RecordFilter,
    timeoutMs = 20_000,
  ): Promise<ExportedRecord> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const [found] = await this.all(valueType, filter);
      if (found) return found;
      if (Date.now() > deadline)
        throw new Error(`no ${valueType} record matched within ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 150));
    }
  }
}

/** Matches records of one process instance, by key compared as a string (int64-safe). */
export function ofInstance(
  processInstanceKey: string,
  intent?: string,
  extra: RecordFilter = () => true,
): RecordFilter {
  return (record) =>
    String(record.value.processInstanceKey) === processInstanceKey &&
    (intent === undefined || record.intent === intent) &&
    extra(record);
}
