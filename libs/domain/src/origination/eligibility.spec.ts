import { Money } from '../money/money';
import { ApplicationFacts, checkEligibility } from './eligibility';
import { DEFAULT_PRODUCT_POLICIES } from './product-policy';
import { requiredDocuments } from './required-documents';

const yuan = (amount: string) => Money.parse(amount);
const TODAY = '2026-05-01';
const { consumer, housing } = DEFAULT_PRODUCT_POLICIES;

const renovation: ApplicationFacts = {
  applicantBirthDate: '1990-06-15',
  product: 'consumer',
  amount: yuan('50000.00'),
  termMonths: 36,
  purpose: 'home renovation',
  guaranteeType: 'credit',
  guarantorCount: 0,
  collateralCount: 0,
  documentsProvided: requiredDocuments('consumer', 'credit'),
};
const check = (changes: Partial<ApplicationFacts>, onWarningList = false) =>
  checkEligibility({ ...renovation, ...changes }, consumer, TODAY, onWarningList);
const codes = (changes: Partial<ApplicationFacts>, onWarningList = false) =>
  check(changes, onWarningList).refusals.map((refusal) => refusal.code);

describe('eligibility at intake (受理)', () => {
  it('accepts a complete application within policy', () => {
    expect(check({})).toEqual({
      eligible: true,
      refusals: [],
      missingDocuments: [],
      onlyPapersMissing: false,
    });
  });

  it('refuses a minor, counting the 18th birthday itself as adult', () => {
    expect(check({ applicantBirthDate: '2008-05-02' }).refusals).toEqual([
      {
        code: 'CIVIL_CAPACITY',
        reason: 'the applicant is 17; the bank lends only to adults of 18 or over',
      },
    ]);
    expect(codes({ applicantBirthDate: '2008-05-01' })).toEqual([]);
  });

  it('refuses when the applicant would be past the upper age at maturity', () => {
    // Born 1968-06-15: 60 on 2028-06-15, 61 on 2029-06-15.
    expect(codes({ applicantBirthDate: '1968-06-15', termMonths: 37 })).toEqual([]); // matures 2029-06-01 at 60
    expect(check({ applicantBirthDate: '1968-06-15', termMonths: 38 }).refusals).toEqual([
      {
        code: 'CIVIL_CAPACITY',
        reason:
          'the applicant would be 61 when the loan matures on 2029-07-01; a consumer loan must be repaid by age 60',
      },
    ]);
  });

  it('applies the product’s own upper age: 70 for housing', () => {
    const application: ApplicationFacts = {
      ...renovation,
      applicantBirthDate: '1968-06-15',
      product: 'housing',
      amount: yuan('800000.00'),
      termMonths: 120, // matures 2036-05-01 at 67
      guaranteeType: 'mortgage',
      collateralCount: 1,
      documentsProvided: requiredDocuments('housing', 'mortgage'),
    };
    expect(checkEligibility(application, housing, TODAY, false).eligible).toBe(true);
    expect(
      checkEligibility({ ...application, termMonths: 240 }, housing, TODAY, false).refusals,
    ).toEqual([expect.objectContaining({ code: 'CIVIL_CAPACITY' })]);
  });

  it('refuses an applicant on the credit warning list', () => {
    expect(check({}, true).refusals).toEqual([
      {
        code: 'CREDIT_WARNING_LIST',
        reason: 'the applicant is on the credit warning list (客户信用预警名单)',
      },
    ]);
  });

  it('refuses amounts outside the bounds, both ends inclusive', () => {
    expect(codes({ amount: yuan('1000.00') })).toEqual([]);
    expect(codes({ amount: yuan('1000000.00') })).toEqual([]);
    expect(check({ amount: yuan('999.99') }).refusals).toEqual([
      {
        code: 'AMOUNT_OUT_OF_BOUNDS',
        reason: 'a consumer loan is from 1000.00 to 1000000.00 CNY; 999.99 was asked',
      },
    ]);
    expect(codes({ amount: yuan('1000000.01') })).toEqual(['AMOUNT_OUT_OF_BOUNDS']);
  });

  it('refuses a consumer term beyond 60 months, saying so', () => {
    expect(codes({ termMonths: 60 })).toEqual([]);
    expect(check({ termMonths: 61 }).refusals).toEqual([
      {
        code: 'TERM_OUT_OF_BOUNDS',
        reason: 'a consumer loan is at most 60 months; 61 were asked',
      },
    ]);
    expect(codes({ termMonths: 0 })).toEqual(['TERM_OUT_OF_BOUNDS']);
    expect(codes({ termMonths: 12.5 })).toEqual(['TERM_OUT_OF_BOUNDS']);
  });

  it('refuses a guarantee the product does not allow', () => {
    const application: ApplicationFacts = {
      ...renovation,
      product: 'housing',
      amount: yuan('800000.00'),
      termMonths: 240,
      documentsProvided: requiredDocuments('housing', 'credit'),
    };
    expect(checkEligibility(application, housing, TODAY, false).refusals).toEqual([
      {
        code: 'GUARANTEE_NOT_ALLOWED',
        reason: 'a housing loan may be secured only by mortgage (抵押); credit (信用) was offered',
      },
    ]);
  });

  it('needs a guarantor for a guarantor loan and collateral for a mortgage or pledge', () => {
    const guarantorDocs = requiredDocuments('consumer', 'guarantor');
    expect(
      codes({ guaranteeType: 'guarantor', guarantorCount: 0, documentsProvided: guarantorDocs }),
    ).toEqual(['GUARANTOR_MISSING']);
    expect(
      codes({ guaranteeType: 'guarantor', guarantorCount: 2, documentsProvided: guarantorDocs }),
    ).toEqual([]);
    const collateralDocs = requiredDocuments('consumer', 'pledge');
    expect(
      codes({ guaranteeType: 'pledge', collateralCount: 0, documentsProvided: collateralDocs }),
    ).toEqual(['COLLATERAL_MISSING']);
    expect(
      codes({ guaranteeType: 'mortgage', collateralCount: 1, documentsProvided: collateralDocs }),
    ).toEqual([]);
  });

  it('needs a stated purpose', () => {
    expect(codes({ purpose: '   ' })).toEqual(['PURPOSE_MISSING']);
  });

  it('names the missing documents', () => {
    expect(check({ documentsProvided: ['id-card', 'income-proof'] }).refusals).toEqual([
      {
        code: 'DOCUMENTS_MISSING',
        reason:
          'missing documents: 征信授权书 (credit-authorization), 贷款用途证明 (purpose-evidence)',
      },
    ]);
  });

  it('waits for papers only when nothing but papers is wrong', () => {
    const papers = check({ documentsProvided: ['id-card', 'income-proof'] });
    expect(papers.missingDocuments).toEqual(['credit-authorization', 'purpose-evidence']);
    expect(papers.onlyPapersMissing).toBe(true);
    // Another reason refuses at once: the papers would change nothing.
    const refused = check({ documentsProvided: ['id-card'], termMonths: 72 });
    expect(refused.onlyPapersMissing).toBe(false);
    expect(refused.missingDocuments).toContain('credit-authorization');
    expect(check({ termMonths: 72 }).onlyPapersMissing).toBe(false);
  });

  it('collects every reason at once', () => {
    expect(
      codes(
        {
          applicantBirthDate: '2010-01-01',
          amount: yuan('2000000.00'),
          termMonths: 72,
          purpose: '',
          guaranteeType: 'guarantor',
          documentsProvided: [],
        },
        true,
      ),
    ).toEqual([
      'CIVIL_CAPACITY',
      'CREDIT_WARNING_LIST',
      'AMOUNT_OUT_OF_BOUNDS',
      'TERM_OUT_OF_BOUNDS',
      'GUARANTOR_MISSING',
      'PURPOSE_MISSING',
      'DOCUMENTS_MISSING',
    ]);
  });

  it('refuses to judge with another product’s policy or a bad date', () => {
    expect(() => checkEligibility(renovation, housing, TODAY, false)).toThrowDomainError(
      'POLICY_PRODUCT_MISMATCH',
    );
    expect(() => checkEligibility(renovation, consumer, '2026-02-30', false)).toThrowDomainError(
      'DATE_INVALID',
      { details: { field: 'today' } },
    );
    expect(() =>
      checkEligibility({ ...renovation, applicantBirthDate: '1990-13-01' }, consumer, TODAY, false),
    ).toThrowDomainError('DATE_INVALID');
  });

  it('refuses on the credit-risk findings: loan-to-value, guarantors, existing loans', () => {
    const cover = {
      ltv: '0.8000',
      limit: '0.7000',
      appraisedValue: '62500.00',
      lendableValue: '43750.00',
      within: false,
    };
    const result = check(
      {
        guaranteeType: 'mortgage',
        collateralCount: 1,
        documentsProvided: requiredDocuments('consumer', 'mortgage'),
      },
      false,
    );
    expect(result.eligible).toBe(true);
    const refused = checkEligibility(
      {
        ...renovation,
        guaranteeType: 'mortgage',
        collateralCount: 1,
        documentsProvided: requiredDocuments('consumer', 'mortgage'),
      },
      consumer,
      TODAY,
      false,
      {
        collateralCover: cover,
        exposure: [{ code: 'EXISTING_LOAN_OVERDUE', reason: 'loan LN1 is 5 days past due' }],
      },
    );
    expect(refused.refusals.map((r) => r.code)).toEqual([
      'COLLATERAL_COVER',
      'EXISTING_LOAN_OVERDUE',
    ]);
    expect(refused.refusals[0].reason).toMatch(/loan-to-value 80.00% is above the limit of 70.00%/);
    // An unsecured loan has no cover to judge.
    expect(check({}).eligible).toBe(true);
  });

  it('asks for the owner’s consent when the collateral is someone else’s', () => {
    const secured = {
      guaranteeType: 'mortgage' as const,
      collateralCount: 1,
      documentsProvided: requiredDocuments('consumer', 'mortgage'),
    };
    expect(codes({ ...secured, thirdPartyCollateral: false })).toEqual([]);
    const refused = check({ ...secured, thirdPartyCollateral: true });
    expect(refused.refusals.map((r) => r.code)).toEqual(['DOCUMENTS_MISSING']);
    expect(refused.refusals[0].reason).toContain('collateral-owner-consent');
    expect(
      codes({
        ...secured,
        thirdPartyCollateral: true,
        documentsProvided: [...secured.documentsProvided, 'collateral-owner-consent'],
      }),
    ).toEqual([]);
  });
});
