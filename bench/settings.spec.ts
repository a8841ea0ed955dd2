import { wholeNumber } from './settings';

describe('wholeNumber (a bench setting from the environment)', () => {
  const NAME = 'BENCH_SETTING_UNDER_TEST';
  afterEach(() => delete process.env[NAME]);

  it('takes the fallback when unset and a whole number when set', () => {
    expect(wholeNumber(NAME, 60)).toBe(60);
    process.env[NAME] = '120';
    expect(wholeNumber(NAME, 60)).toBe(120);
  });

  it('refuses a count below 1, a fraction and a word, naming the setting', () => {
    for (const bad of ['0', '-1', '1.5', 'many', ''])
      expect(() => {
        process.env[NAME] = bad;
        return wholeNumber(NAME, 60);
      }).toThrow(`${NAME} must be a whole number from 1`);
  });

  it('takes 0 where none is a choice (a warm-up), and nothing below it', () => {
    process.env[NAME] = '0';
    expect(wholeNumber(NAME, 120, 0)).toBe(0);
    process.env[NAME] = '-1';
    expect(() => wholeNumber(NAME, 120, 0)).toThrow(`${NAME} must be a whole number from 0`);
  });
});
