// Parses a card with the official `adaptivecards` package and returns every problem
// it reports (unknown elements, invalid properties, duplicate input ids, …).
import * as AC from 'adaptivecards';

export function adaptiveCardProblems(json: unknown): string[] {
  const card = new AC.AdaptiveCard();
  const ctx = new AC.SerializationContext();
  card.parse(json as object, ctx);
  const problems: string[] = [];
  for (let i = 0; i < ctx.eventCount; i++) problems.push(ctx.getEventAt(i).message);
  for (const e of card.validateProperties().validationEvents) problems.push(e.message);
  return problems;
}
