/**
 * Operations whose success answer the OpenAPI document does not describe yet, so the typed client
 * reads their bodies as unknown. The list only shrinks: a new route documents its answer
 * (\`@ApiOkResponse({ type })\`, or 204 for none), and a route that gains one leaves the list.
 */
export const UNDOCUMENTED_ANSWERS: readonly string[] = [
  'GET /api/models',
  'GET /api/monitor/batches',
  'GET /api/monitor/batches/{batchId}',
  'GET /api/monitor/decisions',
  'GET /api/monitor/decisions/{decisionId}/versions/{version}/evaluations',
  'GET /api/monitor/incidents',
  'GET /api/monitor/instances',
  'GET /api/monitor/instances/{key}',
  'GET /api/monitor/instances/{key}/modifications',
  'GET /api/monitor/modifications',
  'GET /api/monitor/processes/{definitionKey}',
  'GET /api/monitor/processes/{definitionKey}/heatmap',
  'POST /api/models/migrations',
  'POST /api/monitor/batches',
  'POST /api/monitor/batches/{batchId}/approve',
  'POST /api/monitor/batches/{batchId}/refuse',
  'POST /api/monitor/incidents/{key}/fix',
  'POST /api/monitor/incidents/{key}/resolve',
  'POST /api/monitor/instances/{key}/modifications',
  'POST /api/monitor/instances/{key}/modifications/preview',
  'POST /api/monitor/modifications/{modificationId}/approve',
  'POST /api/monitor/modifications/{modificationId}/refuse',
];
