// Orders module used by the end-to-end quick-fix and refactoring tests (each function has one known finding).
import { trace } from '@opentelemetry/api';
import pino from 'pino';

const logger = pino();
const tracer = trace.getTracer('orders');

declare function work(): Promise<void>;
interface Repo { save(order: { id: string }): Promise<{ id: string }> }

export function ship(order: { id: string }): void {
  logger.info(`order ${order.id} shipped`);
}

export async function sync(): Promise<void> {
  const span = tracer.startSpan('sync');
  await work();
  span.end();
}

export class Orders {
  constructor(private readonly repo: Repo) {}

  async place(order: { id: string }) {
    const saved = await this.repo.save(order);
    let total: number = 0;
    return { saved, total };
  }
}
