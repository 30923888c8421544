#!/usr/bin/env node
// Fails when a package the lockfile installs declares an `engines.node` range that excludes a Node
// version the platform runs on: the version running this check (the machines' Node, which runs the
// tests and `npm start`) and the version of every `FROM node:<version>` image in the Dockerfile
// (production). npm only warns (EBADENGINE) about such packages; a package built for a newer Node
// can fail at run time, so CI refuses it here.
//
//   node tools/check-engines.mjs            check ./package-lock.json
//   node tools/check-engines.mjs --self-test  prove the check fails: the real lockfile plus one package
//                                            that needs Node 22.15 must be refused, and the real one passes
import { readFileSync, existsSync } from 'node:fs';
import { resolve } from 'node:path';
import semver from 'semver';

const root = resolve(import.meta.dirname, '..');
const lockPath = resolve(root, 'package-lock.json');

/** The Node versions the platform runs on, each with where it comes from. */
function platformNodeVersions() {
  const versions = [{ version: process.versions.node, from: 'the Node running this check' }];
  const dockerfile = resolve(root, 'Dockerfile');
  if (existsSync(dockerfile)) {
    for (const match of readFileSync(dockerfile, 'utf8').matchAll(/^FROM\s+node:(\d+\.\d+\.\d+)/gim)) {
      if (!versions.some((v) => v.version === match[1])) {
        versions.push({ version: match[1], from: `Dockerfile FROM node:${match[1]}` });
      }
    }
  }
  return versions;
}

/** Every lockfile entry whose engines.node excludes one of the targets, as a sentence. */
function findProblems(packages, targets) {
  const problems = [];
  for (const [path, entry] of Object.entries(packages)) {
    if (path === '' || entry.link) continue; // the project itself; workspace links
    const range = entry.engines?.node;
    if (typeof range !== 'string') continue;
    const name = path.replace(/^.*node_modules\//, '');
    if (!semver.validRange(range)) {
      problems.push(`${name}@${entry.version} (${path}): engines.node "${range}" is not a valid range`);
      continue;
    }
    for (const target of targets) {
      if (!semver.satisfies(target.version, range, { includePrerelease: true })) {
        problems.push(`${name}@${entry.version} (${path}): engines.node "${range}" excludes Node ${target.version} (${target.from})`);
      }
    }
  }
  return problems;
}

const packages = JSON.parse(readFileSync(lockPath, 'utf8')).packages ?? {};
const targets = platformNodeVersions();
const problems = findProblems(packages, targets);

if (process.argv.includes('--self-test')) {
  const planted = { ...packages, 'node_modules/planted-needs-node-22': { version: '1.0.0', engines: { node: '>=22.15.0' } } };
  const found = findProblems(planted, targets);
  if (found.length !== problems.length + targets.length || !found.some((p) => p.startsWith('planted-needs-node-22@1.0.0'))) {
    console.error('check-engines self-test: a package needing Node >=22.15.0 was not refused');
    process.exit(1);
  }
  console.log('check-engines self-test: a package needing Node >=22.15.0 is refused');
}

if (problems.length > 0) {
  console.error(`check-engines: ${problems.length} installed package(s) do not support the platform's Node:`);
  for (const problem of problems) console.error(`  - ${problem}`);
  console.error('Pin a version that supports it (package.json "overrides" for a transitive dependency).');
  process.exit(1);
}
console.log(`check-engines: ${Object.keys(packages).length - 1} packages support Node ${targets.map((t) => t.version).join(' and ')}`);
