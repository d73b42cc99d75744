import { runApiBenchmark } from './api.bench.js';
import { runCollabBenchmark } from './collab.bench.js';
import { runWebBenchmark } from './web.bench.js';

/** `pnpm bench <name>`: runs one benchmark and prints its table. */
const benchmarks: Record<string, () => Promise<void>> = {
  api: runApiBenchmark,
  web: runWebBenchmark,
  collab: runCollabBenchmark,
};

const name = process.argv[2] ?? '';
const benchmark = benchmarks[name];
if (!benchmark) {
  console.error(`Usage: pnpm bench <${Object.keys(benchmarks).join('|')}>`);
  process.exit(2);
}
await benchmark();
process.exit(0);
