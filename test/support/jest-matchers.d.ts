/**
 * The project's own jest matchers, registered for every tier by test/support/jest-setup.ts
 * (setupFilesAfterEnv in jest.base.js).
 */
declare namespace jest {
  interface Matchers<R, T> {
    /**
     * Throws (or, after `.rejects`, rejects with) a DomainError with this code; `expected` adds
     * its details (`details`: equal; `detailsIncluding`: these among them) and its message (text
     * exactly, or a pattern). See test/support/domain-error-matcher.ts. (`this` names the type
     * parameters as jest's own declaration does: a merged declaration must have the same ones.)
     */
    toThrowDomainError(
      this: Matchers<R, T>,
      code: string,
      expected?: import('./domain-error-matcher').DomainErrorExpectation,
    ): R;
  }
}
