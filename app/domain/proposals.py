"""Sites found in the field: the laptop records a new hazardous area and proposes it to HQ.

`propose_sites(db, document)` is `safeland site add FILE` and the window's *New site…*: each
site of a safeland/1 document's "sites" list, checked with the rules of an imported site
(`validation.validate_document`, against the saved sites too), is written as this laptop's
(Owner.DEVICE), PROPOSED, under a provisional reference, and queued for HQ in the same
transaction (app.store.sites.propose_site), so it travels up ahead of the first report on it.
All or nothing. A site whose `id` names one of this laptop's sites HQ returned is that site,
corrected and proposed again (the next proposal; HQ's reason is cleared).

The provisional reference is `PROV-<unit>-<first 8 hex digits of the site's id>` (docs/format.md,
"Sites found in the field"): the laptop makes it, the team never types it, and no national
reference can look like it. Any thread, one write at a time (the write worker, or the CLI).
"""
from __future__ import annotations

import re
import uuid
from collections.abc import Mapping
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from safeland_core.schemas import FORMAT, PROVISIONAL_PREFIX
from safeland_core.validation import Issue, validate_document

from ..db import Database
from ..models import DeviceProfile, Site
from ..store import sites as site_store
from .errors import Invalid
from .services import Changes, _check, site_shapes

# What a site found in the field takes from the laptop, not from the file.
_BOOKKEEPING = ("owner", "created_at", "updated_at", "proposal_state", "proposal_reason",
                "provisional_reference")


def provisional_reference(unit: str | None, operator: str, site_id: str) -> str:
    """`PROV-DU5-3F9A2C1B`: the unit (or, with none, the operator) in letters, digits and
    dashes, cut to 24 characters, and the first 8 hex digits of the site's id."""
    who = re.sub(r"[^A-Za-z0-9]+", "-", (unit or operator or "UNIT").strip()).strip("-")[:24]
    return f"{PROVISIONAL_PREFIX}{(who or 'UNIT').upper()}-{uuid.UUID(site_id).hex[:8].upper()}"


def _profile(s: Session) -> DeviceProfile:
    prof = s.get(DeviceProfile, 1)
    if prof is None:
        raise Invalid([Issue(("operator",), "required", "set up this laptop first (operator "
                             "and unit): a site found in the field belongs to its unit")])
    return prof


def _prepare(s: Session, raw: Any, n: int, prof: DeviceProfile,
             issues: list[Issue]) -> tuple[dict[str, Any], Site | None] | None:
    """The site as it will be checked and written (laptop's reference, operator and unit), and
    the returned row it corrects, if any; None (with issues) when it cannot be."""
    prefix: tuple = ("sites", n)
    if not isinstance(raw, Mapping):
        issues.append(Issue(prefix, "wrong_type", "must be an object"))
        return None
    data = {k: v for k, v in raw.items() if k not in _BOOKKEEPING}
    row: Site | None = None
    if data.get("id"):
        try:
            sid = str(uuid.UUID(str(data["id"])))
        except ValueError:
            issues.append(Issue(prefix + ("id",), "wrong_type", "is not a UUID"))
            return None
        row = s.get(Site, sid, options=[selectinload(Site.points)])
        if row is not None and not (row.owner == "DEVICE" and row.proposal_state == "RETURNED"):
            issues.append(Issue(prefix + ("id",), "site_exists",
                                f"site {row.reference} already exists with this id; only a site "
                                "HQ returned is proposed again"))
            return None
    else:
        sid = str(uuid.uuid4())
    data["id"] = sid
    reference = (row.provisional_reference or row.reference) if row is not None else \
        provisional_reference(prof.unit, prof.operator, sid)
    given = data.get("reference")
    if given not in (None, "", reference):
        issues.append(Issue(prefix + ("reference",), "reference_given",
                            f"a site found in the field gets its provisional reference from this "
                            f"laptop ({reference}); leave reference out: HQ gives the national "
                            "reference when it confirms the site"))
    data["reference"] = reference
    for key, mine in (("operator", prof.operator), ("unit", prof.unit)):
        if data.get(key) not in (None, "", mine):
            issues.append(Issue(prefix + (key,), "not_this_unit",
                                f"{data[key]!r} is not this laptop's {key} ({mine or '-'}): a site "
                                "found in the field belongs to the laptop's unit; leave it out"))
        data[key] = mine
    return data, row


def propose_sites(db: Database, document: Any, accept_warnings: bool = False,
                  ) -> tuple[list[str], Changes]:
    """Write and queue every site of a safeland/1 document's "sites" list, or none.
    Returns the sites' ids. Raises Invalid (errors, named `sites[0].points[2].lat: ...`) or
    NeedsConfirmation (warnings such as an overlap with a saved site)."""
    if not isinstance(document, Mapping) or document.get("format") != FORMAT:
        raise Invalid([Issue(("format",), "bad_format",
                             f"expected a JSON object with \"format\": \"{FORMAT}\"")])
    raw_sites = document.get("sites")
    if not isinstance(raw_sites, list) or not raw_sites:
        raise Invalid([Issue(("sites",), "required", "give at least one site")])
    if document.get("reports"):
        raise Invalid([Issue(("reports",), "not_allowed", "site add takes sites only; write "
                             "the reports in the window or import them")])
    with db.session(write=True) as s:
        prof = _profile(s)
        issues: list[Issue] = []
        prepared = [_prepare(s, raw, n, prof, issues) for n, raw in enumerate(raw_sites)]
        if issues:
            raise Invalid(issues)
        ready = [p for p in prepared if p is not None]
        # The rules of an imported site, against the saved sites too (a returned site is
        # checked against the others, not against its own saved copy: same reference).
        checked = validate_document({"format": FORMAT, "sites": [d for d, _ in ready],
                                     "reports": []},
                                    lambda _ref: None, other_sites=lambda: site_shapes(s))
        _check(checked.issues, accept_warnings)
        ids = []
        for (site_in, resolved), (_data, row) in zip(checked.sites, ready):
            ids.append(site_store.propose_site(s, site_in, resolved, row).id)
    return ids, Changes(sites=True, outbox=True)


def propose_site(db: Database, data: Mapping[str, Any], accept_warnings: bool = False,
                 ) -> tuple[str, Changes]:
    """One site (the window's *New site…*): `propose_sites` of a one-site document. Issues are
    named as the form's fields (`points[2].lat`, not `sites[0].points[2].lat`)."""
    from .errors import NeedsConfirmation, ServiceError

    try:
        ids, changes = propose_sites(db, {"format": FORMAT, "sites": [dict(data)]},
                                     accept_warnings)
    except ServiceError as exc:
        bare = [Issue(i.loc[2:] if i.loc[:2] == ("sites", 0) else i.loc, i.code, i.message,
                      i.severity, i.args) for i in exc.issues]
        raise (NeedsConfirmation if isinstance(exc, NeedsConfirmation) else Invalid)(bare) from None
    return ids[0], changes


def proposal_states(db: Database) -> dict[str, str]:
    """Reference -> proposal state of every site found in the field on this laptop."""
    with db.session() as s:
        return {ref: state for ref, state in s.execute(
            select(Site.reference, Site.proposal_state).where(Site.proposal_state.is_not(None)))
            if state is not None}


def returned_sites(db: Database) -> list[tuple[str, str, str | None]]:
    """This laptop's sites HQ returned: (id, reference, HQ's reason)."""
    with db.session() as s:
        return [tuple(r) for r in s.execute(  # type: ignore[misc]
            select(Site.id, Site.reference, Site.proposal_reason)
            .where(Site.proposal_state == "RETURNED").order_by(Site.reference))]
