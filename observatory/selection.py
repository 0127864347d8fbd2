"""The shared selection every page shows: territory, level, period and language."""

from __future__ import annotations

from dataclasses import dataclass

from observatory import labels


@dataclass(frozen=True)
class Selection:
    """The shared selection, resolved: territory code, name, level, period, language."""

    code: str
    name: str
    level: str
    start: int
    end: int
    lang: str

    @property
    def sentence(self) -> str:
        """Return the selection as one sentence: « Finistère (département), 2019–2024 »."""
        return selection_sentence(self.name, self.level, self.start, self.end, self.lang)

    @property
    def period(self) -> str:
        """Return the period as titles write it: « 2019–2024 », or « 2024 » for one year."""
        return period_text(self.start, self.end)


def selection_sentence(name: str, level: str, start: int, end: int, lang: str) -> str:
    """Return the shared selection as one sentence: « Finistère (département), 2019–2024 »."""
    return f"{name} ({labels.level_kind(level, lang)}), {period_text(start, end)}"


def period_text(start: int, end: int) -> str:
    """Return a period as one year or « start–end »."""
    return str(start) if start == end else f"{start}–{end}"
