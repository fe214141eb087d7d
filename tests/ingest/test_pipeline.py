"""The ingest pipeline on both backends: jobs, failures, idempotence, resolution, resume."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select, update

from enlace.exceptions import NotFound
from enlace.ingest import jobs, queue
from enlace.ingest.jobs import IngestOptions
from enlace.ingest.resolution import merge, split
from enlace.sharing.marking import LabelOptions
from enlace.store import Store
from enlace.store.tables import document, ingest_job, judgement, statement

RESTRICTED_US = IngestOptions(LabelOptions("RESTRICTED", releasable_to=("US",)), "MX",
                              "2025-03-12")


def ingest(store: Store, paths: list[Path], user: str = "mike",
           options: IngestOptions = RESTRICTED_US) -> jobs.Batch:
    batch = jobs.enqueue_paths(store, paths, user, options)
    queue.run_inline(store, batch.id)
    return batch


def count(store: Store, table: object) -> int:
    with store.engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(table)).scalar_one())


def test_a_batch_survives_bad_files(people: Store, corpus: Path) -> None:
    batch = ingest(people, [corpus])
    assert jobs.batch_counts(people, batch.id) == {"pending": 0, "running": 0, "done": 3,
                                                    "failed": 2}
    reasons = {Path(f["path"]).name: f["error"] for f in jobs.failures(people, batch.id)}
    assert "NUL bytes" in reasons["junk.txt"] and "PDF" in reasons["broken.pdf"]
    docs = people.view("mike").documents()
    assert {d.title for d in docs} == {"arrest.txt", "Seizure at Manzanillo",
                                       "Alianza en Tamaulipas"}
    assert all(d.obtained_in == "MX" and d.published == "2025-03-12" for d in docs)


def test_extracted_statements_keep_provenance(people: Store, corpus: Path) -> None:
    ingest(people, [corpus / "arrest.txt"])
    view = people.view("mike")
    doc = view.documents()[0]
    text = view.document_text(doc.id)
    person = next(e for e in view.entities("Person") if "Héctor Salvador Ibarra Cota"
                  in e.properties.get("name", []))
    assert "El Güero Ibarra" in person.properties["alias"]
    name = next(s for s in person.statements if s.prop == "name")
    assert text[name.span_start:name.span_end] == "Héctor Salvador Ibarra Cota"
    assert name.origin.startswith("enlace-extract/")
    group = view.entity("grp-sinaloa")
    assert group.schema.name == "Organization"
    arrests = list(view.entities("Arrest"))
    assert arrests and person.id in arrests[0].properties["detained"]
    assert arrests[0].properties["date"] == ["2025-03-03"]
    memberships = [e for e in view.entities("Membership")]
    assert any(m.properties["organization"] == ["grp-sinaloa"] for m in memberships)


def test_html_scripts_never_reach_the_text(people: Store, corpus: Path) -> None:
    ingest(people, [corpus / "nested" / "page.html"])
    view = people.view("mike")
    text = view.document_text(view.documents()[0].id)
    assert "Nuevo Laredo" in text and "alert" not in text and "steal" not in text


def test_the_same_bytes_twice_store_nothing_new(people: Store, corpus: Path) -> None:
    ingest(people, [corpus])
    before = (count(people, document), count(people, statement))
    second = ingest(people, [corpus])
    assert (count(people, document), count(people, statement)) == before
    assert jobs.batch_counts(people, second.id)["done"] == 3


def test_labels_apply_to_what_was_extracted(people: Store, corpus: Path) -> None:
    ingest(people, [corpus / "arrest.txt"])
    assert people.view("ana").count_entities() == 0  # FGR is not in REL US
    with pytest.raises(NotFound):
        people.view("ana").entity("grp-sinaloa")


def test_retry_failed_runs_only_the_failures(people: Store, corpus: Path) -> None:
    ingest(people, [corpus])
    (corpus / "junk.txt").write_text("Texto corregido sobre Los Zetas en Coahuila.",
                                     encoding="utf-8")
    retry = jobs.retry_failed(people, "mike")
    assert retry.jobs == 2
    queue.run_inline(people, retry.id)
    counts = jobs.batch_counts(people, retry.id)
    assert counts == {"pending": 0, "running": 0, "done": 1, "failed": 1}  # the PDF stays
    assert count(people, document) == 4
    assert jobs.retry_failed(people, "ana").jobs == 0  # only one's own failures


def test_a_killed_run_resumes_without_loss_or_duplicates(people: Store, corpus: Path) -> None:
    batch = jobs.enqueue_paths(people, [corpus], "mike", RESTRICTED_US)
    first = jobs.pending_ids(people, batch.id)[0]
    assert jobs.claim(people, first)  # a process took it, then died before committing
    resumed = jobs.resume(people, "mike")
    assert resumed.jobs == 5
    queue.run_inline(people, resumed.id)
    assert count(people, document) == 3
    with people.engine.connect() as conn:
        statuses = dict(conn.execute(select(ingest_job.c.status, func.count())
                                     .group_by(ingest_job.c.status)).all())
    assert statuses == {"done": 3, "failed": 2}


def test_resolution_against_the_store_and_split(people: Store, tmp_path: Path) -> None:
    a = tmp_path / "a.txt"
    a.write_text("Héctor Salvador Ibarra Cota fue detenido en Culiacán.", encoding="utf-8")
    b = tmp_path / "b.txt"
    b.write_text("Héctor Salvador Ibarra Cota was charged in Texas.", encoding="utf-8")
    ingest(people, [a])
    ingest(people, [b])
    view = people.view("mike")
    people_named = [e for e in view.entities("Person")]
    assert len(people_named) == 1 and len(people_named[0].document_ids) == 2
    merged_id = people_named[0].id
    with people.engine.connect() as conn:
        assert conn.execute(select(judgement.c.origin)).scalars().all() == ["auto:same-name"]
    mike = people.principal("mike")
    ids = sorted({s.entity_id for s in people_named[0].statements})
    with people.writer() as w:
        split(w, mike, ids[0], ids[1], "two different men")
    assert len(list(people.view("mike").entities("Person"))) == 2
    ingest(people, [a], options=IngestOptions(LabelOptions("SECRET")))  # same bytes: nothing
    assert len(list(people.view("mike").entities("Person"))) == 2
    with people.writer() as w:
        merge(w, mike, ids[0], ids[1], "same passport after all")
    assert people.view("mike").entity(ids[1]).id == merged_id


def test_a_merge_is_seen_only_by_who_sees_both_sides(people: Store, tmp_path: Path) -> None:
    with people.writer() as w:
        w.add_user("lia", ["DEA", "FGR"], "SECRET")
    a = tmp_path / "a.txt"
    a.write_text("Rosa Elvira Campos Luna fue detenida en Tijuana.", encoding="utf-8")
    b = tmp_path / "b.txt"
    b.write_text("Rosa Elvira Campos Luna was indicted in San Diego.", encoding="utf-8")
    ingest(people, [a], "ana", IngestOptions(LabelOptions("RESTRICTED", releasable_to=("US",))))
    ingest(people, [b], "mike", IngestOptions(LabelOptions("RESTRICTED")))
    assert len(list(people.view("lia").entities("Person"))) == 1  # both sides visible
    assert len(list(people.view("ana").entities("Person"))) == 1  # only her own
    ana_person = next(people.view("ana").entities("Person"))
    assert ana_person.document_ids == [people.view("ana").documents()[0].id]
    assert people.view("mike").count_entities("Person") == 1


def test_merge_needs_both_visible(people: Store, tmp_path: Path) -> None:
    a = tmp_path / "a.txt"
    a.write_text("Rosa Elvira Campos Luna fue detenida en Tijuana.", encoding="utf-8")
    ingest(people, [a], "ana", IngestOptions(LabelOptions("RESTRICTED")))
    hidden = next(people.view("ana").entities("Person")).id
    with pytest.raises(NotFound), people.writer() as w:
        merge(w, people.principal("mike"), hidden, "grp-sinaloa", "guess")


def test_oversized_files_fail_without_being_read(people: Store, tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    big = tmp_path / "big.txt"
    with big.open("wb") as handle:
        handle.truncate(200 * 1024 * 1024)
    batch = jobs.enqueue_paths(people, [big], "mike", RESTRICTED_US)
    assert batch.refused == 1
    failure = jobs.failures(people, batch.id)[0]
    assert "200 MB" in failure["error"] and "ENLACE_MAX_FILE_MB" in failure["error"]
    with people.engine.connect() as conn:
        assert conn.execute(select(ingest_job.c.content_hash)).scalar() is None


def test_stale_running_jobs_are_recovered(people: Store, corpus: Path) -> None:
    batch = jobs.enqueue_paths(people, [corpus / "arrest.txt"], "mike", RESTRICTED_US)
    job = jobs.pending_ids(people, batch.id)[0]
    jobs.claim(people, job)
    from datetime import timedelta

    assert jobs.recover(people, older_than=timedelta(hours=1)) == []
    with people.engine.begin() as conn:
        conn.execute(update(ingest_job).values(started_at=ingest_job.c.started_at
                                               - timedelta(hours=2)))
    assert jobs.recover(people, older_than=timedelta(hours=1)) == [job]
