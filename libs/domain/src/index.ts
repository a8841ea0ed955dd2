export * from './errors/domain-error';
export * from './money/money';
