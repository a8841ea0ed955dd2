/** The loans a figure counts: those of the caller's org unit and the units below it. */
export interface FiguresScope {
  /** Joins `su`, the unit of the loan aliased `l`; empty for head office, which sees every loan. */
  join: string;
  /** An AND condition on `su`; empty for head office. */
  where: string;
  params: string[];
  /** The LIKE pattern of the subtree's paths; null for head office. */
  pathPattern: string | null;
}

/** The scope of a unit's subtree, from its path in the org-unit tree (null for head office). */
export function scopeOfUnitPath(path: string | null): FiguresScope {
  if (path === null) return { join: '', where: '', params: [], pathPattern: null };
  const pathPattern = `${escapeLike(path)}%`;
  return {
    join: 'JOIN org_unit su ON su.code = l.branch_code',
    where: 'AND su.path LIKE ?',
    params: [pathPattern],
    pathPattern,
  };
}

/** The scope's join for a table other than `l` that carries a branch_code column. */
export function scopeJoinOn(scope: FiguresScope, alias: string): string {
  return scope.pathPattern === null ? '' : `JOIN org_unit su ON su.code = ${alias}.branch_code`;
}

/** A LIKE pattern matching `text` literally. */
function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (char) => `\\${char}`);
}
