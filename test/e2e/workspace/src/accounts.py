"""Accounts service used by the end-to-end tests (one PII finding)."""
import structlog

log = structlog.get_logger()


def login(user):
    if user:
        log.info("login", email=user.email)
