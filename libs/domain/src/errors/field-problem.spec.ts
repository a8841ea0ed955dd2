import { groupProblemsByField } from './field-problem';

describe('groupProblemsByField', () => {
  it('gathers the reasons of each field, fields in the order they first appear', () => {
    expect(
      groupProblemsByField([
        { field: 'amount', reason: 'too much' },
        { field: 'annualRate', reason: 'below the floor' },
        { field: 'amount', reason: 'outside the product' },
      ]),
    ).toEqual([
      { field: 'amount', reasons: ['too much', 'outside the product'] },
      { field: 'annualRate', reasons: ['below the floor'] },
    ]);
    expect(groupProblemsByField([])).toEqual([]);
  });
});
