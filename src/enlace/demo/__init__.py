"""The bundled fictional case, Operación Marlín, and loading it into a store."""
