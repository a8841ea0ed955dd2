import { Money } from '../money/money';
import {
  disbursementChecklist,
  DisbursementFacts,
  unmetDisbursementConditions,
} from './disbursement-conditions';
import { DEFAULT_PRODUCT_POLICIES } from './product-policy';

const yuan = (amount: string) => Money.parse(amount);

const housingLoan: DisbursementFacts = {
  contracts: [
    { kind: 'loan', effective: true },
    { kind: 'mortgage', effective: true },
  ],
  guaranteeType: 'mortgage',
  guarantorCount: 0,
  collateralRegistered: true,
  documentsOnFile: ['id-card', 'contract', 'collateral-certificate'],
  paymentMethod: 'entrusted',
  product: 'housing',
  amount: yuan('800000.00'),
  policy: DEFAULT_PRODUCT_POLICIES.housing,
};
const consumerLoan: DisbursementFacts = {
  contracts: [{ kind: 'loan', effective: true }],
  guaranteeType: 'credit',
  guarantorCount: 0,
  collateralRegistered: false,
  documentsOnFile: ['contract'],
  paymentMethod: 'self',
  product: 'consumer',
  amount: yuan('300000.00'),
  policy: DEFAULT_PRODUCT_POLICIES.consumer,
};
const codes = (facts: DisbursementFacts) =>
  unmetDisbursementConditions(facts).map((condition) => condition.code);

