import canonicalize from 'canonicalize';
import { createHash } from 'node:crypto';

export const GENESIS_HASH = '0'.repeat(64);

/**
 * Where chain n starts: n as 64 hex digits, so chain 0 (the trail's only chain before it had
 * several) keeps the genesis it always had, and a row moved to another chain links to nothing there.
 */
export function genesisOf(chain: number): string {
  return chain.toString(16).padStart(64, '0');
}

/** What one audit row says; its hash covers all of it and the hash of the row before. */
export interface AuditContent {
  at: Date;
  actor: string | null;
  actorRoles: string;
  orgUnitCode: string | null;
  action: string;
  loanKey: string | null;
  taskId: string | null;
  inputsDigest: string | null;
  outcome: string;
  reason: string | null;
}

export function chainHash(prevHash: string, content: AuditContent): string {
  const canonical = canonicalize([
    prevHash,
    content.at.toISOString(),
    content.actor,
    content.actorRoles,
    content.orgUnitCode,
    content.action,
    content.loanKey,
    content.taskId,
    content.inputsDigest,
    content.outcome,
    content.reason,
  ]);
  return sha256(canonical ?? '');
}

/** A digest of what an act was given (a form payload, a login name): proves inputs without storing them twice. */
export function digestOf(inputs: unknown): string {
  return sha256(canonicalize(inputs ?? null) ?? 'null');
}

function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}
