import Redis from 'ioredis';
import { loadConfig } from '@loanflow/config';
import { CollectionEpisodeEntity } from '@loanflow/persistence';
import { MonitoringWorkersModule } from '@loanflow/monitoring';
import { ServicingWorkersModule } from '@loanflow/servicing';
import {
  applyAs,
  approvalOf,
  freshApplicant,
  contractsFor,
  endEventOf,
  eventually,
  FORM,
  GUARANTOR,
  guarantorApplication,
  originationSuite,
  RELEASE,
} from '../support';

const DAY = 24 * 3600 * 1000;
const PAYEE_ACCOUNT = '6222020200112233445';

/**
 * Minimal data in the engine (JR/T 0171-2020): a guarantor loan goes from application through
 * disbursement, a repayment and a collection episode; then every record the broker exported to
 * Redis and every variable the monitoring projection keeps is searched for the applicant's and the
 * guarantor's ID numbers and phones and the payee's account number. None may be there: the models
 * carry the loan id and the facts they decide on; workers and forms read people from the register.
 */
/** The applicant's and guarantors' incomes and debts: the register's, never the engine's. */
const FINANCE_FIELDS = ['monthlyIncome', 'monthlyDebtPayments'];

describe('the engine holds no personal identifiers: exporter streams and projected variables scanned after a loan’s life', () => {
  const suite = originationSuite(ServicingWorkersModule, MonitoringWorkersModule);

  it('finds no ID number, phone or account number in any exported record or projected variable', async () => {
    // A fresh applicant: this loan falls overdue, and must not count against another spec's applicant.
    const applicant = freshApplicant();
    const { desk, loanId, processInstanceKey } = await applyAs(
      suite.staff,
      guarantorApplication({ applicant }),
    );
    await desk.throughReview();
    await desk.completeOk('zhao.approver', FORM.approval, approvalOf('200000.00', 36, '0.0435'));
    await desk.completeOk('li.cm', FORM.contracts, contractsFor(loanId, [GUARANTOR.idNumber]));
    await desk.completeOk('hu.supervisor', FORM.disbursementCheck, RELEASE);
    expect(await endEventOf(suite.stack.records, processInstanceKey)).toBe('Disbursed');

    // Installment 1 paid on its due date; installment 2 missed: a collection episode opens.
    const [first, second] = (await suite.staff.loan('li.cm', loanId)).schedule?.installments ?? [];
    if (!first || !second) throw new Error(`loan ${loanId} has fewer than two installments`);
    const to = async (at: number) => {
      const now = (await suite.stack.clock.now()).getTime();
      if (at > now) await suite.stack.clock.advance(at - now);
    };
    await to(new Date(`${first.dueDate}T10:00:00+08:00`).getTime());
    const paid = await suite.staff.post('lin.collection', `/api/loans/${loanId}/repayments`, {
      amount: first.payment,
      paidAt: (await suite.stack.clock.now()).toISOString(),
      channel: 'transfer',
      idempotencyKey: `scan-${loanId}-1`,
    });
    expect(paid.status).toBe(201);
    await to(new Date(`${second.dueDate}T00:00:00+08:00`).getTime() + DAY + 60_000);
    const episode = await eventually(
      () => suite.dataSource.getRepository(CollectionEpisodeEntity).findOneBy({ loanId }),
      (e) => e !== null,
    );
    expect(episode).not.toBeNull();
    const contact = await suite.staff.waitForTask('li.cm', loanId, 'loanflow:collection-contact');
    // The contact's notes are free text: here they carry the borrower's phone number.
    const logged = await suite.staff.post('li.cm', `/api/tasks/${contact.id}/complete`, {
      answer: {
        channel: 'call',
        reached: true,
        outcome: 'promise-to-pay',
        promiseToPayDate: second.dueDate,
        notes: `called ${applicant.phone}: the borrower promised to pay within the week`,
      },
    });
    expect(logged.status).toBe(200);

    const secrets = [
      applicant.idNumber,
      applicant.phone,
      GUARANTOR.idNumber,
      GUARANTOR.phone,
      PAYEE_ACCOUNT,
    ];
    // The loan's own instances (origination, servicing, collection): the shared test broker may
    // also run instances that other specs or earlier runs started. The projector files the
    // collection instance a moment after its task reaches the inbox: wait for all three.
    const instances = await eventually(
      async () =>
        (
          await suite.dataSource.query<{ k: string }[]>(
            'SELECT process_instance_key AS k FROM process_instance WHERE business_key = ?',
            [loanId],
          )
        ).map((row) => row.k),
      (keys) => keys.length >= 3,
    );
    expect(instances.length).toBeGreaterThanOrEqual(3);
    const ours = (text: string) =>
      text.includes(loanId) ||
      instances.some((key) => text.includes(`"processInstanceKey":${key}`));
    // Every record the exporter wrote about the loan during this run.
    const config = loadConfig();
    const redis = new Redis(config.REDIS_URL);
    const leaks: string[] = [];
    let scanned = 0;
    try {
      const streams = await redis.keys(`${config.EXPORTER_STREAM_PREFIX}:*`);
      expect(streams.length).toBeGreaterThan(0);
      for (const stream of streams) {
        if ((await redis.type(stream)) !== 'stream') continue;
        let from = '-';
        for (;;) {
          const entries = await redis.xrange(stream, from, '+', 'COUNT', 1000);
          if (entries.length === 0) break;
          for (const [id, fields] of entries) {
            // A record is [key, JSON, …]; a job batch holds jobs of many instances: each on its own.
            for (const field of fields) {
              if (!field.startsWith('{')) continue;
              const record = JSON.parse(field) as { value?: { jobs?: unknown[] } };
              const parts = record.value?.jobs ?? [record];
              for (const part of parts) {
                const text = JSON.stringify(part);
                if (!ours(text)) continue;
                scanned++;
                for (const secret of secrets)
                  if (text.includes(secret)) leaks.push(`${stream} ${id}: ${secret.slice(0, 4)}…`);
                // Incomes and debts stay in the register: no record names them.
                for (const field of FINANCE_FIELDS)
                  if (text.includes(field)) leaks.push(`${stream} ${id}: ${field}`);
              }
            }
          }
          const last = entries[entries.length - 1][0];
          const [ms, seq] = last.split('-').map(Number);
          from = `${ms}-${seq + 1}`;
        }
      }
    } finally {
      redis.disconnect();
    }
    expect(scanned).toBeGreaterThan(100);
    // The projection has caught up with the collection instance; only the loan's instances count.
    const projected = await eventually(
      () =>
        suite.dataSource.query<{ processInstanceKey: string; name: string; value: string }[]>(
          'SELECT process_instance_key AS processInstanceKey, name, value FROM process_variable',
        ),
      (rows) =>
        rows.some((row) => row.name === 'episodeId' && instances.includes(row.processInstanceKey)),
    );
    const variables = projected.filter((v) => instances.includes(String(v.processInstanceKey)));
    expect(variables.length).toBeGreaterThan(10);
    for (const variable of variables) {
      for (const secret of secrets)
        if (String(variable.value).includes(secret))
          leaks.push(`process_variable ${variable.name}: ${secret.slice(0, 4)}…`);
      for (const field of FINANCE_FIELDS)
        if (String(variable.value).includes(field))
          leaks.push(`process_variable ${variable.name}: ${field}`);
    }
    expect(leaks).toEqual([]);
  });
});
