"""Territory codes as people type them: `2a` → `2A`, `4` → `04`, `1004` → `01004`.

A spreadsheet eats leading zeros and lowercases Corsica; the importer repairs files in SQL
(`import_zero_repair`), and this is the same rule for one typed code (URLs, command line):
the code as typed if it exists, else the one zero-padded width that does.
"""

from __future__ import annotations

from collections.abc import Collection

# INSEE widths: région and département 2 (3 overseas), commune 5, EPCI SIREN 9.
WIDTHS = (2, 3, 5, 9)


def typed_code(text: str, known: Collection[str]) -> str | None:
    """Return the known code `text` stands for, or None when none (or several) match."""
    code = text.strip().upper()
    if code in known:
        return code
    if not code.isdigit():
        return None
    candidates = {padded for padded in (code.zfill(width) for width in WIDTHS) if padded in known}
    return candidates.pop() if len(candidates) == 1 else None
