"""Card payments: the clean neighbour of orders.py (structured events, spans that end, bounded labels)."""
import structlog
from opentelemetry import trace
from prometheus_client import Counter

log = structlog.get_logger()
tracer = trace.get_tracer(__name__)

PAYMENTS = Counter("payments", "Card charges, by outcome.", ["outcome"])


class PaymentDeclined(Exception):
    def __init__(self, reason):
        super().__init__(reason)
        self.reason = reason


def charge_card(card_number, amount):
    with tracer.start_as_current_span("charge_card") as span:
        span.set_attribute("app.payment.amount", amount)
        log.info("charge_started", card_last4=card_number[-4:], amount=amount)
        if amount <= 0:
            PAYMENTS.labels(outcome="declined").inc()
            raise PaymentDeclined("non_positive_amount")
        PAYMENTS.labels(outcome="charged").inc()
        return {"order_id": "ord_1", "amount": amount}


def refund_payment(payment_id, amount):
    with tracer.start_as_current_span("refund_payment"):
        log.info("refund_issued", payment_id=payment_id, amount=amount)
        return True
