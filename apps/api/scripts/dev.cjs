// Development server: the TypeScript compiler in watch mode (Nest needs its decorator
// metadata), and Node restarting the API whenever the compiled output changes.
const { spawn, spawnSync } = require('node:child_process');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const tsc = require.resolve('typescript/bin/tsc');
const build = ['-p', 'tsconfig.build.json'];

if (spawnSync(process.execPath, [tsc, ...build], { cwd: root, stdio: 'inherit' }).status !== 0) process.exit(1);

const children = [
  spawn(process.execPath, [tsc, ...build, '--watch', '--preserveWatchOutput'], { cwd: root, stdio: 'inherit' }),
  spawn(process.execPath, ['--watch-path=dist', '--enable-source-maps', 'dist/main.js'], { cwd: root, stdio: 'inherit' }),
];
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => children.forEach((child) => child.kill(signal)));
}
for (const child of children) child.on('exit', (code) => process.exit(code ?? 0));
