"""A column's review status and its sign-off, kept in the front matter.

`status` goes draft → in review → approved → published (DESIGN.md). Approving records who
approved it (`approved_by`) and when (`approved_on`, ISO date); it is refused while review
marks or error findings remain, with a message saying which, because an approved column
is the one that gets published. Publishing needs an approved column; going back to draft
or review clears the approval. The front matter is changed by `document.front_matter`
(only the lines of the changed keys), so the UI applies the result as one undo step.

    >>> text = "---\\ntitle: March\\nstatus: in review\\n---\\nCalm.\\n"
    >>> print(set_status(text, "approved", "Kate Bell", dt.date(2026, 12, 4)), end="")
    ---
    title: March
    status: approved
    approved_by: Kate Bell
    approved_on: 2026-12-04
    ---
    Calm.
    >>> approval_problems("Calm {++now++}.", [])[:68]
    'The column cannot be approved yet: 1 suggestion remains (line 1: ins'

"""

from __future__ import annotations

import datetime as dt

from columnist.review.marks import ReviewError, counts_label, find_marks

STATUSES = ("draft", "in review", "approved", "published")


def current_status(values: dict[str, object]) -> str:
    """The status the front matter gives (draft when missing or unknown)."""
    status = str(values.get("status") or "draft").strip().lower()
    return status if status in STATUSES else "draft"


def approval_problems(text: str, error_messages: list[str]) -> str:
    """Why `text` cannot be approved ('' when it can): marks, then error findings."""
    marks = find_marks(text)
    if marks:
        summary = counts_label(marks).lower()
        verb = "remain" if len(marks) > 1 else "remains"
        first = marks[0].describe()
        return (f"The column cannot be approved yet: {summary} {verb} ({first}). Accept or "
                "reject every mark first.")
    if error_messages:
        count = len(error_messages)
        noun = "error" if count == 1 else "errors"
        return (f"The column cannot be approved yet: the checks found {count} {noun} "
                f"({error_messages[0]}). Fix them first (Problems panel or `columnist check`).")
    return ""


def set_status(text: str, status: str, approver: str, today: dt.date,
               error_messages: list[str] | None = None, current: str | None = None) -> str:
    """`text` with its front matter's status set to `status` (ReviewError when refused).

    `error_messages`: the error findings of the checks (approving is refused while any
    remain); `current`: the status now (publishing needs "approved")."""
    from columnist.document.front_matter import set_fields

    if status not in STATUSES:
        raise ReviewError(f"Unknown status {status!r}; one of: {', '.join(STATUSES)}.")
    changes: dict[str, object] = {"status": status}
    if status == "approved":
        problem = approval_problems(text, error_messages or [])
        if problem:
            raise ReviewError(problem)
        if not approver.strip():
            raise ReviewError("Add your name or initials in Edit ▸ Preferences (Review) to "
                              "sign the column off.")
        changes.update(approved_by=approver.strip(), approved_on=today)
    elif status == "published":
        if current not in ("approved", "published"):
            raise ReviewError("Only an approved column can be marked published: approve it "
                              "first.")
    else:
        changes.update(approved_by=None, approved_on=None)
    new = set_fields(text, changes)
    if new == text and current != status:
        raise ReviewError("The front matter could not be changed: it sits below blank lines "
                          "at the top, so it is not read. Remove those lines first.")
    return new
