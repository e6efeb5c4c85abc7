"""The commands a reviewer comments on an agentmend change (`@agentmend <command>`): one list, read by the
App's parser and help answer and by the change text, so what a PR offers is what the App runs.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ReviewerCommand:
    name: str
    help: str  # what it does, in a phrase that reads in a PR body and in the help answer
    argument: str | None = None  # free text after the name, optional (e.g. regenerate's guidance)

    @property
    def usage(self) -> str:
        return f"{self.name} <{self.argument}>" if self.argument else self.name


COMMANDS = (
    ReviewerCommand(
        "regenerate", "write a new proposal for this cause, following your guidance", argument="guidance"
    ),
    ReviewerCommand("explain", "show the full evidence behind this change"),
    ReviewerCommand("ignore", "close this change and stop proposing fixes for this cause"),
    ReviewerCommand("watch", "show the status of the metric watch after merge"),
    ReviewerCommand("rollback", "open a revert of this change after merge"),
    ReviewerCommand("help", "list these commands"),
)
NAMES = frozenset(c.name for c in COMMANDS)
