import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { advanceAccountCode } from '@loanflow/domain';
import {
  CollateralValuationEntity,
  CollectionEpisodeEntity,
  CommitteeBallotEntity,
  CommitteeVoteEntity,
  DisbursementEntity,
  LedgerAccountEntity,
  LegalMilestoneEntity,
  LoanClassificationEntity,
  LoanDecisionEntity,
  LoanFollowUpEntity,
  LoanInspectionEntity,
  LoanInstallmentEntity,
  LoanRefundEntity,
  LoanRestructuringEntity,
  LoanRevaluationEntity,
  LoanWriteOffEntity,
  NotificationEntity,
  RepaymentEntity,
  RiskWarningEntity,
  UserTaskEntity,
} from '@loanflow/persistence';

/** A move of the loan from one customer manager to another (贷后管理责任移交). */
export interface LoanHandover {
  id: string;
  fromUser: string;
  toUser: string;
  handedAt: Date;
}

/** Everything the register holds on a loan beyond its file, each list in the order it happened. */
export interface DossierRecords {
  openTasks: UserTaskEntity[];
  disbursement: DisbursementEntity | null;
  installments: LoanInstallmentEntity[];
  notifications: NotificationEntity[];
  repayments: RepaymentEntity[];
  classifications: LoanClassificationEntity[];
  episodes: CollectionEpisodeEntity[];
  inspections: LoanInspectionEntity[];
  warnings: RiskWarningEntity[];
  restructurings: LoanRestructuringEntity[];
  writeOff: LoanWriteOffEntity | null;
  creditDecisions: LoanDecisionEntity[];
  advanceAccount: LedgerAccountEntity | null;
  refunds: LoanRefundEntity[];
  legalMilestones: LegalMilestoneEntity[];
  followUps: LoanFollowUpEntity[];
  revaluations: LoanRevaluationEntity[];
  valuations: CollateralValuationEntity[];
  committeeVotes: CommitteeVoteEntity[];
  committeeBallots: CommitteeBallotEntity[];
  handovers: LoanHandover[];
}

/**
 * The dossier's reads. An abstract class so that it is both the injection token and the shape a
 * unit spec's fake implements.
 */
export abstract class LoanDossierReads {
  abstract recordsOf(loanId: string): Promise<DossierRecords>;
}

/** Awaits every read of the object together, each answer under its read's name. */
async function allOf<T extends Record<string, Promise<unknown>>>(
  reads: T,
): Promise<{ [K in keyof T]: Awaited<T[K]> }> {
  const names = Object.keys(reads);
  const answers = await Promise.all(Object.values(reads));
  return Object.fromEntries(names.map((name, i) => [name, answers[i]])) as {
    [K in keyof T]: Awaited<T[K]>;
  };
}

/** The dossier's SQL (MySQL/MariaDB): one read per table, run together. */
@Injectable()
export class SqlLoanDossierReads extends LoanDossierReads {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async recordsOf(loanId: string): Promise<DossierRecords> {
    const all = <T extends object>(
      entity: new () => T,
      order: Record<string, 'ASC'> = { id: 'ASC' },
    ): Promise<T[]> =>
      this.dataSource
        .getRepository<T>(entity)
        .find({ where: { loanId } as never, order: order as never });
    const records = await allOf({
      openTasks: this.dataSource.getRepository(UserTaskEntity).find({
        where: { businessKey: loanId, state: 'open' },
        order: { createdAt: 'ASC' },
      }),
      disbursement: this.dataSource.getRepository(DisbursementEntity).findOneBy({ loanId }),
      installments: all(LoanInstallmentEntity, { number: 'ASC' }),
      notifications: all(NotificationEntity),
      repayments: all(RepaymentEntity),
      classifications: all(LoanClassificationEntity),
      episodes: all(CollectionEpisodeEntity),
      inspections: all(LoanInspectionEntity, { number: 'ASC' }),
      warnings: all(RiskWarningEntity),
      restructurings: all(LoanRestructuringEntity),
      writeOff: this.dataSource.getRepository(LoanWriteOffEntity).findOneBy({ loanId }),
      creditDecisions: all(LoanDecisionEntity),
      advanceAccount: this.dataSource
        .getRepository(LedgerAccountEntity)
        .findOneBy({ code: advanceAccountCode(loanId) }),
      refunds: all(LoanRefundEntity),
      legalMilestones: all(LegalMilestoneEntity),
      followUps: this.dataSource.getRepository(LoanFollowUpEntity).find({ where: { loanId } }),
      revaluations: all(LoanRevaluationEntity, { number: 'ASC' }),
      valuations: all(CollateralValuationEntity),
      committeeVotes: all(CommitteeVoteEntity),
      handovers: this.handoversOf(loanId),
    });
    const votes = records.committeeVotes;
    const committeeBallots = votes.length
      ? await this.dataSource
          .getRepository(CommitteeBallotEntity)
          .find({ where: { voteId: In(votes.map((v) => v.id)) }, order: { id: 'ASC' } })
      : [];
    return { ...records, committeeBallots };
  }
  private async handoversOf(loanId: string): Promise<LoanHandover[]> {
    const moves = await this.dataSource.query<
      { id: string; fromUser: string; toUser: string; handedAt: Date }[]
    >(
      `SELECT h.id AS id, h.from_user AS fromUser, h.to_user AS toUser, h.handed_at AS handedAt
         FROM handover_item i JOIN handover h ON h.id = i.handover_id
        WHERE i.loan_id = ? AND i.kind = 'loan' AND i.outcome = 'moved'
        ORDER BY h.id`,
      [loanId],
    );
    return moves.map((move) => ({
      ...move,
      id: String(move.id),
      handedAt: new Date(move.handedAt),
    }));
  }
}
