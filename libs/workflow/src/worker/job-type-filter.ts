/** area.verb, lower case, dashes inside words: loan.disburse, credit.query-bureau. */
export const JOB_TYPE_PATTERN = /^[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*)+$/;

/**
 * Which job types run in this process (WORKER_TYPES): `*` for all, or a comma list of exact types
 * and `area.*` prefixes, so areas can be scaled apart.
 */
export class JobTypeFilter {
  private constructor(
    private readonly all: boolean,
    private readonly exact: ReadonlySet<string>,
    private readonly prefixes: readonly string[],
  ) {}

  static parse(spec: string): JobTypeFilter {
    const entries = spec
      .split(',')
      .map((entry) => entry.trim())
      .filter((entry) => entry.length > 0);
    if (entries.length === 0 || entries.includes('*'))
      return new JobTypeFilter(true, new Set(), []);
    const exact = new Set<string>();
    const prefixes: string[] = [];
    for (const entry of entries) {
      if (entry.endsWith('.*')) prefixes.push(entry.slice(0, -1));
      else if (JOB_TYPE_PATTERN.test(entry)) exact.add(entry);
      else
        throw new Error(
          `WORKER_TYPES entry "${entry}" is neither a job type (area.verb) nor a prefix (area.*)`,
        );
    }
    return new JobTypeFilter(false, exact, prefixes);
  }

  matches(type: string): boolean {
    return (
      this.all || this.exact.has(type) || this.prefixes.some((prefix) => type.startsWith(prefix))
    );
  }
}
