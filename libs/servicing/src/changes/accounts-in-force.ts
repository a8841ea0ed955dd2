import { EntityManager } from 'typeorm';
import { repaymentAccountInForce } from '@loanflow/domain';
import { LoanChangeRequestEntity, LoanEntity } from '@loanflow/persistence';

/** The account of the last approved repayment-account change of the loan, if any. */
export async function approvedRepaymentAccount(
  manager: EntityManager,
  loanId: string,
): Promise<string | null> {
  const last = await manager.findOne(LoanChangeRequestEntity, {
    where: { loanId, kind: 'repayment-account', state: 'applied' },
    order: { closedAt: 'DESC', id: 'DESC' },
  });
  return last ? ((JSON.parse(last.afterJson) as { account: string }).account ?? null) : null;
}

/**
 * The account repayments of the loan are debited from today (read when a debit is taken, so a
 * change approved yesterday is the account of today's debit).
 */
export async function repaymentAccountOf(
  manager: EntityManager,
  loan: LoanEntity,
): Promise<string | null> {
  return repaymentAccountInForce({
    paymentMethod: loan.paymentMethod,
    payeeAccount: loan.payeeAccount,
    approvedRepaymentAccount: await approvedRepaymentAccount(manager, loan.id),
  });
}
