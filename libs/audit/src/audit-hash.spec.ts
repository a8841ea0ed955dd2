import { chainHash, digestOf, GENESIS_HASH, genesisOf } from './audit-hash';

const content = {
  at: new Date('2026-11-23T04:30:00.123Z'),
  actor: 'wang.reviewer',
  actorRoles: 'reviewer',
  orgUnitCode: 'BR-HZ',
  action: 'task.complete',
  loanKey: 'L-2026-000001',
  taskId: '2251799813685301',
  inputsDigest: digestOf({ opinion: 'pass' }),
  outcome: 'ok',
  reason: null,
};

describe('audit hashes', () => {
  it('are stable for the same content and link', () => {
    expect(chainHash(GENESIS_HASH, content)).toBe(chainHash(GENESIS_HASH, { ...content }));
    expect(chainHash(GENESIS_HASH, content)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('change when any field or the previous hash changes', () => {
    const base = chainHash(GENESIS_HASH, content);
    expect(chainHash(GENESIS_HASH, { ...content, outcome: 'refused' })).not.toBe(base);
    expect(
      chainHash(GENESIS_HASH, { ...content, at: new Date('2026-11-23T04:30:00.124Z') }),
    ).not.toBe(base);
    expect(chainHash('1'.repeat(64), content)).not.toBe(base);
  });

  it('digest inputs independently of key order', () => {
    expect(digestOf({ a: 1, b: { c: [1, 2] } })).toBe(digestOf({ b: { c: [1, 2] }, a: 1 }));
    expect(digestOf({ a: 1 })).not.toBe(digestOf({ a: 2 }));
  });

  it('start each chain from its own genesis, chain 0 from the one the single chain had', () => {
    expect(genesisOf(0)).toBe(GENESIS_HASH);
    expect(genesisOf(11)).toBe(`${'0'.repeat(63)}b`);
    const starts = new Set(Array.from({ length: 16 }, (_, chain) => genesisOf(chain)));
    expect(starts.size).toBe(16);
  });
});
