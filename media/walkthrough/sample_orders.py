"""o11y-lint sample: hover a squiggle to read the finding, then press Ctrl+. (Cmd+. on macOS) for its fixes."""
import structlog

log = structlog.get_logger()


def place_order(user, cart, payments):
    print(f"placing order for {user.id}")
    log.info("order_started", user_id=user.id, email=user.email)
    log.info("payment_started", amount=cart.total, api_key=payments.api_key)
    try:
        payments.charge(cart.total)
    except Exception:
        pass
    log.info(f"order placed for {user.id} with {len(cart.items)} items")
