import {
  describeDocument,
  DOCUMENT_KIND_NAMES,
  DOCUMENT_KINDS,
  missingDocuments,
  requiredDocuments,
} from './required-documents';

const BASE = ['id-card', 'income-proof', 'credit-authorization', 'purpose-evidence'];

describe('required documents (申请资料清单)', () => {
  it('asks every applicant for ID, income, credit authorisation and purpose', () => {
    expect(requiredDocuments('consumer', 'credit')).toEqual(BASE);
  });

  it('adds the purchase contract and down payment for a housing loan, and the collateral papers', () => {
    expect(requiredDocuments('housing', 'mortgage')).toEqual([
      ...BASE,
      'house-purchase-contract',
      'down-payment-receipt',
      'collateral-ownership-certificate',
      'collateral-valuation-report',
    ]);
  });

  it('adds the business licence for a business loan and the guarantor papers for a guarantor loan', () => {
    expect(requiredDocuments('business', 'guarantor')).toEqual([
      ...BASE,
      'business-license',
      'guarantor-id-card',
      'guarantor-income-proof',
    ]);
  });

  it('asks for the collateral papers for a pledge as for a mortgage', () => {
    expect(requiredDocuments('consumer', 'pledge')).toEqual(
      requiredDocuments('consumer', 'mortgage'),
    );
  });

  it('lists what is missing, ignoring extras and duplicates', () => {
    expect(
      missingDocuments('business', 'credit', ['id-card', 'id-card', 'purpose-evidence', 'selfie']),
    ).toEqual(['income-proof', 'credit-authorization', 'business-license']);
    expect(missingDocuments('consumer', 'credit', BASE)).toEqual([]);
  });

  it('names every kind in Chinese', () => {
    expect(DOCUMENT_KINDS.every((kind) => DOCUMENT_KIND_NAMES[kind].length > 0)).toBe(true);
    expect(describeDocument('credit-authorization')).toBe('征信授权书 (credit-authorization)');
  });
});
