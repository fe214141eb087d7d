"""One routes module per resource, each an APIRouter under /api."""
