// Decides whether the install and each build step can be skipped. Stamps live in
// node_modules/.corroborate, so a fresh clone or a wiped node_modules starts from scratch.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

const SKIP_DIRS = new Set(['node_modules', 'dist', '.data', 'coverage']);

export function stampDir(root) {
  return path.join(root, 'node_modules', '.corroborate');
}

/** sha256 over the files' paths and contents (missing files count as empty). */
export function hashFiles(root, files) {
  const hash = createHash('sha256');
  for (const file of files) {
    hash.update(`${file}\0`);
    const full = path.join(root, file);
    if (fs.existsSync(full)) hash.update(fs.readFileSync(full));
    hash.update('\0');
  }
  return hash.digest('hex');
}

/** Newest modification time (ms) among the paths, walking directories; a directory's own time covers deletions. */
export function newestMtime(root, paths) {
  let newest = 0;
  const visit = (full) => {
    let stat;
    try {
      stat = fs.statSync(full);
    } catch {
      return;
    }
    newest = Math.max(newest, stat.mtimeMs);
    if (!stat.isDirectory()) return;
    for (const entry of fs.readdirSync(full, { withFileTypes: true })) {
      if (entry.isDirectory() && SKIP_DIRS.has(entry.name)) continue;
      visit(path.join(full, entry.name));
    }
  };
  for (const p of paths) visit(path.join(root, p));
  return newest;
}

/** The content of a stamp, or null. */
export function readStamp(root, name) {
  try {
    return fs.readFileSync(path.join(stampDir(root), name), 'utf8');
  } catch {
    return null;
  }
}

/** Writes a stamp whose modification time is `time` (when the step began, so edits made during it are not missed). */
export function writeStamp(root, name, content = '', time = Date.now()) {
  const file = path.join(stampDir(root), name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
  fs.utimesSync(file, time / 1000, time / 1000);
}

export function stampTime(root, name) {
  try {
    return fs.statSync(path.join(stampDir(root), name)).mtimeMs;
  } catch {
    return null;
  }
}

/** Up to date when the output exists and no input changed since the step's last successful run began. */
export function isFresh(root, { stamp, inputs, output }) {
  const built = stampTime(root, stamp);
  if (built === null || !fs.existsSync(path.join(root, output))) return false;
  return newestMtime(root, inputs) <= built;
}
