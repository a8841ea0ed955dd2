import type { AuditAct, AuditTrail } from '@loanflow/audit';
import type { Principal, UnitScope } from '@loanflow/identity';
import type { BusinessClock, ZeebeClient } from '@loanflow/workflow';
import {
  ActiveElement,
  DeployedDefinition,
  HeatmapCounts,
  IncidentFilter,
  InstanceFilter,
  InstanceRecords,
  LoanApplicant,
  MonitorReads,
  Page,
  ProjectedIncident,
  ProjectedInstance,
  TaskHolder,
} from './monitor-reads';
import { IncidentQuery, InstanceQuery } from './monitor.requests';
import { MonitorService } from './monitor.service';

type Stored = ProjectedInstance & { branchCode: string | null };

/** The projection as the monitor reads it, in memory; every read is logged by name. */
class FakeReads extends MonitorReads {
  readonly calls: { read: string; args: unknown[] }[] = [];
  instances: Stored[] = [];
  active: ActiveElement[] = [];
  holders: TaskHolder[] = [];
  applicantsOf: LoanApplicant[] = [];
  definitionRows: DeployedDefinition[] = [];
  incidents: (ProjectedIncident & { branchCode: string | null })[] = [];
  records = new Map<string, InstanceRecords>();
  counts: HeatmapCounts = { elements: [], incidents: [] };
  /** What current_token answers: keys in the list's order, and the range count. */
  atElement: { keys: string[]; total: number } = { keys: [], total: 0 };
  jobTypes = new Map<string, string>();
  variablesOf = new Map<string, Record<string, unknown>>();

  private log(read: string, ...args: unknown[]): void {
    this.calls.push({ read, args });
  }

  reads(name: string): unknown[][] {
    return this.calls.filter((call) => call.read === name).map((call) => call.args);
  }

  async instancePage(filter: InstanceFilter, scope: UnitScope, page: Page) {
    this.log('instancePage', filter, scope, page);
    const matching = this.instances
      .filter((row) => inScope(scope, row.branchCode) && row.lastPosition !== '0')
      .filter((row) => !filter.process || row.bpmnProcessId === filter.process)
      .sort(
        (a, b) =>
          b.startedAt.getTime() - a.startedAt.getTime() ||
          b.processInstanceKey.localeCompare(a.processInstanceKey),
      );
    const from = (page.page - 1) * page.pageSize;
    return { rows: matching.slice(from, from + page.pageSize), total: matching.length };
  }
  async instanceKeysAtElement(process: string, elementId: string, scope: UnitScope, page: Page) {
    this.log('instanceKeysAtElement', process, elementId, scope, page);
    return this.atElement;
  }
  async instancesByKey(keys: string[]) {
    this.log('instancesByKey', keys);
    // In no particular order, as the SQL answers.
    return this.instances.filter((row) => keys.includes(row.processInstanceKey)).reverse();
  }
  async instance(key: string) {
    this.log('instance', key);
    return this.instances.find((row) => row.processInstanceKey === key) ?? null;
  }
  async newestInstanceOf(definitionKey: string) {
    this.log('newestInstanceOf', definitionKey);
    return this.instances.find((row) => row.processDefinitionKey === definitionKey) ?? null;
  }
  async instanceRecords(key: string) {
    this.log('instanceRecords', key);
    return (
      this.records.get(key) ?? {
        elements: [],
        incidents: [],
        timers: [],
        subscriptions: [],
        variables: [],
      }
    );
  }
  async activeElements(instanceKeys: string[]) {
    this.log('activeElements', instanceKeys);
    return this.active.filter((row) => instanceKeys.includes(row.instanceKey));
  }
  async taskHolders(instanceKeys: string[]) {
    this.log('taskHolders', instanceKeys);
    return this.holders.filter((row) => instanceKeys.includes(row.instanceKey));
  }
  async applicants(loanIds: string[]) {
    this.log('applicants', loanIds);
    return this.applicantsOf.filter((row) => loanIds.includes(row.loanId));
  }
  async definition(definitionKey: string) {
    this.log('definition', definitionKey);
    return this.definitionRows.find((row) => row.processDefinitionKey === definitionKey) ?? null;
  }
  async definitions(definitionKeys: string[]) {
    this.log('definitions', definitionKeys);
    return this.definitionRows.filter((row) => definitionKeys.includes(row.processDefinitionKey));
  }
  async heatmapCounts(definitionKey: string, scope: UnitScope) {
    this.log('heatmapCounts', definitionKey, scope);
    return this.counts;
  }
  async incidentPage(filter: IncidentFilter, scope: UnitScope, page: Page) {
    this.log('incidentPage', filter, scope, page);
    const matching = this.incidents.filter(
      (row) => row.state === filter.state && inScope(scope, row.branchCode),
    );
    const from = (page.page - 1) * page.pageSize;
    return { rows: matching.slice(from, from + page.pageSize), total: matching.length };
  }
  async incident(incidentKey: string) {
    this.log('incident', incidentKey);
    return this.incidents.find((row) => row.incidentKey === incidentKey) ?? null;
  }
  async jobType(jobKey: string) {
    this.log('jobType', jobKey);
    return this.jobTypes.get(jobKey) ?? null;
  }
  async variables(processInstanceKey: string) {
    this.log('variables', processInstanceKey);
    return this.variablesOf.get(processInstanceKey) ?? {};
  }
}

