import { APPROVAL_LEVELS, ApprovalLevel } from '../authority/approval-authority';

/**
 * The accountability dossier (责任认定材料) of a loan written off: who did each duty on the loan,
 * from the record of who did what, and where a duty shows a gap. The committee decides from it,
 * person by person, exemption where the duties were done (尽职免责) or responsibility.
 *
 * Gaps looked for, each naming the person who held the duty:
 * - missing-documents: a document the product requires was not in the file at investigation;
 * - late-inspection: a post-loan inspection reported after its due date, or never;
 * - missed-follow-up: an overdue episode reached day 31 with no contact logged by the customer
 *   manager in days 1–30;
 * - above-authority: a final approval at a level below the one the loan needed.
 */
export type AccountableDuty =
  | 'application'
  | 'investigation'
  | 'review'
  | 'approval'
  | 'mortgage-registration'
  | 'disbursement-check'
  | 'inspection'
  | 'collection'
  | 'legal-action';

export type GapCode =
  'missing-documents' | 'late-inspection' | 'missed-follow-up' | 'above-authority';

export interface DutyAct {
  duty: AccountableDuty;
  username: string;
}

export interface AccountabilityFacts {
  customerManager: string;
  acts: readonly DutyAct[];
  /** handedIn: the kinds uploaded to the loan by its investigation (never a declared list). */
  documents: { required: readonly string[]; handedIn: readonly string[] };
  /** Each approval decision with the level it was taken at and the level the loan needed then. */
  approvals: readonly {
    username: string;
    level: ApprovalLevel;
    requiredLevel: ApprovalLevel;
    final: boolean;
  }[];
  inspections: readonly {
    number: number;
    dueOn: string;
    completedOn: string | null;
    inspector: string | null;
  }[];
  /** Each overdue episode: contacts the customer manager logged in days 1–30, and whether it passed day 30. */
  episodes: readonly { episodeId: string; managerContacts: number; reachedDay31: boolean }[];
  /** The business date the dossier is built on, YYYY-MM-DD. */
  asOf: string;
  /** Each credit decision of origination, when it was taken (ISO instants), in order. */
  decisions?: readonly { duty: AccountableDuty; username: string; at: string }[];
  /** Every document uploaded to the loan, when (no file names: the dossier reaches the engine). */
  uploads?: readonly { id: string; kind: string; uploadedAt: string }[];
}

/** What was in the loan's file when one decision was taken: the uploads before it, and the gaps. */
export interface FileAtDecision {
  duty: AccountableDuty;
  username: string;
  at: string;
  documents: { id: string; kind: string; uploadedAt: string }[];
  /** Required kinds with no file uploaded by then. */
  requiredNotOnFile: string[];
}

export interface Gap {
  code: GapCode;
  /** Who held the duty; null when nobody had taken it (the role is named in the description). */
  username: string | null;
  description: string;
}

export interface AccountableActor {
  username: string;
  duties: AccountableDuty[];
  gaps: GapCode[];
}

export interface AccountabilityDossier {
  actors: AccountableActor[];
  gaps: Gap[];
  /** What was on file at each decision (investigation, review, approval, registration, check). */
  onFile: FileAtDecision[];
}

export function buildAccountabilityDossier(facts: AccountabilityFacts): AccountabilityDossier {
  const gaps: Gap[] = [
    ...documentGaps(facts),
    ...inspectionGaps(facts),
    ...followUpGaps(facts),
    ...authorityGaps(facts),
  ];
  const actors = new Map<string, AccountableActor>();
  const actor = (username: string) => {
    let found = actors.get(username);
    if (!found) {
      found = { username, duties: [], gaps: [] };
      actors.set(username, found);
    }
    return found;
  };
  for (const act of facts.acts) {
    const entry = actor(act.username);
    if (!entry.duties.includes(act.duty)) entry.duties.push(act.duty);
  }
  for (const gap of gaps) {
    if (gap.username && !actor(gap.username).gaps.includes(gap.code))
      actor(gap.username).gaps.push(gap.code);
  }
  return {
    actors: [...actors.values()].sort((a, b) => a.username.localeCompare(b.username)),
    gaps,
    onFile: filesAtDecisions(facts),
  };
}

/** For each decision, the documents uploaded before it (ISO instants compare as text). */
export function filesAtDecisions({
  decisions = [],
  uploads = [],
  documents,
}: AccountabilityFacts): FileAtDecision[] {
  return decisions.map((decision) => {
    const before = uploads.filter((u) => u.uploadedAt <= decision.at);
    const kinds = new Set(before.map((u) => u.kind));
    return {
      ...decision,
      documents: before.map((u) => ({ ...u })),
      requiredNotOnFile: documents.required.filter((kind) => !kinds.has(kind)),
    };
  });
}

function documentGaps({ documents, acts, customerManager }: AccountabilityFacts): Gap[] {
  const handedIn = new Set(documents.handedIn);
  const missing = documents.required.filter((kind) => !handedIn.has(kind));
  if (missing.length === 0) return [];
  const investigator =
    acts.find((act) => act.duty === 'investigation')?.username ?? customerManager;
  return [
    {
      code: 'missing-documents',
      username: investigator,
      description: `the file lacked ${missing.join(', ')} when it was investigated`,
    },
  ];
}

function inspectionGaps({ inspections, asOf }: AccountabilityFacts): Gap[] {
  return inspections
    .filter((i) => (i.completedOn === null ? i.dueOn < asOf : i.completedOn > i.dueOn))
    .map((i) => ({
      code: 'late-inspection' as const,
      username: i.inspector,
      description:
        i.completedOn === null
          ? `inspection ${i.number} due ${i.dueOn} was never reported${i.inspector ? '' : ' (no post-loan officer took it)'}`
          : `inspection ${i.number} due ${i.dueOn} was reported on ${i.completedOn}`,
    }));
}

function followUpGaps({ episodes, customerManager }: AccountabilityFacts): Gap[] {
  return episodes
    .filter((e) => e.reachedDay31 && e.managerContacts === 0)
    .map((e) => ({
      code: 'missed-follow-up' as const,
      username: customerManager,
      description: `overdue episode ${e.episodeId}: no contact with the borrower was logged in days 1–30`,
    }));
}

function authorityGaps({ approvals }: AccountabilityFacts): Gap[] {
  const rank = (level: ApprovalLevel) => APPROVAL_LEVELS.indexOf(level);
  return approvals
    .filter((a) => a.final && rank(a.level) < rank(a.requiredLevel))
    .map((a) => ({
      code: 'above-authority' as const,
      username: a.username,
      description: `approved finally at ${a.level} level although the loan needed ${a.requiredLevel} level`,
    }));
}
