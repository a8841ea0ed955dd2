import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DutyRecord, isDuty, LoanParties } from '@loanflow/domain';
import { AccountabilityCaseEntity, LoanDutyEntity, LoanPartyEntity } from '@loanflow/persistence';

export interface DutyFacts {
  parties: LoanParties;
  history: DutyRecord[];
  /** The people the loan's accountability dossier names (empty before it is built). */
  dossierNames: string[];
}

/**
 * What separation of duties and conflict of interest are judged on, read from the loan register:
 * who the loan is about and who has done what on it. Never from process variables, which a
 * model decides.
 */
@Injectable()
export class DutyFactsReader {
  constructor(private readonly dataSource: DataSource) {}

  async of(loanId: string, withDossier = false): Promise<DutyFacts> {
    const [parties, duties, dossier] = await Promise.all([
      this.dataSource.getRepository(LoanPartyEntity).find({ where: { loanId } }),
      this.dataSource.getRepository(LoanDutyEntity).find({ where: { businessKey: loanId } }),
      withDossier
        ? this.dataSource.getRepository(AccountabilityCaseEntity).findOneBy({ loanId })
        : null,
    ]);
    const actors = dossier
      ? ((JSON.parse(dossier.dossierJson) as { actors?: { username: string }[] }).actors ?? [])
      : [];
    return {
      parties: {
        applicantIdNumber: parties.find((p) => p.role === 'applicant')?.idNumber ?? null,
        guarantorIdNumbers: parties.filter((p) => p.role === 'guarantor').map((p) => p.idNumber),
      },
      history: duties
        .filter((row) => isDuty(row.duty))
        .map((row) => ({
          duty: row.duty as DutyRecord['duty'],
          username: row.username,
          ref: row.ref,
        })),
      dossierNames: actors.map((actor) => actor.username),
    };
  }
}
