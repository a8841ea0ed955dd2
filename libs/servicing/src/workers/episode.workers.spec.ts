import { SYSTEM_ACTOR } from '@loanflow/audit';
import { servicedLoanSummaryOf } from '@loanflow/loans';
import type { LoanFile, LoanRecords } from '@loanflow/loans';
import type { CollectionEpisodeEntity } from '@loanflow/persistence';
import type { PublishRequest, ZeebeClient } from '@loanflow/workflow';
import { jobContext } from '@loanflow/test-support/job-context';
import { FakeEpisodeRecords } from '../collection/episode-records.fixture';
import type { OverdueWarnings } from '../post-loan/overdue-warnings';
import { LOAN, servicedLoanRecords } from '../requests/loan-request-records.fixture';
import { COLLECTION_EPISODE_OPENED_MESSAGE, SERVICING_JOB } from '../servicing.contract';
import {
  CloseEpisodeInput,
  CloseEpisodeWorker,
  ConfirmEpisodeWorker,
  OpenEpisodeWorker,
} from './episode.workers';

/** 10:00 in Beijing on 20 April 2026: the first installment, due on the 15th, is 5 days late. */
const FIVE_DAYS_LATE = '2026-04-20T02:00:00.000Z';

function openStep(register: FakeEpisodeRecords) {
  const { loan, parties } = servicedLoanRecords({ status: 'disbursed' });
  const file: LoanFile = {
    loan,
    applicant: parties[0],
    guarantors: parties.slice(1),
    collateral: [],
    contracts: [],
    documentKinds: [],
  };
  const records = { fileForJob: () => Promise.resolve(file) } as unknown as LoanRecords;
  const published: PublishRequest[] = [];
  const zeebe = {
    publishMessage: (message: PublishRequest) => {
      published.push(message);
      return Promise.resolve({ key: String(published.length) });
    },
  } as unknown as ZeebeClient;
  const warned: string[] = [];
  const warnings = {
    raiseFor: (_file: LoanFile, episode: CollectionEpisodeEntity) =>
      Promise.resolve(void warned.push(episode.id)),
  } as unknown as OverdueWarnings;
  const worker = new OpenEpisodeWorker(register, records, zeebe, warnings);
  const open = () =>
    worker.handle(
      { loanId: LOAN, asOf: FIVE_DAYS_LATE },
      jobContext({ type: SERVICING_JOB.openEpisode }),
    );
  return { file, published, warned, open };
}

