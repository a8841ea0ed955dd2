/** The gRPC call behind one job stream, as the SDK's stream worker keeps it (8.5). */
export interface GrpcStream {
  removeAllListeners(event?: string): unknown;
  on(event: 'error', listener: (error: unknown) => void): unknown;
  cancel(): void;
}

interface StreamWorkerInternals {
  streamWorker?: { streams?: GrpcStream[] };
}

/**
 * The gRPC call of the job stream the client opened last, so that it can be closed without ending
 * the process; undefined if the SDK does not keep it where 8.5 does.
 */
export function lastJobStream(client: object): GrpcStream | undefined {
  const streams = (client as StreamWorkerInternals).streamWorker?.streams;
  return Array.isArray(streams) ? streams[streams.length - 1] : undefined;
}

/**
 * Closes a job stream and swallows the call's own "cancelled on client" error. The SDK's close
 * removes every listener and then cancels the call, whose cancellation arrives as an 'error' event
 * with no listener left: Node then ends the process (a worker with JOB_ACTIVATION=stream crashed
 * on every shutdown). Jobs already pushed finish in their handlers; the broker gives back any job
 * the stream held but did not deliver.
 */
export function closeJobStream(call: GrpcStream | undefined, fallback: () => void): void {
  if (!call) return fallback();
  call.removeAllListeners('data');
  call.removeAllListeners('error');
  call.on('error', () => undefined);
  call.cancel();
}
