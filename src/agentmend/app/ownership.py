"""Is this pull request agentmend's? Decided from facts an outsider cannot forge.

A PR is agentmend's only when its head branch is in the base repository (not a fork), the app's bot
opened it, the state database holds the change agentmend recorded for that branch and PR number, and
the PR's head is the commit agentmend recorded pushing. The branch name and any marker in the body are
never enough: anyone can open a PR from a fork's `agentmend/…` branch with a copied marker.

A PR the app opened whose head someone else pushed (`pushed_by_someone_else`) is never automerged and
never force-pushed without a `regenerate`; a merge or close of it is still recorded, because only people
with write access can push to a branch of this repository and merge or close a PR.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

from agentmend.app.identity import AppIdentity
from agentmend.fixes.branches import BRANCH_PREFIX
from agentmend.store.changes import ChangeRecord

Kind = Literal["ours", "pushed_by_someone_else", "not_ours"]


@dataclass(frozen=True)
class Ownership:
    kind: Kind
    reason: str = ""  # why it is not (wholly) ours, for logs and answers
    row: ChangeRecord | None = None

    @property
    def ours(self) -> bool:
        return self.kind == "ours"


def _same_repo(pr: Mapping[str, Any], repo: str) -> bool:
    head_repo = (pr.get("head") or {}).get("repo")
    if not isinstance(head_repo, Mapping):
        return False  # GitHub sends null when the fork was deleted
    base_repo = (pr.get("base") or {}).get("repo")
    base_id = base_repo.get("id") if isinstance(base_repo, Mapping) else None
    if base_id is not None and head_repo.get("id") is not None and head_repo.get("id") != base_id:
        return False
    return str(head_repo.get("full_name") or "").lower() == repo.lower()


def judge(pr: Mapping[str, Any], repo: str, identity: AppIdentity, row: ChangeRecord | None) -> Ownership:
    """Whether `pr` (as GitHub sends it, in a webhook or from the API) is a change agentmend made."""
    head = pr.get("head") or {}
    branch = str(head.get("ref") or "")
    if not _same_repo(pr, repo):
        return Ownership("not_ours", "it comes from a fork, not from a branch of this repository")
    user = pr.get("user") or {}
    if not identity.is_app(user):
        return Ownership("not_ours", f"it was opened by {user.get('login') or 'someone'}, not by agentmend")
    if not branch.startswith(BRANCH_PREFIX):
        return Ownership("not_ours", f"its branch {branch!r} is not an agentmend branch")
    if row is None or (
        row.number is not None and pr.get("number") is not None and row.number != pr["number"]
    ):
        return Ownership("not_ours", "agentmend has no record of proposing it")
    sha = str(head.get("sha") or "")
    if not row.head_sha or sha != row.head_sha:
        pushed = f"`{row.head_sha[:7]}`" if row.head_sha else "nothing it recorded"
        return Ownership(
            "pushed_by_someone_else",
            f"someone else pushed to `{branch}`: its head is `{sha[:7]}`, agentmend pushed {pushed}",
            row,
        )
    return Ownership("ours", "", row)
