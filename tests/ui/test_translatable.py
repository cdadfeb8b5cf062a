"""Every user-visible string in ui/ goes through tr() or QCoreApplication.translate, so the
app can be translated. The sources are read with `ast`: a string literal (or an f-string)
handed straight to a text-setting call is flagged, with its file and line."""

from __future__ import annotations

import ast
import re
from pathlib import Path

UI = Path(__file__).parents[2] / "reconcile_desktop" / "ui"

# Calls whose first argument is shown to the user (or read out by a screen reader).
TEXT_METHODS = {
    "setText",
    "setWindowTitle",
    "setToolTip",
    "setStatusTip",
    "setWhatsThis",
    "setPlaceholderText",
    "setAccessibleName",
    "setAccessibleDescription",
    "setTitle",
    "setInformativeText",
    "setLabelText",
    "setSuffix",
    "setPrefix",
    "setSpecialValueText",
    "addMenu",
    "addAction",
    "addButton",
    "addRow",
    "addTab",
    "addItem",
    "showMessage",
    "say",
}
TEXT_CLASSES = {
    "QLabel",
    "QPushButton",
    "QToolButton",
    "QAction",
    "QCheckBox",
    "QRadioButton",
    "QGroupBox",
    "QMenu",
    "QToolBar",
    "MutedLabel",
    "StatusLabel",
    "busy_bar",
    "passphrase_field",
}
TRANSLATORS = {"tr", "translate", "_tr"}


def _has_words(text: str) -> bool:
    return any(c.isalpha() for c in re.sub(r"<[^>]*>", "", text))  # markup is not words


def _is_text(node: ast.expr) -> bool:
    """A literal with words in it; an f-string only when its own parts hold words (one that
    just joins values and punctuation, like "{name} ({count})", has nothing to translate)."""
    if isinstance(node, ast.JoinedStr):
        joined = "".join(
            str(part.value) if isinstance(part, ast.Constant) else "\0" for part in node.values
        )
        return _has_words(joined)
    return isinstance(node, ast.Constant) and isinstance(node.value, str) and _has_words(node.value)


def _name(func: ast.expr) -> str:
    if isinstance(func, ast.Attribute):
        return func.attr
    return func.id if isinstance(func, ast.Name) else ""


def untranslated(source: str, filename: str = "<string>") -> list[str]:
    found = []
    for node in ast.walk(ast.parse(source, filename)):
        if not isinstance(node, ast.Call) or not node.args:
            continue
        name = _name(node.func)
        first = node.args[0]
        if name in TRANSLATORS:
            # tr(f"...") cannot be looked up: the text differs at every call.
            text = node.args[-1] if name != "tr" else first
            if isinstance(text, ast.JoinedStr):
                found.append(f"{filename}:{node.lineno}: f-string inside {name}()")
            continue
        if (name in TEXT_METHODS or name in TEXT_CLASSES) and _is_text(first):
            found.append(f"{filename}:{node.lineno}: {name}({ast.unparse(first)[:50]})")
    return found


def test_every_visible_string_in_ui_is_translatable():
    found = []
    for path in sorted(UI.rglob("*.py")):
        found += untranslated(path.read_text(encoding="utf-8"), str(path.relative_to(UI)))
    assert found == []


def test_the_check_flags_plain_and_f_strings_and_passes_tr():
    source = """
menu = bar.addMenu("&File")
label = QLabel(f"Day {n}")
button.setToolTip(self.tr("Lock now"))
box.setTitle(QCoreApplication.translate("Ctx", "Locking"))
self.tr(f"{n} words")
icon.setObjectName("navigation")
field.setText("")
row.addItem(f"{name} ({count})")
"""
    found = untranslated(source)
    assert [f.split(": ", 1)[1] for f in found] == [
        "addMenu('&File')",
        "QLabel(f'Day {n}')",
        "f-string inside tr()",
    ]
