"""The FollowTheMoney model, with enlace's own event schemata.

FtM reads its schema folder once, when it is first imported, from ``FTM_MODEL_PATH``.
enlace vendors FtM's folder (``schema/ftm``, MIT, see FTM-SCHEMA-LICENSE.txt) beside its
own additions (``schema/enlace``: Arrest, Seizure, Killing, ...), and the package's
``__init__`` points ``FTM_MODEL_PATH`` at both before anything imports FtM.
"""

from __future__ import annotations

from pathlib import Path

from followthemoney import model
from followthemoney.model import Model
from followthemoney.schema import Schema

from enlace.exceptions import InvalidData, StoreError

SCHEMA_PATH = Path(__file__).parent / "schema"

#: Schemata enlace adds; their presence proves the model was loaded from our folder.
ENLACE_SCHEMATA = (
    "Arrest",
    "Killing",
    "Seizure",
    "Extradition",
    "Charges",
    "SanctionAction",
    "PolicyChange",
)


def ftm_model() -> Model:
    """The loaded FtM model, checked to hold enlace's schemata."""
    if model.get(ENLACE_SCHEMATA[0]) is None:
        raise StoreError(
            "FollowTheMoney was imported before enlace could add its schemata; "
            "import enlace first, or set FTM_MODEL_PATH to "
            f"{SCHEMA_PATH}"
        )
    return model


def get_schema(name: str) -> Schema:
    """The schema called ``name``, or a clear error naming the closest choices."""
    schema = ftm_model().get(name)
    if schema is None:
        raise InvalidData(f"unknown schema {name!r}; see `ftm` schema names such as Person, "
                          "Organization, BankAccount, Event")
    return schema
