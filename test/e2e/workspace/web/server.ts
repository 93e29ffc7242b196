// Checkout handler used by the end-to-end tests.
import pino from 'pino';

const logger = pino();

export function checkout(cart: { id: string }, password: string): void {
  console.log('checkout', cart.id);
  logger.info({ cartId: cart.id, password }, 'checkout started');
}
