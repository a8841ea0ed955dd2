import { EntityManager } from 'typeorm';
import { LoanRestructuringEntity } from '@loanflow/persistence';
import { readLedger } from '../repayments/loan-ledger';
import type { PrepaymentReads } from '../prepayment/prepayment-rules';
import type { RestructuringReads } from '../restructuring/restructuring-rules';

/** What the rules of requests on a running loan read besides the loan itself. */
export type RequestReads = RestructuringReads & PrepaymentReads;

/** The rules' reads through a manager: inside its transaction when it has one. */
export function sqlRequestReads(manager: EntityManager): RequestReads {
  return {
    ledger: (loanId) => readLedger(manager, loanId),
    appliedExtensions: (loanId) =>
      manager.find(LoanRestructuringEntity, {
        where: { loanId, kind: 'extension', state: 'applied' },
      }),
  };
}