describe('opening a collection episode for a missed installment (collection.open-episode)', () => {
  it('opens it in the manager’s band at the days past due, starts its collection and warns once', async () => {
    const register = new FakeEpisodeRecords();
    const { file, published, warned, open } = openStep(register);
    const { episodeId } = await open();
    expect(register.episodes).toEqual([
      expect.objectContaining({
        id: episodeId,
        loanId: LOAN,
        openKey: LOAN,
        state: 'open',
        openedDaysPastDue: 5,
        daysPastDue: 5,
        band: 'manager',
        openedAt: new Date(FIVE_DAYS_LATE),
      }),
    ]);
    expect(register.audited).toEqual([
      {
        actor: SYSTEM_ACTOR,
        action: 'collection.open',
        outcome: 'ok',
        loanKey: LOAN,
        reason: `installment missed: collection episode ${episodeId} opened for customer manager li.cm`,
      },
    ]);
    expect(published).toEqual([
      {
        name: COLLECTION_EPISODE_OPENED_MESSAGE,
        correlationKey: `${LOAN}:${episodeId}`,
        messageId: `collection-episode:${episodeId}`,
        timeToLive: 0,
        variables: expect.objectContaining({
          loanId: LOAN,
          businessKey: LOAN,
          episodeId,
          customerManager: 'li.cm',
          branchCode: 'SB-HZ-XH',
          loan: servicedLoanSummaryOf(file.loan, file.applicant, file.guarantors),
          hasGuarantors: true,
          band: 'manager',
          daysPastDue: 5,
        }) as unknown,
      },
    ]);
    expect(warned).toEqual([episodeId]);
  });

  it('opens nothing when a payment has cleared the arrears since the check', async () => {
    const register = new FakeEpisodeRecords();
    const first = register.installments[0];
    register.applied.push(
      {
        installmentNumber: 1,
        category: 'principal',
        amount: first.principal,
        paidOn: '2026-04-18',
      },
      { installmentNumber: 1, category: 'interest', amount: first.interest, paidOn: '2026-04-18' },
    );
    const { published, warned, open } = openStep(register);
    expect(await open()).toEqual({ episodeId: null });
    expect(register.episodes).toEqual([]);
    expect(published).toEqual([]);
    expect(warned).toEqual([]);
  });

  it('publishes again for the episode already open, opening no second one and warning no more', async () => {
    const register = new FakeEpisodeRecords();
    const open = register.put({ loanId: LOAN });
    const step = openStep(register);
    expect(await step.open()).toEqual({ episodeId: open.id });
    expect(register.episodes).toHaveLength(1);
    expect(register.audited).toEqual([]);
    expect(step.published.map((m) => m.messageId)).toEqual([`collection-episode:${open.id}`]);
    expect(step.warned).toEqual([]);
  });

  it('publishes for the episode a delivery beside it opened in the same moment', async () => {
    const register = new FakeEpisodeRecords();
    const beside = register.put({ loanId: LOAN });
    register.episodes.splice(0);
    register.openedBeside = beside;
    const step = openStep(register);
    expect(await step.open()).toEqual({ episodeId: beside.id });
    expect(register.episodes.map((e) => e.id)).toEqual([beside.id]);
    expect(register.audited).toEqual([]);
    expect(step.warned).toEqual([]);
  });
});

describe('closing a collection episode (collection.close-episode)', () => {
  const close = (
    register: FakeEpisodeRecords,
    episodeId: string,
    outcome: CloseEpisodeInput['outcome'],
  ) =>
    new CloseEpisodeWorker(register).handle(
      Object.assign(new CloseEpisodeInput(), {
        loanId: LOAN,
        episodeId,
        outcome,
        closeReason: 'arrears cleared by a payment',
        asOf: FIVE_DAYS_LATE,
      }),
    );

  it.each([
    ['cured', 'collection.cure'],
    ['closed', 'collection.close'],
    ['written-off', 'collection.write-off'],
  ] as const)('ends it as %s once, on the trail as %s', async (outcome, action) => {
    const register = new FakeEpisodeRecords();
    const episode = register.put({ loanId: LOAN });
    await close(register, episode.id, outcome);
    await close(register, episode.id, outcome);
    expect(register.episodes[0]).toMatchObject({
      state: outcome,
      openKey: null,
      closedAt: new Date(FIVE_DAYS_LATE),
      closeReason: 'arrears cleared by a payment',
    });
    expect(register.audited).toEqual([
      {
        actor: SYSTEM_ACTOR,
        action,
        outcome: 'ok',
        loanKey: LOAN,
        reason: `collection episode ${episode.id} ${outcome}: arrears cleared by a payment`,
      },
    ]);
  });
});

describe('confirming the episode at the start of its collection (collection.confirm-episode)', () => {
  it('says whether the episode is still open, in which band and how late', async () => {
    const register = new FakeEpisodeRecords();
    const open = register.put({ loanId: LOAN, band: 'officer', daysPastDue: 45 });
    const cured = register.put({ loanId: 'LN20260101-AAAAAA', state: 'cured' });
    const confirm = (episodeId: string) => new ConfirmEpisodeWorker(register).handle({ episodeId });
    expect(await confirm(open.id)).toEqual({ episodeOpen: true, band: 'officer', daysPastDue: 45 });
    expect(await confirm(cured.id)).toEqual({
      episodeOpen: false,
      band: 'manager',
      daysPastDue: 1,
    });
    expect(await confirm('999')).toEqual({ episodeOpen: false, band: 'manager', daysPastDue: 0 });
  });
});
