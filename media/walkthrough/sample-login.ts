// o11y-lint sample: hover a squiggle to read the finding, then press Ctrl+. (Cmd+. on macOS) for its fixes.
import pino from 'pino';

const logger = pino({ base: { service: 'sample' }, timestamp: pino.stdTimeFunctions.isoTime });

export async function login(username: string, password: string): Promise<boolean> {
  console.log('login request received');
  logger.info({ username, password }, 'login_attempt');
  try {
    return await verify(username, password);
  } catch (err) {
    logger.error(`login failed for ${username}`);
    return false;
  }
}

async function verify(username: string, password: string): Promise<boolean> {
  return username.length > 0 && password.length > 0;
}
