// Action.Execute (Universal Actions) routing: one handler per verb, each with a zod
// schema for its data, because card data comes back from the client and can be forged.
import type { AdaptiveCardInvokeResponse } from 'botbuilder';
import { z } from 'zod';
import type { AdaptiveCard } from '../cards/render';
import type { Turn } from './turn';

export const invokeValueSchema = z.object({
  action: z.object({
    type: z.literal('Action.Execute'),
    verb: z.string().min(1).max(100),
    data: z.record(z.string(), z.unknown()).optional().default({}),
  }),
  trigger: z.string().optional(),
});

export interface VerbHandler<S extends z.ZodType = z.ZodType> {
  verb: string;
  data: S;
  /** Its card shows confidential content (offers, prices, files): in a shared conversation it goes to the requester privately (R4). */
  confidential?: boolean;
  handle(turn: Turn, data: z.infer<S>): Promise<AdaptiveCardInvokeResponse>;
}

/** Keeps each handler's data type tied to its schema. */
export function defineVerb<S extends z.ZodType>(handler: VerbHandler<S>): VerbHandler<S> {
  return handler;
}

export const invokeResponses = {
  card(card: AdaptiveCard): AdaptiveCardInvokeResponse {
    return { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: card as unknown as Record<string, unknown> };
  },
  message(text: string): AdaptiveCardInvokeResponse {
    return { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: text as unknown as Record<string, unknown> };
  },
  /** The Universal Actions error response. */
  error(statusCode: 400 | 401 | 403 | 404 | 409 | 500, code: string, message: string): AdaptiveCardInvokeResponse {
    return { statusCode, type: 'application/vnd.microsoft.error', value: { code, message } };
  },
};

export class InvokeRouter {
  private readonly handlers = new Map<string, VerbHandler>();

  register(...handlers: VerbHandler[]): this {
    for (const h of handlers) {
      if (this.handlers.has(h.verb)) throw new Error(`Verb registered twice: ${h.verb}`);
      this.handlers.set(h.verb, h);
    }
    return this;
  }

  verbs(): string[] {
    return [...this.handlers.keys()];
  }

  /** True when the invoke's verb answers with confidential content. */
  isConfidential(value: unknown): boolean {
    const verb = invokeValueSchema.safeParse(value).data?.action.verb;
    return verb !== undefined && this.handlers.get(verb)?.confidential === true;
  }

  async route(turn: Turn, value: unknown): Promise<AdaptiveCardInvokeResponse> {
    const parsed = invokeValueSchema.safeParse(value);
    if (!parsed.success) {
      return invokeResponses.error(400, 'BadRequest', turn.t('invoke.badData', { reason: summarize(parsed.error) }));
    }
    const { verb, data } = parsed.data.action;
    const handler = this.handlers.get(verb);
    if (!handler) return invokeResponses.error(400, 'NotSupported', turn.t('invoke.unknownVerb', { verb }));
    const input = handler.data.safeParse(data);
    if (!input.success) {
      return invokeResponses.error(400, 'BadRequest', turn.t('invoke.badData', { reason: summarize(input.error) }));
    }
    return handler.handle(turn, input.data);
  }
}

function summarize(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((i) => `${i.path.join('.') || 'data'}: ${i.message}`)
    .join('; ');
}
