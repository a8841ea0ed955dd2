import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { LoanCollateralEntity, LoanEntity, LoanPartyEntity } from '@loanflow/persistence';

/**
 * What revealing one identifier of a loan reads (decrypted: these are the values in full). An
 * abstract class so that it is both the injection token and the shape a unit spec's fake implements.
 */
export abstract class PersonalDataRevealRecords {
  /** The loan whose payee account is asked for, or null. */
  abstract loan(loanId: string): Promise<LoanEntity | null>;
  /** The collateral of this loan only (another loan's is not found), or null. */
  abstract collateral(collateralId: string, loanId: string): Promise<LoanCollateralEntity | null>;
  /** The party of this loan only (another loan's is not found), or null. */
  abstract party(partyId: string, loanId: string): Promise<LoanPartyEntity | null>;
}

/** The reveal's SQL (MySQL/MariaDB). */
@Injectable()
export class SqlPersonalDataRevealRecords extends PersonalDataRevealRecords {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  loan(loanId: string): Promise<LoanEntity | null> {
    return this.dataSource.getRepository(LoanEntity).findOneBy({ id: loanId });
  }

  collateral(collateralId: string, loanId: string): Promise<LoanCollateralEntity | null> {
    return this.dataSource
      .getRepository(LoanCollateralEntity)
      .findOneBy({ id: collateralId, loanId });
  }

  party(partyId: string, loanId: string): Promise<LoanPartyEntity | null> {
    return this.dataSource.getRepository(LoanPartyEntity).findOneBy({ id: partyId, loanId });
  }
}
