"""kramdown inline attribute lists (``{:target="_blank"}``, ``{: .class}``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from markdown_it import MarkdownIt


def ial_plugin(md: MarkdownIt) -> None:
    """markdown-it plugin: apply and remove kramdown IALs (to be written)."""
