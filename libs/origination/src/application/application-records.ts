import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditAct, AuditTrail } from '@loanflow/audit';
import {
  LoanCollateralEntity,
  LoanDocumentEntity,
  LoanEntity,
  LoanPartyEntity,
} from '@loanflow/persistence';
import {
  LoanDocumentTransaction,
  SqlLoanDocumentTransaction,
} from '../documents/loan-document-records';

/** A loan as an application writes it (the register fills what it defaults). */
export type NewLoan = Partial<LoanEntity> & Pick<LoanEntity, 'id' | 'branchCode' | 'status'>;
/** A party to the loan as the application names it (its id comes from the register). */
export type NewParty = Omit<LoanPartyEntity, 'id' | 'loanId' | 'idNumberIndex' | 'assessmentJson'>;
/** A collateral item as the application declares it. */
export type NewCollateral = Pick<
  LoanCollateralEntity,
  'kind' | 'description' | 'ownerName' | 'ownerIdNumber' | 'appraisedValueMinor'
>;

/** An application as the register files it: the loan, its people and its collateral. */
export interface NewApplication {
  loan: NewLoan;
  applicant: NewParty;
  guarantors: NewParty[];
  collateral: NewCollateral[];
}

/** The application as filed, with the ids the register gave. */
export interface FiledApplication {
  loan: LoanEntity;
  applicant: LoanPartyEntity;
  guarantors: LoanPartyEntity[];
}

/**
 * What taking an application writes in the register. An abstract class so that it is both the
 * injection token and the shape a unit spec's fake implements.
 */
export abstract class ApplicationRecords {
  /**
   * Files the application and, in the same transaction, its papers (`withPapers`): all of it
   * commits, or none.
   */
  abstract file(
    application: NewApplication,
    withPapers: (papers: LoanDocumentTransaction) => Promise<void>,
  ): Promise<FiledApplication>;
  /** Notes the loan's origination instance and puts the submission on the trail, together. */
  abstract recordStarted(loanId: string, processInstanceKey: string, act: AuditAct): Promise<void>;
  /** Removes a filed application whose instance the broker did not start: no trace is left. */
  abstract discard(loanId: string): Promise<void>;
}

/** The register's SQL for taking applications (MySQL/MariaDB). */
@Injectable()
export class SqlApplicationRecords extends ApplicationRecords {
  constructor(
    private readonly dataSource: DataSource,
    private readonly trail: AuditTrail,
  ) {
    super();
  }

  file(
    { loan, applicant, guarantors, collateral }: NewApplication,
    withPapers: (papers: LoanDocumentTransaction) => Promise<void>,
  ): Promise<FiledApplication> {
    return this.dataSource.transaction(async (manager) => {
      const row = manager.create(LoanEntity, loan);
      await manager.insert(LoanEntity, row);
      const party = (person: NewParty) =>
        manager.save(manager.create(LoanPartyEntity, { ...person, loanId: loan.id }));
      const filedApplicant = await party(applicant);
      const filedGuarantors: LoanPartyEntity[] = [];
      for (const guarantor of guarantors) filedGuarantors.push(await party(guarantor));
      for (const item of collateral)
        await manager.insert(LoanCollateralEntity, { ...item, loanId: loan.id });
      await withPapers(new SqlLoanDocumentTransaction(manager, this.trail));
      return { loan: row, applicant: filedApplicant, guarantors: filedGuarantors };
    });
  }

  async recordStarted(loanId: string, processInstanceKey: string, act: AuditAct): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await manager.update(LoanEntity, { id: loanId }, { processInstanceKey });
      await this.trail.append(manager, act);
    });
  }

  async discard(loanId: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await manager.delete(LoanDocumentEntity, { loanId });
      await manager.delete(LoanCollateralEntity, { loanId });
      await manager.delete(LoanPartyEntity, { loanId });
      await manager.delete(LoanEntity, { id: loanId });
    });
  }
}
