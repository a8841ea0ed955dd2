/** The bank's roles (岗位). A user may hold several; each grants a set of acts, never the loan itself. */
export const ROLES = {
  'customer-manager': '客户经理',
  investigator: '调查岗',
  reviewer: '审查岗',
  approver: '审批岗',
  'center-manager': '中心负责人',
  'committee-member': '贷审会委员',
  'mortgage-clerk': '抵押办证岗',
  'disbursement-supervisor': '放款监督岗',
  'post-loan-officer': '贷后管理岗',
  'collection-officer': '催收岗',
  'legal-officer': '法务岗',
  'risk-manager': '风险经理',
  'archive-officer': '档案管理岗',
  auditor: '审计',
  'process-designer': '流程设计',
  admin: '系统管理员',
} as const;

export type Role = keyof typeof ROLES;

export const ALL_ROLES = Object.keys(ROLES) as Role[];

export function isRole(value: string): value is Role {
  return Object.prototype.hasOwnProperty.call(ROLES, value);
}

/** Managers may hand a task to someone else (delegate) and see the tasks of their org subtree. */
export const MANAGER_ROLES: readonly Role[] = ['center-manager', 'admin'];
