"""Importing this module registers every document kind: one import per module with builders (see registry.py).

The order of these imports is the order of registration, and so the order in which a plan's documents are listed:
keep it as the user reads the route (the adoption documents first), not alphabetical."""
from app.services.adoption import documents as _adoption  # noqa: F401  raadsvoorstel, raadsbesluit
from app.services.ordinance import documents as _ordinance  # noqa: F401  verordening
from app.services.documents import programmes as _programmes  # noqa: F401  uitvoeringsprogramma, leerprogramma
from app.services.projects import documents as _projects  # noqa: F401  participatieplan, participatieverslag
from app.services.projects import evaluation as _evaluation  # noqa: F401  trajectrapport
from app.services.adoption import publication as _publication  # noqa: F401  publicatie (DROP, PDF/A)
from app.services.loket import documents as _loket  # noqa: F401  besluit_verzoek
