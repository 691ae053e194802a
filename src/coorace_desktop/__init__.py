"""Coorace Desktop: the regional delegation's members, governance, support actions, events and report."""

__version__ = "0.1.0"
