import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditAct, AuditTrail } from '@loanflow/audit';
import {
  blindIndex,
  CommitteeBallotEntity,
  CommitteeVoteEntity,
  CreditWarningEntity,
  IdempotencyService,
  insertRows,
  isDuplicateKeyError,
  LoanCollateralEntity,
  LoanContractEntity,
  LoanDecisionEntity,
  LoanEntity,
  LoanPartyEntity,
  LoanStatus,
} from '@loanflow/persistence';
import { recordedApproval, RecordedApproval } from './approved-terms';

/** A decision on record (loan_decision): who decided what, when and why (and on what terms). */
export type NewLoanDecision = Pick<
  LoanDecisionEntity,
  'loanId' | 'kind' | 'outcome' | 'decidedBy' | 'reasons' | 'decidedAt'
> &
  Partial<Omit<LoanDecisionEntity, 'id'>>;

/** A round of the credit committee's vote as it is opened (the register gives it its id). */
export type NewCommitteeVote = Omit<CommitteeVoteEntity, 'id'>;
/** How a round closed. */
export type CommitteeVoteClose = Pick<CommitteeVoteEntity, 'result' | 'countJson' | 'closedAt'>;

/** What a step may change on the loan's row (never its id). */
export type LoanChanges = Partial<Omit<LoanEntity, 'id'>> & { status?: LoanStatus };

/** A signed contract as the register files it. */
export type NewContract = Omit<LoanContractEntity, 'id'>;

/** A collateral registration certificate (抵押办证) as the register files it. */
export type CollateralRegistration = Pick<
  LoanCollateralEntity,
  'certificateNo' | 'registryOffice' | 'registeredAt' | 'registeredBy'
>;

/** The register inside one transaction of a step that records the credit decision's sequel. */
export interface DecisionTransaction {
  /** The loan, locked for update, or null when there is none. */
  lockLoan(loanId: string): Promise<LoanEntity | null>;
  /** The last approval as its approver recorded it and what followed it, or null when none. */
  recordedApproval(loanId: string): Promise<RecordedApproval | null>;
  addDecision(decision: NewLoanDecision): Promise<void>;
  updateLoan(loanId: string, changes: LoanChanges): Promise<void>;
  /**
   * Files the loan's signed contracts in place of any it had (a re-signing); the number of one
   * another loan already holds, or null when all are filed.
   */
  replaceContracts(loanId: string, contracts: readonly NewContract[]): Promise<string | null>;
  /** Puts the registration certificate on every collateral item of the loan. */
  registerCollateral(loanId: string, registration: CollateralRegistration): Promise<void>;
  /** The loan's last approval-kind decision (approve, refer up, reject), or null. */
  lastApproval(loanId: string): Promise<LoanDecisionEntity | null>;
  openVote(vote: NewCommitteeVote): Promise<CommitteeVoteEntity>;
  /** The round, locked for update (a ballot being recorded finishes first), or null. */
  lockVote(voteId: string): Promise<CommitteeVoteEntity | null>;
  /** The round's ballots in the order they were cast. */
  ballots(voteId: string): Promise<CommitteeBallotEntity[]>;
  closeVote(voteId: string, close: CommitteeVoteClose): Promise<void>;
  /** Keeps a guarantor's assessment (担保资格审查) on their party row. */
  keepGuarantorAssessment(partyId: string, assessmentJson: string): Promise<void>;
  audit(act: AuditAct): Promise<void>;
}

/**
 * What the credit decision's steps (the eligibility check, the notice, a declined or lapsed
 * counter-offer, the payout resting on the approval) read and write in the register. An abstract class so that it is both the injection token and the shape a
 * unit spec's fake implements.
 */
