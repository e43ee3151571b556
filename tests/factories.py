"""Answers for tests: a small valid operator that each test changes in one place."""

from __future__ import annotations

import copy
from typing import Any

BIN_TOO = "190540012345"  # valid check digit, resident legal entity, head unit
IIN_IP = "920712405674"  # valid check digit, born 1992-07-12

_BASE: dict[str, Any] = {
    "schema_version": 1,
    "operator": {
        "legal_form": "too",
        "name": "Тест Маркет",
        "bin": BIN_TOO,
        "address": "Алматы қ., Абай даңғылы, 1",
        "email": "info@test.kz",
        "phone": "+7 727 355 10 20",
        "responsible_person": {"name": "Әлиева Айгерім", "email": "dpo@test.kz"},
    },
    "sites": [{"url": "https://test.kz", "kind": "online_store"}],
    "data": {"subjects": ["visitors", "customers"], "collected": ["full_name", "phone", "email"]},
    "purposes": ["order", "support"],
    "policy": {"city": "Алматы", "effective_date": "2026-06-05"},
}


def answers(**changes: Any) -> dict[str, Any]:
    """A deep copy of the base answers with dotted-path changes: answers(**{"operator.name": "X"})."""
    data = copy.deepcopy(_BASE)
    for path, value in changes.items():
        target = data
        parts = path.split(".")
        for part in parts[:-1]:
            target = target.setdefault(part, {})
        if value is _DELETE:
            target.pop(parts[-1], None)
        else:
            target[parts[-1]] = value
    return data


_DELETE = object()
DELETE: Any = _DELETE
