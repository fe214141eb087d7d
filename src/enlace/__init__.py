"""enlace: organized-crime intelligence that several agencies can share under rules.

Importing the package points FollowTheMoney at enlace's schema folder (FtM's own
schemata plus crime events), which FtM reads once at its first import.
"""

from __future__ import annotations

import os
from pathlib import Path

os.environ["FTM_MODEL_PATH"] = str(Path(__file__).parent / "model" / "schema")

__version__ = "0.1.0"

__all__ = ["__version__"]
