"""The kinds of result careermap produces, which every output format knows how to word.

Each result type carries its ``kind`` as a class attribute, so a renderer can tell what
it has been given without importing every result module to test isinstance.
"""

from __future__ import annotations

from enum import StrEnum


class Kind(StrEnum):
    """A kind of result; the value names the ``Renderer`` method that draws it."""

    ROLE_REPORT = "role_report"
    EXPLANATION = "explanation"
    PLAN = "plan"
    TEAM = "team"
    CAREER_MAP = "career_map"
    PERSON_REPORT = "person_report"
    ROLE_LIST = "role_list"
    QUALIFICATION_LIST = "qualification_list"
    ROLE_DETAIL = "role_detail"
    TEAM_REPORTS = "team_reports"
    UNLOCKS = "unlocks"
    COMPARISON = "comparison"
    DIFF = "diff"

    @property
    def label(self) -> str:
        """How a message names it: "a career map"."""
        words = self.value.replace("_", " ")
        return f"an {words}" if words[0] in "aeiou" else f"a {words}"
