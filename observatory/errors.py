"""Typed errors: every user-facing message is a French sentence saying what to do."""


class ObservatoryError(Exception):
    """Base class: `str(error)` is a French sentence fit for a user; `english` its English
    version where the interface shows it (the command line speaks French)."""

    def __init__(self, *args, english: str | None = None):
        super().__init__(*args)
        self.english = english

    def text(self, lang: str) -> str:
        """Return the message in the interface's language (French without an English text)."""
        return self.english if lang == "en" and self.english else str(self)


class ConfigurationError(ObservatoryError):
    """A setting is missing or invalid."""


class ImportFileError(ObservatoryError):
    """A file cannot be read at all (size, encoding, binary, empty)."""


class RefusedBeforeWriting(ObservatoryError):
    """An operation refused before it changed anything: there is nothing to publish."""


class RollbackRefused(RefusedBeforeWriting):
    """A batch cannot be rolled back (unknown, already rolled back, or touched later)."""


class DatabaseBusy(ObservatoryError):
    """Another process is writing the working database."""


class UnknownQuery(ObservatoryError):
    """A named SQL statement does not exist."""


class GeographyError(ObservatoryError):
    """Outlines cannot be read, matched or downloaded."""
