import type { Notice, NoticeReceipt, Notifier } from '@loanflow/adapters';

/**
 * A notifier for unit specs that keeps what went out and, as the real one, sends a dedupe key
 * once: a second notice with a key sent before answers with the first one's receipt.
 */
export class RecordedNotifier implements Notifier {
  /** Notices that went out, in order (a failed one is not among them). */
  readonly sent: Notice[] = [];
  /** The moment receipts carry. */
  sentAt = '2026-04-07T02:00:00.000Z';
  /** The error a send fails with, if any: set it to make the inbox unreachable. */
  failing: (notice: Notice) => Error | undefined = () => undefined;

  send(notice: Notice): Promise<NoticeReceipt> {
    const failure = this.failing(notice);
    if (failure) return Promise.reject(failure);
    const first = this.sent.findIndex((sent) => sent.dedupeKey === notice.dedupeKey);
    if (first >= 0)
      return Promise.resolve({ id: String(first + 1), sentAt: this.sentAt, sentNow: false });
    this.sent.push(notice);
    return Promise.resolve({ id: String(this.sent.length), sentAt: this.sentAt, sentNow: true });
  }
}
