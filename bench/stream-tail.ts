import Redis from 'ioredis';
import { decodeStreamEntry, ExportedRecord, streamName } from '@loanflow/workflow';
import { messageOf } from '@loanflow/domain';

/** Per value type, a cheap test on an entry's raw JSON: only entries that pass it are decoded. */
export type WantedRecords = Readonly<Record<string, (json: string) => boolean>>;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Follows the exporter's streams of the wanted value types from their current ends, as records
 * arrive (the bench streams keep records only ten minutes, so reading them at the end of a long
 * run would miss its start). Each wanted record goes to `take`; `seen` hears of every batch, wanted
 * or not. Stop with `stop()`; it resolves when the loop has ended.
 */
export class StreamTail {
  private running = false;
  private loop?: Promise<void>;
  private redis?: Redis;

  constructor(
    private readonly redisUrl: string,
    private readonly prefix: string,
    private readonly wanted: WantedRecords,
    private readonly take: (record: ExportedRecord) => void,
    private readonly seen: () => void = () => undefined,
  ) {}

  async start(): Promise<void> {
    // Blocking reads need a connection of their own.
    this.redis = new Redis(this.redisUrl, { maxRetriesPerRequest: null });
    const streams = Object.keys(this.wanted).map((valueType) => streamName(this.prefix, valueType));
    const ids: string[] = [];
    for (const stream of streams) {
      const [last] = await this.redis.xrevrange(stream, '+', '-', 'COUNT', 1);
      ids.push(last ? last[0] : '0-0');
    }
    this.running = true;
    this.loop = this.read(streams, ids);
  }

  async stop(): Promise<void> {
    this.running = false;
    this.redis?.disconnect();
    await this.loop;
  }

  private async read(streams: string[], ids: string[]): Promise<void> {
    while (this.running) {
      try {
        const reply = await this.redis!.xread(
          'COUNT',
          5000,
          'BLOCK',
          500,
          'STREAMS',
          ...streams,
          ...ids,
        );
        for (const [stream, entries] of reply ?? []) {
          const i = streams.indexOf(stream);
          const wanted = this.wanted[stream.slice(this.prefix.length + 1)];
          for (const [id, fields] of entries) {
            ids[i] = id;
            if (!wanted || !fields.some((field) => field.startsWith('{') && wanted(field)))
              continue;
            const record = decodeStreamEntry(fields);
            if (record) this.take(record);
          }
          if (entries.length) this.seen();
        }
      } catch (error) {
        if (!this.running) return;
        console.warn(`exporter streams: ${messageOf(error)}`);
        await sleep(1000);
      }
    }
  }
}