describe('disbursement conditions (放款条件)', () => {
  it('clears a housing loan whose contracts are in force and mortgage registered', () => {
    expect(unmetDisbursementConditions(housingLoan)).toEqual([]);
  });

  it('holds a loan whose loan contract is signed but not yet in force', () => {
    expect(
      unmetDisbursementConditions({
        ...housingLoan,
        contracts: [
          { kind: 'loan', effective: false },
          { kind: 'mortgage', effective: true },
        ],
      }),
    ).toEqual([
      {
        code: 'LOAN_CONTRACT_NOT_EFFECTIVE',
        reason: 'the loan contract (借款合同) is not in force',
      },
    ]);
  });

  it('holds a mortgage loan until the mortgage contract is in force and registered', () => {
    expect(
      codes({
        ...housingLoan,
        contracts: [{ kind: 'loan', effective: true }],
        collateralRegistered: false,
      }),
    ).toEqual(['COLLATERAL_CONTRACT_NOT_EFFECTIVE', 'COLLATERAL_NOT_REGISTERED']);
  });

  it('wants the pledge contract, not a mortgage contract, for a pledge loan', () => {
    const pledged: DisbursementFacts = {
      ...consumerLoan,
      guaranteeType: 'pledge',
      collateralRegistered: true,
      documentsOnFile: ['contract', 'collateral-certificate'],
      contracts: [
        { kind: 'loan', effective: true },
        { kind: 'mortgage', effective: true },
      ],
    };
    expect(unmetDisbursementConditions(pledged)).toEqual([
      {
        code: 'COLLATERAL_CONTRACT_NOT_EFFECTIVE',
        reason: 'the pledge contract (质押合同) is not in force',
      },
    ]);
    expect(
      codes({ ...pledged, contracts: [...pledged.contracts, { kind: 'pledge', effective: true }] }),
    ).toEqual([]);
  });

  it('needs a guarantee contract in force for every guarantor', () => {
    const guaranteed: DisbursementFacts = {
      ...consumerLoan,
      guaranteeType: 'guarantor',
      guarantorCount: 2,
      contracts: [
        { kind: 'loan', effective: true },
        { kind: 'guarantee', effective: true },
        { kind: 'guarantee', effective: false },
      ],
    };
    expect(unmetDisbursementConditions(guaranteed)).toEqual([
      {
        code: 'GUARANTEE_CONTRACT_NOT_EFFECTIVE',
        reason: '2 guarantee contracts (保证合同) must be in force; 1 is',
      },
    ]);
    expect(
      codes({
        ...guaranteed,
        contracts: [...guaranteed.contracts, { kind: 'guarantee', effective: true }],
      }),
    ).toEqual([]);
    // A guarantor loan with no guarantor named still needs one contract.
    expect(
      codes({ ...guaranteed, guarantorCount: 0, contracts: [{ kind: 'loan', effective: true }] }),
    ).toEqual(['GUARANTEE_CONTRACT_NOT_EFFECTIVE']);
  });

  it('needs the contracts of guarantors added to a mortgage loan too', () => {
    expect(codes({ ...housingLoan, guarantorCount: 1 })).toEqual([
      'GUARANTEE_CONTRACT_NOT_EFFECTIVE',
    ]);
  });

  it('allows self payment up to the product ceiling, inclusive', () => {
    expect(codes(consumerLoan)).toEqual([]);
    expect(unmetDisbursementConditions({ ...consumerLoan, amount: yuan('300000.01') })).toEqual([
      {
        code: 'SELF_PAYMENT_ABOVE_CEILING',
        reason:
          'self payment (自主支付) of a consumer loan is allowed up to 300000.00 CNY; 300000.01 must be paid to the counterparty (受托支付)',
      },
    ]);
    expect(
      codes({ ...consumerLoan, amount: yuan('300000.01'), paymentMethod: 'entrusted' }),
    ).toEqual([]);
  });

  it('never pays a housing loan to the borrower', () => {
    expect(codes({ ...housingLoan, paymentMethod: 'self', amount: yuan('10000.00') })).toEqual([
      'SELF_PAYMENT_NOT_ALLOWED',
    ]);
  });

  it('lists every unmet condition at once', () => {
    expect(
      codes({
        ...housingLoan,
        contracts: [],
        guarantorCount: 1,
        collateralRegistered: false,
        paymentMethod: 'self',
      }),
    ).toEqual([
      'LOAN_CONTRACT_NOT_EFFECTIVE',
      'GUARANTEE_CONTRACT_NOT_EFFECTIVE',
      'COLLATERAL_CONTRACT_NOT_EFFECTIVE',
      'COLLATERAL_NOT_REGISTERED',
      'SELF_PAYMENT_NOT_ALLOWED',
    ]);
  });

  it('holds a loan until the signed contract, and for collateral the certificate, are uploaded', () => {
    expect(unmetDisbursementConditions({ ...housingLoan, documentsOnFile: ['id-card'] })).toEqual([
      {
        code: 'SIGNED_CONTRACT_NOT_ON_FILE',
        reason:
          'the signed loan contract (已签借款合同) is not uploaded to the loan (kind contract)',
      },
      {
        code: 'COLLATERAL_CERTIFICATE_NOT_ON_FILE',
        reason:
          'the mortgage registration certificate (他项权证) is not uploaded to the loan (kind collateral-certificate)',
      },
    ]);
    // A credit loan has no certificate to show; a typed contract number is not the paper.
    expect(codes({ ...consumerLoan, paymentMethod: 'entrusted', documentsOnFile: [] })).toEqual([
      'SIGNED_CONTRACT_NOT_ON_FILE',
    ]);
  });

  it('refuses to judge with another product’s policy', () => {
    expect(() =>
      unmetDisbursementConditions({ ...housingLoan, policy: DEFAULT_PRODUCT_POLICIES.consumer }),
    ).toThrowDomainError('POLICY_PRODUCT_MISMATCH');
  });

  describe('the checklist shown to the supervisor', () => {
    it('lists only what applies to a credit loan: the loan contract and the payment method', () => {
      expect(disbursementChecklist({ ...consumerLoan, paymentMethod: 'entrusted' })).toEqual([
        { check: 'loan-contract', met: true },
        { check: 'signed-contract-on-file', met: true },
        { check: 'payment-method', met: true },
      ]);
    });

    it('ticks and crosses every condition of a mortgage loan with a guarantor as the records show them', () => {
      expect(
        disbursementChecklist({
          ...housingLoan,
          guarantorCount: 1,
          collateralRegistered: false,
          contracts: [...housingLoan.contracts, { kind: 'guarantee', effective: false }],
        }),
      ).toEqual([
        { check: 'loan-contract', met: true },
        { check: 'signed-contract-on-file', met: true },
        { check: 'guarantee-contracts', met: false },
        { check: 'collateral-contract', met: true },
        { check: 'collateral-registered', met: false },
        { check: 'collateral-certificate-on-file', met: true },
        { check: 'payment-method', met: true },
      ]);
    });

    it('crosses a self payment above the product’s ceiling', () => {
      const lines = disbursementChecklist({ ...consumerLoan, amount: yuan('900000.00') });
      expect(lines.find((l) => l.check === 'payment-method')).toEqual({
        check: 'payment-method',
        met: false,
      });
    });
  });
});