export abstract class DecisionRecords {
  /** The last approval as recorded, read outside any transaction. */
  abstract recordedApproval(loanId: string): Promise<RecordedApproval | null>;
  /** Whether the person is on the bank's active credit warning list (by ID number). */
  abstract onWarningList(idNumber: string): Promise<boolean>;
  /** Runs `work` in one transaction: all it writes commits, or none of it. */
  abstract transaction<T>(work: (tx: DecisionTransaction) => Promise<T>): Promise<T>;
  /**
   * Runs `work` in one transaction once per `scope` and `key` (the loan, or the loan and job),
   * however often the job is delivered: a later delivery writes nothing and gets the first one's
   * result, `replayed`.
   */
  abstract once<T>(
    scope: string,
    key: string,
    jobKey: string,
    work: (tx: DecisionTransaction) => Promise<T>,
  ): Promise<{ result: T; replayed: boolean }>;
}

/** The register's SQL for the steps after a credit decision (MySQL/MariaDB). */
@Injectable()
export class SqlDecisionRecords extends DecisionRecords {
  constructor(
    private readonly dataSource: DataSource,
    private readonly idempotency: IdempotencyService,
    private readonly trail: AuditTrail,
  ) {
    super();
  }

  recordedApproval(loanId: string): Promise<RecordedApproval | null> {
    return recordedApproval(this.dataSource.manager, loanId);
  }

  async onWarningList(idNumber: string): Promise<boolean> {
    const entry = await this.dataSource
      .getRepository(CreditWarningEntity)
      .findOneBy({ idNumberIndex: blindIndex('id-number', idNumber), active: 1 });
    return entry !== null;
  }

  transaction<T>(work: (tx: DecisionTransaction) => Promise<T>): Promise<T> {
    return this.dataSource.transaction((manager) => work(this.inTransaction(manager)));
  }

  once<T>(
    scope: string,
    key: string,
    jobKey: string,
    work: (tx: DecisionTransaction) => Promise<T>,
  ): Promise<{ result: T; replayed: boolean }> {
    return this.idempotency.once(scope, key, jobKey, (manager) =>
      work(this.inTransaction(manager)),
    );
  }

  private inTransaction(manager: EntityManager): DecisionTransaction {
    return {
      lockLoan: (loanId) =>
        manager.findOne(LoanEntity, { where: { id: loanId }, lock: { mode: 'pessimistic_write' } }),
      recordedApproval: (loanId) => recordedApproval(manager, loanId),
      addDecision: async (decision) => {
        await insertRows(manager, LoanDecisionEntity, decision);
      },
      updateLoan: async (loanId, changes) => {
        await manager.update(LoanEntity, { id: loanId }, changes);
      },
      replaceContracts: async (loanId, contracts) => {
        // Only a re-signing has rows to replace; a delete of nothing would still take gap locks
        // that deadlock with other loans' inserts.
        if (await manager.existsBy(LoanContractEntity, { loanId }))
          await manager.delete(LoanContractEntity, { loanId });
        for (const contract of contracts) {
          try {
            await manager.insert(LoanContractEntity, contract);
          } catch (error) {
            if (isDuplicateKeyError(error)) return contract.contractNo;
            throw error;
          }
        }
        return null;
      },
      registerCollateral: async (loanId, registration) => {
        await manager.update(LoanCollateralEntity, { loanId }, registration);
      },
      lastApproval: (loanId) =>
        manager.findOne(LoanDecisionEntity, {
          where: { loanId, kind: 'approval' },
          order: { id: 'DESC' },
        }),
      openVote: (vote) => manager.save(manager.create(CommitteeVoteEntity, vote)),
      lockVote: (voteId) =>
        manager.findOne(CommitteeVoteEntity, {
          where: { id: voteId },
          lock: { mode: 'pessimistic_write' },
        }),
      ballots: (voteId) =>
        manager.find(CommitteeBallotEntity, { where: { voteId }, order: { id: 'ASC' } }),
      closeVote: async (voteId, close) => {
        await manager.update(CommitteeVoteEntity, { id: voteId }, close);
      },
      keepGuarantorAssessment: async (partyId, assessmentJson) => {
        await manager.update(LoanPartyEntity, { id: partyId }, { assessmentJson });
      },
      audit: async (act) => {
        await this.trail.append(manager, act);
      },
    };
  }
}
