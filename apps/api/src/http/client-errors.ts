import { randomUUID } from 'node:crypto';
import { type Server, STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import { Logger } from '@nestjs/common';
import type { ErrorBody } from './error-body';

/** Node's own refusals, by its parser's error code; anything else it cannot parse is a 400. */
const REFUSALS: Record<string, [number, string, string]> = {
  HPE_HEADER_OVERFLOW: [
    431,
    'HEADERS_TOO_LARGE',
    'The request line and headers exceed 16 kB (the URL is part of them).',
  ],
  HPE_CHUNK_EXTENSIONS_OVERFLOW: [413, 'PAYLOAD_TOO_LARGE', 'The chunk extensions are too large.'],
  ERR_HTTP_REQUEST_TIMEOUT: [408, 'REQUEST_TIMEOUT', 'The request was not received in time.'],
};
const MALFORMED: [number, string, string] = [
  400,
  'MALFORMED_REQUEST',
  'The request is not valid HTTP.',
];

const logger = new Logger('HttpClientError');

/**
 * Requests Node's HTTP parser refuses (headers over its 16 kB limit, a broken request line, a
 * timeout) never reach Express: Node answers them itself with a bare 431 or 400 and no body.
 * This answers them in the one error shape instead, with a correlation id that is also logged.
 */
export function answerClientErrorsInErrorShape(server: Server): void {
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    // As Node does: nothing to answer on a closed socket or after an answer has begun.
    const answering = (socket as { _httpMessage?: { headersSent?: boolean } })._httpMessage;
    if (error.code === 'ECONNRESET' || !socket.writable || answering?.headersSent)
      return void socket.destroy();
    const [status, code, message] = REFUSALS[error.code ?? ''] ?? MALFORMED;
    const correlationId = randomUUID();
    logger.warn(
      `${status} ${code} (${error.code ?? error.message}) correlationId=${correlationId}`,
    );
    const body = JSON.stringify({ code, message, correlationId } satisfies ErrorBody);
    socket.end(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n` +
        'Content-Type: application/json; charset=utf-8\r\n' +
        `Content-Length: ${Buffer.byteLength(body)}\r\n` +
        'X-Content-Type-Options: nosniff\r\n' +
        'Connection: close\r\n\r\n' +
        body,
    );
  });
}