const inScope = (scope: UnitScope, branch: string | null) =>
  scope.all || (branch !== null && scope.unitCodes.includes(branch));

const HEAD_OFFICE: UnitScope = { all: true, unitCodes: [] };
const HANGZHOU: UnitScope = { all: false, unitCodes: ['BR-HZ', 'SUB-HZ-1'] };
const NOWHERE: UnitScope = { all: false, unitCodes: [] };
const MASKED = { masked: true };
const UNMASKED = { masked: false };
const NOW = new Date('2031-05-20T08:00:00.000Z');

let instanceCounter = 0;
function instance(over: Partial<Stored> = {}): Stored {
  instanceCounter += 1;
  return {
    processInstanceKey: String(2251799813685000 + instanceCounter),
    bpmnProcessId: 'loan-origination',
    version: 3,
    processDefinitionKey: 'def-3',
    businessKey: null,
    state: 'active',
    startedAt: new Date(Date.UTC(2031, 4, 1, 0, instanceCounter)),
    endedAt: null,
    incidents: 0,
    lastPosition: '100',
    branchCode: 'BR-HZ',
    ...over,
  };
}

const step = (over: Partial<ActiveElement> & { instanceKey: string }): ActiveElement => ({
  definitionKey: 'def-3',
  elementId: 'Review',
  elementType: 'USER_TASK',
  startedAt: new Date('2031-05-02T01:00:00.000Z'),
  ...over,
});

function incident(over: Partial<ProjectedIncident & { branchCode: string | null }> = {}) {
  return {
    incidentKey: 'inc-1',
    processInstanceKey: '900',
    bpmnProcessId: 'loan-origination',
    elementId: 'CheckBureau',
    elementInstanceKey: '901',
    jobKey: 'job-1',
    errorType: 'JOB_NO_RETRIES',
    errorMessage: 'bureau refused 110101199003077777 (call 13812345678)',
    state: 'open' as const,
    createdAt: new Date('2031-05-03T00:00:00.000Z'),
    resolvedAt: null,
    branchCode: 'BR-HZ',
    ...over,
  };
}

const MODEL_V3: DeployedDefinition = {
  processDefinitionKey: 'def-3',
  bpmnProcessId: 'loan-origination',
  version: 3,
  resourceName: 'loan-origination.bpmn',
  deployedAt: new Date('2031-01-01T00:00:00.000Z'),
  bpmnXml: `<bpmn:definitions><bpmn:process id="loan-origination" name="Origination">
    <bpmn:userTask id="Review" name="Review &amp; approve" />
    <bpmn:serviceTask id="CheckBureau" name="Bureau check" />
    <bpmn:userTask id="Sign" />
  </bpmn:process></bpmn:definitions>`,
};

const listQuery = (over: Partial<InstanceQuery> = {}) => Object.assign(new InstanceQuery(), over);
const incidentQuery = (over: Partial<IncidentQuery> = {}) =>
  Object.assign(new IncidentQuery(), over);

function monitorOver(reads: FakeReads) {
  const audited: AuditAct[] = [];
  const broker: { call: string; args: unknown }[] = [];
  let brokerFailure: Error | null = null;
  let clockReads = 0;
  const zeebe = {
    updateJobRetries: async (args: unknown) => {
      broker.push({ call: 'updateJobRetries', args });
      if (brokerFailure) throw brokerFailure;
    },
    resolveIncident: async (args: unknown) => {
      broker.push({ call: 'resolveIncident', args });
      if (brokerFailure) throw brokerFailure;
    },
  } as unknown as ZeebeClient;
  const audit = {
    record: async (act: AuditAct) => void audited.push(act),
  } as unknown as AuditTrail;
  const clock = {
    now: async () => {
      clockReads += 1;
      return NOW;
    },
  } as unknown as BusinessClock;
  return {
    monitor: new MonitorService(reads, audit, zeebe, clock),
    audited,
    broker,
    failBrokerWith: (error: Error) => (brokerFailure = error),
    clockReads: () => clockReads,
  };
}

