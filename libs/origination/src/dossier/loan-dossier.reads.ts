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
    const [
      openTasks,
      disbursement,
      installments,
      notifications,
      repayments,
      classifications,
      episodes,
      inspections,
      warnings,
      restructurings,
      writeOff,
      creditDecisions,
      advanceAccount,
      refunds,
      legalMilestones,
      followUps,
      revaluations,
      valuations,
      committeeVotes,
      handovers,
    ] = await Promise.all([
      this.dataSource.getRepository(UserTaskEntity).find({
        where: { businessKey: loanId, state: 'open' },
        order: { createdAt: 'ASC' },
      }),
      this.dataSource.getRepository(DisbursementEntity).findOneBy({ loanId }),
      all(LoanInstallmentEntity, { number: 'ASC' }),
      all(NotificationEntity),
      all(RepaymentEntity),
      all(LoanClassificationEntity),
      all(CollectionEpisodeEntity),
      all(LoanInspectionEntity, { number: 'ASC' }),
      all(RiskWarningEntity),
      all(LoanRestructuringEntity),
      this.dataSource.getRepository(LoanWriteOffEntity).findOneBy({ loanId }),
      all(LoanDecisionEntity),
      this.dataSource
        .getRepository(LedgerAccountEntity)
        .findOneBy({ code: advanceAccountCode(loanId) }),
      all(LoanRefundEntity),
      all(LegalMilestoneEntity),
      this.dataSource.getRepository(LoanFollowUpEntity).find({ where: { loanId } }),
      all(LoanRevaluationEntity, { number: 'ASC' }),
      all(CollateralValuationEntity),
      all(CommitteeVoteEntity),
      this.handoversOf(loanId),
    ]);
    const committeeBallots = committeeVotes.length
      ? await this.dataSource
          .getRepository(CommitteeBallotEntity)
          .find({ where: { voteId: In(committeeVotes.map((v) => v.id)) }, order: { id: 'ASC' } })
      : [];
    return {
      openTasks,
      disbursement,
      installments,
      notifications,
      repayments,
      classifications,
      episodes,
      inspections,
      warnings,
      restructurings,
      writeOff,
      creditDecisions,
      advanceAccount,
      refunds,
      legalMilestones,
      followUps,
      revaluations,
      valuations,
      committeeVotes,
      committeeBallots,
      handovers,
    };
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
