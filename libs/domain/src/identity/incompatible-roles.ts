import { DomainError } from '../errors/domain-error';
import { ALL_ROLES, Role, ROLES } from './roles';

/**
 * Posts one person may not hold together (不相容岗位). Why, beside separation of duties per loan:
 * some posts are incompatible outright, whatever the loan, and a user directory should refuse
 * the combination when roles are granted rather than wait for a refusal on a task.
 *
 * The seeds name one such rule (seed 001 银行个贷岗位职责, 抵押办证岗): "本岗位不得同时兼任贷款审查
 * 岗、贷款审批岗和放款监督岗。" Approval here is held by three roles: the approver (branch level),
 * the center manager (center level: the 个贷管理中心主任 is the 决策岗 who "负责在授权范围内审批贷
 * 款") and the committee member (head-office committee); the models route approvals to each.
 *
 * The other rows are this bank's policy where the seeds are silent:
 * - The technical roles stay apart from every business post. The administrator steers the system
 *   (sees every loan, reassigns any task as a manager role, deploys models) and the process
 *   designer changes the models, which carry the controls (who does which task, in what order):
 *   one person would both set the controls and act under them, and the record of who did what
 *   would no longer stand on its own. The demo user `admin` holds `admin` only, as a bank would
 *   staff it. An administrator may also be a process designer: both are technical.
 * - The auditor examines the business and holds no post in it (independence of audit).
 *
 * Not forbidden, on purpose: customer manager with reviewer (the demo's zhou.cm). The seeds set
 * the posts up apart under 贷审分离 ("按“贷审分离”的原则下设审查岗、营销岗…") but do not forbid one
 * person both, and even contemplate sharing (关于设立调查岗的设想: "如果不单独设岗,其职责可由审查
 * 岗、营销岗分担"); separation of duties per loan stops him reviewing a loan he investigated.
 * Likewise an investigator is only "最好与审查岗、营销岗分设" (best kept apart): advice, not a bar.
 */
export interface IncompatibleRoles {
  role: Role;
  /** The posts `role` may not be held with. */
  conflictsWith: readonly Role[];
  rule: string;
  /** The Chinese words the rule rests on, quoted. */
  sourceZh: string;
  source: string;
}

/** System administration and process design: no business post. */
export const TECHNICAL_ROLES: readonly Role[] = ['admin', 'process-designer'];
export const BUSINESS_ROLES: readonly Role[] = ALL_ROLES.filter(
  (role) => !TECHNICAL_ROLES.includes(role),
);

const POLICY = 'bank policy (the seeds are silent)';

export const INCOMPATIBLE_ROLES: readonly IncompatibleRoles[] = [
  {
    role: 'mortgage-clerk',
    conflictsWith: [
      'reviewer',
      'approver',
      'center-manager',
      'committee-member',
      'disbursement-supervisor',
    ],
    rule: 'the mortgage clerk may not also hold the review, approval or disbursement supervision posts',
    sourceZh: '本岗位不得同时兼任贷款审查岗、贷款审批岗和放款监督岗。',
    source: 'seed 001 银行个贷岗位职责, 抵押办证岗',
  },
  {
    role: 'admin',
    conflictsWith: BUSINESS_ROLES,
    rule: 'system administration is kept apart from every business post: whoever steers the system does not act on loans in it',
    sourceZh: '—',
    source: POLICY,
  },
  {
    role: 'process-designer',
    conflictsWith: BUSINESS_ROLES,
    rule: 'whoever changes the process models, and so the controls they carry, does not act on loans under them',
    sourceZh: '—',
    source: POLICY,
  },
  {
    role: 'auditor',
    conflictsWith: BUSINESS_ROLES.filter((role) => role !== 'auditor'),
    rule: 'the auditor examines the business and holds no post in it',
    sourceZh: '—',
    source: POLICY,
  },
];

export interface IncompatibleRolePair {
  roles: [Role, Role];
  rule: string;
  source: string;
}

/** Every incompatible pair among `roles`, each once, in table order; empty when they may be held together. */
export function incompatibleRolePairs(
  roles: readonly Role[],
  table: readonly IncompatibleRoles[] = INCOMPATIBLE_ROLES,
): IncompatibleRolePair[] {
  const held = new Set(roles);
  const seen = new Set<string>();
  const pairs: IncompatibleRolePair[] = [];
  for (const row of table) {
    if (!held.has(row.role)) continue;
    for (const other of row.conflictsWith) {
      const key = [row.role, other].sort().join('|');
      if (other === row.role || !held.has(other) || seen.has(key)) continue;
      seen.add(key);
      pairs.push({ roles: [row.role, other], rule: row.rule, source: row.source });
    }
  }
  return pairs;
}

/** Refuses a set of roles one person may not hold; the message names the first pair and its rule. */
export function assertCompatibleRoles(roles: readonly Role[]): void {
  const pairs = incompatibleRolePairs(roles);
  const [firstPair] = pairs;
  if (!firstPair) return;
  const { roles: pair, rule } = firstPair;
  const more = pairs.length > 1 ? ` (and ${pairs.length - 1} more incompatible pairs)` : '';
  throw new DomainError(
    'INCOMPATIBLE_ROLES',
    `one person may not hold both ${roleName(pair[0])} and ${roleName(pair[1])}: ${rule}${more}`,
    { roles: pair, rule },
  );
}

/** The table as Markdown, for the docs. */
export function incompatibleRolesMarkdown(
  table: readonly IncompatibleRoles[] = INCOMPATIBLE_ROLES,
): string {
  const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
  const line = (cells: readonly string[]) => `| ${cells.map(cell).join(' | ')} |`;
  return [
    line(['post', 'may not be held with', 'rule', '原文', 'source']),
    line(['---', '---', '---', '---', '---']),
    ...table.map((row) =>
      line([
        roleName(row.role),
        row.conflictsWith.map(roleName).join(', '),
        row.rule,
        row.sourceZh,
        row.source,
      ]),
    ),
  ].join('\n');
}

function roleName(role: Role): string {
  return `${role} (${ROLES[role]})`;
}
