import type { ZeebeClient } from '@loanflow/workflow';

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/** gRPC codes of a broker that is busy (backpressure) or between leaders: try the same again. */
const BUSY = new Set([8, 14]);

/**
 * Publishes one message, waiting out the broker's backpressure (RESOURCE_EXHAUSTED) as a bank's
 * disbursement worker does through its retries; the message id makes a repeat harmless. Returns how
 * many times the broker refused it.
 */
export async function publishThroughBackpressure(
  zeebe: ZeebeClient,
  message: Parameters<ZeebeClient['publishMessage']>[0],
): Promise<number> {
  for (let refused = 0; ; refused++) {
    try {
      await zeebe.publishMessage(message);
      return refused;
    } catch (error) {
      if (!BUSY.has(Number((error as { code?: unknown }).code)) || refused >= 50) throw error;
      await sleep(Math.min(2000, 50 * 2 ** refused));
    }
  }
}
