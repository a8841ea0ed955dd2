import { ageOn, checkCharacter, parseIdNumber } from './id-number';

describe('resident ID number (居民身份证号)', () => {
  it('reads a known valid number: region, birth date, sex', () => {
    expect(parseIdNumber('11010519491231002X')).toEqual({
      ok: true,
      idNumber: '11010519491231002X',
      birthDate: '1949-12-31',
      sex: 'female', // sequence 002 is even
      regionCode: '110105',
    });
  });

  it('reads men from an odd sequence digit', () => {
    // Check characters computed by hand from the GB 11643 weights.
    expect(parseIdNumber('440304199003070413')).toMatchObject({
      ok: true,
      birthDate: '1990-03-07',
      sex: 'male',
      regionCode: '440304',
    });
    expect(parseIdNumber('110105200002290013')).toMatchObject({
      ok: true,
      birthDate: '2000-02-29',
    });
  });

  it('accepts a lower-case x and surrounding spaces, normalising them', () => {
    expect(parseIdNumber(' 11010519491231002x ')).toMatchObject({
      ok: true,
      idNumber: '11010519491231002X',
    });
  });

  it('computes the check character, X standing for 10', () => {
    expect(checkCharacter('11010519491231002')).toBe('X');
    expect(checkCharacter('31011519851120283')).toBe('5');
    expect(checkCharacter('44052418800101001')).toBe('4'); // the standard's own example
    expect(() => checkCharacter('1101051949123100')).toThrowDomainError('ID_NUMBER_INVALID');
  });

  it('refuses the wrong length, saying how long it was', () => {
    expect(parseIdNumber('110105194912310')).toEqual({
      ok: false,
      reason: 'an ID number has 18 characters, this one has 15',
    });
    expect(parseIdNumber('11010519491231002X1')).toMatchObject({ ok: false });
  });

  it('refuses letters other than a final X', () => {
    expect(parseIdNumber('1101051949123100X2')).toEqual({
      ok: false,
      reason: 'an ID number is 17 digits followed by a digit or X',
    });
    expect(parseIdNumber('11010519491231002Y')).toMatchObject({ ok: false });
  });

  it('refuses a birth date that does not exist', () => {
    expect(parseIdNumber('110105190002290010')).toEqual({
      ok: false,
      reason: 'the birth date 19000229 is not a day of the calendar',
    });
    expect(parseIdNumber('110105199013010012')).toMatchObject({ ok: false });
  });

  it('refuses a birth date before 1900, even with a correct check character', () => {
    expect(parseIdNumber('440524188001010014')).toEqual({
      ok: false,
      reason: 'the birth date 1880-01-01 is before 1900',
    });
  });

  it('refuses a birth date after the given today, and does not judge without one', () => {
    const bornIn2030 = `11010520300101001${checkCharacter('11010520300101001')}`;
    expect(parseIdNumber(bornIn2030, '2026-05-01')).toEqual({
      ok: false,
      reason: 'the birth date 2030-01-01 is after today (2026-05-01)',
    });
    expect(parseIdNumber(bornIn2030)).toMatchObject({ ok: true });
    expect(parseIdNumber('11010519491231002X', '1949-12-31')).toMatchObject({ ok: true });
  });

  it('refuses a checksum mismatch, naming the expected character', () => {
    expect(parseIdNumber('110105194912310021')).toEqual({
      ok: false,
      reason: 'the check character is 1 but the first 17 digits require X',
    });
    // One digit mistyped in the body: 2 becomes 3 in the sequence.
    expect(parseIdNumber('11010519491231003X')).toEqual({
      ok: false,
      reason: 'the check character is X but the first 17 digits require 8',
    });
  });

  it('refuses an invalid today rather than ignoring it', () => {
    expect(() => parseIdNumber('11010519491231002X', '2026-02-30')).toThrowDomainError(
      'DATE_INVALID',
      { details: { field: 'today' } },
    );
  });
});

describe('age in full years (周岁)', () => {
  it('completes a year on the birthday, not the day before', () => {
    expect(ageOn('1990-06-15', '2026-06-14')).toBe(35);
    expect(ageOn('1990-06-15', '2026-06-15')).toBe(36);
    expect(ageOn('1990-06-15', '2026-12-31')).toBe(36);
    expect(ageOn('2008-05-01', '2026-05-01')).toBe(18);
    expect(ageOn('1990-06-15', '1990-06-15')).toBe(0);
  });

  it('lets a 29 February birthday count on 1 March in a common year', () => {
    expect(ageOn('2008-02-29', '2026-02-28')).toBe(17);
    expect(ageOn('2008-02-29', '2026-03-01')).toBe(18);
    expect(ageOn('2008-02-29', '2028-02-29')).toBe(20);
  });

  it('refuses dates that do not exist or a day before birth', () => {
    expect(() => ageOn('1990-02-30', '2026-01-01')).toThrowDomainError('DATE_INVALID', {
      details: { field: 'birthDate' },
    });
    expect(() => ageOn('1990-06-15', '1990-06-14')).toThrowDomainError('DATE_INVALID', {
      details: { field: 'onDate' },
    });
  });
});
