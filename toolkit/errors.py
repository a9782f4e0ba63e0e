"""The project's exceptions. Each carries a message a person can act on.

Core code raises these; the command line turns them into one line and an exit code
(see cli.py). Anything else that escapes is a bug and is not swallowed.
"""

from __future__ import annotations

from .diagnostics import Diagnostic


class TeikitError(Exception):
    """A problem with the user's input or setup, explained in one line."""


class ConfigError(TeikitError):
    """The edition folder or teikit.toml is not usable."""


class InputError(TeikitError):
    """A file could not be read as XML; carries the diagnostic with its location."""

    def __init__(self, diagnostic: Diagnostic):
        super().__init__(diagnostic.format())
        self.diagnostic = diagnostic

    def __reduce__(self):  # pickled with its diagnostic: it crosses from a worker process
        return (type(self), (self.diagnostic,))


class SchemaNotFound(TeikitError):
    """A schema that was asked for is not available here."""


class OutputError(TeikitError):
    """The output folder cannot be written (full disk, read-only, a file where a folder must be)."""


class OutputRefused(TeikitError):
    """An output folder that must not be used (/, the edition, its sources): a usage error."""

    exit_code = 2
