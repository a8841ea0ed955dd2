/**
 * One thing wrong with one field of an answer. Rules that judge a whole answer (terms, a review's
 * attestations) return every problem at once as a list of these, so that an API can answer with
 * every field in one response and a person fixes the form in one round.
 */
export interface FieldProblem {
  field: string;
  reason: string;
}

/**
 * The problems grouped by field, in the order fields first appear: the `fieldErrors` shape of the
 * API's error body ({ field, reasons }).
 */
export function groupProblemsByField(
  problems: readonly FieldProblem[],
): { field: string; reasons: string[] }[] {
  const byField = new Map<string, string[]>();
  for (const { field, reason } of problems) {
    const reasons = byField.get(field) ?? [];
    reasons.push(reason);
    byField.set(field, reasons);
  }
  return [...byField].map(([field, reasons]) => ({ field, reasons }));
}
