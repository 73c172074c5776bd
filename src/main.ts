import { Logger } from '@nestjs/common';
import { AppConfig, ConfigError, loadConfig } from './config/app-config';
import { createApp, RitmoApp } from './bootstrap';
import { EmbeddedPostgresError } from './database/embedded-postgres';
import { Localizer } from './i18n/localizer.service';
import { SetupService } from './identity/setup/setup.service';
import { UsersRepository } from './identity/users/users.repository';

/** After the drain deadline: for closing sockets, the pool and the embedded database. */
const EXIT_AFTER_DRAIN_MS = 15_000;

async function main(): Promise<void> {
  let config: AppConfig;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  const ritmo = await createApp(config).catch((error: unknown) => {
    if (!(error instanceof EmbeddedPostgresError)) throw error;
    console.error(error.message);
    process.exit(1);
  });
  installShutdown(ritmo);
  await ritmo.app.listen(config.PORT, config.HOST);
  const url = `http://localhost:${config.PORT}`;
  const logger = new Logger('Bootstrap');
  logger.log(`ritmo is listening on ${url} (API docs: ${url}/api/docs)`);
  if ((await ritmo.app.get(UsersRepository).count()) === 0) {
    const token = ritmo.app.get(SetupService).pendingToken();
    // The token is in the fragment: browsers never send it, so no access log holds it.
    if (token)
      logger.log(
        `First run: open ${ritmo.config.publicUrl}/setup#${token} to create the administrator`,
      );
    logger.log(firstAdminHint(config));
    // One line, both languages: the reader's language is unknown at start-up.
    if (config.embedded) {
      const localizer = ritmo.app.get(Localizer);
      const args = { command: `${dataDirPrefix(config)}npm run seed:demo` };
      logger.log(
        `${localizer.t('it', 'startup.emptyDatabase', args)} / ${localizer.t('en', 'startup.emptyDatabase', args)}`,
      );
    }
  }
}

/** Run literally, an admin command without the server's DATA_DIR would open another database. */
function dataDirPrefix(config: AppConfig): string {
  return config.DATA_DIR === './data' ? '' : `DATA_DIR=${config.DATA_DIR} `;
}

/** A brand-new installation has nobody who could log in and invite the others. */
function firstAdminHint(config: AppConfig): string {
  const where = config.embedded ? dataDirPrefix(config) : 'DATABASE_URL=… ';
  return (
    'No users yet. Create the first administrator with: ' +
    `${where}npm run user:create -- --email you@example.org --name "Your Name" --admin`
  );
}

/**
 * SIGTERM/SIGINT: stop accepting, let in-flight requests finish, close sockets and the
 * database, then exit 0. A second signal, or a stuck close, forces the exit.
 */
function installShutdown(ritmo: RitmoApp): void {
  let closing = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (closing) process.exit(1);
    closing = true;
    const timer = setTimeout(
      () => process.exit(1),
      ritmo.config.shutdownDrainMs + EXIT_AFTER_DRAIN_MS,
    );
    timer.unref();
    console.log(JSON.stringify({ level: 'info', msg: `${signal} received, shutting down` }));
    ritmo.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
