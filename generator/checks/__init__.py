"""Compliance checks against Law No. 94-V: findings with stable codes, and the site scanner."""

from __future__ import annotations

from .rules import Finding, gate, has_errors, load_findings, run_checks

__all__ = ["Finding", "gate", "has_errors", "load_findings", "run_checks"]
