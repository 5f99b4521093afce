"""Carpentries lessons (styles and Workbench) as courses.

- :mod:`.boxes`: challenges, solutions, callouts … (classed blockquotes and fenced
  divs) as box nodes;
- :mod:`.episodes`: the overview (questions, objectives, minutes) and key points;
- :mod:`.audience`: instructor content, left out of the learner build;
- :mod:`.glossary`: the reference page's definition lists as a glossary;
- :mod:`.schedule`: the schedule and key points summary (placeholders, table);
- :mod:`.solutions`: where the PDF prints the solutions;
- :mod:`.workbench`: sandpaper's flat site (images) and its ``links.md``;
- :mod:`.lesson`: what a page is in a lesson (episode, break).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sphinx_mentoring.carpentries import (
    audience,
    boxes,
    episodes,
    glossary,
    lesson,
    schedule,
    solutions,
    workbench,
)

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def setup(app: Sphinx) -> None:
    boxes.setup(app)
    episodes.setup(app)
    audience.setup(app)
    workbench.setup(app)
    glossary.setup(app)
    schedule.setup(app)
    lesson.setup(app)
    solutions.setup(app)
