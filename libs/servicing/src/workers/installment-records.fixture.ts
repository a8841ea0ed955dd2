import { AppliedAmount, Money, ScheduledInstallment, ServicingLedger } from '@loanflow/domain';
import { LOAN, servicedLoanRecords } from '../requests/loan-request-records.fixture';
import { InstallmentRecords, ScheduledDate } from './installment-records';

/**
 * The register in memory for the due-date watch: the fixtures' loan with its 24 installments (the
 * first due on 15 April 2026), the amounts applied to them, and what its advance account holds as
 * the lines it would apply.
 */
export class FakeInstallmentRecords extends InstallmentRecords {
  readonly installments: ScheduledInstallment[] = servicedLoanRecords().schedule;
  readonly applied: AppliedAmount[] = [];
  /** Lines the advance account pays when it is next applied (then it is empty). */
  advance: AppliedAmount[] = [];
  /** The dates the advance was applied for, in order. */
  readonly advanceAppliedOn: string[] = [];

  /** Installment `number` paid in full on `paidOn`. */
  paid(number: number, paidOn: string): AppliedAmount[] {
    const due = this.installments[number - 1];
    if (!due) throw new Error(`the loan has no installment ${number}`);
    return [
      { installmentNumber: number, category: 'principal', amount: due.principal, paidOn },
      { installmentNumber: number, category: 'interest', amount: due.interest, paidOn },
    ];
  }

  schedule(loanId: string): Promise<ScheduledDate[]> {
    return Promise.resolve(
      loanId === LOAN ? this.installments.map(({ number, dueDate }) => ({ number, dueDate })) : [],
    );
  }

  applyAdvance(loanId: string, date: string): Promise<Money> {
    this.advanceAppliedOn.push(date);
    const lines = loanId === LOAN ? this.advance : [];
    this.advance = [];
    this.applied.push(...lines);
    return Promise.resolve(lines.reduce((total, line) => total.plus(line.amount), Money.zero()));
  }

  ledger(loanId: string): Promise<ServicingLedger> {
    return Promise.resolve(
      loanId === LOAN
        ? { installments: this.installments, applied: [...this.applied] }
        : { installments: [], applied: [] },
    );
  }
}
