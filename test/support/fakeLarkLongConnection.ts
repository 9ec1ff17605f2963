import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';

/**
 * The long-connection side of the fake Feishu: a bare RFC 6455 endpoint speaking Feishu's protobuf frames
 * (pbbp2.Frame: SeqID, LogID, service, method, headers, payload), enough for the SDK's WSClient.
 */
export interface WsFrame {
  seqId: number;
  logId: number;
  service: number;
  method: number;
  headers: Record<string, string>;
  payload?: Buffer;
}

export class FakeLarkLongConnection {
  connections = 0;
  /** While true, pings get no pong: the socket looks half-open to the client. */
  silent = false;
  private socket: Duplex | null = null;
  private pending = new Map<string, (frame: WsFrame) => void>();
  private buffer = Buffer.alloc(0);
  readonly pings: number[] = [];

  handleUpgrade(req: IncomingMessage, socket: Duplex): void {
    const key = req.headers['sec-websocket-key'];
    const accept = createHash('sha1').update(`${key}258EAFA5-E914-47DA-95CA-C5AB0DC85B11`).digest('base64');
    socket.write(`HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`);
    this.socket?.destroy();
    this.socket = socket;
    this.buffer = Buffer.alloc(0);
    this.connections++;
    socket.on('error', () => undefined);
    socket.on('data', (chunk: Buffer) => {
      if (socket !== this.socket) return;
      this.buffer = Buffer.concat([this.buffer, chunk]);
      this.drain();
    });
  }

  close(): void {
    this.socket?.destroy();
    this.socket = null;
  }

  /** Pushes an event (the plain v2 JSON, as Feishu sends it over the long connection) and awaits the client's answer. */
  pushEvent(event: unknown, messageId: string): Promise<WsFrame> {
    const answer = new Promise<WsFrame>((resolve) => this.pending.set(messageId, resolve));
    this.send({
      seqId: 1,
      logId: 1,
      service: 7,
      method: 1,
      headers: { type: 'event', message_id: messageId, sum: '1', seq: '0', trace_id: `trace-${messageId}` },
      payload: Buffer.from(JSON.stringify(event)),
    });
    return answer;
  }

  private send(frame: WsFrame): void {
    const data = encodeFrame(frame);
    const header =
      data.length < 126
        ? Buffer.from([0x82, data.length])
        : data.length < 65536
          ? Buffer.from([0x82, 126, data.length >> 8, data.length & 0xff])
          : (() => {
              const b = Buffer.alloc(10);
              b[0] = 0x82;
              b[1] = 127;
              b.writeBigUInt64BE(BigInt(data.length), 2);
              return b;
            })();
    this.socket?.write(Buffer.concat([header, data]));
  }

  private drain(): void {
    for (;;) {
      const b = this.buffer;
      if (b.length < 2) return;
      const opcode = b[0]! & 0x0f;
      let length = b[1]! & 0x7f;
      let offset = 2;
      if (length === 126) {
        if (b.length < 4) return;
        length = b.readUInt16BE(2);
        offset = 4;
      } else if (length === 127) {
        if (b.length < 10) return;
        length = Number(b.readBigUInt64BE(2));
        offset = 10;
      }
      const masked = (b[1]! & 0x80) !== 0;
      const maskOffset = offset;
      if (masked) offset += 4;
      if (b.length < offset + length) return;
      const payload = Buffer.from(b.subarray(offset, offset + length));
      if (masked) for (let i = 0; i < payload.length; i++) payload[i] = payload[i]! ^ b[maskOffset + (i % 4)]!;
      this.buffer = b.subarray(offset + length);
      if (opcode === 0x8) {
        this.socket?.end();
        return;
      }
      if (opcode === 0x2) this.onFrame(decodeFrame(payload));
    }
  }

  private onFrame(frame: WsFrame): void {
    if (frame.method === 0 && frame.headers.type === 'ping') {
      this.pings.push(Date.now());
      if (this.silent) return;
      this.send({
        seqId: 0,
        logId: 0,
        service: frame.service,
        method: 0,
        headers: { type: 'pong' },
        payload: Buffer.from(JSON.stringify({ PingInterval: 1, ReconnectCount: -1, ReconnectInterval: 1, ReconnectNonce: 0 })),
      });
      return;
    }
    const id = frame.headers.message_id;
    if (frame.method === 1 && id) {
      this.pending.get(id)?.(frame);
      this.pending.delete(id);
    }
  }
}

function varint(n: number): Buffer {
  const bytes: number[] = [];
  let v = BigInt(n);
  do {
    let byte = Number(v & 0x7fn);
    v >>= 7n;
    if (v > 0n) byte |= 0x80;
    bytes.push(byte);
  } while (v > 0n);
  return Buffer.from(bytes);
}

function field(number: number, wire: 0 | 2, value: number | Buffer): Buffer {
  const tag = varint((number << 3) | wire);
  if (wire === 0) return Buffer.concat([tag, varint(value as number)]);
  const bytes = value as Buffer;
  return Buffer.concat([tag, varint(bytes.length), bytes]);
}

export function encodeFrame(frame: WsFrame): Buffer {
  const parts = [field(1, 0, frame.seqId), field(2, 0, frame.logId), field(3, 0, frame.service), field(4, 0, frame.method)];
  for (const [key, value] of Object.entries(frame.headers)) {
    parts.push(field(5, 2, Buffer.concat([field(1, 2, Buffer.from(key)), field(2, 2, Buffer.from(value))])));
  }
  if (frame.payload) parts.push(field(8, 2, frame.payload));
  return Buffer.concat(parts);
}

function readFields(buffer: Buffer): { number: number; value: number | Buffer }[] {
  const out: { number: number; value: number | Buffer }[] = [];
  let i = 0;
  const readVarint = () => {
    let result = 0n;
    let shift = 0n;
    for (;;) {
      const byte = buffer[i++]!;
      result |= BigInt(byte & 0x7f) << shift;
      if ((byte & 0x80) === 0) return Number(result);
      shift += 7n;
    }
  };
  while (i < buffer.length) {
    const tag = readVarint();
    const number = tag >> 3;
    const wire = tag & 7;
    if (wire === 0) out.push({ number, value: readVarint() });
    else if (wire === 2) {
      const length = readVarint();
      out.push({ number, value: buffer.subarray(i, i + length) });
      i += length;
    } else throw new Error(`unexpected wire type ${wire}`);
  }
  return out;
}

export function decodeFrame(buffer: Buffer): WsFrame {
  const frame: WsFrame = { seqId: 0, logId: 0, service: 0, method: 0, headers: {} };
  for (const { number, value } of readFields(buffer)) {
    if (number === 1) frame.seqId = value as number;
    else if (number === 2) frame.logId = value as number;
    else if (number === 3) frame.service = value as number;
    else if (number === 4) frame.method = value as number;
    else if (number === 5) {
      const header = readFields(value as Buffer);
      const key = (header.find((h) => h.number === 1)?.value as Buffer | undefined)?.toString('utf8') ?? '';
      const val = (header.find((h) => h.number === 2)?.value as Buffer | undefined)?.toString('utf8') ?? '';
      frame.headers[key] = val;
    } else if (number === 8) frame.payload = Buffer.from(value as Buffer);
  }
  return frame;
}
