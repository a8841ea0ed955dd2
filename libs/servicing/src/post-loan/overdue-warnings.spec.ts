import { Logger } from '@nestjs/common';
import { SYSTEM_ACTOR } from '@loanflow/audit';
import { DomainError } from '@loanflow/domain';
import type { LoanFile } from '@loanflow/loans';
import type { CollectionEpisodeEntity, LoanEntity } from '@loanflow/persistence';
import { APPLICANT_ID_NUMBER, servicedLoanRecords } from '../requests/loan-request-records.fixture';
import { OverdueWarningRecords } from './overdue-warning-records';
import { OverdueWarnings } from './overdue-warnings';
import type { RaiseWarning, RiskWarnings } from './risk-warnings.service';

const AT = new Date('2026-04-20T02:00:00.000Z');
/** Loans being serviced on which the borrower in default (张伟) stands guarantor. */
const GUARANTEED_A = 'LN20260201-GUAR01';
const GUARANTEED_B = 'LN20260202-GUAR02';

/** The register in memory: which disbursed loans each ID number guarantees. */
class FakeOverdueWarningRecords extends OverdueWarningRecords {
  readonly asked: string[] = [];

  constructor(private readonly guaranteed: Record<string, LoanEntity[]> = {}) {
    super();
  }

  guaranteedLoans(idNumber: string) {
    this.asked.push(idNumber);
    return Promise.resolve(this.guaranteed[idNumber] ?? []);
  }
}

function loanFile(): LoanFile {
  const { loan, parties } = servicedLoanRecords();
  return {
    loan,
    applicant: parties[0],
    guarantors: parties.slice(1),
    collateral: [],
    contracts: [],
    documentKinds: [],
  };
}

const loanOf = (id: string) => servicedLoanRecords({ id }).loan;
const episode = { id: '70' } as CollectionEpisodeEntity;

/** Risk warnings that keep each raise; `refusing` answers a loan with the error given. */
function warningsWith(refusing: Record<string, Error> = {}) {
  const raised: RaiseWarning[] = [];
  const warnings = {
    raise: (request: RaiseWarning) => {
      const refusal = refusing[request.loanId];
      if (refusal) return Promise.reject(refusal);
      raised.push(request);
      return Promise.resolve({ outcome: 'raised' });
    },
  } as unknown as RiskWarnings;
  return { warnings, raised };
}

const leftServicing = (loanId: string) =>
  new DomainError(
    'LOAN_NOT_IN_SERVICING',
    `Loan ${loanId} is settled: warnings are raised on loans being serviced.`,
  );

describe('the warnings an overdue episode sets off', () => {
  afterEach(() => jest.restoreAllMocks());

  it('warns the loan yellow and every loan the borrower guarantees orange', async () => {
    const file = loanFile();
    const records = new FakeOverdueWarningRecords({
      [APPLICANT_ID_NUMBER]: [loanOf(GUARANTEED_A), loanOf(GUARANTEED_B)],
    });
    const { warnings, raised } = warningsWith();
    await new OverdueWarnings(records, warnings).raiseFor(file, episode, AT);
    expect(records.asked).toEqual([APPLICANT_ID_NUMBER]);
    expect(raised).toEqual([
      {
        loanId: file.loan.id,
        level: 'yellow',
        signal: 'overdue',
        description: 'installment missed: collection episode 70 opened',
        actor: SYSTEM_ACTOR,
        at: AT,
      },
      ...[GUARANTEED_A, GUARANTEED_B].map((loanId) => ({
        loanId,
        level: 'orange',
        signal: 'guarantor-default',
        description: `guarantor 张伟 is in default on loan ${file.loan.id}`,
        actor: SYSTEM_ACTOR,
        at: AT,
      })),
    ]);
  });

  it('warns only the loan itself when the borrower guarantees nothing, and never it twice', async () => {
    const file = loanFile();
    const alone = warningsWith();
    await new OverdueWarnings(new FakeOverdueWarningRecords(), alone.warnings).raiseFor(
      file,
      episode,
      AT,
    );
    expect(alone.raised.map((r) => [r.loanId, r.level])).toEqual([[file.loan.id, 'yellow']]);
    // The borrower stands guarantor on their own loan too: it keeps its yellow warning only.
    const own = warningsWith();
    const records = new FakeOverdueWarningRecords({
      [APPLICANT_ID_NUMBER]: [loanOf(file.loan.id), loanOf(GUARANTEED_A)],
    });
    await new OverdueWarnings(records, own.warnings).raiseFor(file, episode, AT);
    expect(own.raised.map((r) => [r.loanId, r.level])).toEqual([
      [file.loan.id, 'yellow'],
      [GUARANTEED_A, 'orange'],
    ]);
  });

  it('passes over a loan that has just left servicing and warns the others', async () => {
    const log = jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
    const file = loanFile();
    const records = new FakeOverdueWarningRecords({
      [APPLICANT_ID_NUMBER]: [loanOf(GUARANTEED_A), loanOf(GUARANTEED_B)],
    });
    const { warnings, raised } = warningsWith({
      [file.loan.id]: leftServicing(file.loan.id),
      [GUARANTEED_A]: leftServicing(GUARANTEED_A),
    });
    await new OverdueWarnings(records, warnings).raiseFor(file, episode, AT);
    expect(raised.map((r) => [r.loanId, r.level])).toEqual([[GUARANTEED_B, 'orange']]);
    expect(log).toHaveBeenCalledWith(
      `loan ${GUARANTEED_A}: Loan ${GUARANTEED_A} is settled: warnings are raised on loans being serviced.`,
    );
  });

  it('fails the job on any other refusal or error, so it is retried', async () => {
    const file = loanFile();
    const records = new FakeOverdueWarningRecords({
      [APPLICANT_ID_NUMBER]: [loanOf(GUARANTEED_A)],
    });
    const notFound = warningsWith({
      [GUARANTEED_A]: new DomainError('LOAN_NOT_FOUND', `There is no loan ${GUARANTEED_A}.`),
    });
    await expect(
      new OverdueWarnings(records, notFound.warnings).raiseFor(file, episode, AT),
    ).rejects.toThrowDomainError('LOAN_NOT_FOUND');
    const down = warningsWith({ [file.loan.id]: new Error('connection lost') });
    await expect(
      new OverdueWarnings(records, down.warnings).raiseFor(file, episode, AT),
    ).rejects.toThrow('connection lost');
    expect(down.raised).toEqual([]);
  });
});
