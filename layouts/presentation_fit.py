"""How a presentation screen fits its window: text size, room for a figure, table rows per screen."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from layouts.figures.theme import Medium, projector_for, window_text

# What a screen spends above its content, in lines of body text (assets/monitor.css): the demo
# notice, the controls, the title and the date line, with their margins.
CHROME = 8.0
# One line of body text with its margin, in body text sizes.
LINE = 1.6
# One row of a table on a screen, in body text sizes: a line and its padding, and room for some
# rows whose long name takes two lines.
ROW = 2.6
# What a table spends besides its rows: the header (two lines) and the caption.
TABLE_HEAD = 5.0


@dataclass(frozen=True)
class Window:
    """The browser window the show is drawn in, as the browser reports it (CSS pixels)."""

    width: int
    height: int

    @classmethod
    def from_store(cls, data: Any) -> Window:
        """The window the browser reported; anything else (none yet, forged) is a 1280×720 beamer."""
        if isinstance(data, dict):
            width, height = data.get("width"), data.get("height")
            sizes = (width, height)
            if all(isinstance(v, int) and not isinstance(v, bool) and 200 <= v <= 20_000 for v in sizes):
                return cls(int(width), int(height))  # type: ignore[arg-type]
        return BEAMER

    @property
    def text(self) -> float:
        """The body text size of the screen, as the style sheet sets it for this window."""
        return window_text(self.width, self.height)

    @property
    def medium(self) -> Medium:
        """The projector medium of this window (figure fonts, lines and width)."""
        return projector_for(self.width, self.height)

    def room(self, lines: float = 0) -> int:
        """The height left for a figure below the screen's title and ``lines`` lines of text."""
        return max(120, math.floor(self.height - (CHROME + lines * LINE) * self.text))

    def table_rows(self, lines: float = 0) -> int:
        """How many rows of a table fit one screen with ``lines`` lines of text beside it."""
        left = self.height - (CHROME + TABLE_HEAD + lines * LINE) * self.text
        return max(3, math.floor(left / (ROW * self.text)))


BEAMER = Window(1280, 720)


def parts(rows: int, per_screen: int) -> list[tuple[int, int]]:
    """``rows`` rows split into screens of at most ``per_screen`` rows, as evenly as they go."""
    count = max(1, math.ceil(rows / max(1, per_screen)))
    size = math.ceil(rows / count) if rows else 0
    return [(start * size, min(rows, (start + 1) * size)) for start in range(count)]
