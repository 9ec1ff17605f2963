import { describe, expect, it } from 'vitest';
import { parseCqMessage } from '../../../bots/onebot/parseCqMessage.ts';

describe('parseCqMessage', () => {
  it('splits text and CQ codes and undoes the escapes', () => {
    expect(parseCqMessage('[CQ:at,qq=10001] /绑定 张三 1234 &#91;注&#93; A&amp;B[CQ:image,file=abc.jpg,url=https://x.test/a?b=1&amp;c=2&#44;3]')).toEqual([
      { type: 'at', data: { qq: '10001' } },
      { type: 'text', data: { text: ' /绑定 张三 1234 [注] A&B' } },
      { type: 'image', data: { file: 'abc.jpg', url: 'https://x.test/a?b=1&c=2,3' } },
    ]);
  });

  it('keeps plain text as one segment and codes without parameters', () => {
    expect(parseCqMessage('你好')).toEqual([{ type: 'text', data: { text: '你好' } }]);
    expect(parseCqMessage('[CQ:shake]')).toEqual([{ type: 'shake', data: {} }]);
  });
});
