import { SYSTEM_ACTOR } from '@loanflow/audit';
import type { BureauReport } from '@loanflow/adapters';
import { RISK_GRADES, RiskGrade } from '@loanflow/domain';
import type { LoanFile, LoanRecords } from '@loanflow/loans';
import { LoanPartyEntity, LoanVerifiedFinancesEntity } from '@loanflow/persistence';
import type { BusinessClock } from '@loanflow/workflow';
import { jobContext } from '@loanflow/test-support/job-context';
import { JOB } from '../origination.contract';
import { APPLICATION, FakeDecisionRecords } from './decision-records.fixture';
import {
  RegradeApplicantInput,
  RegradeApplicantWorker,
  worseGrade,
} from './regrade-applicant.worker';
import { ScoreApplicantInput, ScoreApplicantWorker } from './score-applicant.worker';

const clean: BureauReport = {
  score: 760,
  overdueAccounts: 0,
  maxDaysOverdue: 0,
  inquiriesLast6Months: 0,
  monthlyDebtPayments: '0.00',
};
const troubled: BureauReport = {
  score: 540,
  overdueAccounts: 3,
  maxDaysOverdue: 95,
  inquiriesLast6Months: 9,
  monthlyDebtPayments: '9000.00',
};

const rank = (grade: RiskGrade) => RISK_GRADES.indexOf(grade);

/**
 * An application of 80,000.00 over 36 months with a guarantor: the applicant (born 1990) declares
 * 20,000.00 a month and no debts; the investigation verified `verified` income and debts.
 */
function gradingSteps(
  bureau: BureauReport,
  verified: { incomeMinor: string; debtMinor: string } = { incomeMinor: '2000000', debtMinor: '0' },
) {
  const register = new FakeDecisionRecords();
  const loan = register.loanIn('submitted', {
    guaranteeType: 'guarantor',
    repaymentMethod: 'equal-installment',
    riskGrade: null,
  });
  const applicant = Object.assign(new LoanPartyEntity(), {
    id: '21',
    loanId: APPLICATION,
    role: 'applicant',
    birthDate: '1990-01-01',
    monthlyIncomeMinor: '2000000',
    monthlyDebtMinor: '0',
  });
  const file: LoanFile = {
    loan,
    applicant,
    guarantors: [],
    collateral: [],
    contracts: [],
    documentKinds: [],
  };
  const records = {
    fileForJob: () => Promise.resolve(file),
    withPartiesForJob: () => Promise.resolve(file),
    bureauReportForJob: () => Promise.resolve(bureau),
    verifiedFinancesForJob: () =>
      Promise.resolve(
        Object.assign(new LoanVerifiedFinancesEntity(), {
          loanId: APPLICATION,
          monthlyIncomeMinor: verified.incomeMinor,
          monthlyDebtMinor: verified.debtMinor,
        }),
      ),
  } as unknown as LoanRecords;
  const clock = { today: () => Promise.resolve('2026-04-02') } as unknown as BusinessClock;
  const scorer = new ScoreApplicantWorker(records, register, clock);
  const regrader = new RegradeApplicantWorker(records, register, clock);
  return {
    register,
    score: (jobKey = '2251799813700001') =>
      scorer.handle(
        Object.assign(new ScoreApplicantInput(), { loanId: APPLICATION }),
        jobContext({ type: JOB.score, jobKey }),
      ),
    regrade: (riskGrade?: RiskGrade) =>
      regrader.handle(
        Object.assign(new RegradeApplicantInput(), { loanId: APPLICATION, riskGrade }),
        jobContext({ type: JOB.regrade }),
      ),
  };
}

describe('the application scorecard (origination.score, 评级)', () => {
  it('keeps the grade and points on the loan with each factor in the audit trail', async () => {
    const { register, score } = gradingSteps(clean);
    const { riskGrade, scorecard } = await score();
    expect(register.loan()).toMatchObject({ riskGrade, riskPoints: scorecard.points });
    expect(register.audited).toEqual([
      {
        actor: SYSTEM_ACTOR,
        action: 'credit.score',
        outcome: 'ok',
        loanKey: APPLICATION,
        reason: expect.stringMatching(
          new RegExp(`^grade ${riskGrade} \\(${scorecard.points} points\\): `),
        ) as unknown,
      },
    ]);
    for (const factor of scorecard.factors)
      expect(register.audited[0]?.reason).toContain(`${factor.factor} ${factor.points}`);
  });

  it('grades a troubled bureau record worse than a clean one', async () => {
    const good = await gradingSteps(clean).score();
    const poor = await gradingSteps(troubled).score();
    expect(rank(poor.riskGrade)).toBeGreaterThan(rank(good.riskGrade));
  });

  it('writes once when the job is delivered again', async () => {
    const { register, score } = gradingSteps(clean);
    const first = await score();
    const again = await score('2251799813700002');
    expect(again.riskGrade).toBe(first.riskGrade);
    expect(register.audited).toHaveLength(1);
  });
});

describe('the grade again on verified figures (origination.regrade)', () => {
  it('takes a worse grade when verified debts expose risk, with the verified points', async () => {
    const { register, regrade } = gradingSteps(clean, {
      incomeMinor: '900000',
      debtMinor: '600000',
    });
    const { riskGrade, regrade: detail } = await regrade('A');
    expect(rank(detail.verifiedGrade)).toBeGreaterThan(rank('A'));
    expect(riskGrade).toBe(detail.verifiedGrade);
    expect(register.loan()).toMatchObject({ riskGrade, riskPoints: detail.points });
    expect(register.audited[0]?.reason).toMatch(
      /^verified income 9000\.00 and debts 6000\.00: .* the loan's grade A → /,
    );
  });

  it('never buys a better grade: the declared worse grade stays, its points untouched', async () => {
    const { register, regrade } = gradingSteps(clean);
    register.loan()!.riskPoints = 12;
    const { riskGrade, regrade: detail } = await regrade('D');
    expect(rank(detail.verifiedGrade)).toBeLessThan(rank('D'));
    expect(riskGrade).toBe('D');
    expect(register.loan()).toMatchObject({ riskGrade: 'D', riskPoints: 12 });
  });

  it('keeps the worse of two grades, the first when none was given before', () => {
    expect(worseGrade('B', 'C')).toBe('C');
    expect(worseGrade('D', 'A')).toBe('D');
    expect(worseGrade(null, 'B')).toBe('B');
  });
});
