"""A small order service with the logging mistakes o11y-lint finds."""
import logging

import structlog

logger = logging.getLogger(__name__)
log = structlog.get_logger()


def place_order(user, cart, card_number):
    print(f"placing order for {user.id}")
    log.info("order_started", user_id=user.id, email=user.email, items=len(cart))
    try:
        charge = charge_card(card_number, cart.total)
    except TimeoutError:
        logger.error("Payment for %s timed out" % user.id)
        raise
    logger.info("charged", extra={"card_number": card_number, "amount": cart.total})
    log.info("order_placed", order_id=charge.order_id, token=charge.token)
    return charge


def charge_card(card_number, amount):
    raise NotImplementedError