describe('the monitor: what it makes of the projection it reads', () => {
  describe('the instance list', () => {
    it('gives a reader of no unit an empty page at the page asked, without reading anything', async () => {
      const reads = new FakeReads();
      reads.instances = [instance({ branchCode: null })];
      const { monitor } = monitorOver(reads);
      const page = await monitor.instances(listQuery({ page: 3, pageSize: 20 }), NOWHERE);
      expect(page).toEqual({ items: [], total: 0, page: 3, pageSize: 20 });
      expect(reads.calls).toEqual([]);
    });

    it('assembles a page from the rows read and the total of all that match, with the paging asked', async () => {
      const reads = new FakeReads();
      const rows = [1, 2, 3, 4, 5].map(() => instance());
      reads.instances = rows;
      const { monitor } = monitorOver(reads);
      const page = await monitor.instances(listQuery({ page: 2, pageSize: 2 }), HEAD_OFFICE);
      expect(page.total).toBe(5);
      expect(page.page).toBe(2);
      expect(page.pageSize).toBe(2);
      // Newest first, as the reads answer: the 3rd and 2nd started.
      expect(page.items.map((item) => item.processInstanceKey)).toEqual([
        rows[2].processInstanceKey,
        rows[1].processInstanceKey,
      ]);
      expect(reads.reads('instancePage')[0]?.[2]).toEqual({ page: 2, pageSize: 2 });
    });

    it('passes the reader’s units on to the list read and shows only what it answers', async () => {
      const reads = new FakeReads();
      const mine = instance({ branchCode: 'SUB-HZ-1' });
      reads.instances = [mine, instance({ branchCode: 'BR-NB' })];
      const { monitor } = monitorOver(reads);
      const page = await monitor.instances(listQuery(), HANGZHOU);
      expect(reads.reads('instancePage')[0]?.[1]).toBe(HANGZHOU);
      expect(page.items.map((item) => item.processInstanceKey)).toEqual([mine.processInstanceKey]);
      expect(page.total).toBe(1);
    });

    it('turns days in the current step into the moment a step must have started by, on the business clock', async () => {
      const reads = new FakeReads();
      const { monitor, clockReads } = monitorOver(reads);
      await monitor.instances(listQuery({ daysInStepMin: 3, state: 'active' }), HEAD_OFFICE);
      const filter = reads.reads('instancePage')[0]?.[0] as InstanceFilter;
      expect(filter.waitingSince).toEqual(new Date('2031-05-17T08:00:00.000Z'));
      expect(filter.state).toBe('active');
      expect(filter).not.toHaveProperty('daysInStepMin');
      expect(filter).not.toHaveProperty('page');
      expect(clockReads()).toBe(1);
    });

    it('reads no clock and asks no step time when the filter does not name one', async () => {
      const reads = new FakeReads();
      const { monitor, clockReads } = monitorOver(reads);
      await monitor.instances(listQuery({ process: 'loan-servicing' }), HEAD_OFFICE);
      const filter = reads.reads('instancePage')[0]?.[0] as InstanceFilter;
      expect(filter.waitingSince).toBeUndefined();
      expect(filter.process).toBe('loan-servicing');
      expect(clockReads()).toBe(0);
    });

    it('answers "a token at element X of process P" from the token index, in its order, and its count', async () => {
      const reads = new FakeReads();
      const [a, b, c] = [instance(), instance(), instance()];
      reads.instances = [a, b, c];
      // The last key's row is gone by the time the rows are read: left out, not shown empty.
      reads.atElement = {
        keys: [b.processInstanceKey, a.processInstanceKey, '2251799813999999'],
        total: 12,
      };
      const { monitor } = monitorOver(reads);
      const page = await monitor.instances(
        listQuery({ process: 'loan-origination', activeElement: 'Review', page: 4, pageSize: 3 }),
        HANGZHOU,
      );
      expect(reads.reads('instanceKeysAtElement')).toEqual([
        ['loan-origination', 'Review', HANGZHOU, { page: 4, pageSize: 3 }],
      ]);
      expect(reads.reads('instancePage')).toEqual([]);
      expect(page.items.map((item) => item.processInstanceKey)).toEqual([
        b.processInstanceKey,
        a.processInstanceKey,
      ]);
      expect(page).toMatchObject({ total: 12, page: 4, pageSize: 3 });
    });

    it('takes the general list for an element filter with any other filter, or without its process', async () => {
      const reads = new FakeReads();
      const { monitor } = monitorOver(reads);
      await monitor.instances(
        listQuery({ process: 'p', activeElement: 'Review', startedFrom: '2031-01-01T00:00:00Z' }),
        HEAD_OFFICE,
      );
      await monitor.instances(listQuery({ activeElement: 'Review' }), HEAD_OFFICE);
      await monitor.instances(
        listQuery({ process: 'p', activeElement: 'Review', hasIncident: false }),
        HEAD_OFFICE,
      );
      expect(reads.reads('instanceKeysAtElement')).toEqual([]);
      expect(reads.reads('instancePage').map((args) => args[0])).toEqual([
        expect.objectContaining({ activeElement: 'Review', startedFrom: '2031-01-01T00:00:00Z' }),
        expect.objectContaining({ activeElement: 'Review' }),
        expect.objectContaining({ activeElement: 'Review', hasIncident: false }),
      ]);
    });

    it('shows where each instance waits (containers left out, a step once), by the model’s names', async () => {
      const reads = new FakeReads();
      const row = instance();
      const key = row.processInstanceKey;
      reads.instances = [row];
      reads.definitionRows = [MODEL_V3];
      reads.active = [
        step({ instanceKey: key, elementId: 'loan-origination', elementType: 'PROCESS' }),
        step({ instanceKey: key, elementId: 'Checks', elementType: 'SUB_PROCESS' }),
        step({ instanceKey: key, elementId: 'Checks#body', elementType: 'MULTI_INSTANCE_BODY' }),
        step({ instanceKey: key, elementId: 'Fraud', elementType: 'EVENT_SUB_PROCESS' }),
        step({ instanceKey: key, elementId: 'Review' }),
        // A second token at Review (a loop): the step is shown once, since its first token.
        step({
          instanceKey: key,
          elementId: 'Review',
          startedAt: new Date('2031-05-09T00:00:00.000Z'),
        }),
        step({ instanceKey: key, elementId: 'CheckBureau', elementType: 'SERVICE_TASK' }),
        step({ instanceKey: key, elementId: 'Sign', startedAt: null }),
        step({ instanceKey: key, elementId: 'Unnamed', elementType: 'RECEIVE_TASK' }),
      ];
      const { monitor } = monitorOver(reads);
      const [item] = (await monitor.instances(listQuery(), HEAD_OFFICE)).items;
      expect(item?.currentSteps).toEqual([
        {
          elementId: 'Review',
          name: 'Review & approve',
          elementType: 'USER_TASK',
          since: '2031-05-02T01:00:00.000Z',
        },
        {
          elementId: 'CheckBureau',
          name: 'Bureau check',
          elementType: 'SERVICE_TASK',
          since: '2031-05-02T01:00:00.000Z',
        },
        // Without a name in the model, or not in it at all: its id.
        { elementId: 'Sign', name: 'Sign', elementType: 'USER_TASK', since: null },
        {
          elementId: 'Unnamed',
          name: 'Unnamed',
          elementType: 'RECEIVE_TASK',
          since: '2031-05-02T01:00:00.000Z',
        },
      ]);
    });

    it('names the steps by the id when the version’s model is not in the projection', async () => {
      const reads = new FakeReads();
      const row = instance({ processDefinitionKey: 'def-unknown' });
      reads.instances = [row];
      reads.definitionRows = [MODEL_V3];
      reads.active = [step({ instanceKey: row.processInstanceKey, definitionKey: 'def-unknown' })];
      const { monitor } = monitorOver(reads);
      const [item] = (await monitor.instances(listQuery(), HEAD_OFFICE)).items;
      expect(item?.currentSteps.map((s) => s.name)).toEqual(['Review']);
    });

    it('reads a version’s model once for the pages that follow', async () => {
      const reads = new FakeReads();
      const [v3, v4] = [instance(), instance({ processDefinitionKey: 'def-4' })];
      reads.instances = [v3, v4];
      reads.definitionRows = [MODEL_V3, { ...MODEL_V3, processDefinitionKey: 'def-4', version: 4 }];
      const { monitor } = monitorOver(reads);
      await monitor.instances(listQuery({ pageSize: 1, page: 2 }), HEAD_OFFICE);
      await monitor.instances(listQuery({ pageSize: 2 }), HEAD_OFFICE);
      await monitor.instances(listQuery({ pageSize: 2 }), HEAD_OFFICE);
      expect(reads.reads('definitions')).toEqual([[['def-3']], [['def-4']]]);
    });

    it('shows who holds each instance’s open tasks, each holder once, and only that instance’s', async () => {
      const reads = new FakeReads();
      const [mine, other] = [instance(), instance()];
      reads.instances = [mine, other];
      const key = mine.processInstanceKey;
      reads.holders = [
        { instanceKey: key, assignee: 'li.wei' },
        { instanceKey: other.processInstanceKey, assignee: 'zhao.min' },
        { instanceKey: key, assignee: 'chen.jie' },
        { instanceKey: key, assignee: 'li.wei' },
      ];
      const { monitor } = monitorOver(reads);
      const { items } = await monitor.instances(listQuery(), HEAD_OFFICE);
      expect(items.find((item) => item.processInstanceKey === key)?.assignees).toEqual([
        'li.wei',
        'chen.jie',
      ]);
      expect(reads.reads('taskHolders')).toEqual([
        [[other.processInstanceKey, mine.processInstanceKey]],
      ]);
    });

    it('names the borrower (the applicant of the loan), masked unless the reader serves customers', async () => {
      const reads = new FakeReads();
      const [withLoan, sameLoan, withoutLoan] = [
        instance({ businessKey: 'LN-1' }),
        instance({ businessKey: 'LN-1' }),
        instance({ businessKey: null }),
      ];
      reads.instances = [withLoan, sameLoan, withoutLoan];
      reads.applicantsOf = [{ loanId: 'LN-1', name: '张三丰' }];
      const { monitor } = monitorOver(reads);
      const masked = await monitor.instances(listQuery(), HEAD_OFFICE, MASKED);
      const plain = await monitor.instances(listQuery(), HEAD_OFFICE, UNMASKED);
      expect(masked.items.map((item) => item.borrower)).toEqual([null, '张**', '张**']);
      expect(plain.items.map((item) => item.borrower)).toEqual([null, '张三丰', '张三丰']);
      // One loan asked once.
      expect(reads.reads('applicants')[0]).toEqual([['LN-1']]);
    });

    it('masks the borrower when the caller says nothing of the reader', async () => {
      const reads = new FakeReads();
      reads.instances = [instance({ businessKey: 'LN-2' })];
      reads.applicantsOf = [{ loanId: 'LN-2', name: 'Wang Fang' }];
      const { monitor } = monitorOver(reads);
      const { items } = await monitor.instances(listQuery(), HEAD_OFFICE);
      expect(items[0]?.borrower).toBe('W***');
    });

    it('shows an instance as the engine reported it, its dates as ISO text', async () => {
      const reads = new FakeReads();
      const row = instance({
        state: 'completed',
        endedAt: new Date('2031-05-05T00:00:00.000Z'),
        incidents: 2,
        businessKey: 'LN-9',
      });
      reads.instances = [row];
      const { monitor } = monitorOver(reads);
      const { items } = await monitor.instances(listQuery(), HEAD_OFFICE);
      expect(items).toEqual([
        {
          processInstanceKey: row.processInstanceKey,
          bpmnProcessId: 'loan-origination',
          version: 3,
          processDefinitionKey: 'def-3',
          businessKey: 'LN-9',
          state: 'completed',
          startedAt: row.startedAt.toISOString(),
          endedAt: '2031-05-05T00:00:00.000Z',
          openIncidents: 2,
          borrower: null,
          currentSteps: [],
          assignees: [],
        },
      ]);
    });

    it('reads nothing more for an empty page', async () => {
      const reads = new FakeReads();
      const { monitor } = monitorOver(reads);
      const page = await monitor.instances(listQuery(), HEAD_OFFICE);
      expect(page).toEqual({ items: [], total: 0, page: 1, pageSize: 50 });
      expect(reads.calls.map((call) => call.read)).toEqual(['instancePage']);
    });
  });

  describe('one instance', () => {
    it('is not found when unknown, or while only its business key has arrived', async () => {
      const reads = new FakeReads();
      const early = instance({ lastPosition: '0' });
      reads.instances = [early];
      const { monitor } = monitorOver(reads);
      await expect(monitor.instance('404', MASKED)).rejects.toThrowDomainError(
        'INSTANCE_NOT_FOUND',
        { message: 'No process instance 404 has been reported by the engine.' },
      );
      await expect(monitor.instance(early.processInstanceKey, UNMASKED)).rejects.toThrowDomainError(
        'INSTANCE_NOT_FOUND',
      );
      expect(reads.reads('instanceRecords')).toEqual([]);
    });

    it('says where it waits (active elements not containers, each once) and where it has been', async () => {
      const reads = new FakeReads();
      const row = instance();
      const key = row.processInstanceKey;
      reads.instances = [row];
      const at = new Date('2031-05-02T00:00:00.000Z');
      const element = (id: string, type: string, state: 'active' | 'completed' | 'terminated') => ({
        elementInstanceKey: `${id}-${state}`,
        elementId: id,
        elementType: type,
        flowScopeKey: key,
        state,
        startedAt: at,
        endedAt: state === 'active' ? null : at,
      });
      reads.records.set(key, {
        elements: [
          element('Checks', 'SUB_PROCESS', 'active'),
          element('Fraud', 'EVENT_SUB_PROCESS', 'active'),
          element('Each', 'MULTI_INSTANCE_BODY', 'active'),
          element('Review', 'USER_TASK', 'active'),
          element('Review', 'USER_TASK', 'active'),
          element('Bureau', 'SERVICE_TASK', 'completed'),
          element('Bureau', 'SERVICE_TASK', 'completed'),
          element('Timer', 'BOUNDARY_EVENT', 'terminated'),
        ],
        incidents: [],
        timers: [{ elementId: 'Timer', dueAt: at, repetitions: 2 }],
        subscriptions: [{ elementId: 'Wait', messageName: 'paid', correlationKey: 'LN-1' }],
        variables: [],
      });
      const { monitor } = monitorOver(reads);
      const detail = await monitor.instance(key, MASKED);
      expect(detail.activeElements).toEqual(['Review']);
      expect(detail.completedElements).toEqual(['Bureau']);
      expect(detail.elements).toHaveLength(8);
      expect(detail.elements[7]).toEqual({
        elementInstanceKey: 'Timer-terminated',
        elementId: 'Timer',
        elementType: 'BOUNDARY_EVENT',
        flowScopeKey: key,
        state: 'terminated',
        startedAt: '2031-05-02T00:00:00.000Z',
        endedAt: '2031-05-02T00:00:00.000Z',
      });
      expect(detail.timers).toEqual([
        { elementId: 'Timer', dueAt: '2031-05-02T00:00:00.000Z', repetitions: 2 },
      ]);
      expect(detail.messageSubscriptions).toEqual([
        { elementId: 'Wait', messageName: 'paid', correlationKey: 'LN-1' },
      ]);
      expect(detail.processInstanceKey).toBe(key);
    });

    it('shows variables as JSON values, a cut one as its start, masked unless the reader serves customers', async () => {
      const reads = new FakeReads();
      const row = instance();
      const key = row.processInstanceKey;
      reads.instances = [row];
      const records: InstanceRecords = {
        elements: [],
        incidents: [
          {
            ...incident({ processInstanceKey: key }),
            errorMessage: 'no answer for 13812345678',
          },
        ],
        timers: [],
        subscriptions: [],
        variables: [
          { name: 'amount', value: '"50000.00"', truncated: 0 },
          { name: 'applicantName', value: '"李小龙"', truncated: 0 },
          { name: 'bureauReport', value: '{"score":7', truncated: 1 },
          { name: 'note', value: 'not json', truncated: 0 },
          { name: 'terms', value: '{"months":12,"mobile":"13812345678"}', truncated: 0 },
        ],
      };
      reads.records.set(key, records);
      const { monitor } = monitorOver(reads);
      const masked = await monitor.instance(key, MASKED);
      const plain = await monitor.instance(key, UNMASKED);
      expect(plain.variables).toEqual({
        amount: '50000.00',
        applicantName: '李小龙',
        bureauReport: { truncated: true, start: '{"score":7' },
        note: 'not json',
        terms: { months: 12, mobile: '13812345678' },
      });
      expect(masked.variables).toEqual({
        amount: '50000.00',
        applicantName: '李**',
        bureauReport: '***',
        note: 'not json',
        terms: { months: 12, mobile: '138****5678' },
      });
      expect(masked.incidents[0]?.errorMessage).toBe('no answer for 138****5678');
      expect(plain.incidents[0]?.errorMessage).toBe('no answer for 13812345678');
    });
  });

  describe('a process version', () => {
    it('is not found when unknown; else as deployed', async () => {
      const reads = new FakeReads();
      reads.definitionRows = [MODEL_V3];
      const { monitor } = monitorOver(reads);
      await expect(monitor.definition('def-9')).rejects.toThrowDomainError(
        'PROCESS_DEFINITION_NOT_FOUND',
      );
      await expect(monitor.definition('def-3')).resolves.toEqual(MODEL_V3);
    });
  });

  describe('the heatmap', () => {
    it('puts each element’s counts by state and its open incidents together, by element id, in the reader’s units', async () => {
      const reads = new FakeReads();
      reads.definitionRows = [MODEL_V3];
      reads.counts = {
        elements: [
          { elementId: 'Review', state: 'active', n: 4 },
          { elementId: 'CheckBureau', state: 'completed', n: 10 },
          { elementId: 'Review', state: 'completed', n: 7 },
          { elementId: 'CheckBureau', state: 'terminated', n: 1 },
        ],
        incidents: [
          { elementId: 'CheckBureau', n: 2 },
          // An incident where no element row is (yet): still shown.
          { elementId: 'Archive', n: 1 },
        ],
      };
      const { monitor } = monitorOver(reads);
      const heatmap = await monitor.heatmap('def-3', HANGZHOU);
      expect(reads.reads('heatmapCounts')).toEqual([['def-3', HANGZHOU]]);
      expect(heatmap).toEqual({
        processDefinitionKey: 'def-3',
        bpmnProcessId: 'loan-origination',
        version: 3,
        elements: [
          { elementId: 'Archive', active: 0, completed: 0, terminated: 0, incidents: 1 },
          { elementId: 'CheckBureau', active: 0, completed: 10, terminated: 1, incidents: 2 },
          { elementId: 'Review', active: 4, completed: 7, terminated: 0, incidents: 0 },
        ],
      });
    });

    it('names the version from its instances when its definition row predates the projection', async () => {
      const reads = new FakeReads();
      reads.instances = [instance({ processDefinitionKey: 'def-7', version: 7 })];
      const { monitor } = monitorOver(reads);
      const heatmap = await monitor.heatmap('def-7', HEAD_OFFICE);
      expect(heatmap).toEqual({
        processDefinitionKey: 'def-7',
        bpmnProcessId: 'loan-origination',
        version: 7,
        elements: [],
      });
      expect(reads.reads('newestInstanceOf')).toEqual([['def-7']]);
    });

    it('looks no further than the definition row when there is one', async () => {
      const reads = new FakeReads();
      reads.definitionRows = [MODEL_V3];
      const { monitor } = monitorOver(reads);
      await monitor.heatmap('def-3', HEAD_OFFICE);
      expect(reads.reads('newestInstanceOf')).toEqual([]);
    });

    it('is not found for a version neither deployed nor run, and counts nothing then', async () => {
      const reads = new FakeReads();
      const { monitor } = monitorOver(reads);
      await expect(monitor.heatmap('def-9', HEAD_OFFICE)).rejects.toThrowDomainError(
        'PROCESS_DEFINITION_NOT_FOUND',
        { message: 'No process definition def-9 is known.' },
      );
      expect(reads.reads('heatmapCounts')).toEqual([]);
    });
  });

  describe('incidents', () => {
    it('gives a reader of no unit an empty page, without reading anything', async () => {
      const reads = new FakeReads();
      reads.incidents = [incident({ branchCode: null })];
      const { monitor } = monitorOver(reads);
      const page = await monitor.incidents(incidentQuery({ pageSize: 10 }), NOWHERE, UNMASKED);
      expect(page).toEqual({ items: [], total: 0, page: 1, pageSize: 10 });
      expect(reads.calls).toEqual([]);
    });

    it('assembles a page of the reader’s units’ incidents, their messages masked unless they serve customers', async () => {
      const reads = new FakeReads();
      reads.incidents = [
        incident({ incidentKey: 'inc-1' }),
        incident({ incidentKey: 'inc-2', branchCode: 'BR-NB' }),
        incident({ incidentKey: 'inc-3', state: 'resolved' }),
        incident({ incidentKey: 'inc-4', branchCode: 'SUB-HZ-1' }),
      ];
      const { monitor } = monitorOver(reads);
      const masked = await monitor.incidents(
        incidentQuery({ process: 'loan-origination' }),
        HANGZHOU,
        MASKED,
      );
      const plain = await monitor.incidents(incidentQuery({ pageSize: 1 }), HANGZHOU, UNMASKED);
      expect(reads.reads('incidentPage')[0]).toEqual([
        { state: 'open', process: 'loan-origination' },
        HANGZHOU,
        { page: 1, pageSize: 50 },
      ]);
      expect(masked.items.map((item) => item.incidentKey)).toEqual(['inc-1', 'inc-4']);
      expect(masked.total).toBe(2);
      expect(masked.items[0]).toEqual({
        incidentKey: 'inc-1',
        processInstanceKey: '900',
        bpmnProcessId: 'loan-origination',
        elementId: 'CheckBureau',
        elementInstanceKey: '901',
        jobKey: 'job-1',
        errorType: 'JOB_NO_RETRIES',
        errorMessage: 'bureau refused 110101********7777 (call 138****5678)',
        state: 'open',
        createdAt: '2031-05-03T00:00:00.000Z',
        resolvedAt: null,
      });
      expect(plain).toMatchObject({ total: 2, page: 1, pageSize: 1 });
      expect(plain.items[0]?.errorMessage).toBe(
        'bureau refused 110101199003077777 (call 13812345678)',
      );
    });
  });

  describe('resolving an incident', () => {
    const principal: Principal = {
      userId: 'u-7',
      username: 'ops.zhou',
      displayName: 'Zhou',
      roles: ['process-designer'],
      orgUnitCode: 'HO',
      orgUnitName: 'Head office',
      orgPath: '/HO/',
      idNumber: null,
      relativeIdNumbers: [],
    };
    const actor = { username: 'ops.zhou', roles: ['process-designer'], orgUnitCode: 'HO' };

    function withIncident(over: Partial<ProjectedIncident> = {}) {
      const reads = new FakeReads();
      reads.instances = [instance({ processInstanceKey: '900', businessKey: 'LN-5' })];
      reads.incidents = [incident({ errorMessage: 'core banking unavailable', ...over })];
      return { reads, ...monitorOver(reads) };
    }

    it('is refused for an unknown incident, with nothing sent or audited', async () => {
      const { monitor, broker, audited } = withIncident();
      await expect(monitor.resolve(principal, 'inc-404', undefined)).rejects.toThrowDomainError(
        'INCIDENT_NOT_FOUND',
      );
      expect(broker).toEqual([]);
      expect(audited).toEqual([]);
    });

    it('gives the failed job its retries again (3 unless asked), then resolves, audited with the loan', async () => {
      const { monitor, broker, audited } = withIncident();
      await expect(monitor.resolve(principal, 'inc-1', undefined)).resolves.toEqual({
        incidentKey: 'inc-1',
        resolved: true,
      });
      expect(broker).toEqual([
        { call: 'updateJobRetries', args: { jobKey: 'job-1', retries: 3 } },
        { call: 'resolveIncident', args: { incidentKey: 'inc-1' } },
      ]);
      expect(audited).toEqual([
        {
          actor,
          action: 'incident.resolve',
          loanKey: 'LN-5',
          outcome: 'ok',
          reason:
            'incident inc-1 at loan-origination/CheckBureau (JOB_NO_RETRIES) resolved with 3 retries: core banking unavailable',
        },
      ]);
    });

    it('gives the retries asked, and only resolves an incident that has no job', async () => {
      const asked = withIncident();
      await asked.monitor.resolve(principal, 'inc-1', 7);
      expect(asked.broker[0]).toEqual({
        call: 'updateJobRetries',
        args: { jobKey: 'job-1', retries: 7 },
      });
      const jobless = withIncident({ jobKey: null, errorType: 'EXTRACT_VALUE_ERROR' });
      await jobless.monitor.resolve(principal, 'inc-1', 7);
      expect(jobless.broker).toEqual([{ call: 'resolveIncident', args: { incidentKey: 'inc-1' } }]);
      expect(jobless.audited[0]?.reason).toBe(
        'incident inc-1 at loan-origination/CheckBureau (EXTRACT_VALUE_ERROR) resolved: core banking unavailable',
      );
    });

    it('refuses one already resolved, audited as refused, with nothing sent', async () => {
      const { monitor, broker, audited } = withIncident({ state: 'resolved' });
      await expect(monitor.resolve(principal, 'inc-1', undefined)).rejects.toThrowDomainError(
        'INCIDENT_RESOLVED',
      );
      expect(broker).toEqual([]);
      expect(audited).toEqual([
        {
          actor,
          action: 'incident.resolve',
          loanKey: 'LN-5',
          outcome: 'refused',
          reason: 'INCIDENT_RESOLVED: Incident inc-1 is already resolved.',
        },
      ]);
    });

    it('audits an incident of an instance the projection does not hold without a loan', async () => {
      const { reads, monitor, audited } = withIncident();
      reads.instances = [];
      await monitor.resolve(principal, 'inc-1', undefined);
      expect(audited[0]).toMatchObject({ outcome: 'ok', loanKey: null });
    });

    it('says the incident is resolved when the engine no longer has it, and the broker is down otherwise', async () => {
      const gone = withIncident();
      gone.failBrokerWith(new Error('5 NOT_FOUND: Command rejected'));
      await expect(gone.monitor.resolve(principal, 'inc-1', undefined)).rejects.toThrowDomainError(
        'INCIDENT_RESOLVED',
        { message: /no longer has incident inc-1/ },
      );
      const down = withIncident();
      down.failBrokerWith(new Error('14 UNAVAILABLE: No connection established'));
      await expect(down.monitor.resolve(principal, 'inc-1', undefined)).rejects.toThrowDomainError(
        'BROKER_UNAVAILABLE',
      );
      // Nothing was done, so nothing is audited as done.
      expect([...gone.audited, ...down.audited]).toEqual([]);
    });
  });
});
