import { GUARANTEE_TYPE_NAMES, GUARANTEE_TYPES, isSecuredByCollateral } from './guarantee-types';

describe('guarantee types (担保方式)', () => {
  it('counts only mortgage and pledge as secured by collateral', () => {
    expect(GUARANTEE_TYPES.filter(isSecuredByCollateral)).toEqual(['mortgage', 'pledge']);
  });

  it('names every type in Chinese', () => {
    expect(GUARANTEE_TYPES.map((type) => GUARANTEE_TYPE_NAMES[type])).toEqual([
      'credit (信用)',
      'guarantor (保证)',
      'mortgage (抵押)',
      'pledge (质押)',
    ]);
  });
});
