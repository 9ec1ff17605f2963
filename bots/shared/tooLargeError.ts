import { UserError } from '../../src/core/errors/UserError.ts';
import { sizeText } from '../../src/core/text/sizeText.ts';

/**
 * The answer to a picture or file over the limit, the same on every platform. The limit is shown as it is set
 * (「64 KB」, 「1.5 MB」): rounding it down to whole megabytes once told people their file was over 「0 MB」.
 */
export function tooLargeError(what: 'picture' | 'file', maxBytes: number, fileName?: string): UserError {
  if (what === 'picture') return new UserError(`图片超过 ${sizeText(maxBytes)}，无法保存，请压缩后重新发送。`);
  return new UserError(`文件${fileName ? `「${fileName}」` : ''}超过 ${sizeText(maxBytes)}，无法接收。请删去不需要的内容或分成几个文件后重新发送。`);
}
