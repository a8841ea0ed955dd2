import { EntityManager } from 'typeorm';
import {
  AppliedAmount,
  loanPosition,
  LoanPosition,
  Money,
  ScheduledAmounts,
} from '@loanflow/domain';
import { LoanEntity, LoanInstallmentEntity, RepaymentEntity } from '@loanflow/persistence';

export interface StoredAllocationLine {
  installmentNumber: number;
  category: AppliedAmount['category'];
  amount: string;
  paidOn: string;
}

/** The loan's ledger (台账) as servicing reads it: the stored schedule and every amount applied to it. */
export async function readLedger(
  manager: EntityManager,
  loanId: string,
): Promise<{
  installments: ScheduledAmounts[];
  applied: AppliedAmount[];
  rows: LoanInstallmentEntity[];
}> {
  const [rows, repayments] = await Promise.all([
    manager.find(LoanInstallmentEntity, { where: { loanId }, order: { number: 'ASC' } }),
    manager.find(RepaymentEntity, { where: { loanId }, order: { id: 'ASC' } }),
  ]);
  return {
    rows,
    installments: rows.map((row) => ({
      number: row.number,
      dueDate: row.dueDate,
      principal: Money.ofMinor(row.principalMinor),
      interest: Money.ofMinor(row.interestMinor),
    })),
    applied: repayments.flatMap((repayment) =>
      (JSON.parse(repayment.allocationJson) as StoredAllocationLine[]).map((line) => ({
        ...line,
        amount: Money.parse(line.amount),
      })),
    ),
  };
}

/** The loan's position on a business date (YYYY-MM-DD), from its ledger as it stands. */
export async function positionOn(
  manager: EntityManager,
  loanId: string,
  date: string,
): Promise<LoanPosition> {
  return loanPosition({ ...(await readLedger(manager, loanId)), asOf: date });
}

/** Adds what was allocated to the installments' paid amounts, and penalty to the loan's. */
export async function applyToInstallments(
  manager: EntityManager,
  loanId: string,
  lines: readonly AppliedAmount[],
): Promise<void> {
  let penalty = Money.zero();
  for (const line of lines) {
    if (line.category === 'penalty') penalty = penalty.plus(line.amount);
    else
      await manager.increment(
        LoanInstallmentEntity,
        { loanId, number: line.installmentNumber },
        line.category === 'principal' ? 'principalPaidMinor' : 'interestPaidMinor',
        Number(line.amount.minorUnits),
      );
  }
  if (!penalty.isZero())
    await manager.increment(
      LoanEntity,
      { id: loanId },
      'penaltyPaidMinor',
      Number(penalty.minorUnits),
    );
}
