"""What changed in a policy's text, clause by clause (``kzpolicy diff``)."""

from __future__ import annotations

from .compare import PolicyDiff, diff_answers, diff_documents, diff_files, diff_markdown

__all__ = ["PolicyDiff", "diff_answers", "diff_documents", "diff_files", "diff_markdown"]
