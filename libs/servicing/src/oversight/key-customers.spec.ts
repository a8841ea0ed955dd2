import type { AuditAct, AuditTrail } from '@loanflow/audit';
import type { AppConfig } from '@loanflow/config';
import type { UnitScope } from '@loanflow/identity';
import type { KeyCustomerEntity } from '@loanflow/persistence';
import type { BusinessClock } from '@loanflow/workflow';
import { InMemoryTransactions } from '@loanflow/test-support/in-memory-transactions';
import { staffPrincipal } from '@loanflow/test-support/principals';
import { KeyCustomerRecords, KeyCustomerTransaction } from './key-customer-records';
import { KeyCustomers } from './key-customers';
import type { AddKeyCustomerRequest } from './key-customer.requests';

const NOW = new Date('2026-11-23T02:00:00.000Z');
const ID_NUMBER = '33010619900101123X';

interface State {
  entries: KeyCustomerEntity[];
  audited: AuditAct[];
}

/** The same person whatever the case or spacing of the ID number, as the blind index compares. */
const indexOf = (idNumber: string) => idNumber.replace(/\s+/g, '').toUpperCase();

/** The key-customer list in memory; an act that fails leaves nothing behind. */
class FakeKeyCustomerRecords extends KeyCustomerRecords {
  readonly register = new InMemoryTransactions<State>({ entries: [], audited: [] }, (state) =>
    structuredClone(state),
  );
  private nextId = 1;

  get state(): State {
    return this.register.state;
  }

  async list(scope: UnitScope) {
    return this.state.entries
      .filter((e) => scope.all || scope.unitCodes.includes(e.unitCode))
      .sort((a, b) => +b.id - +a.id);
  }

  transaction<T>(work: (tx: KeyCustomerTransaction) => Promise<T>): Promise<T> {
    return this.register.run((s) =>
      work({
        lockListed: async (idNumber, unitCode) =>
          s.entries.find(
            (e) => e.idNumberIndex === indexOf(idNumber) && e.unitCode === unitCode && !e.removedAt,
          ) ?? null,
        lockEntry: async (id) => s.entries.find((e) => e.id === id) ?? null,
        addEntry: async (entry) => {
          const row = {
            ...entry,
            id: String(this.nextId++),
            idNumberIndex: indexOf(entry.idNumber),
          };
          s.entries.push(row);
          return { ...row };
        },
        removeEntry: async (id, removal) => {
          Object.assign(s.entries.find((e) => e.id === id) ?? {}, removal);
        },
        audit: async (act) => {
          s.audited.push(act);
        },
      }),
    );
  }
}

const hangzhou = staffPrincipal('chen.center', ['center-manager'], 'BR-HZ');
const ningbo = staffPrincipal('wu.center', ['center-manager'], 'BR-NB');
const hangzhouUnits: UnitScope = { all: false, unitCodes: ['BR-HZ', 'SB-HZ-XH'] };
const ningboUnits: UnitScope = { all: false, unitCodes: ['BR-NB'] };
const wholeBank: UnitScope = { all: true, unitCodes: [] };

function keyCustomersWith(records = new FakeKeyCustomerRecords()) {
  /** Refusals, recorded outside the act's transaction. */
  const recorded: AuditAct[] = [];
  const audit = {
    record: async (act: AuditAct) => {
      recorded.push(act);
    },
  } as unknown as AuditTrail;
  const clock = { now: async () => NOW } as unknown as BusinessClock;
  const config = { KEY_CUSTOMER_INSPECTION_MONTHS: 3 } as AppConfig;
  return { keyCustomers: new KeyCustomers(records, audit, clock, config), records, recorded };
}

const listing: AddKeyCustomerRequest = {
  idNumber: '33010619900101123x',
  name: '张三',
  reason: '授信额度超过 100 万元，经营收入波动较大',
};

