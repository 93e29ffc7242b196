// A small login handler with the logging mistakes o11y-lint finds.
import pino from 'pino';

const logger = pino();

interface LoginRequest { username: string; password: string; email: string }

export async function login(req: LoginRequest): Promise<boolean> {
  console.log('login request received');
  logger.info({ username: req.username, password: req.password }, 'login_attempt');
  const ok = await verify(req.username, req.password);
  if (!ok) {
    logger.warn(`login failed for ${req.email}`);
    return false;
  }
  logger.info({ userId: req.username }, 'login_succeeded');
  return true;
}

async function verify(username: string, password: string): Promise<boolean> {
  return username.length > 0 && password.length > 0;
}
