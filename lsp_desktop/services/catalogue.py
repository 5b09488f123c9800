"""The criteria catalogue: each criterion's description and default prompts, from assets/."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources

from lsp_desktop.domain.accreditation import CriterionInfo
from lsp_desktop.domain.criteria import Criterion


@cache
def default_catalogue() -> dict[Criterion, CriterionInfo]:
    """The six criteria as shipped (assets/criteria.json), read once per process."""
    text = resources.files("lsp_desktop.assets").joinpath("criteria.json").read_text("utf-8")
    data = json.loads(text)["criteria"]
    return {c: CriterionInfo(c, data[c.value]["description"], tuple(data[c.value]["prompts"]))
            for c in Criterion}
