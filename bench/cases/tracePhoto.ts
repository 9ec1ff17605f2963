import { summarise, type BenchCase } from '../BenchCase.ts';
import { startTestService } from '../../test/support/startTestService.ts';
import { makePng } from '../../test/support/makeImages.ts';

/** A liaison posts a distinct ~300 KB picture in the branch group: hash, type check, file write, rows, reply. */
const tracePhoto: BenchCase = {
  name: 'trace-photo',
  async run() {
    const service = await startTestService();
    try {
      const durations: number[] = [];
      for (let i = 0; i < 40; i++) {
        const image = makePng({ width: 320, height: 320, seed: 1000 + i, noise: true }).toString('base64');
        const started = performance.now();
        const replies = await service.say('sb-group-dongwan', 'sb-dw-liaison', '', { imageBase64: image, fileName: `p${i}.png` });
        const elapsed = performance.now() - started;
        if (!replies[0]?.text.includes('已存为')) throw new Error(`unexpected reply: ${replies[0]?.text}`);
        if (i >= 5) durations.push(elapsed); // the first few warm the queues and the database up
      }
      return summarise('photo posted → stored → confirmed (300 KB PNG)', durations);
    } finally {
      await service.stop();
    }
  },
};

export default tracePhoto;
