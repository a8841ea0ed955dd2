export * from './client';
export * from './staff-sessions';
export type { components, operations, paths } from './schema';
