/** A message to a customer or a member of staff, sent once per dedupe key. */
export interface Notice {
  /** Same key, same notice: a job delivered twice never sends two. */
  dedupeKey: string;
  loanId: string | null;
  channel: 'sms' | 'email' | 'inbox';
  /** A phone number, an address, or `user:NAME` / `role:ROLE:ORG` for staff. */
  recipient: string;
  kind: string;
  subject: string;
  body: string;
}

export interface NoticeReceipt {
  id: string;
  sentAt: string;
  /** False when this dedupe key had been sent before and nothing went out now. */
  sentNow: boolean;
}

export interface Notifier {
  send(notice: Notice): Promise<NoticeReceipt>;
}

export const NOTIFIER = Symbol('NOTIFIER');
