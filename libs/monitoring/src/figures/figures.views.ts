import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches, ValidateBy } from 'class-validator';
import { LOAN_CLASSES, OVERDUE_BUCKETS, parseIsoDate } from '@loanflow/domain';

/** A business date that exists, YYYY-MM-DD (2026-02-30 does not). */
function IsBusinessDate(): PropertyDecorator {
  return ValidateBy({
    name: 'isBusinessDate',
    validator: {
      validate: (value) => typeof value === 'string' && parseIsoDate(value) !== null,
      defaultMessage: (args) =>
        `${args?.property} must be a date that exists, written YYYY-MM-DD such as 2026-06-30`,
    },
  });
}

/** `?asOf=YYYY-MM-DD`: a business date that exists (2026-02-30 does not). */
export class FiguresQuery {
  @ApiPropertyOptional({
    example: '2026-06-30',
    description: 'the business date the figures are read for (default: today in Beijing)',
  })
  @IsOptional()
  @IsBusinessDate()
  asOf?: string;
}

export class FiguresOrgUnitView {
  @ApiProperty({ example: 'BR-HZ' }) code!: string;
  @ApiProperty({ example: '杭州分行' }) name!: string;
  @ApiProperty({ example: '/HO/BR-HZ/' }) path!: string;
}

export class TaskFigureView {
  @ApiProperty({ example: 'reviewer', description: 'the role of the candidate group' })
  role!: string;
  @ApiProperty({
    example: 'BR-HZ',
    nullable: true,
    type: String,
    description: 'the org unit of a `role:ORG` group; null for a group of the role alone',
  })
  orgUnit!: string | null;
  @ApiProperty({ description: 'open tasks offered to the group, claimed or not' }) open!: number;
  @ApiProperty({ description: 'of them, due before now' }) overdue!: number;
  @ApiProperty({ description: 'when the oldest open task was created' }) oldestCreatedAt!: string;
  @ApiProperty({ description: 'its age in whole hours' }) oldestAgeHours!: number;
}

export class NoticeBreachView {
  @ApiProperty() loanId!: string;
  @ApiProperty() branchCode!: string;
  @ApiProperty({ nullable: true, type: String }) dueAt!: string | null;
  @ApiProperty() breachedAt!: string;
  @ApiProperty({ nullable: true, type: String }) sentAt!: string | null;
}

export class NoticeBreachListView {
  @ApiProperty() count!: number;
  @ApiProperty({ type: [NoticeBreachView], description: 'up to 100, earliest due first' })
  loans!: NoticeBreachView[];
}

export class NoticeFiguresView {
  @ApiProperty({ description: 'decision notices past the 3-working-day limit by asOf' })
  count!: number;
  @ApiProperty({ type: NoticeBreachListView, description: 'breached and not sent by asOf' })
  unsent!: NoticeBreachListView;
  @ApiProperty({ type: NoticeBreachListView, description: 'sent after the limit' })
  sentLate!: NoticeBreachListView;
}

export class LateInspectionView {
  @ApiProperty() loanId!: string;
  @ApiProperty() branchCode!: string;
  @ApiProperty() number!: number;
  @ApiProperty({ example: '2026-06-20' }) dueOn!: string;
  @ApiProperty({ nullable: true, type: String, description: 'null while not reported' })
  completedOn!: string | null;
  @ApiProperty({ description: 'days from the due date to the report, or to asOf while none' })
  daysLate!: number;
}

export class InspectionFiguresView {
  @ApiProperty({ description: 'inspections late by asOf' }) count!: number;
  @ApiProperty({ description: 'of them, not reported by asOf' }) pending!: number;
  @ApiProperty({ description: 'of them, reported after the due date' }) completedLate!: number;
  @ApiProperty({ type: [LateInspectionView], description: 'up to 100, earliest due first' })
  loans!: LateInspectionView[];
}

export class StageFigureView {
  @ApiProperty({ example: 'in-decision' }) status!: string;
  @ApiProperty({
    example: 'review',
    description: 'the open origination task’s stage, else the status (as the dossier shows it)',
  })
  stage!: string;
  @ApiProperty() loans!: number;
}

export class ClassificationFigureView {
  @ApiProperty({ enum: LOAN_CLASSES }) level!: string;
  @ApiProperty({ example: '关注' }) name!: string;
  @ApiProperty() loans!: number;
  @ApiProperty({ example: '123456.78', description: 'outstanding principal, yuan' })
  balance!: string;
}

