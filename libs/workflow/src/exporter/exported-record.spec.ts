import { isSafeNumber, parse } from 'lossless-json';
import { decodeRecordJson, decodeStreamEntry } from './exported-record';

/** What the decoder promised before its fast path: lossless-json, safe numbers as numbers. */
const careful = (text: string) =>
  parse(text, undefined, (value) => (isSafeNumber(value) ? Number(value) : value));

const JOB = JSON.stringify({
  partitionId: 1,
  valueType: 'JOB',
  recordType: 'EVENT',
  intent: 'COMPLETED',
  key: 2251799813685249,
  position: 4294967312,
  timestamp: 1798675200000,
  value: {
    type: 'servicing.check-installment',
    processInstanceKey: 2251799813685240,
    elementId: 'CheckInstallment',
    retries: 5,
    deadline: -1,
    variables: { paid: true, installment: 3, checkAt: '2027-01-07T16:00:00.000Z' },
    customHeaders: {},
  },
});

describe('decodeRecordJson', () => {
  it('reads a record of safe integers exactly as the careful parser does', () => {
    expect(decodeRecordJson(JOB)).toEqual(careful(JOB));
    expect(decodeRecordJson(JOB)).toMatchObject({ key: 2251799813685249, value: { retries: 5 } });
  });

  it('keeps an int64 key beyond 2^53 (a fourth partition) exact, as its digits', () => {
    const text = '{"key":9007199254740993,"value":{"processInstanceKey":9007199254740992}}';
    const record = decodeRecordJson(text) as {
      key: unknown;
      value: { processInstanceKey: unknown };
    };
    expect(record.key).toBe('9007199254740993');
    expect(record.value.processInstanceKey).toBe('9007199254740992');
    expect(record).toEqual(careful(text));
  });

  it('reads fractions and exponents as the careful parser does, even those a double would round', () => {
    for (const text of [
      '{"rate":0.035,"key":1}',
      '{"tiny":1e-7,"big":2E+21,"neg":-3.5}',
      '{"long":0.10000000000000000001}',
      '{"list":[1,2.5,[3e2]]}',
    ])
      expect(decodeRecordJson(text)).toEqual(careful(text));
    expect((decodeRecordJson('{"long":0.10000000000000000001}') as { long: unknown }).long).toBe(
      '0.10000000000000000001',
    );
  });

  it('leaves digits inside strings alone', () => {
    const text = JSON.stringify({
      value: { value: '{"amount":"1234.56","id":"12345678901234567890"}', name: 'x:1.5,[2e3' },
    });
    expect(decodeRecordJson(text)).toEqual(careful(text));
  });

  it('agrees with the careful parser on random records', () => {
    // A fixed seed: the same thousand records every run.
    let seed = 2026;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const numberText = () => {
      // No leading zero, as JSON has none: 1 to 16 digits.
      const digits =
        String(1 + Math.floor(random() * 9)) +
        String(Math.floor(random() * 1e15)).slice(0, Math.floor(random() * 16));
      const pick = random();
      if (pick < 0.5) return digits;
      if (pick < 0.6) return `-${digits}`;
      if (pick < 0.7) return `${digits}${Math.floor(random() * 1e6)}${Math.floor(random() * 1e6)}`;
      if (pick < 0.85) return `${digits}.${Math.floor(random() * 1e9)}`;
      return `${digits}e${Math.floor(random() * 40) - 20}`;
    };
    for (let i = 0; i < 1000; i++) {
      const fields = Array.from(
        { length: 1 + Math.floor(random() * 6) },
        (_, n) => `"f${n}":${random() < 0.2 ? `"s${numberText()}"` : numberText()}`,
      );
      const text = `{${fields.join(',')},"nested":{"a":[${numberText()},${numberText()}]}}`;
      expect(decodeRecordJson(text)).toEqual(careful(text));
    }
  });

  it('refuses JSON that is not JSON', () => {
    expect(() => decodeRecordJson('{"key":1,')).toThrow(SyntaxError);
  });
});

describe('decodeStreamEntry', () => {
  it('decodes the entry field that holds the record, and nothing when none does', () => {
    expect(decodeStreamEntry(['record', JOB])).toEqual(careful(JOB));
    expect(decodeStreamEntry(['record', 'not json'])).toBeUndefined();
  });
});
