import { MonitoringWorkersModule } from '@loanflow/monitoring';
import {
  applyAs,
  creditApplication,
  eventually,
  FORM,
  freshApplicant,
  GOOD_INVESTIGATION,
  originationSuite,
  ORIGINATION_MODELS,
} from '../support';
import { restoreDefinitions } from '../browser/support/projection';
import { textContaining } from '../support/expected-text';

/**
 * The monitor's instance list says where each loan's instance waits and with whom: the borrower
 * (masked for a reader who does not serve customers), the step by the model's name, who holds the
 * task there, on the real broker and the projection the workers keep.
 */
describe('monitor: the instance list names the borrower, the current step and its assignee', () => {
  const suite = originationSuite(MonitoringWorkersModule);

  beforeAll(async () => {
    await restoreDefinitions(suite.stack, suite.dataSource, ORIGINATION_MODELS);
  });

  const rowOf = (username: string, loanId: string) =>
    suite.staff.as(username, (api) =>
      api.GET('/api/monitor/instances', {
        params: { query: { process: 'loan-origination', businessKey: loanId } },
      }),
    );

  it('shows the review step claimed by the reviewer, with the borrower masked for an auditor', async () => {
    const applicant = freshApplicant();
    const { desk, loanId, processInstanceKey } = await applyAs(
      suite.staff,
      creditApplication({ applicant: { ...creditApplication().applicant, ...applicant } }),
    );
    await desk.completeOk('li.cm', FORM.investigation, GOOD_INVESTIGATION);
    const review = await suite.staff.waitForTask('wang.reviewer', loanId, FORM.review, 45_000);
    expect((await suite.staff.post('wang.reviewer', `/api/tasks/${review.id}/claim`)).status).toBe(
      200,
    );

    const listed = await eventually(
      () => rowOf('chen.center', loanId),
      (r) => r.data?.items[0]?.currentSteps.some((s) => s.elementId === 'Review') === true,
      60_000,
    );
    const row = listed.data!.items[0];
    expect(row.processInstanceKey).toBe(processInstanceKey);
    // A center manager serves customers: the name in full.
    expect(row.borrower).toBe(applicant.name);
    expect(row.currentSteps).toEqual([
      expect.objectContaining({
        elementId: 'Review',
        elementType: 'USER_TASK',
        name: textContaining('贷款审查'),
      }),
    ]);
    expect(Date.parse(row.currentSteps[0].since!)).not.toBeNaN();
    expect(row.assignees).toEqual(['wang.reviewer']);

    // The auditor reads the engine's data masked: the surname and stars.
    const audited = (await rowOf('jiang.audit', loanId)).data!.items[0];
    expect(audited.borrower).toBe(`${[...applicant.name][0]}***`);
    expect(audited.borrower).not.toBe(applicant.name);
    expect(audited.assignees).toEqual(['wang.reviewer']);
  });
});
