import { Injectable } from '@nestjs/common';
import { DataSource, In, Not } from 'typeorm';
import { ExistingLoan, Money } from '@loanflow/domain';
import {
  blindIndex,
  CollectionEpisodeEntity,
  LoanEntity,
  LoanInstallmentEntity,
  LoanPartyEntity,
  RepaymentEntity,
} from '@loanflow/persistence';
import { loanPositionView } from '../dossier/loan-position.view';

/**
 * The loans a person already has with the bank as borrower, found by the blind index of their ID
 * number (never by the number itself), each with its position on the day: what is owed, what is
 * overdue, the installment due next.
 */
@Injectable()
export class ExistingExposureReader {
  constructor(private readonly dataSource: DataSource) {}

  async of(idNumber: string, exceptLoanId: string, asOf: string): Promise<ExistingLoan[]> {
    const parties = await this.dataSource.getRepository(LoanPartyEntity).find({
      where: {
        idNumberIndex: blindIndex('id-number', idNumber),
        role: 'applicant',
        loanId: Not(exceptLoanId),
      },
    });
    if (parties.length === 0) return [];
    const loans = await this.dataSource.getRepository(LoanEntity).find({
      where: {
        id: In(parties.map((party) => party.loanId)),
        status: In(['disbursed', 'written-off']),
      },
      order: { id: 'ASC' },
    });
    const existing: ExistingLoan[] = [];
    for (const loan of loans) {
      const [installments, repayments, episodes] = await Promise.all([
        this.dataSource
          .getRepository(LoanInstallmentEntity)
          .find({ where: { loanId: loan.id }, order: { number: 'ASC' } }),
        this.dataSource
          .getRepository(RepaymentEntity)
          .find({ where: { loanId: loan.id }, order: { id: 'ASC' } }),
        this.dataSource.getRepository(CollectionEpisodeEntity).find({ where: { loanId: loan.id } }),
      ]);
      const position = loanPositionView({ asOf, loan, installments, repayments, episodes });
      const next = installments.find((row) => row.dueDate >= asOf);
      existing.push({
        loanId: loan.id,
        product: loan.product,
        status: loan.status as ExistingLoan['status'],
        outstandingPrincipal: position
          ? Money.parse(position.outstandingPrincipal)
          : Money.ofMinor(loan.amountMinor ?? '0'),
        daysPastDue: position?.daysPastDue ?? 0,
        monthlyInstallment: next ? Money.ofMinor(next.paymentMinor) : Money.zero(),
      });
    }
    return existing;
  }
}
