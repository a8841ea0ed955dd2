import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { JobTypeFilter } from '@loanflow/workflow';

const ROOT = join(__dirname, '../../..');

/** Every job type the shipped models give to workers. */
function modelJobTypes(): string[] {
  const dir = join(ROOT, 'bpmn');
  return readdirSync(dir)
    .filter((file) => file.endsWith('.bpmn'))
    .flatMap((file) =>
      [...readFileSync(join(dir, file), 'utf8').matchAll(/taskDefinition type="([^"]+)"/g)].map(
        (m) => m[1],
      ),
    );
}

/** The passes without a job type of their own (inbox, projector, snapshots, purge, outbox). */
function passTypes(dir = join(ROOT, 'libs')): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return passTypes(path);
    if (!entry.name.endsWith('.ts') || entry.name.endsWith('.spec.ts')) return [];
    return [
      ...readFileSync(path, 'utf8').matchAll(/export const \w+_WORKER_TYPE = '([^']+)'/g),
    ].map((m) => m[1]);
  });
}

/**
 * What this spec reads of a manifest's document (an empty document is null). A Deployment without
 * these fields fails the spec as it reads them, as it did before they were typed.
 */
interface ManifestDocument {
  kind?: string;
  metadata: { name: string };
  spec: { template: { spec: { containers: { env?: { name: string; value: string }[] }[] } } };
}

/** WORKER_TYPES of every workers Deployment in the Kubernetes manifest. */
function deployedSplits(): { name: string; types: string }[] {
  const docs = parseAllDocuments(readFileSync(join(ROOT, 'deploy/k8s/loanflow.yaml'), 'utf8'));
  return docs
    .map((doc) => doc.toJSON() as ManifestDocument | null)
    .filter((doc): doc is ManifestDocument => doc?.kind === 'Deployment')
    .flatMap((doc) =>
      doc.spec.template.spec.containers
        .flatMap((c) => c.env ?? [])
        .filter((e) => e.name === 'WORKER_TYPES')
        .map((e) => ({ name: doc.metadata.name, types: e.value })),
    );
}

describe('the Kubernetes worker split', () => {
  it('serves every job type of the shipped models and every pass, exactly one Deployment each', () => {
    const splits = deployedSplits();
    expect(splits.length).toBeGreaterThanOrEqual(2);
    const types = [...new Set([...modelJobTypes(), ...passTypes()])];
    expect(types).toEqual(expect.arrayContaining(['loan.disburse', 'tasks.inbox']));
    const servedBy = types.map((type) => ({
      type,
      deployments: splits
        .filter((s) => JobTypeFilter.parse(s.types).matches(type))
        .map((s) => s.name),
    }));
    expect(servedBy.filter((s) => s.deployments.length !== 1)).toEqual([]);
  });
});
