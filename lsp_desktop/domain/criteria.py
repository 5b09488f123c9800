"""The six accreditation criteria and the four-step traffic-light rating."""

from __future__ import annotations

from enum import StrEnum


class Criterion(StrEnum):
    STRATEGIC = "strategic"
    INCLUSIVE = "inclusive"
    ACTION_FOCUSED = "action-focused"
    PERFORMANCE_MANAGED = "performance managed"
    EFFICIENT = "efficient"
    LEARNING = "learning and development"

    @property
    def label(self) -> str:
        return CRITERION_LABELS[self]

    @classmethod
    def parse(cls, text: str) -> Criterion:
        """Accept the value, the label, or a loose spelling (`action focused`, `learning`)."""
        key = "".join(ch for ch in text.casefold() if ch.isalnum())
        for c in cls:
            names = {c.value, c.label, c.name}
            if any(key == "".join(ch for ch in n.casefold() if ch.isalnum()) for n in names):
                return c
        if key.startswith("learning"):
            return cls.LEARNING
        if key.startswith("performance"):
            return cls.PERFORMANCE_MANAGED
        raise ValueError(f"'{text}' is not one of the six criteria")


CRITERION_LABELS = {
    Criterion.STRATEGIC: "Strategic",
    Criterion.INCLUSIVE: "Inclusive",
    Criterion.ACTION_FOCUSED: "Action-focused",
    Criterion.PERFORMANCE_MANAGED: "Performance managed",
    Criterion.EFFICIENT: "Efficient",
    Criterion.LEARNING: "Focused on learning and development",
}


class Rating(StrEnum):
    """The NRU's four-step traffic light, plus 'not yet assessed'."""

    GREEN = "green"
    AMBER_GREEN = "amber/green"
    AMBER_RED = "amber/red"
    RED = "red"
    NOT_ASSESSED = "not yet assessed"

    @property
    def label(self) -> str:
        return {"green": "Green", "amber/green": "Amber/green", "amber/red": "Amber/red",
                "red": "Red", "not yet assessed": "Not yet assessed"}[self.value]

    @property
    def colour(self) -> str:
        """Hex colour for chips and cells; always shown beside the label, never alone."""
        return RATING_COLOURS[self]

    @property
    def score(self) -> int | None:
        """4 (green) .. 1 (red); None when not assessed. Higher is better."""
        return {"green": 4, "amber/green": 3, "amber/red": 2, "red": 1}.get(self.value)


RATING_COLOURS = {
    Rating.GREEN: "#2e7d32",
    Rating.AMBER_GREEN: "#9e9d24",
    Rating.AMBER_RED: "#ef6c00",
    Rating.RED: "#c62828",
    Rating.NOT_ASSESSED: "#9e9e9e",
}
