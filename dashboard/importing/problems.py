"""What the importer reports when a file breaks the contract."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One violation, located the way the user sees the file in Excel (header = row 1).

    Attributes:
        row: Excel row number, or None for a problem with the file as a whole.
        column: the column concerned, or "" for the whole file.
        value: the offending value as it stood in the file.
        expected: what the contract expects, in Dutch.
    """

    row: int | None
    column: str
    value: str
    expected: str

    def message(self, file_name: str) -> str:
        """A Dutch sentence naming file, row, column, value and what is expected."""
        where = f"{file_name}, rij {self.row}" if self.row is not None else file_name
        if self.column:
            where += f", kolom '{self.column}'"
        value = f": waarde '{self.value}'" if self.value else ""
        return f"{where}{value}: {self.expected}"


class ImportRejected(Exception):
    """The file was refused whole; nothing was written."""

    def __init__(self, file_name: str, problems: list[Problem]) -> None:
        """Keep the problems so the CLI and the upload page can list them."""
        self.file_name = file_name
        self.problems = problems
        super().__init__(self.report())

    def report(self, limit: int = 50) -> str:
        """The problems as Dutch lines, at most ``limit`` of them."""
        lines = [p.message(self.file_name) for p in self.problems[:limit]]
        if len(self.problems) > limit:
            lines.append(f"… en nog {len(self.problems) - limit} fouten.")
        header = f"Bestand '{self.file_name}' is geweigerd; er is niets opgeslagen."
        return "\n".join([header, *lines])
