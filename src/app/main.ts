import { startService } from './startService.ts';
import { ConfigError } from '../core/config/loadConfig.ts';
import { RedisUnavailableError } from '../core/redis/createRedis.ts';
import { watchProcessFaults } from './watchProcessFaults.ts';

// Whatever the service or its libraries write (photos, exports, the embedded database, WeChat session files) is
// not readable by other users of the machine: at most 0640 for files, 0750 for folders.
process.umask(0o027);

try {
  const service = await startService();
  watchProcessFaults(process, service.log);
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    service.log.info({ signal }, 'shutting down: finishing jobs in hand');
    const force = setTimeout(() => process.exit(1), 25_000);
    force.unref();
    await service.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
} catch (error) {
  if (error instanceof ConfigError || error instanceof RedisUnavailableError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}
