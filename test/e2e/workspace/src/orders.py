"""Orders service used by the end-to-end quick-fix and refactoring tests (each function has one known finding)."""
import logging

from opentelemetry import trace

logger = logging.getLogger(__name__)
tracer = trace.get_tracer(__name__)


def login(user):
    print("login", user.id)


def refund(order):
    try:
        order.refund()
    except ValueError:
        logger.error("refund failed")


class Orders:
    def place(self, order):
        saved = self.repo.save(order)
        notify(saved)
        return saved
