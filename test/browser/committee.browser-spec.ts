import { COMMITTEE, eventually, originationSuite, toCommittee } from '@loanflow/test-support';
import { zh } from '../../apps/console/src/locales/zh';
import { Browser, listen, reloadUntil } from './support/browser';
import { untranslated } from './support/chinese-ui';

const VOTE = 'loanflow:committee-vote';

/**
 * The committee's vote in the console: a member's ballot page shows the round (seats, deadline)
 * beside the motion's evidence and takes the ballot; the dossier shows each round and ballot, in
 * Chinese.
 */
describe('the credit committee’s vote in the console', () => {
  const suite = originationSuite();
  let browser: Browser;
  let loanId: string;

  beforeAll(async () => {
    loanId = (await toCommittee(suite.staff)).loanId;
    browser = await Browser.open(await listen(suite.stack.api!));
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('lets a member cast a ballot beside the round’s seats, and shows the count in the dossier', async () => {
    const staff = suite.staff;
    const mine = await staff.waitForTask('xu.committee', loanId, VOTE);
    const page = await browser.signIn('xu.committee');
    await page.goto(`${browser.baseUrl}/tasks/${mine.id}`);
    const round = page.getByTestId('workbench-committee');
    await round.waitFor();
    // Names arrive with the directory, which may answer after the task: wait for them.
    await round.getByText('徐涛').waitFor();
    const seats = await round.innerText();
    expect(seats).toContain(zh.workbench.seats);
    expect(seats).toContain('徐涛');
    expect(await untranslated(page)).toEqual([]);
    await page.getByLabel('表决意见').selectOption({ label: '同意' });
    await page.getByLabel('表决理由').fill('现金流可覆盖两倍月供，同意');
    await page.getByRole('button', { name: zh.task.complete, exact: true }).click();
    await eventually(
      async () => (await staff.task('xu.committee', mine.id)).state,
      (state) => state === 'completed',
    );

    for (const member of COMMITTEE.filter((m) => m !== 'xu.committee')) {
      const task = await staff.waitForTask(member, loanId, VOTE);
      await staff.post(member, `/api/tasks/${task.id}/complete`, {
        answer: { ballot: 'reject', reasons: 'sector concentration too high' },
      });
    }
    const dossier = await browser.signIn('li.cm');
    await dossier.goto(`${browser.baseUrl}/loans/${loanId}`);
    // The count follows the last ballot: reload until the round shows its result.
    await reloadUntil(dossier, `[data-testid="committee-votes"] :text("${zh.values.rejected}")`);
    const section = dossier.getByTestId('committee-votes');
    const text = await section.innerText();
    expect(text).toContain(zh.loan.committeeBallots);
    expect(text).toContain('现金流可覆盖两倍月供');
    expect(await untranslated(dossier)).toEqual([]);
  });
});
