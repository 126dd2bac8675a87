import {
  type Audio,
  type Document,
  type Image,
  type Video,
  ActionButtons,
  ActionList,
  Body,
  BodyComponent,
  BodyParameter,
  Button,
  Interactive,
  Language,
  ListSection,
  Row,
  Template,
  Text,
} from 'whatsapp-api-js/messages';
import type { Choice, OutboundPayload } from '../../domain/outbound-message.ts';
import { InvalidRequestError } from '../channel-errors.ts';

/**
 * Limits of the Cloud API, counted in UTF-16 units as whatsapp-api-js counts them (never more
 * than Meta's characters, so a message that passes here passes there).
 * https://developers.facebook.com/docs/whatsapp/cloud-api/messages/interactive-reply-buttons-messages
 * https://developers.facebook.com/docs/whatsapp/cloud-api/messages/interactive-list-messages
 */
const WHATSAPP_TEXT_MAX_CHARS = 4096;
const INTERACTIVE_BODY_MAX_CHARS = 1024;
const REPLY_BUTTONS_MAX = 3;
const REPLY_BUTTON_TITLE_MAX_CHARS = 20;
const LIST_ROWS_MAX = 10;
const LIST_ROW_TITLE_MAX_CHARS = 24;

/** The label of the button that opens a list, when the payload gives none in the person's language. */
const LIST_BUTTON_LABEL = '☰';

/** The type-specific part of a /messages request: `{ type, [type]: … }`. */
export type RenderedMessage =
  | { type: 'text'; text: Text }
  | { type: 'interactive'; interactive: Interactive }
  | { type: 'template'; template: Template }
  /** A file already uploaded (see send-media.ts), referred to by its media id. */
  | { type: 'image'; image: Image }
  | { type: 'audio'; audio: Audio }
  | { type: 'video'; video: Video }
  | { type: 'document'; document: Document };

/**
 * Renders a channel-neutral payload in WhatsApp's idiom: reply buttons for up to 3 short
 * choices, a list for up to 10, numbered text beyond (the conversation accepts the number).
 * Text over 4096 characters is refused rather than split: a split message that fails halfway
 * would be sent again from the start, and the same limit holds on Telegram, so content that
 * long is a mistake to catch when the programme is written. Files go their own way (send-media.ts).
 */
export function renderMessage(payload: Exclude<OutboundPayload, { kind: 'media' }>): RenderedMessage {
  switch (payload.kind) {
    case 'text':
    case 'media-request':
      return text(payload.text);
    case 'choices':
      return renderChoices(payload.text, payload.choices, payload.menuLabel);
    case 'template':
      return renderTemplate(payload.name, payload.language, payload.parameters);
  }
}

/** A text message, refused when empty or over WhatsApp's limit. */
export function text(body: string): RenderedMessage {
  if (body.length === 0) throw new InvalidRequestError('WhatsApp cannot send an empty text message');
  if (body.length > WHATSAPP_TEXT_MAX_CHARS) {
    throw new InvalidRequestError(
      `text of ${body.length} characters is over WhatsApp's ${WHATSAPP_TEXT_MAX_CHARS}; shorten it`,
    );
  }
  return { type: 'text', text: new Text(body) };
}

function renderChoices(body: string, choices: Choice[], menuLabel = LIST_BUTTON_LABEL): RenderedMessage {
  if (choices.length === 0) return text(body);
  const interactiveBody = body.length > 0 && body.length <= INTERACTIVE_BODY_MAX_CHARS;
  // Meta refuses two buttons with the same id or title, and two rows with the same id.
  const distinct = unique(choices.map((c) => c.id)) && unique(choices.map((c) => c.label));
  const fits = (max: number) => choices.every((c) => c.label.trim().length > 0 && c.label.length <= max);
  if (interactiveBody && distinct) {
    if (choices.length <= REPLY_BUTTONS_MAX && fits(REPLY_BUTTON_TITLE_MAX_CHARS)) {
      const buttons = choices.map((c) => new Button(c.id, c.label));
      return {
        type: 'interactive',
        interactive: new Interactive(new ActionButtons(...(buttons as [Button, ...Button[]])), new Body(body)),
      };
    }
    if (choices.length <= LIST_ROWS_MAX && fits(LIST_ROW_TITLE_MAX_CHARS)) {
      const rows = choices.map((c) => new Row(c.id, c.label));
      const list = new ActionList(menuLabel.slice(0, 20), new ListSection(undefined, ...(rows as [Row, ...Row[]])));
      return { type: 'interactive', interactive: new Interactive(list, new Body(body)) };
    }
  }
  const numbered = choices.map((c, i) => `${i + 1}. ${c.label}`).join('\n');
  return text(body.length > 0 ? `${body}\n\n${numbered}` : numbered);
}

/**
 * Meta refuses template parameters holding new lines, tabs or more than 4 spaces in a row, so
 * new lines and tabs become a space and longer runs of spaces are cut to 4.
 * https://developers.facebook.com/docs/whatsapp/cloud-api/guides/send-message-templates
 */
function renderTemplate(name: string, language: string, parameters: string[]): RenderedMessage {
  // Meta's language codes use an underscore (en_US), BCP 47 tags a hyphen (en-US).
  const code = language.replaceAll('-', '_');
  const [first, ...rest] = parameters.map(
    (p) => new BodyParameter(p.replace(/[\t\r\n]+/g, ' ').replace(/ {5,}/g, '    ')),
  );
  const components = first ? [new BodyComponent(first, ...rest)] : [];
  return { type: 'template', template: new Template(name, new Language(code), ...components) };
}

function unique(values: string[]): boolean {
  return new Set(values).size === values.length;
}
