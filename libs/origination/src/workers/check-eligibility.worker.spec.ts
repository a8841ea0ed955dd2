import { SYSTEM_ACTOR } from '@loanflow/audit';
import type { BureauReport, CreditBureau } from '@loanflow/adapters';
import type { AppConfig } from '@loanflow/config';
import { requiredDocuments } from '@loanflow/domain';
import type { LoanFile, LoanRecords } from '@loanflow/loans';
import { LoanPartyEntity } from '@loanflow/persistence';
import { jobContext } from '@loanflow/test-support/job-context';
import type { ExistingExposureReader } from '../credit/existing-exposure.reader';
import { JOB } from '../origination.contract';
import { CheckEligibilityInput, CheckEligibilityWorker } from './check-eligibility.worker';
import { APPLICATION, FakeDecisionRecords } from './decision-records.fixture';

const APPLICANT_ID = '330106199001011234';
const GUARANTOR_ID = '330106198505054321';
/** 10:00 in Beijing on 2 April 2026. */
const CHECKED_AT = '2026-04-02T02:00:00.000Z';

const cleanReport: BureauReport = {
  score: 720,
  overdueAccounts: 0,
  maxDaysOverdue: 0,
  inquiriesLast6Months: 1,
  monthlyDebtPayments: '0.00',
};

/** A consumer loan of 80,000.00 over 36 months with one guarantor, every paper uploaded. */
function eligibilityStep(over: { papers?: string[] } = {}) {
  const register = new FakeDecisionRecords();
  const loan = register.loanIn('submitted', {
    guaranteeType: 'guarantor',
    purpose: '装修',
    secondHome: 0,
    repaymentMethod: 'equal-installment',
  });
  const party = (role: string, id: string, idNumber: string, birthDate: string) =>
    Object.assign(new LoanPartyEntity(), {
      id,
      loanId: APPLICATION,
      role,
      name: role === 'applicant' ? '王芳' : '李娜',
      idNumber,
      birthDate,
      monthlyIncomeMinor: '2000000',
      monthlyDebtMinor: '0',
    });
  const file: LoanFile = {
    loan,
    applicant: party('applicant', '21', APPLICANT_ID, '1990-01-01'),
    guarantors: [party('guarantor', '22', GUARANTOR_ID, '1985-05-05')],
    collateral: [],
    contracts: [],
    documentKinds: over.papers ?? requiredDocuments('consumer', 'guarantor'),
  };
  const records = { fileForJob: () => Promise.resolve(file) } as unknown as LoanRecords;
  const exposure = { of: () => Promise.resolve([]) } as unknown as ExistingExposureReader;
  const bureau: CreditBureau = { source: 'pboc-test', query: () => Promise.resolve(cleanReport) };
  const config = { COLLATERAL_LTV_LIMITS: '' } as unknown as AppConfig;
  const worker = new CheckEligibilityWorker(records, register, config, exposure, bureau);
  const check = (papersLapsed = false) =>
    worker.handle(
      Object.assign(new CheckEligibilityInput(), {
        loanId: APPLICATION,
        checkedAt: CHECKED_AT,
        papersLapsed,
      }),
      jobContext({ type: JOB.checkEligibility }),
    );
  return { register, check };
}

describe('the automatic checks of an application (origination.check-eligibility)', () => {
  it('accepts an eligible application: in decision, complete from the check, the guarantor’s assessment kept', async () => {
    const { register, check } = eligibilityStep();
    const { eligibility, creditChecks } = await check();
    expect(eligibility.eligible).toBe(true);
    expect(creditChecks).toEqual({
      ltv: null,
      ltvLimit: null,
      existingExposure: '0.00',
      existingLoans: 0,
    });
    expect(register.loan()).toMatchObject({
      status: 'in-decision',
      applicationCompleteAt: new Date(CHECKED_AT),
    });
    expect(JSON.parse(register.assessments.get('22')!)).toMatchObject({ eligible: true });
    expect(register.audited).toEqual([
      expect.objectContaining({
        actor: SYSTEM_ACTOR,
        action: 'application.check',
        outcome: 'ok',
        loanKey: APPLICATION,
      }),
    ]);
  });

  it('refuses an applicant on the credit warning list, on the trail with the reason', async () => {
    const { register, check } = eligibilityStep();
    register.warningList.add(APPLICANT_ID);
    const { eligibility } = await check();
    expect(eligibility.eligible).toBe(false);
    expect(register.loan()?.status).toBe('refused');
    expect(register.audited[0]).toMatchObject({ outcome: 'refused' });
    expect(register.audited[0]?.reason).toMatch(/warning list/i);
  });

  it('finds a guarantor on the warning list not eligible', async () => {
    const { register, check } = eligibilityStep();
    register.warningList.add(GUARANTOR_ID);
    const { eligibility } = await check();
    expect(eligibility.eligible).toBe(false);
    expect(JSON.parse(register.assessments.get('22')!)).toMatchObject({ eligible: false });
  });

  it('leaves an application with only papers missing submitted, waiting for them', async () => {
    const { register, check } = eligibilityStep({ papers: [] });
    const { eligibility } = await check();
    expect(eligibility).toMatchObject({ eligible: false, onlyPapersMissing: true });
    expect(register.loan()).toMatchObject({ status: 'submitted', applicationCompleteAt: null });
    expect(register.audited[0]?.reason).toMatch(
      /^papers incomplete, waiting for them \(补充材料\): /,
    );
  });

  it('refuses it once the days given for the papers have passed', async () => {
    const { register, check } = eligibilityStep({ papers: [] });
    const { eligibility } = await check(true);
    expect(eligibility.onlyPapersMissing).toBe(false);
    expect(register.loan()?.status).toBe('refused');
    expect(
      eligibility.refusals.every((r) => /not uploaded within the \d+ days given/.test(r.reason)),
    ).toBe(true);
  });

  it('records the check once per job however often it is delivered', async () => {
    const { register, check } = eligibilityStep();
    await check();
    await check();
    expect(register.audited).toHaveLength(1);
  });
});
