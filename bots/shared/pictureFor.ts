import type { Logger } from 'pino';
import type { OutboundMessage } from '../../src/engine/chat/OutboundMessage.ts';
import { wantsPicture } from '../../cards/render/wantsPicture.ts';

/**
 * The picture to send with a text message on WeChat and QQ: the one the sender attached, or a rendered PNG of
 * the view's own picture (a 公示栏 poster, digest charts), or a PNG of the view when it is a board or digest (a
 * table of several rows) that reads better as a picture. The canvas, fonts and charts load on the first picture.
 */
export async function pictureFor(message: OutboundMessage, log: Logger): Promise<string | undefined> {
  if (message.imageBase64) return message.imageBase64;
  if (!message.view.picture && !wantsPicture(message.view)) return undefined;
  try {
    const [{ renderPicture }, { renderPng }] = await Promise.all([import('../../cards/render/renderPicture.ts'), import('../../cards/render/renderPng.ts')]);
    return (renderPicture(message.view) ?? renderPng(message.view).png).toString('base64');
  } catch (error) {
    // The text already carries everything; a missing picture is not worth failing the delivery.
    log.warn({ err: error, kind: message.view.kind }, 'could not render the picture; sending text only');
    return undefined;
  }
}
