// The framework's floor: a bare botbuilder echo bot on restify, with the same CloudAdapter
// (no app id: no authentication, as Courtier in local mode) and the same body handling. Its
// turns are what any bot on this stack costs; `npm run bench turns` reports Courtier's
// turns as ratios to it.
import type { AddressInfo } from 'node:net';
import restify from 'restify';
import { ActivityHandler, CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';

export interface EchoBot {
  port: number;
  stop(): Promise<void>;
}

export async function startEchoBot(): Promise<EchoBot> {
  const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
  const bot = new ActivityHandler();
  bot.onMessage(async (ctx, next) => {
    await ctx.sendActivity(`Echo: ${ctx.activity.text ?? ''}`);
    await next();
  });
  const server = restify.createServer({ name: 'echo', handleUncaughtExceptions: false });
  server.use(restify.plugins.bodyParser());
  server.post('/api/messages', async (req: restify.Request, res: restify.Response) => {
    await adapter.process(req, res, (context) => bot.run(context));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
