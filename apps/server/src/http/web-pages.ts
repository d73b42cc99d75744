import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { REPO_ROOT } from '../config.js';
import type { Logger } from '../logger.js';
import type { PageHandler } from './app.js';

/** Where the web app's production build puts its request handler. */
export const WEB_HANDLER_PATH = path.join(REPO_ROOT, 'apps/web/build/handler.js');

/**
 * Loads the SvelteKit app's handler when it has been built, so pages and API share one port
 * and one origin. Without a build, the server still serves the API.
 */
export async function loadWebPages(logger: Logger): Promise<PageHandler | undefined> {
  if (!existsSync(WEB_HANDLER_PATH)) {
    logger.info({ expected: WEB_HANDLER_PATH }, 'web app not built; serving the API only');
    return undefined;
  }

  const module = (await import(pathToFileURL(WEB_HANDLER_PATH).href)) as { handler: PageHandler };
  return module.handler;
}
