import { EventEmitter } from 'node:events';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/core/log/logger.ts';
import { watchProcessFaults } from '../../src/app/watchProcessFaults.ts';

function capture() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  return { lines, log: createLogger('info', stream) };
}

describe('watchProcessFaults', () => {
  it('logs an unhandled rejection with its reason and keeps the process running', () => {
    const target = new EventEmitter();
    const { lines, log } = capture();
    const exits: number[] = [];
    watchProcessFaults(target as unknown as NodeJS.Process, log, (code) => exits.push(code));
    target.emit('unhandledRejection', new Error('job x did not finish'), Promise.resolve());
    expect(exits).toEqual([]);
    expect(lines).toHaveLength(1);
    expect(lines[0]!.level).toBe(50);
    expect(JSON.stringify(lines[0])).toContain('job x did not finish');
  });

  it('logs an uncaught exception, then exits non-zero (never silently)', () => {
    const target = new EventEmitter();
    const { lines, log } = capture();
    const exits: number[] = [];
    watchProcessFaults(target as unknown as NodeJS.Process, log, (code) => exits.push(code));
    target.emit('uncaughtException', new Error('boom'));
    expect(exits).toEqual([1]);
    expect(lines[0]!.level).toBe(60);
    expect(JSON.stringify(lines[0])).toContain('boom');
  });
});
