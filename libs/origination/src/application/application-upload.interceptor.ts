import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Observable, from, switchMap } from 'rxjs';
import { AppConfig } from '@loanflow/config';
import { DomainError, messageOf } from '@loanflow/domain';
import type { UploadedPart } from '../documents/document-upload.interceptor';

/** One file of a multipart application: the part's name is the document kind. */
export type ApplicationFile = UploadedPart & { fieldname: string };
export type ApplicationUploadRequest = Request & { files?: ApplicationFile[] };

type MulterError = Error & { code: string; field?: string };
type Multer = ((options: {
  storage: unknown;
  limits: Record<string, number>;
  defParamCharset: string;
}) => {
  any(): (req: Request, res: Response, done: (error?: unknown) => void) => void;
}) & { memoryStorage(): unknown };
// eslint-disable-next-line @typescript-eslint/no-require-imports
const multer = require('multer') as Multer;

/** The most papers one application carries (every kind a file has, with room for two pages each). */
export const MAX_APPLICATION_FILES = 24;
/** As the JSON body of any form: the application's own fields, without its files. */
const MAX_APPLICATION_JSON = 64 * 1024;
/** As deep as the API's JSON parser allows. */
const MAX_DEPTH = 32;

/**
 * An application with its papers (multipart/form-data): the part `application` holds the
 * application as JSON, and each file part is named by its document kind (`id-card`,
 * `income-proof`…). Read after the access guard, each file within DOCUMENT_MAX_BYTES; the JSON
 * becomes the body the validation pipe checks, the files `req.files`. A JSON request passes
 * untouched (an application without files: its papers are then asked for, 补充材料).
 */
@Injectable()
export class ApplicationUploadInterceptor implements NestInterceptor {
  private readonly read: (req: Request, res: Response, done: (error?: unknown) => void) => void;

  constructor(private readonly config: AppConfig) {
    this.read = multer({
      storage: multer.memoryStorage(),
      // File names as browsers send them (UTF-8), not as the header's bytes read as latin1: a
      // Chinese name is then counted and kept in characters.
      defParamCharset: 'utf8',
      limits: {
        fileSize: config.DOCUMENT_MAX_BYTES,
        files: MAX_APPLICATION_FILES,
        fields: 1,
        fieldSize: MAX_APPLICATION_JSON,
        parts: MAX_APPLICATION_FILES + 1,
      },
    }).any();
  }

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const http = context.switchToHttp();
    const req = http.getRequest<ApplicationUploadRequest>();
    if (!req.is('multipart/form-data')) return next.handle();
    const res = http.getResponse<Response>();
    const read = new Promise<void>((done, fail) =>
      this.read(req, res, (error) => {
        if (error) return fail(this.refusal(error));
        try {
          req.body = applicationOf((req.body as Record<string, unknown> | undefined)?.application);
          done();
        } catch (refused) {
          fail(refused);
        }
      }),
    );
    return from(read).pipe(switchMap(() => next.handle()));
  }

  private refusal(error: unknown): DomainError {
    const { code, field } = error as MulterError;
    if (code === 'LIMIT_FILE_SIZE')
      return new DomainError(
        'DOCUMENT_TOO_LARGE',
        `The file ${field ?? ''} is larger than the limit of ${this.config.DOCUMENT_MAX_BYTES} bytes.`,
        { limitBytes: this.config.DOCUMENT_MAX_BYTES },
      );
    const reason = code?.startsWith('LIMIT_')
      ? `send the application as one part named application and at most ${MAX_APPLICATION_FILES} files (${code})`
      : `the multipart body could not be read: ${messageOf(error)}`;
    return invalid('documents', reason);
  }
}

/** The `application` part's JSON, refused (400) when missing, malformed or too deep. */
function applicationOf(text: unknown): unknown {
  if (typeof text !== 'string' || text.trim() === '')
    throw invalid('application', 'the part application must hold the application as JSON');
  if (depthOf(text) > MAX_DEPTH)
    throw invalid('application', `the JSON nests deeper than ${MAX_DEPTH} levels`);
  try {
    const value = JSON.parse(text) as unknown;
    if (value === null || typeof value !== 'object' || Array.isArray(value))
      throw new Error('not an object');
    return value;
  } catch (error) {
    throw invalid('application', `the part application is not a JSON object (${messageOf(error)})`);
  }
}

/** The deepest nesting of objects and arrays, outside strings. */
function depthOf(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (inString) {
      if (ch === '\\') i++;
      else if (ch === '"') inString = false;
    } else if (ch === '"') inString = true;
    else if (ch === '{' || ch === '[') deepest = Math.max(deepest, ++depth);
    else if (ch === '}' || ch === ']') depth--;
  }
  return deepest;
}

function invalid(field: string, reason: string): DomainError {
  return new DomainError('VALIDATION_FAILED', `${field}: ${reason}.`, {
    fieldErrors: [{ field, reasons: [reason], rules: ['isMultipartApplication'] }],
  });
}
