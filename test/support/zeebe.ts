import { join } from 'node:path';
import { loadConfig } from '@loanflow/config';
import { createZeebeClient, ZeebeClient } from '@loanflow/workflow';

export const REPO_ROOT = join(__dirname, '../..');
export const modelPath = (file: string): string => join(REPO_ROOT, 'bpmn', file);
export const fixturePath = (file: string): string => join(REPO_ROOT, 'test/fixtures', file);

export function testZeebeClient(): ZeebeClient {
  return createZeebeClient(loadConfig().ZEEBE_GRPC_ADDRESS);
}

export async function deploy(client: ZeebeClient, file: string): Promise<void> {
  await client.deployResource({ processFilename: file });
}

/** A business key no other test run shares, so specs never see each other's instances. */
export function uniqueKey(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}
