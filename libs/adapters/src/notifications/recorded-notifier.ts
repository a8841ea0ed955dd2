import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { isDuplicateKeyError, NotificationEntity } from '@loanflow/persistence';
import type { Notice, NoticeReceipt, Notifier } from './notifier';

/**
 * The simulated channel: a notice is "sent" by recording it in MySQL, where tests, the dossier and
 * an operator can read it. The unique dedupe key is what makes sending idempotent.
 */
@Injectable()
export class RecordedNotifier implements Notifier {
  constructor(private readonly dataSource: DataSource) {}

  async send(notice: Notice): Promise<NoticeReceipt> {
    const repository = this.dataSource.getRepository(NotificationEntity);
    try {
      const saved = await repository.save(repository.create(notice));
      return { id: saved.id, sentAt: saved.sentAt.toISOString(), sentNow: true };
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
      const first = await repository.findOneByOrFail({ dedupeKey: notice.dedupeKey });
      return { id: first.id, sentAt: first.sentAt.toISOString(), sentNow: false };
    }
  }
}
