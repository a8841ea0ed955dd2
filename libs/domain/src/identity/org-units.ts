/**
 * Org units form a tree: head office (总行) → branch (分行) → sub-branch (支行). A path lists the
 * codes from the root, e.g. /HO/BR-HZ/SB-HZ-XH/, so "within" is a prefix test.
 */
export type OrgUnitKind = 'head-office' | 'branch' | 'sub-branch';

export function orgPath(ancestorsAndSelf: readonly string[]): string {
  return `/${ancestorsAndSelf.join('/')}/`;
}

/** True when the unit at `path` is `ancestorCode` or lies below it. */
export function isWithin(path: string, ancestorCode: string): boolean {
  return path.includes(`/${ancestorCode}/`);
}
