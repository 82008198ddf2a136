"""The library logger. It only gets a NullHandler; the command line configures output."""

import logging

logger = logging.getLogger("framing")
logger.addHandler(logging.NullHandler())
