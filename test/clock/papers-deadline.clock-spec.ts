import { LoanEntity } from '@loanflow/persistence';
import { creditApplication, endEventOf, eventually, LoanDesk, originationSuite } from '../support';

const DAY = 24 * 3600 * 1000;
const PAPERS = 'loanflow:papers-supplement';

describe('papers never completed at intake (补充材料)', () => {
  const suite = originationSuite();

  it('refuses the application after 15 days, naming the kinds still missing', async () => {
    // Declared, not uploaded: intake waits for the papers.
    const applied = await suite.staff.post('li.cm', '/api/applications', creditApplication());
    expect(applied.status).toBe(201);
    const { loanId, processInstanceKey } = applied.body as {
      loanId: string;
      processInstanceKey: string;
    };
    const desk = new LoanDesk(suite.staff, loanId);
    await suite.staff.waitForTask('li.cm', loanId, PAPERS);
    // Some papers come in, but not all, and nobody completes the task.
    await desk.upload('li.cm', 'id-card');
    await desk.upload('li.cm', 'income-proof');

    // Still waiting two weeks on.
    await suite.stack.clock.advance(14 * DAY);
    await suite.staff.waitForTask('li.cm', loanId, PAPERS);

    await suite.stack.clock.advance(DAY + 60_000);
    // Longer than the default: the day's move fires every earlier instance's timers on the broker.
    expect(await endEventOf(suite.stack.records, processInstanceKey, 90_000)).toBe('NotGranted');
    expect(
      (await suite.dataSource.getRepository(LoanEntity).findOneByOrFail({ id: loanId })).status,
    ).toBe('refused');
    const dossier = await suite.staff.loan('li.cm', desk.loanId);
    expect(dossier.decision?.stage).toBe('automatic-checks');
    // The reasons read the file as it was on the day: what was uploaded no longer missing.
    expect(dossier.decision?.reasons).toMatch(/credit-authorization/);
    expect(dossier.decision?.reasons).toMatch(/purpose-evidence/);
    expect(dossier.decision?.reasons).not.toMatch(/id-card|income-proof/);
    expect(dossier.decision?.reasons).toMatch(/within the 15 days/);
    const inbox = await eventually(
      async () =>
        ((await suite.staff.get('li.cm', `/api/tasks?loan=${loanId}`)).body as { items: unknown[] })
          .items,
      (items) => items.length === 0,
    );
    expect(inbox).toEqual([]);
  });
});
