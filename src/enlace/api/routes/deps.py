"""Dependencies the resource routes share."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends

from enlace.api.auth import current, current_view
from enlace.api.sessions import Session
from enlace.store import View

CurrentView = Annotated[View, Depends(current_view)]
Current = Annotated[Session, Depends(current)]
