import { itemAt } from './item-at';

describe('itemAt', () => {
  it('gives the item at an index, counting from the end when negative', () => {
    expect(itemAt(['a', 'b', 'c'], 0, 'letters')).toBe('a');
    expect(itemAt(['a', 'b', 'c'], -1, 'letters')).toBe('c');
  });

  it('names the list when the item is missing', () => {
    expect(() => itemAt([], 0, 'the new schedule')).toThrow('the new schedule: no item at 0 of 0');
    expect(() => itemAt(['a'], 3, 'letters')).toThrow('letters: no item at 3 of 1');
  });
});
