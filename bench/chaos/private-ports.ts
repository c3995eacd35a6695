import { execFile, execFileSync } from 'node:child_process';
import net from 'node:net';
import { promisify } from 'node:util';

export const run = promisify(execFile);

/**
 * A loopback TCP port nothing listens on, in 20000-32000: below Linux's ephemeral range (32768+), whose
 * ports any outgoing connection may hold, and away from 35672-35682, where every `rabbitmqctl` call
 * listens for Erlang distribution (a private node on 35672 failed its start_app with EADDRINUSE).
 */
export async function freePort(avoid: readonly number[] = []): Promise<number> {
  for (let i = 0; i < 200; i++) {
    const port = 20_000 + Math.floor(Math.random() * 12_000);
    if (avoid.includes(port) || port === 25672) continue;
    if (await canListen(port)) return port;
  }
  throw new Error('no free loopback port below 32768');
}

function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen({ host: '127.0.0.1', port, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/** A system user's home folder (getent), e.g. /var/lib/rabbitmq. */
export const homeOf = (user: string): string =>
  execFileSync('getent', ['passwd', user]).toString().trim().split(':')[5];

/**
 * `command args` as another user (PostgreSQL and RabbitMQ refuse to run as root), from that user's
 * home: `rabbitmq-server -detached` started from a folder its user cannot write fails silently.
 */
export const runAs = (user: string, command: string, args: string[], timeoutMs = 120_000) =>
  // In a session of its own (setsid): a server it starts is out of the terminal's process group, so Ctrl+C reaches the
  // runner, which stops it in order, and not the server itself half-way.
  run('setsid', ['-w', 'runuser', '-u', user, '--', command, ...args], {
    timeout: timeoutMs,
    cwd: homeOf(user),
  });
