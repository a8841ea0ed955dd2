import { maskAccount, maskName, maskPersonalText, maskPhone } from '@loanflow/loans';
import { LoanChangeRequestEntity } from '@loanflow/persistence';

export interface ChangeRequestView {
  id: string;
  loanId: string;
  kind: string;
  fields: string[];
  /** The values before and after, masked as every screen shows personal data. */
  before: Record<string, string | null>;
  after: Record<string, string | null>;
  documentIds: string[];
  reason: string;
  requestedBy: string;
  requestedAt: string;
  state: string;
  reviewedBy: string | null;
  reviewOutcome: string | null;
  reviewOpinion: string | null;
  reviewedAt: string | null;
  outcome: string | null;
  closedAt: string | null;
}

const MASKS: Record<string, (value: string) => string> = {
  account: maskAccount,
  accountName: maskName,
  name: maskName,
  phone: maskPhone,
  address: () => '***',
  employer: () => '***',
};

/** Old and new values as the dossier shows them: account numbers, names and phones masked. */
export function maskedValues(json: string): Record<string, string | null> {
  const values = JSON.parse(json) as Record<string, string | null>;
  return Object.fromEntries(
    Object.entries(values).map(([field, value]) => [
      field,
      value === null ? null : (MASKS[field] ?? (() => '***'))(value),
    ]),
  );
}

export function changeRequestView(row: LoanChangeRequestEntity): ChangeRequestView {
  return {
    id: row.id,
    loanId: row.loanId,
    kind: row.kind,
    fields: row.fields.split(',').filter(Boolean),
    before: maskedValues(row.beforeJson),
    after: maskedValues(row.afterJson),
    documentIds: JSON.parse(row.documentIds) as string[],
    reason: maskPersonalText(row.reason),
    requestedBy: row.requestedBy,
    requestedAt: row.requestedAt.toISOString(),
    state: row.state,
    reviewedBy: row.reviewedBy,
    reviewOutcome: row.reviewOutcome,
    reviewOpinion: row.reviewOpinion === null ? null : maskPersonalText(row.reviewOpinion),
    reviewedAt: row.reviewedAt?.toISOString() ?? null,
    outcome: row.outcome,
    closedAt: row.closedAt?.toISOString() ?? null,
  };
}
