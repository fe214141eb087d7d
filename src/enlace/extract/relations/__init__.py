"""Relations stated in a sentence between the entities of a document.

Layers (each its own module): surface patterns kept as data (:mod:`.surface`,
:mod:`.surface_patterns`), anaphoric roles (:mod:`.anaphora`), the dependency parse with
cue words kept as data (:mod:`.syntax`, :mod:`.dependency`, :mod:`.cues`), and sentence
co-occurrence (:mod:`.cooccurrence`); :mod:`.assembly` runs them in order.
"""

from enlace.extract.relations.assembly import detect_relations
from enlace.extract.relations.surface_patterns import RelationPattern, load_patterns

__all__ = ["RelationPattern", "detect_relations", "load_patterns"]
