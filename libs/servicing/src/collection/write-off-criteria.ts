import type { LegalMilestoneEntity } from '@loanflow/persistence';

/** Whether a write-off may be proposed, and why (or why not), from the loan's legal record. */
export interface WriteOffCriteria {
  met: boolean;
  reasons: string[];
  /** The documents the reviewer checks: every document on the legal record. */
  documents: { milestone: string; on: string; kind: string; reference: string }[];
}

/**
 * The bank's criteria for proposing a write-off after the legal path (core of 金融企业呆账核销管理办法:
 * a court judgment or mediation was obtained and enforcement ended without enough assets — the
 * court's ruling terminating enforcement (终结本次执行) or a finding of no recoverable assets — with
 * the documents on file). A case settled by the parties recovers by the settlement: no write-off.
 */
export function writeOffCriteria(milestones: readonly LegalMilestoneEntity[]): WriteOffCriteria {
  const documents = milestones.flatMap((m) =>
    (JSON.parse(m.documentsJson) as { kind: string; reference: string }[]).map((d) => ({
      milestone: m.milestone,
      on: m.onDate,
      ...d,
    })),
  );
  const has = (kind: string) => milestones.some((m) => m.milestone === kind);
  const documented = (kinds: string[]) => documents.some((d) => kinds.includes(d.kind));
  const reasons: string[] = [];
  if (!has('judgment'))
    reasons.push('no judgment or mediation is on the legal record (诉讼判决或调解)');
  else if (!documented(['judgment', 'mediation']))
    reasons.push('the judgment or mediation document is not on file');
  if (has('settled'))
    reasons.push('the case was settled: the settlement recovers, nothing is written off');
  if (!has('terminated') && !has('no-recoverable-assets'))
    reasons.push(
      'enforcement has not ended without assets (终结本次执行 or no recoverable assets)',
    );
  else if (!documented(['termination-ruling', 'asset-search']))
    reasons.push('the termination ruling or the asset search is not on file');
  return {
    met: reasons.length === 0,
    reasons: reasons.length
      ? reasons
      : ['judgment obtained; enforcement ended without assets; documents on file'],
    documents,
  };
}