export class PortfolioFigureView {
  @ApiProperty({ description: 'loans being serviced (status disbursed)' }) loans!: number;
  @ApiProperty({ example: '1210000.00', description: 'principal still owed, due or not' })
  outstandingBalance!: string;
  @ApiProperty({ description: 'loans with anything overdue' }) overdueLoans!: number;
  @ApiProperty({
    description: 'the whole outstanding principal of the overdue loans (逾期贷款余额)',
  })
  overdueLoanBalance!: string;
  @ApiProperty({ description: 'the principal of the overdue installments alone (逾期本金)' })
  overduePrincipal!: string;
  @ApiProperty({ example: '0.0523', description: 'overdueLoanBalance ÷ outstandingBalance' })
  overdueRate!: string;
  @ApiProperty({ description: 'substandard, doubtful and loss loans' }) nonPerformingLoans!: number;
  @ApiProperty() nonPerformingBalance!: string;
  @ApiProperty({ example: '0.0150', description: 'nonPerformingBalance ÷ outstandingBalance' })
  nonPerformingRatio!: string;
}

export class OverdueBucketFigureView {
  @ApiProperty({ enum: OVERDUE_BUCKETS.map((b) => b.bucket) }) bucket!: string;
  @ApiProperty() loans!: number;
  @ApiProperty({ example: '5000.00' }) overduePrincipal!: string;
}

/** Interest collection (收息率) over a period: interest received by its end ÷ interest that fell due in it. */
export class InterestCollectionView {
  @ApiProperty({ example: '2026-06-01' }) from!: string;
  @ApiProperty({ example: '2026-06-30' }) to!: string;
  @ApiProperty({
    example: '12000.00',
    description: 'scheduled interest of installments due in the period',
  })
  interestDue!: string;
  @ApiProperty({ example: '11500.00', description: 'of it, paid by the end of the period' })
  interestReceived!: string;
  @ApiProperty({
    example: '0.9583',
    description: 'received ÷ due, four places; 0.0000 when nothing fell due',
  })
  rate!: string;
}

export class FiguresView {
  @ApiProperty({ example: '2026-06-30' }) asOf!: string;
  @ApiProperty({
    description: 'the instant the figures were read: tasks are overdue and aged against it',
  })
  at!: string;
  @ApiProperty({ type: FiguresOrgUnitView, description: 'the unit whose subtree is counted' })
  orgUnit!: FiguresOrgUnitView;
  @ApiProperty({
    nullable: true,
    type: String,
    description:
      'for a past day the recorder kept: when it kept the classification, portfolio and buckets given here (as they were that day); null when they are computed now',
  })
  keptAt!: string | null;
  @ApiProperty({ type: [TaskFigureView] }) tasks!: TaskFigureView[];
  @ApiProperty({ type: NoticeFiguresView }) notices!: NoticeFiguresView;
  @ApiProperty({ type: InspectionFiguresView }) inspections!: InspectionFiguresView;
  @ApiProperty({ type: [StageFigureView] }) loansByStage!: StageFigureView[];
  @ApiProperty({ type: [ClassificationFigureView] })
  classification!: ClassificationFigureView[];
  @ApiProperty({ type: PortfolioFigureView }) portfolio!: PortfolioFigureView;
  @ApiProperty({ type: [OverdueBucketFigureView] }) overdueBuckets!: OverdueBucketFigureView[];
  @ApiProperty({
    type: InterestCollectionView,
    description: 'interest collection rate (收息率) over the 30 days before asOf',
  })
  interestCollection!: InterestCollectionView;
}

export class FiguresTrendQuery {
  @ApiPropertyOptional({
    example: '2026-01-01',
    description: 'first business date (default: 90 days ago)',
  })
  @IsOptional()
  @IsBusinessDate()
  from?: string;

  @ApiPropertyOptional({
    example: '2026-06-30',
    description: 'last business date (default: yesterday)',
  })
  @IsOptional()
  @IsBusinessDate()
  to?: string;
}

/** One day's recorded figures of the reader's unit: the ratios over time. */
export class FiguresTrendPointView {
  @ApiProperty() asOf!: string;
  @ApiProperty() loans!: number;
  @ApiProperty() outstandingBalance!: string;
  @ApiProperty() overduePrincipal!: string;
  @ApiProperty() overdueRate!: string;
  @ApiProperty() nonPerformingBalance!: string;
  @ApiProperty() nonPerformingRatio!: string;
}

/** `?from=YYYY-MM&to=YYYY-MM`: the months of a monthly series (at most 36). */
export class MonthlyFiguresQuery {
  @ApiPropertyOptional({ example: '2026-01' })
  @IsOptional()
  @Matches(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'from must be a month written YYYY-MM' })
  from?: string;
  @ApiPropertyOptional({ example: '2026-06' })
  @IsOptional()
  @Matches(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'to must be a month written YYYY-MM' })
  to?: string;
}

/** One month of a unit's figures: the interest collection rate of the month, and the month-end ratios when recorded. */
export class MonthlyFiguresPointView extends InterestCollectionView {
  @ApiProperty({ example: '2026-06' }) month!: string;
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'overdue rate at month end (recorded snapshot), null when none',
  })
  overdueRate!: string | null;
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'bad-loan (non-performing) ratio at month end, null when none',
  })
  nonPerformingRatio!: string | null;
}
