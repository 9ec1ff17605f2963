import type { TestService } from '../support/startTestService.ts';

/**
 * Waits until the inbound and outbound queues have nothing waiting, running or delayed: every answer to the
 * message just sent (all pieces of a split one included) has then reached the platform.
 */
export async function waitForQuietQueues(service: TestService, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const [inbound, outbound] = await Promise.all([
      service.queues.inbound.getJobCounts('waiting', 'active', 'delayed', 'prioritized'),
      service.queues.outbound.getJobCounts('waiting', 'active', 'delayed', 'prioritized'),
    ]);
    if ([...Object.values(inbound), ...Object.values(outbound)].every((n) => n === 0)) return;
    if (Date.now() > deadline) throw new Error(`queues did not go quiet: inbound ${JSON.stringify(inbound)}, outbound ${JSON.stringify(outbound)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
