import { buildApp } from './app.ts';
import { loadConfig } from './config.ts';

const config = loadConfig();
const app = await buildApp(config);

/** A stop must end within 30 s (container runtimes kill after that); leave a margin. */
const STOP_DEADLINE_MS = 25_000;

// SIGTERM/SIGINT: stop taking requests, let those in flight and the SMTP messages being sent
// finish (messages claimed but not begun go back to the queue), close the database, exit
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    app.log.info({ signal }, 'shutting down');
    const deadline = setTimeout(() => {
      app.log.error({ signal }, 'shutdown took too long; exiting');
      process.exit(1);
    }, STOP_DEADLINE_MS);
    deadline.unref();
    app.close().then(
      () => process.exit(0),
      (err) => {
        app.log.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  });
}

await app.listen({ port: config.PORT, host: config.HOST });
app.log.info(`Samråd is running at ${config.PUBLIC_URL} (API documentation at ${config.PUBLIC_URL}/docs)`);
