/** Latency and throughput of one measured run. */
export interface LoadResult {
  requests: number;
  failures: number;
  seconds: number;
  latenciesMs: number[];
}

/**
 * Sends requests from `concurrency` loops for `durationMs`, each loop waiting for its previous
 * response, and records every latency.
 */
export async function runLoad(
  send: () => Promise<boolean>,
  concurrency: number,
  durationMs: number,
): Promise<LoadResult> {
  const latenciesMs: number[] = [];
  let failures = 0;
  const started = performance.now();
  const deadline = started + durationMs;

  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < deadline) {
        const sent = performance.now();
        const ok = await send().catch(() => false);
        latenciesMs.push(performance.now() - sent);
        if (!ok) failures += 1;
      }
    }),
  );

  return {
    requests: latenciesMs.length,
    failures,
    seconds: (performance.now() - started) / 1000,
    latenciesMs,
  };
}

/** Merges runs of the same target. */
export function mergeResults(results: LoadResult[]): LoadResult {
  return {
    requests: results.reduce((sum, r) => sum + r.requests, 0),
    failures: results.reduce((sum, r) => sum + r.failures, 0),
    seconds: results.reduce((sum, r) => sum + r.seconds, 0),
    latenciesMs: results.flatMap((r) => r.latenciesMs),
  };
}

/** The q-th percentile (0–100) of a list of numbers. */
export function percentile(values: number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.ceil((q / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)]!;
}

/** Prints rows as an aligned text table. */
export function printTable(header: string[], rows: (string | number)[][]): void {
  const cells = [header, ...rows.map((row) => row.map(String))];
  const widths = header.map((_, i) => Math.max(...cells.map((row) => row[i]!.length)));
  const line = (row: string[]) => row.map((cell, i) => cell.padStart(widths[i]!)).join('  ');

  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  rows.forEach((row) => console.log(line(row.map(String))));
}
