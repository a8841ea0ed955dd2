import type { ZeebeClient } from './zeebe-client';
import { messageOf } from '@loanflow/domain';

export type PublishRequest = Parameters<ZeebeClient['publishMessage']>[0];

/**
 * Publishes a message that carries its own id: the broker refuses a second one with the same id
 * while the first is buffered (ALREADY_EXISTS), which for a redelivered job or a repeated request
 * means it was published before, not that something failed.
 */
export async function publishOnce(
  client: ZeebeClient,
  message: PublishRequest & { messageId: string },
): Promise<'published' | 'already-published'> {
  try {
    await client.publishMessage(message);
    return 'published';
  } catch (error) {
    if (/ALREADY_EXISTS/.test(messageOf(error))) return 'already-published';
    throw error;
  }
}
