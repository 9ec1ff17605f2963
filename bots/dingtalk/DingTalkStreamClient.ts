import { DWClient } from 'dingtalk-stream';

export interface DingTalkStreamClientOptions {
  clientId: string;
  clientSecret: string;
  /** The gateway's connection-open URL: https://api.dingtalk.com/v1.0/gateway/connections/open, or a local fake. */
  gatewayUrl: string;
  timeoutMs: number;
}

/** The SDK's private fields this subclass touches (dingtalk-stream 2.1.5, pinned in package.json). */
interface DWClientInternals {
  dw_url?: string;
  heartbeatIntervallId?: NodeJS.Timeout;
}

/**
 * The official DWClient with one step replaced: discovery. In dingtalk-stream 2.1.5 the gateway URL is a constant
 * (GATEWAY_URL) and `endpoint` is the gateway's answer, not an input, so `getEndpoint()` asks the configured gateway
 * the same question the SDK asks (POST {clientId, clientSecret, ua, subscriptions} → {endpoint, ticket}). The
 * socket, frames, acknowledgements, keep-alive and reconnects stay the SDK's own.
 */
export class DingTalkStreamClient extends DWClient {
  private stopped = false;

  constructor(private readonly streamOptions: DingTalkStreamClientOptions) {
    // keepAlive: the SDK pings every 8 s and drops a socket that did not answer, then reconnects (half-open sockets go silent).
    super({ clientId: streamOptions.clientId, clientSecret: streamOptions.clientSecret, keepAlive: true, ua: 'zhibu' });
  }

  override async getEndpoint(): Promise<this> {
    const response = await fetch(this.streamOptions.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({
        clientId: this.config.clientId,
        clientSecret: this.config.clientSecret,
        ua: this.config.ua,
        subscriptions: this.config.subscriptions,
      }),
      signal: AbortSignal.timeout(this.streamOptions.timeoutMs),
    });
    if (!response.ok) throw new Error(`Stream gateway answered HTTP ${response.status}`);
    const answer = (await response.json()) as { endpoint?: unknown; ticket?: unknown };
    if (typeof answer.endpoint !== 'string' || typeof answer.ticket !== 'string' || !answer.endpoint || !answer.ticket) {
      throw new Error('endpoint or ticket is null');
    }
    (this as unknown as DWClientInternals).dw_url = `${answer.endpoint}?ticket=${encodeURIComponent(answer.ticket)}`;
    return this;
  }

  /**
   * The SDK starts a new keep-alive timer on every open without stopping the previous one; after a reconnect the
   * old timer would find the new socket "not alive" between its own ping and the pong and terminate it. Stopping
   * the old timer before each (re)connect keeps one timer per socket.
   */
  override async connect(): Promise<void> {
    this.stopHeartbeat();
    // A reconnect the SDK scheduled before disconnect() would otherwise open a new socket afterwards.
    if (this.stopped) return;
    return super.connect();
  }

  override disconnect(): void {
    this.stopped = true;
    this.stopHeartbeat();
    super.disconnect();
  }

  private stopHeartbeat(): void {
    const internals = this as unknown as DWClientInternals;
    if (internals.heartbeatIntervallId !== undefined) clearInterval(internals.heartbeatIntervallId);
    internals.heartbeatIntervallId = undefined;
  }
}
