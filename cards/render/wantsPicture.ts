import type { MessageView } from '../MessageView.ts';

/** Whether a view is better sent with a picture: a board or digest with a table of several rows. */
export function wantsPicture(view: MessageView, minRows = 5): boolean {
  return Boolean(view.table && view.table.rows.length >= minRows);
}
