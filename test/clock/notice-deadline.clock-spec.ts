import { OriginationWorkersModule } from '@loanflow/origination';
import { NotificationEntity } from '@loanflow/persistence';
import { TasksWorkersModule } from '@loanflow/tasks';
import { DataSource } from 'typeorm';
import {
  creditApplication,
  FORM,
  ofInstance,
  ORIGINATION_MODELS,
  submitApplication,
  stackSuite,
} from '../support';

/** 10:00 in Beijing on Wednesday 30 September 2026, the day before the National Day holiday. */
const EVE_OF_NATIONAL_DAY = new Date('2026-09-30T02:00:00Z');
/**
 * 3 working days later: 1–7 October are public holidays, Thursday 8 and Friday 9 are working days,
 * and Saturday 10 October is a make-up working day (调休), so the notice is due by its end.
 */
const DUE = '2026-10-10T16:00:00.000Z';

// Pins the broker clock to a past date: runs first in the clock tier (see test/support/clock-sequencer.js).
describe('the 3-working-day decision notice across a public holiday, on the broker clock', () => {
  const suite = stackSuite({
    models: ORIGINATION_MODELS,
    workers: [TasksWorkersModule, OriginationWorkersModule],
    api: true,
  });

  beforeAll(async () => {
    await suite.stack.clock.pin(EVE_OF_NATIONAL_DAY);
  });

  suite.beforeClose(async () => {
    await suite.stack.clock.reset();
  });

  it('escalates to the center manager only after the make-up working day has ended', async () => {
    const staff = suite.staff;
    const applied = await submitApplication(staff, creditApplication());
    expect(applied.status).toBe(201);
    const { loanId, processInstanceKey } = applied.body as {
      loanId: string;
      processInstanceKey: string;
    };
    await staff.waitForTask('li.cm', loanId, FORM.investigation);

    const timer = await suite.stack.records.waitFor(
      'TIMER',
      ofInstance(processInstanceKey, 'CREATED'),
    );
    expect(new Date(Number(timer.value.dueDate)).toISOString()).toBe(DUE);
    const dossier = await staff.loan('li.cm', loanId);
    expect(dossier.notice).toMatchObject({
      applicationCompleteAt: EVE_OF_NATIONAL_DAY.toISOString(),
      dueAt: DUE,
      calendarCovered: true,
      breachedAt: null,
    });

    // 23:00 on Saturday 10 October in Beijing: a weekday count would have breached on the 5th.
    await suite.stack.clock.pin(new Date('2026-10-10T15:00:00Z'));
    await new Promise((resolve) => setTimeout(resolve, 2000));
    expect(
      await suite.stack.records.all('TIMER', ofInstance(processInstanceKey, 'TRIGGERED')),
    ).toHaveLength(0);

    // Just past midnight: the limit has passed with no decision.
    await suite.stack.clock.pin(new Date('2026-10-10T16:01:00Z'));
    await suite.stack.records.waitFor('TIMER', ofInstance(processInstanceKey, 'TRIGGERED'), 30_000);
    await suite.stack.records.waitFor(
      'PROCESS_INSTANCE',
      ofInstance(
        processInstanceKey,
        'ELEMENT_COMPLETED',
        (r) => r.value.elementId === 'BreachEscalated',
      ),
      30_000,
    );
    const notices = await suite.stack
      .api!.get(DataSource)
      .getRepository(NotificationEntity)
      .findBy({ loanId, kind: 'notice-breach' });
    expect(notices).toEqual([
      expect.objectContaining({ channel: 'inbox', recipient: 'role:center-manager:SB-HZ-XH' }),
    ]);
    const after = await staff.loan('li.cm', loanId);
    expect(after.notice.breachedAt).not.toBeNull();
    // Non-interrupting: the investigation still waits for the customer manager.
    expect(after.stage).toBe('investigation');
    expect(after.decisions.map((d) => d.action)).toContain('decision.notice-breach');
  });
});
