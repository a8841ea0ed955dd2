import { LOAN_PRODUCTS, DEFAULT_PRODUCT_POLICIES } from './product-policy';

describe('default product policies', () => {
  it('files every policy under its own product, with ordered bounds', () => {
    for (const product of LOAN_PRODUCTS) {
      const policy = DEFAULT_PRODUCT_POLICIES[product];
      expect(policy.product).toBe(product);
      expect(policy.minAmount.compare(policy.maxAmount)).toBe(-1);
      expect(policy.minTermMonths).toBeLessThanOrEqual(policy.maxTermMonths);
      expect(policy.allowedGuaranteeTypes.length).toBeGreaterThan(0);
    }
  });

  it('keeps a consumer loan to 5 years and 1,000.00 to 1,000,000.00', () => {
    const consumer = DEFAULT_PRODUCT_POLICIES.consumer;
    expect(consumer.maxTermMonths).toBe(60);
    expect(consumer.minAmount.toDecimalString()).toBe('1000.00');
    expect(consumer.maxAmount.toDecimalString()).toBe('1000000.00');
    expect(consumer.selfPaymentCeiling?.toDecimalString()).toBe('300000.00');
  });

  it('secures a housing loan by mortgage only and never pays it to the borrower', () => {
    const housing = DEFAULT_PRODUCT_POLICIES.housing;
    expect(housing.allowedGuaranteeTypes).toEqual(['mortgage']);
    expect(housing.selfPaymentCeiling).toBeNull();
    expect([housing.minTermMonths, housing.maxTermMonths, housing.maxAgeAtMaturity]).toEqual([
      12, 360, 70,
    ]);
  });

  it('inspects a business loan first and soonest', () => {
    const days = LOAN_PRODUCTS.map((p) => DEFAULT_PRODUCT_POLICIES[p].firstInspectionDays);
    expect(days).toEqual([30, 90, 15]);
    expect(DEFAULT_PRODUCT_POLICIES.business.selfPaymentCeiling?.toDecimalString()).toBe(
      '500000.00',
    );
    expect(DEFAULT_PRODUCT_POLICIES.business.maxAgeAtMaturity).toBe(65);
  });
});
