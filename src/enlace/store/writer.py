"""Changes to the store, each ``with`` block one transaction.

The writer checks what it is given (agencies, people, labels, statements) so that a bad
value fails the whole transaction and leaves nothing behind.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from types import TracebackType
from typing import TYPE_CHECKING, Any

from followthemoney.types import registry
from sqlalchemy import Connection, func, insert, select, update

from enlace.audit.record import record
from enlace.clock import to_utc, utcnow
from enlace.exceptions import InvalidData, NotFound, PolicyError
from enlace.model.markings import AGENCY_CODE_RE, Label, combine, compartment
from enlace.sharing.policy import Principal, check_can_mark
from enlace.store import access
from enlace.store.labels import agency_countries
from enlace.store.tables import (
    access_grant,
    agency,
    app_user,
    document,
    document_input,
    label_change,
    statement,
    user_agency,
    user_compartment,
    user_role,
)

if TYPE_CHECKING:
    from enlace.store.store import Store


@dataclass(frozen=True)
class NewDocument:
    """A source document about to be stored."""

    id: str
    content_hash: str | None
    label: Label
    tlp: str
    title: str | None = None
    file_name: str | None = None
    mime_type: str | None = None
    language: str | None = None
    obtained_in: str | None = None
    published: str | None = None
    parent_id: str | None = None


class Writer:
    """One transaction of changes; use it as a context manager."""

    def __init__(self, store: Store):
        self.store = store
        self._conn: Connection | None = None

    def __enter__(self) -> Writer:
        self._conn = self.store.engine.connect()
        self._conn.begin()
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        assert self._conn is not None
        try:
            if kind is None:
                self._conn.commit()
            else:
                self._conn.rollback()
        finally:
            self._conn.close()
            self._conn = None

    @property
    def conn(self) -> Connection:
        if self._conn is None:
            raise RuntimeError("use the writer in a `with` block")
        return self._conn

    # -- agencies and people ------------------------------------------------------------

    def add_agency(self, code: str, name: str, country: str) -> str:
        code = code.strip().upper()
        if not AGENCY_CODE_RE.match(code):
            raise InvalidData(f"invalid agency code {code!r}: use 3 to 16 capitals, digits, "
                              "'-' or '_' (two letters are reserved for countries)")
        cc = registry.country.clean(country)
        if cc is None or len(cc) != 2:
            raise InvalidData(f"{country!r} is not a country code (ISO 3166, e.g. MX, US)")
        if not name.strip():
            raise InvalidData("an agency needs a name (--name)")
        if self.conn.execute(select(agency.c.code).where(agency.c.code == code)).first():
            raise InvalidData(f"agency {code} already exists")
        self.conn.execute(insert(agency).values(code=code, name=name.strip(),
                                                country=cc.upper(), created_at=utcnow()))
        return code

    def add_user(self, name: str, agencies: Sequence[str], clearance: str,
                 compartments: Iterable[str] = (), roles: Iterable[str] = ("analyst",),
                 full_name: str | None = None) -> int:
        name = name.strip()
        if not name or any(c.isspace() for c in name):
            raise InvalidData(f"invalid user name {name!r}: use one word, e.g. ana.ruiz")
        if self.conn.execute(select(app_user.c.id).where(app_user.c.name == name)).first():
            raise InvalidData(f"user {name} already exists")
        if not agencies:
            raise InvalidData("a user belongs to at least one agency (--agency)")
        codes = sorted({a.strip().upper() for a in agencies})
        known = agency_countries(self.conn)
        for code in codes:
            if code not in known:
                raise InvalidData(f"unknown agency {code!r}; add it with `enlace agency add`")
        scheme = self.store.scheme
        level = scheme.level(clearance)
        role_names = sorted({scheme.role(r) for r in roles})
        user_id = self.conn.execute(insert(app_user).values(
            name=name, full_name=full_name, clearance=level.rank, active=True,
            created_at=utcnow())).inserted_primary_key[0]  # type: ignore[index]
        for code in codes:
            self.conn.execute(insert(user_agency).values(user_id=user_id, agency=code))
        for comp in sorted({compartment(c) for c in compartments}):
            self.conn.execute(insert(user_compartment).values(user_id=user_id, compartment=comp))
        for role in role_names:
            self.conn.execute(insert(user_role).values(user_id=user_id, role=role))
        return int(user_id)

    # -- documents and statements -------------------------------------------------------

    def find_document(self, owner: str | None, content_hash: str) -> str | None:
        """The id of the document ``owner`` already stored with these bytes, if any."""
        return self.conn.execute(select(document.c.id).where(
            document.c.owner == owner, document.c.content_hash == content_hash)).scalar()

    def add_document(self, new: NewDocument, creator: Principal, kind: str = "source",
                     reason: str | None = None) -> str:
        label_id = self.store.labels.ensure(self.conn, new.label)
        self.conn.execute(insert(document).values(
            id=new.id, kind=kind, content_hash=new.content_hash, owner=new.label.owner,
            label_id=label_id, tlp=new.tlp, title=new.title, file_name=new.file_name,
            mime_type=new.mime_type, language=new.language, obtained_in=new.obtained_in,
            published=new.published, parent_id=new.parent_id, created_by=creator.id,
            created_at=utcnow(), reason=reason,
        ))
        return new.id

    def add_statements(self, rows: Iterable[dict[str, Any]]) -> int:
        """Insert statement rows (dicts of the statement columns); returns how many."""
        now = utcnow()
        batch: list[dict[str, Any]] = []
        count = 0
        for row in rows:
            row.setdefault("first_seen", now)
            row.setdefault("last_seen", now)
            batch.append(row)
            if len(batch) >= 5000:
                count += self._insert_statements(batch)
                batch = []
        return count + self._insert_statements(batch)

    def _insert_statements(self, batch: list[dict[str, Any]]) -> int:
        if batch:
            self.conn.execute(insert(statement), batch)
        return len(batch)

    # -- derived documents and label changes --------------------------------------------

    def _visible(self, principal: Principal, document_ids: Iterable[str]) -> set[str]:
        wanted = sorted(set(document_ids))
        query = access.visible_documents(principal, utcnow()).where(document.c.id.in_(wanted))
        return {str(d) for d in self.conn.execute(query).scalars()}

    def _label_of(self, document_id: str) -> tuple[int, Label, str]:
        row = self.conn.execute(select(document.c.label_id, document.c.tlp)
                                .where(document.c.id == document_id)).first()
        if row is None:
            raise NotFound(f"document {document_id!r} not found")
        return row.label_id, self.store.labels.get(row.label_id, self.conn), row.tlp

    def derive(self, document_id: str, inputs: Sequence[str], by: Principal, reason: str,
               title: str | None = None, tlp: str | None = None) -> Label:
        """Create a derived document whose label combines those of ``inputs``."""
        missing = sorted(set(inputs) - self._visible(by, inputs))
        if missing or not inputs:
            raise NotFound(f"document {missing[0] if missing else '(none)'!r} not found")
        read = [self._label_of(i) for i in inputs]
        combined = combine([label for _, label, _ in read], agency_countries(self.conn))
        tlps = [tlp for _, _, tlp in read]
        order = [name for name, _ in self.store.scheme.tlp]
        strictest = max(tlps, key=lambda t: order.index(t) if t in order else len(order))
        new = NewDocument(id=document_id, content_hash=None, label=combined,
                          tlp=tlp or strictest, title=title)
        self.add_document(new, by, kind="derived", reason=reason)
        for input_id in sorted(set(inputs)):
            self.conn.execute(insert(document_input).values(document_id=document_id,
                                                            input_id=input_id))
        record(self.store, by, "document.derive",
               [f"document:{document_id}", *(f"document:{i}" for i in sorted(set(inputs)))],
               {"inputs": len(set(inputs)), "tlp": new.tlp}, conn=self.conn)
        return combined

    def change_label(self, document_id: str, new: Label, tlp: str | None, by: Principal,
                     reason: str) -> str:
        """Relabel a document, recording who, when and why; returns the direction.

        A change that makes the label stricter in any way is carried to every document
        derived from this one (derived labels never stay below their inputs)."""
        if not reason.strip():
            raise PolicyError("say why the label changes (--why): the change is recorded")
        if document_id not in self._visible(by, [document_id]):
            raise NotFound(f"document {document_id!r} not found")
        old_id, old, old_tlp = self._label_of(document_id)
        kind, creator = self.conn.execute(select(document.c.kind, document.c.created_by)
                                          .where(document.c.id == document_id)).one()
        if kind == "source" and old.owner not in by.agencies:
            raise PolicyError(f"only members of {old.owner} may relabel its documents")
        if kind == "derived" and creator != by.id and not by.roles & {"compliance", "admin"}:
            raise PolicyError("only its creator or a compliance officer may relabel a "
                              "derived document")
        if kind == "source" and new.owner != old.owner:
            raise PolicyError("relabelling keeps the owner agency")
        check_can_mark(by, new, self.store.scheme)
        direction = compare(old, new)
        self._relabel(document_id, old_id, old_tlp, new, tlp or old_tlp, by, reason, direction)
        if direction in ("raise", "mixed"):
            self._propagate(document_id, by)
        return direction

    def _relabel(self, document_id: str, old_id: int, old_tlp: str, new: Label, tlp: str,
                 by: Principal, reason: str, direction: str) -> None:
        new_id = self.store.labels.ensure(self.conn, new)
        self.conn.execute(update(document).where(document.c.id == document_id)
                          .values(label_id=new_id, tlp=tlp))
        self.conn.execute(insert(label_change).values(
            document_id=document_id, old_label_id=old_id, new_label_id=new_id,
            old_tlp=old_tlp, new_tlp=tlp, direction=direction, changed_by=by.id,
            changed_at=utcnow(), reason=reason.strip()))
        record(self.store, by, "label.change", [f"document:{document_id}"],
               {"direction": direction, "from_label_id": old_id, "to_label_id": new_id,
                "from_tlp": old_tlp, "to_tlp": tlp}, conn=self.conn)

    def _propagate(self, document_id: str, by: Principal) -> None:
        pending = [document_id]
        countries = agency_countries(self.conn)
        while pending:
            source = pending.pop()
            derived = self.conn.execute(select(document_input.c.document_id)
                                        .where(document_input.c.input_id == source)).scalars()
            for target in sorted(set(derived)):
                inputs = self.conn.execute(select(document_input.c.input_id)
                                           .where(document_input.c.document_id == target))
                labels = [self._label_of(i)[1] for i in inputs.scalars()]
                old_id, old, old_tlp = self._label_of(target)
                new = combine([old, *labels], countries)
                if new != old:
                    self._relabel(target, old_id, old_tlp, new, old_tlp, by,
                                  f"an input ({source}) was raised", "propagate")
                    pending.append(target)

    # -- grants -------------------------------------------------------------------------

    def grant(self, document_id: str, grantee_kind: str, grantee: str, by: Principal,
              expires_at: datetime | None = None, tlp: str | None = None) -> int:
        if grantee_kind not in ("user", "agency"):
            raise InvalidData("a grant goes to a user or an agency")
        if document_id not in self._visible(by, [document_id]):
            raise NotFound(f"document {document_id!r} not found")
        grant_id = self.conn.execute(insert(access_grant).values(
            document_id=document_id, grantee_kind=grantee_kind, grantee=grantee, tlp=tlp,
            granted_by=by.id, created_at=utcnow(),
            expires_at=to_utc(expires_at) if expires_at else None,
        )).inserted_primary_key[0]  # type: ignore[index]
        record(self.store, by, "grant.create", [f"document:{document_id}", f"grant:{grant_id}"],
               {"grantee_kind": grantee_kind, "grantee": grantee, "tlp": tlp,
                "expires_at": to_utc(expires_at) if expires_at else None}, conn=self.conn)
        return int(grant_id)

    def revoke(self, grant_id: int, by: Principal) -> None:
        found = self.conn.execute(update(access_grant).where(
            access_grant.c.id == grant_id, access_grant.c.revoked_at.is_(None),
        ).values(revoked_at=utcnow(), revoked_by=by.id))
        if found.rowcount != 1:
            raise NotFound(f"no active grant {grant_id}")
        document_id = self.conn.execute(select(access_grant.c.document_id)
                                        .where(access_grant.c.id == grant_id)).scalar_one()
        record(self.store, by, "grant.revoke", [f"document:{document_id}", f"grant:{grant_id}"],
               conn=self.conn)

    def count(self, table: Any) -> int:
        return int(self.conn.execute(select(func.count()).select_from(table)).scalar_one())


def compare(old: Label, new: Label) -> str:
    """Whether ``new`` is stricter ("raise"), looser ("lower"), both ("mixed") or equal."""
    stricter = (new.level > old.level or bool(new.compartments - old.compartments)
                or bool(old.releasable_to - new.releasable_to))
    looser = (new.level < old.level or bool(old.compartments - new.compartments)
              or bool(new.releasable_to - old.releasable_to))
    if stricter and looser:
        return "mixed"
    if stricter:
        return "raise"
    if looser:
        return "lower"
    return "same"

