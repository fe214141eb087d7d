"""Synthetic crime-news corpus for the search benchmark: documents, labels, names.

Writes N documents (default 1,000,000) in EN (70%) and ES (30%), 120-260 words each,
drawn from a Zipf-weighted vocabulary of crime-news words, places and groups padded with
made-up filler words, plus a tail of rare words; spread over six agencies and 400 labels
(level, compartments, releases); plus one person per 20 documents with name and alias
statements. Rows go in with bulk inserts; the search index is built once at the end
(``enlace.search.reindex``).

    python bench/search/generate.py --db URL [--docs N] [--seed 7]
"""

from __future__ import annotations

import argparse
import itertools
import random
import time
from collections.abc import Iterator
from datetime import datetime

import sqlalchemy as sa

from enlace.model.markings import Label
from enlace.model.statement import statement_id
from enlace.search import reindex
from enlace.store import Store
from enlace.store.tables import document, document_text, statement


def _words(text: str) -> list[str]:
    return text.split()


AGENCIES = {"FGR": "MX", "SEMAR": "MX", "UIF": "MX", "CNI": "MX", "DEA": "US", "HSI": "US"}
COMPARTMENTS = ["SOURCES", "FININT", "OP-MARLIN"]
EN = _words("""
the cartel police arrested suspects cocaine shipment seized border tijuana laundering
extortion extorted extortionist cell leader faction rival violence killed authorities
prosecutors investigation network smuggling fentanyl methamphetamine weapons port customs
agents federal officials said report according sources money transfers accounts companies
front trucks tunnel warehouse raid operation informant san pedro sula honduras guatemala
houston laredo sinaloa jalisco michoacan of in and to a was were by with from on for that
its their group members""")
ES = _words("""
el la los las cártel policía detuvo detenidos cocaína cargamento aseguraron frontera
tijuana lavado extorsión extorsionaba extorsionadores célula líder facción rival
violencia asesinados autoridades fiscalía investigación red contrabando fentanilo
metanfetamina armas puerto aduana agentes federales funcionarios informe según fuentes
dinero transferencias cuentas empresas fachada camiones túnel bodega operativo informante
san pedro sula honduras guatemala culiacán jalisco michoacán nueva generación de en y a
fue fueron por con desde para que su sus grupo integrantes""")
FIRST = ["José", "Juan", "María", "Luis", "Ana", "Rafael", "Nemesio", "Ismael", "Ovidio",
         "Carlos", "Lucía", "Rosa", "Jorge", "Miguel", "Teresa", "Héctor"]
LAST = ["García", "Hernández", "López", "Martínez", "Guzmán", "Zambada", "Oseguera",
        "Beltrán", "Caro", "Fuentes", "Salas", "Treviño", "Cárdenas", "Quintero"]
RARE = ["".join(p) for p in itertools.product("bcdfgklmnprstvz", "aeiou", "bdfgklmnprst",
                                                 "aeiou", "bdfgklmnprst", "aeiou")]


def zipf_weights(n: int) -> list[float]:
    return [1.0 / (rank + 1) ** 1.05 for rank in range(n)]


def vocabulary(domain: list[str], filler: int = 5000) -> list[str]:
    """Domain words spread over the first ranks of a Zipf vocabulary padded with filler
    words, so that a common term such as "cartel" is in about two documents of three."""
    words = list(RARE[-filler:])
    for i, word in enumerate(domain):
        words.insert(min(len(words), 5 + i * 15), word)
    return words


def labels(rng: random.Random, count: int) -> list[Label]:
    out = {Label(0, frozenset(), frozenset(), "FGR")}
    codes = sorted(AGENCIES)
    targets = [*codes, "MX", "US"]
    while len(out) < count:
        comps = frozenset(rng.sample(COMPARTMENTS, rng.choice([0, 0, 0, 1, 1, 2])))
        release = frozenset(rng.sample(targets, rng.choice([0, 1, 1, 2, 3])))
        out.add(Label(rng.choice([0, 1, 1, 2, 2, 3]), comps, release, rng.choice(codes)))
    return sorted(out, key=lambda lb: (lb.level, lb.owner or "", sorted(lb.compartments),
                                       sorted(lb.releasable_to)))


