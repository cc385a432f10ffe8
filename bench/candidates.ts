// Claim candidates on a 50,000-character article: how long `candidates(text)` takes, warm.
// Run: pnpm --filter @corroborate/api bench:candidates
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { candidates, slices } from '../apps/api/src/candidates/candidates';
import { nlp } from '../apps/api/src/candidates/nlp';

const TARGET_CHARS = 50_000;
const RUNS = Number(process.env.BENCH_RUNS ?? 20);

/** Our own fixture articles (and the shared one when it is beside the repository), repeated to 50,000 characters. */
function article(): string {
  const dir = path.resolve(__dirname, '../apps/api/test/fixtures/articles');
  const shared = path.resolve(__dirname, '../../shared/fixtures/article.txt');
  const texts = fs.readdirSync(dir).map((f) => fs.readFileSync(path.join(dir, f), 'utf8'));
  if (fs.existsSync(shared)) texts.push(fs.readFileSync(shared, 'utf8'));
  let text = '';
  for (let i = 0; text.length < TARGET_CHARS; i++) text += `${texts[i % texts.length]!.trim()}\n\n`;
  // Cut at a paragraph break just past the target, so the last sentence is whole.
  return text.slice(0, text.indexOf('\n\n', TARGET_CHARS) + 1 || text.length);
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

function main() {
  const cpus = os.cpus();
  console.log(`machine: ${cpus[0]?.model ?? 'unknown cpu'} × ${cpus.length}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, load ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  const text = article();
  console.log(`article: ${text.length.toLocaleString('en')} characters in ${slices(text).length} slices`);

  let t = performance.now();
  nlp();
  console.log(`model load (once per process): ${(performance.now() - t).toFixed(0)} ms`);
  t = performance.now();
  const first = candidates(text);
  console.log(`first run: ${(performance.now() - t).toFixed(0)} ms, ${first.length} candidates`);

  // Wall-clock time, and this process's CPU time: on a shared machine the two part ways.
  const times: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const c = process.cpuUsage();
    t = performance.now();
    candidates(text);
    times.push(performance.now() - t);
    const used = process.cpuUsage(c);
    cpu.push((used.user + used.system) / 1000);
  }
  times.sort((a, b) => a - b);
  cpu.sort((a, b) => a - b);
  const mean = times.reduce((a, b) => a + b, 0) / times.length;
  console.log(`${RUNS} warm runs, wall: median ${percentile(times, 50).toFixed(0)} ms, mean ${mean.toFixed(0)} ms, p95 ${percentile(times, 95).toFixed(0)} ms, max ${times.at(-1)!.toFixed(0)} ms (budget 300 ms)`);
  console.log(`${RUNS} warm runs, CPU: median ${percentile(cpu, 50).toFixed(0)} ms, p95 ${percentile(cpu, 95).toFixed(0)} ms`);
}

main();
