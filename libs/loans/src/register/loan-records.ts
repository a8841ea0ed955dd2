import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { NonRetryableJobError, RecordPendingError } from '@loanflow/workflow';
import type { BureauReport } from '@loanflow/adapters';
import {
  BureauReportEntity,
  LoanCollateralEntity,
  LoanContractEntity,
  LoanDocumentEntity,
  LoanEntity,
  LoanPartyEntity,
  LoanVerifiedFinancesEntity,
  TaskCompletionOutboxEntity,
  UserTaskEntity,
} from '@loanflow/persistence';

/** A loan with the people it is about. */
export interface LoanWithParties {
  loan: LoanEntity;
  applicant: LoanPartyEntity;
  guarantors: LoanPartyEntity[];
}

/** A loan with the people and things it is about. */
export interface LoanFile extends LoanWithParties {
  collateral: LoanCollateralEntity[];
  contracts: LoanContractEntity[];
  /** The kinds of the documents uploaded to the loan (each kind once, any order). */
  documentKinds: string[];
}

/** Reads and moves loans for the workers and the API. */
@Injectable()
export class LoanRecords {
  constructor(private readonly dataSource: DataSource) {}

  async file(
    loanId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<LoanFile | null> {
    const [withParties, collateral, contracts, documents] = await Promise.all([
      this.withParties(loanId, manager),
      manager.find(LoanCollateralEntity, { where: { loanId }, order: { id: 'ASC' } }),
      manager.find(LoanContractEntity, { where: { loanId }, order: { id: 'ASC' } }),
      manager.find(LoanDocumentEntity, { select: { id: true, kind: true }, where: { loanId } }),
    ]);
    if (!withParties) return null;
    return {
      ...withParties,
      collateral,
      contracts,
      documentKinds: [...new Set(documents.map((document) => document.kind))],
    };
  }

  /** The loan and its parties, without its collateral, contracts and papers. Null when there is none. */
  async withParties(
    loanId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<LoanWithParties | null> {
    const [loan, parties] = await Promise.all([
      manager.findOneBy(LoanEntity, { id: loanId }),
      manager.find(LoanPartyEntity, { where: { loanId }, order: { id: 'ASC' } }),
    ]);
    if (!loan) return null;
    const applicant = parties.find((party) => party.role === 'applicant');
    if (!applicant) throw new Error(`loan ${loanId} has no applicant`);
    return {
      loan,
      applicant,
      guarantors: parties.filter((party) => party.role === 'guarantor'),
    };
  }

  /**
   * The bureau's report on the applicant as the query kept it: workers read the debts it names here,
   * never from the engine. A job before the query is a model error, not worth a retry.
   */
  async bureauReportForJob(loanId: string): Promise<BureauReport> {
    const row = await this.dataSource.getRepository(BureauReportEntity).findOneBy({ loanId });
    if (!row) throw new NonRetryableJobError(`loan ${loanId} has no bureau report yet`);
    return JSON.parse(row.reportJson) as BureauReport;
  }

  /** Keeps the bureau's answer as evidence: one report per loan, a repeated query replaces it. */
  async keepBureauReport(report: BureauReportEntity): Promise<void> {
    await this.dataSource.getRepository(BureauReportEntity).save(report);
  }

  /** The income and debts the investigation verified, from the register. */
  async verifiedFinancesForJob(loanId: string): Promise<LoanVerifiedFinancesEntity> {
    const row = await this.dataSource
      .getRepository(LoanVerifiedFinancesEntity)
      .findOneBy({ loanId });
    if (!row)
      await this.missingRecord(loanId, `loan ${loanId} has no verified income and debts on file`);
    return row!;
  }

  /**
   * A record a job needs is missing: while a completion of one of the loan's tasks is pending in
   * the outbox (the broker has it, its effects are not committed yet) the job is tried again with
   * its retries kept; otherwise no retry will mend it and it goes to an incident.
   */
  async missingRecord(loanId: string, what: string): Promise<never> {
    if (await this.completionPending(loanId))
      throw new RecordPendingError(`${what} yet: a completion of its task is being recorded`);
    throw new NonRetryableJobError(what);
  }

  /** Whether a person's completion of one of the loan's tasks is accepted but not yet settled. */
  async completionPending(loanId: string): Promise<boolean> {
    const row: unknown = await this.dataSource
      .getRepository(TaskCompletionOutboxEntity)
      .createQueryBuilder('o')
      .innerJoin(UserTaskEntity, 't', 't.id = o.jobKey')
      .select('1', 'pending')
      .where('t.businessKey = :loanId', { loanId })
      .andWhere("o.state = 'pending'")
      .limit(1)
      .getRawOne();
    return row !== undefined;
  }

  async fileForJob(loanId: string, manager?: EntityManager): Promise<LoanFile> {
    return presentForJob(loanId, await this.file(loanId, manager));
  }

  /** `withParties` for a worker: what most jobs read of a loan, two statements instead of five. */
  async withPartiesForJob(loanId: string): Promise<LoanWithParties> {
    return presentForJob(loanId, await this.withParties(loanId));
  }
}

/** A loan the process names must exist; if not, retrying will not help. */
function presentForJob<T>(loanId: string, found: T | null): T {
  if (!found) throw new NonRetryableJobError(`loan ${loanId} does not exist in the loan register`);
  return found;
}
