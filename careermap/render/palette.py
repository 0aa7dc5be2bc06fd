"""How each status looks, in every format: one symbol, label, style and colour pair."""

from __future__ import annotations

from careermap.engine import Status

STATUSES = (Status.ELIGIBLE, Status.ONE_AWAY, Status.FURTHER)

SYMBOL = {Status.ELIGIBLE: "✔", Status.ONE_AWAY: "◐", Status.FURTHER: "○"}
LABEL = {
    Status.ELIGIBLE: "eligible now",
    Status.ONE_AWAY: "one qualification away",
    Status.FURTHER: "further away",
}
RICH_STYLE = {Status.ELIGIBLE: "bold green", Status.ONE_AWAY: "yellow", Status.FURTHER: "dim"}
FILL = {Status.ELIGIBLE: "#d8f3dc", Status.ONE_AWAY: "#fff3bf", Status.FURTHER: "#f1f3f5"}
STROKE = {Status.ELIGIBLE: "#2d6a4f", Status.ONE_AWAY: "#e67700", Status.FURTHER: "#868e96"}
INK = {Status.ELIGIBLE: "#1b4332", Status.ONE_AWAY: "#5c3c00", Status.FURTHER: "#343a40"}
NO_STATUS_FILL = "#ffffff"
NO_STATUS_STROKE = "#495057"

YES = "✔"
LATER = "◷"
"""Eligible from a date, once study under way is done."""
NO = "✘"
ARROW = "→"


def legend() -> str:
    """``✔ eligible now   ◐ one qualification away   ○ further away``."""
    return "   ".join(f"{SYMBOL[status]} {LABEL[status]}" for status in STATUSES)
