/** p-th percentile (0..100) of samples, nearest-rank. */
export function percentile(samples: number[], p: number): number {
  if (samples.length === 0) return NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] ?? NaN;
}

export function describeLatency(label: string, samplesMs: number[]): string {
  const fmt = (value: number) => value.toFixed(1).padStart(7);
  return `${label.padEnd(34)} n=${String(samplesMs.length).padStart(6)}  p50 ${fmt(percentile(samplesMs, 50))} ms  p95 ${fmt(percentile(samplesMs, 95))} ms  p99 ${fmt(percentile(samplesMs, 99))} ms`;
}
