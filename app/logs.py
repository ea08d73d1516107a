"""The operational log: one line per event on standard error, as JSON when LOG_FORMAT=json.

The app's loggers live under "participatie" (the audit service logs on "participatie.audit"); Flask's own logger
(exceptions) gets the same handler, so a log collector reads one format."""
from __future__ import annotations

import logging
import sys

from flask import Flask
from flask.logging import default_handler
from pythonjsonlogger.json import JsonFormatter

TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s %(message)s"
#: the attributes every LogRecord has; anything else was passed with `extra=` and belongs in the line
_STANDARD = set(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {"message", "asctime", "taskName"}


class TextFormatter(logging.Formatter):
    """Plain text with the event's facts appended as key=value, so the text line says as much as the JSON one."""

    def format(self, record: logging.LogRecord) -> str:
        line = super().format(record)
        extra = " ".join(f"{k}={v!r}" for k, v in vars(record).items() if k not in _STANDARD)
        return f"{line} {extra}" if extra else line


def init_app(app: Flask) -> None:
    handler = logging.StreamHandler(sys.stderr)
    if app.config.get("LOG_FORMAT", "text").lower() == "json":
        handler.setFormatter(JsonFormatter(TEXT_FORMAT, rename_fields={"levelname": "level", "name": "logger"},
                                           timestamp=True))
    else:
        handler.setFormatter(TextFormatter(TEXT_FORMAT))
    handler._participatie = True  # marks our handler, so a second create_app replaces it instead of adding one
    for logger in (logging.getLogger("participatie"), app.logger):
        for old in [h for h in logger.handlers if getattr(h, "_participatie", False) or h is default_handler]:
            logger.removeHandler(old)
        logger.addHandler(handler)
        logger.setLevel(app.config.get("LOG_LEVEL", "INFO"))
        logger.propagate = False  # one line per event, also when the server configures the root logger
