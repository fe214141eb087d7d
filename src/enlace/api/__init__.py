"""The REST API: a FastAPI app factory, one routes module per resource, one error handler."""
