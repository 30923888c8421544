// Fails the build when an Nx project lacks its `type:*` or `scope:*` tag, or carries a tag that the
// module-boundary matrix in eslint.config.mjs does not know (an unknown tag would be unrestricted).
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';

const TYPES = ['app', 'e2e', 'feature', 'domain', 'platform', 'contracts', 'testing', 'bench'];
const SCOPES = ['shared', 'incident', 'change', 'cmdb', 'sla', 'catalogue', 'notification', 'supplier-exchange', 'directory', 'gateway', 'reporting', 'platform', 'portal'];

mkdirSync('tmp', { recursive: true });
execFileSync('npx', ['nx', 'graph', '--file=tmp/project-graph.json'], { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, NX_DAEMON: 'false' } });
const { graph } = JSON.parse(readFileSync('tmp/project-graph.json', 'utf8'));
const problems = [];
for (const [name, node] of Object.entries(graph.nodes)) {
  const tags = node.data.tags ?? [];
  const types = tags.filter((t) => t.startsWith('type:'));
  const scopes = tags.filter((t) => t.startsWith('scope:'));
  if (types.length !== 1) problems.push(`${name}: needs exactly one type:* tag (has ${types.join(', ') || 'none'})`);
  if (scopes.length !== 1) problems.push(`${name}: needs exactly one scope:* tag (has ${scopes.join(', ') || 'none'})`);
  for (const t of types) if (!TYPES.includes(t.slice(5))) problems.push(`${name}: unknown tag ${t}`);
  for (const s of scopes) if (!SCOPES.includes(s.slice(6))) problems.push(`${name}: unknown tag ${s}`);
}
if (problems.length > 0) {
  console.error(`Project tags:\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log(`Project tags: ${Object.keys(graph.nodes).length} projects tagged`);
