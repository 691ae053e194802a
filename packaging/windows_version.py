"""The four numbers Windows wants for a version (the program's file properties, the installer's
VIProductVersion): the PEP 440 release segment, padded or cut to four, so that a pre-release or a
development version builds too. Read by packaging/coorace-desktop.spec and scripts/check_package.py."""

import re


def windows_version(version: str) -> tuple[int, int, int, int]:
    """'0.2.0rc1' -> (0, 2, 0, 0); '1.2' -> (1, 2, 0, 0); '2026.12.1.post3' -> (2026, 12, 1, 0)."""
    release = re.match(r"\d+(?:\.\d+)*", version)
    if release is None:
        raise ValueError(f"version sans numéro : {version!r}")
    parts = [int(part) for part in release.group().split(".")]
    return tuple((parts + [0, 0, 0, 0])[:4])
