"""Errors a user can act on: each carries one line naming the file and the problem."""

from scorer.printable import printable


class RolscoreError(Exception):
    """Base for errors that end in a one-line message and exit code 2, never a traceback."""


class ChecklistError(RolscoreError):
    """The checklist file cannot be read or does not fit the schema."""


class InputError(RolscoreError):
    """A report file cannot be read: missing, empty, binary or undecodable."""

    def __init__(self, path: str, reason: str):
        reason = printable(reason)  # one line, whatever an exception's text brought in
        super().__init__(f"{printable(path)}: {reason}")
        self.path = path
        self.reason = reason
