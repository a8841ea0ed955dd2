import { onlyRow } from './only-row';

describe('onlyRow', () => {
  it('gives the one row of an aggregate', () => {
    expect(onlyRow([{ n: '3' }], 'open tasks')).toEqual({ n: '3' });
  });

  it('refuses no row or several, naming the query', () => {
    expect(() => onlyRow([], 'open tasks')).toThrow(
      'open tasks: expected one row, the database answered 0',
    );
    expect(() => onlyRow([{ n: '1' }, { n: '2' }], 'open tasks')).toThrow('answered 2');
  });
});
