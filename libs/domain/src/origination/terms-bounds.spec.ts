import { Money } from '../money/money';
import { DEFAULT_REFERENCE_RATES } from './pricing-grid';
import { DEFAULT_PRODUCT_POLICIES } from './product-policy';
import {
  ApprovedTerms,
  assertTermsWithinBounds,
  counterOfferProblems,
  TermsContext,
  termsProblems,
} from './terms-bounds';
import { anyText, textContaining } from '@loanflow/test-support/expected-text';

const yuan = (amount: string) => Money.parse(amount);
const consumerA: TermsContext = {
  product: 'consumer',
  grade: 'A',
  referenceRates: DEFAULT_REFERENCE_RATES,
};
const applied = { amount: yuan('200000.00'), termMonths: 36 };
const fields = (problems: { field: string }[]) => problems.map((p) => p.field);

describe('approved terms within bounds', () => {
  describe('the reviewer’s recommendation', () => {
    it('accepts terms within the application, the product and the grid', () => {
      expect(
        termsProblems(
          {
            stage: 'recommendation',
            applied,
            amount: yuan('150000.00'),
            termMonths: 48,
            annualRate: '0.0435',
          },
          consumerA,
        ),
      ).toEqual([]);
    });

    it('accepts a recommendation that sets nothing', () => {
      expect(termsProblems({ stage: 'recommendation', applied }, consumerA)).toEqual([]);
    });

    it('never recommends more than was applied for', () => {
      expect(
        termsProblems({ stage: 'recommendation', applied, amount: yuan('200000.01') }, consumerA),
      ).toEqual([
        {
          field: 'recommendedAmount',
          reason:
            '200000.01 is above the 200000.00 applied for: a recommendation never lends more than was asked',
        },
      ]);
    });

    it('returns every problem at once, on the form’s fields', () => {
      const problems = termsProblems(
        {
          stage: 'recommendation',
          applied: { amount: yuan('2000000.00'), termMonths: 36 },
          amount: yuan('1500000.00'),
          termMonths: 72,
          annualRate: '0.0200',
        },
        consumerA,
      );
      expect(problems).toEqual([
        {
          field: 'recommendedAmount',
          reason:
            '1500000.00 is outside 1000.00–1000000.00 for a personal consumer loan (个人消费贷款)',
        },
        {
          field: 'recommendedTermMonths',
          reason: '72 months is outside 1–60 months for a personal consumer loan (个人消费贷款)',
        },
        {
          field: 'recommendedAnnualRate',
          reason: textContaining('below the floor 0.0350 for a consumer loan of grade A'),
        },
      ]);
    });

    it('prices the rate on the term applied for when the recommendation keeps it', () => {
      const housing: TermsContext = { ...consumerA, product: 'housing' };
      const problems = termsProblems(
        {
          stage: 'recommendation',
          applied: { amount: yuan('1500000.00'), termMonths: 240 },
          annualRate: '0.0310',
        },
        housing,
      );
      expect(problems[0].reason).toContain('below the floor 0.0320');
      expect(problems[0].reason).toContain('LPR5Y');
    });
  });

  describe('the approver’s decision', () => {
    const approval = (extra: Partial<ApprovedTerms> = {}): ApprovedTerms => ({
      stage: 'approval',
      applied,
      amount: yuan('200000.00'),
      termMonths: 36,
      annualRate: '0.0435',
      reasons: 'income verified, low debt',
      ...extra,
    });

    it('accepts the terms applied for, and less', () => {
      expect(termsProblems(approval(), consumerA)).toEqual([]);
      expect(termsProblems(approval({ amount: yuan('100000.00') }), consumerA)).toEqual([]);
    });

    it('refuses more than applied for unless it is a counter-offer', () => {
      expect(termsProblems(approval({ amount: yuan('250000.00') }), consumerA)).toEqual([
        {
          field: 'amount',
          reason:
            '250000.00 is above the 200000.00 applied for: only a counter-offer may lend more',
        },
      ]);
      expect(
        termsProblems(approval({ amount: yuan('250000.00'), counterOffer: true }), consumerA),
      ).toEqual([]);
    });

    it('holds the approver to a lower recommended amount unless it is a counter-offer', () => {
      const recommended = { recommendedAmount: yuan('150000.00') };
      expect(termsProblems(approval(recommended), consumerA)).toEqual([
        {
          field: 'amount',
          reason:
            '200000.00 is above the 150000.00 the reviewer recommended: only a counter-offer may lend more',
        },
      ]);
      expect(
        termsProblems(approval({ ...recommended, amount: yuan('150000.00') }), consumerA),
      ).toEqual([]);
      // A recommendation above the application does not raise the cap.
      expect(
        fields(
          termsProblems(
            approval({ recommendedAmount: yuan('300000.00'), amount: yuan('300000.00') }),
            consumerA,
          ),
        ),
      ).toEqual(['amount']);
    });

    it('keeps even a counter-offer within the product and the grid', () => {
      expect(
        fields(
          termsProblems(
            approval({
              amount: yuan('1200000.00'),
              termMonths: 0,
              annualRate: '0.1300',
              counterOffer: true,
            }),
            consumerA,
          ),
        ),
      ).toEqual(['amount', 'termMonths', 'annualRate']);
    });

    it('prices on the grade: a D loan may not have an A price', () => {
      expect(
        termsProblems(approval({ annualRate: '0.0350' }), { ...consumerA, grade: 'D' }),
      ).toEqual([
        {
          field: 'annualRate',
          reason: textContaining('0.0350 is below the floor 0.0400'),
        },
      ]);
    });

    it('throws every problem as TERMS_OUT_OF_BOUNDS', () => {
      expect(() =>
        assertTermsWithinBounds(
          approval({ amount: yuan('250000.00'), annualRate: '0.1250' }),
          consumerA,
        ),
      ).toThrowDomainError('TERMS_OUT_OF_BOUNDS', {
        message: /^the terms are out of bounds: amount .*; annualRate /,
        details: {
          problems: [
            { field: 'amount', reason: anyText() },
            { field: 'annualRate', reason: anyText() },
          ],
        },
      });
      expect(() => assertTermsWithinBounds(approval(), consumerA)).not.toThrow();
    });

    it('refuses a policy for another product', () => {
      expect(() =>
        termsProblems(approval(), { ...consumerA, policy: DEFAULT_PRODUCT_POLICIES.housing }),
      ).toThrowDomainError('POLICY_PRODUCT_MISMATCH');
    });
  });

  describe('a counter-offer', () => {
    const request = { amount: yuan('200000.00'), termMonths: 36, annualRate: '0.0435' };
    const reasons = 'a longer term keeps the payment within 40% of income';

    it('differs from the request in amount, term or rate', () => {
      expect(
        counterOfferProblems({ ...request, amount: yuan('250000.00'), reasons }, request),
      ).toEqual([]);
      expect(counterOfferProblems({ ...request, termMonths: 48, reasons }, request)).toEqual([]);
      expect(counterOfferProblems({ ...request, annualRate: '0.0500', reasons }, request)).toEqual(
        [],
      );
    });

    it('is refused when it repeats the request, however the rate is written', () => {
      expect(
        counterOfferProblems({ ...request, annualRate: '0.043500', reasons }, request),
      ).toEqual([
        {
          field: 'counterOffer',
          reason:
            'a counter-offer must differ from the request in amount, term or rate; these are the terms asked for',
        },
      ]);
    });

    it('differs by rate only when the request named a rate', () => {
      const noRate = { amount: request.amount, termMonths: 36 };
      expect(
        fields(counterOfferProblems({ ...request, annualRate: '0.0500', reasons }, noRate)),
      ).toEqual(['counterOffer']);
    });

    it('gives its reasons', () => {
      for (const missing of [undefined, null, '', '   too short'])
        expect(
          counterOfferProblems({ ...request, termMonths: 48, reasons: missing }, request),
        ).toEqual([
          {
            field: 'reasons',
            reason: 'a counter-offer must give its reasons in at least 10 characters',
          },
        ]);
    });

    it('is checked as part of an approval marked as one', () => {
      expect(
        fields(
          termsProblems(
            {
              stage: 'approval',
              applied,
              amount: applied.amount,
              termMonths: applied.termMonths,
              annualRate: '0.0435',
              counterOffer: true,
              reasons: '',
            },
            consumerA,
          ),
        ),
      ).toEqual(['counterOffer', 'reasons']);
    });
  });

  describe('a restructuring decision', () => {
    it('accepts an extended total within the product’s maximum', () => {
      expect(
        termsProblems(
          { stage: 'restructuring', originalTermMonths: 36, extraMonths: 18, annualRate: '0.0435' },
          consumerA,
        ),
      ).toEqual([]);
    });

    it('refuses a total beyond the maximum, counting earlier extensions', () => {
      expect(
        termsProblems(
          {
            stage: 'restructuring',
            originalTermMonths: 36,
            extendedSoFarMonths: 12,
            extraMonths: 13,
            annualRate: '0.0435',
          },
          consumerA,
        ),
      ).toEqual([
        {
          field: 'extraMonths',
          reason:
            'the extended term of 61 months (36 + 12 extended before + 13) exceeds the 60-month maximum for a personal consumer loan (个人消费贷款)',
        },
      ]);
    });

    it('prices the rate on the new total term: a housing loan past 5 years moves to the 5-year LPR', () => {
      const housing: TermsContext = { ...consumerA, product: 'housing' };
      const decision = {
        stage: 'restructuring' as const,
        originalTermMonths: 48,
        extraMonths: 24,
        annualRate: '0.0280',
      };
      expect(termsProblems(decision, housing)).toEqual([
        {
          field: 'annualRate',
          reason: textContaining('below the floor 0.0320 for a housing loan of grade A (LPR5Y'),
        },
      ]);
      expect(termsProblems({ ...decision, extraMonths: 12 }, housing)).toEqual([]);
    });

    it('refuses extra months that are not whole months', () => {
      expect(
        fields(
          termsProblems(
            {
              stage: 'restructuring',
              originalTermMonths: 36,
              extraMonths: 0,
              annualRate: '0.0435',
            },
            consumerA,
          ),
        ),
      ).toEqual(['extraMonths']);
    });
  });
});
