// Durable snapshots of the embedded CongoDB's memory, used by embedded-mongo-server.mjs.
//
// CongoDB's own persistence (`persistPath`) is not used, for three measured reasons (smartmongo
// 2.2.0, MemoryStorageAdapter.persist/restore):
// - it writes the file in place (no temp file + rename, no fsync): a crash during the write leaves a
//   torn file, and restore() then logs a warning and STARTS EMPTY, so the next snapshot overwrites
//   every document that was on disk;
// - it serialises with JSON.stringify and restores only `_id`: every Date becomes a string, every
//   other ObjectId a hex string and Binary a plain object, so queries on dates stop matching;
// - it collects the documents, awaits a directory creation, then serialises: writes that land in
//   between make a snapshot that mixes two instants.
// Here a snapshot is taken synchronously (one instant: a write is in it entirely or not at all, and
// a write that depends on an earlier one is never in it without it), as canonical Extended JSON
// (every BSON type survives), written to a temp file, fsynced, renamed over the previous one and
// the directory fsynced: on disk there is always one complete snapshot, the previous or the new.
import { closeSync, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';

export const SNAPSHOT_FILE = 'congodb-snapshot.json';
const LOCK_FILE = 'LOCK';
const FORMAT = 'itsm-congodb-snapshot';
const FORMAT_VERSION = 1;
/** The storage adapter's methods that change data: each bumps the generation, so an unchanged store is not rewritten. */
const MUTATORS = ['insertOne', 'updateById', 'deleteById', 'createCollection', 'dropCollection', 'createDatabase', 'dropDatabase', 'renameCollection', 'saveIndex', 'dropIndex'];

export class SnapshotError extends Error {}

/** Whether a process with this id runs (EPERM: it runs under another user). */
function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}

/**
 * Takes the data directory for this process: one server per directory, or two would overwrite each
 * other's snapshots. A lock left by a dead process is taken over; a live holder (e.g. the previous
 * server still writing its final snapshot) is waited for up to `waitMs`.
 */
export async function lockDataDir(dir, waitMs = 15_000) {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, LOCK_FILE);
  const until = Date.now() + waitMs;
  for (;;) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(path, { force: true });
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
    }
    const holder = Number.parseInt(readFileSync(path, 'utf8').trim(), 10);
    if (!Number.isInteger(holder) || !alive(holder)) {
      rmSync(path, { force: true });
      continue;
    }
    if (Date.now() > until) throw new SnapshotError(`the data directory ${dir} is in use by process ${holder} (another \`npm start\`?)`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Deletes this server's files in `dir` (the snapshot and unfinished temp files), nothing else. Call with the lock held. */
export function resetDataDir(dir) {
  for (const name of readdirSync(dir)) if (name === SNAPSHOT_FILE || name.startsWith(`${SNAPSHOT_FILE}.tmp-`)) unlinkSync(join(dir, name));
}

function fsyncDir(dir) {
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * Snapshots of one CongoDB storage adapter into `dir`. `restore()` before the server listens;
 * `start(intervalMs)` snapshots every interval when something changed; `flush()` writes a last one.
 */
export class SnapshotStore {
  #storage;
  #dir;
  #bson;
  #generation = 0;
  #written = 0;
  #timer;
  #writing = Promise.resolve();

  constructor(storage, dir, bson) {
    if (!(storage.databases instanceof Map) || !(storage.indexes instanceof Map)) {
      throw new SnapshotError('this CongoDB version keeps its data elsewhere: the snapshot code must be adapted to it');
    }
    this.#storage = storage;
    this.#dir = dir;
    this.#bson = bson;
    for (const name of MUTATORS) {
      const original = storage[name].bind(storage);
      storage[name] = (...args) => {
        this.#generation += 1;
        return original(...args);
      };
    }
  }

  get path() {
    return join(this.#dir, SNAPSHOT_FILE);
  }

  /** Loads the snapshot into the (empty) storage; an unreadable one stops the start rather than starting empty. */
  async restore() {
    for (const name of readdirSync(this.#dir)) if (name.startsWith(`${SNAPSHOT_FILE}.tmp-`)) unlinkSync(join(this.#dir, name));
    let text;
    try {
      text = readFileSync(this.path, 'utf8');
    } catch (error) {
      if (error.code === 'ENOENT') return { documents: 0 };
      throw error;
    }
    let snapshot;
    try {
      snapshot = this.#bson.EJSON.parse(text, { relaxed: true });
    } catch (error) {
      throw new SnapshotError(`the snapshot ${this.path} is unreadable (${error.message}); it was not written by this server (it writes atomically): restore a copy, or start empty with --reset`);
    }
    if (snapshot?.format !== FORMAT || snapshot.version !== FORMAT_VERSION || typeof snapshot.databases !== 'object') {
      throw new SnapshotError(`${this.path} is not a version ${FORMAT_VERSION} ${FORMAT} file`);
    }
    let documents = 0;
    for (const [db, collections] of Object.entries(snapshot.databases)) {
      for (const [collection, { docs, indexes }] of Object.entries(collections)) {
        await this.#storage.createCollection(db, collection);
        for (const doc of docs) await this.#storage.insertOne(db, collection, doc);
        for (const { name, ...spec } of indexes) if (name !== '_id_') await this.#storage.saveIndex(db, collection, name, spec);
        documents += docs.length;
      }
    }
    this.#written = this.#generation;
    return { documents };
  }

  start(intervalMs) {
    this.#timer = setInterval(() => void this.#snapshot().catch((error) => console.error(`embedded-mongo: snapshot failed: ${error.message}`)), intervalMs);
  }

  /** Stops the timer and writes what changed since the last snapshot (call once nothing writes any more). */
  async flush() {
    clearInterval(this.#timer);
    await this.#snapshot();
  }

  /** One snapshot when the data changed; never two writes at once. */
  #snapshot() {
    this.#writing = this.#writing.then(() => {
      if (this.#generation === this.#written) return undefined;
      const generation = this.#generation;
      const text = this.#serialise();
      this.#write(text);
      this.#written = generation;
      return undefined;
    });
    return this.#writing;
  }

  /** Synchronous: the snapshot is one instant of the store. */
  #serialise() {
    const databases = {};
    for (const [db, collections] of this.#storage.databases) {
      databases[db] = {};
      for (const [collection, docs] of collections) {
        databases[db][collection] = { docs: [...docs.values()], indexes: this.#storage.indexes.get(db)?.get(collection) ?? [] };
      }
    }
    return this.#bson.EJSON.stringify({ format: FORMAT, version: FORMAT_VERSION, writtenAt: new Date(), databases }, { relaxed: false });
  }

  /** Temp file, fsync, rename over the previous snapshot, fsync the directory. */
  #write(text) {
    const temp = `${this.path}.tmp-${process.pid}`;
    const fd = openSync(temp, 'w');
    try {
      writeSync(fd, text);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, this.path);
    fsyncDir(this.#dir);
  }
}
