import type { Logger } from 'pino';

/**
 * A stray rejected promise must not take the web side and the workers down together (Node exits on an
 * unhandled rejection by default): it is logged with its stack and the service keeps serving. An uncaught
 * exception leaves the process in an unknown state: it is logged, then the process exits non-zero so the
 * supervisor (Docker, systemd) restarts it; it never exits silently.
 */
export function watchProcessFaults(target: Pick<NodeJS.Process, 'on'>, log: Logger, exit: (code: number) => void = (code) => process.exit(code)): void {
  target.on('unhandledRejection', (reason) => {
    log.error({ err: reason }, 'unhandled promise rejection (a bug: please report it); the service keeps running');
  });
  target.on('uncaughtException', (error) => {
    log.fatal({ err: error }, 'uncaught exception; exiting so the supervisor restarts the service');
    exit(1);
  });
}
