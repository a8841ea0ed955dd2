import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { map, Observable } from 'rxjs';
import { maskIdentifiers, REVEALS_PERSONAL_DATA } from '@loanflow/loans';

/**
 * Masked by default (JR/T 0171-2020 §7.1.3): every answer of the API has identity numbers, phone
 * numbers and account numbers masked, wherever a handler put them, so that no route can forget
 * to. Only a handler marked as a reveal answers them in full (it checks the reader and audits).
 */
@Injectable()
export class MaskIdentifiersInterceptor implements NestInterceptor {
  constructor(private readonly reflector: Reflector) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const reveals = this.reflector.getAllAndOverride<boolean>(REVEALS_PERSONAL_DATA, [
      context.getHandler(),
      context.getClass(),
    ]);
    return reveals ? next.handle() : next.handle().pipe(map((body) => maskIdentifiers(body)));
  }
}
