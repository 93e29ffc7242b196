"""Payments service used by the end-to-end tests (each line below has a known finding)."""
import structlog

log = structlog.get_logger()


def charge(user, amount, api_key):
    print("charging", amount)
    log.info("charge_started", user_id=user.id, key=api_key)
    return amount
