import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { blindIndex, LoanEntity, LoanPartyEntity } from '@loanflow/persistence';

/**
 * What the warning rules of an overdue episode read. An abstract class so that it is both the
 * injection token and the shape a unit spec's fake implements.
 */
export abstract class OverdueWarningRecords {
  /**
   * The loans being serviced (disbursed) on which the holder of this ID number stands guarantor,
   * found by the number's blind index.
   */
  abstract guaranteedLoans(idNumber: string): Promise<LoanEntity[]>;
}

/** The register's SQL for the overdue warning rules (MySQL/MariaDB). */
@Injectable()
export class SqlOverdueWarningRecords extends OverdueWarningRecords {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async guaranteedLoans(idNumber: string): Promise<LoanEntity[]> {
    const guaranteed = await this.dataSource.getRepository(LoanPartyEntity).find({
      where: { role: 'guarantor', idNumberIndex: blindIndex('id-number', idNumber) },
    });
    return guaranteed.length
      ? await this.dataSource.getRepository(LoanEntity).find({
          where: { id: In(guaranteed.map((party) => party.loanId)), status: 'disbursed' },
        })
      : [];
  }
}
