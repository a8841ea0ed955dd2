import { ApiClient, components, createApiClient, paths } from '@loanflow/api-client';

/** The API's one error shape: {code, message, fieldErrors?, details?, correlationId}. */
export interface FieldError {
  field: string;
  reasons: string[];
  /** The rule behind each reason (class-validator's constraint name), where the server gives it. */
  rules?: string[];
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fieldErrors: FieldError[] = [],
    readonly details: Record<string, unknown> | undefined = undefined,
    readonly correlationId: string | undefined = undefined,
  ) {
    super(message);
  }
}

const TOKEN_KEY = 'loanflow.token';
let onUnauthorized: (() => void) | null = null;

export const session = {
  token: (): string | null => sessionStorage.getItem(TOKEN_KEY),
  save: (token: string) => sessionStorage.setItem(TOKEN_KEY, token),
  clear: () => sessionStorage.removeItem(TOKEN_KEY),
  /** Called when the API answers 401 to a signed-in request: the session has expired. */
  onUnauthorized: (handler: (() => void) | null) => {
    onUnauthorized = handler;
  },
};

export async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const token = session.token();
  const headers: Record<string, string> = { accept: 'application/json' };
  // A FormData (a file upload) is sent as multipart, its boundary set by the browser.
  const form = body instanceof FormData;
  if (body !== undefined && !form) headers['content-type'] = 'application/json';
  if (token) headers.authorization = `Bearer ${token}`;
  const response = await fetch(path, {
    method,
    headers,
    body: body === undefined ? undefined : form ? body : JSON.stringify(body),
  });
  const text = await response.text();
  const payload = text ? safeJson(text) : null;
  if (!response.ok) throw refusal(response, payload, path, token);
  return payload as T;
}

/** The typed client: paths, parameters, bodies and answers checked against the OpenAPI document. */
export const client: ApiClient = createApiClient({ baseUrl: '', token: session.token });

/** A type the API's OpenAPI document describes, by its schema's name. */
export type Schema<K extends keyof components['schemas']> = components['schemas'][K];

/** The body of a success through the typed client; anything else, the ApiError pages show. */
export async function answer<T>(
  call: Promise<{ data?: T; error?: unknown; response: Response }>,
): Promise<T> {
  const token = session.token();
  const { data, error, response } = await call;
  if (!response.ok) {
    const path = response.url ? new URL(response.url).pathname : '';
    // A body that is not JSON (a proxy's error page) comes as text: shown as api() shows it.
    const payload = typeof error === 'string' ? { message: error } : (error ?? null);
    throw refusal(response, payload, path, token);
  }
  return data as T;
}

/** The API's one error body as an ApiError; a 401 to a signed-in request ends the session. */
function refusal(
  response: Response,
  payload: unknown,
  path: string,
  token: string | null,
): ApiError {
  const error = (payload ?? {}) as {
    code?: string;
    message?: string;
    fieldErrors?: FieldError[];
    details?: Record<string, unknown>;
    correlationId?: string;
  };
  if (response.status === 401 && token && !path.endsWith('/auth/login')) {
    session.clear();
    onUnauthorized?.();
  }
  return new ApiError(
    response.status,
    error.code ?? `HTTP_${response.status}`,
    error.message ?? response.statusText,
    error.fieldErrors ?? [],
    error.details,
    error.correlationId,
  );
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return { message: text };
  }
}

/** A read typed by its caller (writes all go through the typed `client`). */
export const get = <T>(path: string) => api<T>('GET', path);

/** Query string from the filled-in filters only. */
export function query(params: Record<string, string | number | boolean | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params))
    if (value !== undefined && value !== '') search.set(key, String(value));
  const text = search.toString();
  return text ? `?${text}` : '';
}

export type Me = Schema<'Me'>;

export type LoanHeadline = Schema<'LoanHeadline'>;

/** A task as the inbox lists it. */
export type Task = Schema<'TaskView'>;

/** The inbox's filters, as the API takes them. */
export type TaskQuery = NonNullable<paths['/api/tasks']['get']['parameters']['query']>;

/** A task with its form, its loan's summary and its context. */
export type TaskDetail = Schema<'TaskDetail'>;

export interface Page<T> {
  items: T[];
  total: number;
  /** More match than total says (the inbox counts up to a cap): shown as "10,000+". */
  totalCapped?: boolean;
  page: number;
  pageSize: number;
}
