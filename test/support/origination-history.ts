/**
 * The elements a loan investigated and reviewed passes through on its way to the branch
 * approver's task in `bpmn/loan-origination.bpmn`, in the order it entered them. The credit
 * decision sub-process and the approval are where its tokens wait (active); they carry the
 * element instance keys the specs name.
 */
export const PATH_TO_APPROVAL: readonly { elementId: string; key?: string; active?: true }[] = [
  { elementId: 'ApplicationReceived' },
  { elementId: 'CheckApplication' },
  { elementId: 'Eligible' },
  { elementId: 'ComputeNoticeDue' },
  { elementId: 'CreditDecision', key: 'decision-1', active: true },
  { elementId: 'DecisionStarted' },
  { elementId: 'QueryBureau' },
  { elementId: 'ScoreApplicant' },
  { elementId: 'DetermineAuthority' },
  { elementId: 'BeforeInvestigation' },
  { elementId: 'Investigate' },
  { elementId: 'Recommended' },
  { elementId: 'RegradeApplicant' },
  { elementId: 'ReassessAfterInvestigation' },
  { elementId: 'Review' },
  { elementId: 'ReviewOutcome' },
  { elementId: 'StartAtBranchLevel' },
  { elementId: 'BeforeApproval' },
  { elementId: 'WhichApprover' },
  { elementId: 'Approve', key: 'approve-1', active: true },
];
