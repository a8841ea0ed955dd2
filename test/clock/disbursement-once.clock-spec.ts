import { INestApplication } from '@nestjs/common';
import { DisburseWorker, JOB, OriginationWorkersModule } from '@loanflow/origination';
import { AuditEntryEntity, LedgerAccountEntity } from '@loanflow/persistence';
import { TasksWorkersModule } from '@loanflow/tasks';
import type { JobContext } from '@loanflow/workflow';
import {
  approvalOf,
  contractsFor,
  creditApplication,
  endEventOf,
  FORM,
  ledgerOf,
  LoanDesk,
  ofInstance,
  ORIGINATION_MODELS,
  RELEASE,
  startWorkers,
  stackSuite,
  submitApplication,
} from '../support';

const DISBURSE_TIMEOUT_MS = 5 * 60_000;

/** Starts workers serving only these job types, as a deployment with WORKER_TYPES would. */
async function workersFor(types: string): Promise<INestApplication> {
  const previous = process.env.WORKER_TYPES;
  process.env.WORKER_TYPES = types;
  try {
    return await startWorkers([TasksWorkersModule, OriginationWorkersModule]);
  } finally {
    if (previous === undefined) delete process.env.WORKER_TYPES;
    else process.env.WORKER_TYPES = previous;
  }
}

describe('a disbursement job delivered twice pays once', () => {
  const suite = stackSuite({ models: ORIGINATION_MODELS, api: true });
  let everythingButPayout: INestApplication;
  let payoutWorkers: INestApplication | undefined;

  beforeAll(async () => {
    const others = Object.values(JOB).filter((type) => type !== JOB.disburse);
    everythingButPayout = await workersFor(['tasks.inbox', ...others].join(','));
  });

  suite.beforeClose(async () => {
    await payoutWorkers?.close();
    await everythingButPayout.close();
  });

  it('survives a worker killed after paying and before completing the job', async () => {
    const staff = suite.staff;
    const applied = await submitApplication(staff, creditApplication());
    const { loanId, processInstanceKey } = applied.body as {
      loanId: string;
      processInstanceKey: string;
    };
    const desk = new LoanDesk(staff, loanId);
    await desk.throughReview();
    await desk.completeOk('zhao.approver', FORM.approval, approvalOf('200000.00', 36));
    await desk.completeOk('li.cm', FORM.contracts, contractsFor(loanId));
    await desk.completeOk('hu.supervisor', FORM.disbursementCheck, RELEASE);

    // The first worker takes the job, pays through core banking, and dies before completing it.
    let job: { key: string } | undefined;
    for (let attempt = 0; !job && attempt < 50; attempt++) {
      [job] = await suite.stack.zeebe.activateJobs({
        type: JOB.disburse,
        worker: 'doomed-worker',
        timeout: DISBURSE_TIMEOUT_MS,
        maxJobsToActivate: 1,
        requestTimeout: 1000,
      });
    }
    expect(job).toBeDefined();
    const doomed = everythingButPayout.get(DisburseWorker);
    const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };
    await doomed.handle({ loanId }, { jobKey: job!.key, logger: silent } as unknown as JobContext);
    const dataSource = suite.dataSource;
    expect((await ledgerOf(dataSource, loanId)).entries).toHaveLength(2);

    // Its hold runs out on the broker clock; a healthy worker gets the same job again.
    await suite.stack.clock.advance(DISBURSE_TIMEOUT_MS + 60_000);
    // The broker's timeout checker runs on its own cadence: allow it a minute, as job-timeout does.
    await suite.stack.records.waitFor('JOB', ofInstance(processInstanceKey, 'TIMED_OUT'), 90_000);
    payoutWorkers = await workersFor(JOB.disburse);

    // After the clock specs before it, the broker may still be firing the daily timers their jumps
    // made due: the re-delivered job waits its turn.
    expect(await endEventOf(suite.stack.records, processInstanceKey, 150_000)).toBe('Disbursed');

    const { disbursements, entries } = await ledgerOf(dataSource, loanId);
    expect(disbursements).toHaveLength(1);
    expect(disbursements[0].jobKey).toBe(job!.key);
    expect(entries.map((e) => `${e.side} ${e.amountMinor}`)).toEqual([
      'debit 20000000',
      'credit 20000000',
    ]);
    const loanAccount = await dataSource
      .getRepository(LedgerAccountEntity)
      .findOneByOrFail({ code: `LOAN:${loanId}` });
    expect(loanAccount.balanceMinor).toBe('20000000');
    const payouts = await dataSource
      .getRepository(AuditEntryEntity)
      .findBy({ loanKey: loanId, action: 'loan.disburse' });
    expect(payouts).toHaveLength(1);
    const dossier = await staff.loan('li.cm', loanId);
    expect(dossier.status).toBe('disbursed');
    expect(dossier.schedule?.installments).toHaveLength(36);
  }, 400_000);
});
