import Redis from 'ioredis';
import { decodeStreamEntry, ExportedRecord } from './exported-record';
import { messageOf } from '@loanflow/domain';

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
  /**
   * Entries another consumer of the group has held unacknowledged this long are taken over (that
   * consumer died: a killed process never comes back under the same name). Default 30 s.
   */
  claimIdleMs?: number;
  onError(message: string): void;
}

/**
 * Reads the exporter's Redis Streams through a consumer group, at least once: a batch is
 * acknowledged only after its handler returned, and entries left pending by a crash or a failed
 * handler are read again (this consumer's own pending entries first) before new ones. Handlers must
 * therefore be idempotent. The group starts at the beginning of each stream.
 *
 * Several processes share the work in one group, each under its own consumer name (host and pid):
 * Redis hands every new entry to one of them. Entries a dead consumer left pending are claimed by a
 * live one once they have been idle for `claimIdleMs`, then read again like its own.
 */
export class ExporterStreamReader {
  private redis?: Redis;
  private running = false;
  private loop?: Promise<void>;
  private pendingFirst = true;
  private lastClaim = 0;

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
        await this.claimAbandoned();
        await this.readBatch();
      } catch (error) {
        if (!this.running) return;
        this.pendingFirst = true;
        const message = messageOf(error);
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
        if (!messageOf(error).includes('BUSYGROUP')) throw error;
      }
    }
  }

  /** Every few seconds: takes over entries a dead consumer left pending, and forgets it. */
  private async claimAbandoned(): Promise<void> {
    const idle = this.options.claimIdleMs ?? 30_000;
    if (Date.now() - this.lastClaim < Math.min(idle / 2, 10_000)) return;
    this.lastClaim = Date.now();
    const { group, consumer } = this.options;
    for (const stream of this.options.streams) {
      let start = '0-0';
      do {
        const [next, claimed] = (await this.redis!.call(
          'XAUTOCLAIM',
          stream,
          group,
          consumer,
          idle,
          start,
          'COUNT',
          this.options.batchSize ?? 500,
          'JUSTID',
        )) as [string, string[]];
        if (claimed.length) this.pendingFirst = true;
        start = next;
      } while (start !== '0-0');
      // A consumer with nothing pending and silent for an hour is gone: keep the group's list short.
      const consumers = (await this.redis!.call(
        'XINFO',
        'CONSUMERS',
        stream,
        group,
      )) as unknown[][];
      for (const fields of consumers) {
        const info = new Map<string, unknown>();
        for (let i = 0; i < fields.length; i += 2) info.set(String(fields[i]), fields[i + 1]);
        if (
          info.get('name') !== consumer &&
          info.get('pending') === 0 &&
          Number(info.get('idle')) > 3_600_000
        )
          await this.redis!.call('XGROUP', 'DELCONSUMER', stream, group, String(info.get('name')));
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
