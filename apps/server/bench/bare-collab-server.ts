import { Server } from '@hocuspocus/server';

/**
 * The collaboration benchmark's baseline: Hocuspocus as it comes, with no authentication, no
 * journal and no extensions, in a process of its own as Keel is. Prints `listening <port>`.
 */
const server = new Server({ address: '127.0.0.1', quiet: true });
await server.listen(Number(process.env.PORT ?? 0));
process.stdout.write(`listening ${server.address.port}\n`);

process.on('SIGTERM', () => {
  void server.destroy().then(() => process.exit(0));
});
