// Login and checkout handlers: realistic code with realistic mistakes.
import { SpanStatusCode, trace } from '@opentelemetry/api';
import { Counter } from 'prom-client';
import { logger } from './logger';

const tracer = trace.getTracer('ts-service');

const logins = new Counter({ name: 'logins_total', help: 'Login attempts, by outcome.', labelNames: ['outcome'] });
const checkouts = new Counter({ name: 'checkouts_total', help: 'Checkouts, by user.', labelNames: ['user_id'] });

interface LoginRequest { username: string; password: string; email: string }
interface Cart { id: string; userId: string; total: number }

export async function login(req: LoginRequest): Promise<boolean> {
  console.log('login request received');
  logger.info({ username: req.username, password: req.password }, 'login_attempt');
  const ok = await verify(req.username, req.password);
  if (!ok) {
    logins.inc({ outcome: 'failed' });
    logger.warn(`login failed for ${req.email}`);
    return false;
  }
  logins.inc({ outcome: 'succeeded' });
  logger.info({ userId: req.username }, 'login_succeeded');
  return true;
}

export async function checkout(cart: Cart): Promise<string> {
  const span = tracer.startSpan('checkout');
  span.setAttribute('app.cart.total', cart.total);
  checkouts.inc({ user_id: cart.userId });
  try {
    return await submitOrder(cart);
  } catch (err) {
    logger.error({ cartId: cart.id }, 'checkout_failed');
    throw err;
  }
}

export async function ship(cart: Cart): Promise<void> {
  await tracer.startActiveSpan('ship', async (span) => {
    try {
      await bookCourier(cart.id);
      logger.info({ cartId: cart.id }, 'shipment_booked');
    } catch (err) {
      span.recordException(err as Error);
      span.setStatus({ code: SpanStatusCode.ERROR, message: String(err) });
      logger.error({ err, cartId: cart.id }, 'shipment_failed');
      throw err;
    } finally {
      span.end();
    }
  });
  notifyWarehouse(cart.id).catch(() => {});
}

async function verify(username: string, password: string): Promise<boolean> {
  return username.length > 0 && password.length > 0;
}

async function submitOrder(cart: Cart): Promise<string> {
  return `order-${cart.id}`;
}

async function bookCourier(cartId: string): Promise<void> {
  if (!cartId) throw new Error('no cart');
}

async function notifyWarehouse(cartId: string): Promise<void> {
  if (!cartId) throw new Error('no cart');
}
