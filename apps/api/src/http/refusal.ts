import { HttpException } from '@nestjs/common';

/**
 * A request refused before (or instead of) a controller: an HttpException whose payload already
 * is the error body's `code`, `message` and `details`, so GlobalExceptionFilter answers it as is.
 */
export function refusal(
  status: number,
  code: string,
  message: string,
  details?: Record<string, unknown>,
): HttpException {
  return new HttpException({ code, message, details }, status);
}
