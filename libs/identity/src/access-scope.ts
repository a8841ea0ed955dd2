import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { AccessObject } from '@loanflow/observability';
import type { Principal } from './principal';

/**
 * The org units whose loans a caller may see: their own unit and every unit below it. Head office
 * (the root unit) sees every branch, and objects that belong to no branch.
 */
export interface UnitScope {
  /** True at the root of the org tree: no filter applies. */
  all: boolean;
  /** The caller's unit and the units below it. */
  unitCodes: readonly string[];
}

/** Whether an object of this branch (null: of no branch) is within the scope. */
export function scopeAllows(scope: UnitScope, branchCode: string | null | undefined): boolean {
  if (scope.all) return true;
  return !!branchCode && scope.unitCodes.includes(branchCode);
}

/** What an object-scoped route's parameter turned out to be. */
export interface ScopedObject {
  object: AccessObject;
  key: string;
  /** The loan it belongs to (its business key), when it belongs to one. */
  loanId: string | null;
  branchCode: string | null;
}

/**
 * Finds the loan and branch of an object a route names (a loan, a task, a process instance, an
 * incident). Provided by the loans library; the guard refuses object-scoped routes without it.
 */
export abstract class AccessObjectResolver {
  /** Null when no such object exists. */
  abstract resolve(object: AccessObject, key: string): Promise<ScopedObject | null>;
}

export type ScopedRequest = {
  principal?: Principal;
  accessScope?: UnitScope;
  accessObject?: ScopedObject;
};

/** The caller's unit scope, in a unit- or object-scoped controller method's parameters. */
export const CurrentScope = createParamDecorator(
  (_: unknown, context: ExecutionContext): UnitScope => {
    const scope = context.switchToHttp().getRequest<ScopedRequest>().accessScope;
    if (!scope) throw new Error('CurrentScope used on a route that is not unit- or object-scoped');
    return scope;
  },
);
