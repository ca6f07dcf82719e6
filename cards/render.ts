// Expands an Adaptive Card JSON template (cards/*.json) with its typed data, using
// adaptivecards-templating, and wraps it as a Bot Framework attachment.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as ACData from 'adaptivecards-templating';
import type { Attachment } from 'botbuilder';

const here = dirname(fileURLToPath(import.meta.url));
/**
 * Each card's template, parsed once. `new Template()` parses every `${…}` expression with
 * adaptive-expressions' ANTLR parser, which cost more than the rest of a render; a Template
 * may be expanded again and again: expand() is synchronous, starts from a fresh evaluation
 * context each time and never hands out or changes the parsed payload.
 */
const templates = new Map<string, ACData.Template>();

export const ADAPTIVE_CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';

export interface AdaptiveCard {
  type: 'AdaptiveCard';
  version: string;
  body: unknown[];
  actions?: unknown[];
  [key: string]: unknown;
}

function template(name: string): ACData.Template {
  let t = templates.get(name);
  if (!t) {
    t = new ACData.Template(JSON.parse(readFileSync(join(here, `${name}.json`), 'utf8')) as object);
    templates.set(name, t);
  }
  return t;
}

/** Expands template `name` with `data` (available in the template as `${...}` on $root). */
export function expandCard<T extends object>(name: string, data: T): AdaptiveCard {
  return template(name).expand({ $root: data }) as AdaptiveCard;
}

export function asAttachment(card: AdaptiveCard): Attachment {
  return { contentType: ADAPTIVE_CARD_CONTENT_TYPE, content: card };
}
