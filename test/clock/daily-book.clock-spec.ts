import { In } from 'typeorm';
import {
  AuditEntryEntity,
  CollectionEpisodeEntity,
  LoanClassificationEntity,
  LoanEntity,
} from '@loanflow/persistence';
import { CLASSIFICATION_FACTS_INVALID, DomainError } from '@loanflow/domain';
import { DailyBookWorker, LoanClassifier, ServicingWorkersModule } from '@loanflow/servicing';
import { disbursedLoan, eventually, originationSuite } from '../support';

const DAY = 24 * 3600 * 1000;

/**
 * The day's work by the book (bpmn/daily-book.bpmn): a loan that misses its first installment is
 * moved from the customer manager's band to the collection officer's at day 31 by the daily
 * instance alone (no per-loan timer is left in servicing), and a chunk of the book ruled again on
 * the same day — a redelivered job — writes nothing: no classification, no band change, no audit.
 * A loan whose records the rule refuses is skipped and audited, and the chunk completes.
 */
describe('the daily book on the broker clock: one process a day rules the book in chunks; a chunk ruled twice changes nothing', () => {
  const suite = originationSuite(ServicingWorkersModule);

  const episodeOf = (loanId: string) =>
    suite.dataSource.getRepository(CollectionEpisodeEntity).findOneBy({ loanId, state: 'open' });
  // What a ruling writes: classification rows, and audit entries of a class set, a band moved or
  // an upgrade proposed (the collection process's own hand-over, still landing after the day's
  // jump, is not the chunk's doing and is not counted).
  const written = async (loanId: string) => ({
    classifications: await suite.dataSource
      .getRepository(LoanClassificationEntity)
      .countBy({ loanId }),
    audit: await suite.dataSource.getRepository(AuditEntryEntity).countBy({
      loanKey: loanId,
      action: In(['loan.classify', 'collection.band', 'classification.propose']),
    }),
    episode: await episodeOf(loanId),
    loan: await suite.dataSource.getRepository(LoanEntity).findOneByOrFail({ id: loanId }),
  });

  it('moves an unpaid loan to the officer’s band at day 31 and rules a redelivered chunk without a second write', async () => {
    const loanId = await disbursedLoan(suite.stack);
    const [first] = await suite.dataSource.query<{ dueDate: string }[]>(
      'SELECT due_date AS dueDate FROM loan_installment WHERE loan_id = ? ORDER BY number LIMIT 1',
      [loanId],
    );
    const firstDue = String(first.dueDate).slice(0, 10);
    // Day 1 past due, a minute past midnight in Beijing: the due-date check opens the episode.
    const dayOne = new Date(`${firstDue}T00:00:00+08:00`).getTime() + DAY + 60_000;
    const toDay = async (n: number) =>
      suite.stack.clock.advance(dayOne + (n - 1) * DAY - (await suite.stack.clock.now()).getTime());
    await toDay(1);
    await eventually(
      () => episodeOf(loanId),
      (e) => e?.band === 'manager',
    );
    // Day 31: nothing about the loan happened since day 1; only the daily book can move it.
    await toDay(31);
    const moved = await eventually(
      () => episodeOf(loanId),
      (e) => e?.band === 'officer' && e.daysPastDue === 31,
      90_000,
    );
    expect(moved).toMatchObject({ band: 'officer', daysPastDue: 31 });
    // The dossier's schedule stands each installment on the business date (the broker's clock, a
    // month past the browser's today): the first overdue, the last not yet due.
    const standings = ((await suite.staff.loan('li.cm', loanId)).schedule?.installments ?? []).map(
      (i) => i.standing,
    );
    expect(standings[0]).toBe('overdue');
    expect(standings[standings.length - 1]).toBe('due');
    expect(
      (await suite.dataSource.getRepository(LoanEntity).findOneByOrFail({ id: loanId }))
        .classification,
    ).toBe('special-mention');

    // The same chunk twice on the same day, as a redelivered job would be: a chunk of one loan
    // starting just before this loan (ids sort; the cursor is the id before it).
    const worker = suite.stack.workers!.get(DailyBookWorker);
    const asOf = (await suite.stack.clock.now()).toISOString();
    const [before] = await suite.dataSource.query<{ id: string | null }[]>(
      "SELECT MAX(id) AS id FROM loan WHERE id < ? AND status = 'disbursed'",
      [loanId],
    );
    const chunk = { asOf, cursor: before.id, chunkSize: 1 };
    const once = await worker.handle(chunk);
    const after = await written(loanId);
    const twice = await worker.handle(chunk);
    expect(once).toEqual({ cursor: loanId, bookDone: false, loansRuled: 1, loansSkipped: 0 });
    expect(twice).toEqual(once);
    const again = await written(loanId);
    expect(again.classifications).toBe(after.classifications);
    expect(again.audit).toBe(after.audit);
    expect(again.episode).toMatchObject({
      id: after.episode!.id,
      band: 'officer',
      bandChanges: after.episode!.bandChanges,
    });
    expect(again.loan.classification).toBe('special-mention');

    // A loan whose own records the rule refuses (as the upgrade rule refuses a history dated after
    // the day judged, which a loan file from a broker run with another clock once carried) is
    // skipped with one refused audit entry, however often the chunk comes; the book goes on past
    // it instead of stopping in an incident. The refusal is the rule's own error, raised here.
    const classifier = suite.stack.workers!.get(LoanClassifier);
    const refusing = jest
      .spyOn(classifier, 'classifyAndReassess')
      .mockRejectedValue(
        new DomainError(
          CLASSIFICATION_FACTS_INVALID,
          'levelSince: 2099-01-01 is after the day judged, today',
        ),
      );
    try {
      // Two deliveries at once (the chunk redelivered while the first still runs), then a third.
      const [skipped, beside] = await Promise.all([worker.handle(chunk), worker.handle(chunk)]);
      expect(skipped).toEqual({ cursor: loanId, bookDone: false, loansRuled: 0, loansSkipped: 1 });
      expect(beside).toEqual(skipped);
      await worker.handle(chunk);
      const refused = await suite.dataSource
        .getRepository(AuditEntryEntity)
        .findBy({ loanKey: loanId, action: 'loan.classify', outcome: 'refused' });
      expect(refused).toHaveLength(1);
      expect(refused[0].reason).toMatch(
        /skipped the loan: CLASSIFICATION_FACTS_INVALID: levelSince/,
      );
      // Anything else (the database away) still fails the chunk, to be tried again.
      refusing.mockRejectedValue(new Error('connection lost'));
      await expect(worker.handle(chunk)).rejects.toThrow('connection lost');
    } finally {
      refusing.mockRestore();
    }
  });
});
