import {
  ArgumentsHost,
  Catch,
  ExceptionFilter,
  HttpException,
  HttpStatus,
  Logger,
} from '@nestjs/common';
import type { Request, Response } from 'express';
import { isDomainError } from '@loanflow/domain';
import { statusForDomainCode } from './domain-error-status';
import type { ErrorBody } from './error-body';

/** Every error leaves the API in one shape, with the request's correlation id. */
@Catch()
export class GlobalExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger(GlobalExceptionFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<Request & { id?: string }>();
    const response = http.getResponse<Response>();
    const correlationId = request.id ? String(request.id) : undefined;
    const [status, body] = this.describe(exception);
    if (status >= 500)
      this.logger.error(exception instanceof Error ? exception.stack : String(exception));
    response.status(status).json({ ...body, correlationId });
  }

  private describe(exception: unknown): [number, ErrorBody] {
    if (isDomainError(exception)) {
      const { fieldErrors, ...rest } = exception.details as {
        fieldErrors?: ErrorBody['fieldErrors'];
      };
      const details = Object.keys(rest).length > 0 ? rest : undefined;
      return [
        statusForDomainCode(exception.code),
        { code: exception.code, message: exception.message, fieldErrors, details },
      ];
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const payload = exception.getResponse();
      if (typeof payload === 'object' && payload !== null && 'fieldErrors' in payload) {
        const { code, fieldErrors } = payload as Pick<ErrorBody, 'code' | 'fieldErrors'>;
        return [status, { code, message: 'The request has invalid fields.', fieldErrors }];
      }
      return [status, { code: HttpStatus[status] ?? 'ERROR', message: exception.message }];
    }
    return [
      500,
      { code: 'INTERNAL_ERROR', message: 'An unexpected error occurred; it has been logged.' },
    ];
  }
}
