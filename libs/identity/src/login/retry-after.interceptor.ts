import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { catchError, Observable, throwError } from 'rxjs';
import { isDomainError } from '@loanflow/domain';

/**
 * A refusal that says when to come back (`details.retryAfterSeconds`: LOGIN_THROTTLED,
 * ACCOUNT_LOCKED) also says so in a Retry-After header. The exception filter writes the body.
 */
@Injectable()
export class RetryAfterInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(
      catchError((error: unknown) => {
        const seconds = isDomainError(error) ? error.details.retryAfterSeconds : undefined;
        if (typeof seconds === 'number' && Number.isFinite(seconds) && seconds > 0) {
          context
            .switchToHttp()
            .getResponse<{ setHeader(name: string, value: string): void }>()
            .setHeader('Retry-After', String(Math.ceil(seconds)));
        }
        return throwError(() => error);
      }),
    );
  }
}
