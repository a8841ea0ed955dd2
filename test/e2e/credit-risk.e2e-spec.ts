import type { components } from '@loanflow/api-client';
import { checkCharacter } from '@loanflow/domain';
import {
  applyAs,
  approvalOf,
  creditApplication,
  disbursedLoan,
  endEventOf,
  FORM,
  freshApplicant,
  GOOD_INVESTIGATION,
  GUARANTOR,
  guarantorApplication,
  mortgageApplication,
  originationSuite,
  PASSING_REVIEW,
} from '../support';
import { anyNumber } from '../support/expected-text';

type ErrorAnswer = Required<components['schemas']['ErrorAnswer']>;

/** A valid resident ID number for a person born on `birthDate` (YYYY-MM-DD), Hangzhou Xihu. */
function idNumberBornOn(birthDate: string, sequence = '217'): string {
  const first17 = `330106${birthDate.replace(/-/g, '')}${sequence}`;
  return first17 + checkCharacter(first17);
}

/**
 * Credit-risk controls at origination (issue 15): collateral cover, guarantor eligibility, the
 * owner's consent, existing loans with the bank and the re-grade after investigation, each refused
 * at the automatic checks (or at the decision) with its reason, and passing where it should.
 */
/**
 * A dossier and a task as the API answers them. The schema leaves the credit checks, a guarantor's
 * assessment and a task's context open: the parts of them these specs read.
 */
type Dossier = components['schemas']['LoanDossier'] & {
  creditChecks: { exposure: { monthlyInstallments: string } };
  guarantors: { assessment: { grade: string; refusals: { code: string }[] } }[];
};
type TaskDetail = components['schemas']['TaskDetail'] & {
  context: { eligibility: { missingDocuments: unknown } };
};

