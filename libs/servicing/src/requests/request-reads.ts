import { EntityManager, In } from 'typeorm';
import { LoanDocumentEntity, LoanRestructuringEntity } from '@loanflow/persistence';
import { approvedRepaymentAccount } from '../changes/accounts-in-force';
import { readLedger } from '../repayments/loan-ledger';
import type { PrepaymentReads } from '../prepayment/prepayment-rules';
import type { RestructuringReads } from '../restructuring/restructuring-rules';

/** What judging a change of account or borrower details reads of the loan besides the loan itself. */
export interface ChangeReads {
  /** Those of the document ids that are documents of the loan (the evidence a change rests on). */
  documentsAmong(loanId: string, documentIds: readonly string[]): Promise<string[]>;
  /** The account of the last approved repayment-account change of the loan, if any. */
  approvedRepaymentAccount(loanId: string): Promise<string | null>;
}

/** What the rules of requests on a running loan read besides the loan itself. */
export type RequestReads = RestructuringReads & PrepaymentReads & ChangeReads;

/** The rules' reads through a manager: inside its transaction when it has one. */
export function sqlRequestReads(manager: EntityManager): RequestReads {
  return {
    ledger: (loanId) => readLedger(manager, loanId),
    appliedExtensions: (loanId) =>
      manager.find(LoanRestructuringEntity, {
        where: { loanId, kind: 'extension', state: 'applied' },
      }),
    documentsAmong: async (loanId, documentIds) =>
      (
        await manager.find(LoanDocumentEntity, {
          where: { loanId, id: In([...documentIds]) },
          select: { id: true },
        })
      ).map((document) => String(document.id)),
    approvedRepaymentAccount: (loanId) => approvedRepaymentAccount(manager, loanId),
  };
}
