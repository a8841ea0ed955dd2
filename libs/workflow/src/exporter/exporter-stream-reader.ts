import Redis from 'ioredis';
import { decodeStreamEntry, ExportedRecord } from './exported-record';

export interface StreamEntry {
  stream: string;
  id: string;
  /** Undefined for an entry that is not a record (skipped, still acknowledged). */
  record: ExportedRecord | undefined;
}

export interface ExporterStreamReaderOptions {
  redisUrl: string;
  streams: string[];
  group: string;
  consumer: string;
  batchSize?: number;
  blockMs?: number;
  onError(message: string): void;
}

/**
 * Reads the exporter's Redis Streams through a consumer group, at least once: a batch is
 * acknowledged only after its handler returned, and entries left pending by a crash or a failed
 * handler are read again (this consumer's own pending entries first) before new ones. Handlers must
 * therefore be idempotent. The group starts at the beginning of each stream.
 */
export class ExporterStreamReader {
  private redis?: Redis;
  private running = false;
  private loop?: Promise<void>;
  private pendingFirst = true;

  constructor(
    private readonly options: ExporterStreamReaderOptions,
    private readonly handle: (entries: StreamEntry[]) => Promise<void>,
  ) {}

  start(): void {
    // Blocking reads need a connection of their own.
    this.redis = new Redis(this.options.redisUrl, { maxRetriesPerRequest: null });
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.redis?.disconnect();
    await this.loop;
  }

  private async run(): Promise<void> {
    while (this.running) {
      try {
        await this.ensureGroups();
        await this.readBatch();
      } catch (error) {
        if (!this.running) return;
        this.pendingFirst = true;
        const message = (error as Error).message;
        if (!message.includes('NOGROUP')) this.options.onError(message);
        await new Promise((resolve) => setTimeout(resolve, 1000));
      }
    }
  }

  private async ensureGroups(): Promise<void> {
    for (const stream of this.options.streams) {
      try {
        await this.redis!.xgroup('CREATE', stream, this.options.group, '0', 'MKSTREAM');
      } catch (error) {
        if (!(error as Error).message.includes('BUSYGROUP')) throw error;
      }
    }
  }

  private async readBatch(): Promise<void> {
    const { streams, group, consumer } = this.options;
    const from = this.pendingFirst ? '0' : '>';
    const reply = (await this.redis!.call(
      'XREADGROUP',
      'GROUP',
      group,
      consumer,
      'COUNT',
      this.options.batchSize ?? 500,
      ...(this.pendingFirst ? [] : ['BLOCK', this.options.blockMs ?? 2000]),
      'STREAMS',
      ...streams,
      ...streams.map(() => from),
    )) as [string, [string, string[] | null][]][] | null;
    const entries: StreamEntry[] = [];
    for (const [stream, items] of reply ?? [])
      for (const [id, fields] of items)
        entries.push({ stream, id, record: fields ? decodeStreamEntry(fields) : undefined });
    if (this.pendingFirst && entries.length === 0) {
      this.pendingFirst = false;
      return;
    }
    if (entries.length === 0) return;
    await this.handle(entries);
    for (const stream of streams) {
      const ids = entries.filter((entry) => entry.stream === stream).map((entry) => entry.id);
      if (ids.length) await this.redis!.xack(stream, group, ...ids);
    }
  }
}
