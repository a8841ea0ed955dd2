export * from './errors/domain-error';
export * from './money/money';
export * from './identity/roles';
export * from './identity/org-units';
export * from './identity/candidates';
export * from './duties/duties';
export * from './authority/approval-authority';
