"""Every guarantee in the README names a test; this keeps those names true."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_every_test_the_readme_names_exists():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    named = set(re.findall(r"(tests/[\w/]+\.py)::(\w+)", readme))
    assert len(named) >= 20  # the "protects and survives" section lists its proofs
    missing = [
        f"{path}::{name}"
        for path, name in sorted(named)
        if not (ROOT / path).is_file()
        or not re.search(rf"^(async )?def {name}\b", (ROOT / path).read_text(), re.M)
    ]
    assert missing == []
