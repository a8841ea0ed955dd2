import { ApiProperty } from '@nestjs/swagger';
import {
  accruePenaltyInterest,
  AppliedAmount,
  collectionBand,
  COLLECTION_BAND_NAMES,
  COLLECTION_BAND_POSTS,
  CollectionBand,
  defaultPenaltyAnnualRate,
  ScheduleStanding,
  scheduleStanding,
  loanPosition,
  Money,
} from '@loanflow/domain';
import type {
  CollectionEpisodeEntity,
  LoanEntity,
  LoanInstallmentEntity,
  RepaymentEntity,
} from '@loanflow/persistence';

/** Who holds a loan's collection work. */
export class PositionHoldersView {
  @ApiProperty({ type: [String], example: ['collection-officer'] }) roles!: string[];
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'the customer manager by name in the first band',
  })
  assignee!: string | null;
}

/** The loan as it stands on the business date: what is overdue, its band and who holds the work. */
export class LoanPositionView {
  @ApiProperty({
    example: '2027-04-29',
    description: 'the business date the figures are computed for (the broker’s clock in tests)',
  })
  asOf!: string;
  @ApiProperty() daysPastDue!: number;
  @ApiProperty({ example: '0.00' }) overduePrincipal!: string;
  @ApiProperty({ example: '0.00' }) overdueInterest!: string;
  @ApiProperty({ example: '0.00', description: 'penalty interest (罚息) accrued and unpaid' })
  penalty!: string;
  @ApiProperty({ example: '48000.00' }) outstandingPrincipal!: string;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'the first installment due on or after asOf with something outstanding',
  })
  nextDueDate!: string | null;
  @ApiProperty({
    enum: ['none', 'manager', 'officer', 'legal'],
    description: 'the 30/90-day band by days past due; none when nothing is overdue',
  })
  band!: CollectionBand;
  @ApiProperty() bandName!: string;
  @ApiProperty({ type: PositionHoldersView }) heldBy!: PositionHoldersView;
  @ApiProperty({ type: String, nullable: true, description: 'the open collection episode' })
  episodeId!: string | null;
  @ApiProperty({
    description: 'staff-recorded payments awaiting a second person’s confirmation, not yet counted',
  })
  pendingPayments!: number;
}

const text = (money: Money) => money.toDecimalString();

/** Null for a loan not paid out: it has no position yet. */
export function loanPositionView(input: {
  asOf: string;
  loan: LoanEntity;
  installments: readonly LoanInstallmentEntity[];
  repayments: readonly RepaymentEntity[];
  episodes: readonly CollectionEpisodeEntity[];
}): LoanPositionView | null {
  const { asOf, loan } = input;
  if (!loan.annualRate || !loan.disbursedAt || input.installments.length === 0) return null;
  const ledger = ledgerOf(input.installments, input.repayments);
  const position = loanPosition({ ...ledger, asOf });
  const penalty = accruePenaltyInterest({
    ...ledger,
    asOf,
    penaltyAnnualRate: defaultPenaltyAnnualRate(loan.annualRate),
  });
  // A written-off loan is in recovery, not in a band; a settled one owes nothing.
  const band = loan.status === 'disbursed' ? collectionBand(position.daysPastDue) : 'none';
  const episode = input.episodes.find((e) => e.state === 'open') ?? null;
  const roles =
    loan.status === 'written-off' ? ['collection-officer'] : [...COLLECTION_BAND_POSTS[band]];
  return {
    asOf,
    daysPastDue: position.daysPastDue,
    overduePrincipal: text(position.overduePrincipal),
    overdueInterest: text(position.overdueInterest),
    penalty: text(penalty.outstanding),
    outstandingPrincipal: text(position.outstandingPrincipal),
    nextDueDate: position.nextDue?.dueDate ?? null,
    band,
    bandName:
      loan.status === 'written-off'
        ? '已核销 账销案存 written off, in recovery'
        : COLLECTION_BAND_NAMES[band],
    heldBy: { roles, assignee: band === 'manager' ? loan.customerManager : null },
    episodeId: episode?.id ?? null,
    pendingPayments: input.repayments.filter((payment) => payment.state === 'pending').length,
  };
}

/**
 * Each installment's standing on the business date (paid, overdue, not yet due), by the domain's
 * position: the console shows it as it is, so the rule lives in one place and the date is the
 * bank's business date, not the browser's.
 */
export function installmentStandings(input: {
  asOf: string;
  installments: readonly LoanInstallmentEntity[];
  repayments: readonly RepaymentEntity[];
}): Map<number, ScheduleStanding> {
  if (input.installments.length === 0) return new Map();
  const position = loanPosition({
    ...ledgerOf(input.installments, input.repayments),
    asOf: input.asOf,
  });
  return new Map(position.installments.map((line) => [line.number, scheduleStanding(line)]));
}

/** The schedule and the applied payments' allocation lines, as the domain's position reads them. */
function ledgerOf(
  installments: readonly LoanInstallmentEntity[],
  repayments: readonly RepaymentEntity[],
) {
  return {
    installments: installments.map((row) => ({
      number: row.number,
      dueDate: row.dueDate,
      principal: Money.ofMinor(row.principalMinor),
      interest: Money.ofMinor(row.interestMinor),
    })),
    applied: repayments
      .filter((payment) => payment.state === 'applied')
      .flatMap((payment) =>
        (JSON.parse(payment.allocationJson) as { amount: string }[]).map(
          (line) => ({ ...line, amount: Money.parse(line.amount) }) as AppliedAmount,
        ),
      ),
  };
}
