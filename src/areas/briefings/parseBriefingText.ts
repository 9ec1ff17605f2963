import { UserError } from '../../core/errors/UserError.ts';

export const TITLE_MAX = 60;
export const BODY_MAX = 5000;

export interface BriefingText {
  title: string;
  body: string;
}

/** `<标题>` on the first line, the text on the lines after it. */
export function parseBriefingText(rest: string, what: string, usage: string): BriefingText {
  const text = rest.replace(/\r\n?/g, '\n').trim();
  if (!text) throw new UserError(`请写上${what}的标题，正文另起一行。`, usage);
  const newline = text.indexOf('\n');
  const title = (newline < 0 ? text : text.slice(0, newline)).trim();
  const body = newline < 0 ? '' : text.slice(newline + 1).trim();
  if (!title) throw new UserError(`${what}的标题不能为空，请写在指令后面的第一行。`, usage);
  if (title.length > TITLE_MAX) {
    throw new UserError(`${what}的标题太长了（最多 ${TITLE_MAX} 字，现在 ${title.length} 字）。标题写在第一行，正文请另起一行。`, usage);
  }
  if (!body) throw new UserError(`${what}没有正文。请在标题下面另起一行写正文。`, usage);
  if (body.length > BODY_MAX) {
    throw new UserError(`${what}正文太长了（最多 ${BODY_MAX} 字，现在 ${body.length} 字），请精简后再发。`, usage);
  }
  return { title, body };
}
