/** The one error body every API answer uses. */
export interface ErrorBody {
  code: string;
  message: string;
  fieldErrors?: { field: string; reasons: string[] }[];
  correlationId?: string;
}
