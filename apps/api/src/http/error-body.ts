/** The one error body every API answer uses. */
export interface ErrorBody {
  code: string;
  message: string;
  fieldErrors?: { field: string; reasons: string[] }[];
  /** Facts a client can act on, e.g. the approval level a refusal requires. */
  details?: Record<string, unknown>;
  correlationId?: string;
}
