/** The one error body every API answer uses. */
export interface ErrorBody {
  code: string;
  message: string;
  /** `rules`, where given, names the rule behind each reason (class-validator's constraint). */
  fieldErrors?: { field: string; reasons: string[]; rules?: string[] }[];
  /** Facts a client can act on, e.g. the approval level a refusal requires. */
  details?: Record<string, unknown>;
  correlationId?: string;
}
