import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import {
  blindIndex,
  LoanCollateralEntity,
  LoanContractEntity,
  LoanEntity,
  LoanPartyEntity,
  NotificationEntity,
  RepaymentEntity,
} from '@loanflow/persistence';

/** What the register holds on some loans beside their parties, for a subject export. */
export interface LoanHoldings {
  collateral: LoanCollateralEntity[];
  contracts: LoanContractEntity[];
  notifications: NotificationEntity[];
  repayments: RepaymentEntity[];
}

/**
 * What a subject export (PIPL art. 45) reads, decrypted: the values are in full. An abstract class
 * so that it is both the injection token and the shape a unit spec's fake implements.
 */
export abstract class SubjectExportRecords {
  /**
   * The parties, on every loan of every unit, whose ID number is this one: found through its blind
   * index, since the numbers are encrypted at rest (decision 0008).
   */
  abstract partiesWithIdNumber(idNumber: string): Promise<LoanPartyEntity[]>;
  /** These loans, wherever they are booked: the caller's scope is the export's to apply. */
  abstract loans(loanIds: readonly string[]): Promise<LoanEntity[]>;
  /** The collateral, contracts, notices and payments of these loans, of every party. */
  abstract holdings(loanIds: readonly string[]): Promise<LoanHoldings>;
}

/** The subject export's SQL (MySQL/MariaDB). */
@Injectable()
export class SqlSubjectExportRecords extends SubjectExportRecords {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  partiesWithIdNumber(idNumber: string): Promise<LoanPartyEntity[]> {
    return this.dataSource
      .getRepository(LoanPartyEntity)
      .findBy({ idNumberIndex: blindIndex('id-number', idNumber) });
  }

  loans(loanIds: readonly string[]): Promise<LoanEntity[]> {
    return this.dataSource.getRepository(LoanEntity).findBy({ id: In([...loanIds]) });
  }

  async holdings(loanIds: readonly string[]): Promise<LoanHoldings> {
    const ids = [...loanIds];
    const [collateral, contracts, notifications, repayments] = await Promise.all([
      this.dataSource.getRepository(LoanCollateralEntity).findBy({ loanId: In(ids) }),
      this.dataSource.getRepository(LoanContractEntity).findBy({ loanId: In(ids) }),
      this.dataSource.getRepository(NotificationEntity).findBy({ loanId: In(ids) }),
      this.dataSource.getRepository(RepaymentEntity).findBy({ loanId: In(ids) }),
    ]);
    return { collateral, contracts, notifications, repayments };
  }
}