describe('credit risk at origination: loan-to-value, guarantors, owner consent, exposure, re-grading', () => {
  const suite = originationSuite();

  /** Applies, waits for the instance to end at the checks, and returns the refusal recorded. */
  async function refusedAtChecks(body: object) {
    const { desk, processInstanceKey } = await applyAs(suite.staff, body);
    expect(await endEventOf(suite.stack.records, processInstanceKey)).toBe('NotGranted');
    const dossier = (await desk.dossier()).body as Dossier;
    expect(dossier.status).toBe('refused');
    expect(dossier.decision!.stage).toBe('automatic-checks');
    return dossier;
  }

  const housing = (amount: string, appraisedValue: string, more: Record<string, unknown> = {}) => {
    const base = mortgageApplication(more) as Record<string, unknown>;
    const [house] = base.collateral as Record<string, unknown>[];
    return { ...base, amount, collateral: [{ ...house, appraisedValue }] };
  };

  describe('collateral cover (抵贷比)', () => {
    it('refuses a first-home loan one fen above 70% of the appraisal, with the figure and the limit', async () => {
      const dossier = await refusedAtChecks(housing('1400000.01', '2000000.00'));
      expect(dossier.decision!.reasons).toMatch(
        /loan-to-value 70\.00% is above the limit of 70\.00%: 1400000\.01 asked on collateral appraised at 2000000\.00, which secures at most 1400000\.00/,
      );
      expect(dossier.creditChecks.collateralCover).toMatchObject({ within: false });
    });

    it('refuses a declared second home above 60%', async () => {
      const dossier = await refusedAtChecks(
        housing('1300000.00', '2000000.00', { secondHome: true }),
      );
      expect(dossier.decision!.reasons).toMatch(
        /loan-to-value 65\.00% is above the limit of 60\.00%/,
      );
      expect(dossier.creditChecks.secondHome).toBe(true);
    });

    it('passes at the limit, shows the LTV to review and approval, and refuses an approval that breaks it', async () => {
      const { desk, loanId } = await applyAs(suite.staff, housing('1400000.00', '2000000.00'));
      await desk.completeOk('li.cm', FORM.investigation, GOOD_INVESTIGATION);

      const review = await suite.staff.waitForTask('wang.reviewer', loanId, FORM.review);
      const reviewDetail = (await suite.staff.get('wang.reviewer', `/api/tasks/${review.id}`))
        .body as TaskDetail;
      expect(reviewDetail.loan).toMatchObject({ ltv: '0.7000', ltvLimit: '0.7000' });
      expect(reviewDetail.context.creditChecks).toMatchObject({
        ltv: '0.7000',
        ltvLimit: '0.7000',
      });
      await desk.completeOk('wang.reviewer', FORM.review, PASSING_REVIEW);

      const approval = await suite.staff.waitForTask('zhao.approver', loanId, FORM.approval);
      const approvalDetail = (await suite.staff.get('zhao.approver', `/api/tasks/${approval.id}`))
        .body as TaskDetail;
      expect(approvalDetail.loan).toMatchObject({ ltv: '0.7000', ltvLimit: '0.7000' });

      // Even a counter-offer may not lend beyond what the collateral secures.
      const above = await desk.complete('zhao.approver', FORM.approval, {
        ...approvalOf('1500000.00', 240, '0.0350'),
        counterOffer: true,
        reasons: 'the applicant asked for the renovation on top of the purchase',
      });
      expect(above.status).toBe(400);
      expect((above.body as ErrorAnswer).code).toBe('DECISION_OUT_OF_BOUNDS');
      const amountError = (above.body as ErrorAnswer).fieldErrors.find(
        (e: { field: string }) => e.field === 'answer.amount',
      );
      expect(amountError?.reasons.join()).toMatch(
        /loan-to-value of 75\.00%, above the limit of 70\.00%/,
      );

      await desk.completeOk(
        'zhao.approver',
        FORM.approval,
        approvalOf('1400000.00', 240, '0.0350'),
      );
      await suite.staff.waitForTask('li.cm', loanId, FORM.contracts);
      const dossier = (await desk.dossier()).body as Dossier;
      expect(dossier.creditChecks.collateralCover).toMatchObject({
        ltv: '0.7000',
        limit: '0.7000',
        within: true,
      });
    });
  });

  describe('guarantor eligibility (保证人资格和保证能力)', () => {
    const withGuarantor = (guarantor: Record<string, unknown>) =>
      guarantorApplication({ guarantors: [{ ...GUARANTOR, ...guarantor }] });
    const codesOf = (dossier: { guarantors: { assessment: { refusals: { code: string }[] } }[] }) =>
      dossier.guarantors[0].assessment.refusals.map((r) => r.code);

    it('refuses a guarantor born in 2012 (a minor)', async () => {
      const dossier = await refusedAtChecks(
        withGuarantor({ idNumber: idNumberBornOn('2012-06-01'), monthlyIncome: '100000.00' }),
      );
      expect(dossier.decision!.reasons).toMatch(
        /guarantor 1 is 1[4-7]; a guarantor must be an adult of 18 or over/,
      );
      expect(codesOf(dossier)).toContain('GUARANTOR_CIVIL_CAPACITY');
    });

    it('refuses a guarantor past the age limit at maturity', async () => {
      const dossier = await refusedAtChecks(
        withGuarantor({ idNumber: idNumberBornOn('1966-01-01'), monthlyIncome: '100000.00' }),
      );
      expect(dossier.decision!.reasons).toMatch(
        /guarantor 1 would be 6[1-9] when the loan matures on .*; a guarantor of a consumer loan must be at most 60 then/,
      );
    });

    it('refuses a guarantor on the credit warning list (found by the blind index)', async () => {
      const dossier = await refusedAtChecks(
        withGuarantor({ idNumber: '330106198505050019', monthlyIncome: '100000.00' }),
      );
      expect(dossier.decision!.reasons).toMatch(/guarantor 1 is on the credit warning list/);
      expect(codesOf(dossier)).toContain('GUARANTOR_WARNING_LIST');
      // The applicant is not on the list: the reason names the guarantor only.
      expect(dossier.decision!.reasons).not.toMatch(/the applicant is on the credit warning list/);
    });

    it('refuses a guarantor the bureau grades D', async () => {
      const dossier = await refusedAtChecks(
        withGuarantor({ idNumber: '330106198001015017', monthlyIncome: '100000.00' }),
      );
      expect(codesOf(dossier)).toEqual(['GUARANTOR_BUREAU_GRADE']);
      expect(dossier.guarantors[0].assessment).toMatchObject({ grade: 'D', eligible: false });
      expect(dossier.decision!.reasons).toMatch(/guarantor 1 grades D .* bureau score 520/);
    });

    it('refuses a guarantor whose income cannot carry the installment on top of their debts', async () => {
      const dossier = await refusedAtChecks(
        withGuarantor({ monthlyIncome: '8000.00', monthlyDebtPayments: '2000.00' }),
      );
      expect(codesOf(dossier)).toContain('GUARANTOR_CAPACITY');
      expect(dossier.decision!.reasons).toMatch(/of a monthly income of 8000\.00; at most 0\.55/);
    });

    it('accepts an eligible guarantor, asks the investigation to assess them and shows it in the dossier', async () => {
      const { desk, loanId } = await applyAs(suite.staff, guarantorApplication());
      const refused = await desk.complete('li.cm', FORM.investigation, {
        ...GOOD_INVESTIGATION,
        guarantorsVerified: false,
        guarantorAssessment: undefined,
      });
      expect(refused.status).toBe(400);
      expect((refused.body as ErrorAnswer).code).toBe('DECISION_OUT_OF_BOUNDS');
      expect(
        (refused.body as ErrorAnswer).fieldErrors.map((e: { field: string }) => e.field).sort(),
      ).toEqual(['answer.guarantorAssessment', 'answer.guarantorsVerified']);
      await desk.completeOk('li.cm', FORM.investigation, GOOD_INVESTIGATION);
      await suite.staff.waitForTask('wang.reviewer', loanId, FORM.review);

      const dossier = (await desk.dossier()).body as Dossier;
      expect(dossier.guarantors[0].assessment).toMatchObject({
        label: 'guarantor 1',
        eligible: true,
        onWarningList: false,
        age: anyNumber(),
        maxDebtToIncome: '0.55',
      });
      expect(['A', 'B', 'C']).toContain(dossier.guarantors[0].assessment.grade);
      const investigation = dossier.decisions.find(
        (d) => d.action === 'task.complete' && d.actor === 'li.cm' && d.outcome === 'ok',
      );
      expect(investigation?.summary).toContain(GOOD_INVESTIGATION.guarantorAssessment);
    });
  });

  describe('the owner’s consent (有处分权人同意)', () => {
    const spouse = freshApplicant({ name: '李娜 Li Na' });
    const ofSpouse = (documents?: string[]) => {
      const base = mortgageApplication() as Record<string, unknown>;
      const [house] = base.collateral as Record<string, unknown>[];
      return {
        ...base,
        collateral: [{ ...house, ownerName: spouse.name, ownerIdNumber: spouse.idNumber }],
        documents: documents ?? (base.documents as string[]),
      };
    };

    it('asks for the written consent to collateral of someone else before accepting it', async () => {
      // Only a paper missing: intake waits for it (补充材料) rather than refusing.
      const { desk, loanId } = await applyAs(suite.staff, ofSpouse());
      const papers = await suite.staff.waitForTask('li.cm', loanId, 'loanflow:papers-supplement');
      const detail = (await suite.staff.get('li.cm', `/api/tasks/${papers.id}`)).body as TaskDetail;
      expect(detail.context.eligibility.missingDocuments).toEqual(['collateral-owner-consent']);
      const refused = await desk.complete('li.cm', 'loanflow:papers-supplement', {});
      expect(refused.status).toBe(400);
      expect((refused.body as ErrorAnswer).message).toMatch(/collateral-owner-consent/);
      await desk.upload('li.cm', 'collateral-owner-consent');
      await desk.completeOk('li.cm', 'loanflow:papers-supplement', {});
      await suite.staff.waitForTask('li.cm', loanId, FORM.investigation);
    });

    it('takes it with the consent, and a review passes only having checked it', async () => {
      const base = ofSpouse();
      const { desk, loanId } = await applyAs(
        suite.staff,
        ofSpouse([...base.documents, 'collateral-owner-consent']),
      );
      await desk.completeOk('li.cm', FORM.investigation, GOOD_INVESTIGATION);
      const unchecked = await desk.complete('wang.reviewer', FORM.review, PASSING_REVIEW);
      expect(unchecked.status).toBe(400);
      expect((unchecked.body as ErrorAnswer).code).toBe('DECISION_OUT_OF_BOUNDS');
      expect(
        (unchecked.body as ErrorAnswer).fieldErrors.map((e: { field: string }) => e.field),
      ).toEqual(['answer.ownerConsentChecked']);
      await desk.completeOk('wang.reviewer', FORM.review, {
        ...PASSING_REVIEW,
        ownerConsentChecked: true,
      });
      await suite.staff.waitForTask('zhao.approver', loanId, FORM.approval);
    });
  });

  describe('existing loans with the bank (存量贷款)', () => {
    it('adds what the applicant still owes to the amount the approval level is judged on', async () => {
      const applicant = freshApplicant();
      await disbursedLoan(suite.stack, { applicant });
      // 295,000.00 alone is within the branch's 300,000.00; with the 12,000.00 owed it is not.
      const { desk, loanId } = await applyAs(
        suite.staff,
        creditApplication({ applicant, amount: '295000.00' }),
      );
      await desk.throughReview();
      const approval = await suite.staff.waitForTask('zhao.approver', loanId, FORM.approval);
      const detail = (await suite.staff.get('zhao.approver', `/api/tasks/${approval.id}`))
        .body as TaskDetail;
      expect(detail.loan).toMatchObject({
        existingExposure: '12000.00',
        approval: { level: 'branch', requiredLevel: 'center' },
      });
      const dossier = (await desk.dossier()).body as Dossier;
      expect(dossier.creditChecks.exposure).toMatchObject({
        loans: 1,
        outstanding: '12000.00',
        overdueLoans: [],
      });
      expect(Number(dossier.creditChecks.exposure.monthlyInstallments)).toBeGreaterThan(1000);
    });
  });

  describe('the investigation re-grades (调查后重新评级)', () => {
    it('a worse grade on the verified income raises the approval level', async () => {
      const { desk, loanId } = await applyAs(
        suite.staff,
        creditApplication({ amount: '250000.00' }),
      );
      await desk.completeOk('li.cm', FORM.investigation, {
        ...GOOD_INVESTIGATION,
        monthlyIncome: '12000.00',
        monthlyDebtPayments: '3000.00',
      });
      const review = await suite.staff.waitForTask('wang.reviewer', loanId, FORM.review);
      const detail = (await suite.staff.get('wang.reviewer', `/api/tasks/${review.id}`))
        .body as TaskDetail;
      expect(detail.loan!.riskGrade).toBe('C');
      expect(detail.context.regrade).toMatchObject({
        previousGrade: 'A',
        verifiedGrade: 'C',
        grade: 'C',
      });
      await desk.completeOk('wang.reviewer', FORM.review, PASSING_REVIEW);
      // Grade C: a consumer loan of 250,000.00 needs the center head (the branch holds A and B).
      const approval = await suite.staff.waitForTask('zhao.approver', loanId, FORM.approval);
      const approvalDetail = (await suite.staff.get('zhao.approver', `/api/tasks/${approval.id}`))
        .body as TaskDetail;
      expect(approvalDetail.loan!.approval).toEqual({ level: 'branch', requiredLevel: 'center' });
      await desk.completeOk('zhao.approver', FORM.approval, approvalOf('250000.00', 36, '0.0600'));
      await suite.staff.waitForTask('chen.center', loanId, FORM.approval);
      const dossier = (await desk.dossier()).body as Dossier;
      expect(dossier.riskGrade).toBe('C');
      expect(
        dossier.decisions.some(
          (d: { action: string; summary: string | null }) =>
            d.action === 'credit.regrade' && /grade A → C/.test(d.summary ?? ''),
        ),
      ).toBe(true);
    });
  });
});
