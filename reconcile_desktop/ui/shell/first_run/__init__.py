"""The optional getting-started guide shown once after a journal is created (Help > Getting
started… opens it again)."""

from reconcile_desktop.ui.shell.first_run.guide import FirstRunGuide, open_guide, should_offer

__all__ = ["FirstRunGuide", "open_guide", "should_offer"]
