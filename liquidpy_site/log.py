"""Jekyll-style log lines: a right-aligned topic, then the message."""

from __future__ import annotations

import logging
import sys

LOGGER_NAME = "liquidpy_site"
TOPIC_WIDTH = 19


def topic_line(topic: str, message: str) -> str:
    """``"Source:", "/site"`` → ``"            Source: /site"`` (Jekyll's alignment)."""
    return f"{topic.rjust(TOPIC_WIDTH)} {message}"


class _DuplicateFilter(logging.Filter):
    """Shows each distinct warning once per build."""

    def __init__(self) -> None:
        super().__init__()
        self.seen: set[str] = set()

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno < logging.WARNING:
            return True
        message = record.getMessage()
        if message in self.seen:
            return False
        self.seen.add(message)
        return True


class _WarningCounter(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


_counter = _WarningCounter()


def setup_logging(quiet: bool = False, verbose: bool = False) -> None:
    """Send the library's log records to stderr, at the level the flags ask for."""
    logger = logging.getLogger(LOGGER_NAME)
    logger.handlers.clear()
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(message)s"))
    handler.addFilter(_DuplicateFilter())
    logger.addHandler(handler)
    logger.addHandler(_counter)
    logger.setLevel(logging.DEBUG if verbose else logging.ERROR if quiet else logging.INFO)
    logger.propagate = False


def warning_count() -> int:
    """How many warnings were logged since start-up."""
    return _counter.count
