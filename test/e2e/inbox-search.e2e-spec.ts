import type { components } from '@loanflow/api-client';
import { randomInt } from 'node:crypto';
import { creditApplication, freshApplicant } from '@loanflow/origination';
import { applyAs, originationSuite } from '../support';

type TaskPage = components['schemas']['TaskPage'];

describe('the inbox by borrower, each origination task with its decision notice deadline', () => {
  const suite = originationSuite();
  const name = `待办${randomInt(100_000, 999_999)}`;
  let loanId: string;
  const applicant = freshApplicant({ name });

  beforeAll(async () => {
    ({ loanId } = await applyAs(suite.staff, creditApplication({ applicant })));
    await suite.staff.waitForTask('li.cm', loanId, 'loanflow:investigation-report');
  });

  const tasks = async (user: string, query: string) => {
    const response = await suite.staff.get(user, `/api/tasks?${query}`);
    expect(response.status).toBe(200);
    return (response.body as TaskPage).items;
  };

  it('finds the task by the borrower’s name or ID number, with the notice deadline as its due time', async () => {
    const [task, ...others] = await tasks('li.cm', `borrower=${encodeURIComponent(name)}`);
    expect(others).toEqual([]);
    expect(task).toMatchObject({
      businessKey: loanId,
      type: 'loanflow:investigation-report',
      dueAt: null,
      deadlineKind: 'notice',
    });
    const dossier = await suite.staff.loan('li.cm', loanId);
    expect(task.deadlineAt).toBe(dossier.notice.dueAt);
    expect(new Date(task.deadlineAt!).getTime()).toBeGreaterThan(Date.now());
    const detail = await suite.staff.get('li.cm', `/api/tasks/${task.id}`);
    expect(detail.body).toMatchObject({ deadlineAt: task.deadlineAt, deadlineKind: 'notice' });

    const byIdNumber = await tasks('li.cm', `borrower=${applicant.idNumber}&pageSize=200`);
    expect(byIdNumber.map((t) => t.id)).toContain(task.id);
    expect(await tasks('li.cm', `borrower=110101199003074514`)).toEqual([]);
  });

  it('shows another branch’s reader nothing, and names a malformed ID number', async () => {
    expect(await tasks('sun.cm', `borrower=${encodeURIComponent(name)}&state=completed`)).toEqual(
      [],
    );
    expect(await tasks('sun.cm', `borrower=${encodeURIComponent(name)}`)).toEqual([]);
    const refused = await suite.staff.get('li.cm', '/api/tasks?borrower=330106199001011230');
    expect(refused.status).toBe(400);
    expect((refused.body as { fieldErrors: unknown[] }).fieldErrors).toEqual([
      expect.objectContaining({ field: 'borrower', rules: ['isResidentIdNumber'] }),
    ]);
  });
});
