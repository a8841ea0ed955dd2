/**
 * Run after jest's globals are in place, before each spec file of every tier (setupFilesAfterEnv in
 * jest.base.js): the project's own matchers. Their types: test/support/jest-matchers.d.ts.
 */
import { toThrowDomainError } from './domain-error-matcher';

expect.extend({ toThrowDomainError });