def text(rng: random.Random, words: list[str], weights: list[float]) -> str:
    body = rng.choices(words, weights, k=rng.randint(120, 260))
    if rng.random() < 0.3:
        body[rng.randrange(len(body))] = RARE[int(rng.paretovariate(0.8)) % len(RARE)]
    if rng.random() < 0.02:
        at = rng.randrange(len(body))
        body[at:at] = ["San", "Pedro", "Sula"]
    if rng.random() < 0.05:
        at = rng.randrange(len(body))
        body[at:at] = ["Cártel", "Jalisco", "Nueva", "Generación"]
    sentences = [" ".join(body[i:i + 18]).capitalize() for i in range(0, len(body), 18)]
    return ". ".join(sentences) + "."


def rows(rng: random.Random, docs: int, label_ids: list[tuple[int, str]],
         creator: int) -> Iterator[tuple[dict[str, object], dict[str, object]]]:
    en, es = vocabulary(EN), vocabulary(ES)
    en_w, es_w = zipf_weights(len(en)), zipf_weights(len(es))
    now = datetime(2026, 1, 1)
    for i in range(docs):
        label_id, owner = label_ids[i % len(label_ids)] if i % 3 else rng.choice(label_ids)
        english = rng.random() < 0.7
        doc_id = f"doc{i:07d}"
        day = f"20{rng.randint(15, 25)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        yield ({"id": doc_id, "kind": "source", "content_hash": doc_id, "owner": owner,
                "label_id": label_id, "tlp": "AMBER", "title": f"Report {i}",
                "mime_type": rng.choice(["text/plain", "application/pdf", "message/rfc822"]),
                "language": "en" if english else "es", "obtained_in": AGENCIES[owner],
                "published": day, "created_by": creator, "created_at": now},
               {"document_id": doc_id,
                "text": text(rng, en, en_w) if english else text(rng, es, es_w)})


def names(rng: random.Random, docs: int) -> Iterator[dict[str, object]]:
    now = datetime(2026, 1, 1)
    for i in range(0, docs, 20):
        doc_id = f"doc{i:07d}"
        person = f"person{i}"
        name = f"{rng.choice(FIRST)} {rng.choice(LAST)} {rng.choice(LAST)}"
        for prop, value in (("name", name), ("alias", f"El {rng.choice(RARE).title()}")):
            yield {"id": statement_id(doc_id, person, prop, value), "entity_id": person,
                   "schema": "Person", "prop": prop, "value": value, "document_id": doc_id,
                   "origin": "bench", "first_seen": now, "last_seen": now}


def generate(url: str, docs: int, seed: int = 7) -> Store:
    rng = random.Random(seed)
    store = Store.create(url)
    with store.writer() as w:
        for code, country in AGENCIES.items():
            w.add_agency(code, f"Agency {code}", country)
        w.add_user("root", sorted(AGENCIES), "SECRET", COMPARTMENTS)
        w.add_user("analyst", ["FGR"], "CONFIDENTIAL", ["SOURCES"])
    creator = store.principal("root").id
    started = time.perf_counter()
    with store.engine.begin() as conn:
        label_ids = [(store.labels.ensure(conn, lb), lb.owner or "FGR")
                     for lb in labels(rng, 400)]
        batch_d: list[dict[str, object]] = []
        batch_t: list[dict[str, object]] = []
        for doc, body in rows(rng, docs, label_ids, creator):
            batch_d.append(doc)
            batch_t.append(body)
            if len(batch_d) >= 10_000:
                conn.execute(sa.insert(document), batch_d)
                conn.execute(sa.insert(document_text), batch_t)
                batch_d, batch_t = [], []
        if batch_d:
            conn.execute(sa.insert(document), batch_d)
            conn.execute(sa.insert(document_text), batch_t)
        conn.execute(sa.insert(statement), list(names(rng, docs)))
    loaded = time.perf_counter()
    reindex(store)
    with store.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.exec_driver_sql("ANALYZE")
    print(f"loaded {docs:,} documents in {loaded - started:.0f} s, "
          f"indexed in {time.perf_counter() - loaded:.0f} s")
    return store


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True, help="sqlite:///PATH or postgresql://...")
    parser.add_argument("--docs", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    generate(args.db, args.docs, args.seed).close()


if __name__ == "__main__":
    main()
