import type { AuditAct, AuditTrail } from '@loanflow/audit';
import type { MisconductReportEntity, MisconductReportStepEntity } from '@loanflow/persistence';
import type { BusinessClock } from '@loanflow/workflow';
import { InMemoryTransactions } from '@loanflow/test-support/in-memory-transactions';
import { staffPrincipal } from '@loanflow/test-support/principals';
import {
  MisconductReportRecords,
  MisconductReportTransaction,
  REPORT_LIST_LIMIT,
} from './misconduct-report-records';
import { MisconductReports } from './misconduct-reports';
import type { FileReportRequest } from './report.requests';

const LOAN = 'LN20260101-7KQ2M9';
const NOW = new Date('2026-11-23T02:00:00.000Z');
const TEXT = '客户经理 zhou.cm 收取客户好处费后协助其伪造收入证明';

interface State {
  reports: MisconductReportEntity[];
  steps: MisconductReportStepEntity[];
  audited: AuditAct[];
}

/** The reports in memory, with one loan and four members of staff; a failed act leaves nothing. */
class FakeMisconductReportRecords extends MisconductReportRecords {
  readonly register = new InMemoryTransactions<State>(
    { reports: [], steps: [], audited: [] },
    (state) => structuredClone(state),
  );
  private nextId = 1;

  get state(): State {
    return this.register.state;
  }

  async loanExists(loanId: string) {
    return loanId === LOAN;
  }
  async userExists(username: string) {
    return ['li.cm', 'zhou.cm', 'jiang.audit', 'qin.audit'].includes(username);
  }
  async reports() {
    return [...this.state.reports].sort((a, b) => +b.id - +a.id).slice(0, REPORT_LIST_LIMIT);
  }
  async report(id: string) {
    return this.state.reports.find((r) => r.id === id) ?? null;
  }
  async steps(reportId: string) {
    return this.state.steps.filter((s) => s.reportId === reportId);
  }

  transaction<T>(work: (tx: MisconductReportTransaction) => Promise<T>): Promise<T> {
    return this.register.run((s) =>
      work({
        lockReport: async (id) => s.reports.find((r) => r.id === id) ?? null,
        addReport: async (report) => {
          const row = { ...report, id: String(this.nextId++) };
          s.reports.push(row);
          return { ...row };
        },
        updateReport: async (id, changes) => {
          Object.assign(s.reports.find((r) => r.id === id) ?? {}, changes);
        },
        addStep: async (step) => {
          s.steps.push({ ...step, id: String(this.nextId++) });
        },
        audit: async (act) => {
          s.audited.push(act);
        },
      }),
    );
  }
}

const reporter = staffPrincipal('li.cm', ['customer-manager'], 'SB-HZ-XH');
const reported = staffPrincipal('zhou.cm', ['customer-manager'], 'SB-HZ-XH');
const auditor = staffPrincipal('jiang.audit', ['auditor'], 'HO');
const colleague = staffPrincipal('qin.audit', ['auditor'], 'HO');

function reportsWith(records = new FakeMisconductReportRecords()) {
  /** What the service records outside a transaction: reads and refusals. */
  const recorded: AuditAct[] = [];
  const audit = {
    record: async (act: AuditAct) => {
      recorded.push(act);
    },
  } as unknown as AuditTrail;
  const clock = { now: async () => NOW } as unknown as BusinessClock;
  return { reports: new MisconductReports(records, audit, clock), records, recorded };
}

const aboutZhou: FileReportRequest = { subject: 'staff', staff: 'zhou.cm', text: TEXT };

