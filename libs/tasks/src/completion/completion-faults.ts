/**
 * Test-only: makes the next settlement of a named job fail once, as a database commit failing after
 * the broker accepted the completion would. Does nothing outside NODE_ENV=test.
 */
const failing = new Set<string>();

export function failNextSettlement(jobKey: string): void {
  if (process.env.NODE_ENV !== 'test') throw new Error('completion faults exist only in tests');
  failing.add(jobKey);
}

/** Throws once for a job named by failNextSettlement; called inside the settling transaction. */
export function injectedSettlementFault(jobKey: string): void {
  if (process.env.NODE_ENV !== 'test' || !failing.delete(jobKey)) return;
  throw new Error(`injected fault: the database commit of task ${jobKey} failed`);
}
