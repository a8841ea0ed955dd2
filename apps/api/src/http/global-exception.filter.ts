import { maskIdentifiers } from '@loanflow/loans';
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
import { Dependency, OUTAGE_RETRY_AFTER_SECONDS, outageOf } from '@loanflow/workflow';
import { statusForDomainCode } from './domain-error-status';
import type { ErrorBody } from './error-body';

const DEPENDENCY_NAMES: Record<Dependency, string> = {
  database: 'database',
  redis: 'session and counter store (Redis)',
  broker: 'workflow engine',
};

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
    if (status === 503) response.setHeader('Retry-After', String(OUTAGE_RETRY_AFTER_SECONDS));
    if (status >= 500)
      this.logger.error(exception instanceof Error ? exception.stack : String(exception));
    // A refusal names what was wrong, never a full identifier (an ID number in a message included).
    response.status(status).json({ ...(maskIdentifiers(body) as object), correlationId });
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
      if (isCoded(payload)) {
        // Validation (fieldErrors) and refusals made with refusal(): the payload is the body.
        const { code, message, fieldErrors, details } = payload;
        const fallback = fieldErrors ? 'The request has invalid fields.' : exception.message;
        return [status, { code, message: message ?? fallback, fieldErrors, details }];
      }
      return [status, { code: HttpStatus[status] ?? 'ERROR', message: exception.message }];
    }
    const clientStatus = clientErrorStatus(exception);
    if (clientStatus) {
      // An error passed to next() by Express middleware (http-errors' convention: status or
      // statusCode, and expose when its message is meant for the client) refuses the request.
      const { message, expose } = exception as { message?: unknown; expose?: unknown };
      return [
        clientStatus,
        {
          code: HttpStatus[clientStatus] ?? 'BAD_REQUEST',
          message:
            expose === true && typeof message === 'string' ? message : 'The request was refused.',
        },
      ];
    }
    const away = outageOf(exception);
    if (away)
      return [
        503,
        {
          code: 'DEPENDENCY_UNAVAILABLE',
          message: `The ${DEPENDENCY_NAMES[away]} is not answering. Try again shortly.`,
          details: { dependency: away },
        },
      ];
    return [
      500,
      { code: 'INTERNAL_ERROR', message: 'An unexpected error occurred; it has been logged.' },
    ];
  }
}

function isCoded(payload: unknown): payload is Omit<ErrorBody, 'message'> & { message?: string } {
  return (
    typeof payload === 'object' &&
    payload !== null &&
    typeof (payload as { code?: unknown }).code === 'string'
  );
}

/** A 4xx status carried by a non-Nest error (`status` or `statusCode`), else undefined. */
function clientErrorStatus(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { status, statusCode } = error as { status?: unknown; statusCode?: unknown };
  const candidate = typeof status === 'number' ? status : statusCode;
  return typeof candidate === 'number' &&
    Number.isInteger(candidate) &&
    candidate >= 400 &&
    candidate < 500
    ? candidate
    : undefined;
}
