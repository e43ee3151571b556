"""Compliance checks against Law No. 94-V: findings with stable codes, and the site scanner."""

from __future__ import annotations

from .rules import ComplianceError, Finding, build_notes, has_errors, load_findings, run_checks

__all__ = ["ComplianceError", "Finding", "build_notes", "has_errors", "load_findings", "run_checks"]