describe('reports of suspicious activity (举报)', () => {
  describe('filing', () => {
    it('receives a report about a colleague and answers a receipt only, audited by number', async () => {
      const { reports, records } = reportsWith();
      const receipt = await reports.file(reporter, aboutZhou);
      expect(receipt).toEqual({ id: '1', filedAt: NOW.toISOString() });
      expect(records.state.reports).toEqual([
        expect.objectContaining({
          subjectKind: 'staff',
          loanId: null,
          staffUsername: 'zhou.cm',
          body: TEXT,
          filedBy: 'li.cm',
          status: 'received',
          outcome: null,
        }),
      ]);
      expect(records.state.audited).toEqual([
        expect.objectContaining({
          action: 'report.file',
          outcome: 'ok',
          reason: 'report 1 received',
        }),
      ]);
      // Neither the loan key, nor the subject, nor the text reaches the trail.
      expect(records.state.audited[0]?.loanKey).toBeUndefined();
      expect(JSON.stringify(records.state.audited)).not.toMatch(/zhou\.cm|好处费/);
    });

    it('keeps a report about a loan out of the loan’s trail', async () => {
      const { reports, records } = reportsWith();
      await reports.file(reporter, { subject: 'loan', loanId: LOAN, text: TEXT });
      expect(records.state.reports[0]).toMatchObject({ loanId: LOAN, staffUsername: null });
      expect(JSON.stringify(records.state.audited)).not.toContain(LOAN);
    });

    it('refuses on the field a loan or a person that does not exist, and a report about oneself', async () => {
      const { reports, records } = reportsWith();
      await expect(
        reports.file(reporter, { subject: 'loan', loanId: 'LN20260101-AAAAAA', text: TEXT }),
      ).rejects.toThrowDomainError('VALIDATION_FAILED', { message: /^loanId: there is no loan/ });
      await expect(
        reports.file(reporter, { subject: 'staff', staff: 'no.such.person', text: TEXT }),
      ).rejects.toThrowDomainError('VALIDATION_FAILED', { message: /^staff: there is no user/ });
      await expect(
        reports.file(reporter, { subject: 'staff', staff: 'li.cm', text: TEXT }),
      ).rejects.toThrowDomainError('VALIDATION_FAILED', {
        message: /^staff: a report is about someone else/,
      });
      expect(records.state.reports).toEqual([]);
      expect(records.state.audited).toEqual([]);
    });
  });

  describe('reading', () => {
    it('shows an auditor every report but those they filed or that are about them, newest first', async () => {
      const { reports } = reportsWith();
      await reports.file(reporter, aboutZhou);
      await reports.file(reporter, { subject: 'staff', staff: 'jiang.audit', text: TEXT });
      await reports.file(auditor, aboutZhou);
      await reports.file(colleague, aboutZhou);
      expect((await reports.list(auditor)).items.map((r) => r.id)).toEqual(['4', '1']);
      expect((await reports.list(colleague)).items.map((r) => r.id)).toEqual(['3', '2', '1']);
    });

    it('answers one report with its steps and audits each read', async () => {
      const { reports, recorded } = reportsWith();
      const { id } = await reports.file(reporter, aboutZhou);
      const view = await reports.get(auditor, id);
      expect(view).toMatchObject({
        id,
        subject: 'staff',
        staff: 'zhou.cm',
        text: TEXT,
        filedBy: 'li.cm',
        status: 'received',
        steps: [],
      });
      expect(recorded).toEqual([
        expect.objectContaining({
          action: 'report.read',
          outcome: 'ok',
          reason: `report ${id} read`,
        }),
      ]);
    });

    it('answers a report about the reader, or none at all, as missing, and audits no read', async () => {
      const { reports, recorded } = reportsWith();
      const { id } = await reports.file(reporter, {
        subject: 'staff',
        staff: 'jiang.audit',
        text: TEXT,
      });
      await expect(reports.get(auditor, id)).rejects.toThrowDomainError('REPORT_NOT_FOUND', {
        message: `There is no report ${id}.`,
      });
      await expect(reports.get(reported, 'abc')).rejects.toThrowDomainError('REPORT_NOT_FOUND', {
        message: 'There is no report abc.',
      });
      await expect(reports.get(auditor, '99')).rejects.toThrowDomainError('REPORT_NOT_FOUND');
      expect(recorded).toEqual([]);
    });
  });

  describe('handling', () => {
    it('records each step with its status, note and author, and closes with an outcome', async () => {
      const { reports, records } = reportsWith();
      const { id } = await reports.file(reporter, aboutZhou);
      await reports.handle(auditor, id, { status: 'investigating', note: '已调取收入证明原件' });
      const closed = await reports.handle(colleague, id, {
        status: 'closed',
        outcome: 'substantiated',
        note: '经查属实，移交问责程序',
      });
      expect(closed).toMatchObject({ status: 'closed', outcome: 'substantiated' });
      expect(closed.steps).toEqual([
        {
          status: 'investigating',
          outcome: null,
          note: '已调取收入证明原件',
          by: 'jiang.audit',
          at: NOW.toISOString(),
        },
        {
          status: 'closed',
          outcome: 'substantiated',
          note: '经查属实，移交问责程序',
          by: 'qin.audit',
          at: NOW.toISOString(),
        },
      ]);
      expect(records.state.audited.map((a) => [a.action, a.outcome, a.reason])).toEqual([
        ['report.file', 'ok', `report ${id} received`],
        ['report.handle', 'ok', `report ${id}: investigating`],
        ['report.handle', 'ok', `report ${id}: closed (substantiated)`],
      ]);
    });

    it('refuses a step the handling rules forbid on its field, writes nothing and audits the refusal', async () => {
      const { reports, records, recorded } = reportsWith();
      const { id } = await reports.file(reporter, aboutZhou);
      await reports.handle(auditor, id, { status: 'investigating', note: '开始调查' });
      await expect(
        reports.handle(auditor, id, { status: 'closed', note: '调查已经结束' }),
      ).rejects.toThrowDomainError('VALIDATION_FAILED', { message: /^outcome: / });
      await expect(
        reports.handle(auditor, id, { status: 'received', note: '重新受理' }),
      ).rejects.toThrowDomainError('VALIDATION_FAILED', { message: /^status: / });
      expect(records.state.reports[0]).toMatchObject({ status: 'investigating', outcome: null });
      expect(records.state.steps).toHaveLength(1);
      expect(recorded.filter((a) => a.action === 'report.handle')).toEqual([
        expect.objectContaining({
          outcome: 'refused',
          reason: `VALIDATION_FAILED: report ${id}`,
        }),
        expect.objectContaining({
          outcome: 'refused',
          reason: `VALIDATION_FAILED: report ${id}`,
        }),
      ]);
    });

    it('keeps a closed report closed (a conflict, not a field error)', async () => {
      const { reports, records, recorded } = reportsWith();
      const { id } = await reports.file(reporter, aboutZhou);
      await reports.handle(auditor, id, {
        status: 'closed',
        outcome: 'unsubstantiated',
        note: '经查不属实',
      });
      await expect(
        reports.handle(auditor, id, { status: 'closed', outcome: 'referred', note: '再次办结' }),
      ).rejects.toThrowDomainError('REPORT_CLOSED');
      expect(records.state.reports[0]?.outcome).toBe('unsubstantiated');
      expect(records.state.steps).toHaveLength(1);
      expect(recorded).toContainEqual(
        expect.objectContaining({
          action: 'report.handle',
          outcome: 'refused',
          reason: `REPORT_CLOSED: report ${id}`,
        }),
      );
    });

    it('answers an auditor handling a report about themself as if it were missing', async () => {
      const { reports, records, recorded } = reportsWith();
      const { id } = await reports.file(reporter, {
        subject: 'staff',
        staff: 'jiang.audit',
        text: TEXT,
      });
      await expect(
        reports.handle(auditor, id, {
          status: 'closed',
          outcome: 'unsubstantiated',
          note: '本人认为不属实',
        }),
      ).rejects.toThrowDomainError('REPORT_NOT_FOUND');
      await expect(
        reports.handle(auditor, 'x1', { status: 'investigating', note: '开始调查' }),
      ).rejects.toThrowDomainError('REPORT_NOT_FOUND', { message: 'There is no report x1.' });
      expect(records.state.reports[0]?.status).toBe('received');
      expect(records.state.steps).toEqual([]);
      expect(recorded.map((a) => a.reason)).toEqual([
        `REPORT_NOT_FOUND: report ${id}`,
        'REPORT_NOT_FOUND: report x1',
      ]);
    });
  });
});
