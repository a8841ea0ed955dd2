import {
  filesAtDecisions,
  AccountabilityFacts,
  buildAccountabilityDossier,
} from './accountability-dossier';

describe('the accountability dossier (责任认定)', () => {
  const facts: AccountabilityFacts = {
    customerManager: 'li.cm',
    acts: [
      { duty: 'application', username: 'li.cm' },
      { duty: 'investigation', username: 'li.cm' },
      { duty: 'review', username: 'wang.reviewer' },
      { duty: 'approval', username: 'zhao.approver' },
      { duty: 'disbursement-check', username: 'hu.supervisor' },
      { duty: 'inspection', username: 'guo.postloan' },
      { duty: 'collection', username: 'lin.collection' },
      { duty: 'collection', username: 'lin.collection' },
    ],
    documents: { required: ['id-card', 'income-proof'], handedIn: ['id-card', 'income-proof'] },
    approvals: [
      { username: 'zhao.approver', level: 'branch', requiredLevel: 'branch', final: true },
    ],
    inspections: [
      { number: 1, dueOn: '2027-02-14', completedOn: '2027-02-10', inspector: 'guo.postloan' },
    ],
    episodes: [{ episodeId: '7', managerContacts: 2, reachedDay31: true }],
    asOf: '2027-09-01',
  };

  it('names every person by duty and finds no gap where the duties were done', () => {
    const dossier = buildAccountabilityDossier(facts);
    expect(dossier.gaps).toEqual([]);
    expect(dossier.actors).toEqual([
      { username: 'guo.postloan', duties: ['inspection'], gaps: [] },
      { username: 'hu.supervisor', duties: ['disbursement-check'], gaps: [] },
      { username: 'li.cm', duties: ['application', 'investigation'], gaps: [] },
      { username: 'lin.collection', duties: ['collection'], gaps: [] },
      { username: 'wang.reviewer', duties: ['review'], gaps: [] },
      { username: 'zhao.approver', duties: ['approval'], gaps: [] },
    ]);
  });

  it('finds each kind of gap and pins it on the person who held the duty', () => {
    const dossier = buildAccountabilityDossier({
      ...facts,
      documents: { required: ['id-card', 'income-proof'], handedIn: ['id-card'] },
      approvals: [
        { username: 'zhao.approver', level: 'branch', requiredLevel: 'center', final: false },
        { username: 'chen.center', level: 'branch', requiredLevel: 'center', final: true },
      ],
      inspections: [
        { number: 1, dueOn: '2027-02-14', completedOn: '2027-02-20', inspector: 'guo.postloan' },
        { number: 2, dueOn: '2027-08-14', completedOn: null, inspector: null },
        { number: 3, dueOn: '2027-09-14', completedOn: null, inspector: null },
      ],
      episodes: [
        { episodeId: '7', managerContacts: 0, reachedDay31: true },
        { episodeId: '8', managerContacts: 0, reachedDay31: false },
      ],
    });
    expect(dossier.gaps.map((g) => [g.code, g.username])).toEqual([
      ['missing-documents', 'li.cm'],
      ['late-inspection', 'guo.postloan'],
      ['late-inspection', null],
      ['missed-follow-up', 'li.cm'],
      ['above-authority', 'chen.center'],
    ]);
    expect(dossier.gaps[2].description).toBe(
      'inspection 2 due 2027-08-14 was never reported (no post-loan officer took it)',
    );
    const li = dossier.actors.find((a) => a.username === 'li.cm');
    expect(li?.gaps).toEqual(['missing-documents', 'missed-follow-up']);
    // Named for the gap even without a recorded act.
    expect(dossier.actors.find((a) => a.username === 'chen.center')).toEqual({
      username: 'chen.center',
      duties: [],
      gaps: ['above-authority'],
    });
  });
});

describe('what was on file at each decision', () => {
  it('lists the uploads before each decision and the required kinds not yet on file', () => {
    const onFile = filesAtDecisions({
      customerManager: 'li.cm',
      acts: [],
      documents: { required: ['id-card', 'income-proof'], handedIn: ['id-card', 'income-proof'] },
      approvals: [],
      inspections: [],
      episodes: [],
      asOf: '2026-12-01',
      decisions: [
        { duty: 'investigation', username: 'li.cm', at: '2026-01-05T02:00:00.000Z' },
        { duty: 'approval', username: 'zhao.approver', at: '2026-01-06T02:00:00.000Z' },
      ],
      uploads: [
        { id: '1', kind: 'id-card', uploadedAt: '2026-01-05T01:00:00.000Z' },
        { id: '2', kind: 'income-proof', uploadedAt: '2026-01-05T03:00:00.000Z' },
      ],
    });
    expect(onFile).toEqual([
      {
        duty: 'investigation',
        username: 'li.cm',
        at: '2026-01-05T02:00:00.000Z',
        documents: [{ id: '1', kind: 'id-card', uploadedAt: '2026-01-05T01:00:00.000Z' }],
        requiredNotOnFile: ['income-proof'],
      },
      {
        duty: 'approval',
        username: 'zhao.approver',
        at: '2026-01-06T02:00:00.000Z',
        documents: [
          { id: '1', kind: 'id-card', uploadedAt: '2026-01-05T01:00:00.000Z' },
          { id: '2', kind: 'income-proof', uploadedAt: '2026-01-05T03:00:00.000Z' },
        ],
        requiredNotOnFile: [],
      },
    ]);
  });
});