describe('the key-customer list (重点客户)', () => {
  it('lists a borrower for the lister’s unit at the default interval, who and when, audited', async () => {
    const { keyCustomers, records } = keyCustomersWith();
    const added = await keyCustomers.add(hangzhou, listing);
    expect(added).toEqual({
      id: '1',
      idNumber: ID_NUMBER,
      name: '张三',
      unitCode: 'BR-HZ',
      reason: listing.reason,
      inspectionMonths: 3,
      addedBy: 'chen.center',
      addedAt: NOW.toISOString(),
      removedBy: null,
      removedAt: null,
      removalReason: null,
    });
    expect(records.state.entries[0]?.idNumber).toBe(ID_NUMBER);
    expect(records.state.audited).toEqual([
      expect.objectContaining({
        action: 'key-customer.add',
        outcome: 'ok',
        reason: `key customer 1 listed by BR-HZ, inspected at most every 3 months: ${listing.reason}`,
      }),
    ]);
  });

  it('keeps the interval the lister asks for', async () => {
    const { keyCustomers } = keyCustomersWith();
    const added = await keyCustomers.add(hangzhou, { ...listing, inspectionMonths: 1 });
    expect(added.inspectionMonths).toBe(1);
  });

  it('refuses a borrower already on the unit’s list, audits the refusal and lists nothing more', async () => {
    const { keyCustomers, records, recorded } = keyCustomersWith();
    await keyCustomers.add(hangzhou, listing);
    await expect(
      keyCustomers.add(hangzhou, { ...listing, idNumber: ID_NUMBER, reason: '重复列入名单测试' }),
    ).rejects.toThrowDomainError('KEY_CUSTOMER_ALREADY_LISTED', {
      message: 'The borrower is already on the key-customer list of BR-HZ (entry 1).',
    });
    expect(records.state.entries).toHaveLength(1);
    expect(records.state.audited).toHaveLength(1);
    expect(recorded).toEqual([
      expect.objectContaining({
        action: 'key-customer.add',
        outcome: 'refused',
        reason: expect.stringMatching(/^KEY_CUSTOMER_ALREADY_LISTED: /) as unknown,
      }),
    ]);
  });

  it('lets another unit list the same borrower, and the unit list them again once removed', async () => {
    const { keyCustomers, records } = keyCustomersWith();
    const first = await keyCustomers.add(hangzhou, listing);
    await keyCustomers.add(ningbo, listing);
    await keyCustomers.remove(hangzhou, hangzhouUnits, first.id, {
      reason: '贷款已结清，风险解除',
    });
    const again = await keyCustomers.add(hangzhou, listing);
    expect(again).toMatchObject({ id: '3', unitCode: 'BR-HZ', removedAt: null });
    expect(records.state.entries.map((e) => e.unitCode)).toEqual(['BR-HZ', 'BR-NB', 'BR-HZ']);
  });

  it('shows each unit the entries of its units, removed ones included, newest first', async () => {
    const { keyCustomers } = keyCustomersWith();
    const first = await keyCustomers.add(hangzhou, listing);
    await keyCustomers.add(ningbo, listing);
    await keyCustomers.add(hangzhou, { ...listing, idNumber: '330106198502022346', name: '李四' });
    await keyCustomers.remove(hangzhou, hangzhouUnits, first.id, {
      reason: '贷款已结清，风险解除',
    });
    expect((await keyCustomers.list(hangzhouUnits)).items.map((k) => k.id)).toEqual(['3', '1']);
    expect((await keyCustomers.list(ningboUnits)).items.map((k) => k.id)).toEqual(['2']);
    expect((await keyCustomers.list(wholeBank)).items.map((k) => k.id)).toEqual(['3', '2', '1']);
  });

  it('takes an entry off the list with a reason, who and when, keeping it, audited', async () => {
    const { keyCustomers, records } = keyCustomersWith();
    const added = await keyCustomers.add(hangzhou, listing);
    const removed = await keyCustomers.remove(hangzhou, hangzhouUnits, added.id, {
      reason: '贷款已结清，风险解除',
    });
    expect(removed).toMatchObject({
      id: added.id,
      removedBy: 'chen.center',
      removedAt: NOW.toISOString(),
      removalReason: '贷款已结清，风险解除',
    });
    expect(records.state.entries).toEqual([
      expect.objectContaining({ id: added.id, removedBy: 'chen.center', removedAt: NOW }),
    ]);
    expect(records.state.audited.map((a) => [a.action, a.outcome, a.reason])).toEqual([
      ['key-customer.add', 'ok', expect.stringMatching(/^key customer 1 listed/) as unknown],
      [
        'key-customer.remove',
        'ok',
        'key customer 1 removed from the list of BR-HZ: 贷款已结清，风险解除',
      ],
    ]);
  });

  it('answers an entry of another unit, one removed already or none at all as not found', async () => {
    const { keyCustomers, records } = keyCustomersWith();
    const added = await keyCustomers.add(hangzhou, listing);
    await expect(
      keyCustomers.remove(ningbo, ningboUnits, added.id, { reason: '不在本行名单' }),
    ).rejects.toThrowDomainError('KEY_CUSTOMER_NOT_FOUND', {
      message: `There is no key-customer entry ${added.id} in your units.`,
    });
    expect(records.state.entries[0]?.removedAt).toBeNull();
    await expect(
      keyCustomers.remove(hangzhou, hangzhouUnits, 'abc', { reason: '无此条目记录' }),
    ).rejects.toThrowDomainError('KEY_CUSTOMER_NOT_FOUND', {
      message: 'There is no key-customer entry abc in your units.',
    });
    await keyCustomers.remove(hangzhou, hangzhouUnits, added.id, {
      reason: '贷款已结清，风险解除',
    });
    await expect(
      keyCustomers.remove(hangzhou, hangzhouUnits, added.id, { reason: '再次移出名单' }),
    ).rejects.toThrowDomainError('KEY_CUSTOMER_NOT_FOUND', {
      message: `Key-customer entry ${added.id} was removed already.`,
    });
    expect(records.state.entries[0]?.removalReason).toBe('贷款已结清，风险解除');
    expect(records.state.audited.filter((a) => a.action === 'key-customer.remove')).toHaveLength(1);
  });

  it('lets head office take any unit’s entry off the list', async () => {
    const { keyCustomers } = keyCustomersWith();
    const added = await keyCustomers.add(ningbo, listing);
    const removed = await keyCustomers.remove(hangzhou, wholeBank, added.id, {
      reason: '总行统一调整名单',
    });
    expect(removed).toMatchObject({ unitCode: 'BR-NB', removedBy: 'chen.center' });
  });
});
