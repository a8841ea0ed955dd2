export * from './client';
export * from './staff-sessions';
export * from './schema';
