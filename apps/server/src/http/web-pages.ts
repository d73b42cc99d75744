import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { NextFunction, Request, Response } from 'express';
import { REPO_ROOT } from '../config.js';
import type { Logger } from '../logger.js';
import type { PageHandler } from './app.js';

/** Where the web app's production build puts its request handler. */
export const WEB_HANDLER_PATH = path.join(REPO_ROOT, 'apps/web/build/handler.js');

/** The header through which Keel tells the web app which scheme a request came in on. */
const PROTOCOL_HEADER = 'x-keel-forwarded-proto';

/**
 * Loads the SvelteKit app's handler when it has been built, so pages and API share one port
 * and one origin. Without a build, the server still serves the API.
 *
 * The web app checks that form posts come from its own origin, which it must know. Unless the
 * operator sets ORIGIN, Keel passes the scheme Express derived for each request (honouring
 * X-Forwarded-Proto only from a trusted proxy) in a header of its own, overwriting any value a
 * client sent, so plain http on a laptop works as well as https behind a proxy.
 */
export async function loadWebPages(logger: Logger): Promise<PageHandler | undefined> {
  if (!existsSync(WEB_HANDLER_PATH)) {
    logger.info({ expected: WEB_HANDLER_PATH }, 'web app not built; serving the API only');
    return undefined;
  }

  const useOwnHeader = !process.env.ORIGIN;
  // adapter-node reads its settings from the environment when the handler module loads.
  if (useOwnHeader) process.env.PROTOCOL_HEADER = PROTOCOL_HEADER;
  const module = (await import(pathToFileURL(WEB_HANDLER_PATH).href)) as { handler: PageHandler };

  if (!useOwnHeader) return module.handler;
  return (req: Request, res: Response, next: NextFunction) => {
    req.headers[PROTOCOL_HEADER] = req.protocol;
    module.handler(req, res, next);
  };
}
