// npm run check:cycles (part of npm run lint): no import cycle between files of src/, and none
// between its top-level folders (identity → events → identity would be one even when no single
// file closes the loop). Type-only imports count: a cycle of types is still a cycle of meaning.
// Files directly in src/ (main.ts, app.module.ts, bootstrap.ts) compose everything and are left out.
const madge = require('madge');
const { join } = require('node:path');

const SRC = join(__dirname, '..', 'src');

function folderOf(file) {
  return file.includes('/') ? file.split('/')[0] : null;
}

/** Strongly connected groups of folders with more than one member (Tarjan). */
function folderCycles(edges) {
  const index = new Map();
  const low = new Map();
  const stack = [];
  const onStack = new Set();
  const groups = [];
  let next = 0;
  const visit = (node) => {
    index.set(node, next);
    low.set(node, next);
    next += 1;
    stack.push(node);
    onStack.add(node);
    for (const to of edges.get(node) ?? []) {
      if (!index.has(to)) {
        visit(to);
        low.set(node, Math.min(low.get(node), low.get(to)));
      } else if (onStack.has(to)) low.set(node, Math.min(low.get(node), index.get(to)));
    }
    if (low.get(node) === index.get(node)) {
      const group = [];
      let member;
      do {
        member = stack.pop();
        onStack.delete(member);
        group.push(member);
      } while (member !== node);
      if (group.length > 1) groups.push(group.sort());
    }
  };
  for (const node of edges.keys()) if (!index.has(node)) visit(node);
  return groups;
}

async function main() {
  const result = await madge(SRC, {
    fileExtensions: ['ts'],
    excludeRegExp: [/\.spec\.ts$/],
  });
  const graph = result.obj();
  const edges = new Map();
  const examples = new Map();
  for (const [file, deps] of Object.entries(graph)) {
    const from = folderOf(file);
    if (!from) continue;
    for (const dep of deps) {
      const to = folderOf(dep);
      if (!to || to === from) continue;
      if (!edges.has(from)) edges.set(from, new Set());
      edges.get(from).add(to);
      const key = `${from} -> ${to}`;
      if (!examples.has(key)) examples.set(key, `${file} -> ${dep}`);
    }
  }
  const fileCycles = result.circular();
  const groups = folderCycles(edges);
  for (const cycle of fileCycles) console.error(`file cycle: ${cycle.join(' -> ')}`);
  for (const group of groups) {
    console.error(`folder cycle: ${group.join(', ')}`);
    for (const from of group)
      for (const to of group) {
        const example = examples.get(`${from} -> ${to}`);
        if (example) console.error(`  ${from} -> ${to}  e.g. ${example}`);
      }
  }
  if (fileCycles.length > 0 || groups.length > 0) process.exit(1);
  console.log(
    `no import cycles: ${Object.keys(graph).length} files, ${edges.size} top-level folders of src/`,
  );
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
