"""Parts of a results object computed the first time they are asked for, then kept with it."""
from __future__ import annotations


class ComputedOnFirstUse:
    """Mixin of a frozen results dataclass with a field ``computed: dict`` (``compare=False``):
    :meth:`_once` computes a part on first use and keeps it there (a frozen dataclass cannot set
    attributes, but its dict can hold them)."""

    computed: dict

    def _once(self, key: str, make):
        """The part ``key``: ``make()`` the first time, then the kept value."""
        if key not in self.computed:
            self.computed[key] = make()
        return self.computed[key]
