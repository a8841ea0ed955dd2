/**
 * Operations whose success answer the OpenAPI document does not describe yet, so the typed client
 * reads their bodies as unknown. The list only shrinks: a new route documents its answer
 * (\`@ApiOkResponse({ type })\`, or 204 for none), and a route that gains one leaves the list.
 */
export const UNDOCUMENTED_ANSWERS: readonly string[] = [
  'GET /api/loans/{id}/accountability',
  'GET /api/loans/{id}/change-requests',
  'GET /api/loans/{id}/documents/{documentId}/content',
  'GET /api/loans/{id}/prepayment-quote',
  'GET /api/loans/{id}/prepayments',
  'GET /api/loans/{id}/refunds',
  'GET /api/loans/{id}/restructurings',
  'POST /api/loans/{id}/change-requests',
  'POST /api/loans/{id}/personal-data/reveal',
  'POST /api/loans/{id}/prepayment-quote',
  'POST /api/loans/{id}/prepayments',
  'POST /api/loans/{id}/refunds/{refundId}/pay',
  'POST /api/loans/{id}/restructurings',
  'POST /api/personal-data/export',
  'PUT /api/admin/users/{username}/roles',
];
