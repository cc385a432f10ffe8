// Where a heap's growth went: the self size of each kind of object (constructor or type) in
// two V8 heap snapshots, largest growth first. Used by capacity.ts (BENCH_HEAP_SNAPSHOT), run
// in a process of its own since a snapshot of a large heap takes gigabytes to parse:
//   node --import tsx --max-old-space-size=12000 bench/heap-diff.ts before.heapsnapshot after.heapsnapshot [count]
import fs from 'node:fs';

interface Snapshot {
  snapshot: { meta: { node_fields: string[]; node_types: [string[], ...unknown[]] } };
  nodes: number[];
  strings: string[];
}

/** Self size and count per kind: objects by constructor name, the rest by V8's node type. */
function sizes(file: string): Map<string, { bytes: number; count: number }> {
  const heap = JSON.parse(fs.readFileSync(file, 'utf8')) as Snapshot;
  const fields = heap.snapshot.meta.node_fields;
  const types = heap.snapshot.meta.node_types[0];
  const [typeAt, nameAt, sizeAt] = ['type', 'name', 'self_size'].map((f) => fields.indexOf(f)) as [number, number, number];
  const out = new Map<string, { bytes: number; count: number }>();
  for (let i = 0; i < heap.nodes.length; i += fields.length) {
    const type = types[heap.nodes[i + typeAt]!]!;
    const key = type === 'object' || type === 'closure' ? `${type} ${heap.strings[heap.nodes[i + nameAt]!]}` : `(${type})`;
    const entry = out.get(key) ?? { bytes: 0, count: 0 };
    entry.bytes += heap.nodes[i + sizeAt]!;
    entry.count += 1;
    out.set(key, entry);
  }
  return out;
}

const [before, after, perArg] = process.argv.slice(2);
if (!before || !after) {
  console.error('usage: heap-diff.ts before.heapsnapshot after.heapsnapshot [count]');
  process.exit(2);
}
const per = Number(perArg ?? 1);
const a = sizes(before);
const b = sizes(after);
const rows = [...b].map(([key, v]) => ({ key, bytes: v.bytes - (a.get(key)?.bytes ?? 0), count: v.count - (a.get(key)?.count ?? 0) }));
rows.sort((x, y) => y.bytes - x.bytes);
const total = rows.reduce((n, r) => n + r.bytes, 0);
console.log(`Heap growth by kind of object (self size), per one of ${per}; total ${(total / per).toFixed(0)} bytes`);
console.log('| bytes each | objects each | kind |');
console.log('|-----------:|-------------:|------|');
for (const r of rows.slice(0, 25)) console.log(`| ${(r.bytes / per).toFixed(0).padStart(10)} | ${(r.count / per).toFixed(2).padStart(12)} | ${r.key.slice(0, 80)} |`);
