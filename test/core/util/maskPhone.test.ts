import { describe, expect, it } from 'vitest';
import { maskPhone, maskPhonesInText } from '../../../src/core/util/maskPhone.ts';

describe('maskPhone', () => {
  it('keeps the first three and last four digits', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskPhone('+86 138-1234-5678')).toBe('138****5678');
    expect(maskPhone('12345')).toBe('****');
    expect(maskPhone(null)).toBe('');
  });
});

describe('maskPhonesInText', () => {
  it.each([
    ['/绑定 张三 13812345678', '/绑定 张三 138****5678'],
    ['电话13812345678，备用15900001111', '电话138****5678，备用159****1111'],
    ['+8613812345678', '138****5678'],
    ['138 1234 5678', '138****5678'],
    ['138-1234-5678 找我', '138****5678 找我'],
  ])('masks %s', (input, masked) => {
    expect(maskPhonesInText(input)).toBe(masked);
  });

  it.each(['/绑定 张三 5678', '订单号 123456789012345', '编号 23812345678', '2026年11月22日 开会 30 人'])('leaves %s alone', (input) => {
    expect(maskPhonesInText(input)).toBe(input);
  });
});
