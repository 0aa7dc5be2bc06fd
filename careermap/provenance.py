"""Where an export came from: the map (name, version, effective date, the SHA-256 of its
file) and the day it was made, so two PDR reports can be compared and traced to the map
each one used."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from careermap.models import Catalogue

DIGEST_SHOWN = 12
"""Hex digits of the SHA-256 shown: enough to tell editions apart, short enough to read
out; ``sha256sum roles.yaml`` gives the whole."""


@dataclass(frozen=True)
class Provenance:
    catalogue: str
    version: str | None
    effective_from: str | None
    sha256: str | None
    """The SHA-256 of the catalogue file's bytes; None for a map built in memory."""
    produced: date

    @classmethod
    def of(cls, catalogue: Catalogue, produced: date | None = None) -> Provenance:
        return cls(
            catalogue.name,
            catalogue.version,
            catalogue.effective_from,
            catalogue.digest,
            produced or date.today(),
        )

    @property
    def short_sha256(self) -> str | None:
        return None if self.sha256 is None else self.sha256[:DIGEST_SHOWN]

    def text(self) -> str:
        """``Made 2026-12-06 from Service map, version 2025-26, effective from 2025-04-01
        (sha256 1a2b3c4d5e6f).``"""
        parts = [self.catalogue]
        if self.version:
            parts.append(f"version {self.version}")
        if self.effective_from:
            parts.append(f"effective from {self.effective_from}")
        digest = f" (sha256 {self.short_sha256})" if self.sha256 else ""
        return f"Made {self.produced.isoformat()} from {', '.join(parts)}{digest}."

    def data(self) -> dict[str, Any]:
        return {
            "catalogue": self.catalogue,
            "version": self.version,
            "effective_from": self.effective_from,
            "sha256": self.sha256,
            "produced": self.produced.isoformat(),
        }
