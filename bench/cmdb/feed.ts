/**
 * Bulk reconciliation of bench:cmdb: the CMDB's write side built by hand as CmdbModule wires it
 * (repositories on their models, data model service, identity service, index service, relationship
 * and reconciliation handlers; no outbox relay: events stay in the outbox, publishing is the
 * relay's separate job), and the discovery payloads fed through ReportDiscoveredCiHandler.
 */
import { cmdbTopic, TopicRegistry } from '@itsm/contracts';
import type { TopicDefinition } from '@itsm/contracts';
import {
  DataModelRepository,
  CiRepository,
  ciSchema,
  CmdbDataModelService,
  CmdbIndexService,
  AddRelationshipHandler,
  CiMergeService,
  IdentityClaimRepository,
  IdentityService,
  RelationshipRepository,
  relationshipSchema,
  ReportDiscoveredCiHandler,
  SaveDiscoverySourceCommand,
  SaveDiscoverySourceHandler,
} from '@itsm/cmdb';
import type { AttributeValue, CiDocument, Discovery, RelationshipDocument } from '@itsm/cmdb';
import { SystemClock } from '@itsm/platform/config';
import { InProcessEventBus } from '@itsm/platform/messaging';
import { connectContext } from '@itsm/platform/persistence';
import type { MongoSettings, StoredDocument } from '@itsm/platform/persistence';
import type { Connection, Model } from 'mongoose';
import type { Logger } from 'pino';

/** One CMDB replica's write side and index, on its own connection. */
export interface Replica {
  readonly connection: Connection;
  readonly dataModel: CmdbDataModelService;
  readonly identity: IdentityService;
  readonly index: CmdbIndexService;
  readonly reportDiscoveredCi: ReportDiscoveredCiHandler;
  readonly saveSource: SaveDiscoverySourceHandler;
  close(): Promise<void>;
}

const noop = (): void => undefined;

export async function startReplica(mongo: MongoSettings, logger: Logger, instanceId: string): Promise<Replica> {
  const connection = await connectContext(mongo, 'cmdb');
  const cis = new CiRepository(connection.model('ConfigurationItem', ciSchema) as unknown as Model<StoredDocument<CiDocument>>, noop);
  const relationships = new RelationshipRepository(connection.model('CmdbRelationship', relationshipSchema) as unknown as Model<StoredDocument<RelationshipDocument>>, noop);
  const clock = new SystemClock();
  const dataModel = new CmdbDataModelService(new DataModelRepository(connection), clock);
  const identity = new IdentityService(new IdentityClaimRepository(connection), cis, clock);
  // The index service subscribes to the bus only in start(), which a write-only replica does not call.
  const bus = new InProcessEventBus(new TopicRegistry<readonly TopicDefinition[]>([cmdbTopic]));
  const index = new CmdbIndexService(dataModel, cis, relationships, bus, { instanceId, impactMaxDepth: 25 }, logger);
  const addRelationship = new AddRelationshipHandler(cis, relationships, dataModel, index, clock);
  const reportDiscoveredCi = new ReportDiscoveredCiHandler(cis, dataModel, identity, new CiMergeService(cis, dataModel, identity, index), addRelationship, index);
  await dataModel.seedCore();
  await dataModel.refresh();
  return {
    connection,
    dataModel,
    identity,
    index,
    reportDiscoveredCi,
    saveSource: new SaveDiscoverySourceHandler(dataModel),
    close: async () => {
      await bus.close().catch(() => undefined);
      await connection.close();
    },
  };
}

/** The discovery sources of the feed: an SCCM-like inventory that creates, a network scanner that owns IP addresses and only updates. */
export const FEED_SOURCES = [
  { id: 'sccm', label: 'Microsoft SCCM (bench)', precedence: 60, attributePrecedence: {}, mayCreate: true },
  { id: 'network-scanner', label: 'Network scanner (bench)', precedence: 40, attributePrecedence: { ip_address: 90 }, mayCreate: false },
] as const;

export async function ensureSources(replica: Replica): Promise<void> {
  for (const source of FEED_SOURCES) {
    if (replica.dataModel.current().findSource(source.id) === undefined) await replica.saveSource.execute(new SaveDiscoverySourceCommand({ ...source, attributePrecedence: { ...source.attributePrecedence } }, 0, 'bench'));
  }
}

const pad = (n: number, width: number): string => String(n).padStart(width, '0');
const address = (first: number, n: number): string => `${first}.${16 + ((n >>> 16) & 15)}.${(n >>> 8) & 255}.${n & 255}`;
const OS = ['Red Hat Enterprise Linux 9.4', 'Ubuntu 22.04 LTS', 'Windows Server 2022', 'Debian 12'];

/** The i-th new CI of a feed: even ones servers (serial number + name), odd ones VMs (vm_uuid + name). */
export function discovery(prefix: string, i: number, at: string): Discovery {
  const server = i % 2 === 0;
  const attributes: Record<string, AttributeValue> = server
    ? { name: `${prefix}-srv-${pad(i, 7)}`, serial_number: `${prefix.toUpperCase()}-SN-${pad(i, 8)}`, os: OS[i % OS.length] as string, ip_address: address(172, i), cpu_count: 16 << i % 3, memory_gb: 64 << i % 4, environment: 'production' }
    : { name: `${prefix}-vm-${pad(i, 7)}`, vm_uuid: `${prefix}-4210-${pad(i, 10)}`, os: OS[i % OS.length] as string, ip_address: address(172, i), cpu_count: 2 << i % 3, memory_gb: 8 << i % 3, environment: 'production' };
  return { source: 'sccm', classId: server ? 'server' : 'virtual_machine', attributes, relationships: [], by: 'sccm-bench', at };
}

/** The network scanner's report of the i-th CI: its identifying attribute and a new IP address (an update). */
export function rescan(prefix: string, i: number, at: string): Discovery {
  const server = i % 2 === 0;
  const ip_address = address(10, i + 7);
  const attributes: Record<string, AttributeValue> = server ? { serial_number: `${prefix.toUpperCase()}-SN-${pad(i, 8)}`, ip_address } : { vm_uuid: `${prefix}-4210-${pad(i, 10)}`, ip_address };
  return { source: 'network-scanner', classId: server ? 'server' : 'virtual_machine', attributes, relationships: [], by: 'scanner-bench', at };
}

/** A bounded closed loop: `total` operations, at most `concurrency` in flight; errors go to `onError`. */
export async function closedLoop(total: number, concurrency: number, op: (i: number) => Promise<void>, onError: (error: unknown) => void): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < total) {
      const i = next++;
      try {
        await op(i);
      } catch (error: unknown) {
        onError(error);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, total) }, worker));
}
