"""The progress callback long jobs report to: `progress(done, total, text)`; it may raise to cancel."""

from collections.abc import Callable

Progress = Callable[[int, int, str], None]


def no_progress(_done: int, _total: int, _text: str = "") -> None:
    """The progress callback of a caller that does not show progress."""
