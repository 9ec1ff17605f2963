/**
 * What the bot says, independent of platform. Commands and jobs return views; `cards/render/*` turn a
 * view into a Feishu card (JSON 2.0), plain chat text (WeChat, QQ, sandbox) or a picture.
 */
import type { PosterModel } from './pictures/posterModel.ts';
import type { ChartsModel } from './pictures/chartsModel.ts';

export type Tone = 'info' | 'success' | 'warning' | 'error';

export interface ViewButton {
  label: string;
  /** The command text the button runs, through the same parser and permission check as typed text. */
  command: string;
  style?: 'primary' | 'danger' | 'default';
}

export interface ViewTable {
  columns: string[];
  rows: string[][];
}

/** A titled block of lines (a digest's parts, a board's star levels). */
export interface ViewSection {
  heading: string;
  lines: string[];
}

/**
 * A picture drawn where the message is shown (cards/render/renderPicture.ts): the data travels, not the bytes,
 * so a county's worth of boards does not fill the queue with images.
 */
export type ViewPicture = { kind: 'poster'; poster: PosterModel } | { kind: 'charts'; charts: ChartsModel };

export interface MessageView {
  /** Which kind of message this is: picks the card layout and is logged. */
  kind: string;
  title: string;
  tone: Tone;
  /** Paragraphs, each one short line in chat. */
  lines?: string[];
  fields?: { label: string; value: string }[];
  table?: ViewTable;
  /** Titled blocks after the lines and fields; each renders as a heading and its lines. */
  sections?: ViewSection[];
  buttons?: ViewButton[];
  /** Small print at the end (a usage line, a reference id). */
  note?: string;
  /** A poster or charts picture: a card with the image on Feishu, the image after the text on WeChat and QQ. */
  picture?: ViewPicture;
  /** A file to deliver with the message (moved to OutboundMessage.file on the way out). */
  file?: { fileName: string; base64: string };
}
