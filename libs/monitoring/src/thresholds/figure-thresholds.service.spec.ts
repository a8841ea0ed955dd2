import type { AuditAct, AuditTrail } from '@loanflow/audit';
import { FigureThresholdEntity, ThresholdCrossingEntity } from '@loanflow/persistence';
import { staffPrincipal } from '@loanflow/test-support/principals';
import { FigureThresholds } from './figure-thresholds.service';
import { NewThreshold, ThresholdRecords, ThresholdTransaction } from './threshold-records';

const HEAD_OFFICE = 'HO';

/** Warning levels in memory; head office is HO, every other unit a branch. */
class FakeThresholdRecords extends ThresholdRecords {
  rows: FigureThresholdEntity[] = [];
  audited: AuditAct[] = [];
  crossings: (ThresholdCrossingEntity & { path: string })[] = [];
  private nextId = 1;

  current() {
    return Promise.resolve(this.rows.filter((row) => row.currentKey !== null));
  }
  history(limit: number) {
    return Promise.resolve(
      [...this.rows].sort((a, b) => Number(b.id) - Number(a.id)).slice(0, limit),
    );
  }
  isHeadOffice(orgUnitCode: string) {
    return Promise.resolve(orgUnitCode === HEAD_OFFICE);
  }
  crossingsWithin(orgUnitCode: string, limit: number) {
    const prefix = orgUnitCode === HEAD_OFFICE ? '/HO/' : `/HO/${orgUnitCode}/`;
    return Promise.resolve(this.crossings.filter((c) => c.path.startsWith(prefix)).slice(0, limit));
  }
  async transaction<T>(work: (tx: ThresholdTransaction) => Promise<T>): Promise<T> {
    const rows = this.rows.map((row) => ({ ...row }));
    const audited = [...this.audited];
    const result = await work({
      lockCurrent: (figure) =>
        Promise.resolve(rows.find((row) => row.currentKey === figure) ?? null),
      supersede: (id, at) =>
        Promise.resolve(
          void Object.assign(rows.find((row) => row.id === id) ?? {}, {
            currentKey: null,
            supersededAt: at,
          }),
        ),
      add: (threshold: NewThreshold) => {
        const row = Object.assign(new FigureThresholdEntity(), {
          ...threshold,
          id: String(this.nextId++),
        });
        rows.push(row);
        return Promise.resolve(row);
      },
      audit: (act) => Promise.resolve(void audited.push(act)),
    });
    this.rows = rows;
    this.audited = audited;
    return result;
  }
}

function thresholdsOver(register: FakeThresholdRecords) {
  const recorded: AuditAct[] = [];
  const trail = {
    record: (act: AuditAct) => Promise.resolve(void recorded.push(act)),
  } as unknown as AuditTrail;
  return { service: new FigureThresholds(register, trail), recorded };
}

const chief = staffPrincipal('gao.rk', ['risk-manager'], HEAD_OFFICE, '/HO/');
const branchRisk = staffPrincipal('ma.rk', ['risk-manager'], 'BR-HZ', '/HO/BR-HZ/');
const at = (day: number) => new Date(Date.UTC(2026, 4, day, 2));

describe('head office’s warning levels on the figures (总行警戒水平)', () => {
  it('keeps each change as a new level, the previous one closed, and says who set what and why', async () => {
    const register = new FakeThresholdRecords();
    const { service } = thresholdsOver(register);
    await service.set(chief, 'overdue-rate', '0.0300', '年度风险偏好', at(1));
    const second = await service.set(chief, 'overdue-rate', '0.0250', '收紧逾期容忍度', at(9));
    expect(second).toMatchObject({
      figure: 'overdue-rate',
      value: '0.0250',
      setBy: 'gao.rk',
      supersededAt: null,
    });
    const view = await service.view();
    expect(view.current.find((line) => line.figure === 'overdue-rate')).toMatchObject({
      value: '0.0250',
      setAt: at(9).toISOString(),
      reason: '收紧逾期容忍度',
    });
    expect(view.current.find((line) => line.figure === 'bad-loan-ratio')).toMatchObject({
      value: null,
    });
    expect(view.history.map((row) => [row.value, row.supersededAt])).toEqual([
      ['0.0250', null],
      ['0.0300', at(9).toISOString()],
    ]);
    expect(register.audited.map((act) => act.inputs)).toEqual([
      { figure: 'overdue-rate', value: '0.0300', previous: null },
      { figure: 'overdue-rate', value: '0.0250', previous: '0.0300' },
    ]);
    expect(register.audited[1]?.reason).toMatch(/warning level 0\.0300 → 0\.0250: 收紧逾期容忍度$/);
  });

  it('refuses a branch’s risk manager, on the trail, and sets nothing', async () => {
    const register = new FakeThresholdRecords();
    const { service, recorded } = thresholdsOver(register);
    await expect(
      service.set(branchRisk, 'bad-loan-ratio', '0.0200', '分行自定', at(2)),
    ).rejects.toThrowDomainError('THRESHOLD_FORBIDDEN');
    expect(register.rows).toEqual([]);
    expect(recorded).toEqual([
      expect.objectContaining({ action: 'threshold.set', outcome: 'refused' }),
    ]);
  });

  it('shows the crossings the register finds in the unit’s subtree, with the loans behind each', async () => {
    const register = new FakeThresholdRecords();
    const crossing = (id: string, orgUnitCode: string, path: string) =>
      Object.assign(new ThresholdCrossingEntity(), {
        id,
        orgUnitCode,
        path,
        figure: 'overdue-rate',
        value: '0.0412',
        thresholdValue: '0.0300',
        asOf: '2026-05-10',
        state: 'open',
        loansJson: '["LN20260101-AAAAAA"]',
        crossedAt: at(10),
        clearedAt: null,
        answeredBy: null,
      });
    register.crossings = [
      crossing('2', 'BR-HZ', '/HO/BR-HZ/'),
      crossing('1', 'BR-NB', '/HO/BR-NB/'),
    ];
    const { service } = thresholdsOver(register);
    const mine = await service.crossingsWithin('BR-HZ');
    expect(mine).toEqual([
      expect.objectContaining({
        id: '2',
        orgUnitCode: 'BR-HZ',
        loans: ['LN20260101-AAAAAA'],
        crossedAt: at(10).toISOString(),
      }),
    ]);
  });
});
