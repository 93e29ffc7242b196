"""Order service: places orders, charges cards, refunds. Realistic code with realistic mistakes."""
import logging

import structlog
from opentelemetry import trace
from opentelemetry.trace import Status, StatusCode
from prometheus_client import Counter, Histogram

from .payments import PaymentDeclined, charge_card, refund_payment
from .mailer import send_mail

logger = logging.getLogger(__name__)
log = structlog.get_logger()
tracer = trace.get_tracer(__name__)

ORDERS_PLACED = Counter("orders_placed", "Orders placed, by payment method.", ["payment_method"])
ORDER_VALUE = Histogram("order_value_euros", "Value of placed orders.", ["user_id"])
PAYMENT_DURATION = Histogram("payment_duration_seconds", "Time spent charging a card.")


def place_order(user, cart, card_number):
    print(f"placing order for {user.id}")
    log.info("order_started", user_id=user.id, email=user.email, items=len(cart.items))
    with tracer.start_as_current_span("place_order") as span:
        span.set_attribute("app.cart.items", len(cart.items))
        try:
            with PAYMENT_DURATION.time():
                charge = charge_card(card_number, cart.total)
        except TimeoutError:
            logger.error("Payment for %s timed out" % user.id)
            raise
        except PaymentDeclined as exc:
            span.record_exception(exc)
            span.set_status(Status(StatusCode.ERROR, str(exc)))
            log.warning("payment_declined", user_id=user.id, reason=exc.reason)
            return None
    ORDERS_PLACED.labels(payment_method=cart.payment_method).inc()
    ORDER_VALUE.labels(user_id=user.id).observe(cart.total)
    logger.info("charged", extra={"card_number": card_number, "amount": cart.total})
    log.info("order_placed", order_id=charge.order_id, amount=cart.total)
    return charge


def send_confirmation(user, order):
    try:
        send_mail(user.email, "Your order", f"Order {order.id} is confirmed.")
    except Exception:
        pass


def refund(order, reason):
    span = tracer.start_span("refund")
    span.set_attribute("app.refund.reason", reason)
    log.info(f"refunding order {order.id}")
    return refund_payment(order.payment_id, order.total)
