# SPDX-License-Identifier: EUPL-1.2
"""French alphabetical order of place names, independent of the database's collation."""

import unicodedata


def cle_de_tri(nom: str) -> str:
    """The key of French alphabetical order: case, accents and punctuation ignored.

    ``Épinay-sur-Seine`` sorts between ``Dugny`` and ``Fontenay``, ``L'Haÿ-les-Roses`` with
    the L, on SQLite as on PostgreSQL whatever the database's collation.
    """
    sans_accents = unicodedata.normalize("NFKD", nom).encode("ascii", "ignore").decode()
    return " ".join("".join(c if c.isalnum() else " " for c in sans_accents.lower()).split())
