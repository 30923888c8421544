/** A process entry point for config-exit.int-spec.ts: exits 78 when KAFKA_BROKERS is missing. */
import { Type } from '@sinclair/typebox';
import { CommaList } from '../lib/env-schema';
import { loadConfigOrExit } from '../lib/load-config-or-exit';

const config = loadConfigOrExit(Type.Object({ KAFKA_BROKERS: CommaList(Type.String()) }));
process.stdout.write(`brokers=${config.KAFKA_BROKERS.join(',')}\n`);
