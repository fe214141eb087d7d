"""Tests of enlace.ingest.formats, one module per parser module."""
